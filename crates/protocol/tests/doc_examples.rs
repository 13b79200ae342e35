//! Every JSON example in docs/protocol.md must parse as the frame its fence names, must be in
//! the canonical form the code would write (so a misspelt field cannot hide), and every frame
//! type and event kind must have at least one example. The doc cannot drift from the code.

use std::collections::{BTreeMap, BTreeSet};

use frontdesk_protocol::rest::{
    ErrorBody, EventSeqAt, FileUploaded, Health, InvitationStats, LoginRequest, LoginResponse,
};
use frontdesk_protocol::search::SearchResults;
use frontdesk_protocol::stats::{StaffingReport, StatsReport};
use frontdesk_protocol::transcript::{ChatList, Transcript};
use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorOut, VisitorIn, VisitorOut, decode, encode,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::VariantNames;

const DOC: &str = include_str!("../../../docs/protocol.md");

/// (fence tag, JSON text, line number) for every ```json fence with a tag.
fn examples() -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String, usize)> = None;
    for (n, line) in DOC.lines().enumerate() {
        if let Some((tag, body, start)) = current.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push((tag.clone(), body.clone(), *start));
                current = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
        } else if let Some(rest) = line.trim_start().strip_prefix("```json ") {
            current = Some((rest.trim().to_owned(), String::new(), n + 1));
        }
    }
    assert!(
        current.is_none(),
        "unterminated code fence in docs/protocol.md"
    );
    out
}

fn canonical<T: Serialize + DeserializeOwned + VariantNames>(text: &str, line: usize) -> String {
    let frame: T = decode(text).unwrap_or_else(|e| panic!("protocol.md:{line}: {e}"));
    let written: serde_json::Value =
        serde_json::from_str(&encode(&frame)).expect("encode gives JSON");
    let given: serde_json::Value = serde_json::from_str(text).expect("decoded, so JSON");
    assert_eq!(
        written, given,
        "protocol.md:{line}: example is not in canonical form (misspelt or extra field?)"
    );
    given["type"].as_str().expect("type").to_owned()
}

fn rest<T: Serialize + DeserializeOwned>(text: &str, line: usize) {
    let value: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("protocol.md:{line}: {e}"));
    let written = serde_json::to_value(&value).expect("serialise");
    let given: serde_json::Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(written, given, "protocol.md:{line}: not canonical");
}

#[test]
fn every_example_parses_and_every_frame_has_one() {
    let mut seen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let all = examples();
    assert!(all.len() > 20, "found only {} examples", all.len());
    for (tag, text, line) in &all {
        let (dir, ty) = match tag.as_str() {
            "visitor-in" => ("visitor-in", canonical::<VisitorIn>(text, *line)),
            "visitor-out" => ("visitor-out", canonical::<VisitorOut>(text, *line)),
            "operator-in" => ("operator-in", canonical::<OperatorIn>(text, *line)),
            "operator-out" => {
                let ty = canonical::<OperatorOut>(text, *line);
                if ty == "event" {
                    let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
                    let kind = v["event"]["kind"].as_str().expect("event.kind").to_owned();
                    seen.entry("event").or_default().insert(kind);
                }
                ("operator-out", ty)
            }
            "rest:login-request" => ("rest", {
                rest::<LoginRequest>(text, *line);
                tag.clone()
            }),
            "rest:login-response" => ("rest", {
                rest::<LoginResponse>(text, *line);
                tag.clone()
            }),
            "rest:health" => ("rest", {
                rest::<Health>(text, *line);
                tag.clone()
            }),
            "rest:transcript" => ("rest", {
                rest::<Transcript>(text, *line);
                tag.clone()
            }),
            "rest:chat-list" => ("rest", {
                rest::<ChatList>(text, *line);
                tag.clone()
            }),
            "rest:event-seq" => ("rest", {
                rest::<EventSeqAt>(text, *line);
                tag.clone()
            }),
            "rest:stats" => ("rest", {
                rest::<StatsReport>(text, *line);
                tag.clone()
            }),
            "rest:staffing" => ("rest", {
                rest::<StaffingReport>(text, *line);
                tag.clone()
            }),
            "rest:search" => ("rest", {
                rest::<SearchResults>(text, *line);
                tag.clone()
            }),
            "rest:invitation-stats" => ("rest", {
                rest::<InvitationStats>(text, *line);
                tag.clone()
            }),
            "rest:file-uploaded" => ("rest", {
                rest::<FileUploaded>(text, *line);
                tag.clone()
            }),
            "rest:error" => ("rest", {
                rest::<ErrorBody>(text, *line);
                tag.clone()
            }),
            other => panic!("protocol.md:{line}: unknown fence tag `{other}`"),
        };
        seen.entry(dir).or_default().insert(ty);
    }
    let want: [(&str, &[&str]); 5] = [
        ("visitor-in", VisitorIn::VARIANTS),
        ("visitor-out", VisitorOut::VARIANTS),
        ("operator-in", OperatorIn::VARIANTS),
        ("operator-out", OperatorOut::VARIANTS),
        ("event", EventBody::VARIANTS),
    ];
    for (dir, names) in want {
        let have = seen.get(dir).cloned().unwrap_or_default();
        let missing: Vec<_> = names.iter().filter(|n| !have.contains(**n)).collect();
        assert!(
            missing.is_empty(),
            "docs/protocol.md has no {dir} example for {missing:?}"
        );
    }
}
