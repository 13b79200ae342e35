//! The one loop: signals, terminal input, network events and a 1 Hz tick go into `update`;
//! effects go out; the screen is drawn only when something changed, at most ~30 times a second
//! (5 during a flood of server events, whose last one is drawn once they pause); a key is drawn
//! at once — a key typed into the reply box by drawing the box alone (`crate::screen`), its
//! spelling check and "typing" signal a moment later (`typed`).
//! The terminal can be lent to the operator's editor for a while (`Effect::OpenEditor`).

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::Event as TermEvent;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::{Instant, MissedTickBehavior, interval, sleep_until};

use crate::app::{self, Effect, Event, State};
use crate::keymap::Keymap;
use crate::net::{self, NetCommand, NetHandle};
use crate::pace::{Pace, asks_for_a_frame};
use crate::runtime::editor::Editing;
use crate::runtime::settings;
use crate::screen::Screen;
use crate::tui::Input;
use crate::{ConsoleOptions, i18n, tui};

mod events;
mod local;
mod typed;

use events::{alert_timer, burst_paused, net_burst, now_millis, only_typing, term_event};

/// Runs the console on the real terminal until the operator quits or a signal arrives.
pub async fn run_console(opts: ConsoleOptions) -> anyhow::Result<()> {
    // The binary sets up logging before this; library callers get the log in their data dir.
    let _log = if tracing::dispatcher::has_been_set() {
        None
    } else {
        crate::logging::init(&opts.data_dir).ok()
    };
    let ws_url = net::ws_url(&opts.server_url)?;
    let mut state = State::new(i18n::detect(), opts.operator_name, opts.banner);
    state.screen.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    state.tz = jiff::tz::TimeZone::system();
    state.now = now_millis();
    state.restore = crate::runtime::layout_file::load(&opts.data_dir);
    // Unsent drafts of the last run come back (the focused one in the reply box once the
    // first snapshot has put the panes back).
    let drafts = crate::runtime::drafts_file::load(&opts.data_dir, &opts.server_url);
    state.drafts = drafts.clone().into_iter().collect();
    state.drafts_saved = drafts;
    state.drafts_file = Some((opts.data_dir.clone(), opts.server_url.clone()));
    tracing::info!(server = %opts.server_url, "console starting");
    let mut keymap = settings::load_keymap(&mut state);
    let config = settings::load_config(&mut state);
    let config_dir = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let counts = crate::runtime::canned::counts(&opts.data_dir);
    state.canned.usage = counts.usage;
    state.canned.usage_file = Some(counts.file);
    state.canned.company.clone_from(&config.canned.company);
    state.downloads_dir.clone_from(&config.files.downloads_dir);
    let canned = crate::runtime::canned::start(&mut keymap, config_dir.as_deref());
    let (rules, rules_problem) = crate::runtime::writing::rules(config_dir.as_deref());
    state.writing.rules = rules;
    if let Some(problem) = rules_problem {
        tracing::warn!("writing rules: {problem}");
        state.notice = Some(problem);
    }
    let dictionaries = crate::runtime::writing::load(&config.writing, config_dir.as_deref());
    state.writing.loading = config.writing.spelling;
    state.keys = keymap.help();
    state.alerts = crate::app::alerts::Notifier::new(config.notifications.clone());
    state.idle.away_after_ms =
        i64::try_from(config.status.away_after_mins.saturating_mul(60_000)).unwrap_or(i64::MAX);
    let (warn_after_ms, breach_after_ms) = config.queue.thresholds_ms();
    state.queue.targets = crate::app::state::Targets {
        warn_after_ms,
        breach_after_ms,
    };
    settings::load_theme(&mut state);
    let net = net::spawn(ws_url, opts.token);

    tui::install_panic_hook();
    let mut guard = tui::TerminalGuard::enter()?;
    // Bell, title and OSC go to the same terminal, written between frames.
    let mut outlet =
        crate::runtime::alerts::Outlet::start(&config.notifications, Box::new(std::io::stdout()));
    let result = run_loop(
        &mut state,
        guard.terminal(),
        tui::TerminalInput,
        net,
        keymap,
        &mut outlet,
        crate::runtime::Loaders {
            canned,
            writing: dictionaries,
        },
    )
    .await;
    drop(outlet);
    drop(guard);
    // Quit before the first snapshot: the old arrangement was never applied, keep it.
    let layout = state
        .restore
        .clone()
        .unwrap_or_else(|| state.saved_layout());
    crate::runtime::layout_file::save(&opts.data_dir, &layout);
    // Whatever way the loop ended (quit, signal, input closed): the drafts as they stand.
    crate::runtime::drafts_file::save(&opts.data_dir, &opts.server_url, &state.all_drafts());
    tracing::info!("console stopped");
    result
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal,
    InputClosed,
    TerminalLost,
}

/// The loop itself, generic over the terminal backend and the input so tests can drive it
/// with scripted keys ([`tui::Scripted`]).
pub async fn run_loop<B, I>(
    state: &mut State,
    terminal: &mut Terminal<B>,
    mut input: I,
    mut net: NetHandle,
    mut keymap: Keymap,
    outlet: &mut crate::runtime::alerts::Outlet,
    loaders: crate::runtime::Loaders,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: Input,
{
    let crate::runtime::Loaders {
        mut canned,
        mut writing,
    } = loaders;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut tick = interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    // What the loop knows before it waits for anything: the terminal's size and the canned
    // library loaded at start go into `update` like every later event (nothing is drawn
    // before they are in).
    let size = terminal.size()?;
    let mut startup = Some(
        std::iter::once(Event::Resize {
            width: size.width,
            height: size.height,
        })
        .chain(
            canned
                .loaded
                .take()
                .map(|loaded| Event::CannedLibrary(Box::new(loaded))),
        )
        .collect::<Vec<_>>(),
    );
    let mut dirty = false;
    let mut screen = Screen::default();
    // A key typed into the reply box, to draw the box alone once it is applied (later when
    // its letter was echoed at once).
    let (mut typed, mut echoed) = (false, false);
    let mut pace = Pace::default();
    let mut net_open = true;
    let mut stream = Some(input.open());
    // While an editor runs it owns the terminal: no input is read and nothing is drawn, but
    // network events and ticks still go into the state, so the socket's queue never backs up
    // and the screen drawn afterwards is current.
    let mut editing: Option<Editing> = None;
    // The last batch was a lone tick with no timer on screen: it needs no frame.
    let mut quiet_tick = false;
    // A typed letter's check, run a moment after the letter is on screen.
    let mut follow_up = typed::FollowUp::default();
    // Files rewritten whole are written off this thread (a write waits for the disk); however
    // the loop ends, dropping the writers waits for the last writes asked.
    let writers = local::Writers::start();
    loop {
        let now = Instant::now();
        let due = now >= pace.due_at(now);
        if dirty && due && editing.is_none() {
            follow_up.catch_up(state, &net.commands);
            if let Err(e) = screen.draw(terminal, state) {
                return lost("drawing", e);
            }
            dirty = false;
            pace.drawn(Instant::now());
        }
        let draw_at = pace.due_at(Instant::now());
        let events: Vec<Event> = if let Some(first) = startup.take() {
            first
        } else {
            tokio::select! {
                biased;
                _ = sigterm.recv() => return exit(Exit::Signal),
                // Ctrl-C typed into the editor reaches us too (one process group): it is the
                // editor's.
                _ = sigint.recv() => {
                    if editing.is_none() {
                        return exit(Exit::Signal);
                    }
                    continue;
                },
                _ = sighup.recv() => return exit(Exit::Signal),
                item = tui::next_event(&mut stream) => match item {
                    None => return exit(Exit::InputClosed),
                    Some(Err(e)) => {
                        tracing::error!("terminal input failed: {e}");
                        return exit(Exit::InputClosed);
                    }
                    Some(Ok(TermEvent::Resize(width, height))) => {
                        // Redraw at once on resize, whatever the frame budget says. The
                        // terminal's size is only asked here, not before every frame.
                        if let Err(e) = terminal.resize(Rect::new(0, 0, width, height)) {
                            return lost("resizing", e);
                        }
                        screen.forget();
                        pace.at_once();
                        vec![Event::Resize { width, height }]
                    }
                    Some(Ok(ev)) => {
                        // A key, a click, a wheel turn or a paste shows at once, whatever the frame
                        // budget says: it must feel instant even while a flood is drawn at the
                        // capped rate. (A bare mouse move changes nothing.) A key typed into
                        // the reply box draws the box alone, the rest at the pace
                        // (`crate::screen`).
                        let wants_frame = asks_for_a_frame(&ev);
                        let event = term_event(&mut keymap, state, ev);
                        typed = wants_frame && only_typing(&event);
                        echoed = typed && match screen.echo(terminal, state, &event) {
                            Ok(echoed) => echoed,
                            Err(e) => return lost("drawing", e),
                        };
                        if echoed {
                            // The letter's write woke the terminal, often onto this very
                            // processor, where it would wait for `update` and the rest of
                            // this turn: let it draw the letter first (docs/benchmarks.md,
                            // "The terminal's turn after the echo").
                            std::thread::yield_now();
                        }
                        if wants_frame && !typed {
                            pace.at_once();
                        }
                        let pending = keymap.pending_help();
                        if state.keys.pending != pending {
                            state.keys.pending = pending;
                            dirty = true;
                        }
                        event
                    }
                },
                (chat_id, result) = crate::runtime::editor::finished(&mut editing) => {
                    editing = None;
                    stream = Some(tui::take_back(terminal, &mut input)?);
                    screen.forget();
                    pace.at_once();
                    let size = terminal.size()?;
                    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
                    vec![
                        Event::EditorDone { chat_id, result },
                        Event::Resize { width: size.width, height: size.height },
                    ]
                },
                Some(event) = writing.events.recv() => vec![event],
                Some(loaded) = canned.reloads.recv() => {
                    // Hotkeys live in the keymap, which the loop owns; the rest is `update`'s.
                    let loaded = crate::runtime::canned::bind(&mut keymap, loaded);
                    state.keys = keymap.help();
                    vec![Event::CannedLibrary(Box::new(loaded))]
                },
                nev = net.events.recv(), if net_open => match nev {
                    None => { net_open = false; Vec::new() }
                    Some(nev) => {
                        let events = net_burst(nev, &mut net.events);
                        // A flood's last message is drawn once the events pause: at once when
                        // the server says its packed burst paused (`quiet`).
                        pace.events(events.len(), Instant::now());
                        if burst_paused(&events) {
                            pace.at_once();
                        }
                        events
                    }
                },
                report = outlet.report() => {
                    tracing::warn!(?report, "desktop notifications");
                    vec![Event::DesktopUnavailable]
                },
                () = alert_timer(state.alerts.next_due()) => vec![Event::Tick { now: now_millis() }],
                _ = tick.tick() => {
                    // A tick redraws only when a timer on screen moves; its effects (alerts,
                    // drafts to keep) run like any other's below.
                    quiet_tick = !state.has_running_timers();
                    vec![Event::Tick { now: now_millis() }]
                },
                () = sleep_until(draw_at), if dirty && editing.is_none() => continue,
                () = sleep_until(follow_up.due().unwrap_or(draw_at)), if follow_up.due().is_some() => {
                    match follow_up.run(state, &net.commands, &mut screen, terminal) {
                        Ok(true) => {}
                        Ok(false) => {
                            dirty = true;
                            pace.at_once();
                        }
                        Err(e) => return lost("drawing", e),
                    }
                    continue;
                },
            }
        };
        let mut events = VecDeque::from(events);
        let quiet = std::mem::take(&mut quiet_tick);
        // A typed letter's standards check waits until the letter is drawn (`CheckDraft`).
        let mut unchecked = false;
        while let Some(event) = events.pop_front() {
            state.now = now_millis();
            dirty |= !quiet;
            unchecked |= matches!(event, Event::Action(app::Action::ComposeInput(_)));
            for effect in app::update(state, event) {
                // REST reads beside the socket go to the net task; their answers come back.
                if let Some(what) = crate::runtime::side_reads::asked(&effect) {
                    let _ = net.commands.send(NetCommand::Read(what));
                    continue;
                }
                match effect {
                    Effect::Send(frame) => follow_up.send(&net.commands, frame, unchecked),
                    Effect::OpenEditor { chat_id, text } if editing.is_none() => {
                        // Nothing may draw over the editor: a waiting follow-up runs now.
                        follow_up.catch_up(state, &net.commands);
                        match tui::lend(&mut input, &mut stream) {
                            Ok(()) => editing = Some(Editing::spawn(chat_id, text)),
                            Err(e) => events.push_back(Event::EditorDone {
                                chat_id,
                                result: Err(crate::app::EditorFailure::Io(e.to_string())),
                            }),
                        }
                    }
                    Effect::OpenEditor { .. } => {}
                    Effect::Notify(notice) => outlet.deliver(notice),
                    Effect::Quit => return exit(Exit::Quit),
                    other => local::carry_out(other, &writers, &writing, &mut events),
                }
            }
        }
        // A letter echoed into the focused reply box changes no count the title shows.
        let title_unchanged = echoed;
        if std::mem::take(&mut typed) && editing.is_none() {
            let echoed = std::mem::take(&mut echoed);
            match follow_up.draw(state, &mut screen, terminal, echoed) {
                Ok(true) => pace.typed(Instant::now()),
                Ok(false) => pace.at_once(),
                Err(e) => return lost("drawing", e),
            }
        }
        if unchecked {
            follow_up.typed(state, &net.commands, Instant::now());
        }
        if !title_unchanged {
            outlet.update_title(&app::alerts::title(state));
        }
    }
}

/// The terminal has gone (its window closed, tmux killed: EIO), often just before the hang-up
/// signal: the console ends as on that signal, drafts and layout saved.
fn lost(doing: &str, e: impl std::fmt::Display) -> anyhow::Result<()> {
    tracing::warn!("{doing} failed, the terminal is gone: {e}");
    exit(Exit::TerminalLost)
}

fn exit(why: Exit) -> anyhow::Result<()> {
    tracing::info!(?why, "leaving the loop");
    Ok(())
}
