//! Swedish personal identity numbers (personnummer, samordningsnummer) in text.
//!
//! A personal identity number is 10 or 12 ASCII digits, optionally with a
//! separator before the last four digits: `YYMMDDNNNN`, `YYMMDD-NNNN`,
//! `YYMMDD+NNNN`, `YYYYMMDDNNNN`, `YYYYMMDD-NNNN`, `YYYYMMDD+NNNN`. The last
//! digit is a Luhn check digit over the 10-digit form, and the date part is a
//! real calendar date (personnummer) or a real date with 60 added to the day
//! (samordningsnummer; there month `00` or day `60` mean "unknown").
//!
//! Decisions:
//! - A hit is a whole digit token: it is never preceded or followed by an
//!   ASCII digit, so longer runs (11, 13, 14 digits) never match. Letters and
//!   other characters around it do not matter (`x191212121212y` is found),
//!   since a number glued to text is still a leak.
//! - Besides `-` and `+`, the Unicode dashes U+2010..=U+2013 and the minus
//!   sign U+2212 are accepted as separators (word processors substitute them).
//!   Spaces are not separators (they would match phone numbers and amounts).
//! - 10-digit form: the century is unknown, the date must be real in 19YY or
//!   20YY (so `000229` passes, `050229` does not). 12-digit form: the given
//!   year is used, and it must lie in 1800..=2099 (the only centuries a
//!   living or archived person can have; other years are other numbers).
//! - A 10-digit phone number such as `0701234569` that happens to have a real
//!   date and a valid check digit *is* a personal identity number by this
//!   definition and is reported; a text cannot tell the two apart.

use std::ops::Range;

use jiff::civil::Date;

/// Centuries accepted for the 12-digit form (`18`, `19`, `20`).
const CENTURIES: std::ops::RangeInclusive<i16> = 18..=20;

/// Byte ranges in `text` of every personal identity number found, in order.
///
/// Each range starts and ends at an ASCII digit boundary (hence on char
/// boundaries) and covers 10 or 12 digits plus an optional separator.
/// Allocates only when something is found; never panics.
pub fn find_identity_numbers(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes.get(i..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)) {
        let start = i + offset;
        let end = digit_run_end(bytes, start);
        match match_at(bytes, start, end) {
            Some(stop) => {
                hits.push(start..stop);
                i = stop;
            }
            None => i = end,
        }
    }
    hits
}

/// End (exclusive) of the run of ASCII digits starting at `start`.
fn digit_run_end(bytes: &[u8], start: usize) -> usize {
    let rest = bytes.get(start..).unwrap_or_default();
    start + rest.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Byte length of a separator at the start of `rest`, if there is one.
fn separator_len(rest: &[u8]) -> Option<usize> {
    match rest {
        [b'-' | b'+', ..] => Some(1),
        // U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash,
        // U+2013 en dash, U+2212 minus sign.
        [0xE2, 0x80, 0x90..=0x93, ..] | [0xE2, 0x88, 0x92, ..] => Some(3),
        _ => None,
    }
}

/// Checks the maximal digit run `start..end` (plus, for 6 or 8 digits, a
/// separator and exactly four more digits); returns the end of the hit.
fn match_at(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let run = bytes.get(start..end)?;
    match run.len() {
        10 | 12 => is_identity_number(run).then_some(end),
        6 | 8 => {
            let tail_start = end + separator_len(bytes.get(end..)?)?;
            let tail_end = digit_run_end(bytes, tail_start);
            let tail = bytes.get(tail_start..tail_end)?;
            if tail.len() != 4 {
                return None;
            }
            let mut digits = [0u8; 12];
            let len = run.len() + 4;
            digits.get_mut(..run.len())?.copy_from_slice(run);
            digits.get_mut(run.len()..len)?.copy_from_slice(tail);
            is_identity_number(digits.get(..len)?).then_some(tail_end)
        }
        _ => None,
    }
}

/// Whether `digits` (10 or 12 ASCII digits, no separator) form a personal
/// identity number: valid check digit and a valid date part.
fn is_identity_number(digits: &[u8]) -> bool {
    let (century, ten) = match digits {
        [c1, c2, ten @ ..] if ten.len() == 10 => (Some(number(&[*c1, *c2])), ten),
        ten if ten.len() == 10 => (None, ten),
        _ => return false,
    };
    if !luhn_ok(ten) {
        return false;
    }
    if century.is_some_and(|c| !CENTURIES.contains(&c)) {
        return false;
    }
    match ten {
        [y1, y2, m1, m2, d1, d2, ..] => {
            let yy = number(&[*y1, *y2]);
            date_part_ok(century, yy, number(&[*m1, *m2]), number(&[*d1, *d2]))
        }
        _ => false,
    }
}

/// Decimal value of a short run of ASCII digits.
fn number(digits: &[u8]) -> i16 {
    digits.iter().fold(0, |acc, d| acc * 10 + i16::from(d.wrapping_sub(b'0')))
}

/// Luhn check over ASCII digits: weights 2, 1, 2, 1, … from the left.
fn luhn_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(d.wrapping_sub(b'0')) * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether month `mm` and day `dd` of two-digit year `yy` are a valid date
/// part: a real date, or a samordningsnummer (day + 60, where month `00` or
/// day `60` stand for an unknown month or day).
fn date_part_ok(century: Option<i16>, yy: i16, mm: i16, dd: i16) -> bool {
    let (month, day) = if dd >= 60 {
        let day = dd - 60;
        if mm > 12 || day > 31 {
            return false;
        }
        if mm == 0 || day == 0 {
            return true;
        }
        (mm, day)
    } else {
        (mm, dd)
    };
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return false;
    };
    let real = |c: i16| Date::new(c * 100 + yy, month, day).is_ok();
    match century {
        Some(c) => real(c),
        None => real(19) || real(20),
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init, reason = "a list holding one byte range is exactly what is meant")]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole text is one number: expect exactly `0..len`.
    const WHOLE: &[&str] = &[
        "19121212-1212",
        "191212121212",
        "121212-1212",
        "1212121212",
        "121212+1212",
        "19121212+1212",
        "19900101-0017",
        "199001010025",
        "900101-0173",
        "701063-2391",   // samordningsnummer, day 63
        "990160-1238",   // samordningsnummer, day unknown
        "990060-1239",   // samordningsnummer, month and day unknown
        "000229-1235",   // 29 February, real in 2000
        "20000229-1235", // 2000 is a leap year
        "121212\u{2013}1212",
        "0701234569", // looks like a phone number, but is one by definition
    ];

    const NOT_FOUND: &[&str] = &[
        "212000-1884", // org.nr, month 20
        "556036-0793", // org.nr, month 60
        "0123-456 00",
        "070-123 45 67",
        "+46 70 123 45 67",
        "0701234567", // real date 07-01-23, but invalid check digit
        "KS/2023:26",
        "KS 2023/123",
        "2023-10-09",
        "1 234 567",
        "12 345 678,50",
        "1212121213",     // wrong check digit
        "12121212121",    // 11 digits
        "1912121212121",  // 13 digits
        "19121212121212", // 14 digits
        "19121212-121",   // too short
        "19121212-12121", // too long
        "121212 1212",    // space is no separator
        "050229-1230",    // 29 February, neither 1905 nor 2005
        "19000229-1235",  // 1900 is no leap year
        "990010-1230",    // month 00 only for samordningsnummer
        "991212121212",   // year 9912
        "",
    ];

    #[test]
    fn finds_whole_numbers() {
        for s in WHOLE {
            assert_eq!(find_identity_numbers(s), vec![0..s.len()], "{s:?}");
        }
    }

    #[test]
    fn ignores_non_numbers() {
        for s in NOT_FOUND {
            assert_eq!(find_identity_numbers(s), Vec::<Range<usize>>::new(), "{s:?}");
        }
    }

    #[test]
    fn exact_ranges_in_context() {
        let cases: &[(&str, &[Range<usize>])] = &[
            ("Personnummer: 19121212-1212.", &[14..27]),
            ("| Anna | 121212-1212 | Ja |", &[9..20]),
            ("(1212121212), 701063-2391.", &[1..11, 14..25]),
            ("å1212121212", &[2..12]),
            ("1212121212å", &[0..10]),
            ("ååå19121212-1212ö", &[6..19]),
            ("x19121212-1212y", &[1..14]),
            ("KS/2023:26 och 121212+1212", &[15..26]),
            ("121212-1212-1212", &[0..11]),
            ("1234-1212121212", &[5..15]),
            ("19121212-121212-1212", &[9..20]),
            ("121212-12121 1212121212", &[13..23]),
            ("Tel 0701234567, pnr 121212-1212", &[20..31]),
        ];
        for (s, want) in cases {
            assert_eq!(find_identity_numbers(s), want.to_vec(), "{s:?}");
        }
    }

    /// A valid number for the date, serial and form, with `bump` added to
    /// the check digit (0 = valid).
    fn render(date: Date, coord: bool, serial: u16, form: usize, bump: u8) -> String {
        let day = date.day() + if coord { 60 } else { 0 };
        let full = format!("{:04}{:02}{:02}{:03}", date.year(), date.month(), day, serial);
        let ten = full.get(2..).unwrap_or_default();
        let check = (0..=9u8).find(|c| luhn_ok(format!("{ten}{c}").as_bytes())).unwrap_or_default();
        let digits = format!("{full}{}", (check + bump) % 10);
        let (body, sep) = match form {
            0..=2 => (digits.get(2..).unwrap_or_default(), ["", "-", "+"][form]),
            _ => (digits.as_str(), ["", "-", "+"][form - 3]),
        };
        let (head, tail) = body.split_at(body.len() - 4);
        format!("{head}{sep}{tail}")
    }

    fn date_strategy() -> impl Strategy<Value = Date> {
        (1800i16..=2099, 1i8..=12, 0i8..31).prop_map(|(y, m, d)| {
            let first = Date::new(y, m, 1).unwrap_or_default();
            Date::new(y, m, 1 + d % first.days_in_month()).unwrap_or(first)
        })
    }

    /// Digit-heavy text with separators and multibyte characters.
    const NOISE: &str = "[0-9+\\-\u{2013}åx ]{0,30}|([0-9]{6,12}[-+]?[0-9]{0,4}[^0-9]{0,3}){0,4}|\\PC{0,10}";

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = find_identity_numbers(&s);
        }

        #[test]
        fn ranges_are_digit_tokens(
            pre in NOISE, post in NOISE, date in date_strategy(),
            serial in 0u16..1000, form in 0usize..6,
        ) {
            // A valid number between digit-heavy noise, so hits do occur.
            let s = format!("{pre}{}{post}", render(date, false, serial, form, 0));
            for r in find_identity_numbers(&s) {
                prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                let slice = s.get(r.clone()).unwrap_or_default();
                let n = slice.bytes().filter(u8::is_ascii_digit).count();
                prop_assert!(n == 10 || n == 12, "{slice:?}");
            }
        }

        #[test]
        fn finds_generated_numbers(
            date in date_strategy(), coord in any::<bool>(), serial in 0u16..1000,
            form in 0usize..6, pre in "[^0-9]{0,8}", post in "[^0-9]{0,8}",
        ) {
            let number = render(date, coord, serial, form, 0);
            let text = format!("{pre}{number}{post}");
            let want = pre.len()..pre.len() + number.len();
            prop_assert_eq!(find_identity_numbers(&text), vec![want]);
        }

        #[test]
        fn wrong_check_digit_is_not_found(
            date in date_strategy(), coord in any::<bool>(), serial in 0u16..1000,
            form in 0usize..6, bump in 1u8..10,
            pre in "[^0-9]{0,8}", post in "[^0-9]{0,8}",
        ) {
            let text = format!("{pre}{}{post}", render(date, coord, serial, form, bump));
            prop_assert_eq!(find_identity_numbers(&text), Vec::<Range<usize>>::new());
        }
    }
}
