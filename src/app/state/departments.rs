//! Departments as the console sees them: which waiting chats are this operator's to answer
//! first, so alerts do not call everyone to a chat another department keeps.

use frontdesk_protocol::{ChatStatus, OperatorStatus};

use super::State;

impl State {
    /// The department `key` keeps its waiting chats from me: I am not in it, and someone in
    /// it is online (the server opens a department's chat to all when nobody of it is, or
    /// with `chat_unclaimed` when its time runs out). Unknown departments keep nothing.
    pub fn kept_from_me(&self, key: &str) -> bool {
        let Some(department) = self.departments.iter().find(|d| d.key == key) else {
            return false;
        };
        let me = self.my_id();
        !department.operator_ids.iter().any(|id| Some(*id) == me)
            && department.operator_ids.iter().any(|id| {
                self.operators
                    .get(id)
                    .is_some_and(|o| o.status == OperatorStatus::Online)
            })
    }

    /// A waiting chat this console should call its operator to: in the common queue, in one
    /// of my departments, or open to everyone now.
    pub fn queue_calls_me(&self, chat_id: i64) -> bool {
        self.chats.get(&chat_id).is_some_and(|c| {
            c.chat.status == ChatStatus::Waiting
                && (c.open_to_all
                    || c.chat
                        .department
                        .as_deref()
                        .is_none_or(|key| !self.kept_from_me(key)))
        })
    }

    /// The title of department `key`, or the key itself when the server did not name it.
    pub fn department_title<'a>(&'a self, key: &'a str) -> &'a str {
        self.departments
            .iter()
            .find(|d| d.key == key)
            .map_or(key, |d| d.title.as_str())
    }
}
