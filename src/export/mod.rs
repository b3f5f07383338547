//! Export: one archive package per adjusted meeting, as E-ARK SIP 2.1.0 on
//! E-ARK CSIP 2.1.0 (Riksarkivet's FGS Paketstruktur 2.0), zipped.
//!
//! A thin front end over the same validated [`Site`] as `build`:
//!
//! 1. [`Exporter::package`] gathers each representation's files
//!    ([`representations`]: the clerk's source files, the published pages);
//! 2. [`assemble`] adds the descriptive ([`dc`]) and preservation
//!    ([`premis`]) metadata, the schemas and the documentation, then the
//!    METS files ([`mets`]) that list every file with its size and SHA-256;
//! 3. [`zip`] writes the entries sorted, with fixed times, refusing any
//!    entry name that is not safe ([`names`]: no clerk's file name is ever
//!    an entry name as it is).
//!
//! Every date in a package is the export's date (`--today`), so the same
//! content and date give the same bytes. What goes where, and why:
//! `docs/export.md`.

pub mod dc;
pub mod mets;
pub mod names;
pub mod premis;
pub mod representations;
mod schemas;
mod xml;

use crate::load::Loaded;
use crate::model::{Adjustment, Date, Meeting, Site};
use crate::render::{OnDemand, RenderError, Theme};
pub use representations::{Redaction, Representation};
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The package's own documentation: a Swedish text for the archivist who
/// takes the package in (`docs/arkivpaket.md`; the developers' account is
/// `docs/export.md`, which stays in the repository).
pub const DOCUMENTATION: (&str, &[u8]) = ("documentation/om-paketet.md", include_bytes!("../../docs/arkivpaket.md"));

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Put the clerk's source files and attachments of confidential
    /// paragraphs in the package as they are (for an archive that keeps the
    /// full record). The site's model still never holds their text.
    pub include_confidential: bool,
    /// The leveransöverenskommelse (submission agreement) the packages are
    /// delivered under, written into the root METS header
    /// (`altRecordID TYPE="SUBMISSIONAGREEMENT"`, E-ARK SIP).
    pub submission_agreement: Option<String>,
}

/// Reads `--submission-agreement`: a non-empty identifier on one line,
/// without control characters, at most 200 characters.
pub fn submission_agreement(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() || t.chars().any(char::is_control) || t.chars().count() > 200 {
        return Err("an identifier on one line (1–200 characters), e.g. LÖ-2026-3 / en beteckning på en rad".into());
    }
    Ok(t.to_owned())
}

/// Why a package could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("{0}")]
    Zip(String),
    /// A page or file the site should have is missing: a bug in anslag.
    #[error("the site has no file {0}")]
    Missing(String),
    /// An entry name that is not [`names::is_safe_entry`]: a bug in anslag
    /// (the CLI words it from the catalogue, `error-export-unsafe-entry`).
    #[error("unsafe ZIP entry name {0:?}")]
    UnsafeEntry(String),
}

/// One archive package: its identifier (also the ZIP's name) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub objid: String,
    pub zip: Vec<u8>,
}

impl Package {
    pub fn file_name(&self) -> String {
        format!("{}.zip", self.objid)
    }
}

/// Package files by path inside the package's root folder.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Makes the packages of one validated site.
pub struct Exporter<'a> {
    pages: OnDemand,
    loaded: &'a Loaded,
    options: Options,
}

impl<'a> Exporter<'a> {
    /// `loaded` is what `site` was validated from; files are read from its root.
    pub fn new(site: Site, theme: Theme, loaded: &'a Loaded, options: Options) -> Result<Exporter<'a>, ExportError> {
        let plan = Arc::new(crate::render::plan::plan(&site, &theme, crate::render::Options::default()));
        let sizes = Arc::new(crate::render::sizes(&loaded.root, plan.attachments(), None)?);
        let markdown = Arc::new(crate::markdown::Cache::default());
        let pages = OnDemand::with_plan(Arc::new(site), Arc::new(theme), &loaded.root, sizes, markdown, plan);
        Ok(Exporter { pages, loaded, options })
    }

    pub fn site(&self) -> &Site {
        self.pages.site()
    }

    /// The meetings a package can be made of: those adjusted on the export's date.
    pub fn adjusted(&self) -> impl Iterator<Item = &Meeting> {
        self.site().meetings().filter(|m| matches!(m.adjustment, Adjustment::Adjusted { .. }))
    }

    /// The package of one adjusted meeting.
    pub fn package(&self, meeting: &Meeting) -> Result<Package, ExportError> {
        let (objid, files) = self.files(meeting)?;
        let zip = zip(&objid, self.site().today, &files)?;
        Ok(Package { objid, zip })
    }

    /// The OBJID and the files of one meeting's package, by path inside it.
    pub fn files(&self, meeting: &Meeting) -> Result<(String, Files), ExportError> {
        let site = self.site();
        let objid = objid(site, meeting);
        let (source, redactions) = representations::source(self.loaded, meeting, &self.options)?;
        let html = representations::html(&self.pages, meeting)?;
        let pdf = representations::pdf(&self.pages, meeting)?;
        let reps = [source, html, pdf];
        let mut head = Head::new(site, meeting, &objid);
        head.submission_agreement = self.options.submission_agreement.as_deref();
        let files = assemble(&head, &reps, &redactions)?;
        Ok((objid, files))
    }
}

/// What every metadata file of a package says about it.
pub struct Head<'a> {
    pub objid: &'a str,
    /// The export's date as an `xs:dateTime` (midnight).
    pub created: String,
    pub site: &'a Site,
    pub meeting: &'a Meeting,
    /// `--submission-agreement`, if given.
    pub submission_agreement: Option<&'a str>,
}

impl<'a> Head<'a> {
    pub fn new(site: &'a Site, meeting: &'a Meeting, objid: &'a str) -> Head<'a> {
        Head { objid, created: format!("{}T00:00:00", site.today), site, meeting, submission_agreement: None }
    }
}

/// The package identifier: `anslag-<municipality>-<body>-<meeting folder>`,
/// lower-case ASCII letters, digits and `-` only (a safe file and folder
/// name, stable as long as the municipality's name, the body's slug and the
/// folder are).
pub fn objid(site: &Site, meeting: &Meeting) -> String {
    format!("anslag-{}-{}-{}", slug(&site.config.municipality), meeting.id.body, meeting.id.folder())
}

/// `Exempelby kommun` → `exempelby-kommun` (å, ä → a, ö → o, é → e).
fn slug(s: &str) -> String {
    let folded = names::fold(s, usize::MAX);
    if folded.is_empty() { "site".to_owned() } else { folded }
}

/// A file as METS and PREMIS list it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Path inside the package root.
    pub path: String,
    pub id: String,
    pub mime: &'static str,
    pub size: u64,
    pub sha256: String,
    /// Its path in the content folder or the site when that is not its
    /// path in the package (PREMIS `originalName`).
    pub original: Option<String>,
}

impl Listed {
    pub fn of(path: &str, bytes: &[u8]) -> Listed {
        Listed {
            path: path.to_owned(),
            id: format!("ID-{}", &hex(&sha2::Sha256::digest(path.as_bytes()))[..20]),
            mime: mime(path),
            size: bytes.len() as u64,
            sha256: hex(&sha2::Sha256::digest(bytes)),
            original: None,
        }
    }

    /// The path relative to a METS file in `dir` (`""` for the root), as a
    /// URI reference (`xlink:href`): each segment percent-encoded.
    pub fn href(&self, dir: &str) -> String {
        names::href(self.path.strip_prefix(dir).unwrap_or(&self.path))
    }
}

/// An error while writing the XML file at `path`.
fn xml_error(path: &str) -> impl FnOnce(std::io::Error) -> ExportError {
    let path = path.to_owned();
    move |source| ExportError::Io { path, source }
}

pub use crate::files::hex;

/// The media type by the file's extension (IANA names).
pub use crate::files::media_type as mime;

/// Every file of the package, by its path inside the package root.
pub fn assemble(head: &Head<'_>, reps: &[Representation], redactions: &[Redaction]) -> Result<Files, ExportError> {
    let mut files = Files::new();
    let mut data = Vec::new();
    for rep in reps {
        let dir = rep.dir();
        for (path, bytes) in &rep.files {
            files.insert(format!("{dir}data/{path}"), bytes.clone());
        }
        let listed: Vec<Listed> = rep
            .files
            .iter()
            .map(|(p, b)| Listed {
                original: rep.originals.get(p).cloned(),
                ..Listed::of(&format!("{dir}data/{p}"), b)
            })
            .collect();
        let mets = mets::representation(head, rep, &listed).map_err(xml_error(&rep.mets()))?;
        files.insert(rep.mets(), mets);
        data.extend(listed);
    }
    for (name, bytes) in schemas::SCHEMAS {
        files.insert(format!("{}{name}", mets::SCHEMAS_DIR), bytes.to_vec());
    }
    files.insert(DOCUMENTATION.0.to_owned(), DOCUMENTATION.1.to_vec());
    data.sort_by(|a, b| a.path.cmp(&b.path));
    files.insert(dc::PATH.to_owned(), dc::record(head).map_err(xml_error(dc::PATH))?);
    files.insert(premis::PATH.to_owned(), premis::record(head, &data, redactions).map_err(xml_error(premis::PATH))?);
    let listed: Vec<Listed> =
        files.iter().filter(|(p, _)| !p.starts_with("representations/")).map(|(p, b)| Listed::of(p, b)).collect();
    let rep_mets: Vec<Listed> = reps.iter().map(|r| Listed::of(&r.mets(), &files[&r.mets()])).collect();
    files.insert(mets::ROOT.to_owned(), mets::root(head, &listed, reps, &rep_mets).map_err(xml_error(mets::ROOT))?);
    Ok(files)
}

/// The ZIP of a package: every file under `<objid>/`, sorted, deflated, with
/// the export's date as the time of every entry and mode 0644.
pub fn zip(objid: &str, today: Date, files: &Files) -> Result<Vec<u8>, ExportError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let err = |e: zip::result::ZipError| ExportError::Zip(format!("{objid}.zip: {e}"));
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(today.year()).unwrap_or(1980).max(1980),
        u8::try_from(today.month()).unwrap_or(1),
        u8::try_from(today.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    .map_err(|e| ExportError::Zip(format!("{objid}.zip: {e}")))?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let name = format!("{objid}/{path}");
        if !names::is_safe_entry(&name) {
            return Err(ExportError::UnsafeEntry(name));
        }
        w.start_file(name, options).map_err(err)?;
        w.write_all(bytes).map_err(|source| ExportError::Io { path: format!("{objid}.zip"), source })?;
    }
    Ok(w.finish().map_err(err)?.into_inner())
}

/// Writes a package into `out` (created if missing) atomically: a temporary
/// file beside the target, then a rename, so no half package is ever seen;
/// a package of the same name is replaced.
pub fn write(out: &Path, package: &Package) -> Result<PathBuf, ExportError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| ExportError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let target = out.join(package.file_name());
    let temp = out.join(format!(".{}.{}.tmp", package.file_name(), std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(&package.zip)?;
        f.sync_all()
    });
    if let Err(source) = written.and_then(|()| std::fs::rename(&temp, &target)) {
        let _ = std::fs::remove_file(&temp);
        return Err(io(&target)(source));
    }
    Ok(target)
}

#[cfg(test)]
mod tests;
