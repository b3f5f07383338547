//! The publishing record (anslagsbevis) as data: for every notice a build on
//! the real day has published, the first day it was actually published and a
//! SHA-256 of the published text of each § (or of the notice's text) and of
//! each attachment; later changes are appended, never rewritten. It is read
//! and written as `data/anslagsbevis.json` (`docs/schema/anslagsbevis.schema.json`);
//! the rules and the updating are in [`crate::record`].

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The format's name and version, the first field of the file.
pub const FORMAT: &str = "anslag-anslagsbevis/1";

/// The whole record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishingRecord {
    pub format: String,
    /// The day of the first build on the real day that wrote the record;
    /// `None` until then.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub started: Option<Date>,
    /// One entry per notice, in order of its key.
    pub notices: Vec<NoticeEntry>,
}

impl Default for PublishingRecord {
    fn default() -> PublishingRecord {
        PublishingRecord { format: FORMAT.to_owned(), started: None, notices: Vec::new() }
    }
}

impl PublishingRecord {
    /// The entry of the notice whose page is at `key`.
    pub fn notice(&self, key: &str) -> Option<&NoticeEntry> {
        self.notices.binary_search_by(|n| n.notice.as_str().cmp(key)).ok().map(|i| &self.notices[i])
    }

    /// The record as JSON (two-space indents, a final newline): the same
    /// record gives the same bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The day a notice really went up, as the record proves it: its first
    /// publication, unless it was taken over.
    pub fn published_on(&self, key: &str) -> Option<Date> {
        self.notice(key).filter(|n| !n.taken_over).map(|n| n.first_published)
    }
}

/// What kind of notice an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A protocol's notice of adjustment.
    Protokoll,
    /// The notice of a § adjusted on its own.
    OmedelbartJusterad,
    /// Another notice (kungörelse, tillkännagivande …).
    Anslag,
}

/// One notice and what it published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoticeEntry {
    /// The address of the notice's page in the site (its key).
    pub notice: String,
    pub kind: EntryKind,
    pub title: String,
    /// `body/folder` of the protocol's meeting.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meeting: Option<String>,
    /// `posted` as the content said when the notice was first recorded.
    pub posted: Date,
    /// The first day a build on the real day published it.
    pub first_published: Date,
    /// Posted before the record started: recorded afterwards ("inlagd i
    /// efterhand"), not checked against the record.
    pub taken_over: bool,
    /// The published texts when first recorded: each § (`§ 5`) or the
    /// notice's `text`.
    pub texts: Vec<TextEntry>,
    /// The attachments it published when first recorded, by path.
    pub attachments: Vec<FileEntry>,
    /// Every later change, in the order recorded.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub changes: Vec<Change>,
}

impl NoticeEntry {
    /// The hash of text `what` as last recorded (`None`: not recorded, or
    /// gone), and the number of corrections it had then.
    pub fn current_text(&self, what: &str) -> Option<(Option<&str>, usize)> {
        let last = self.changes.iter().rev().find(|c| c.what == what);
        match last {
            Some(c) => Some((c.sha256.as_deref(), c.corrections.unwrap_or(0))),
            None => self.texts.iter().find(|t| t.what == what).map(|t| (Some(t.sha256.as_str()), t.corrections)),
        }
    }

    /// The hash of attachment `path` as last recorded.
    pub fn current_file(&self, path: &str) -> Option<Option<&str>> {
        let what = format!("bilaga {path}");
        match self.changes.iter().rev().find(|c| c.what == what) {
            Some(c) => Some(c.sha256.as_deref()),
            None => self.attachments.iter().find(|f| f.path == path).map(|f| Some(f.sha256.as_str())),
        }
    }

    /// `posted` as last recorded.
    pub fn current_posted(&self) -> Date {
        let last = self.changes.iter().rev().find(|c| c.what == "posted");
        last.and_then(|c| c.value.as_deref()?.parse().ok()).unwrap_or(self.posted)
    }
}

/// A published text: a § or a notice's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TextEntry {
    /// `§ 5`, or `text` for a notice's own text.
    pub what: String,
    /// The content file it is read from.
    pub source: String,
    pub sha256: String,
    /// How many corrections the § had then.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub corrections: usize,
}

/// A published attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
}

/// A change recorded after the first publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    /// The real day of the build that saw it.
    pub date: Date,
    /// `§ 5`, `text`, `bilaga <path>` or `posted`.
    pub what: String,
    pub kind: ChangeKind,
    /// The new hash; `None` when the text or file is gone or withdrawn.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    /// The §'s number of corrections after the change.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub corrections: Option<usize>,
    /// The new value (of `posted`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<String>,
}

/// What a change was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Changed with a new `corrections` entry (rättelse).
    Correction,
    /// Changed without a new `corrections` entry.
    Changed,
    /// Withdrawn (avpublicerad).
    Withdrawn,
    /// Newly published within a notice already recorded (a § or attachment added).
    Added,
    /// Gone from the content (a notice file removed).
    Removed,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
