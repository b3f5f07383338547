//! The calendar: Swedish public holidays and statutory time limits for the
//! municipal notice board (*anslagstavlan*).
//!
//! * [`holidays`]: *allmänna helgdagar* per Lag (1989:253) om allmänna
//!   helgdagar, including the 2005 change (SFS 2004:1320: *nationaldagen*
//!   in, *annandag pingst* out), and *påskdagen* by the Gregorian computus.
//! * [`deadline`]: Lag (1930:173) om beräkning av lagstadgad tid, 2 §
//!   (a time limit ending on a Saturday, Sunday, holiday, *midsommarafton*,
//!   *julafton* or *nyårsafton* moves to the next normal weekday), applied
//!   to the appeal period of Kommunallagen 13 kap. 5 § and the posting
//!   limit of Kommunallagen 8 kap. 12 §.
//!
//! * [`clock`]: a meeting's time of day as clerks write it, and Sweden's
//!   offset from UTC.
//!
//! Everything is a pure function of [`Date`]: no I/O, no clock, no panics
//! on any date in jiff's range (-9999-01-01..=9999-12-31). Results that
//! would fall outside that range saturate to `Date::MAX`;
//! [`holidays::checked_easter_sunday`] gives `None` for a year outside it.
//! Holiday rules are applied proleptically: years before 1989 get the 1989
//! rules (with *annandag pingst*), not the law then in force.

pub mod clock;
pub mod deadline;
pub mod holidays;

pub use deadline::*;
