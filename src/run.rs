//! The one loop: signals, terminal input, network events and a 1 Hz tick go into `update`;
//! effects go out; the screen is drawn only when something changed, at most ~30 times a second.

use std::time::Duration;

use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::{Instant, MissedTickBehavior, interval, sleep_until};

use crate::app::{self, Action, Connection, Effect, Event, State};
use crate::keymap::Keymap;
use crate::net::{self, NetCommand, NetEvent, NetHandle};
use crate::{ConsoleOptions, i18n, tui, ui};

/// Minimum time between two frames: bursts of events fold into one draw.
const FRAME: Duration = Duration::from_millis(33);

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
    state.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    state.tz = jiff::tz::TimeZone::system();
    state.now = now_millis();
    state.restore = crate::layout_file::load(&opts.data_dir);
    tracing::info!(server = %opts.server_url, "console starting");
    let keymap = load_keymap(&mut state);
    let _config = load_config(&mut state);
    let net = net::spawn(ws_url, opts.token);

    tui::install_panic_hook();
    let mut guard = tui::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    app::update(
        &mut state,
        Event::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let result = run_loop(
        &mut state,
        &mut guard.terminal,
        EventStream::new(),
        net,
        keymap,
    )
    .await;
    drop(guard);
    // Quit before the first snapshot: the old arrangement was never applied, keep it.
    let layout = state
        .restore
        .clone()
        .unwrap_or_else(|| state.saved_layout());
    crate::layout_file::save(&opts.data_dir, &layout);
    tracing::info!("console stopped");
    result
}

/// The keymap from the config dir; its problems are logged and shown once as a notice.
fn load_keymap(state: &mut State) -> Keymap {
    let config = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let loaded = crate::keymap::load(config.as_deref());
    for error in &loaded.errors {
        tracing::warn!("keymap: {error}");
    }
    state.notice = loaded.notice();
    state.keys = loaded.keymap.help();
    loaded.keymap
}

/// `config.toml` from the config dir; a broken file is logged and shown as a notice.
fn load_config(state: &mut State) -> crate::config::ConsoleConfig {
    let config_dir = crate::paths::Dirs::resolve().ok().map(|d| d.config);
    let loaded = crate::config::load(config_dir.as_deref());
    if let Some(error) = loaded.error {
        tracing::warn!("config: {error}");
        state.notice = Some(format!("config: {error}"));
    }
    loaded.config
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal,
    InputClosed,
}

/// The loop itself, generic over the terminal backend and the input stream so tests can drive
/// it with scripted keys.
pub async fn run_loop<B, S>(
    state: &mut State,
    terminal: &mut Terminal<B>,
    mut input: S,
    mut net: NetHandle,
    mut keymap: Keymap,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = std::io::Result<TermEvent>> + Unpin,
{
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut tick = interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut net_open = true;
    loop {
        let due = last_draw.is_none_or(|t| t.elapsed() >= FRAME);
        if dirty && due {
            terminal.draw(|frame| ui::render(state, frame))?;
            dirty = false;
            last_draw = Some(Instant::now());
        }
        let draw_at = last_draw.map_or_else(Instant::now, |t| t + FRAME);
        let events: Vec<Event> = tokio::select! {
            biased;
            _ = sigterm.recv() => return exit(Exit::Signal),
            _ = sigint.recv() => return exit(Exit::Signal),
            _ = sighup.recv() => return exit(Exit::Signal),
            item = input.next() => match item {
                None => return exit(Exit::InputClosed),
                Some(Err(e)) => {
                    tracing::error!("terminal input failed: {e}");
                    return exit(Exit::InputClosed);
                }
                Some(Ok(TermEvent::Resize(width, height))) => {
                    // Redraw at once on resize, whatever the frame budget says.
                    last_draw = None;
                    vec![Event::Resize { width, height }]
                }
                Some(Ok(ev)) => {
                    let event = term_event(&mut keymap, state, ev);
                    let pending = keymap.pending_help();
                    if state.keys.pending != pending {
                        state.keys.pending = pending;
                        dirty = true;
                    }
                    event.into_iter().collect()
                }
            },
            nev = net.events.recv(), if net_open => match nev {
                None => { net_open = false; Vec::new() }
                Some(nev) => net_event(nev),
            },
            _ = tick.tick() => {
                let timers = state.has_running_timers();
                app::update(state, Event::Tick { now: now_millis() });
                dirty |= timers;
                continue;
            },
            () = sleep_until(draw_at), if dirty => continue,
        };
        for event in events {
            state.now = now_millis();
            dirty = true;
            for effect in app::update(state, event) {
                match effect {
                    Effect::Send(frame) => {
                        // A closed channel means the net task gave up (auth failed); the
                        // status bar already says so.
                        let _ = net.commands.send(NetCommand::Send(frame));
                    }
                    Effect::Quit => return exit(Exit::Quit),
                }
            }
        }
    }
}

fn exit(why: Exit) -> anyhow::Result<()> {
    tracing::info!(?why, "leaving the loop");
    Ok(())
}

fn term_event(keymap: &mut Keymap, state: &State, event: TermEvent) -> Option<Event> {
    let action = match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            keymap.press(key, state.focus.into())
        }
        TermEvent::Mouse(mouse) => keymap.mouse(mouse),
        TermEvent::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }?;
    Some(Event::Action(action))
}

fn net_event(event: NetEvent) -> Vec<Event> {
    let connection = match event {
        NetEvent::Frame(frame) => return vec![Event::Frame(frame)],
        NetEvent::Connecting => Connection::Connecting,
        NetEvent::Connected => Connection::Online,
        NetEvent::Disconnected { reason, retry_in } => {
            let retry_ms = i64::try_from(retry_in.as_millis()).unwrap_or(i64::MAX);
            Connection::Offline {
                reason,
                retry_at: now_millis().saturating_add(retry_ms),
            }
        }
        NetEvent::AuthFailed => Connection::AuthFailed,
    };
    vec![Event::Connection(connection)]
}

pub fn now_millis() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
