//! A console's state driven through `app::update` with the clock set by hand: visitors open
//! chats and write, operators accept, time passes.

use frontdesk_protocol::{
    Chat, ChatStatus, EventBody, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus,
    PrechatFields, VisitorProfile,
};

use crate::app::alerts::Notifier;
use crate::app::{Action, Effect, Event, State, update};
use crate::notify::rules::NotificationsConfig;
use crate::notify::{Alert, Notice};

pub(super) const ME: i64 = 3;
const T0: i64 = 1_795_000_000_000;

pub(super) struct Console {
    pub(super) s: State,
    seq: u64,
}

fn operator(id: i64) -> OperatorInfo {
    OperatorInfo {
        id,
        name: format!("op{id}"),
        display_name: format!("Op {id}"),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    }
}

impl Console {
    pub(super) fn new(rules: NotificationsConfig) -> Self {
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        s.alerts = Notifier::new(rules);
        s.now = T0;
        let mut c = Self { s, seq: 1 };
        c.frame(OperatorOut::welcome(operator(ME), 1));
        c.frame(OperatorOut::snapshot(
            1,
            Vec::new(),
            vec![operator(ME), operator(4)],
        ));
        c
    }

    pub(super) fn frame(&mut self, f: OperatorOut) -> Vec<Effect> {
        update(&mut self.s, Event::Frame(Box::new(f)))
    }

    pub(super) fn event(&mut self, body: EventBody) -> Vec<Notice> {
        self.seq += 1;
        let fx = self.frame(OperatorOut::Event {
            seq: self.seq,
            ts: self.s.now,
            event: body,
        });
        notices(fx)
    }

    /// A visitor (id `chat * 10`) named `name` opens chat `chat` and writes `text`.
    pub(super) fn opens(&mut self, chat: i64, name: &str, text: &str) -> Vec<Notice> {
        let mut out = self.event(EventBody::ChatCreated {
            chat: Chat {
                id: chat,
                visitor_id: chat * 10,
                status: ChatStatus::Waiting,
                operator_id: None,
                department: None,
                created_at: self.s.now,
                accepted_at: None,
                closed_at: None,
                queued_at: None,
            },
            visitor: VisitorProfile {
                id: chat * 10,
                fields: PrechatFields {
                    name: Some(name.into()),
                    ..PrechatFields::default()
                },
                ..VisitorProfile::default()
            },
        });
        out.extend(self.says(chat, text));
        out
    }

    pub(super) fn says(&mut self, chat: i64, text: &str) -> Vec<Notice> {
        let id = i64::try_from(self.seq).expect("small") * 100;
        let message =
            crate::ui::screen_test::visitor_message(id, chat, self.seq + 1, self.s.now, text);
        self.event(EventBody::MessagePosted { message })
    }

    pub(super) fn accepted(&mut self, chat: i64, by: i64) -> Vec<Notice> {
        self.event(EventBody::ChatAccepted {
            chat_id: chat,
            operator_id: by,
            operator_name: format!("Op {by}"),
            routed: false,
        })
    }

    /// The server's routing gives chat `chat` to `to`.
    pub(super) fn routed(&mut self, chat: i64, to: i64) -> Vec<Notice> {
        self.event(EventBody::ChatAccepted {
            chat_id: chat,
            operator_id: to,
            operator_name: format!("Op {to}"),
            routed: true,
        })
    }

    /// Visitors open chats and `by` accepts each.
    pub(super) fn active(&mut self, chats: &[(i64, &str)], by: i64) {
        for (id, name) in chats {
            self.opens(*id, name, "hello");
            self.accepted(*id, by);
        }
        // The queue alert goes and comes back as nothing: start the tests from quiet.
        self.at(self.s.now + 60_000);
    }

    pub(super) fn at(&mut self, now: i64) -> Vec<Notice> {
        notices(update(&mut self.s, Event::Tick { now }))
    }

    pub(super) fn act(&mut self, a: Action) -> Vec<Effect> {
        update(&mut self.s, Event::Action(a))
    }

    pub(super) fn look_at(&mut self, chat: i64) {
        self.s.panes[self.s.pane].chat = Some(chat);
    }
}

fn notices(fx: Vec<Effect>) -> Vec<Notice> {
    fx.into_iter()
        .filter_map(|e| match e {
            Effect::Notify(n) => Some(n),
            _ => None,
        })
        .collect()
}

pub(super) fn shown(notices: &[Notice]) -> Vec<&Alert> {
    notices
        .iter()
        .filter_map(|n| match n {
            Notice::Show(a) => Some(a),
            Notice::Withdraw(_) => None,
        })
        .collect()
}

pub(super) fn one(notices: &[Notice]) -> &Alert {
    let alerts = shown(notices);
    assert_eq!(alerts.len(), 1, "{notices:#?}");
    alerts[0]
}
