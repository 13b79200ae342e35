//! Operators that ask the server to pack their live events (as the console does) still
//! receive every load message exactly once: the message run against the real server,
//! in-process, with `--operator-pack-ms`; visitors that send live drafts beside their
//! messages (`--typing`); and hostile visitors flooding pings beside them (`--flood-visitors`).

use clap::Parser;
use frontdesk_loadgen::Args;
use frontdesk_protocol::OperatorRole;

/// A real server in this process whose limits let every visitor of a run come from 127.0.0.1,
/// with the operator account `bench`.
async fn server() -> (tempfile::TempDir, frontdesk_server::RunningServer) {
    server_with(|config| config.limits.visitor_frames_per_sec = 100_000).await
}

async fn server_with(
    tweak: impl FnOnce(&mut frontdesk_server::Config),
) -> (tempfile::TempDir, frontdesk_server::RunningServer) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut config = frontdesk_server::Config::local(dir.path().join("frontdesk.db"));
    tweak(&mut config);
    config.limits.visitor_messages_per_sec = 100_000;
    config.limits.ip_messages_per_sec = 10_000_000;
    config.limits.new_visitors_per_ip_per_min = 1_000_000;
    let server = frontdesk_server::start(config)
        .await
        .expect("the server starts");
    server
        .add_operator("bench", "Bench", "bench-password", OperatorRole::Operator)
        .await
        .expect("the operator account");
    (dir, server)
}

/// The run's arguments against `server` as operator `bench`: one operator socket, two seconds
/// of sending and two of draining, then `extra`.
fn run_args(server: &frontdesk_server::RunningServer, extra: &str) -> Args {
    let url = server.http_url();
    let mut argv = vec![
        "frontdesk-loadgen",
        "--server",
        &url,
        "--operator",
        "bench",
        "--password",
        "bench-password",
        "--operators",
        "1",
        "--duration",
        "2",
        "--drain",
        "2",
    ];
    argv.extend(extra.split_whitespace());
    Args::parse_from(argv)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_asking_for_packed_events_get_every_message_once() {
    let (_dir, server) = server().await;
    let args = run_args(
        &server,
        "--active-visitors 4 --rate 200 --operator-pack-ms 40",
    );
    let report = frontdesk_loadgen::run(args).await.unwrap();
    let tally = &report.messages;
    assert_eq!(tally.planned, 400);
    assert_eq!(tally.sent, tally.planned, "{report:?}");
    assert_eq!(tally.acked, tally.planned, "{report:?}");
    assert_eq!(tally.delivered_to_all, tally.planned, "{report:?}");
    assert_eq!((tally.lost, tally.unacked, report.duplicates), (0, 0, 0));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_drafts_go_out_beside_the_messages_and_lose_none_of_them() {
    let (_dir, server) = server().await;
    let args = run_args(&server, "--active-visitors 4 --rate 100 --typing 10");
    let report = frontdesk_loadgen::run(args).await.unwrap();
    // Ten a second from each of four visitors for two seconds, on a timer that may slip.
    let typing = report.cpu.typing_sent;
    assert!((60..=84).contains(&typing), "{typing} drafts: {report:?}");
    assert_eq!(report.setup.typing, 10);
    let tally = &report.messages;
    assert_eq!(tally.planned, 200);
    assert_eq!(tally.acked, tally.planned, "{report:?}");
    assert_eq!(tally.delivered_to_all, tally.planned, "{report:?}");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_visitors_get_their_frame_rate_and_the_run_loses_nothing() {
    // The server's own frame rate per visitor socket, as a spawned server keeps it.
    let (_dir, server) = server_with(|_| {}).await;
    let per_sec = frontdesk_server::Config::default()
        .limits
        .visitor_frames_per_sec;
    let args = run_args(&server, "--active-visitors 10 --rate 50 --flood-visitors 2");
    let report = frontdesk_loadgen::run(args).await.unwrap();
    let flood = report.flood;
    assert_eq!(flood.visitors, 2);
    // Each is answered at about the server's rate (plus its burst over a short run), never at
    // the rate it sends (without the bound: some 25,000 a second each).
    assert!(flood.pongs > 0, "{flood:?}");
    assert!(
        flood.answered_per_visitor_sec <= f64::from(per_sec) * 2.5,
        "{flood:?}"
    );
    assert!(flood.pings_sent > flood.pongs, "{flood:?}");
    let tally = &report.messages;
    assert_eq!(tally.acked, tally.planned, "{report:?}");
    assert_eq!(tally.delivered_to_all, tally.planned, "{report:?}");
    server.shutdown().await;
}
