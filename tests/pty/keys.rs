//! What the terminal sends for the keys the scenarios press.

pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const BACKSPACE: &str = "\x7f";
pub const CTRL_F: &str = "\x06";
/// Search across chats.
pub const CTRL_G: &str = "\x07";
/// Next search hit.
pub const CTRL_N: &str = "\x0e";
pub const CTRL_Q: &str = "\x11";
pub const CTRL_R: &str = "\x12";
/// Save the chat's newest received file.
pub const CTRL_S: &str = "\x13";
pub const CTRL_W: &str = "\x17";
pub const CTRL_X_CTRL_E: &str = "\x18\x05";
pub const ALT_1: &str = "\x1b1";
pub const ALT_2: &str = "\x1b2";
pub const ALT_E: &str = "\x1be";
pub const ALT_G: &str = "\x1bg";
pub const ALT_N: &str = "\x1bn";
pub const ALT_O: &str = "\x1bo";
pub const ALT_V: &str = "\x1bv";
/// The shipped closing reply (`send = true`) is bound to Alt-Y.
pub const ALT_Y: &str = "\x1by";
pub const F1: &str = "\x1bOP";
pub const F2: &str = "\x1bOQ";
pub const F8: &str = "\x1b[19~";
pub const F10: &str = "\x1b[21~";
pub const PG_DN: &str = "\x1b[6~";
