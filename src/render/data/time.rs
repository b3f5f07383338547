//! A meeting's time as RFC 3339 date-times in Swedish time, for the open
//! data (parsing and the offset: [`crate::calendar::clock`]). An end before
//! its start is on the next day.

use crate::calendar::clock::{Hm, meeting_times, swedish_offset};
use crate::model::Date;

/// The start and, when given, the end of a meeting on `date`, as RFC 3339
/// date-times; `None` when `time` does not parse.
pub fn span(date: Date, time: &str) -> Option<(String, Option<String>)> {
    let (start, end) = meeting_times(time)?;
    let first = stamp(date, start)?;
    let last = match end {
        Some(end) => {
            let day = if end < start { date.tomorrow().ok()? } else { date };
            Some(stamp(day, end)?)
        }
        None => None,
    };
    Some((first, last))
}

/// `2026-11-18T13:30:00+01:00`.
fn stamp(date: Date, (hour, minute): Hm) -> Option<String> {
    let offset = swedish_offset(date, (hour, minute))?;
    Some(format!("{date}T{hour:02}:{minute:02}:00+{offset:02}:00"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn offsets_follow_swedish_summer_time() {
        // 2026: summer time from 29 March to 25 October.
        assert_eq!(
            span(date(2026, 11, 18), "13.30–16.10"),
            Some(("2026-11-18T13:30:00+01:00".to_owned(), Some("2026-11-18T16:10:00+01:00".to_owned())))
        );
        assert_eq!(span(date(2026, 6, 15), "18.00").map(|s| s.0).as_deref(), Some("2026-06-15T18:00:00+02:00"));
        assert_eq!(span(date(2026, 3, 28), "10.00").map(|s| s.0).as_deref(), Some("2026-03-28T10:00:00+01:00"));
        assert_eq!(span(date(2026, 3, 29), "01.30").map(|s| s.0).as_deref(), Some("2026-03-29T01:30:00+01:00"));
        assert_eq!(span(date(2026, 3, 29), "10.00").map(|s| s.0).as_deref(), Some("2026-03-29T10:00:00+02:00"));
        assert_eq!(span(date(2026, 10, 25), "02.30").map(|s| s.0).as_deref(), Some("2026-10-25T02:30:00+02:00"));
        assert_eq!(span(date(2026, 10, 25), "10.00").map(|s| s.0).as_deref(), Some("2026-10-25T10:00:00+01:00"));
        assert_eq!(span(date(2026, 10, 24), "10.00").map(|s| s.0).as_deref(), Some("2026-10-24T10:00:00+02:00"));
        // 2025: 30 March to 26 October.
        assert_eq!(span(date(2025, 10, 26), "18.00").map(|s| s.0).as_deref(), Some("2025-10-26T18:00:00+01:00"));
        assert_eq!(span(date(2025, 3, 30), "18.00").map(|s| s.0).as_deref(), Some("2025-03-30T18:00:00+02:00"));
    }

    #[test]
    fn an_end_before_the_start_is_the_next_day() {
        assert_eq!(
            span(date(2026, 12, 31), "22.00–01.15").and_then(|s| s.1).as_deref(),
            Some("2027-01-01T01:15:00+01:00")
        );
        assert_eq!(span(date(2026, 11, 18), "text"), None);
    }
}
