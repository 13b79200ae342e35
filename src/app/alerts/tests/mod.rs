//! Unit tests of the alert decisions, with the clock set by hand, and of the title's words.

mod decide;
mod fixture;
mod ratings;
mod routing;
mod title;

/// What stays in the state while the notifier is lifted out for an event: the same rules (not
/// a default set built for the moment), switches and focus.
#[test]
fn a_lifted_notifier_leaves_its_rules_and_switches_behind() {
    use std::sync::Arc;

    use super::Notifier;
    use crate::notify::rules::NotificationsConfig;

    let mut state = crate::app::State::new(&crate::i18n::EN, "anna".into(), None);
    state.alerts = Notifier::new(NotificationsConfig {
        settle_ms: 7,
        ..NotificationsConfig::default()
    });
    state.alerts.toggle_dnd();
    state.alerts.terminal_focused = Some(false);
    let rules = Arc::clone(&state.alerts.rules);
    let lifted = Notifier::lift(&mut state);
    assert!(Arc::ptr_eq(&state.alerts.rules, &rules));
    assert_eq!(state.alerts.rules.settle_ms, 7);
    assert!(state.alerts.dnd);
    assert_eq!(state.alerts.terminal_focused, Some(false));
    assert!(lifted.dnd && Arc::ptr_eq(&lifted.rules, &rules));
}
