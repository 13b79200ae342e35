//! Operators that ask the server to pack their live events (as the console does) still
//! receive every load message exactly once: the message run against the real server,
//! in-process, with `--operator-pack-ms`.

use clap::Parser;
use frontdesk_loadgen::Args;
use frontdesk_protocol::OperatorRole;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_asking_for_packed_events_get_every_message_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = frontdesk_server::Config::local(dir.path().join("frontdesk.db"));
    // Every visitor of the run comes from 127.0.0.1.
    config.limits.visitor_messages_per_sec = 100_000;
    config.limits.ip_messages_per_sec = 10_000_000;
    config.limits.new_visitors_per_ip_per_min = 1_000_000;
    let server = frontdesk_server::start(config).await.unwrap();
    server
        .add_operator("bench", "Bench", "bench-password", OperatorRole::Operator)
        .await
        .unwrap();

    let args = Args::parse_from([
        "frontdesk-loadgen",
        "--server",
        &server.http_url(),
        "--operator",
        "bench",
        "--password",
        "bench-password",
        "--active-visitors",
        "4",
        "--operators",
        "1",
        "--rate",
        "200",
        "--duration",
        "2",
        "--drain",
        "2",
        "--operator-pack-ms",
        "40",
    ]);
    let report = frontdesk_loadgen::run(args).await.unwrap();
    let tally = &report.messages;
    assert_eq!(tally.planned, 400);
    assert_eq!(tally.sent, tally.planned, "{report:?}");
    assert_eq!(tally.acked, tally.planned, "{report:?}");
    assert_eq!(tally.delivered_to_all, tally.planned, "{report:?}");
    assert_eq!((tally.lost, tally.unacked, report.duplicates), (0, 0, 0));
    server.shutdown().await;
}
