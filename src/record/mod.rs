//! The publishing record (anslagsbevis): its rules and how a build brings it
//! up to date. The data is [`crate::model::record`].
//!
//! ```text
//! journal / previous output ──read──▶ PublishingRecord ─┐
//! Site (validated) ──observe──▶ Observed ────────────────┼─check──▶ diagnostics (E041, E042, W010)
//!                                                        └─next (real day only)──▶ PublishingRecord
//! ```
//!
//! - [`read`] takes the record from `--journal FILE` and from the previous
//!   output's `data/anslagsbevis.json`; when both exist they are merged
//!   (entries are only ever added to, so the union loses nothing).
//! - [`observe`] says what a build as of the site's day publishes: every
//!   notice posted by then, with a SHA-256 of the published text of each §
//!   (or of the notice) and of each attachment.
//! - [`check`] applies the rules of the spec against the record.
//! - [`next`] appends what a build on the real day publishes for the first
//!   time, and every change since; nothing recorded is ever rewritten.
//!   Only [`Clock::RealDay`] builds call it: the caller (the command line)
//!   is the only reader of the real clock and says which it is.

pub mod observe;

use crate::diag::{Code, Diagnostic, Span};
use crate::model::record::*;
use crate::model::{Date, Site};
pub use observe::{Observed, ObservedNotice, observe};
use std::path::{Path, PathBuf};

/// Whether the build's date is the real current day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// `--today` is the real date: the record is brought up to date and written.
    RealDay,
    /// A build as of another day: the record is read, never written.
    AsOf,
}

impl Clock {
    /// Which one a build on `today` is, when the real date is `real`.
    pub fn of(today: Date, real: Date) -> Clock {
        if today == real { Clock::RealDay } else { Clock::AsOf }
    }
}

/// The record's file in the output.
pub const OUTPUT_FILE: &str = "data/anslagsbevis.json";

/// Why the record could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse { path: String, line: usize, column: usize, message: String },
}

/// Parses a record file.
pub fn parse(bytes: &[u8], path: &Path) -> Result<PublishingRecord, RecordError> {
    let parsed: Result<PublishingRecord, _> = serde_json::from_slice(bytes);
    let record = parsed.map_err(|e| RecordError::Parse {
        path: path.display().to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if record.format != FORMAT {
        return Err(RecordError::Parse {
            path: path.display().to_string(),
            line: 1,
            column: 1,
            message: format!("unknown format `{}` (this anslag reads `{FORMAT}`)", record.format),
        });
    }
    Ok(record)
}

/// The record as JSON ([`PublishingRecord::to_json`]).
pub fn to_json(record: &PublishingRecord) -> Vec<u8> {
    record.to_json()
}

/// Reads the record from `journal` and from the previous output's copy
/// (either may be missing; a missing file is an empty record) and merges them.
pub fn read(journal: Option<&Path>, output: Option<&Path>) -> Result<PublishingRecord, RecordError> {
    let mut records = Vec::new();
    let output_file = output.map(|o| o.join(OUTPUT_FILE));
    for path in [journal.map(Path::to_path_buf), output_file].into_iter().flatten() {
        match std::fs::read(&path) {
            Ok(bytes) => records.push(parse(&bytes, &path)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(RecordError::Io { path: path.display().to_string(), source }),
        }
    }
    Ok(records.into_iter().reduce(merge).unwrap_or_default())
}

/// The union of two records: a notice in both keeps the entry that was
/// published first (then the one with more changes); the record started on
/// the earlier day.
pub fn merge(a: PublishingRecord, b: PublishingRecord) -> PublishingRecord {
    let started = match (a.started, b.started) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let mut notices: std::collections::BTreeMap<String, NoticeEntry> = std::collections::BTreeMap::new();
    for n in a.notices.into_iter().chain(b.notices) {
        match notices.get(&n.notice) {
            Some(kept)
                if (kept.first_published, std::cmp::Reverse(kept.changes.len()))
                    <= (n.first_published, std::cmp::Reverse(n.changes.len())) => {}
            _ => {
                notices.insert(n.notice.clone(), n);
            }
        }
    }
    PublishingRecord { format: FORMAT.to_owned(), started, notices: notices.into_values().collect() }
}

/// Writes `record` to `path` atomically: a temporary file beside it, synced,
/// renamed over it, the folder synced. A reader (or a build killed at any
/// moment) finds the old record or the new one, never a torn one.
pub fn write_journal(path: &Path, record: &PublishingRecord) -> Result<(), RecordError> {
    use std::io::Write;
    let io = |source| RecordError::Io { path: path.display().to_string(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.anslag-tmp-{}", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&to_json(record))?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(io)
}

/// The rules of the spec against the record: E041 (a notice claims a
/// posting day earlier than it really went up), E042 (a published § whose
/// file is gone), W010 (a published §'s text changed without a new
/// correction). `fallback` is where a problem without a file of its own
/// points (`site.yaml`).
pub fn check(
    record: &PublishingRecord,
    observed: &Observed,
    site: &Site,
    clock: Clock,
    fallback: Span,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for n in &observed.notices {
        let entry = record.notice(&n.key);
        let first = match entry {
            Some(e) if !e.taken_over => Some(e.first_published),
            Some(_) => None,
            // Going up today for the first time, while the record already
            // ran on the day it claims: it really goes up today.
            None => (clock == Clock::RealDay && record.started.is_some_and(|s| s <= n.posted)).then_some(site.today),
        };
        if let Some(first) = first
            && n.posted < first
        {
            let d = Diagnostic::new(Code::PostedBeforePublished, n.posted_at)
                .arg("posted", n.posted)
                .arg("published", first)
                .arg("notice", &n.title);
            diags.push(d);
        }
        let Some(e) = entry else { continue };
        // A §'s text (a notice's own text has no `corrections`; its changes
        // are recorded without a warning).
        for t in n.texts.iter().filter(|t| t.what.starts_with("§ ")) {
            let Some((Some(before), corrections)) = e.current_text(&t.what) else { continue };
            if before != t.sha256 && !t.withdrawn && t.corrections <= corrections {
                let d = Diagnostic::new(Code::ChangedWithoutCorrection, t.at)
                    .arg("what", &t.what)
                    .arg("published", e.first_published);
                diags.push(d);
            }
        }
    }
    for e in &record.notices {
        let Some(meeting) = &e.meeting else { continue };
        let found = site.meetings().find(|m| &m.id.path() == meeting);
        for what in e.texts.iter().map(|t| &t.what).chain(e.changes.iter().map(|c| &c.what)) {
            let Some(number) = what.strip_prefix("§ ").and_then(|n| n.parse::<u32>().ok()) else { continue };
            if found.is_some_and(|m| m.paragraphs.iter().any(|p| p.number == number)) {
                continue;
            }
            let source = e.texts.iter().find(|t| &t.what == what).map_or(String::new(), |t| t.source.clone());
            let at = found.map_or(fallback, |m| m.src);
            let d = Diagnostic::new(Code::PublishedParagraphGone, at)
                .arg("number", number)
                .arg("meeting", meeting)
                .arg("file", source)
                .arg("published", e.first_published);
            if !diags.iter().any(|x: &Diagnostic| x.code == d.code && x.args == d.args) {
                diags.push(d);
            }
        }
    }
    diags
}

/// The record after a build on the real day `today` published `observed`:
/// new notices appended, every change since appended to its notice.
pub fn next(record: &PublishingRecord, observed: &Observed, today: Date) -> PublishingRecord {
    let start = record.started.unwrap_or(today);
    let mut notices: std::collections::BTreeMap<String, NoticeEntry> =
        record.notices.iter().map(|n| (n.notice.clone(), n.clone())).collect();
    for n in &observed.notices {
        match notices.get_mut(&n.key) {
            None => {
                notices.insert(n.key.clone(), n.first_entry(today, n.posted < start));
            }
            Some(e) => n.changes_since(e, today),
        }
    }
    // Notices recorded but no longer published at all (a notice file
    // removed, a protocol no longer adjusted): their texts are gone.
    for e in notices.values_mut() {
        if observed.notices.binary_search_by(|n| n.key.as_str().cmp(&e.notice)).is_ok() {
            continue;
        }
        let whats: Vec<String> = e.texts.iter().map(|t| t.what.clone()).collect();
        for what in whats {
            if let Some((Some(_), _)) = e.current_text(&what) {
                e.changes.push(Change {
                    date: today,
                    what,
                    kind: ChangeKind::Removed,
                    sha256: None,
                    corrections: None,
                    value: None,
                });
            }
        }
    }
    PublishingRecord { format: FORMAT.to_owned(), started: Some(start), notices: notices.into_values().collect() }
}

/// The record that a build on the real day, every day from `from` to `to`,
/// would have kept for the content `loaded` (read from `content`): each day
/// validated as of that day, observed, checked and appended, as `build`
/// does. For a site's history (the example's `examples/anslagsbevis.json`)
/// and for tests; `Err` names the first day whose build would have failed.
pub fn kept_daily(
    loaded: &crate::load::Loaded,
    content: &Path,
    from: Date,
    to: Date,
) -> Result<PublishingRecord, String> {
    let mut record = PublishingRecord::default();
    let mut today = from;
    while today <= to {
        let site = crate::validate::validate(loaded, today).site.ok_or(format!("{today}: the content has errors"))?;
        let observed = observe(&site, &loaded.sources, content).map_err(|e| format!("{today}: {e}"))?;
        let fallback = Span::new(crate::diag::FileId(0), 0, 0);
        let refused: Vec<_> = check(&record, &observed, &site, Clock::RealDay, fallback)
            .into_iter()
            .filter(Diagnostic::is_error)
            .map(|d| d.code.code())
            .collect();
        if !refused.is_empty() {
            return Err(format!("{today}: the build would be refused ({})", refused.join(", ")));
        }
        record = next(&record, &observed, today);
        today = today.tomorrow().map_err(|e| e.to_string())?;
    }
    Ok(record)
}

#[cfg(test)]
mod tests;
