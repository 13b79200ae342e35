//! Unit tests of the alert decisions, with the clock set by hand, and of the title's words.

mod decide;
mod fixture;
mod routing;
mod title;
