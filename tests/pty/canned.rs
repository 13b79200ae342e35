//! Canned replies in the real binary (120x24 pty, real server, real visitor socket): one hotkey
//! greets a new visitor by name, a broken reply file written while the console runs is named in
//! the status bar, a good one is offered in the picker and sent from it, and the use counts
//! land in the data dir.

use frontdesk_protocol::{PrechatFields, VisitorIn};

use crate::common::{Setup, Visitor};
use crate::keys::{ALT_G, CTRL_R, ENTER};
use crate::support::take_selected_chat;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hotkey_greets_the_visitor_by_name_and_a_new_file_is_offered_live() {
    let setup = Setup::start().await;
    // The config dir exists (empty): the console watches it for a user library.
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    // Wide enough for a file name in the status bar.
    let mut console = setup.console_sized(24, 120);
    console.wait_text("online").await;

    let (mut visitor, _) = Visitor::join(&setup.server.http_url(), None).await;
    let fields = PrechatFields {
        name: Some("Ольга".into()),
        ..PrechatFields::default()
    };
    let prechat = VisitorIn::Prechat {
        id: "pc-1".into(),
        fields,
    };
    visitor.command(prechat, "pc-1").await;
    visitor.start_chat("Добрый день!").await;
    console.wait_text("Добрый день!").await;
    take_selected_chat(&mut console).await;

    // The visitor's browser speaks Russian: the Russian greeting, filled, goes out at once.
    console.keys(ALT_G);
    let greeting = "Здравствуйте, Ольга! Меня зовут Анна. Чем я могу Вам помочь?";
    visitor.gets_operator_text(greeting).await;
    console.wait_text("Здравствуйте, Ольга!").await;
    let usage = setup.data_dir().join("canned_usage.toml");
    let deadline = tokio::time::Instant::now() + crate::common::WAIT;
    while !std::fs::read_to_string(&usage).is_ok_and(|t| t.contains("greeting = 1")) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "use count never written"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }

    // A broken file written now is named, with its line, in the status bar.
    let dir = setup.config_dir().join("canned_replies/ru");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("broken.md"),
        "+++\nid = \"b\"\ntitle = 3\n+++\nx\n",
    )
    .expect("write");
    console.wait_text("canned_replies/ru/broken.md:3:").await;

    // A reply written next is picked up too and offered by the picker; the broken file does
    // not keep it out.
    let file = dir.join("parcel.md");
    let text = "+++\nid = \"parcel\"\ntitle = \"Посылка в пути\"\nlang = \"ru\"\nsend = true\n+++\n\
                {visitor.name}, Ваша посылка уже в пути.\n";
    std::fs::write(&file, text).expect("write");
    console.keys(CTRL_R);
    console.wait_text("Canned replies").await;
    console.keys("посылка");
    // Until the reload arrives nothing matches; poll the screen, not the clock.
    console.wait_text("Посылка в пути").await;
    console.wait_text("Ольга, Ваша посылка уже в пути.").await;
    console.keys(ENTER);
    visitor
        .gets_operator_text("Ольга, Ваша посылка уже в пути.")
        .await;

    assert!(console.quit().await.success());
}
