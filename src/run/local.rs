//! Effects the loop carries out on this machine and forgets: files written (by their writer
//! threads, so the loop never waits for the disk), suggestions asked of a thread, a word added
//! to the operator's list, a path completed. What they produce comes back as events.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::app::{Effect, Event};
use crate::canned::usage::Usage;
use crate::runtime::drafts_file;
use crate::runtime::latest::Latest;

/// The loop's writer threads, one per file it rewrites whole.
pub struct Writers {
    drafts: Latest<drafts_file::Job>,
    usage: Latest<(PathBuf, Usage)>,
}

impl Writers {
    pub fn start() -> Self {
        Self {
            drafts: Latest::start("drafts", drafts_file::save_job),
            usage: Latest::start("canned-usage", crate::runtime::canned::save_usage),
        }
    }
}

/// Carries out `effect`: every effect the loop does not take itself comes here, so a new
/// kind of effect must be placed in this `match`.
pub fn carry_out(
    effect: Effect,
    writers: &Writers,
    writing: &crate::runtime::writing::Runtime,
    events: &mut VecDeque<Event>,
) {
    match effect {
        Effect::Suggest {
            speller,
            at,
            word,
            capital,
        } => {
            crate::runtime::writing::suggest(writing.tx.clone(), speller, at, word, capital);
        }
        Effect::AddWord { word } => {
            crate::runtime::writing::add_word(writing.own_words.as_deref(), &word);
        }
        Effect::CompletePath { typed } => {
            events.push_back(crate::runtime::path_completion::complete(&typed));
        }
        Effect::SaveCannedUsage { path, usage } => writers.usage.write((path, usage)),
        Effect::SaveDrafts {
            data_dir,
            server,
            drafts,
        } => writers.drafts.write((data_dir, server, drafts)),
        // Transcript files: the export key's, and an exported set's.
        effect @ (Effect::SaveTranscript { .. }
        | Effect::AppendExport { .. }
        | Effect::FinishExport { .. }
        | Effect::DiscardExport { .. }) => {
            events.extend(crate::runtime::transcript::write(effect));
        }
        // The loop's own (`run.rs`), and REST reads beside the socket (`side_reads`), taken
        // before anything comes here.
        Effect::Send(_)
        | Effect::OpenEditor { .. }
        | Effect::Notify(_)
        | Effect::Quit
        | Effect::FetchTranscript { .. }
        | Effect::SaveFile { .. }
        | Effect::SendFile { .. }
        | Effect::FetchToday { .. }
        | Effect::FetchStats { .. }
        | Effect::SearchChats { .. }
        | Effect::FetchFoundChat { .. }
        | Effect::ListForExport { .. }
        | Effect::FetchForExport { .. } => {}
    }
}
