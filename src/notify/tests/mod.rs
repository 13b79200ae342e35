//! Unit tests of the alert rules and the decision core, with the clock set by hand.

mod channels;
mod decide;
mod fixture;
mod rules;
