//! Placeholders: values from the chat, gaps where one is missing, hostile values.

use frontdesk_protocol::{PageView, PrechatFields, VisitorProfile};

use super::*;

fn values(pairs: &[(&str, &str)]) -> Values {
    let mut v = Values::default();
    for (name, value) in pairs {
        v.set(name, value);
    }
    v
}

#[test]
fn every_known_placeholder_is_filled() {
    let v = values(&[
        ("visitor.name", "Ольга"),
        ("operator.name", "Анна"),
        ("company", "Ромашка"),
        ("visitor.order", "A-17"),
    ]);
    let f = fill(
        "{visitor.name}, я {operator.name} из «{company}». Заказ {visitor.order}?",
        &v,
    );
    assert_eq!(f.text, "Ольга, я Анна из «Ромашка». Заказ A-17?");
    assert!(f.gaps.is_empty());
}

#[test]
fn a_missing_value_stays_as_a_gap_with_its_place() {
    let v = values(&[("operator.name", "Анна")]);
    let f = fill(
        "Hi {visitor.name}!\nI'm {operator.name}, back on {fill.date}.",
        &v,
    );
    assert_eq!(f.text, "Hi {visitor.name}!\nI'm Анна, back on {fill.date}.");
    let places: Vec<_> = f
        .gaps
        .iter()
        .map(|g| (g.name.as_str(), g.row, g.start, g.end))
        .collect();
    assert_eq!(
        places,
        [("visitor.name", 0, 3, 17), ("fill.date", 1, 18, 29)]
    );
    assert_eq!(
        first_gap(&f.text).map(|g| g.name),
        Some("visitor.name".into())
    );
}

#[test]
fn hostile_values_are_one_clean_line_and_never_look_like_a_gap() {
    let v = values(&[("visitor.name", "Eve\x1b[2J\nrm -rf {company}\u{202E}")]);
    let f = fill("Hello, {visitor.name}!", &v);
    assert!(
        !f.text.contains('\x1b') && !f.text.contains('\n'),
        "{}",
        f.text
    );
    assert!(!f.text.contains('\u{202E}'), "{}", f.text);
    assert!(
        f.gaps.is_empty(),
        "a brace in a value is no gap: {}",
        f.text
    );
    assert!(f.text.contains("(company)"), "{}", f.text);
    let blank = values(&[("visitor.name", "   ")]);
    assert_eq!(
        fill("{visitor.name}", &blank).gaps.len(),
        1,
        "blank is missing"
    );
}

#[test]
fn values_come_from_the_visitor_profile() {
    let profile = VisitorProfile {
        id: 7,
        fields: PrechatFields {
            name: Some("Ольга".into()),
            email: Some("o@example.com".into()),
            extra: [("order".to_owned(), "A-17".to_owned())].into(),
            ..PrechatFields::default()
        },
        pages: vec![PageView {
            url: "https://shop.example/kettles".into(),
            title: Some("Чайники".into()),
            referrer: None,
            search_query: None,
            ts: 0,
        }],
        ..VisitorProfile::default()
    };
    let v = Values::for_visitor(Some(&profile), "Анна", "");
    assert_eq!(v.get("visitor.name"), Some("Ольга"));
    assert_eq!(v.get("visitor.email"), Some("o@example.com"));
    assert_eq!(v.get("visitor.order"), Some("A-17"));
    assert_eq!(v.get("visitor.page"), Some("Чайники"));
    assert_eq!(v.get("visitor.url"), Some("https://shop.example/kettles"));
    assert_eq!(v.get("operator.name"), Some("Анна"));
    assert_eq!(v.get("company"), None, "not configured: a gap");
}

#[test]
fn known_names_and_the_send_guard() {
    for name in [
        "company",
        "operator.name",
        "visitor.name",
        "visitor.order",
        "fill.date",
    ] {
        assert!(is_known(name), "{name}");
    }
    for name in ["visitr.name", "operator.mail", "foo", "visitor."] {
        assert!(!is_known(name), "{name}");
    }
    assert!(
        first_gap("code {x} and {y.z}").is_none(),
        "unknown names are plain text"
    );
    assert!(tokens("{ not } {} {a b}").is_empty());
}
