//! What the generated year's people write: short lines about orders, delivery, payment and
//! returns, in Russian (most chats) and English, with the inflected forms a search must find
//! ("заказ" in «заказал», «заказа»; "order" in "ordered"). Numbers make lines differ.

use fastrand::Rng;

const VISITOR_RU: &[&str] = &[
    "Здравствуйте, я заказал диван на прошлой неделе, когда привезут?",
    "Где мой заказ №{n}? Статус не меняется третий день",
    "Можно ли оплатить заказ картой при получении?",
    "Хочу вернуть товар, он не подошёл по размеру",
    "Доставка задерживается, курьер не звонил",
    "Подскажите, есть ли этот стол в наличии в Казани?",
    "Сколько стоит доставка до Екатеринбурга?",
    "Мне пришёл не тот цвет, заказывала серый",
    "Можно поменять адрес доставки для заказа {n}?",
    "Спасибо, всё понятно",
    "А скидка на второй заказ действует?",
    "Когда вернут деньги за возврат №{n}?",
];

const OPERATOR_RU: &[&str] = &[
    "Здравствуйте! Меня зовут {op}, сейчас помогу.",
    "Уточню статус заказа и вернусь с ответом через минуту.",
    "Ваш заказ №{n} передан в службу доставки, курьер позвонит накануне.",
    "Оплатить можно картой или наличными при получении.",
    "Оформим возврат: пришлите, пожалуйста, номер заказа.",
    "Доставка по городу бесплатная от 5000 рублей.",
    "Да, этот стол есть в наличии, могу оформить резерв.",
    "Деньги за возврат поступят в течение 10 рабочих дней.",
    "Адрес доставки изменил, проверьте, пожалуйста, письмо.",
    "Пожалуйста! Хорошего дня.",
];

const VISITOR_EN: &[&str] = &[
    "Hi, I ordered a sofa last week, when will it arrive?",
    "Where is my order #{n}? The status has not changed",
    "Can I pay for the order by card on delivery?",
    "I would like to return an item, it does not fit",
    "The delivery is late and the courier never called",
    "Do you ship to Berlin?",
    "I was charged twice for order {n}",
    "Thanks, that helps",
];

const OPERATOR_EN: &[&str] = &[
    "Hello! I am {op}, happy to help.",
    "Let me check the order status and get back to you in a minute.",
    "Your order #{n} is with the courier, they will call the day before.",
    "You can pay by card or in cash on delivery.",
    "I have started the refund for order {n}; it takes up to ten working days.",
    "Yes, we ship across the EU.",
    "You are welcome, have a nice day!",
];

pub const NAMES_RU: &[&str] = &[
    "Анна",
    "Светлана",
    "Дмитрий",
    "Ольга",
    "Игорь",
    "Мария",
    "Алексей",
    "Наталья",
    "Сергей",
    "Екатерина",
];
pub const NAMES_EN: &[&str] = &["John", "Emma", "Oliver", "Sophia", "Liam", "Mia"];

/// The queries the benchmark times: stems, inflected forms, two words, English, a name.
pub const QUERIES: &[&str] = &[
    "заказ",
    "заказал",
    "доставка",
    "доставки",
    "возврат",
    "оплатить",
    "диван",
    "курьер",
    "скидка",
    "наличии",
    "order",
    "ordered",
    "delivery",
    "refund",
    "courier",
    "sofa",
    "заказ доставка",
    "возврат деньги",
    "order status",
    "Светлана",
    "Berlin",
    "Казани",
    "адрес доставки",
    "charged twice",
    "серый",
];

/// A line of a chat in `english` or Russian; `n` varies it.
pub fn line(rng: &mut Rng, visitor: bool, english: bool, operator_name: &str) -> String {
    let bank = match (visitor, english) {
        (true, false) => VISITOR_RU,
        (false, false) => OPERATOR_RU,
        (true, true) => VISITOR_EN,
        (false, true) => OPERATOR_EN,
    };
    bank[rng.usize(..bank.len())]
        .replace("{n}", &rng.u32(10_000..99_999).to_string())
        .replace("{op}", operator_name)
}

/// A visitor's name for the pre-chat form.
pub fn name(rng: &mut Rng, english: bool) -> &'static str {
    let names = if english { NAMES_EN } else { NAMES_RU };
    names[rng.usize(..names.len())]
}
