//! Validate: from what `load` read to the [`Site`] model, checking every rule
//! of the content format on the way and collecting every problem. Meetings
//! are checked in parallel; the order of the result does not depend on it.

mod attachments;
pub mod brand;
mod code;
mod depth;
mod documents;
mod fields;
mod links;
mod meeting;
mod numbering;
mod outside;
mod paragraph;
mod place;
pub mod pnr;
mod privacy;
mod reading;
pub mod reuse;
mod site;

pub use fields::{DateError, parse_date};
pub use privacy::public_parts;
pub use site::base_url_problem;

/// Every field name of the content format, of every mapping, each once.
pub fn all_fields() -> Vec<&'static str> {
    let lists: &[&[&'static str]] = &[
        site::SITE_FIELDS,
        site::CONTACT_FIELDS,
        site::BOARD_FIELDS,
        site::BODY_FIELDS,
        site::NOTICE_FIELDS,
        meeting::MEETING_FIELDS,
        meeting::ATTENDEE_FIELDS,
        paragraph::PARAGRAPH_FIELDS,
        paragraph::DOCUMENT_FIELDS,
        paragraph::WITHDRAWN_FIELDS,
        paragraph::CORRECTION_FIELDS,
        paragraph::RESERVATION_FIELDS,
        paragraph::VOTES_FIELDS,
        paragraph::BALLOT_FIELDS,
    ];
    let mut all: Vec<&'static str> = lists.concat();
    all.sort_unstable();
    all.dedup();
    all
}

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

/// The checks of meetings a build keeps for the next one ([`reuse`]).
#[derive(Debug, Default)]
pub struct Kept {
    /// Checks made by this build: their keys and stored form.
    pub made: Vec<(String, Vec<u8>)>,
    /// Keys of the checks taken over from the store.
    pub taken: Vec<String>,
    /// Meetings checked (the others were taken over).
    pub checked: usize,
}

/// Checks everything `load` read, as on the build's date `today`.
pub fn validate(loaded: &Loaded, today: Date) -> Checked {
    Parts::new(loaded, today).checked(loaded)
}

/// [`validate`], taking over the check of each unchanged meeting from
/// `store` where it holds ([`reuse`]); the outcome is the same. Also the
/// meetings' checks to keep for the next build.
pub fn validate_reusing(loaded: &Loaded, today: Date, store: &reuse::Store) -> (Checked, Kept) {
    let mut parts = Parts::make(loaded, today, Some(store));
    let kept = parts.take_kept();
    (parts.checked(loaded), kept)
}

/// Validation kept in parts: each meeting's result on its own, so that after
/// an edit inside one meeting folder only that meeting is checked again
/// ([`Parts::recheck_meeting`]) and the rules across meetings (numbering
/// through the year, attachments of confidential paragraphs) are applied
/// again to the kept results ([`Parts::checked`]). `serve` keeps one; the
/// result is the same as [`validate`] on the same files.
#[derive(Debug)]
pub struct Parts {
    today: Date,
    config: SiteConfig,
    /// Every body's slug and name (`proposal_to`).
    body_names: Vec<(String, String)>,
    /// Problems of `site.yaml`.
    site: Vec<Diagnostic>,
    bodies: Vec<BodyPart>,
    notices: Vec<Notice>,
    notice_diags: Vec<Diagnostic>,
    /// The attachments the notices link to, with the place of each link.
    notice_files: Vec<(String, crate::diag::Span)>,
}

#[derive(Debug)]
struct BodyPart {
    /// The body without its meetings (they are added by [`Parts::checked`]).
    body: Option<Body>,
    /// Problems of `_body.yaml`.
    diags: Vec<Diagnostic>,
    meetings: Vec<MeetingPart>,
    /// The problems of the numbering through the year, once found (found
    /// again only after one of the body's meetings was checked again).
    numbering: std::sync::OnceLock<Vec<Diagnostic>>,
}

/// The outcome of checking one meeting folder.
#[derive(Debug)]
struct MeetingPart {
    meeting: Option<std::sync::Arc<Meeting>>,
    numbers: Option<MeetingNumbers>,
    diags: Vec<Diagnostic>,
    files: Files,
    /// Paragraph files read and parsed.
    paragraphs: usize,
    /// How the check is kept for the next build ([`reuse`]).
    kept: Option<KeptPart>,
}

#[derive(Debug)]
enum KeptPart {
    /// Taken over from the store, under this key.
    Taken(String),
    /// Made now, with its key and stored form.
    Made(String, Vec<u8>),
}

impl Parts {
    /// Checks everything.
    pub fn new(loaded: &Loaded, today: Date) -> Parts {
        Parts::make(loaded, today, None)
    }

    fn make(loaded: &Loaded, today: Date, store: Option<&reuse::Store>) -> Parts {
        let mut site = Vec::new();
        let config = site::site_config(loaded, &mut site);
        let slugs: Vec<&str> = loaded.bodies.iter().map(|b| b.slug.as_str()).collect();
        for doc in loaded.site.iter() {
            scan_doc(doc, loaded, Published::All, &mut site);
        }
        let read: Vec<(Option<Body>, Vec<Diagnostic>)> = loaded
            .bodies
            .iter()
            .map(|dir| {
                let mut diags = Vec::new();
                let body = site::body(dir, &slugs, loaded, &mut diags);
                if let Some(doc) = &dir.meta {
                    scan_doc(doc, loaded, Published::All, &mut diags);
                }
                (body, diags)
            })
            .collect();
        let body_names: Vec<(String, String)> =
            read.iter().filter_map(|(b, _)| b.as_ref()).map(|b| (b.slug.clone(), b.name.clone())).collect();
        let mut bodies = Vec::new();
        let site_context = store.map(|_| reuse::site_context(loaded, &config, &body_names));
        for (dir, (body, diags)) in loaded.bodies.iter().zip(read) {
            let context = site_context.map(|site| reuse::body_context(&site, &dir.slug, body.as_ref()));
            let reuse = store.zip(context.as_ref());
            let at = BodyInputs { dir, body: body.as_ref(), loaded, config: &config, body_names: &body_names };
            let meetings = dir.meetings.par_iter().map(|m| check_meeting(at, m, today, reuse)).collect();
            bodies.push(BodyPart { body, diags, meetings, numbering: Default::default() });
        }
        let mut notice_diags = Vec::new();
        let mut notice_files = Vec::new();
        let known = site::Known { slugs: &slugs, bodies: &bodies_of(&bodies), loaded };
        let notices = loaded
            .notices
            .iter()
            .filter_map(|doc| {
                scan_doc(doc, loaded, Published::All, &mut notice_diags);
                site::notice(doc, &known, &config.notice_board, &mut notice_diags, &mut notice_files)
            })
            .collect();
        Parts { today, config, body_names, site, bodies, notices, notice_diags, notice_files }
    }

    /// Checks meeting `meeting` of body `body` again, after its files changed
    /// in `loaded` (the same folders as when these parts were made).
    pub fn recheck_meeting(&mut self, loaded: &Loaded, body: usize, meeting: usize) {
        let (Some(dir), Some(part)) = (loaded.bodies.get(body), self.bodies.get_mut(body)) else { return };
        let (Some(m), Some(slot)) = (dir.meetings.get(meeting), part.meetings.get_mut(meeting)) else { return };
        let at =
            BodyInputs { dir, body: part.body.as_ref(), loaded, config: &self.config, body_names: &self.body_names };
        *slot = check_meeting(at, m, self.today, None);
        part.numbering = Default::default();
    }

    /// The rules across meetings, and the model if nothing is wrong.
    pub fn checked(&self, loaded: &Loaded) -> Checked {
        let mut diags = self.site.clone();
        let mut bodies = Vec::new();
        for part in &self.bodies {
            diags.extend(part.diags.iter().cloned());
            for m in &part.meetings {
                diags.extend(m.diags.iter().cloned());
            }
            diags.extend(
                part.numbering
                    .get_or_init(|| {
                        let mut found = Vec::new();
                        numbering::check_body(
                            part.meetings.iter().filter_map(|m| m.numbers.as_ref()).collect(),
                            &mut found,
                        );
                        found
                    })
                    .iter()
                    .cloned(),
            );
            if let Some(body) = &part.body {
                let meetings = part.meetings.iter().filter_map(|m| m.meeting.clone()).collect();
                bodies.push(Body { meetings, ..body.clone() });
            }
        }
        diags.extend(self.notice_diags.iter().cloned());
        let files = self.bodies.iter().flat_map(|b| &b.meetings).flat_map(|m| &m.files);
        let notices = self.notice_files.iter().map(|(p, s)| (p.clone(), *s, false)).collect::<Vec<_>>();
        let refused = confidential_files(files.clone().chain(notices.iter()), loaded, &mut diags);
        let published = files.chain(notices.iter()).filter(|f| !refused.contains(&f.0));
        scan_attachments(published, loaded, &mut diags);
        let counts = Counts {
            bodies: loaded.bodies.len(),
            meetings: loaded.bodies.iter().map(|b| b.meetings.len()).sum(),
            paragraphs: self.bodies.iter().flat_map(|b| &b.meetings).map(|m| m.paragraphs).sum(),
        };
        let mut diagnostics = Diagnostics(diags);
        diagnostics.sort(&loaded.sources);
        let complete = !diagnostics.has_errors() && loaded.failed == 0;
        let site = complete.then(|| Site {
            config: self.config.clone(),
            today: self.today,
            bodies,
            notices: self.notices.clone(),
            record: Default::default(),
        });
        Checked { site, diagnostics, counts }
    }

    /// The meetings' checks to keep for the next build, taken out of the parts.
    fn take_kept(&mut self) -> Kept {
        let mut kept = Kept::default();
        for part in self.bodies.iter_mut().flat_map(|b| &mut b.meetings) {
            match part.kept.take() {
                Some(KeptPart::Taken(key)) => kept.taken.push(key),
                Some(KeptPart::Made(key, bytes)) => {
                    kept.checked += 1;
                    kept.made.push((key, bytes));
                }
                None => kept.checked += 1,
            }
        }
        kept
    }
}

/// The bodies read (`None` where `_body.yaml` is broken), by folder.
fn bodies_of(parts: &[BodyPart]) -> Vec<Option<&Body>> {
    parts.iter().map(|p| p.body.as_ref()).collect()
}

/// Attachments referred to: path, the `file:` value, and whether the
/// paragraph is confidential.
type Files = Vec<(String, crate::diag::Span, bool)>;

/// What the check of each meeting of one body reads besides its folder.
#[derive(Clone, Copy)]
struct BodyInputs<'a> {
    dir: &'a BodyDir,
    /// The body as read (`None` where `_body.yaml` is broken).
    body: Option<&'a Body>,
    loaded: &'a Loaded,
    config: &'a SiteConfig,
    /// Every body's slug and name (`proposal_to`).
    body_names: &'a [(String, String)],
}

/// Checks one meeting folder, or takes its check over from `reuse` (the
/// store and the body's context, [`reuse::body_context`]) where it holds.
fn check_meeting(
    at: BodyInputs<'_>,
    dir: &MeetingDir,
    today: Date,
    reuse: Option<(&reuse::Store, &[u8; 32])>,
) -> MeetingPart {
    let loaded = at.loaded;
    let clean = !dir.meta_failed && dir.failed_paragraphs.is_empty();
    let key = reuse.filter(|_| clean).map(|(_, context)| reuse::key(context, dir, loaded));
    if let (Some((store, _)), Some(key)) = (reuse, &key)
        && let Some(found) = store.take(key, dir, loaded, today)
    {
        return MeetingPart {
            meeting: Some(std::sync::Arc::new(found.meeting)),
            numbers: found.numbers,
            diags: Vec::new(),
            files: found.files,
            paragraphs: found.paragraphs,
            kept: Some(KeptPart::Taken(key.clone())),
        };
    }
    let (dir, mut diags) = dir.parsed(&loaded.sources);
    let dir = &*dir;
    let outside = outside::Outside::new(today);
    let mut part = check_parsed(at, dir, &outside, &mut diags);
    part.diags = diags;
    if let (Some(key), Some(meeting)) = (key, part.meeting.as_ref())
        && part.diags.is_empty()
    {
        let (asked, attachments) = outside.into_parts();
        let found = reuse::Found {
            meeting: (**meeting).clone(),
            numbers: part.numbers.clone(),
            files: part.files.clone(),
            paragraphs: part.paragraphs,
        };
        part.kept = reuse::stored(&found, asked, &attachments, dir, loaded).map(|bytes| KeptPart::Made(key, bytes));
    }
    part
}

/// Checks one meeting folder whose files are parsed.
fn check_parsed(
    at: BodyInputs<'_>,
    dir: &MeetingDir,
    outside: &outside::Outside,
    diags: &mut Vec<Diagnostic>,
) -> MeetingPart {
    let BodyInputs { dir: dir_body, body, loaded, config, body_names } = at;
    let folder = meeting::folder_date(dir, diags);
    let storage = body.and_then(|b| b.storage.as_deref()).or(config.notice_board.storage.as_deref());
    let board = &config.notice_board;
    let read = meeting::meeting(&dir_body.slug, dir, folder.clone(), loaded, board, storage, outside, diags);
    if let Some(doc) = &dir.meta {
        scan_doc(doc, loaded, Published::All, diags);
    }
    let meeting_dir = format!("{}/{}", dir_body.slug, dir.name);
    let body_name = body.map_or(dir_body.slug.as_str(), |b| &b.name);
    let place = paragraph::Place { loaded, meeting_dir: &meeting_dir, body_name, bodies: body_names, outside };
    let mut paragraphs = Vec::new();
    let mut numbers = Vec::new();
    let mut files = Vec::new();
    let mut first_immediate = None;
    let mut complete = dir.failed_paragraphs.is_empty();
    for doc in &dir.paragraphs {
        let published =
            if is_confidential(doc) { Published::Only(paragraph::CONFIDENTIAL_PUBLIC_FIELDS) } else { Published::All };
        scan_doc(doc, loaded, published, diags);
        if matches!(published, Published::All) {
            code::check_fences(doc, loaded, diags);
        }
        let read_par = paragraph::paragraph(doc, &place, diags);
        if read_par.is_none() {
            // Another field's problem (reported) leaves the § out; its
            // number still counts for the numbering, if it is one.
            match number_of(doc) {
                Some(n) => numbers.push(n),
                None => complete = false,
            }
        }
        if let Some(read_par) = read_par {
            numbers.push(Numbered { number: read_par.number.value, at: read_par.number.key });
            files.extend(read_par.files.into_iter().map(|(path, span)| (path, span, read_par.confidential)));
            let mut p = read_par.paragraph;
            if let Some(m) = &read {
                let own = read_par.board.check(m.meeting.id.date, m.adjusted.as_ref(), board, diags);
                if let Some(key) = read_par.board.adjusted.as_ref().map(|a| a.key) {
                    first_immediate.get_or_insert(key);
                }
                let posted_at = read_par.board.posted_at().unwrap_or(p.src);
                p.immediate =
                    own.filter(|(on, _)| outside.reached(*on)).map(|(on, board)| Immediate { on, board, posted_at });
            }
            paragraphs.push(p);
        }
    }
    // The intro's links publish their files like a public §'s do.
    files.extend(read.iter().flat_map(|m| m.links.iter().map(|(p, s)| (p.clone(), *s, false))));
    if let Some(m) = &read
        && !m.storage_given
        && let Some(at) = m.adjusted.as_ref().map(|a| a.key).or(first_immediate)
    {
        diags.push(Diagnostic::new(crate::diag::Code::StorageMissing, at));
    }
    numbering::check_meeting(&numbers, complete, |s| loaded.sources.get(s.file).path.clone(), diags);
    paragraphs.sort_by_key(|p| p.number);
    let numbers =
        folder.map(|(date, suffix)| MeetingNumbers { date, suffix, folder: dir.name.clone(), numbers, complete });
    let meeting = read.map(|m| std::sync::Arc::new(meeting::public_on_day(Meeting { paragraphs, ..m.meeting })));
    MeetingPart { meeting, numbers, diags: Vec::new(), files, paragraphs: dir.paragraphs.len(), kept: None }
}

/// A file a confidential paragraph refers to (by a document or a link in its
/// text) is confidential: no public paragraph, meeting intro or notice may
/// publish it (E035), neither by its path nor under another name (a copy, a
/// hard link or a symbolic link to it: the same bytes). Files are compared by
/// path, then by size and SHA-256 (only files whose size matches a
/// confidential one's are read). Gives the public paths refused.
fn confidential_files<'a>(
    files: impl Iterator<Item = &'a (String, crate::diag::Span, bool)> + Clone,
    loaded: &Loaded,
    diags: &mut Vec<Diagnostic>,
) -> std::collections::BTreeSet<String> {
    use std::collections::BTreeMap;
    let mut refused = std::collections::BTreeSet::new();
    let private: BTreeMap<&str, crate::diag::Span> =
        files.clone().filter(|f| f.2).map(|(p, s, _)| (p.as_str(), *s)).collect();
    if private.is_empty() {
        return refused;
    }
    let size = |path: &str| std::fs::metadata(loaded.root.join(path)).map(|m| m.len()).ok();
    let private_sizes: BTreeMap<u64, Vec<&str>> = private.keys().fold(BTreeMap::new(), |mut m, p| {
        if let Some(n) = size(p) {
            m.entry(n).or_insert_with(Vec::new).push(*p);
        }
        m
    });
    let hash = |path: &str| -> Option<[u8; 32]> {
        // Only a regular file is read (a FIFO or device would block).
        let full = loaded.root.join(path);
        std::fs::metadata(&full).is_ok_and(|m| m.is_file()).then(|| crate::files::sha256(&full).ok()).flatten()
    };
    for (path, span, _) in files.filter(|f| !f.2) {
        let same = private.get(path.as_str()).copied().or_else(|| {
            let twins = private_sizes.get(&size(path)?)?;
            let mine = hash(path)?;
            twins.iter().find(|p| hash(p) == Some(mine)).and_then(|p| private.get(p).copied())
        });
        if let Some(other) = same {
            let d = Diagnostic::new(crate::diag::Code::ConfidentialAttachment, *span)
                .arg("file", path)
                .arg("other", &loaded.sources.get(other.file).path)
                .related(other, "related-confidential-here");
            diags.push(d);
            refused.insert(path.clone());
        }
    }
    refused
}

/// Every attachment a public § (or an intro, a notice) publishes is scanned
/// for identity numbers, in its text and its name (E050); one that cannot be
/// read as text is a warning (W011). Each file once, at its first reference.
fn scan_attachments<'a>(
    files: impl Iterator<Item = &'a (String, crate::diag::Span, bool)>,
    loaded: &Loaded,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::diag::Code;
    let mut first: std::collections::BTreeMap<&str, crate::diag::Span> = std::collections::BTreeMap::new();
    for (path, span, confidential) in files {
        if !confidential {
            first.entry(path.as_str()).or_insert(*span);
        }
    }
    let scanned: Vec<(&str, crate::diag::Span, attachments::Scan)> =
        first.into_par_iter().map(|(path, span)| (path, span, attachments::scan(&loaded.root.join(path)))).collect();
    for (path, span, scan) in scanned {
        if attachments::name_has_number(path) {
            diags.push(
                Diagnostic::new(Code::IdentityNumberInAttachment, span).arg("file", path).arg("where", "file-name"),
            );
        }
        match scan {
            attachments::Scan::Clean => {}
            attachments::Scan::Found { unit, numbers } => {
                let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
                let d = Diagnostic::new(Code::IdentityNumberInAttachment, span)
                    .arg("file", path)
                    .arg("where", unit)
                    .arg("places", numbers.join(", "))
                    .arg("count", numbers.len());
                diags.push(d);
            }
            attachments::Scan::NotScanned(why) => {
                diags.push(Diagnostic::new(Code::AttachmentNotScanned, span).arg("file", path).arg("why", why));
            }
        }
    }
}

/// The §-number of a paragraph file as written, if it is a whole number
/// (for the numbering checks when the § itself could not be read).
fn number_of(doc: &Doc) -> Option<Numbered> {
    let Some(Value::Map(entries)) = doc.fields.as_ref().map(|n| &n.value) else { return None };
    let (key, value) = entries.iter().find(|(k, _)| k.text() == Some("number"))?;
    let number = value.text()?.trim().parse::<u32>().ok().filter(|n| *n >= 1)?;
    Some(Numbered { number, at: key.span })
}

/// Whether a paragraph file has a `confidential:` line, with a value or
/// without (then E032 stops the build; its private text is not scanned).
fn is_confidential(doc: &Doc) -> bool {
    match doc.fields.as_ref().map(|n| &n.value) {
        Some(Value::Map(entries)) => entries.iter().any(|(k, _)| k.text() == Some("confidential")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{all_fields, brand, meeting, paragraph, site};

    /// The sections of `docs/format.md` by heading (fenced code skipped).
    fn sections(doc: &str) -> Vec<(&str, Vec<&str>)> {
        let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut fenced = false;
        for line in doc.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            if !fenced && line.starts_with('#') {
                out.push((line, Vec::new()));
            } else if let Some((_, lines)) = out.last_mut() {
                lines.push(line);
            }
        }
        out
    }

    /// The field names in the first column of a section's table rows.
    fn documented<'a>(lines: &[&'a str]) -> Vec<&'a str> {
        let cells = lines.iter().filter_map(|l| l.trim().strip_prefix('|')?.split('|').next());
        cells.filter_map(|c| c.trim().strip_prefix('`')?.strip_suffix('`')).collect()
    }

    /// Every field the loader knows is in the clerks' field reference, in a
    /// table row of the section of its file or block, and every field row
    /// there is one the loader knows.
    #[test]
    fn the_format_reference_documents_every_field() {
        let doc = include_str!("../../docs/format.md");
        let lists: &[(&str, &[&str])] = &[
            ("## `site.yaml`", site::SITE_FIELDS),
            ("### `contact`", site::CONTACT_FIELDS),
            ("### `notice_board`", site::BOARD_FIELDS),
            ("### `branding`", brand::BRANDING_FIELDS),
            ("## `_body.yaml`", site::BODY_FIELDS),
            ("## `_meeting.md`", meeting::MEETING_FIELDS),
            ("### `attendance`", meeting::ATTENDEE_FIELDS),
            ("## Paragraffil", paragraph::PARAGRAPH_FIELDS),
            ("### Sekretessbelagd paragraf", paragraph::CONFIDENTIAL_PUBLIC_FIELDS),
            ("### `documents`", paragraph::DOCUMENT_FIELDS),
            ("### `withdrawn`", paragraph::WITHDRAWN_FIELDS),
            ("### `corrections`", paragraph::CORRECTION_FIELDS),
            ("### `reservations`", paragraph::RESERVATION_FIELDS),
            ("### `votes`", paragraph::VOTES_FIELDS),
            ("### `ballots`", paragraph::BALLOT_FIELDS),
            ("## Anslag i `notices/`", site::NOTICE_FIELDS),
        ];
        let mapped: Vec<&str> = lists.iter().flat_map(|(_, l)| l.iter().copied()).collect();
        let unmapped: Vec<&str> = all_fields().into_iter().filter(|f| !mapped.contains(f)).collect();
        assert!(unmapped.is_empty(), "fields of no list this test maps to docs/format.md: {unmapped:?}");
        let sections = sections(doc);
        let mut problems = Vec::new();
        for (prefix, fields) in lists {
            let found: Vec<_> = sections.iter().filter(|(h, _)| h.starts_with(prefix)).collect();
            let [(heading, lines)] = found.as_slice() else {
                problems.push(format!("{} headings start with {prefix:?} (one expected)", found.len()));
                continue;
            };
            if !lines.iter().any(|l| l.trim() == "| Fält | Krävs | Värde | Betydelse |") {
                problems.push(format!("{heading}: no table `| Fält | Krävs | Värde | Betydelse |`"));
            }
            let rows = documented(lines);
            for field in *fields {
                if !rows.contains(field) {
                    problems.push(format!("{heading}: no table row for `{field}`"));
                }
            }
            for row in &rows {
                if !fields.contains(row) {
                    problems.push(format!("{heading}: `{row}` is documented but the loader does not read it there"));
                }
            }
        }
        assert!(problems.is_empty(), "docs/format.md is not the loader's field list:\n{}", problems.join("\n"));
    }
}
