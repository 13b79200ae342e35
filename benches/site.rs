//! "On the site now", in process (no sockets): 20,000 visitors on the server's site presence
//! (`frontdesk_server::site::Site`, with one automatic rule), 200 page views a second among
//! them for 60 simulated seconds, a tick every 500 ms as the server's timer runs it. Reports
//! the server's CPU per page view for the presence (the page view's own write and the socket
//! writes are not in it), then feeds the `site_list` and every `site_visitors` frame a watcher
//! got, as JSON text, to a console `State` at 160x48 with the view open: decoding, `update` and
//! drawing once per frame, and reports the console's CPU per 1,000 page views (the socket's
//! wake-ups are not in it). Results: docs/benchmarks.md.
//!
//! `cargo bench --bench site`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use frontdesk::app::{Action, Event, State, update};
use frontdesk_protocol::{EventBody, OperatorOut, PageView, VisitorProfile, decode};
use frontdesk_server::site::rules::{InvitationRule, InvitationsConfig};
use frontdesk_server::site::{Site, SiteConfig};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const VISITORS: i64 = 20_000;
const RATE: i64 = 200;
const SECONDS: i64 = 60;
const TICK_MS: i64 = 500;
const NOW: i64 = 1_795_000_000_000;

fn main() {
    let site = Site::default();
    site.configure(
        &SiteConfig::default(),
        &InvitationsConfig {
            rules: vec![InvitationRule {
                name: "cart".into(),
                text: "Помочь с заказом?".into(),
                url: "https://shop.example/cart*".into(),
                seconds_on_page: 30,
                ..InvitationRule::default()
            }],
            ..InvitationsConfig::default()
        },
    );
    for id in 1..=VISITORS {
        let profile = VisitorProfile {
            id,
            city: Some("Казань".into()),
            visits: 1 + u32::try_from(id % 4).unwrap(),
            ..VisitorProfile::default()
        };
        site.connected(&profile, None, NOW);
    }
    site.tick(NOW, true);
    let mut watch = site.watch();

    let views = RATE * SECONDS;
    let per_tick = RATE * TICK_MS / 1000;
    let mut seed: u64 = 7;
    let cpu = support::proc::cpu_ms(std::process::id());
    let mut now = NOW;
    let mut frames = Vec::new();
    for tick in 0..(SECONDS * 1000 / TICK_MS) {
        for i in 0..per_tick {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let visitor_id = i64::try_from(seed >> 33).unwrap() % VISITORS + 1;
            let page = if (tick + i) % 5 == 0 {
                "cart"
            } else {
                "catalog"
            };
            let ts = now + i * TICK_MS / per_tick;
            let view = EventBody::PageViewed {
                visitor_id,
                page: PageView {
                    url: format!("https://shop.example/{page}/{}", seed % 1000),
                    title: Some(format!("Товар {}", seed % 1000)),
                    referrer: Some("https://www.google.com/search?q=кеды".into()),
                    search_query: Some("кеды".into()),
                    ts,
                },
            };
            site.apply(&view, None);
        }
        now += TICK_MS;
        // The rule's invitations that come due are handed back (the server would send them).
        let _ = site.tick(now, true);
        while let Ok(batch) = watch.changes.try_recv() {
            frames.extend(batch.iter().cloned());
        }
    }
    let server_ms = support::proc::cpu_ms(std::process::id()) - cpu;
    println!(
        "site presence: {VISITORS} visitors, {views} page views in {} ticks: {server_ms} ms CPU, {:.1} µs per page view, {} change frames",
        SECONDS * 1000 / TICK_MS,
        server_ms as f64 * 1000.0 / views as f64,
        frames.len()
    );

    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    state.now = NOW;
    update(
        &mut state,
        Event::Resize {
            width: 160,
            height: 48,
        },
    );
    update(&mut state, Event::Action(Action::ToggleSite));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    for text in &watch.list {
        update(
            &mut state,
            Event::Frame(Box::new(decode::<OperatorOut>(text).unwrap())),
        );
    }
    let cpu = support::proc::cpu_ms(std::process::id());
    for (i, text) in frames.iter().enumerate() {
        state.now = NOW + i64::try_from(i).unwrap() * TICK_MS;
        update(
            &mut state,
            Event::Frame(Box::new(decode::<OperatorOut>(text).unwrap())),
        );
        terminal.draw(|f| frontdesk::ui::render(&state, f)).unwrap();
    }
    let console_ms = support::proc::cpu_ms(std::process::id()) - cpu;
    println!(
        "console: {} frames into the open view at 160x48: {console_ms} ms CPU, {:.1} ms per 1,000 page views ({} rows listed)",
        frames.len(),
        console_ms as f64 * 1000.0 / views as f64,
        state.site.visitors.len()
    );
}
