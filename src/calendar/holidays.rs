//! Allmänna helgdagar (Swedish public holidays) per Lag (1989:253) om
//! allmänna helgdagar, as amended by SFS 2004:1320 (in force 2005-04-01).
//!
//! The rules are applied to every year in jiff's range (-9999..=9999), i.e.
//! proleptically: years before 1989 get the 1989 rules, not the holidays
//! that were actually in force then. The only year-dependent rule is the
//! 2005 change: *nationaldagen* (6 June) counts from 2005 on, *annandag
//! pingst* only up to and including 2004. Both dates in 2005 fall after
//! 2005-04-01, so a split by calendar year matches the date of entry into
//! force exactly.

use jiff::Span;
use jiff::civil::{Date, Weekday};

/// Last year in which *annandag pingst* was an allmän helgdag.
const LAST_YEAR_WHIT_MONDAY: i16 = 2004;
/// First year in which *nationaldagen* is an allmän helgdag.
const FIRST_YEAR_NATIONAL_DAY: i16 = 2005;

/// How the date of a holiday is found within a year.
#[derive(Clone, Copy)]
enum Rule {
    /// A fixed month and day.
    Fixed(i8, i8),
    /// A number of days after (negative: before) *påskdagen*.
    Easter(i8),
    /// The first Saturday on or after the given month and day.
    SaturdayFrom(i8, i8),
}

/// One named holiday and the years (inclusive) in which it applies.
struct Holiday {
    name: &'static str,
    rule: Rule,
    first_year: i16,
    last_year: i16,
}

const fn always(name: &'static str, rule: Rule) -> Holiday {
    Holiday { name, rule, first_year: i16::MIN, last_year: i16::MAX }
}

/// The named holidays of 1 § Lag (1989:253), in calendar order. When two
/// fall on the same date (första maj and Kristi himmelsfärdsdag in 2008,
/// pingstdagen and nationaldagen in 2049) this order is kept.
const HOLIDAYS: [Holiday; 14] = [
    always("nyårsdagen", Rule::Fixed(1, 1)),
    always("trettondedag jul", Rule::Fixed(1, 6)),
    always("långfredagen", Rule::Easter(-2)),
    always("påskdagen", Rule::Easter(0)),
    always("annandag påsk", Rule::Easter(1)),
    always("första maj", Rule::Fixed(5, 1)),
    always("Kristi himmelsfärdsdag", Rule::Easter(39)),
    always("pingstdagen", Rule::Easter(49)),
    Holiday { name: "annandag pingst", rule: Rule::Easter(50), first_year: i16::MIN, last_year: LAST_YEAR_WHIT_MONDAY },
    Holiday {
        name: "nationaldagen",
        rule: Rule::Fixed(6, 6),
        first_year: FIRST_YEAR_NATIONAL_DAY,
        last_year: i16::MAX,
    },
    // Midsommardagen: the Saturday 20–26 June.
    always("midsommardagen", Rule::SaturdayFrom(6, 20)),
    // Alla helgons dag: the Saturday 31 October – 6 November.
    always("alla helgons dag", Rule::SaturdayFrom(10, 31)),
    always("juldagen", Rule::Fixed(12, 25)),
    always("annandag jul", Rule::Fixed(12, 26)),
];

impl Rule {
    /// The date of this rule in `year`, or `None` outside jiff's range.
    fn date_in(self, year: i16) -> Option<Date> {
        match self {
            Rule::Fixed(month, day) => Date::new(year, month, day).ok(),
            Rule::Easter(offset) => {
                let easter = checked_easter_sunday(year)?;
                easter.checked_add(Span::new().days(offset)).ok()
            }
            Rule::SaturdayFrom(month, day) => {
                let start = Date::new(year, month, day).ok()?;
                let wait = start.weekday().until(Weekday::Saturday);
                start.checked_add(Span::new().days(wait)).ok()
            }
        }
    }
}

impl Holiday {
    fn date_in(&self, year: i16) -> Option<Date> {
        if (self.first_year..=self.last_year).contains(&year) { self.rule.date_in(year) } else { None }
    }
}

/// *Påskdagen* (Easter Sunday) by the Gregorian computus
/// (Meeus/Jones/Butcher), or `None` if `year` is outside jiff's range
/// (-9999..=9999). Applied proleptically to years before 1583.
pub fn checked_easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    // Euclidean division keeps the algorithm valid for negative years.
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is 1..=31, so both fit in i8.
    let month = i8::try_from(n.div_euclid(31)).ok()?;
    let day = i8::try_from(n.rem_euclid(31) + 1).ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
/// *Påskdagen* (Easter Sunday) by the Gregorian computus.
///
/// Saturating: a `year` outside jiff's range (-9999..=9999) is clamped to
/// that range first, so this never panics. Use [`checked_easter_sunday`] to
/// detect such years instead.
pub fn easter_sunday(year: i16) -> Date {
    let year = year.clamp(Date::MIN.year(), Date::MAX.year());
    // Unreachable fallback: every clamped year has an Easter Sunday.
    checked_easter_sunday(year).unwrap_or(Date::MIN)
}

#[cfg(test)]
/// The named *allmänna helgdagar* of `year` with their Swedish names,
/// sorted by date. Ordinary Sundays are not listed (påskdagen and
/// pingstdagen, always Sundays, are). If two holidays share a date both
/// are listed. Empty for a year outside jiff's range (-9999..=9999).
pub fn public_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let mut list: Vec<(Date, &'static str)> =
        HOLIDAYS.iter().filter_map(|h| Some((h.date_in(year)?, h.name))).collect();
    // Stable sort: ties keep the order of `HOLIDAYS`.
    list.sort_by_key(|&(date, _)| date);
    list
}

/// The Swedish name of the named holiday on `date`, if any (the first one
/// if two coincide). Ordinary Sundays give `None`.
pub fn holiday_name(date: Date) -> Option<&'static str> {
    HOLIDAYS.iter().find(|h| h.date_in(date.year()) == Some(date)).map(|h| h.name)
}

#[cfg(test)]
/// Whether `date` is an *allmän helgdag*: every Sunday, plus the named
/// holidays of [`public_holidays`].
pub fn is_public_holiday(date: Date) -> bool {
    date.weekday() == Weekday::Sunday || holiday_name(date).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Parses one line of the ASSA table, e.g. "15th April 1990".
    fn parse_assa(line: &str) -> Date {
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts.len(), 3, "bad line {line:?}");
        let day: i8 = parts[0].trim_end_matches(char::is_alphabetic).parse().unwrap();
        let month = match parts[1] {
            "March" => 3,
            "April" => 4,
            other => panic!("unexpected month {other:?}"),
        };
        date(parts[2].parse().unwrap(), month, day)
    }

    fn data_lines(text: &str) -> impl Iterator<Item = &str> {
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    #[test]
    fn easter_matches_published_assa_table_1990_2100() {
        let text = include_str!("data/easter-1990-2100.txt");
        let dates: Vec<Date> = data_lines(text).map(parse_assa).collect();
        let years: Vec<i16> = dates.iter().map(|d| d.year()).collect();
        assert_eq!(years, (1990..=2100).collect::<Vec<i16>>());
        for expected in dates {
            assert_eq!(easter_sunday(expected.year()), expected);
        }
    }

    #[test]
    fn easter_matches_dateutil_table_1990_2050() {
        let text = include_str!("data/easter-dateutil-1990-2050.txt");
        let dates: Vec<Date> = data_lines(text).map(|l| l.parse().unwrap()).collect();
        assert_eq!(dates.len(), 61);
        for (expected, year) in dates.into_iter().zip(1990..=2050) {
            assert_eq!(expected.year(), year);
            assert_eq!(easter_sunday(year), expected);
        }
    }

    #[test]
    fn easter_is_a_sunday_in_range_for_every_year() {
        for year in Date::MIN.year()..=Date::MAX.year() {
            let e = easter_sunday(year);
            assert_eq!(e.year(), year);
            assert_eq!(e.weekday(), Weekday::Sunday, "{e}");
            assert!(date(year, 3, 22) <= e && e <= date(year, 4, 25), "{e}");
        }
    }

    #[test]
    fn out_of_range_years_do_not_panic() {
        assert_eq!(checked_easter_sunday(10_000), None);
        assert_eq!(checked_easter_sunday(i16::MIN), None);
        assert_eq!(easter_sunday(i16::MAX), easter_sunday(9999));
        assert_eq!(easter_sunday(i16::MIN), easter_sunday(-9999));
        assert!(public_holidays(i16::MAX).is_empty());
        assert!(public_holidays(-10_000).is_empty());
        assert_eq!(public_holidays(9999).len(), 13);
        assert_eq!(public_holidays(-9999).len(), 13);
    }

    type Table = [((i8, i8), &'static str)];

    fn check_year(year: i16, expected: &Table) {
        let got = public_holidays(year);
        let want: Vec<(Date, &str)> = expected.iter().map(|&((m, d), n)| (date(year, m, d), n)).collect();
        assert_eq!(got, want, "holidays of {year}");
    }

    #[test]
    fn holidays_2004_with_whit_monday_without_national_day() {
        check_year(
            2004,
            &[
                ((1, 1), "nyårsdagen"),
                ((1, 6), "trettondedag jul"),
                ((4, 9), "långfredagen"),
                ((4, 11), "påskdagen"),
                ((4, 12), "annandag påsk"),
                ((5, 1), "första maj"),
                ((5, 20), "Kristi himmelsfärdsdag"),
                ((5, 30), "pingstdagen"),
                ((5, 31), "annandag pingst"),
                ((6, 26), "midsommardagen"),
                ((11, 6), "alla helgons dag"),
                ((12, 25), "juldagen"),
                ((12, 26), "annandag jul"),
            ],
        );
    }

    #[test]
    fn holidays_2005_national_day_replaces_whit_monday() {
        check_year(
            2005,
            &[
                ((1, 1), "nyårsdagen"),
                ((1, 6), "trettondedag jul"),
                ((3, 25), "långfredagen"),
                ((3, 27), "påskdagen"),
                ((3, 28), "annandag påsk"),
                ((5, 1), "första maj"),
                ((5, 5), "Kristi himmelsfärdsdag"),
                ((5, 15), "pingstdagen"),
                ((6, 6), "nationaldagen"),
                ((6, 25), "midsommardagen"),
                ((11, 5), "alla helgons dag"),
                ((12, 25), "juldagen"),
                ((12, 26), "annandag jul"),
            ],
        );
        // 2005-05-16 (Easter + 50) is an ordinary Monday.
        assert!(!is_public_holiday(date(2005, 5, 16)));
    }

    #[test]
    fn holidays_2024() {
        check_year(
            2024,
            &[
                ((1, 1), "nyårsdagen"),
                ((1, 6), "trettondedag jul"),
                ((3, 29), "långfredagen"),
                ((3, 31), "påskdagen"),
                ((4, 1), "annandag påsk"),
                ((5, 1), "första maj"),
                ((5, 9), "Kristi himmelsfärdsdag"),
                ((5, 19), "pingstdagen"),
                ((6, 6), "nationaldagen"),
                ((6, 22), "midsommardagen"),
                ((11, 2), "alla helgons dag"),
                ((12, 25), "juldagen"),
                ((12, 26), "annandag jul"),
            ],
        );
    }

    #[test]
    fn holidays_2025() {
        check_year(
            2025,
            &[
                ((1, 1), "nyårsdagen"),
                ((1, 6), "trettondedag jul"),
                ((4, 18), "långfredagen"),
                ((4, 20), "påskdagen"),
                ((4, 21), "annandag påsk"),
                ((5, 1), "första maj"),
                ((5, 29), "Kristi himmelsfärdsdag"),
                ((6, 6), "nationaldagen"),
                ((6, 8), "pingstdagen"),
                ((6, 21), "midsommardagen"),
                ((11, 1), "alla helgons dag"),
                ((12, 25), "juldagen"),
                ((12, 26), "annandag jul"),
            ],
        );
    }

    #[test]
    fn coinciding_holidays_are_both_listed() {
        let h2008 = public_holidays(2008);
        assert_eq!(h2008[5], (date(2008, 5, 1), "första maj"));
        assert_eq!(h2008[6], (date(2008, 5, 1), "Kristi himmelsfärdsdag"));
        let h2049 = public_holidays(2049);
        assert!(h2049.contains(&(date(2049, 6, 6), "pingstdagen")));
        assert!(h2049.contains(&(date(2049, 6, 6), "nationaldagen")));
    }

    #[test]
    fn sundays_are_holidays_but_not_listed() {
        assert!(is_public_holiday(date(2025, 3, 2)));
        assert_eq!(holiday_name(date(2025, 3, 2)), None);
        assert!(!is_public_holiday(date(2025, 3, 3)));
        assert!(!is_public_holiday(date(2024, 12, 24)), "julafton is no holiday");
        assert!(is_public_holiday(date(2004, 5, 31)), "annandag pingst 2004");
        assert_eq!(holiday_name(date(2004, 6, 6)), None, "no nationaldagen in 2004");
        assert!(!is_public_holiday(date(2003, 6, 6)), "a Friday in 2003");
    }
}
