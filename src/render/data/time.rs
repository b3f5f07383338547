//! A meeting's time (`time:` in `_meeting.md`, free text such as
//! `"13.30–16.10"`) as RFC 3339 date-times in Swedish time.
//!
//! The text parses when it is a start `HH.MM` (or `HH:MM`), optionally after
//! `kl.`, and optionally a dash (`–`, `—` or `-`) and an end; anything else
//! leaves the meeting with its date only. An end before its start is on the
//! next day. The offset is Sweden's (CET, `+01:00`; CEST, `+02:00` from the
//! last Sunday of March 02.00 to the last Sunday of October 03.00, the EU
//! rule in force since 1996), computed here rather than read from the
//! system's time-zone database, so the output does not depend on the machine.

use crate::model::Date;
use jiff::civil::Weekday;

/// A time of day: hour and minute.
type Hm = (u8, u8);

/// The start and, when given, the end of a meeting on `date`, as RFC 3339
/// date-times; `None` when `time` does not parse.
pub fn span(date: Date, time: &str) -> Option<(String, Option<String>)> {
    let (start, end) = parse(time)?;
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

/// `"13.30–16.10"` → (13:30, 16:10).
fn parse(time: &str) -> Option<(Hm, Option<Hm>)> {
    let s = time.trim();
    let s = s.strip_prefix("kl.").or_else(|| s.strip_prefix("kl")).unwrap_or(s).trim_start();
    let (start, rest) = clock(s)?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some((start, None));
    }
    let dash = rest.chars().next().filter(|c| matches!(c, '–' | '—' | '-'))?;
    let (end, rest) = clock(rest[dash.len_utf8()..].trim_start())?;
    rest.trim().is_empty().then_some((start, Some(end)))
}

/// `H.MM` or `HH.MM` (or with `:`) at the start of `s`, and what follows.
fn clock(s: &str) -> Option<(Hm, &str)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let h = digits(s);
    if !(1..=2).contains(&h) {
        return None;
    }
    let rest = s[h..].strip_prefix(['.', ':'])?;
    if digits(rest) != 2 {
        return None;
    }
    let (hour, minute): (u8, u8) = (s[..h].parse().ok()?, rest[..2].parse().ok()?);
    (hour < 24 && minute < 60).then_some(((hour, minute), &rest[2..]))
}

/// `2026-11-18T13:30:00+01:00`.
fn stamp(date: Date, (hour, minute): Hm) -> Option<String> {
    let offset = swedish_offset(date, (hour, minute))?;
    Some(format!("{date}T{hour:02}:{minute:02}:00+{offset:02}:00"))
}

/// Sweden's offset from UTC in hours at a local time: 2 in summer time, else 1.
/// In the hour that is passed over in March the offset after the change is
/// given; in the hour that comes twice in October, the first.
fn swedish_offset(date: Date, time: Hm) -> Option<u8> {
    let last_sunday = |month: i8| jiff::civil::date(date.year(), month, 1).nth_weekday_of_month(-1, Weekday::Sunday);
    let (begin, end) = (last_sunday(3).ok()?, last_sunday(10).ok()?);
    let summer = if date == begin {
        time >= (2, 0)
    } else if date == end {
        time < (3, 0)
    } else {
        begin < date && date < end
    };
    Some(if summer { 2 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn times_parse() {
        assert_eq!(parse("13.30–16.10"), Some(((13, 30), Some((16, 10)))));
        assert_eq!(parse("kl. 9.00 - 11:45"), Some(((9, 0), Some((11, 45)))));
        assert_eq!(parse("kl 18.00"), Some(((18, 0), None)));
        assert_eq!(parse(" 08:30—10.00 "), Some(((8, 30), Some((10, 0)))));
        for bad in ["", "efter KS", "13.3", "25.00", "13.60", "13.30–", "13.30–16.10 ungefär", "13,30", "123.00"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

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
