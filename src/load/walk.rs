//! The sorted walk of `content/`: which file plays which part (site, body,
//! meeting, paragraph, notice, attachment), and what does not belong.

use crate::diag::suggest::slugify;
use crate::diag::{Code, Diagnostic, FileId, SourceFile, SourceMap, Span};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The part a text file plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Site,
    Notice,
    Body { body: usize },
    Meeting { body: usize, meeting: usize },
    Paragraph { body: usize, meeting: usize },
}

impl Role {
    pub fn is_markdown(self) -> bool {
        !matches!(self, Role::Site | Role::Body { .. })
    }
}

/// A text file to read, with its pre-assigned [`FileId`].
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: FileId,
    /// Path relative to the content folder.
    pub rel: String,
    pub path: PathBuf,
    pub role: Role,
}

/// A folder found by the walk.
#[derive(Debug, Clone)]
pub struct Folder {
    /// Its name (the body slug or the meeting folder name).
    pub name: String,
    /// A pseudo-file standing for the folder's main file (`_body.yaml`,
    /// `_meeting.md`), for "missing" diagnostics.
    pub at: FileId,
    /// A pseudo-file standing for the folder itself (`<path>/`).
    pub folder: FileId,
}

/// What the walk found: the layout, before any file is read.
#[derive(Debug, Default)]
pub struct Layout {
    pub sources: SourceMap,
    pub pending: Vec<Pending>,
    pub bodies: Vec<(Folder, Vec<Folder>)>,
    /// Every attachment-like file (not `.md`/`.yaml` content), relative path.
    pub files: BTreeSet<String>,
    /// Symbolic links whose target is outside `content/` (never followed).
    pub links_outside: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether `name` ends with `.<ext>`, in any case (`Protokoll.MD`).
fn has_ext(name: &str, ext: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, e)| !stem.is_empty() && e.eq_ignore_ascii_case(ext))
}

/// Files that editors, Windows and Office leave behind.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$") || name == "Thumbs.db" || name == "desktop.ini"
}

/// Body slugs the site's own addresses use (`anslagstavla/`, `tillganglighet/`,
/// `sok/`, `register/`, `data/`, `oparl/`, `pagefind/`, `profil/`).
pub const RESERVED: &[&str] =
    &["anslagstavla", "tillganglighet", "sok", "register", "data", "oparl", "pagefind", BRAND_DIR];

/// The folder of the content folder with the site's logo and stylesheet
/// (`branding:` in `site.yaml`), published at the same path.
pub const BRAND_DIR: &str = "profil";

/// `a-z`, `0-9` and `-` only, not empty.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `name` is `YYYY-MM-DD` or `YYYY-MM-DD-<slug>` (the date itself is checked later).
pub fn is_meeting_folder_name(name: &str) -> bool {
    let b = name.as_bytes();
    let date_shape = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    date_shape && (b.len() == 10 || (b[10] == b'-' && is_slug(&name[11..])))
}

impl Layout {
    fn pseudo(&mut self, path: String) -> FileId {
        self.sources.add(SourceFile::empty(path))
    }

    fn problem(&mut self, code: Code, path: String, args: &[(&'static str, String)]) {
        let id = self.pseudo(path);
        let mut d = Diagnostic::new(code, Span::new(id, 0, 0));
        d.args = args.to_vec();
        self.diagnostics.push(d);
    }

    fn text_file(&mut self, rel: String, path: &Path, role: Role) {
        let id = self.pseudo(rel.clone());
        self.pending.push(Pending { id, rel, path: path.to_owned(), role });
    }

    /// Reports a file that is not where anslag reads it.
    fn misplaced(&mut self, rel: String, name: &str, place: &'static str) {
        if has_ext(name, "md") || has_ext(name, "yaml") || has_ext(name, "yml") {
            let args = [("file", name.to_owned()), ("where", place.to_owned())];
            self.problem(Code::UnexpectedFile, rel, &args);
        } else {
            let args = [("file", name.to_owned()), ("why", "outside-meeting".to_owned())];
            self.problem(Code::IgnoredFile, rel, &args);
        }
    }
}

/// Walks `root` (already canonical) in sorted order and sorts what it finds.
pub fn walk(root: &Path) -> Result<Layout, walkdir::Error> {
    let mut layout = Layout::default();
    let entries = walkdir::WalkDir::new(root)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy()));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.depth() > 0 => {
                let rel = e.path().and_then(|p| p.strip_prefix(root).ok()).map(rel_string).unwrap_or_default();
                layout.problem(Code::ReadFailed, rel, &[("reason", e.to_string())]);
                continue;
            }
            Err(e) => return Err(e),
        };
        let Ok(rel_path) = entry.path().strip_prefix(root) else { continue };
        let rel = rel_string(rel_path);
        if rel_path.to_str().is_none() {
            // Read lossily, two such names could become one: refused.
            let name = entry.file_name().to_string_lossy().into_owned();
            layout.problem(Code::FileNameNotUtf8, rel, &[("file", name)]);
            continue;
        }
        let is_dir = match kind(root, &entry) {
            Kind::Dir => true,
            Kind::File => false,
            Kind::LinkedDir => {
                let name = entry.file_name().to_string_lossy().into_owned();
                layout.problem(Code::IgnoredFile, rel, &[("file", name), ("why", "linked-folder".into())]);
                continue;
            }
            Kind::Broken(reason) => {
                layout.problem(Code::ReadFailed, rel, &[("reason", reason)]);
                continue;
            }
            Kind::Special => {
                // Never opened: reading a FIFO or a device blocks or never ends.
                let name = entry.file_name().to_string_lossy().into_owned();
                layout.problem(Code::NotRegularFile, rel, &[("file", name)]);
                continue;
            }
            Kind::Outside => {
                layout.links_outside.insert(rel.clone());
                let name = entry.file_name().to_string_lossy().into_owned();
                layout.problem(Code::LinkOutside, rel, &[("file", name)]);
                continue;
            }
        };
        let parts: Vec<String> = rel_path.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        place(&mut layout, entry.path(), rel, &parts, is_dir);
    }
    Ok(layout)
}

fn rel_string(p: &Path) -> String {
    p.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/")
}

enum Kind {
    Dir,
    File,
    Outside,
    /// A link whose target does not exist (or cannot be resolved).
    Broken(String),
    /// A link to a folder inside `content/`: not followed, reported.
    LinkedDir,
    /// A FIFO, socket or device (or a link to one): never read, reported.
    Special,
}

/// What an entry is; a symbolic link counts as what it points to, if that is
/// inside `root` (only resolved, never read, when it points outside).
fn kind(root: &Path, entry: &walkdir::DirEntry) -> Kind {
    if !entry.path_is_symlink() {
        let t = entry.file_type();
        return if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Special
        };
    }
    match std::fs::canonicalize(entry.path()) {
        // A linked folder is not walked into (walkdir does not follow links).
        Ok(target) if target.starts_with(root) && target.is_dir() => Kind::LinkedDir,
        Ok(target) if target.starts_with(root) && !target.is_file() => Kind::Special,
        Ok(target) if target.starts_with(root) => Kind::File,
        Ok(_) => Kind::Outside,
        Err(e) => Kind::Broken(e.to_string()),
    }
}

/// Sorts one entry into the layout by its path components.
fn place(layout: &mut Layout, path: &Path, rel: String, parts: &[String], is_dir: bool) {
    let name = parts.last().cloned().unwrap_or_default();
    match (parts, is_dir) {
        ([site], false) if site == "site.yaml" => layout.text_file(rel, path, Role::Site),
        ([notices], true) if notices == "notices" => {}
        ([notices, ..], false) if notices == "notices" => {
            if parts.len() == 2 && has_ext(&name, "md") {
                layout.text_file(rel, path, Role::Notice);
            } else {
                layout.files.insert(rel);
            }
        }
        ([_, ..], true) if parts[0] == "notices" => {}
        ([_, ..], true) if parts[0] == BRAND_DIR => {}
        ([_, ..], false) if parts[0] == BRAND_DIR => {
            if has_ext(&name, "md") || has_ext(&name, "yaml") || has_ext(&name, "yml") {
                layout.misplaced(rel, &name, "root");
            } else {
                layout.files.insert(rel);
            }
        }
        ([_], true) => {
            let folder = layout.pseudo(format!("{rel}/"));
            let reserved = RESERVED.contains(&name.as_str());
            if !is_slug(&name) || reserved {
                let suggestion = if reserved { format!("{name}-organ") } else { slugify(&name) };
                let d = Diagnostic::new(Code::BodyFolderName, Span::new(folder, 0, 0))
                    .arg("name", &name)
                    .arg("suggestion", suggestion)
                    .arg("reserved", if reserved { "yes" } else { "no" });
                layout.diagnostics.push(d);
            }
            let at = layout.pseudo(format!("{rel}/_body.yaml"));
            layout.bodies.push((Folder { name, at, folder }, Vec::new()));
        }
        ([_], false) => layout.misplaced(rel, &name, "root"),
        ([_, _], _) => place_in_body(layout, path, rel, name, is_dir),
        ([_, _, ..], _) => place_in_meeting(layout, path, rel, parts, is_dir),
        _ => {}
    }
}

fn place_in_body(layout: &mut Layout, path: &Path, rel: String, name: String, is_dir: bool) {
    let body = layout.bodies.len().saturating_sub(1);
    if !is_dir {
        if name == "_body.yaml" {
            layout.text_file(rel, path, Role::Body { body });
        } else {
            layout.misplaced(rel, &name, "body");
        }
        return;
    }
    let folder = layout.pseudo(format!("{rel}/"));
    if !is_meeting_folder_name(&name) {
        let d = Diagnostic::new(Code::MeetingFolderName, Span::new(folder, 0, 0)).arg("name", &name);
        layout.diagnostics.push(d);
    }
    let at = layout.pseudo(format!("{rel}/_meeting.md"));
    if let Some((_, meetings)) = layout.bodies.last_mut() {
        meetings.push(Folder { name, at, folder });
    }
}

fn place_in_meeting(layout: &mut Layout, path: &Path, rel: String, parts: &[String], is_dir: bool) {
    let body = layout.bodies.len().saturating_sub(1);
    let meeting = layout.bodies.last().map_or(0, |(_, m)| m.len().saturating_sub(1));
    let name = parts.last().cloned().unwrap_or_default();
    if is_dir {
        return;
    }
    match parts.len() {
        3 if name == "_meeting.md" => layout.text_file(rel, path, Role::Meeting { body, meeting }),
        3 if has_ext(&name, "md") => layout.text_file(rel, path, Role::Paragraph { body, meeting }),
        n if n > 3 && has_ext(&name, "md") => layout.misplaced(rel, &name, "meeting-sub"),
        // The build writes the protocol as PDF there (crate::urls::PROTOCOL_PDF).
        3 if name == crate::urls::PROTOCOL_PDF => {
            layout.problem(Code::ReservedFileName, rel.clone(), &[("file", name.clone())]);
            layout.files.insert(rel);
        }
        _ => {
            layout.files.insert(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_folder_names() {
        assert!(is_meeting_folder_name("2023-10-02"));
        assert!(is_meeting_folder_name("2023-10-02-extra"));
        assert!(is_meeting_folder_name("2023-02-30"));
        assert!(!is_meeting_folder_name("2023-10-02-"));
        assert!(!is_meeting_folder_name("2023-10-02_extra"));
        assert!(!is_meeting_folder_name("2023-10-2"));
        assert!(!is_meeting_folder_name("möte"));
        assert!(!is_meeting_folder_name("2023-10-02-Extra"));
    }

    #[test]
    fn ignored_names() {
        for n in [".git", ".DS_Store", "~$protokoll.docx", "Thumbs.db", "desktop.ini"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("bilaga.pdf"));
    }
}
