//! `frontdesk demo`: a local server with simulated visitors, and the console logged in to it.
//!
//! [`start_demo`] creates a temporary data dir, starts the server in-process on 127.0.0.1 with
//! a SQLite file there, creates the operator `demo` with a random password, logs in, and starts
//! the visitors — tokio tasks speaking the same visitor WebSocket as the real widget, each
//! playing a scenario from `demo/scenarios/` (format: [`scenario`]). A second operator, the
//! colleague (`colleague.rs`), answers and closes the earlier chats returning visitors play
//! before their visit, and a week passes before they return (`time_lapse.rs`). [`run`] then opens the console on it, or with `--no-console` prints the
//! addresses and waits for Ctrl-C.

mod colleague;
mod link;
pub mod scenario;
mod time_lapse;
mod visitor;

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use frontdesk_protocol::OperatorRole;
use frontdesk_protocol::rest::{LoginRequest, LoginResponse};
use frontdesk_server::config::PrechatField;
use frontdesk_server::{Config, RunningServer};
use tokio::task::JoinSet;

use crate::{ConsoleOptions, run_console};

/// Login name of the demo operator.
pub const OPERATOR: &str = "demo";

/// Options of `frontdesk demo`.
#[derive(clap::Args, Debug, Clone)]
pub struct DemoArgs {
    /// How many simulated visitors come to the site (the first two at once, the rest a few
    /// seconds apart).
    #[arg(long, default_value_t = 6)]
    pub visitors: usize,
    /// Time-lapse factor for the visitors' pauses and typing (2 = twice as fast).
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Run only the server and the visitors; print the addresses and wait for Ctrl-C.
    #[arg(long)]
    pub no_console: bool,
}

/// A running demo: the server, the visitors, and the operator's session.
pub struct DemoHandle {
    pub server: RunningServer,
    pub operator_name: String,
    pub password: String,
    pub token: String,
    visitors: JoinSet<()>,
    dir: tempfile::TempDir,
}

impl DemoHandle {
    pub fn http_url(&self) -> String {
        self.server.http_url()
    }

    /// The temporary data dir: the database, and the console's session and logs.
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Stops the visitors, then the server, then removes the data dir.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        self.visitors.shutdown().await;
        self.server.shutdown().await;
        self.dir.close().context("removing the demo's data dir")
    }
}

/// Runs `frontdesk demo` until the console quits (or Ctrl-C with `--no-console`).
pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let demo = start_demo(&args).await?;
    let outcome = if args.no_console {
        println!("Frontdesk demo server: {}", demo.http_url());
        println!(
            "demo shop page with the chat widget: {}/demo",
            demo.http_url()
        );
        println!(
            "operator: {}  password: {}",
            demo.operator_name, demo.password
        );
        println!("(the data is temporary; press Ctrl-C to stop)");
        tokio::signal::ctrl_c().await.map_err(Into::into)
    } else {
        run_console(ConsoleOptions {
            server_url: demo.http_url(),
            token: demo.token.clone(),
            operator_name: demo.operator_name.clone(),
            data_dir: demo.data_dir().to_path_buf(),
            // Short enough to stay whole in an 80-column status bar.
            banner: Some(format!(
                "{}: {}/demo",
                in_console_language("магазин", "demo shop"),
                demo.http_url()
            )),
        })
        .await
    };
    let stopped = demo.shutdown().await;
    outcome.and(stopped)
}

/// Starts the server, the operator's session and the visitors.
pub async fn start_demo(args: &DemoArgs) -> anyhow::Result<DemoHandle> {
    ensure!(
        (0.1..=100.0).contains(&args.speed),
        "--speed is between 0.1 and 100"
    );
    ensure!(args.visitors <= 100, "--visitors is at most 100");
    let scenarios = scenario::all()?;
    let dir = tempfile::Builder::new()
        .prefix("frontdesk-demo-")
        .tempdir()?;
    let db = dir.path().join("frontdesk.db");
    let mut config = Config::local(db.clone());
    // Up to 100 visitors, the consoles and a browser's tabs, all connected from 127.0.0.1.
    config.connections.max_per_address = 1_000;
    // Every simulated visitor (and a browser on this machine) shares 127.0.0.1.
    config.limits.ip_messages_per_sec = 500;
    // …and each simulated visitor arrives as a new one.
    config.limits.new_visitors_per_ip_per_min = 10_000;
    // …and may open as many chats as the scenarios have.
    config.limits.new_chats_per_ip_per_hour = 0;
    // A visitor who closes the site counts as gone after the usual linger, at the demo's pace.
    config.site.linger_secs = (10.0 / args.speed).ceil() as u64;
    // The scenarios' own form fields, labelled as a site's form would label them.
    for (key, ru, en) in [
        ("order", "Номер заказа", "Order number"),
        ("company", "Компания", "Company"),
    ] {
        config.widget.prechat.fields.push(PrechatField {
            key: key.into(),
            label: in_console_language(ru, en).into(),
            ..PrechatField::default()
        });
    }
    let server = frontdesk_server::start(config).await?;

    let password = uuid::Uuid::new_v4().simple().to_string();
    // A supervisor sees every feature, which is what the demo is for.
    server
        .add_operator(
            OPERATOR,
            in_console_language("Анна", "Anna"),
            &password,
            OperatorRole::Supervisor,
        )
        .await?;
    let token = login(&server.http_url(), OPERATOR, &password).await?;
    // An ordinary operator: she only answers chats. Her password is never shown; the demo
    // logs her in itself.
    let colleague_password = uuid::Uuid::new_v4().simple().to_string();
    server
        .add_operator(
            colleague::LOGIN,
            in_console_language("Мария", "Maria"),
            &colleague_password,
            OperatorRole::Operator,
        )
        .await?;
    let colleague_token = login(&server.http_url(), colleague::LOGIN, &colleague_password).await?;
    let colleague = colleague::Colleague::new(&server.ws_url(), colleague_token);

    // A message left overnight waits under "Left a message" when the console opens, dated
    // last night.
    let overnight = scenario::left_overnight(console_is_russian())?;
    let left = visitor::Visitor::new(
        &server.ws_url(),
        overnight,
        args.speed,
        true,
        colleague.clone(),
        &db,
    )
    .leave_message()
    .await;
    if let Some(chat_id) = left
        && let Err(e) = time_lapse::left_last_night(&db, chat_id).await
    {
        tracing::warn!("the overnight message keeps today's time: {e:#}");
    }

    let mut visitors = JoinSet::new();
    let mut arrive = Duration::ZERO;
    for i in 0..args.visitors {
        let eager = i < 2;
        if !eager {
            arrive += Duration::from_secs_f64((5.0 + 7.0 * fastrand::f64()) / args.speed);
        }
        let scenario = scenarios[i % scenarios.len()].clone();
        let visitor = visitor::Visitor::new(
            &server.ws_url(),
            scenario,
            args.speed,
            eager,
            colleague.clone(),
            &db,
        );
        visitors.spawn(visitor.run(arrive));
    }
    Ok(DemoHandle {
        server,
        operator_name: OPERATOR.to_owned(),
        password,
        token,
        visitors,
        dir,
    })
}

async fn login(http_url: &str, name: &str, password: &str) -> anyhow::Result<String> {
    let resp = reqwest::Client::new()
        .post(format!("{http_url}/api/login"))
        .json(&LoginRequest {
            name: name.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await
        .context("logging in to the demo server")?
        .error_for_status()?;
    Ok(resp.json::<LoginResponse>().await?.token)
}

/// The demo's operators have real names (the greeting says "my name is …"), in the alphabet
/// of the console's language: `ru` when the locale is Russian, else `en`.
fn in_console_language(ru: &'static str, en: &'static str) -> &'static str {
    if console_is_russian() { ru } else { en }
}

/// Whether the console speaks Russian: the language the console's own tables are chosen by.
fn console_is_russian() -> bool {
    crate::i18n::detect().lang == "ru"
}
