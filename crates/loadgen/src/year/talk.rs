//! A chat's lines and its end as events, and the visitor's profile as a chat start shows it.

use fastrand::Rng;
use frontdesk_protocol::{Author, Millis, PrechatFields, Role, VisitorProfile};

use super::rows::{Ev, Operator, VisitorRow, What};
use super::texts;

/// Writes a chat's lines and its end into the event list.
pub struct Talk<'a> {
    pub chat_id: i64,
    pub visitor: &'a VisitorRow,
    pub out: &'a mut Vec<Ev>,
}

impl Talk<'_> {
    pub fn say(&mut self, rng: &mut Rng, ts: Millis, operator: Option<&Operator>) {
        let author = match operator {
            Some(op) => Author {
                role: Role::Operator,
                operator_id: Some(op.id),
                name: Some(op.display_name.clone()),
            },
            None => Author {
                role: Role::Visitor,
                operator_id: None,
                name: self.visitor.name.map(str::to_owned),
            },
        };
        let name = operator.map_or("", |o| o.display_name.as_str());
        let text = texts::line(rng, operator.is_none(), self.visitor.english, name);
        self.out.push(Ev {
            ts,
            what: What::Message {
                chat_id: self.chat_id,
                visitor_id: self.visitor.id,
                author,
                text,
            },
        });
    }

    pub fn close(&mut self, ts: Millis, by: Role, operator_id: Option<i64>) {
        self.out.push(Ev {
            ts,
            what: What::Closed {
                chat_id: self.chat_id,
                by,
                operator_id,
            },
        });
    }
}

pub fn profile(v: &VisitorRow) -> VisitorProfile {
    VisitorProfile {
        id: v.id,
        fields: PrechatFields {
            name: v.name.map(str::to_owned),
            email: v.email.clone(),
            ..PrechatFields::default()
        },
        language: Some(if v.english { "en" } else { "ru" }.to_owned()),
        visits: v.visits,
        chats: v.chats,
        first_seen: v.first_seen,
        last_seen: v.last_seen,
        ..VisitorProfile::default()
    }
}
