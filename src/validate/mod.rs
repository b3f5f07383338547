//! Validate: from what `load` read to the [`Site`] model, checking every rule
//! of the content format on the way and collecting every problem. Meetings
//! are checked in parallel; the order of the result does not depend on it.

mod code;
mod documents;
mod fields;
mod links;
mod meeting;
mod numbering;
mod paragraph;
pub mod pnr;
mod privacy;
mod site;

pub use fields::{DateError, parse_date};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{BodyDir, Doc, Loaded, MeetingDir, Value};
use crate::model::*;
use numbering::{MeetingNumbers, Numbered};
use privacy::{Published, scan_doc};
use rayon::prelude::*;

/// How much content was found, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub bodies: usize,
    pub meetings: usize,
    pub paragraphs: usize,
}

/// The outcome of validation: the model if there were no errors, and every
/// diagnostic (also the warnings when there is a model).
#[derive(Debug)]
pub struct Checked {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
    pub counts: Counts,
}

/// Checks everything `load` read, as on the build's date `today`.
pub fn validate(loaded: &Loaded, today: Date) -> Checked {
    let mut diags = Vec::new();
    let config = site::site_config(loaded.site.as_ref(), &mut diags);
    let slugs: Vec<&str> = loaded.bodies.iter().map(|b| b.slug.as_str()).collect();
    for doc in loaded.site.iter() {
        scan_doc(doc, loaded, Published::All, &mut diags);
    }

    let mut bodies = Vec::new();
    let mut files = Vec::new();
    for dir in &loaded.bodies {
        let body = site::body(dir, &slugs, &mut diags);
        if let Some(doc) = &dir.meta {
            scan_doc(doc, loaded, Published::All, &mut diags);
        }
        let checked = check_meetings(dir, body.as_ref().map_or(dir.slug.as_str(), |b| &b.name), loaded, &config, today);
        let mut numbers = Vec::new();
        let mut meetings = Vec::new();
        for (meeting, n, d, f) in checked {
            diags.extend(d);
            numbers.extend(n);
            meetings.extend(meeting);
            files.extend(f);
        }
        numbering::check_body(numbers, &mut diags);
        bodies.extend(body.map(|b| Body { meetings, ..b }));
    }

    let notices: Vec<Notice> = loaded
        .notices
        .iter()
        .filter_map(|doc| {
            scan_doc(doc, loaded, Published::All, &mut diags);
            site::notice(doc, loaded, &slugs, &mut diags)
        })
        .collect();

    confidential_files(&files, loaded, &mut diags);
    let counts = Counts {
        bodies: loaded.bodies.len(),
        meetings: loaded.bodies.iter().map(|b| b.meetings.len()).sum(),
        paragraphs: loaded.bodies.iter().flat_map(|b| &b.meetings).map(|m| m.paragraphs.len()).sum(),
    };
    let mut diagnostics = Diagnostics(diags);
    diagnostics.sort(&loaded.sources);
    let complete = !diagnostics.has_errors() && loaded.failed == 0;
    let site = complete.then_some(Site { config, today, bodies, notices });
    Checked { site, diagnostics, counts }
}

/// Attachments referred to: path, the `file:` value, and whether the
/// paragraph is confidential.
type Files = Vec<(String, crate::diag::Span, bool)>;
type MeetingResult = (Option<Meeting>, Option<MeetingNumbers>, Vec<Diagnostic>, Files);

/// Checks a body's meetings in parallel, keeping their (sorted) order.
fn check_meetings(
    dir: &BodyDir,
    body_name: &str,
    loaded: &Loaded,
    config: &SiteConfig,
    today: Date,
) -> Vec<MeetingResult> {
    dir.meetings.par_iter().map(|m| check_meeting(dir, m, body_name, loaded, config, today)).collect()
}

fn check_meeting(
    body: &BodyDir,
    dir: &MeetingDir,
    body_name: &str,
    loaded: &Loaded,
    config: &SiteConfig,
    today: Date,
) -> MeetingResult {
    let mut diags = Vec::new();
    let folder = meeting::folder_date(dir, &mut diags);
    let meeting = meeting::meeting(&body.slug, dir, folder.clone(), loaded, &config.notice_board, today, &mut diags);
    if let Some(doc) = &dir.meta {
        scan_doc(doc, loaded, Published::All, &mut diags);
    }
    let meeting_dir = format!("{}/{}", body.slug, dir.name);
    let place = paragraph::Place { loaded, meeting_dir: &meeting_dir, body_name };
    let mut paragraphs = Vec::new();
    let mut numbers = Vec::new();
    let mut files = Vec::new();
    for doc in &dir.paragraphs {
        let published =
            if is_confidential(doc) { Published::Only(paragraph::CONFIDENTIAL_PUBLIC_FIELDS) } else { Published::All };
        scan_doc(doc, loaded, published, &mut diags);
        if matches!(published, Published::All) {
            code::check_fences(doc, loaded, &mut diags);
        }
        if let Some(read) = paragraph::paragraph(doc, &place, &mut diags) {
            numbers.push(Numbered { number: read.number.value, at: read.number.key });
            files.extend(read.files.into_iter().map(|(path, span)| (path, span, read.confidential)));
            paragraphs.push(read.paragraph);
        }
    }
    numbering::check_meeting(&numbers, |s| loaded.sources.get(s.file).path.clone(), &mut diags);
    paragraphs.sort_by_key(|p| p.number);
    let numbers = folder.map(|(date, suffix)| MeetingNumbers { date, suffix, folder: dir.name.clone(), numbers });
    (meeting.map(|m| Meeting { paragraphs, ..m }), numbers, diags, files)
}

/// A file a confidential paragraph refers to may not be published through a
/// public paragraph (E035).
fn confidential_files(files: &Files, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let private: std::collections::BTreeMap<&str, crate::diag::Span> =
        files.iter().filter(|f| f.2).map(|(p, s, _)| (p.as_str(), *s)).collect();
    for (path, span, _) in files.iter().filter(|f| !f.2) {
        if let Some(other) = private.get(path.as_str()) {
            let d = Diagnostic::new(crate::diag::Code::ConfidentialAttachment, *span)
                .arg("file", path)
                .arg("other", &loaded.sources.get(other.file).path);
            diags.push(d);
        }
    }
}

/// Whether a paragraph file has a `confidential:` line, with a value or
/// without (then E032 stops the build; its private text is not scanned).
fn is_confidential(doc: &Doc) -> bool {
    match doc.fields.as_ref().map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().any(|(k, _)| k.text() == Some("confidential")),
        _ => false,
    }
}
