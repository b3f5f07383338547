//! Entry names inside a package ZIP. A clerk's file may be called anything a
//! file system allows (`x\..\..\pwned.md` is a legal Linux name; Windows and
//! naive extractors take the `\` as a folder separator and climb out of the
//! extraction folder), so no entry name is ever a raw content name:
//! [`safe_name`] makes a portable name from one, [`Names`] keeps names
//! unique within each folder, and [`is_safe_entry`] is checked by the ZIP
//! writer on every entry. The original names are kept in PREMIS
//! (`premis:originalName`, see [`super::premis`]).

use std::collections::{BTreeMap, BTreeSet};

/// Longest stem and extension [`safe_name`] makes (bytes, all ASCII): well
/// below every file system's limit, even with the folders above.
const MAX_STEM: usize = 60;
const MAX_EXT: usize = 10;

/// Lower-case ASCII letters and digits, every run of anything else one `-`
/// (å, ä → a, ö → o, é → e …), no `-` at either end; at most `max` bytes.
pub fn fold(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.truncate(max);
    out.trim_end_matches('-').to_owned()
}

/// Names Windows keeps for devices, with any extension (`con.pdf`).
fn is_device(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    let numbered = |p: &str| s.strip_prefix(p).is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit());
    ["con", "prn", "aux", "nul"].contains(&s.as_str()) || numbered("com") || numbered("lpt")
}

/// A portable name for one file or folder name: its stem [`fold`]ed, its
/// extension (after the last `.`) kept, folded to letters and digits, e.g.
/// `Plan #1 (ny) 50%.pdf` → `plan-1-ny-50.pdf`, `Översikt.PDF` →
/// `oversikt.pdf`. Never empty, never `.` or `..`, no leading dot, at most
/// 71 bytes; a name that folds to nothing is `fil`.
pub fn safe_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.trim_start_matches('.').is_empty() => (stem, fold(ext, MAX_EXT).replace('-', "")),
        _ => (name, String::new()),
    };
    let mut stem = fold(stem, MAX_STEM);
    if stem.is_empty() {
        "fil".clone_into(&mut stem);
    } else if is_device(&stem) {
        stem.push_str("-fil");
    }
    if ext.is_empty() { stem } else { format!("{stem}.{ext}") }
}

/// Whether one segment of an entry name extracts to the same single name on
/// every system: not empty, not `.` or `..`, no `/`, `\`, `:` or other
/// character Windows forbids, no control character, not ending in a dot or
/// space, not a device name.
pub fn is_safe_segment(s: &str) -> bool {
    const FORBIDDEN: &[char] = &['/', '\\', ':', '<', '>', '"', '|', '?', '*'];
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.len() <= 255
        && !s.contains(FORBIDDEN)
        && !s.chars().any(char::is_control)
        && !s.ends_with(['.', ' '])
        && !is_device(s.split('.').next().unwrap_or(s))
}

/// Whether `path` is a safe ZIP entry name: relative (no leading `/`, no
/// drive), made of [`is_safe_segment`]s joined by `/`.
pub fn is_safe_entry(path: &str) -> bool {
    path.split('/').all(is_safe_segment)
}

/// A URI reference to the entry `path` (relative): each segment
/// percent-encoded, `/` kept (`Plan #1.pdf` → `Plan%20%231.pdf`).
pub fn href(path: &str) -> String {
    crate::urls::encode_path(path)
}

/// Where a package's files go: for each original content-relative path its
/// entry path, unique within each folder (also ignoring case, for Windows
/// and macOS). Names are handed out in the order asked for, so callers ask
/// in a fixed order (sorted) and the same content gives the same names.
#[derive(Debug, Default)]
pub struct Names {
    /// Lower-cased names taken in each folder (by the folder's lower-cased
    /// entry path, `""` for the top).
    taken: BTreeMap<String, BTreeSet<String>>,
    /// The entry path of each original folder placed so far.
    folders: BTreeMap<String, String>,
}

impl Names {
    /// The entry path of the original folder `dir` (`""` for the top), each
    /// segment placed with [`safe_name`] the first time it is seen.
    fn folder(&mut self, dir: &str) -> String {
        if dir.is_empty() {
            return String::new();
        }
        if let Some(placed) = self.folders.get(dir) {
            return placed.clone();
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let parent = self.folder(parent);
        let name = self.unique(&parent, &safe_name(name));
        let placed = join(&parent, &name);
        self.folders.insert(dir.to_owned(), placed.clone());
        placed
    }

    /// `name`, or `name-2`, `name-3` … (before the extension), whichever is
    /// free in `folder`; marks it taken.
    fn unique(&mut self, folder: &str, name: &str) -> String {
        let taken = self.taken.entry(folder.to_lowercase()).or_default();
        let (stem, ext) = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
            _ => (name, String::new()),
        };
        let mut candidate = name.to_owned();
        let mut n = 2;
        while taken.contains(&candidate.to_lowercase()) {
            candidate = format!("{stem}-{n}{ext}");
            n += 1;
        }
        taken.insert(candidate.to_lowercase());
        candidate
    }

    /// The entry path of the file `original`: its folders and its own name
    /// made safe.
    pub fn file(&mut self, original: &str) -> String {
        let (dir, name) = original.rsplit_once('/').unwrap_or(("", original));
        self.named(dir, &safe_name(name))
    }

    /// The entry path of a file of the original folder `dir` that anslag
    /// names itself (`_meeting.md`, `paragraf-012.md`); `name` must be safe.
    pub fn named(&mut self, dir: &str, name: &str) -> String {
        let folder = self.folder(dir);
        let name = self.unique(&folder, name);
        join(&folder, &name)
    }

    /// Keeps `path` as its own entry path if it [`is_safe_entry`] and no
    /// file has taken it (ignoring case); `false` (and nothing taken)
    /// otherwise. Its folders keep their names too.
    pub fn keep(&mut self, path: &str) -> bool {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let lower = name.to_lowercase();
        if !is_safe_entry(path) || self.taken.get(&dir.to_lowercase()).is_some_and(|t| t.contains(&lower)) {
            return false;
        }
        let mut at = String::new();
        for segment in dir.split('/').filter(|s| !s.is_empty()) {
            let inner = join(&at, segment);
            if !self.folders.contains_key(&inner) {
                self.taken.entry(at.to_lowercase()).or_default().insert(segment.to_lowercase());
                self.folders.insert(inner.clone(), inner.clone());
            }
            at = inner;
        }
        self.taken.entry(dir.to_lowercase()).or_default().insert(lower);
        true
    }
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() { name.to_owned() } else { format!("{folder}/{name}") }
}
