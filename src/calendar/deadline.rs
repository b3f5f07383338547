//! Lagstadgad tid (statutory time limits).
//!
//! * Lag (1930:173) om beräkning av lagstadgad tid, 2 §: a time limit whose
//!   last day falls on a Saturday, a Sunday or other *allmän helgdag*,
//!   *midsommarafton*, *julafton* or *nyårsafton* ends instead on the next
//!   day that is none of these.
//! * Kommunallagen (2017:725) 13 kap. 5 §: an appeal (*laglighetsprövning*)
//!   must reach the court within three weeks from the day the notice of the
//!   adjusted minutes was posted on the notice board (*anslagstavlan*).
//! * Kommunallagen 8 kap. 12 §: the notice must be posted at the latest two
//!   days after the minutes were adjusted (*justerats*).
//!
//! Saturation: jiff dates end at 9999-12-31 (a Friday and *nyårsafton*, so
//! itself deadline-free). Where a result would lie beyond that, the plain
//! functions return [`Date::MAX`] and the `checked_*` ones return `None`.
//! Nothing here panics.

use jiff::Span;
use jiff::civil::{Date, Weekday};

use super::holidays::holiday_name;

/// "Tre veckor" of Kommunallagen 13 kap. 5 §, in days.
pub const DEFAULT_APPEAL_PERIOD_DAYS: u32 = 21;
/// "Senast två dagar efter justeringen", Kommunallagen 8 kap. 12 §.
pub const DEFAULT_POST_WITHIN_DAYS: u32 = 2;

/// Whether `date` is *midsommarafton*: the Friday before midsommardagen
/// (the Saturday 20–26 June), i.e. a Friday 19–25 June.
fn is_midsummer_eve(date: Date) -> bool {
    date.month() == 6 && (19..=25).contains(&date.day()) && date.weekday() == Weekday::Friday
}

/// Why a time limit cannot end on `date` (Lag 1930:173, 2 §), as a Swedish
/// word, or `None` for a normal weekday. A named holiday wins over the
/// weekday ("midsommardagen", not "lördag").
pub fn deadline_free_reason(date: Date) -> Option<&'static str> {
    if let Some(name) = holiday_name(date) {
        return Some(name);
    }
    match (date.month(), date.day()) {
        (12, 24) => return Some("julafton"),
        (12, 31) => return Some("nyårsafton"),
        _ => {}
    }
    if is_midsummer_eve(date) {
        return Some("midsommarafton");
    }
    match date.weekday() {
        Weekday::Saturday => Some("lördag"),
        Weekday::Sunday => Some("söndag"),
        _ => None,
    }
}

/// Whether a time limit cannot end on `date`: Saturday, Sunday, an *allmän
/// helgdag*, *midsommarafton*, *julafton* or *nyårsafton* (`true` = the
/// deadline moves on to a later day).
pub fn is_deadline_free_day(date: Date) -> bool {
    deadline_free_reason(date).is_some()
}

/// `date` itself if a time limit can end on it, else the next day that is
/// not deadline-free; `None` if there is none before the end of jiff's range
/// (only for 9999-12-31).
pub fn checked_next_deadline_day(date: Date) -> Option<Date> {
    let mut day = date;
    // Terminates: each step moves forward, and `tomorrow` fails at Date::MAX.
    while is_deadline_free_day(day) {
        day = day.tomorrow().ok()?;
    }
    Some(day)
}

/// `date` itself if a time limit can end on it, else the next day that is
/// not deadline-free (Lag 1930:173, 2 §). Saturates to [`Date::MAX`] when no
/// such day exists (only for 9999-12-31).
pub fn next_deadline_day(date: Date) -> Date {
    checked_next_deadline_day(date).unwrap_or(Date::MAX)
}

/// `start` plus `days` days, moved on per Lag 1930:173, 2 §.
fn checked_limit(start: Date, days: u32) -> Option<Date> {
    let span = Span::new().try_days(i64::from(days)).ok()?;
    checked_next_deadline_day(start.checked_add(span).ok()?)
}

/// The last day to appeal (*sista dag för överklagande*): the posting date
/// plus `appeal_period_days`, moved on per Lag 1930:173, 2 §. `None` if
/// that lies beyond jiff's range.
pub fn checked_appeal_last_day(posted: Date, appeal_period_days: u32) -> Option<Date> {
    checked_limit(posted, appeal_period_days)
}

/// The last day to appeal (*sista dag för överklagande*, Kommunallagen
/// 13 kap. 5 §): `posted` + `appeal_period_days` (normally
/// [`DEFAULT_APPEAL_PERIOD_DAYS`]), moved on per Lag 1930:173, 2 §.
/// Saturates to [`Date::MAX`].
pub fn appeal_last_day(posted: Date, appeal_period_days: u32) -> Date {
    checked_appeal_last_day(posted, appeal_period_days).unwrap_or(Date::MAX)
}

/// The default day to take the notice down (*anslaget tas ned*): the day
/// after [`appeal_last_day`]. This day itself is not moved, whatever
/// weekday it is. `None` if it lies beyond jiff's range.
pub fn checked_default_removal(posted: Date, appeal_period_days: u32) -> Option<Date> {
    checked_appeal_last_day(posted, appeal_period_days)?.tomorrow().ok()
}

/// The default day to take the notice down: the day after
/// [`appeal_last_day`]. Saturates to [`Date::MAX`].
pub fn default_removal(posted: Date, appeal_period_days: u32) -> Date {
    checked_default_removal(posted, appeal_period_days).unwrap_or(Date::MAX)
}

/// The last day to post the notice (Kommunallagen 8 kap. 12 §): the day the
/// minutes were adjusted (*justeringsdagen*) plus `post_within_days`
/// (normally [`DEFAULT_POST_WITHIN_DAYS`]), moved on per Lag 1930:173, 2 §.
/// `None` if that lies beyond jiff's range.
pub fn checked_posting_limit(adjusted: Date, post_within_days: u32) -> Option<Date> {
    checked_limit(adjusted, post_within_days)
}

/// The last day to post the notice: `adjusted` + `post_within_days`, moved
/// on exactly like [`appeal_last_day`]. Saturates to [`Date::MAX`].
pub fn posting_limit(adjusted: Date, post_within_days: u32) -> Date {
    checked_posting_limit(adjusted, post_within_days).unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::super::holidays::{is_public_holiday, public_holidays};
    use super::*;
    use jiff::civil::date;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// (posted, expected last day to appeal with 21 days, why).
    const APPEAL_TABLE: [(&str, &str, &str); 11] = [
        ("2024-12-03", "2024-12-27", "24 julafton, 25-26 jul"),
        ("2025-05-08", "2025-05-30", "29 May Kristi himmelsfärdsdag"),
        ("2025-03-31", "2025-04-22", "21 Apr annandag påsk"),
        ("2025-05-30", "2025-06-23", "20 midsommarafton, 21 Sat, 22 Sun"),
        ("2026-12-10", "2027-01-04", "31 nyårsafton, 1 nyårsdagen, 2-3 weekend"),
        ("2019-05-14", "2019-06-04", "an ordinary Tuesday"),
        ("2023-10-09", "2023-10-30", "Monday; alla helgons dag is 4 Nov"),
        ("2004-05-10", "2004-06-01", "31 May annandag pingst, still a holiday"),
        ("2006-05-15", "2006-06-05", "annandag pingst, no longer a holiday"),
        ("2006-05-16", "2006-06-07", "6 June nationaldagen"),
        ("1993-12-01", "1993-12-22", "an ordinary Wednesday"),
    ];

    #[test]
    fn appeal_last_day_table() {
        for (posted, expected, why) in APPEAL_TABLE {
            let got = appeal_last_day(d(posted), DEFAULT_APPEAL_PERIOD_DAYS);
            assert_eq!(got, d(expected), "posted {posted}: {why}");
            assert!(!is_deadline_free_day(got), "{got}");
        }
    }

    #[test]
    fn default_removal_is_the_day_after() {
        let cases = [
            ("2024-12-03", "2024-12-28"),
            ("2026-12-10", "2027-01-05"),
            ("2006-05-15", "2006-06-06"),
            ("2025-05-30", "2025-06-24"),
        ];
        for (posted, expected) in cases {
            assert_eq!(default_removal(d(posted), 21), d(expected), "posted {posted}");
        }
    }

    #[test]
    fn posting_limit_moves_like_appeal_deadline() {
        // Adjusted Thu 2025-06-19: +2 = midsommarafton → Mon 23 June.
        assert_eq!(posting_limit(d("2025-06-19"), 2), d("2025-06-23"));
        // Adjusted Mon 2025-03-03: +2 = Wed 5 March, unchanged.
        assert_eq!(posting_limit(d("2025-03-03"), 2), d("2025-03-05"));
        // Adjusted Wed 2024-04-17 → Fri 19 April, unchanged.
        assert_eq!(posting_limit(d("2024-04-17"), DEFAULT_POST_WITHIN_DAYS), d("2024-04-19"));
        // Adjusted Sun 2024-12-29: +2 = nyårsafton → Thu 2 January.
        assert_eq!(posting_limit(d("2024-12-29"), 2), d("2025-01-02"));
        assert_eq!(posting_limit(d("2025-04-16"), 0), d("2025-04-16"));
        assert_eq!(posting_limit(d("2025-04-18"), 0), d("2025-04-22"));
    }

    #[test]
    fn reasons() {
        assert_eq!(deadline_free_reason(d("2025-06-20")), Some("midsommarafton"));
        assert_eq!(deadline_free_reason(d("2025-06-21")), Some("midsommardagen"));
        assert_eq!(deadline_free_reason(d("2022-12-24")), Some("julafton"));
        assert_eq!(deadline_free_reason(d("2025-12-31")), Some("nyårsafton"));
        assert_eq!(deadline_free_reason(d("2025-03-01")), Some("lördag"));
        assert_eq!(deadline_free_reason(d("2025-03-02")), Some("söndag"));
        assert_eq!(deadline_free_reason(d("2025-04-20")), Some("påskdagen"));
        assert_eq!(deadline_free_reason(d("2025-03-03")), None);
        // A Friday 19 June that is not midsommarafton does not exist; a
        // Friday 26 June is an ordinary day (midsommardagen was the 20th).
        assert_eq!(deadline_free_reason(d("2015-06-26")), None);
    }

    #[test]
    fn saturates_at_the_end_of_the_range() {
        let last = Date::MAX; // 9999-12-31, a Friday and nyårsafton
        assert!(is_deadline_free_day(last));
        assert_eq!(checked_next_deadline_day(last), None);
        assert_eq!(next_deadline_day(last), Date::MAX);
        assert_eq!(next_deadline_day(d("9999-12-30")), d("9999-12-30"));
        assert_eq!(checked_appeal_last_day(d("9999-12-20"), 21), None);
        assert_eq!(appeal_last_day(d("9999-12-20"), 21), Date::MAX);
        assert_eq!(appeal_last_day(Date::MIN, u32::MAX), Date::MAX);
        assert_eq!(checked_posting_limit(Date::MIN, u32::MAX), None);
        assert_eq!(checked_default_removal(d("9999-12-09"), 21), Some(Date::MAX));
        assert_eq!(default_removal(d("9999-12-10"), 21), Date::MAX);
        // -9999-01-01 is nyårsdagen; the 2nd is a weekday.
        assert_eq!(next_deadline_day(Date::MIN), date(-9999, 1, 2));
    }

    #[test]
    fn property_next_deadline_day_1900_2200() {
        let (mut day, end) = (date(1900, 1, 1), date(2200, 12, 31));
        let mut longest = 0;
        while day <= end {
            let next = next_deadline_day(day);
            let gap = day.until(next).unwrap().get_days();
            assert!(next >= day && !is_deadline_free_day(next), "{day} -> {next}");
            assert!((0..=5).contains(&gap), "{day} -> {next}");
            if !is_deadline_free_day(day) {
                assert_eq!(next, day);
            } else {
                // Minimal: the day before `next` is deadline-free too.
                assert!(is_deadline_free_day(next.yesterday().unwrap()), "{day}");
            }
            longest = longest.max(gap);
            day = day.tomorrow().unwrap();
        }
        // Julafton on a Monday: Sat 22 – Wed 26 December are all deadline-free.
        assert_eq!(longest, 5);
    }

    #[test]
    fn property_holiday_list_and_predicates_agree() {
        for year in 1900..=2200 {
            let list = public_holidays(year);
            assert_eq!(list.len(), 13, "{year}");
            assert!(list.windows(2).all(|w| w[0].0 <= w[1].0), "{year} sorted");
            for &(day, name) in &list {
                assert_eq!(day.year(), year);
                assert!(is_public_holiday(day), "{day} {name}");
                assert!(is_deadline_free_day(day), "{day} {name}");
            }
            let mut day = date(year, 1, 1);
            while day.year() == year {
                let listed = list.iter().any(|&(h, _)| h == day);
                let sunday = day.weekday() == Weekday::Sunday;
                assert_eq!(is_public_holiday(day), listed || sunday, "{day}");
                day = day.tomorrow().unwrap();
            }
        }
    }
}
