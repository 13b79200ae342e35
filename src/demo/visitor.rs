//! One simulated visitor playing a [`Scenario`]: browses a few pages, fills the pre-chat form,
//! opens a chat, then writes like a person — pauses to think, types with a live draft, and
//! answers the operator's messages rather than talking past them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use frontdesk_protocol::{ErrorCode, PrechatFields, Role, SystemEvent, VisitorIn, VisitorOut};
use tokio::time::Instant;

use super::colleague::Colleague;
use super::link::Link;
use super::scenario::{After, Page, Scenario};

mod earlier;

/// Typing speed of an unhurried person, characters per second (before `--speed`).
const CHARS_PER_SEC: f64 = 7.0;
/// How often the draft is sent while typing; the widget throttles the same way, and the
/// server's per-visitor rate limit counts these frames.
const DRAFT_EVERY: Duration = Duration::from_millis(400);
const DRAFT_EVERY_MIN: Duration = Duration::from_millis(250);

pub struct Visitor {
    link: Link,
    scenario: Scenario,
    speed: f64,
    /// The first visitors skip the long browsing so that chats appear at once.
    eager: bool,
    /// Holds the earlier chat with this visitor, if the scenario has one.
    colleague: Colleague,
    /// The demo's database, where a week passes after the earlier chat (`time_lapse`).
    db: PathBuf,
    /// Operator messages seen in the current chat.
    replies: u64,
    /// The newest operator message on the screen not yet told to the server (`seen`): the
    /// demo's visitors keep the chat open and read what comes at once.
    unseen: Option<i64>,
    chat_id: Option<i64>,
    start_chat_id: Option<String>,
    closed: bool,
    /// The chat was closed and the scenario rates it: done at the next turn of `run`.
    rate_due: bool,
}

impl Visitor {
    pub fn new(
        ws_url: &str,
        scenario: Scenario,
        speed: f64,
        eager: bool,
        colleague: Colleague,
        db: &Path,
    ) -> Self {
        let link = Link::new(
            format!("{ws_url}/ws/visitor"),
            scenario.language.clone(),
            scenario.user_agent.clone(),
        );
        Self {
            link,
            scenario,
            speed,
            eager,
            colleague,
            db: db.to_owned(),
            replies: 0,
            unseen: None,
            chat_id: None,
            start_chat_id: None,
            closed: false,
            rate_due: false,
        }
    }

    /// Plays the scenario, then stays connected (an open tab) until the task is aborted.
    pub async fn run(mut self, arrive_after: Duration) {
        tokio::time::sleep(arrive_after).await;
        self.link.ensure_connected().await;
        self.play().await;
        loop {
            if std::mem::take(&mut self.rate_due) {
                self.rate().await;
            }
            let out = self.link.recv().await;
            self.on_frame(&out);
        }
    }

    async fn play(&mut self) {
        let s = self.scenario.clone();
        if !s.earlier.is_empty() {
            self.earlier_chat(&s.earlier).await;
        }
        for page in &s.pages {
            self.open_page(page).await;
            let dwell = if self.eager {
                0.2
            } else {
                3.0 + 5.0 * fastrand::f64()
            };
            self.pause(dwell).await;
        }
        let p = &s.prechat;
        if p.name.is_some() || p.email.is_some() || p.phone.is_some() || !p.extra.is_empty() {
            let fields = PrechatFields {
                name: p.name.clone(),
                email: p.email.clone(),
                phone: p.phone.clone(),
                department: p.department.clone(),
                extra: p.extra.clone(),
            };
            self.link
                .command(|id| VisitorIn::Prechat { id, fields })
                .await;
        }
        // The first line is typed into the widget before the chat exists: no live draft.
        let Some((first, rest)) = s.lines.split_first() else {
            return;
        };
        self.pause(if self.eager {
            0.2
        } else {
            2.0 + 3.0 * fastrand::f64()
        })
        .await;
        self.replies = 0;
        let text = first.text.clone();
        let department = s.department.clone();
        let id = self
            .link
            .command(|id| VisitorIn::StartChat {
                id,
                text: Some(text),
                department,
            })
            .await;
        self.start_chat_id = Some(id);

        let mut answered = self.replies;
        for line in rest {
            let go_on = match line.after {
                After::Reply => self.wait_reply(answered).await,
                After::Pause => {
                    self.pause(2.0 + 3.0 * fastrand::f64()).await;
                    !self.closed
                }
            };
            if !go_on {
                return;
            }
            if let Some(page) = &line.page {
                self.open_page(page).await;
                self.pause(1.5).await;
            }
            self.write(&line.text).await;
            answered = self.replies;
        }
        if let Some(goodbye) = &s.goodbye
            && self.wait_reply(answered).await
        {
            self.write(goodbye).await;
        }
    }

    /// Answers the widget's question under the closed chat, as the scenario says, after a
    /// moment's thought.
    async fn rate(&mut self) {
        let (Some(chat_id), Some(rating)) = (self.chat_id, self.scenario.rating) else {
            return;
        };
        self.pause(1.5).await;
        let comment = self.scenario.rating_comment.clone();
        self.link
            .command(|id| VisitorIn::RateChat {
                id,
                chat_id,
                rating,
                comment,
            })
            .await;
    }

    /// Leaves the scenario's first line as an offline message, with the pre-chat name and
    /// e-mail, after its pages, as the widget's offline form does; `None` when refused.
    pub async fn leave_message(mut self) -> Option<i64> {
        self.link.ensure_connected().await;
        let s = self.scenario.clone();
        for page in &s.pages {
            self.open_page(page).await;
        }
        let text = s.lines.first()?.text.clone();
        self.answered(|id| VisitorIn::OfflineMessage {
            id,
            text,
            name: s.prechat.name.clone(),
            email: s.prechat.email.clone(),
        })
        .await
    }

    /// Sends a command and handles frames until the server answers it; the chat id of its
    /// `ack`, or None when refused. A `rate_limited` answer is no answer yet: the link
    /// resends the command.
    async fn answered(&mut self, make: impl FnOnce(String) -> VisitorIn) -> Option<i64> {
        let sent = self.link.command(make).await;
        loop {
            let out = self.link.recv().await;
            self.on_frame(&out);
            self.tell_seen().await;
            match out {
                VisitorOut::Ack { id, chat_id, .. } if id == sent => return chat_id,
                VisitorOut::Error {
                    id: Some(id), code, ..
                } if id == sent && code != ErrorCode::RateLimited => return None,
                _ => {}
            }
        }
    }

    async fn open_page(&mut self, page: &Page) {
        let page = page.clone();
        self.link
            .command(|id| VisitorIn::PageView {
                id,
                url: page.url,
                title: page.title,
                referrer: page.referrer,
                search_query: page.search_query,
            })
            .await;
    }

    /// Thinks, types with a growing live draft, and sends.
    async fn write(&mut self, text: &str) {
        self.pause(1.5 + 2.5 * fastrand::f64()).await;
        let chars: Vec<char> = text.chars().collect();
        let total = Duration::from_secs_f64(chars.len() as f64 / (CHARS_PER_SEC * self.speed));
        let step = DRAFT_EVERY.div_f64(self.speed).max(DRAFT_EVERY_MIN);
        let started = Instant::now();
        loop {
            let elapsed = started.elapsed();
            if elapsed >= total || self.closed {
                break;
            }
            let typed = (chars.len() as f64 * elapsed.as_secs_f64() / total.as_secs_f64()) as usize;
            if typed > 0 {
                let draft: String = chars[..typed].iter().collect();
                self.link.typing(&draft).await;
            }
            self.pump_until(Instant::now() + step.min(total - elapsed), false)
                .await;
        }
        if self.closed {
            return;
        }
        let text = text.to_owned();
        self.link
            .command(|id| VisitorIn::Message { id, text })
            .await;
    }

    /// Waits for an operator message newer than `answered`; nudges once when patience runs
    /// out, and a scenario's impatient visitor then closes the site for a while. False if the
    /// chat was closed meanwhile.
    async fn wait_reply(&mut self, answered: u64) -> bool {
        let speed = self.speed;
        let scaled = move |secs: u64| Duration::from_secs(secs).div_f64(speed);
        let patience = scaled(self.scenario.patience_secs);
        let mut nudge = self.scenario.nudge.clone();
        let mut leave = self.scenario.leaves_after_secs.map(scaled);
        let mut deadline = Instant::now() + patience;
        loop {
            if self.replies > answered || self.closed {
                return !self.closed;
            }
            if self.pump_until(deadline, true).await {
                continue;
            }
            if let Some(text) = nudge.take() {
                self.link
                    .command(|id| VisitorIn::Message { id, text })
                    .await;
                deadline = Instant::now() + leave.unwrap_or(patience * 4);
            } else if leave.take().is_some() {
                let back_after = scaled(self.scenario.back_after_secs);
                self.away_for(back_after).await;
                deadline = Instant::now() + patience * 4;
            } else {
                deadline = Instant::now() + Duration::from_secs(3600);
            }
        }
    }

    /// Closes the site, and opens it again after `away`: the widget's `welcome` brings the
    /// answers written meanwhile.
    async fn away_for(&mut self, away: Duration) {
        self.link.leave().await;
        tokio::time::sleep(away).await;
        let welcome = self.link.recv().await;
        self.on_frame(&welcome);
        self.tell_seen().await;
    }

    /// Says the answers on the screen were read, once each.
    async fn tell_seen(&mut self) {
        if let Some(message_id) = self.unseen.take() {
            self.link
                .command(|id| VisitorIn::Seen { id, message_id })
                .await;
        }
    }

    /// Sleeps `secs` (scaled by speed) while handling whatever arrives.
    async fn pause(&mut self, secs: f64) {
        let deadline = Instant::now() + Duration::from_secs_f64(secs / self.speed);
        self.pump_until(deadline, false).await;
    }

    /// Handles frames until `deadline`; with `stop_on_reply`, returns true as soon as an
    /// operator message (or the chat's closing) arrives.
    async fn pump_until(&mut self, deadline: Instant, stop_on_reply: bool) -> bool {
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => return false,
                out = self.link.recv() => {
                    let replied = self.on_frame(&out);
                    self.tell_seen().await;
                    if stop_on_reply && (replied || self.closed) {
                        return true;
                    }
                }
            }
        }
    }

    /// Updates what the visitor knows; true for an operator's message in the current chat.
    fn on_frame(&mut self, out: &VisitorOut) -> bool {
        match out {
            // Back on the site: the open chat's messages, with what was answered meanwhile.
            VisitorOut::Welcome {
                chat_id: Some(chat_id),
                messages,
                ..
            } if self.chat_id == Some(*chat_id) => {
                let answers = messages.iter().filter(|m| m.author.role == Role::Operator);
                self.unseen = answers.clone().map(|m| m.id).max().or(self.unseen);
                let seen = answers.count() as u64;
                let news = seen > self.replies;
                self.replies = self.replies.max(seen);
                news
            }
            VisitorOut::Ack { id, chat_id, .. } if self.start_chat_id.as_ref() == Some(id) => {
                self.chat_id = *chat_id;
                false
            }
            VisitorOut::Message { message }
                if message.author.role == Role::Operator
                    && (self.chat_id.is_none() || self.chat_id == Some(message.chat_id))
                    && self.start_chat_id.is_some() =>
            {
                self.replies += 1;
                self.unseen = Some(message.id);
                true
            }
            VisitorOut::System {
                chat_id,
                event: SystemEvent::Closed,
                ..
            } if self.chat_id == Some(*chat_id) => {
                self.closed = true;
                self.rate_due = self.scenario.rating.is_some();
                false
            }
            _ => false,
        }
    }
}

/// A colleague's step that failed: logged, and the visitor goes on without her.
fn note_failure(e: anyhow::Error) {
    tracing::debug!("demo colleague: {e:#}");
}
