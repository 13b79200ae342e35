use super::*;

fn hits(text: &str) -> Vec<(Rule, String, Option<String>)> {
    check(&Rules::default(), text)
        .into_iter()
        .map(|h| (h.rule, text[h.range].to_owned(), h.instead))
        .collect()
}

fn rules_hit(text: &str) -> Vec<Rule> {
    hits(text).into_iter().map(|h| h.0).collect()
}

fn clean(text: &str) {
    assert_eq!(hits(text), [], "{text:?}");
}

#[test]
fn good_messages_in_both_languages_break_nothing() {
    clean("Здравствуйте, Ольга! Уточню и вернусь с ответом через минуту.");
    clean("Вы можете оплатить заказ при получении. Вам удобно завтра?");
    clean("Hello, Olga! Let me check and come back to you in a minute.");
    clean("Ваш заказ A-1043 передан в СДЭК, трек 12345678.");
    clean("Минутку... сейчас проверю.");
    clean("Подробнее: https://shop.example/delivery");
    clean("Напишите нам на help@shop.example");
    clean("Это т.е. почти готово.");
    clean("Готово?!");
    clean("Спасибо :)");
    clean("Цена 1 500 руб.");
}

#[test]
fn a_sentence_starts_with_a_capital() {
    assert_eq!(
        hits("Здравствуйте! сейчас проверю."),
        [(
            Rule::SentenceCapital,
            "сейчас".into(),
            Some("Сейчас".into())
        )]
    );
    assert_eq!(
        hits("hello. let me check."),
        [
            (Rule::SentenceCapital, "hello".into(), Some("Hello".into())),
            (Rule::SentenceCapital, "let".into(), Some("Let".into())),
        ]
    );
    // After an opening quote the letter is still the sentence's first.
    assert_eq!(
        rules_hit("«да, конечно», — ответили мы."),
        [Rule::SentenceCapital]
    );
    // A link or an address may start the message in lowercase; a number starts nothing.
    clean("https://shop.example/a — здесь всё есть.");
    clean("olga@example.ru — Ваш адрес?");
    clean("5 штук осталось.");
}

#[test]
fn the_english_pronoun_i_is_a_capital() {
    assert_eq!(
        hits("Sure, i can check. Then i'll write and i’m done."),
        [
            (Rule::CapitalI, "i".into(), Some("I".into())),
            (Rule::CapitalI, "i'll".into(), Some("I'll".into())),
            (Rule::CapitalI, "i’m".into(), Some("I’m".into())),
        ]
    );
    // At a sentence's start it says the more telling reason once.
    assert_eq!(
        hits("i will check."),
        [(Rule::CapitalI, "i".into(), Some("I".into()))]
    );
    // A letter named is no pronoun; nor is a word that only starts with i, or Cyrillic «и».
    clean("Choose option (i) or (ii), i.e. the first.");
    clean("Step i) comes first.");
    clean("It is ideal, и это всё.");
    clean("I can check, I'll write and I’m done.");
    let mut off = Rules::default();
    off.on.capital_i = false;
    assert_eq!(check(&off, "Sure, i can.").len(), 0);
}

#[test]
fn the_message_ends_with_punctuation() {
    assert_eq!(
        hits("Доставим завтра"),
        [(Rule::EndPunctuation, "а".into(), None)]
    );
    assert_eq!(rules_hit("We will ship tomorrow"), [Rule::EndPunctuation]);
    assert_eq!(rules_hit("Номер заказа 1043"), [Rule::EndPunctuation]);
    clean("Доставим завтра.");
    clean("«Доставим завтра.»");
    clean("Shipped (tomorrow).");
    clean("Спасибо 🙂");
}

#[test]
fn polite_you_is_capitalised_but_not_in_quotes() {
    assert_eq!(
        hits("Здравствуйте! Мы отправим вам ваш заказ завтра."),
        [
            (Rule::PoliteYou, "вам".into(), Some("Вам".into())),
            (Rule::PoliteYou, "ваш".into(), Some("Ваш".into())),
        ]
    );
    // At a sentence start "вы" breaks both rules; one hit says the politer thing.
    assert_eq!(
        hits("Спасибо. вы правы."),
        [(Rule::PoliteYou, "вы".into(), Some("Вы".into()))]
    );
    clean("Вы правы.");
    clean("Вы написали «вы не ответили», извините за ожидание.");
    clean("Вы написали \"где ваш менеджер\", отвечаю.");
    // English has no such form.
    clean("Thank you, we will call you.");
}

#[test]
fn banned_phrases_come_with_what_to_say_instead() {
    assert_eq!(
        hits("Я не знаю, когда будет поставка."),
        [(
            Rule::BannedPhrase,
            "не знаю".into(),
            Some("уточню и вернусь с ответом".into())
        )]
    );
    assert_eq!(
        hits("Sorry, I don't know."),
        [(
            Rule::BannedPhrase,
            "I don't know".into(),
            Some("let me check and come back to you".into())
        )]
    );
    assert_eq!(
        rules_hit("Sorry, I don’t know."),
        [Rule::BannedPhrase],
        "typographic apostrophe"
    );
    clean("Не знаете, где трек? Подскажу.");
    clean("I know the answer.");
    // As they are typed in a hurry: without the apostrophe, or as chat shorthand.
    for (text, phrase) in [
        ("Sorry, I dont know.", "I dont know"),
        ("Sorry, idk.", "idk"),
        ("Хз, где он.", "Хз"),
        ("Я не в курсе, увы.", "не в курсе"),
    ] {
        let found = hits(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(
            (found[0].0, found[0].1.as_str()),
            (Rule::BannedPhrase, phrase)
        );
        assert!(found[0].2.is_some(), "{text}: what to say instead");
    }
}

#[test]
fn slang_and_chat_abbreviations() {
    assert_eq!(
        hits("Щас проверю."),
        [(Rule::Slang, "Щас".into(), Some("сейчас".into()))]
    );
    assert_eq!(
        hits("Thx, I will check."),
        [(Rule::Slang, "Thx".into(), Some("thank you".into()))]
    );
    assert_eq!(
        hits("Мб завтра, оч надеюсь."),
        [
            (Rule::Slang, "Мб".into(), Some("может быть".into())),
            (Rule::Slang, "оч".into(), Some("очень".into())),
        ]
    );
    clean("Сейчас проверю.");
    clean("Please hold on.");
}

#[test]
fn all_caps_but_not_abbreviations() {
    assert_eq!(
        hits("Это ОЧЕНЬ важно."),
        [(Rule::AllCaps, "ОЧЕНЬ".into(), Some("очень".into()))]
    );
    assert_eq!(rules_hit("This is URGENT."), [Rule::AllCaps]);
    clean("Укажите ИНН и КПП.");
    clean("Send it as PDF.");
    clean("Да, ОК.");
}

#[test]
fn repeated_punctuation_once_is_enough() {
    assert_eq!(
        hits("Спасибо!!!"),
        [(Rule::RepeatedPunctuation, "!!!".into(), Some("!".into()))]
    );
    assert_eq!(
        hits("Really??"),
        [(Rule::RepeatedPunctuation, "??".into(), Some("?".into()))]
    );
    assert_eq!(rules_hit("Ну...."), [Rule::RepeatedPunctuation]);
    assert_eq!(rules_hit("Да,, конечно."), [Rule::RepeatedPunctuation]);
    clean("Правда?!");
    clean("Ну... хорошо.");
    clean("Смотрите https://shop.example/?q=a??b");
}

#[test]
fn team_phrases_and_switches_from_the_user_file() {
    let rules = Rules::with_user_file(
        "[rules]\nend_punctuation = false\n[[team]]\nphrase = \"дорогой клиент\"\n\
         instead = \"по имени\"\n[[team]]\nphrase = \"dear customer\"\n\
         instead = \"the visitor's name\"\n",
    )
    .expect("parses");
    let found = |text: &str| -> Vec<(Rule, String, Option<String>)> {
        check(&rules, text)
            .into_iter()
            .map(|h| (h.rule, text[h.range].to_owned(), h.instead))
            .collect()
    };
    assert_eq!(
        found("Дорогой клиент, спасибо"),
        [(
            Rule::TeamPhrase,
            "Дорогой клиент".into(),
            Some("по имени".into())
        )]
    );
    assert_eq!(
        found("Thank you, dear   Customer!"),
        [(
            Rule::TeamPhrase,
            "dear   Customer".into(),
            Some("the visitor's name".into())
        )]
    );
    // Only the whole phrase, word by word, in its order: not a part, not other forms.
    for fine in [
        "Дорогой друг, спасибо",
        "Клиент дорогой, спасибо",
        "Дорогой, клиенту ответили",
        "Our dear customers are welcome.",
        "Dear Olga, your customer number is 5.",
    ] {
        assert_eq!(found(fine), [], "{fine:?}");
    }
    // Switched off, the team's list says nothing; the end punctuation rule was switched off.
    let off = Rules::with_user_file(
        "[rules]\nteam_phrases = false\n[[team]]\nphrase = \"dear customer\"\n",
    )
    .expect("parses");
    assert_eq!(check(&off, "Thank you, dear customer."), []);
    assert_eq!(check(&rules, "No full stop here"), []);
}

#[test]
fn english_tricky_cases_quotes_links_addresses_numbers() {
    // Quotes: the letter after an opening quote starts the sentence; a full stop inside the
    // closing quote ends the message.
    clean("\u{201c}Thanks!\u{201d} is all we need.");
    clean("You wrote \"where is my order\", so I checked.");
    clean("We call it \"Express.\"");
    assert_eq!(
        hits("\"thanks,\" she said."),
        [(
            Rule::SentenceCapital,
            "thanks".into(),
            Some("Thanks".into())
        )]
    );
    assert_eq!(rules_hit("We call it \"Express\""), [Rule::EndPunctuation]);
    // A link: may start or end the message, its marks and capitals are its own.
    clean("https://shop.example/help has the answer.");
    clean("Track it at https://shop.example/track?id=42");
    clean("See https://shop.example/SALE?q=a!!b today.");
    assert_eq!(
        hits("See https://shop.example/faq. it explains."),
        [(Rule::SentenceCapital, "it".into(), Some("It".into()))]
    );
    // An e-mail address: never a word, never shouting, fine at either end.
    clean("olga.smith@example.com is your login?");
    clean("Write to SUPPORT@SHOP.EXAMPLE today.");
    clean("Write to help@shop.example");
    assert_eq!(
        hits("Email help@shop.example. we reply fast."),
        [(Rule::SentenceCapital, "we".into(), Some("We".into()))]
    );
    // Numbers: a decimal point ends nothing, a number starts nothing, a code is not shouting.
    clean("It costs $15.99 and ships in 2 days.");
    clean("2 items are left.");
    clean("Use code SALE20 at checkout.");
    assert_eq!(rules_hit("Your order is 1043"), [Rule::EndPunctuation]);
    assert_eq!(
        hits("It costs 15.99. shipping is free."),
        [(
            Rule::SentenceCapital,
            "shipping".into(),
            Some("Shipping".into())
        )]
    );
}

#[test]
fn ranges_are_on_character_boundaries_of_the_draft() {
    let text = "«вы» щас!!! ЗДРАВСТВУЙТЕ вы не знаю";
    for hit in check(&Rules::default(), text) {
        assert!(text.get(hit.range.clone()).is_some(), "{hit:?}");
    }
}
