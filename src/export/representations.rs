//! The representations of a meeting in its package, each a function from
//! the site (and the content folder) to files: the clerk's sources
//! (`rep-source`), the published pages (`rep-html`) and the protocol as
//! tagged PDF/A-2a (`rep-pdf`). A new representation is one more function
//! here and one more entry in [`super::Exporter::package`].

use super::names::Names;
use super::{ExportError, Files, Options};
use crate::load::Loaded;
use crate::model::{Adjustment, Content, Meeting};
use crate::render::{OnDemand, urls};
use std::collections::{BTreeMap, BTreeSet};

/// One representation: its folder name, what kind of content it holds (the
/// METS `csip:OTHERCONTENTINFORMATIONTYPE`), its files by path under `data/`
/// and, for each file whose path there is not its path in the content
/// folder or the site, that original path (PREMIS `originalName`).
#[derive(Debug, Clone)]
pub struct Representation {
    pub name: &'static str,
    pub kind: &'static str,
    pub files: Files,
    pub originals: BTreeMap<String, String>,
}

impl Representation {
    /// `representations/<name>/`.
    pub fn dir(&self) -> String {
        format!("representations/{}/", self.name)
    }

    /// The representation's own METS file.
    pub fn mets(&self) -> String {
        format!("{}METS.xml", self.dir())
    }

    /// The file group's `USE`: `Representations/<name>`.
    pub fn group(&self) -> String {
        format!("Representations/{}", self.name)
    }
}

/// A confidential paragraph (sekretess): what the package says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub number: u32,
    pub public_title: String,
    pub legal_ground: String,
    /// Whether its source file and attachments were left out of `rep-source`.
    pub withheld: bool,
    /// Its page in `rep-html` (path inside the package), which shows only
    /// the number, the public title and the legal ground.
    pub page: String,
}

/// `rep-source`: the clerk's files as written, byte for byte, with
/// `site.yaml` and the body's `_body.yaml` for context. By default only what
/// the site publishes: `_meeting.md`, the public paragraphs' files and the
/// attachments the site links; with [`Options::include_confidential`] every
/// file of the meeting folder.
///
/// The clerk's file names never become entry names ([`super::names`]): a
/// paragraph's file is `paragraf-<number>.md` (three digits at least), an
/// attachment keeps its folders and extension under [`super::names::safe_name`]s;
/// every file's content-relative path is in [`Representation::originals`].
pub fn source(
    loaded: &Loaded,
    meeting: &Meeting,
    options: &Options,
) -> Result<(Representation, Vec<Redaction>), ExportError> {
    let path_of = |span: crate::diag::Span| loaded.sources.get(span.file).path.clone();
    let mut paths = BTreeSet::new();
    let body_meta = format!("{}/_body.yaml", meeting.id.body);
    for context in ["site.yaml", body_meta.as_str()] {
        if loaded.texts.contains_key(context) {
            paths.insert(context.to_owned());
        }
    }
    paths.insert(path_of(meeting.src));
    paths.extend(meeting.linked.iter().cloned());
    let mut redactions = Vec::new();
    for p in &meeting.paragraphs {
        match &p.content {
            Content::Public(x) => {
                paths.insert(path_of(p.src));
                paths.extend(x.documents.iter().filter_map(|d| d.file.clone()));
                paths.extend(x.linked.iter().cloned());
            }
            Content::Confidential { public_title, legal_ground } => redactions.push(Redaction {
                number: p.number,
                public_title: public_title.clone(),
                legal_ground: legal_ground.clone(),
                withheld: !options.include_confidential,
                page: format!(
                    "representations/rep-html/data/{}",
                    urls::file_of(&urls::paragraph(&meeting.id, p.number))
                ),
            }),
            // Only an adjusted meeting is exported, and all its §§ are public;
            // a withdrawn § leaves its source file and attachments out (its
            // tombstone page is in rep-html).
            Content::Agenda { .. } | Content::Withdrawn { .. } => {}
        }
    }
    if options.include_confidential {
        let folder = format!("{}/{}/", meeting.id.body, meeting.id.folder());
        let texts = loaded.texts.keys().filter(|p| p.starts_with(&folder)).cloned();
        paths.extend(texts.chain(loaded.files.iter().filter(|p| p.starts_with(&folder)).cloned()));
    }
    // The files anslag names itself first, so no attachment takes their names.
    let mut own: BTreeMap<String, String> = BTreeMap::from([("site.yaml".to_owned(), "site.yaml".to_owned())]);
    own.insert(body_meta, "_body.yaml".to_owned());
    own.insert(path_of(meeting.src), "_meeting.md".to_owned());
    own.extend(meeting.paragraphs.iter().map(|p| (path_of(p.src), format!("paragraf-{:03}.md", p.number))));
    let mut names = Names::default();
    let mut placed = BTreeMap::new();
    for (original, name) in own.iter().filter(|(o, _)| paths.contains(*o)) {
        let dir = original.rsplit_once('/').map_or("", |(d, _)| d);
        placed.insert(original.clone(), names.named(dir, name));
    }
    for original in paths.iter().filter(|p| !own.contains_key(*p)) {
        placed.insert(original.clone(), names.file(original));
    }
    let (mut files, mut originals) = (Files::new(), BTreeMap::new());
    for (original, entry) in placed {
        let bytes = std::fs::read(loaded.root.join(&original))
            .map_err(|source| ExportError::Io { path: loaded.root.join(&original).display().to_string(), source })?;
        files.insert(entry.clone(), bytes);
        originals.insert(entry, original);
    }
    let kind = "anslag content (Markdown, YAML, attachments)";
    Ok((Representation { name: "rep-source", kind, files, originals }, redactions))
}

/// `rep-html`: the published pages of the meeting (its page, the whole
/// protocol, each paragraph and, once posted, the protocol notice and the
/// notices of §§ adjusted on their own), the
/// stylesheet and the attachments the pages link, made by the same renderer
/// as `build`, at their paths in the site so the links between them work.
///
/// An attachment whose site path is not a safe entry name
/// ([`super::names::is_safe_entry`]: e.g. a `:` or `?` in it) is put under a
/// safe name instead, and the links to it in the pages are pointed there
/// ([`relink`]); its site path is in [`Representation::originals`]. Pages
/// with no such link are byte for byte as published.
pub fn html(pages: &OnDemand, meeting: &Meeting) -> Result<Representation, ExportError> {
    let site = pages.site();
    let mut paths = vec![urls::file_of(&urls::meeting(&meeting.id)), urls::file_of(&urls::protocol(&meeting.id))];
    if let Adjustment::Adjusted { board, .. } = meeting.adjustment
        && board.posted <= site.today
    {
        paths.push(urls::file_of(&urls::protocol_notice(meeting)));
    }
    paths.extend(meeting.paragraphs.iter().map(|p| urls::file_of(&urls::paragraph(&meeting.id, p.number))));
    // The notices of §§ adjusted on their own (omedelbar justering), once posted.
    let posted = meeting.immediate().filter(|(_, i)| i.board.posted <= site.today);
    paths.extend(posted.map(|(p, _)| urls::file_of(&urls::paragraph_notice(&meeting.id, p.number))));
    paths.push(urls::STYLE.to_owned());
    // The site's branding, which every page links (docs/theme.md).
    let brand = &site.config.branding;
    paths.extend(brand.accent.as_ref().map(|_| urls::ACCENT_STYLE.to_owned()));
    paths.extend(brand.logo.iter().map(|l| &l.file).chain(&brand.stylesheet).map(|a| a.path.clone()));
    let mut attachments: BTreeSet<String> = meeting.linked.iter().cloned().collect();
    for p in &meeting.paragraphs {
        if let Content::Public(x) = &p.content {
            attachments.extend(x.documents.iter().filter_map(|d| d.file.clone()));
            attachments.extend(x.linked.iter().cloned());
        }
    }
    // Pages and kept attachments take their site paths first; the others
    // get safe names beside them.
    let mut names = Names::default();
    for path in &paths {
        names.keep(path);
    }
    let to_move: Vec<&String> = attachments.iter().filter(|a| !names.keep(a)).collect();
    let moved: BTreeMap<String, String> = to_move.into_iter().map(|a| (a.clone(), names.file(a))).collect();
    let mut files = Files::new();
    for path in paths.iter().chain(&attachments) {
        let made = pages.file(path).ok_or_else(|| ExportError::Missing(path.clone()))??;
        let made = if path.ends_with(".html") { relink(path, made, &moved) } else { made };
        files.insert(moved.get(path).unwrap_or(path).clone(), made);
    }
    let originals = moved.into_iter().map(|(original, entry)| (entry, original)).collect();
    Ok(Representation { name: "rep-html", kind: "anslag published pages (HTML, CSS)", files, originals })
}

/// The page at `file` (a site path ending in `.html`) with every link to a
/// moved attachment (site path → path in the package) pointed at where it
/// is. A link is an attribute value (`href="…"`, `src="…"`) that is exactly
/// the renderer's relative link to the attachment, maybe followed by a
/// `#fragment` or `?query`, so text on the page is never touched.
pub fn relink(file: &str, page: Vec<u8>, moved: &BTreeMap<String, String>) -> Vec<u8> {
    if moved.is_empty() {
        return page;
    }
    let url = file.strip_suffix("index.html").unwrap_or(file);
    let mut html = String::from_utf8_lossy(&page).into_owned();
    for (from, to) in moved {
        let (old, new) = (urls::relative(url, &urls::encode_path(from)), urls::relative(url, &urls::encode_path(to)));
        for end in ['"', '#', '?'] {
            html = html.replace(&format!("=\"{old}{end}"), &format!("=\"{new}{end}"));
        }
    }
    html.into_bytes()
}

/// `rep-pdf`: the protocol as tagged PDF/A-2a, the same bytes `build` writes
/// beside the meeting page (`<body>/<meeting folder>/protokoll.pdf`).
pub fn pdf(pages: &OnDemand, meeting: &Meeting) -> Result<Representation, ExportError> {
    let path = urls::protocol_pdf(&meeting.id);
    let made = pages.file(&path).ok_or_else(|| ExportError::Missing(path.clone()))?;
    let files = Files::from([(path, made?)]);
    let kind = "anslag protocol (PDF/A-2a, PDF/UA-1)";
    Ok(Representation { name: "rep-pdf", kind, files, originals: BTreeMap::new() })
}
