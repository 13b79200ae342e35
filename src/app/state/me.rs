//! Who the console is logged in as, and the colleagues it knows: names to draw and the
//! transfer offers between us.

use frontdesk_protocol::TransferOffer;

use super::State;

impl State {
    /// The logged-in operator's id, once the server has welcomed us.
    pub fn my_id(&self) -> Option<i64> {
        self.me.as_ref().map(|m| m.id)
    }

    /// Our display name, or the login name given at start until the welcome.
    pub fn my_name(&self) -> &str {
        self.me
            .as_ref()
            .map_or(self.operator_name.as_str(), |m| m.display_name.as_str())
    }

    /// The offer of chat `chat_id` to me, if a colleague made one.
    pub fn offered_to_me(&self, chat_id: i64) -> Option<&TransferOffer> {
        self.offers
            .get(&chat_id)
            .filter(|o| Some(o.to_operator_id) == self.my_id())
    }

    /// An operator's display name, safe to draw (one disabled meanwhile keeps theirs); `#id`
    /// for one this console does not know.
    pub fn operator_label(&self, id: i64) -> String {
        let name = self
            .operators
            .get(&id)
            .map(|o| o.display_name.as_str())
            .or_else(|| self.former_operators.get(&id).map(String::as_str));
        name.map_or_else(
            || format!("#{id}"),
            |n| crate::sanitize::sanitize(n, crate::sanitize::Mode::NAME).into_owned(),
        )
    }

    /// The offer of `chat_id` I made, while the colleague has not answered.
    pub fn offered_by_me(&self, chat_id: i64) -> Option<&TransferOffer> {
        self.offers
            .get(&chat_id)
            .filter(|o| Some(o.from_operator_id) == self.my_id())
    }
}
