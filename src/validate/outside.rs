//! What the check of one meeting reads beyond its own files and the site's
//! settings: the build's date and the attachments it refers to.
//!
//! Whether a protocol is adjusted, a § withdrawn or corrected, or adjusted
//! on its own on the build's date are the only ways the date enters a
//! meeting's check; each goes through [`Outside::reached`], which notes the
//! date it was asked about. A meeting checked on one day is the same on any
//! other day on which every noted date is reached, or not, alike
//! ([`same_on`]). Every attachment a link or a `file:` reaches is noted
//! too ([`Outside::attachment`]): the check opens it and looks at how it
//! starts. Together they are what lets a build take over yesterday's check
//! of an unchanged meeting ([`super::reuse`]).

use crate::model::Date;
use std::cell::RefCell;

/// The build's date and every date compared with it, with the answer; the
/// attachments reached.
#[derive(Debug)]
pub struct Outside {
    today: Date,
    asked: RefCell<Vec<(Date, bool)>>,
    attachments: RefCell<Vec<String>>,
}

impl Outside {
    pub fn new(today: Date) -> Outside {
        Outside { today, asked: RefCell::new(Vec::new()), attachments: RefCell::new(Vec::new()) }
    }

    /// Notes that the check reached the attachment at `path` (content-relative).
    pub fn attachment(&self, path: &str) {
        self.attachments.borrow_mut().push(path.to_owned());
    }

    /// Whether `date` is on or before the build's date (noted).
    pub fn reached(&self, date: Date) -> bool {
        let reached = date <= self.today;
        self.asked.borrow_mut().push((date, reached));
        reached
    }

    /// The dates asked about, each once, with their answers, and the
    /// attachments reached, each once, in order.
    pub fn into_parts(self) -> (Vec<(Date, bool)>, Vec<String>) {
        let mut asked = self.asked.into_inner();
        asked.sort_unstable();
        asked.dedup();
        let mut attachments = self.attachments.into_inner();
        attachments.sort_unstable();
        attachments.dedup();
        (asked, attachments)
    }
}

/// Whether every date in `asked` is reached on `day` as it was when asked.
pub fn same_on(asked: &[(Date, bool)], day: Date) -> bool {
    asked.iter().all(|&(date, reached)| (date <= day) == reached)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_check_holds_on_the_days_on_which_every_date_it_asked_about_comes_out_alike() {
        let day = Outside::new(d("2026-11-25"));
        assert!(day.reached(d("2026-11-25")));
        assert!(!day.reached(d("2026-11-27")));
        assert!(day.reached(d("2026-11-01")));
        assert!(!day.reached(d("2026-11-27")));
        day.attachment("ks/m/b.pdf");
        day.attachment("ks/m/a.pdf");
        day.attachment("ks/m/b.pdf");
        let (asked, attachments) = day.into_parts();
        assert_eq!(attachments, ["ks/m/a.pdf", "ks/m/b.pdf"]);
        assert_eq!(asked.len(), 3);
        assert!(same_on(&asked, d("2026-11-25")));
        assert!(same_on(&asked, d("2026-11-26")));
        // On the 27th the withdrawal (or adjustment) dated then takes effect.
        assert!(!same_on(&asked, d("2026-11-27")));
        // Before the 25th, the date asked about first was not yet reached.
        assert!(!same_on(&asked, d("2026-11-24")));
        assert!(same_on(&[], d("1999-01-01")));
    }
}
