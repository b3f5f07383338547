//! §-numbers: unique within a meeting, without gaps, and continuing the body's
//! numbering through the calendar year.

use crate::diag::{Code, Diagnostic, Span};
use jiff::civil::Date;

/// One §-number as written: the number and its `number:` key.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Numbered {
    pub number: u32,
    pub at: Span,
}

/// A meeting's numbers, for the checks across meetings.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MeetingNumbers {
    pub date: Date,
    pub suffix: Option<String>,
    /// The folder name, for messages.
    pub folder: String,
    pub numbers: Vec<Numbered>,
    /// Whether every § file of the meeting gave its number: with one that
    /// could not be read or parsed, or whose number is not a number, the
    /// numbers are not all known, and a gap or a sequence that seems broken
    /// may be that file's (already reported), not a missing §.
    pub complete: bool,
}

/// Duplicate numbers (errors) and gaps (warnings) within one meeting.
/// `numbers` must be in file order; `path_of` names a file for messages.
/// Gaps are looked for only when the numbers are `complete`.
pub fn check_meeting(
    numbers: &[Numbered],
    complete: bool,
    path_of: impl Fn(Span) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sorted: Vec<&Numbered> = numbers.iter().collect();
    sorted.sort_by_key(|n| n.number);
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.number == b.number {
            let (first, second) = if a.at.file <= b.at.file { (a, b) } else { (b, a) };
            let d = Diagnostic::new(Code::DuplicateNumber, second.at)
                .arg("number", second.number)
                .arg("other", path_of(first.at))
                .related(first.at, "related-first-here");
            diags.push(d);
        } else if complete && b.number > a.number + 1 {
            let missing = if b.number == a.number + 2 {
                format!("§ {}", a.number + 1)
            } else {
                format!("§ {}–{}", a.number + 1, b.number - 1)
            };
            let d = Diagnostic::new(Code::NumberGap, b.at)
                .arg("previous", a.number)
                .arg("number", b.number)
                .arg("missing", missing)
                .arg("count", b.number - a.number - 1);
            diags.push(d);
        }
    }
}

/// Within one body and calendar year, each meeting starts at the previous
/// meeting's highest § + 1, and the year's first at § 1, except the body's
/// earliest meeting in the content (an archive may start mid-year). A
/// meeting whose numbers are not `complete` is not checked, nor is the
/// meeting after it in the same year (its expected start is unknown).
pub fn check_body(mut meetings: Vec<&MeetingNumbers>, diags: &mut Vec<Diagnostic>) {
    meetings.sort_by(|a, b| (a.date, &a.suffix).cmp(&(b.date, &b.suffix)));
    meetings.retain(|m| !m.numbers.is_empty() || !m.complete);
    let mut previous: Option<(&MeetingNumbers, u32)> = None;
    for (i, &m) in meetings.iter().enumerate() {
        let Some(first) = m.numbers.iter().min_by_key(|n| n.number) else {
            previous = Some((m, 0));
            continue;
        };
        let last = m.numbers.iter().map(|n| n.number).max().unwrap_or(first.number);
        let same_year = previous.filter(|(p, _)| p.date.year() == m.date.year());
        let expected = match same_year {
            Some((p, _)) if !p.complete => None,
            Some((_, prev_last)) => Some(prev_last.saturating_add(1)),
            None if i > 0 => Some(1),
            None => None,
        };
        if let Some(expected) = expected.filter(|e| *e != first.number && m.complete) {
            let (prev, prev_last) =
                same_year.map_or(("none".to_owned(), String::new()), |(p, l)| (p.folder.clone(), l.to_string()));
            let d = Diagnostic::new(Code::NumberSequence, first.at)
                .arg("number", first.number)
                .arg("expected", expected)
                .arg("previous", prev)
                .arg("last", prev_last)
                .arg("year", m.date.year());
            diags.push(d);
        }
        previous = Some((m, last));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    fn n(number: u32, file: u32) -> Numbered {
        Numbered { number, at: Span::new(FileId(file), 0, 0) }
    }

    fn meeting(date: &str, numbers: &[u32]) -> MeetingNumbers {
        MeetingNumbers {
            date: date.parse().unwrap(),
            suffix: None,
            folder: date.into(),
            numbers: numbers.iter().map(|&x| n(x, x)).collect(),
            complete: true,
        }
    }

    #[test]
    fn duplicates_and_gaps() {
        let mut d = Vec::new();
        check_meeting(&[n(3, 1), n(1, 2), n(3, 3), n(7, 4)], true, |s| format!("f{}", s.file.0), &mut d);
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.primary.file.0)).collect();
        assert_eq!(codes, vec![(Code::NumberGap, 1), (Code::DuplicateNumber, 3), (Code::NumberGap, 4)]);
        assert_eq!(d[1].related[0].span.file, FileId(1));
        assert_eq!(d[2].args.iter().find(|(k, _)| *k == "count").map(|(_, v)| v.as_str()), Some("3"));
    }

    #[test]
    fn a_meeting_with_a_file_that_gave_no_number_has_no_gaps_only_duplicates() {
        let mut d = Vec::new();
        check_meeting(&[n(51, 1), n(53, 2), n(53, 3)], false, |s| format!("f{}", s.file.0), &mut d);
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::DuplicateNumber]);
    }

    #[test]
    fn an_incomplete_meeting_and_the_next_are_not_checked_for_sequence() {
        let mut d = Vec::new();
        let mut broken = meeting("2023-10-02", &[47]);
        broken.complete = false;
        let mut empty = meeting("2023-12-04", &[]);
        empty.complete = false;
        let meetings = [
            meeting("2023-09-04", &[45, 46]),
            broken,
            meeting("2023-11-06", &[50]),
            empty,
            meeting("2023-12-11", &[60]),
            meeting("2023-12-18", &[62]),
        ];
        check_body(meetings.iter().collect(), &mut d);
        let got: Vec<_> = d.iter().map(|d| d.args[0].1.clone() + "/" + &d.args[1].1).collect();
        assert_eq!(got, vec!["62/61"], "only the meeting after two complete ones");
    }

    #[test]
    fn sequence_across_meetings() {
        let mut d = Vec::new();
        let meetings = [
            meeting("2023-09-04", &[45, 46]),
            meeting("2023-10-02", &[47, 48]),
            meeting("2023-11-06", &[50]),
            meeting("2024-01-15", &[1, 2]),
            meeting("2024-02-12", &[3]),
            meeting("2025-01-13", &[4]),
        ];
        check_body(meetings.iter().collect(), &mut d);
        let got: Vec<_> = d.iter().map(|d| d.args[0].1.clone() + "/" + &d.args[1].1).collect();
        assert_eq!(got, vec!["50/49", "4/1"]);
    }
}
