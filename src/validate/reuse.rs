//! Taking over a meeting's check from the build before.
//!
//! Reading and checking 20 000 § files is most of a daily build, yet on a
//! normal day no meeting folder has changed. A build therefore keeps, for
//! each meeting whose check found nothing to report, what the check made
//! (the meeting's model, its §-numbers, the attachments it refers to) in a
//! file named by the meeting's **key**: a SHA-256 of the program, the site's
//! settings, the body, every body's name, the content folder's list of
//! attachments, and the meeting folder's own files (path and text). The
//! next build (`load` leaves a meeting's files unparsed, [`Parse::MeetingsLater`])
//! computes the key from the texts it read and takes the stored check over
//! instead of parsing and checking the files when
//! - a file of that name is there, whole (its own CRC-32 holds: the name is
//!   already a SHA-256 of the inputs; the CRC only guards against a file
//!   cut short or damaged on disk, and costs a tenth of a SHA-256 over the
//!   60 MB a 20 000-§ site stores, docs/performance.md finding 34),
//! - every date the check compared with the build's date is reached, or
//!   not, on this build's date as it was then ([`super::outside`]): the
//!   day a protocol is adjusted or a § withdrawn the meeting is checked again,
//! - every attachment the check opened has the same SHA-256.
//!
//! Otherwise the meeting is parsed and checked as if there were no store,
//! so the outcome is always that of a full check ([`super::validate`]);
//! `tests/suite` builds day after day and after every kind of edit and
//! compares with a build from scratch. A meeting with any problem, even a
//! warning, is checked every time (its diagnostics are not stored).
//!
//! The file numbers in a stored check are those of the build that stored it;
//! they are renumbered on reading ([`crate::diag::renumbering`]), so a file
//! added elsewhere does not make every later meeting be checked again.
//! The store lives beside the output (`crate::write::checks_of`), never in
//! it: it holds protocols not yet adjusted. `write` keeps it.
//!
//! [`Parse::MeetingsLater`]: crate::load::Parse::MeetingsLater

use super::Files;
use super::numbering::MeetingNumbers;
use crate::diag::FileId;
use crate::files::KeyHasher;
use crate::load::{Loaded, MeetingDir};
use crate::model::{Date, Meeting};
use std::path::{Path, PathBuf};

/// The first bytes of a stored check; change the number when its layout changes.
const MAGIC: &[u8] = b"anslag meeting check 2\n";

/// The folder of stored checks a build reads.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What the check of one meeting found, as stored.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Found {
    pub meeting: Meeting,
    pub numbers: Option<MeetingNumbers>,
    pub files: Files,
    pub paragraphs: usize,
}

/// What decides whether a stored check holds, read before the rest.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Conditions {
    /// Every date compared with the build's date, and whether it was reached.
    asked: Vec<(Date, bool)>,
    /// Every attachment reached, with its SHA-256.
    attachments: Vec<(String, [u8; 32])>,
    /// The numbers of the meeting's files in the build that stored it, in
    /// the order of [`file_numbers`].
    ids: Vec<u32>,
}

/// The key of a meeting's check: its name in the store.
pub(super) type Key = String;

/// What every meeting's check reads of the site, hashed once: the program,
/// the site's settings, every body's name and the content folder's list of
/// attachments.
pub(super) fn site_context(
    loaded: &Loaded,
    config: &crate::model::SiteConfig,
    body_names: &[(String, String)],
) -> [u8; 32] {
    use std::fmt::Write as _;
    let mut h = KeyHasher::new("meeting check: site");
    h.bytes(MAGIC);
    h.bytes(crate::program::fingerprint());
    let _ = write!(h, "{config:?}\n{body_names:?}\n");
    for path in &loaded.files {
        h.bytes(path.as_bytes());
    }
    h.raw(b"links outside");
    for path in &loaded.links_outside {
        h.bytes(path.as_bytes());
    }
    h.finish()
}

/// What stays the same for every meeting of one body: the site's context
/// ([`site_context`]) and the body.
pub(super) fn body_context(site: &[u8; 32], slug: &str, body: Option<&crate::model::Body>) -> [u8; 32] {
    use std::fmt::Write as _;
    let mut h = KeyHasher::new("meeting check: body");
    h.raw(site);
    h.bytes(slug.as_bytes());
    let _ = write!(h, "{body:?}");
    h.finish()
}

/// The key of meeting folder `dir`: its body's context and its own files.
pub(super) fn key(context: &[u8; 32], dir: &MeetingDir, loaded: &Loaded) -> Key {
    let mut h = KeyHasher::new("meeting check");
    h.raw(context);
    h.bytes(dir.name.as_bytes());
    for id in dir.files() {
        let file = loaded.sources.get(id);
        h.bytes(file.path.as_bytes());
        h.raw(file.sha256());
    }
    crate::files::hex(&h.finish())
}

/// The numbers of the files a meeting's spans can point at: the stand-ins
/// for `_meeting.md` and the folder, then its files.
fn file_numbers(dir: &MeetingDir) -> Vec<u32> {
    [dir.at, dir.folder].into_iter().chain(dir.files()).map(|FileId(n)| n).collect()
}

impl Store {
    pub fn at(dir: &Path) -> Store {
        Store { dir: dir.to_owned() }
    }

    /// The stored check of `key`, if it holds on `today` for `dir`.
    pub(super) fn take(&self, key: &str, dir: &MeetingDir, loaded: &Loaded, today: Date) -> Option<Found> {
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (crc, payload) = rest.split_at_checked(4)?;
        if crc32fast::hash(payload).to_le_bytes() != crc {
            return None;
        }
        let mut payload = payload;
        let conditions: Conditions = bincode::deserialize_from(&mut payload).ok()?;
        if !super::outside::same_on(&conditions.asked, today) {
            return None;
        }
        let same_file =
            |(path, sha): &(String, [u8; 32])| crate::files::sha256(&loaded.root.join(path)).ok() == Some(*sha);
        if !conditions.attachments.iter().all(same_file) {
            return None;
        }
        let now = file_numbers(dir);
        if now.len() != conditions.ids.len() {
            return None;
        }
        let map = conditions.ids.into_iter().zip(now).collect();
        crate::diag::renumbering(map, || bincode::deserialize::<Found>(payload).ok())
    }
}

/// The stored form of a meeting's check (`None` if an attachment it reached
/// cannot be read now: then it is not stored).
pub(super) fn stored(
    found: &Found,
    asked: Vec<(Date, bool)>,
    attachments: &[String],
    dir: &MeetingDir,
    loaded: &Loaded,
) -> Option<Vec<u8>> {
    let attachments = attachments
        .iter()
        .map(|p| Some((p.clone(), crate::files::sha256(&loaded.root.join(p)).ok()?)))
        .collect::<Option<Vec<_>>>()?;
    let conditions = Conditions { asked, attachments, ids: file_numbers(dir) };
    let mut payload = bincode::serialize(&conditions).ok()?;
    payload.extend(bincode::serialize(found).ok()?);
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend(payload);
    Some(bytes)
}
