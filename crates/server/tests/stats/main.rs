//! Statistics and staffing over the real server. `history.rs` writes a week with chosen
//! timestamps into the server's own SQLite file (edges at exactly 60 s, a chat across
//! midnight, presence across the period's edges) and the tests here read it through
//! `GET /api/stats` / `GET /api/staffing`; `live.rs` makes its history over real WebSockets
//! where the clock need not be controlled. Expected numbers are worked out by hand in the
//! comments, from the table in `history.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
mod history;
mod live;
mod ratings;
mod staffing;
mod summaries;

use frontdesk_protocol::stats::{GroupStats, Metrics, StatsReport};
use frontdesk_server::Config;
use frontdesk_server::routing::Department;
use history::{DAY, HOUR, History, T0, history};
use serde_json::Value;

/// `[routing]` with sales (anna) and support (boris).
pub fn sales_and_support(config: &mut Config) {
    let dep = |key: &str, title: &str, op: &str| Department {
        key: key.to_owned(),
        title: title.to_owned(),
        operators: vec![op.to_owned()],
    };
    config.routing.departments = vec![
        dep("sales", "Отдел продаж", "anna"),
        dep("support", "Поддержка", "boris"),
    ];
}

/// `GET path` with the token; the status and the JSON body.
pub async fn get(server: &common::TestServer, token: &str, path: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", server.server.http_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

fn week(by: &str, tz: &str) -> String {
    format!(
        "/api/stats?since={T0}&until={}&by={by}&tz={tz}",
        T0 + 7 * DAY
    )
}

async fn report(h: &History, token: &str, by: &str, tz: &str) -> StatsReport {
    let (status, body) = get(&h.server, token, &week(by, tz)).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

fn group<'a>(r: &'a StatsReport, key: &str) -> &'a Metrics {
    &r.groups
        .iter()
        .find(|g| g.key == key)
        .unwrap_or_else(|| panic!("no group {key:?} in {:?}", keys(r)))
        .metrics
}

fn keys(r: &StatsReport) -> Vec<&str> {
    r.groups
        .iter()
        .map(|g: &GroupStats| g.key.as_str())
        .collect()
}

#[tokio::test]
async fn totals_of_the_week_for_a_supervisor() {
    let h = history().await;
    let t = report(&h, &h.irina, "operator", "UTC").await.total;
    // Chats 1–4 are live and in the period (6 is before it, 5 is an offline message).
    assert_eq!(
        (t.chats_started, t.chats_answered, t.chats_missed),
        (4, 3, 1)
    );
    // First responses 20 s, 60 s, 61 s: the median is the 2nd, p90 the 3rd (nearest rank);
    // 60 s exactly is within a minute, 61 s is not.
    assert_eq!(t.first_response_median_ms, Some(60_000));
    assert_eq!(t.first_response_p90_ms, Some(61_000));
    assert_eq!(t.first_response_within_60s, 2);
    assert_eq!(t.first_response_within_60s_share, Some(0.667));
    // Replies: 60 + 30 (chat 1), 61 (chat 2), 20 (chat 4) → 171 s / 4.
    assert_eq!(t.response_avg_ms, Some(42_750));
    // Durations 600 s, 300 s, 1800 s (chat 4 runs past midnight in full).
    assert_eq!(t.duration_avg_ms, Some(900_000));
    assert_eq!(t.duration_median_ms, Some(600_000));
    // Notes and whispers are not messages to or from the visitor.
    assert_eq!(
        (t.messages_from_visitors, t.messages_from_operators),
        (6, 5)
    );
    assert_eq!((t.offline_messages, t.offline_answered), (1, 1));
    assert_eq!(t.offline_answer_median_ms, Some(HOUR));
    assert_eq!(t.last_message_unanswered, 1);
    assert_eq!(
        t.chats_left_waiting, 1,
        "chat 2's visitor left before the answer"
    );
    // anna: 2 h online and 1 h away from T0, 1 h online at the end; boris 1 h.
    assert_eq!((t.online_ms, t.away_ms), (4 * HOUR, HOUR));
    assert_eq!(t.chats_per_online_hour, Some(0.75));
}

#[tokio::test]
async fn per_operator_with_one_and_two_samples() {
    let h = history().await;
    let r = report(&h, &h.irina, "operator", "UTC").await;
    assert_eq!(keys(&r), ["anna", "boris"]);
    assert_eq!(r.groups[0].label, "Анна Петрова");
    let anna = group(&r, "anna");
    // Two samples (60 s, 61 s): the median is the lower, p90 the upper.
    assert_eq!(
        (anna.first_response_median_ms, anna.first_response_p90_ms),
        (Some(60_000), Some(61_000))
    );
    assert_eq!(
        (anna.chats_started, anna.chats_missed, anna.offline_messages),
        (2, 0, 1)
    );
    assert_eq!((anna.online_ms, anna.away_ms), (3 * HOUR, HOUR));
    assert_eq!(anna.chats_per_online_hour, Some(0.667));
    let boris = group(&r, "boris");
    // One sample is every percentile; the missed chat was his (he took it, wrote only a note).
    assert_eq!(
        (boris.first_response_median_ms, boris.first_response_p90_ms),
        (Some(20_000), Some(20_000))
    );
    assert_eq!(
        (
            boris.chats_started,
            boris.chats_answered,
            boris.chats_missed
        ),
        (2, 1, 1)
    );
    assert_eq!(boris.online_ms, HOUR);
}

#[tokio::test]
async fn a_plain_operator_sees_only_their_department() {
    let h = history().await;
    let r = report(&h, &h.anna, "department", "UTC").await;
    assert_eq!(keys(&r), ["sales"]);
    assert_eq!(r.groups[0].label, "Отдел продаж");
    assert_eq!(
        r.total.chats_started, 2,
        "support's chats 3 and 4 are not anna's to see"
    );
    assert_eq!(r.total.chats_missed, 0);
    assert_eq!(r.total.online_ms, 3 * HOUR, "boris's presence is support's");
    let r = report(&h, &h.anna, "operator", "UTC").await;
    assert_eq!(keys(&r), ["anna"]);
    // And the other way round: boris sees support alone.
    let r = report(&h, &h.boris, "department", "UTC").await;
    assert_eq!(keys(&r), ["support"]);
    assert_eq!((r.total.chats_started, r.total.chats_missed), (2, 1));
    // The supervisor sees both.
    let r = report(&h, &h.irina, "department", "UTC").await;
    assert_eq!(keys(&r), ["sales", "support"]);
    assert_eq!(group(&r, "support").online_ms, HOUR);
}

#[tokio::test]
async fn hours_and_days_follow_the_time_zone_and_a_chat_counts_where_it_started() {
    let h = history().await;
    let utc = report(&h, &h.irina, "hour", "UTC").await;
    let msk = report(&h, &h.irina, "hour", "Europe/Moscow").await;
    assert_eq!(utc.groups.len(), 24);
    // Chat 4 starts Monday 23:50 UTC, 02:50 Tuesday in Moscow, and ends after midnight.
    assert_eq!(group(&utc, "23").chats_started, 1);
    assert_eq!(group(&utc, "00").chats_started, 0);
    assert_eq!(group(&msk, "02").chats_started, 1);
    assert_eq!(group(&msk, "23").chats_started, 0);
    // Chat 1 at 10 UTC is 13 in Moscow.
    assert_eq!(group(&utc, "10").chats_started, 1);
    assert_eq!(group(&msk, "13").chats_started, 1);
    assert_eq!(group(&utc, "23").duration_avg_ms, Some(30 * 60_000));
    // anna's first hours: 00–02 UTC online, 02–03 away; the last hour of the week (23 UTC).
    assert_eq!(group(&utc, "00").online_ms, HOUR);
    assert_eq!(group(&utc, "02").away_ms, HOUR);
    assert_eq!(group(&utc, "23").online_ms, HOUR);
    assert_eq!(group(&msk, "03").online_ms, HOUR);
    let days_utc = report(&h, &h.irina, "weekday", "UTC").await;
    let days_msk = report(&h, &h.irina, "weekday", "Europe/Moscow").await;
    assert_eq!(
        keys(&days_utc),
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    );
    assert_eq!(group(&days_utc, "mon").chats_started, 4);
    assert_eq!(group(&days_msk, "mon").chats_started, 3);
    assert_eq!(group(&days_msk, "tue").chats_started, 1);
    assert_eq!(group(&days_utc, "tue").offline_messages, 1);
}

#[tokio::test]
async fn an_empty_period_is_zeros_and_nulls() {
    let h = history().await;
    let path = "/api/stats?since=2020-01-01&until=2020-01-08&by=hour&tz=Europe/Moscow";
    let (status, body) = get(&h.server, &h.irina, path).await;
    assert_eq!(status, 200, "{body}");
    let total = &body["total"];
    assert_eq!(total["chats_started"], 0);
    for field in [
        "first_response_median_ms",
        "first_response_p90_ms",
        "first_response_within_60s_share",
        "response_avg_ms",
        "duration_avg_ms",
        "offline_answer_median_ms",
        "chats_per_online_hour",
    ] {
        assert!(total[field].is_null(), "{field}: {}", total[field]);
    }
    assert_eq!(body["groups"].as_array().unwrap().len(), 24);
    assert_eq!(body["groups"][0]["metrics"]["online_ms"], 0);
}

#[tokio::test]
async fn bad_questions_and_no_token_are_refused() {
    let h = history().await;
    let (status, body) = get(&h.server, "not-a-session", &week("operator", "UTC")).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    for path in [
        week("colour", "UTC"),
        week("hour", "Mars/Olympus"),
        format!("/api/stats?since={}&until={T0}", T0 + DAY),
        "/api/stats?since=yesterday".to_owned(),
    ] {
        let (status, body) = get(&h.server, &h.irina, &path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}
