//! Times of day: a meeting's time as clerks write it, and Sweden's offset
//! from UTC (CET `+01:00`; CEST `+02:00` from the last Sunday of March 02.00
//! to the last Sunday of October 03.00, the EU rule in force since 1996),
//! computed here rather than read from the system's time-zone database, so
//! no output depends on the machine.

use jiff::civil::{Date, Weekday};

/// A time of day: hour and minute.
pub type Hm = (u8, u8);

/// A meeting's time as clerks write it (`time:` in `_meeting.md`):
/// `"13.30–16.10"` → (13:30, Some(16:10)). A start `H.MM`/`HH.MM` (or with
/// `:`), optionally after `kl.` or `kl` (any case), optionally a dash (`–`,
/// `—`, `-` or `−`) and an end; an end equal to the start is no end. `None`
/// when the text is anything else (the meeting then has its date only).
pub fn meeting_times(time: &str) -> Option<(Hm, Option<Hm>)> {
    let s = time.trim();
    let kl = s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("kl"));
    let s = if kl { s[2..].strip_prefix('.').unwrap_or(&s[2..]) } else { s }.trim_start();
    let (start, rest) = clock(s)?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some((start, None));
    }
    let dash = rest.chars().next().filter(|c| matches!(c, '–' | '—' | '-' | '−'))?;
    let (end, rest) = clock(rest[dash.len_utf8()..].trim_start())?;
    rest.trim().is_empty().then_some((start, Some(end).filter(|e| *e != start)))
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

/// Sweden's offset from UTC in hours at a local time: 2 in summer time, else 1.
/// In the hour that is passed over in March the offset after the change is
/// given; in the hour that comes twice in October, the first.
pub fn swedish_offset(date: Date, time: Hm) -> Option<u8> {
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
        assert_eq!(meeting_times("13.30–16.10"), Some(((13, 30), Some((16, 10)))));
        assert_eq!(meeting_times("kl. 9.00 - 11:45"), Some(((9, 0), Some((11, 45)))));
        assert_eq!(meeting_times("kl 18.00"), Some(((18, 0), None)));
        assert_eq!(meeting_times("Kl 08.30—10.45"), Some(((8, 30), Some((10, 45)))));
        assert_eq!(meeting_times(" 08:30−10.00 "), Some(((8, 30), Some((10, 0)))));
        assert_eq!(meeting_times("13.00–13.00"), Some(((13, 0), None)));
        for bad in ["", "efter KS", "13.3", "25.00", "13.60", "13.30–", "13.30–16.10 ungefär", "13,30", "123.00", "kl"]
        {
            assert_eq!(meeting_times(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn swedish_summer_time() {
        assert_eq!(swedish_offset(date(2026, 3, 28), (10, 0)), Some(1));
        assert_eq!(swedish_offset(date(2026, 3, 29), (1, 30)), Some(1));
        assert_eq!(swedish_offset(date(2026, 3, 29), (2, 30)), Some(2));
        assert_eq!(swedish_offset(date(2026, 10, 25), (2, 30)), Some(2));
        assert_eq!(swedish_offset(date(2026, 10, 25), (3, 0)), Some(1));
        assert_eq!(swedish_offset(date(2026, 7, 1), (12, 0)), Some(2));
    }
}
