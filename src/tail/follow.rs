//! Turns the operator socket's frames into printed lines: keeps the picture of the chats,
//! the resume point, and the rule that no seq is printed twice.

use std::io::Write;

use frontdesk_protocol::{ChatState, OperatorOut, Seq};

use super::TailError;
use super::filter::Filter;
use super::format_human::Human;
use super::format_json;
use super::line::Line;
use super::picture::Picture;
use super::stream::Snapshot;

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Human(Human),
    Json,
}

/// Whether to go on after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Go,
    /// Nobody reads the output any more (`| head -1` is done).
    OutputClosed,
}

pub struct Follower<W: Write> {
    picture: Picture,
    /// Chats of `snapshot_part` frames, held for the `snapshot` that completes them.
    parts: Vec<ChatState>,
    /// `--since`: where the first connection starts.
    start: Option<Seq>,
    /// The last event taken (printed or filtered out) or the snapshot's seq: where a
    /// reconnect resumes, and the line under which nothing is printed again.
    taken: Option<Seq>,
    filter: Filter,
    format: Format,
    out: W,
}

impl<W: Write> Follower<W> {
    pub fn new(since: Option<Seq>, filter: Filter, format: Format, out: W) -> Self {
        Self {
            picture: Picture::default(),
            parts: Vec::new(),
            start: since,
            taken: None,
            filter,
            format,
            out,
        }
    }

    /// The `since` to send in `hello`.
    pub fn cursor(&self) -> Option<Seq> {
        self.taken.or(self.start)
    }

    /// A picture taken before reading history (`--since`): names and the queue as of `seq`.
    pub fn preload(&mut self, snapshot: Snapshot) {
        self.take_picture(snapshot);
    }

    fn take_picture(&mut self, (seq, chats, operators, former): Snapshot) {
        self.picture.reset(seq, chats, &operators);
        self.picture.remember_former(&former);
    }

    pub fn on_frame(&mut self, frame: OperatorOut) -> Result<Flow, TailError> {
        match frame {
            OperatorOut::Resync { reason, .. } => {
                let said = super::words().note_gap.replace("{reason}", &reason);
                super::note(format_args!("{said}"));
            }
            OperatorOut::SnapshotPart { chats, .. } => self.parts.extend(chats),
            OperatorOut::Snapshot {
                seq,
                chats,
                operators,
                former_operators,
            } => self.on_snapshot((seq, chats, operators, former_operators)),
            OperatorOut::Event { seq, ts, event } => {
                if self.taken.is_some_and(|t| seq <= t) {
                    return Ok(Flow::Go);
                }
                self.taken = Some(seq);
                let facts = self.picture.apply(seq, &event);
                // Words for people in their language; JSON keeps English ones for scripts.
                let words = match self.format {
                    Format::Human(human) => human.words,
                    Format::Json => &crate::i18n::TAIL_EN,
                };
                let line = Line::new(seq, ts, &event, facts, &self.picture, words);
                if self.filter.matches(&line, |id| self.picture.login(id)) {
                    let text = match self.format {
                        Format::Human(human) => human.format(&line),
                        Format::Json => format_json::format(&line),
                    };
                    return self.write(&text);
                }
            }
            _ => {}
        }
        Ok(Flow::Go)
    }

    fn on_snapshot(&mut self, (seq, chats, operators, former): Snapshot) {
        let mut all = std::mem::take(&mut self.parts);
        all.extend(chats);
        self.take_picture((seq, all, operators, former));
        // After a resync the server may be behind what was printed (its data was replaced):
        // what was taken never goes back, so nothing is printed twice. A `--since` the server
        // could not serve (too old, or past its newest event) is dropped for the snapshot.
        self.taken = Some(self.taken.map_or(seq, |t| t.max(seq)));
        let said = super::words()
            .note_live
            .replace("{seq}", &seq.to_string())
            .replace("{n}", &self.picture.waiting().to_string());
        super::note(format_args!("{said}"));
    }

    fn write(&mut self, text: &str) -> Result<Flow, TailError> {
        let written = writeln!(self.out, "{text}").and_then(|()| self.out.flush());
        match written {
            Ok(()) => Ok(Flow::Go),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Flow::OutputClosed),
            Err(e) => Err(TailError::Output(e)),
        }
    }
}
