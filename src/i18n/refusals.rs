//! The console's own words for why the server refused a command (the `reason` of an `error`
//! frame), in English and Russian. The server's `message` is English and names ids; these say
//! the same in the operator's language. `{max}`, `{department}` and `{secs}` are filled in.

use frontdesk_protocol::ErrorReason;

/// One sentence per [`ErrorReason`] the console knows.
#[derive(Debug, PartialEq, Eq)]
pub struct RefusalLabels {
    pub chat_taken: &'static str,
    pub chat_closed: &'static str,
    pub left_message: &'static str,
    pub not_your_chat: &'static str,
    pub visitor_moved_on: &'static str,
    pub supervisor_only: &'static str,
    pub nobody_to_whisper_to: &'static str,
    pub too_many_chats: &'static str,
    pub held_for_department: &'static str,
    pub not_offered_to_you: &'static str,
    pub already_banned: &'static str,
    pub address_unknown: &'static str,
    pub ban_ended: &'static str,
    pub visitor_chatting: &'static str,
    pub invitation_pending: &'static str,
    pub session_ended: &'static str,
}

impl RefusalLabels {
    /// The sentence for `reason`; `None` for one this build does not know (the caller shows
    /// the server's words). `department` is the server's text: the caller sanitizes the result.
    pub fn text(&self, reason: &ErrorReason) -> Option<String> {
        let plain = match reason {
            ErrorReason::ChatTaken => self.chat_taken,
            ErrorReason::ChatClosed => self.chat_closed,
            ErrorReason::LeftMessage => self.left_message,
            ErrorReason::NotYourChat => self.not_your_chat,
            ErrorReason::VisitorMovedOn => self.visitor_moved_on,
            ErrorReason::SupervisorOnly => self.supervisor_only,
            ErrorReason::NobodyToWhisperTo => self.nobody_to_whisper_to,
            ErrorReason::NotOfferedToYou => self.not_offered_to_you,
            ErrorReason::AlreadyBanned => self.already_banned,
            ErrorReason::AddressUnknown => self.address_unknown,
            ErrorReason::BanEnded => self.ban_ended,
            ErrorReason::VisitorChatting => self.visitor_chatting,
            ErrorReason::InvitationPending => self.invitation_pending,
            ErrorReason::SessionEnded => self.session_ended,
            ErrorReason::TooManyChats { max } => {
                return Some(self.too_many_chats.replace("{max}", &max.to_string()));
            }
            ErrorReason::HeldForDepartment { department, secs } => {
                return Some(
                    self.held_for_department
                        .replace("{department}", department)
                        .replace("{secs}", &secs.to_string()),
                );
            }
            ErrorReason::Other => return None,
        };
        Some(plain.to_owned())
    }
}

pub static REFUSALS_EN: RefusalLabels = RefusalLabels {
    chat_taken: "another operator took this chat first",
    chat_closed: "the chat is closed",
    left_message: "this is a message left offline: take it first",
    not_your_chat: "this is another operator's chat",
    visitor_moved_on: "the visitor has another open chat now: answer there",
    supervisor_only: "only a supervisor may do that",
    nobody_to_whisper_to: "a whisper needs a chat someone has taken",
    too_many_chats: "you have as many active chats as allowed ({max}): close one first",
    held_for_department: "the chat waits for «{department}» {secs} s more: its operators come first",
    not_offered_to_you: "this chat is not offered to you (any more)",
    already_banned: "the visitor is banned already",
    address_unknown: "the visitor's address is not known: ban the visitor, not the address",
    ban_ended: "this ban has ended already",
    visitor_chatting: "the visitor is in a chat already",
    invitation_pending: "the visitor has an invitation waiting already",
    session_ended: "the server ended this session: a new password, the account disabled, or logged out",
};

pub static REFUSALS_RU: RefusalLabels = RefusalLabels {
    chat_taken: "этот чат уже взял другой оператор",
    chat_closed: "чат уже закрыт",
    left_message: "это оставленное сообщение: сначала возьмите его",
    not_your_chat: "это чат другого оператора",
    visitor_moved_on: "у посетителя теперь другой открытый чат: ответьте там",
    supervisor_only: "это могут только старшие",
    nobody_to_whisper_to: "шептать можно только в чат, который кто-то взял",
    too_many_chats: "у вас уже столько активных чатов, сколько можно ({max}): сначала закройте один",
    held_for_department: "чат ещё {secs} с ждёт отдел «{department}»: его операторы первые",
    not_offered_to_you: "этот чат вам не передавали (или передачу уже отменили)",
    already_banned: "посетитель уже заблокирован",
    address_unknown: "адрес посетителя неизвестен: заблокируйте посетителя, а не адрес",
    ban_ended: "эта блокировка уже закончилась",
    visitor_chatting: "посетитель уже в чате",
    invitation_pending: "посетитель уже приглашён и ещё не ответил",
    session_ended: "сервер завершил сессию: новый пароль, учётная запись отключена или выход из неё",
};

#[cfg(test)]
mod tests {
    use frontdesk_protocol::ErrorReason;

    use super::{REFUSALS_EN, REFUSALS_RU};

    #[test]
    fn every_reason_has_words_in_both_languages_and_its_values_filled_in() {
        let reasons = [
            ErrorReason::ChatTaken,
            ErrorReason::ChatClosed,
            ErrorReason::LeftMessage,
            ErrorReason::NotYourChat,
            ErrorReason::VisitorMovedOn,
            ErrorReason::SupervisorOnly,
            ErrorReason::NobodyToWhisperTo,
            ErrorReason::TooManyChats { max: 7 },
            ErrorReason::HeldForDepartment {
                department: "Продажи".into(),
                secs: 42,
            },
            ErrorReason::NotOfferedToYou,
            ErrorReason::AlreadyBanned,
            ErrorReason::AddressUnknown,
            ErrorReason::BanEnded,
            ErrorReason::VisitorChatting,
            ErrorReason::InvitationPending,
            ErrorReason::SessionEnded,
        ];
        for labels in [&REFUSALS_EN, &REFUSALS_RU] {
            let texts: Vec<String> = reasons.iter().filter_map(|r| labels.text(r)).collect();
            assert_eq!(texts.len(), reasons.len());
            assert!(
                texts.iter().all(|t| !t.is_empty() && !t.contains('{')),
                "{texts:?}"
            );
            assert!(texts[7].contains('7'));
            assert!(texts[8].contains("Продажи") && texts[8].contains("42"));
            assert_eq!(labels.text(&ErrorReason::Other), None);
        }
    }
}
