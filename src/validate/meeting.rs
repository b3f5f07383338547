//! `_meeting.md`: the meeting, its adjustment (justering) and the dates of
//! its notice on the board.

use super::fields::{Fields, Spanned, parse_date};
use super::site::markdown_body;
use crate::calendar;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Loaded, MeetingDir, Node};
use crate::model::*;

const MEETING_FIELDS: &[&str] = &[
    "date",
    "time",
    "place",
    "chair",
    "secretary",
    "adjusters",
    "adjusted",
    "posted",
    "removal",
    "storage",
    "attendance",
];
const ATTENDEE_FIELDS: &[&str] = &["name", "party", "role", "title"];

/// The meeting's date and suffix from its folder name (already checked for shape).
pub fn folder_date(dir: &MeetingDir, diags: &mut Vec<Diagnostic>) -> Option<(Date, Option<String>)> {
    if !crate::load::walk::is_meeting_folder_name(&dir.name) {
        return None; // the folder name itself is already reported
    }
    // The name starts with ten ASCII characters `YYYY-MM-DD`.
    let (date, suffix) = dir.name.split_at(10);
    let suffix = suffix.strip_prefix('-').map(str::to_owned);
    match parse_date(date) {
        Ok(d) => Some((d, suffix)),
        Err(e) => {
            diags.push(e.at(Span::new(dir.folder, 0, 0), date));
            None
        }
    }
}

/// Reads `_meeting.md` into a [`Meeting`] without paragraphs; `folder` is
/// the date and suffix of its folder name (see [`folder_date`]).
pub fn meeting(
    body: &str,
    dir: &MeetingDir,
    folder: Option<(Date, Option<String>)>,
    loaded: &Loaded,
    board: &BoardConfig,
    today: Date,
    diags: &mut Vec<Diagnostic>,
) -> Option<Meeting> {
    let Some(doc) = &dir.meta else {
        if !dir.meta_failed {
            diags.push(Diagnostic::new(Code::MissingFile, Span::new(dir.at, 0, 0)).arg("file", "_meeting.md"));
        }
        return None;
    };
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "_meeting.md", MEETING_FIELDS, diags);
    let date = f.required_date("date");
    let time = f.text("time").map(|s| s.value);
    let place = f.text("place").map(|s| s.value);
    let chair = f.text("chair").map(|s| s.value);
    let secretary = f.text("secretary").map(|s| s.value);
    let adjusters = f.text_list("adjusters");
    let dates = BoardInput { adjusted: f.date("adjusted"), posted: f.date("posted"), removal: f.date("removal") };
    let storage = f.text("storage").map(|s| s.value);
    let attendance_nodes = f.list_of_maps("attendance");
    f.finish();
    let attendance = attendance_nodes.into_iter().filter_map(|n| attendee(n, diags)).collect();

    let date = date?;
    if let Some((folder_date, _)) = &folder
        && *folder_date != date.value
    {
        let d =
            Diagnostic::new(Code::MeetingDateMismatch, date.span).arg("date", date.value).arg("folder", folder_date);
        diags.push(d);
    }
    if dates.adjusted.is_some() && storage.is_none() {
        diags.push(Diagnostic::new(Code::StorageMissing, doc.head));
    }
    let adjustment = dates.check(date.value, board, today, diags);
    let (_, suffix) = folder?;
    let intro = markdown_body(doc, loaded);
    Some(Meeting {
        id: MeetingId { body: body.to_owned(), date: date.value, suffix },
        time,
        place,
        chair,
        secretary,
        adjusters,
        adjustment,
        storage,
        attendance,
        linked: linked_files(&intro, &format!("{body}/{}", dir.name), loaded, diags),
        intro: Some(intro).filter(|m| !m.text.trim().is_empty()),
        paragraphs: Vec::new(),
        src: doc.head,
    })
}

/// The attachments a Markdown text links to, resolved from `dir` (W007 for
/// links that reach nothing).
pub fn linked_files(md: &Markdown, dir: &str, loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut files: Vec<String> =
        super::links::resolve(&md.text, md.at, dir, loaded, diags).into_iter().map(|(p, _)| p).collect();
    files.sort();
    files.dedup();
    files
}

fn attendee(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Attendee> {
    let mut f = Fields::new(Some(node), node.span, "attendance", ATTENDEE_FIELDS, diags);
    let name = f.required_text("name");
    let a = Attendee {
        name: String::new(),
        party: f.text("party").map(|s| s.value),
        role: f.text("role").map(|s| s.value),
        title: f.text("title").map(|s| s.value),
    };
    f.finish();
    Some(Attendee { name: name?.value, ..a })
}

/// The board dates as the clerk wrote them.
struct BoardInput {
    adjusted: Option<Spanned<Date>>,
    posted: Option<Spanned<Date>>,
    removal: Option<Spanned<Date>>,
}

impl BoardInput {
    /// Checks the dates against the meeting date and the law, and computes
    /// the notice's dates (Kommunallagen 8 kap. 12 §, 13 kap. 5 §; Lag 1930:173).
    fn check(self, meeting: Date, board: &BoardConfig, today: Date, diags: &mut Vec<Diagnostic>) -> Adjustment {
        let Some(adjusted) = self.adjusted else {
            for (name, d) in [("posted", &self.posted), ("removal", &self.removal)] {
                if let Some(d) = d {
                    diags.push(Diagnostic::new(Code::NotAdjusted, d.key).arg("field", name));
                }
            }
            return Adjustment::NotAdjusted;
        };
        if adjusted.value < meeting {
            let d = Diagnostic::new(Code::AdjustedBeforeMeeting, adjusted.key)
                .arg("adjusted", adjusted.value)
                .arg("date", meeting);
            diags.push(d);
        }
        let posted = self.posted.as_ref().map_or(adjusted.value, |p| p.value);
        if let Some(p) = &self.posted {
            check_posted(p, &adjusted, board, diags);
        }
        let appeal_last_day = calendar::appeal_last_day(posted, board.appeal_period_days);
        let earliest = calendar::default_removal(posted, board.appeal_period_days);
        if let Some(r) = &self.removal
            && r.value < earliest
        {
            let d = Diagnostic::new(Code::RemovalTooEarly, r.key)
                .arg("removal", r.value)
                .arg("last_day", appeal_last_day)
                .arg("earliest", earliest);
            diags.push(d);
        }
        if adjusted.value > today {
            return Adjustment::NotAdjusted;
        }
        let removal = self.removal.map_or(earliest, |r| r.value);
        Adjustment::Adjusted { on: adjusted.value, board: BoardDates { posted, appeal_last_day, removal } }
    }
}

fn check_posted(posted: &Spanned<Date>, adjusted: &Spanned<Date>, board: &BoardConfig, diags: &mut Vec<Diagnostic>) {
    if posted.value < adjusted.value {
        let d = Diagnostic::new(Code::PostedBeforeAdjusted, posted.key)
            .arg("posted", posted.value)
            .arg("adjusted", adjusted.value);
        diags.push(d);
        return;
    }
    let limit = calendar::posting_limit(adjusted.value, board.post_within_days);
    if posted.value > limit {
        let d = Diagnostic::new(Code::PostedLate, posted.key)
            .arg("posted", posted.value)
            .arg("limit", limit)
            .arg("days", board.post_within_days)
            .arg("adjusted", adjusted.value);
        diags.push(d);
    }
}
