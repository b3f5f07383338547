//! `_meeting.md`: the meeting, its adjustment (justering) and the dates of
//! its notice on the board.

use super::fields::{Fields, Spanned, parse_date};
use super::site::markdown_body;
use crate::calendar;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Loaded, MeetingDir, Node};
use crate::model::*;

pub(crate) const MEETING_FIELDS: &[&str] = &[
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
    "certified_by",
];
pub(crate) const ATTENDEE_FIELDS: &[&str] = &["name", "party", "role", "title"];

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

/// A meeting as read from `_meeting.md`, before its paragraphs are added.
pub struct MeetingRead {
    /// Everything of the meeting, as if it were public (see [`public_on_day`]).
    pub meeting: Meeting,
    /// `adjusted:` as written, also when it is after the build's date.
    pub adjusted: Option<Spanned<Date>>,
    /// The attachments the intro links to, with the place of each link.
    pub links: Vec<(String, Span)>,
    /// Whether the meeting or its body or the site names a storage place.
    pub storage_given: bool,
}

/// Reads `_meeting.md` into a [`Meeting`] without paragraphs; `folder` is
/// the date and suffix of its folder name (see [`folder_date`]), `storage`
/// the body's or else the site's storage place.
#[allow(clippy::too_many_arguments)]
pub fn meeting(
    body: &str,
    dir: &MeetingDir,
    folder: Option<(Date, Option<String>)>,
    loaded: &Loaded,
    board: &BoardConfig,
    storage: Option<&str>,
    outside: &super::outside::Outside,
    diags: &mut Vec<Diagnostic>,
) -> Option<MeetingRead> {
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
    let dates = BoardInput::read(&mut f, "protocol");
    let own_storage = f.text("storage").map(|s| s.value);
    let attendance_nodes = f.list_of_maps("attendance");
    let certified_by = f.text("certified_by").map(|s| s.value);
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
    let adjusted = dates.adjusted.clone();
    if let Some(a) = &adjusted
        && let Some(limit) = date.value.checked_add(jiff::Span::new().days(LATE_ADJUSTMENT_DAYS)).ok()
        && a.value > limit
    {
        let d = Diagnostic::new(Code::AdjustedLate, a.key)
            .arg("adjusted", a.value)
            .arg("date", date.value)
            .arg("days", LATE_ADJUSTMENT_DAYS);
        diags.push(d);
    }
    let adjustment = match dates.check(date.value, None, board, diags) {
        Some((on, b)) if outside.reached(on) => Adjustment::Adjusted { on, board: b },
        _ => Adjustment::NotAdjusted,
    };
    let storage_given = own_storage.is_some() || storage.is_some();
    let intro = markdown_body(doc, loaded);
    super::depth::check(&intro, loaded, diags);
    let (_, suffix) = folder?;
    let links = linked_files(&intro, &format!("{body}/{}", dir.name), loaded, outside, diags);
    let meeting = Meeting {
        id: MeetingId { body: body.to_owned(), date: date.value, suffix },
        time,
        place,
        chair,
        secretary: secretary.clone(),
        adjusters,
        adjustment,
        storage: own_storage.or_else(|| storage.map(str::to_owned)),
        attendance,
        linked: paths(&links),
        intro: Some(intro).filter(|m| !m.text.trim().is_empty()),
        paragraphs: Vec::new(),
        certified_by: certified_by.or_else(|| secretary.clone()),
        src: doc.head,
        posted_at: dates.posted_at().unwrap_or(doc.head),
    };
    Some(MeetingRead { meeting, adjusted, links, storage_given })
}

/// A protocol adjusted more than this many days after its meeting gets a
/// warning (Kommunallagen 6 kap. 35 §: within 14 days).
const LATE_ADJUSTMENT_DAYS: i64 = 14;

/// The meeting as it may be published on the build's date: a protocol not
/// adjusted on that day publishes its body, date, time and place and the
/// agenda (each §'s number, title and Dnr; a confidential §'s public title),
/// nothing else; a § adjusted on its own (`immediate`) is public in full.
pub fn public_on_day(m: Meeting) -> Meeting {
    if m.is_adjusted() {
        return m;
    }
    let paragraphs = m
        .paragraphs
        .into_iter()
        .map(|p| {
            if p.immediate.is_some() {
                return p;
            }
            let content = match p.content {
                Content::Public(x) => Content::Agenda { title: x.title, dnr: x.dnr },
                Content::Confidential { public_title, .. } => Content::Agenda { title: public_title, dnr: Vec::new() },
                kept @ (Content::Agenda { .. } | Content::Withdrawn { .. }) => kept,
            };
            Paragraph { content, ..p }
        })
        .collect();
    Meeting {
        chair: None,
        secretary: None,
        certified_by: None,
        adjusters: Vec::new(),
        attendance: Vec::new(),
        intro: None,
        linked: Vec::new(),
        paragraphs,
        ..m
    }
}

/// The attachments a Markdown text links to, resolved from `dir` (W007 for
/// links that reach nothing), each with the place of its first link.
pub fn linked_files(
    md: &Markdown,
    dir: &str,
    loaded: &Loaded,
    outside: &super::outside::Outside,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Span)> {
    let mut files = super::links::resolve(md, dir, loaded, outside, diags);
    files.sort_by(|a, b| (&a.0, a.1.start).cmp(&(&b.0, b.1.start)));
    files.dedup_by(|a, b| a.0 == b.0);
    files
}

/// The paths of [`linked_files`].
pub fn paths(files: &[(String, Span)]) -> Vec<String> {
    files.iter().map(|(p, _)| p.clone()).collect()
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

/// The board dates as the clerk wrote them (a meeting's, or a §'s own for
/// omedelbar justering).
pub struct BoardInput {
    /// `protocol` or `paragraph`: whose dates these are (for the messages).
    pub of: &'static str,
    pub adjusted: Option<Spanned<Date>>,
    pub posted: Option<Spanned<Date>>,
    pub removal: Option<Spanned<Date>>,
}

impl BoardInput {
    /// Where the posting day is written: `posted:`, else `adjusted:`.
    pub fn posted_at(&self) -> Option<Span> {
        self.posted.as_ref().or(self.adjusted.as_ref()).map(|d| d.key)
    }

    pub fn read(f: &mut Fields<'_, '_>, of: &'static str) -> BoardInput {
        BoardInput { of, adjusted: f.date("adjusted"), posted: f.date("posted"), removal: f.date("removal") }
    }

    /// Checks the dates against the meeting date (and for a § adjusted on
    /// its own, against the protocol's `adjusted`, `protocol`) and the law,
    /// and computes the notice's dates (Kommunallagen 8 kap. 12 §, 13 kap.
    /// 5 §; Lag 1930:173): the day of adjustment and the notice, whatever
    /// the build's date.
    pub fn check(
        &self,
        meeting: Date,
        protocol: Option<&Spanned<Date>>,
        board: &BoardConfig,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(Date, BoardDates)> {
        let Some(adjusted) = &self.adjusted else {
            for (name, d) in [("posted", &self.posted), ("removal", &self.removal)] {
                if let Some(d) = d {
                    diags.push(Diagnostic::new(Code::NotAdjusted, d.key).arg("field", name).arg("of", self.of));
                }
            }
            return None;
        };
        if adjusted.value < meeting {
            let d = Diagnostic::new(Code::AdjustedBeforeMeeting, adjusted.key)
                .arg("adjusted", adjusted.value)
                .arg("date", meeting)
                .arg("of", self.of);
            diags.push(d);
        }
        if let Some(protocol) = protocol
            && adjusted.value > protocol.value
        {
            let d = Diagnostic::new(Code::AdjustedAfterProtocol, adjusted.key)
                .arg("adjusted", adjusted.value)
                .arg("protocol", protocol.value);
            diags.push(d);
        }
        let posted = self.posted.as_ref().map_or(adjusted.value, |p| p.value);
        if let Some(p) = &self.posted {
            check_posted(p, adjusted, board, diags);
        }
        let appeal_last_day = calendar::appeal_last_day(posted, board.appeal_period_days);
        let earliest = calendar::default_removal(posted, board.appeal_period_days);
        if let Some(r) = &self.removal
            && r.value < earliest
        {
            diags.push(removal_too_early(r, appeal_last_day, earliest));
        }
        let removal = self.removal.as_ref().map_or(earliest, |r| r.value);
        Some((adjusted.value, BoardDates { posted, appeal_last_day, removal }))
    }
}

/// E022: `removal` on or before the last day to appeal.
pub fn removal_too_early(removal: &Spanned<Date>, last_day: Date, earliest: Date) -> Diagnostic {
    Diagnostic::new(Code::RemovalTooEarly, removal.key)
        .arg("removal", removal.value)
        .arg("last_day", last_day)
        .arg("earliest", earliest)
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
