//! Load: the only stage that reads `content/`. It walks the folder in sorted
//! order, reads every `.md` and `.yaml` file in parallel, checks that it is
//! UTF-8, splits front matter from Markdown and parses the YAML into spanned
//! trees. Nothing here knows what a field means; that is `validate`.

mod explain;
pub mod frontmatter;
pub mod walk;
pub mod yaml;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId, SourceFile, SourceMap, Span};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walk::{Pending, Role};
pub use yaml::{Node, Value};

/// One content file, read and parsed.
#[derive(Debug, Clone)]
pub struct Doc {
    pub file: FileId,
    /// The YAML tree (the front matter of a `.md` file); `None` if it is empty.
    pub fields: Option<Node>,
    /// Where "a field is missing" points: the opening `---`, or the file start.
    pub head: Span,
    /// The Markdown after the front matter (empty for `.yaml` files).
    pub body: Span,
}

/// A body folder and what it holds.
#[derive(Debug, Clone)]
pub struct BodyDir {
    pub slug: String,
    /// Stands for `<slug>/_body.yaml` when that file is missing.
    pub at: FileId,
    pub meta: Option<Doc>,
    /// `_body.yaml` exists but could not be read or parsed (already reported).
    pub meta_failed: bool,
    pub meetings: Vec<MeetingDir>,
}

/// A meeting folder and what it holds.
#[derive(Debug, Clone)]
pub struct MeetingDir {
    /// The folder name, `YYYY-MM-DD[-suffix]`.
    pub name: String,
    /// Stands for `<body>/<name>/_meeting.md` when that file is missing.
    pub at: FileId,
    /// Stands for the folder itself.
    pub folder: FileId,
    pub meta: Option<Doc>,
    /// `_meeting.md` exists but could not be read or parsed (already reported).
    pub meta_failed: bool,
    pub paragraphs: Vec<Doc>,
    /// Paragraph files that could not be read or parsed (already reported):
    /// their §-numbers are unknown, so the numbering of the meeting and of
    /// the meetings after it is not checked.
    pub failed_paragraphs: Vec<FileId>,
    /// The folder's files as read but not parsed ([`Parse::Later`]); then
    /// `meta` and `paragraphs` are empty until [`MeetingDir::parsed`].
    pub unparsed: Option<Unparsed>,
}

/// A meeting folder's files, read (their texts are in the source map) and
/// left to be parsed by the check of their meeting, which may not need
/// them: a build takes over the check of an unchanged meeting from the
/// build before (`validate::reuse`).
#[derive(Debug, Clone, Default)]
pub struct Unparsed {
    /// `_meeting.md`, if it is there.
    pub meta: Option<FileId>,
    /// The paragraph files, in the walk's order.
    pub paragraphs: Vec<FileId>,
}

/// Whether [`load_with`] parses every file or leaves a meeting folder's
/// files to the check of their meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parse {
    All,
    /// `_meeting.md` and the paragraph files are read, not parsed.
    MeetingsLater,
}

impl MeetingDir {
    /// The folder with its files parsed, and the problems of parsing them
    /// (`self` itself if they were parsed by `load`).
    pub fn parsed(&self, sources: &SourceMap) -> (std::borrow::Cow<'_, MeetingDir>, Vec<Diagnostic>) {
        let Some(unparsed) = &self.unparsed else { return (std::borrow::Cow::Borrowed(self), Vec::new()) };
        let mut diags = Vec::new();
        let mut parse = |id: FileId| {
            let (doc, problems) = parse_doc(id, &sources.get(id).text, true);
            diags.extend(problems);
            doc
        };
        let meta = unparsed.meta.map(&mut parse);
        let mut dir = MeetingDir {
            meta_failed: unparsed.meta.is_some() && meta.is_none(),
            meta: meta.flatten(),
            unparsed: None,
            ..self.clone()
        };
        for &id in &unparsed.paragraphs {
            match parse(id) {
                Some(doc) => dir.paragraphs.push(doc),
                None => dir.failed_paragraphs.push(id),
            }
        }
        (std::borrow::Cow::Owned(dir), diags)
    }

    /// Every file of the folder that was read, `_meeting.md` first.
    pub fn files(&self) -> Vec<FileId> {
        match &self.unparsed {
            Some(u) => u.meta.iter().chain(&u.paragraphs).copied().collect(),
            None => {
                let docs = self.meta.iter().chain(&self.paragraphs).map(|d| d.file);
                docs.chain(self.failed_paragraphs.iter().copied()).collect()
            }
        }
    }
}

/// Everything `content/` holds, read but not yet understood.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    pub site: Option<Doc>,
    /// Stands for `site.yaml` when it is missing.
    pub site_at: Option<FileId>,
    pub notices: Vec<Doc>,
    pub bodies: Vec<BodyDir>,
    /// Attachments and other non-content files, as paths relative to `content/`.
    pub files: BTreeSet<String>,
    /// Symbolic links that point outside `content/`.
    pub links_outside: BTreeSet<String>,
    /// Number of content files that could not be read or parsed.
    pub failed: usize,
    /// The content folder, canonical.
    pub root: PathBuf,
    /// Every text file found (read or not), by content-relative path: its
    /// id and part, for [`Loaded::refresh`].
    pub texts: std::collections::HashMap<String, (FileId, Role)>,
}

/// What [`Loaded::refresh`] read again.
#[derive(Debug)]
pub struct Refreshed {
    pub file: FileId,
    /// Indices of the meeting the file belongs to, in [`Loaded::bodies`].
    pub body: usize,
    pub meeting: usize,
    /// The file's problems now (its earlier ones no longer hold).
    pub diagnostics: Vec<Diagnostic>,
}

/// An I/O problem with the content folder itself (exit code 3).
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct LoadError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Reads `root`. File-level problems are diagnostics; only a content folder
/// that cannot be read at all is an error.
pub fn load(root: &Path) -> Result<(Loaded, Diagnostics), LoadError> {
    load_with(root, Parse::All)
}

/// [`load`], parsing every file or leaving the meeting folders' files to
/// the checks of their meetings.
pub fn load_with(root: &Path, parse: Parse) -> Result<(Loaded, Diagnostics), LoadError> {
    let err = |source| LoadError { path: root.to_owned(), source };
    let root = std::fs::canonicalize(root).map_err(err)?;
    if !root.is_dir() {
        return Err(err(std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder")));
    }
    let layout = walk::walk(&root).map_err(|e| err(e.into()))?;
    let read: Vec<Read> = layout.pending.par_iter().map(|p| read_file(p, parse)).collect();

    let mut diags = Diagnostics(layout.diagnostics);
    let mut sources = layout.sources;
    let mut loaded = Loaded {
        files: layout.files,
        links_outside: layout.links_outside,
        texts: layout.pending.iter().map(|p| (p.rel.clone(), (p.id, p.role))).collect(),
        root: root.clone(),
        bodies: layout
            .bodies
            .into_iter()
            .map(|(b, ms)| BodyDir {
                slug: b.name,
                at: b.at,
                meta: None,
                meta_failed: false,
                meetings: ms
                    .into_iter()
                    .map(|m| MeetingDir {
                        name: m.name,
                        at: m.at,
                        folder: m.folder,
                        meta: None,
                        meta_failed: false,
                        paragraphs: Vec::new(),
                        failed_paragraphs: Vec::new(),
                        unparsed: None,
                    })
                    .collect(),
            })
            .collect(),
        ..Loaded::default()
    };
    for (pending, r) in layout.pending.iter().zip(read) {
        sources.replace(pending.id, r.source);
        diags.extend(r.diagnostics);
        match r.doc {
            _ if r.unparsed => loaded.unparsed_doc(pending.role, pending.id),
            Some(doc) => loaded.file_doc(pending.role, doc),
            None => loaded.failed_doc(pending.role, pending.id),
        }
    }
    if loaded.site.is_none() && !layout.pending.iter().any(|p| p.role == Role::Site) {
        let at = sources.add(SourceFile::empty("site.yaml".into()));
        diags.push(Diagnostic::new(Code::MissingFile, Span::new(at, 0, 0)).arg("file", "site.yaml"));
        loaded.site_at = Some(at);
    }
    loaded.sources = sources;
    Ok((loaded, diags))
}

impl Loaded {
    /// The attachment at `path` (content-relative) as it is stored: the
    /// same name, or the same name in another Unicode form (a file named
    /// on a Mac, a link written on Windows; see [`crate::model::paths`]).
    pub fn file(&self, path: &str) -> Option<&str> {
        match self.files.get(path) {
            Some(same) => Some(same),
            None => crate::model::paths::find_alike(&self.files, path),
        }
    }

    /// Reads one paragraph or `_meeting.md` file again after its text
    /// changed, in place: same id, same place in its meeting. Only for a
    /// change inside a file: the folders and the set of files must be those
    /// of the load (else load again). `None` if `rel` is not such a file.
    pub fn refresh(&mut self, rel: &str) -> Option<Refreshed> {
        let &(id, role) = self.texts.get(rel)?;
        let (Role::Paragraph { body, meeting } | Role::Meeting { body, meeting }) = role else { return None };
        let pending = Pending { id, rel: rel.to_owned(), path: self.root.join(rel), role };
        let read = read_one(&pending);
        self.sources.replace(id, read.source);
        let sources = &self.sources;
        let m = self.bodies.get_mut(body)?.meetings.get_mut(meeting)?;
        let ok = read.doc.is_some();
        let was_ok = match role {
            Role::Meeting { .. } => {
                let was = m.meta.is_some();
                m.meta = read.doc;
                m.meta_failed = !ok;
                was
            }
            _ => {
                let at = m.paragraphs.iter().position(|d| d.file == id);
                if let Some(i) = at {
                    m.paragraphs.remove(i);
                }
                m.failed_paragraphs.retain(|f| *f != id);
                if !ok {
                    m.failed_paragraphs.push(id);
                }
                if let Some(doc) = read.doc {
                    // The walk's order: by file name (one folder, so by path).
                    let i = m.paragraphs.partition_point(|d| sources.get(d.file).path.as_str() < rel);
                    m.paragraphs.insert(i, doc);
                }
                at.is_some()
            }
        };
        self.failed = self.failed + usize::from(!ok) - usize::from(!was_ok);
        Some(Refreshed { file: id, body, meeting, diagnostics: read.diagnostics })
    }

    fn unparsed_doc(&mut self, role: Role, id: FileId) {
        let (Role::Meeting { body, meeting } | Role::Paragraph { body, meeting }) = role else { return };
        let Some(m) = self.bodies.get_mut(body).and_then(|b| b.meetings.get_mut(meeting)) else { return };
        let unparsed = m.unparsed.get_or_insert_with(Unparsed::default);
        match role {
            Role::Meeting { .. } => unparsed.meta = Some(id),
            _ => unparsed.paragraphs.push(id),
        }
    }

    fn failed_doc(&mut self, role: Role, id: FileId) {
        self.failed += 1;
        match role {
            Role::Body { body } => {
                if let Some(b) = self.bodies.get_mut(body) {
                    b.meta_failed = true;
                }
            }
            Role::Meeting { body, meeting } => {
                if let Some(m) = self.bodies.get_mut(body).and_then(|b| b.meetings.get_mut(meeting)) {
                    m.meta_failed = true;
                }
            }
            Role::Paragraph { body, meeting } => {
                if let Some(m) = self.bodies.get_mut(body).and_then(|b| b.meetings.get_mut(meeting)) {
                    m.failed_paragraphs.push(id);
                }
            }
            _ => {}
        }
    }

    fn file_doc(&mut self, role: Role, doc: Doc) {
        match role {
            Role::Site => self.site = Some(doc),
            Role::Notice => self.notices.push(doc),
            Role::Body { body } => {
                if let Some(b) = self.bodies.get_mut(body) {
                    b.meta = Some(doc);
                }
            }
            Role::Meeting { body, meeting } => {
                if let Some(m) = self.bodies.get_mut(body).and_then(|b| b.meetings.get_mut(meeting)) {
                    m.meta = Some(doc);
                }
            }
            Role::Paragraph { body, meeting } => {
                if let Some(m) = self.bodies.get_mut(body).and_then(|b| b.meetings.get_mut(meeting)) {
                    m.paragraphs.push(doc);
                }
            }
        }
    }
}

/// The outcome of reading one file.
struct Read {
    source: SourceFile,
    doc: Option<Doc>,
    diagnostics: Vec<Diagnostic>,
    /// Read, and left to be parsed ([`Parse::MeetingsLater`]).
    unparsed: bool,
}

fn read_one(p: &Pending) -> Read {
    read_file(p, Parse::All)
}

fn read_file(p: &Pending, parse: Parse) -> Read {
    let path = p.rel.clone();
    let bytes = match std::fs::read(&p.path) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(Code::ReadFailed, Span::new(p.id, 0, 0)).arg("reason", e);
            return Read { source: SourceFile::empty(path), doc: None, diagnostics: vec![d], unparsed: false };
        }
    };
    let (source, not_utf8) = SourceFile::decode_owned(path, bytes);
    if let Some(bad) = not_utf8 {
        let d = Diagnostic::new(Code::NotUtf8, Span::new(p.id, bad.at, bad.at));
        return Read { source, doc: None, diagnostics: vec![d], unparsed: false };
    }
    if parse == Parse::MeetingsLater && matches!(p.role, Role::Meeting { .. } | Role::Paragraph { .. }) {
        return Read { source, doc: None, diagnostics: Vec::new(), unparsed: true };
    }
    let (doc, diagnostics) = parse_doc(p.id, &source.text, p.role.is_markdown());
    Read { source, doc, diagnostics, unparsed: false }
}

/// Splits and parses one file's text.
pub fn parse_doc(file: FileId, text: &str, markdown: bool) -> (Option<Doc>, Vec<Diagnostic>) {
    let at = |r: std::ops::Range<usize>| Span::new(file, r.start, r.end);
    let (yaml, head, body) = if markdown {
        match frontmatter::split(text) {
            Ok(parts) => (parts.yaml, at(parts.open), at(parts.body)),
            Err(frontmatter::SplitError::Missing) => {
                let first = text.find('\n').unwrap_or(text.len());
                return (None, vec![Diagnostic::new(Code::FrontMatterMissing, at(0..first))]);
            }
            Err(frontmatter::SplitError::Unclosed(open)) => {
                return (None, vec![Diagnostic::new(Code::FrontMatterUnclosed, at(open))]);
            }
        }
    } else {
        (0..text.len(), at(0..0), at(text.len()..text.len()))
    };
    match yaml::parse(&text[yaml.clone()], yaml.start, file) {
        Ok((fields, problems)) => (Some(Doc { file, fields, head, body }), problems),
        Err(diags) => (None, diags),
    }
}
