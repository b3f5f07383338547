//! Render: from the [`Site`] model to the files of the public site.
//!
//! 0. [`plan::plan`] lists every output once (pages, PDFs, theme files,
//!    attachments, the groups made from the whole site);
//! 1. [`pages::all`] lists every page (address, template, view) in a fixed order;
//! 2. the pages are rendered with tera in parallel and written, as they are
//!    made, into the staging folder of [`crate::write`] (never the whole site
//!    in memory);
//! 3. before the pages, the protocol of every adjusted meeting is made as a
//!    PDF ([`crate::pdf`]), in parallel, and written: its meeting's pages
//!    link to it with its size;
//! 4. the theme's static files and the attachments of public paragraphs are
//!    copied. A confidential paragraph's documents never enter the model, so
//!    they are never copied.

pub mod calendars;
pub mod data;
pub mod feeds;
pub mod keys;
pub mod on_demand;
pub mod oparl;
pub mod pages;
pub mod plan;
pub mod search;
pub mod sitemap;
pub mod theme;

#[cfg(test)]
mod legal_life_tests;
#[cfg(test)]
pub(crate) mod testing;

use crate::model::{Meeting, Site};
pub use crate::present as views;
pub use crate::present::{Sizes, labels};
pub use crate::urls;
use crate::write::Sink;
pub use on_demand::OnDemand;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
pub use theme::Theme;

/// Why a site could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    #[error(transparent)]
    Output(#[from] crate::write::BeginError),
    /// A file made from the whole site (feed, calendar, data) could not be made.
    #[error("{0}")]
    Whole(String),
    #[error("the theme `{name}` named in site.yaml has no folder {path}")]
    ThemeMissing { name: String, path: String },
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What was written, and how long each part took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub pages: usize,
    pub attachments: usize,
    /// Wall time of each part: the pages, each group of whole-site files
    /// (made in parallel with each other), the theme's files and attachments.
    pub stages: Vec<(String, std::time::Duration)>,
}

/// What a build leaves out (`anslag build --no-pdf`); part of the build's
/// key ([`crate::freshness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether to make the protocol PDFs.
    pub pdf: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { pdf: true }
    }
}

/// Renders `site` with `theme` into `out`; attachments are copied from `content`.
pub fn render(
    site: &Site,
    theme: &Theme,
    content: &Path,
    options: Options,
    out: &dyn Sink,
) -> Result<Summary, RenderError> {
    let labels = labels(site);
    let plan = plan::plan(site, theme, options);
    let sizes = sizes(content, plan.attachments(), None)?;
    let whole = Whole { site, labels: &labels, sizes: &sizes, content };
    // The search index is made beside the PDFs and pages, from the start, on
    // a thread of its own (Pagefind makes an index on one core); once the
    // PDFs and pages are done, this thread helps with the indexes left, so
    // the cores stay busy to the end (docs/performance.md).
    let clock = std::time::Instant::now();
    // Each meeting's model hashed once: the PDFs', pages' and indexes' keys.
    let models = keys::models(site);
    let sources = search::Sources { site, labels: &labels, models: &models };
    let indexer = std::sync::OnceLock::new();
    let (stages, search) = std::thread::scope(|scope| {
        let search = scope.spawn(|| {
            let ix = indexer.get_or_init(|| search::Indexer::new(sources));
            let (listed, made) = (ix.list(out)?, ix.work(out)?);
            Ok::<_, RenderError>((listed.0 + made.0, listed.1 + made.1, made.2))
        });
        let stages = pages_and_groups(&plan, theme, &whole, &models, options, out);
        let helped = match &stages {
            // (Not `wait`: if making the records panicked there, this makes them again, or panics too.)
            Ok(_) => indexer.get_or_init(|| search::Indexer::new(sources)).work(out),
            Err(_) => Ok((0, 0, 0)),
        };
        let search = search.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        let search = search.and_then(|(f, b, r)| helped.map(|(f2, b2, r2)| (f + f2, b + b2, r + r2)));
        let search = search.map(|(files, bytes, reused)| {
            (format!("search ({files} files made, {bytes} bytes, {reused} indexes reused)"), clock.elapsed())
        });
        (stages, search)
    });
    let (pages, mut stages) = stages?;
    stages.push(search?);
    let clock = std::time::Instant::now();
    for (name, bytes) in theme.static_files() {
        out.write(name, bytes).map_err(|source| RenderError::Io { path: name.to_owned(), source })?;
    }
    for path in plan.attachments() {
        let io = |source| RenderError::Io { path: path.to_owned(), source };
        // An attachment's key is its SHA-256 (read once per build, see `files::sha256`).
        let key = crate::files::hex(&crate::files::sha256(&content.join(path)).map_err(io)?);
        if out.reuse(path, &key).is_none() {
            out.copy(path, &content.join(path)).map_err(io)?;
            out.part(path, &key);
        }
    }
    stages.push(("theme files and attachments".to_owned(), clock.elapsed()));
    Ok(Summary { pages, attachments: plan.attachments().count(), stages })
}

/// Makes one group of whole-site files and writes it; its stage line.
fn write_group(group: Derived, whole: &Whole<'_>, keys: &keys::Keys, out: &dyn Sink) -> Result<Stage, RenderError> {
    let clock = std::time::Instant::now();
    if group == Derived::Oparl {
        // Keyed by parts: a meeting's objects, a page of a list.
        let (files, bytes, reused) = oparl::write(whole, Some(keys), out)?;
        return Ok((format!("oparl ({files} files made, {bytes} bytes, {reused} parts reused)"), clock.elapsed()));
    }
    let files = group.files(whole)?;
    for (path, bytes) in &files {
        out.write(path, bytes).map_err(|source| RenderError::Io { path: path.clone(), source })?;
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    Ok((format!("{group:?} ({} files, {bytes} bytes)", files.len()).to_lowercase(), clock.elapsed()))
}

/// A stage of the build and its wall time.
type Stage = (String, std::time::Duration);

/// The PDFs, every page, and the whole-site groups but the search index, in
/// parallel; the number of pages and the stage lines.
fn pages_and_groups(
    plan: &plan::Plan,
    theme: &Theme,
    whole: &Whole<'_>,
    models: &[Vec<[u8; 32]>],
    options: Options,
    out: &dyn Sink,
) -> Result<(usize, Vec<Stage>), RenderError> {
    let (site, labels, sizes) = (whole.site, whole.labels, whole.sizes);
    let mut stages = Vec::new();
    let clock = std::time::Instant::now();
    let (pdfs, reused) = pdfs(site, plan, models, labels, sizes, out)?;
    let (count, bytes) = pdfs.iter().flatten().flatten().fold((0, 0), |(n, b), len| (n + 1, b + len));
    stages.push((format!("pdf ({count} files, {bytes} bytes, {reused} reused)"), clock.elapsed()));
    let pdf = |b: usize, i: usize| pdfs[b][i];
    let inputs = pages::Inputs { site, labels, sizes, style: theme.style_suffix(), markdown: None, pdf: &pdf };
    let shown_labels = Theme::labels(labels);
    let clock = std::time::Instant::now();
    let site_key = keys::site_key(site, &theme.fingerprint(), theme.style_suffix(), options);
    let keys = keys::Keys::new(site, site_key, models, sizes, &pdf);
    stages.push(("page keys".to_owned(), clock.elapsed()));
    let clock = std::time::Instant::now();
    // Each page's view is built, rendered and written by one worker, then
    // dropped: the whole site is never held in memory. A page whose key the
    // previous build made it with is taken over instead.
    let written: Vec<Result<(usize, usize), RenderError>> = plan
        .pages()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|page| {
            let key = page.url(site).and_then(|url| Some((urls::file_of(&url), keys.page(*page, &url)?)));
            if let Some((file, key)) = &key
                && out.reuse(file, key).is_some()
            {
                return Ok((1, 1));
            }
            let specs = page.specs(&inputs);
            for spec in &specs {
                let html = theme.render(spec.template, &spec.view, &shown_labels)?;
                let file = urls::file_of(&spec.url);
                out.write(&file, html.as_bytes()).map_err(|source| RenderError::Io { path: file, source })?;
            }
            if let Some((file, key)) = &key {
                out.part(file, key);
            }
            Ok((specs.len(), 0))
        })
        .collect();
    let (mut pages, mut kept) = (0, 0);
    for w in written {
        let (n, k) = w?;
        pages += n;
        kept += k;
    }
    stages.push((format!("pages ({kept} reused)"), clock.elapsed()));
    // The search index is made on a thread of its own (see `render`).
    let groups: Vec<Derived> = plan
        .parts()
        .iter()
        .filter_map(|p| match p {
            plan::Part::Group(g) if *g != Derived::Search => Some(*g),
            _ => None,
        })
        .collect();
    let derived: Vec<Stage> =
        groups.par_iter().map(|d| write_group(*d, whole, &keys, out)).collect::<Result<_, RenderError>>()?;
    stages.extend(derived);
    Ok((pages, stages))
}

/// The size of each meeting's protocol PDF (if it has one), by body and meeting index.
type PdfSizes = Vec<Vec<Option<u64>>>;

/// Makes and writes the protocol PDF of every adjusted meeting, in
/// parallel (or reuses the previous build's where nothing it is made from
/// changed); gives the size of each, by body and meeting index, and how
/// many were reused.
fn pdfs(
    site: &Site,
    plan: &plan::Plan,
    models: &[Vec<[u8; 32]>],
    labels: &views::Labels,
    sizes: &Sizes,
    out: &dyn Sink,
) -> Result<(PdfSizes, usize), RenderError> {
    let jobs: Vec<(usize, usize)> = plan.pdfs().collect();
    let made: Vec<(usize, usize, u64, bool)> = jobs
        .par_iter()
        .map(|&(b, i)| {
            let (body, m) = (&site.bodies[b], &site.bodies[b].meetings[i]);
            let path = urls::protocol_pdf(&m.id);
            let key = crate::pdf::key(site, body, m, &models[b][i], sizes);
            if let Some(len) = out.reuse(&path, &key) {
                return Ok((b, i, len, true));
            }
            let bytes = crate::pdf::protocol(site, body, m, labels, sizes)?;
            out.write(&path, &bytes).map_err(|source| RenderError::Io { path: path.clone(), source })?;
            out.part(&path, &key);
            Ok((b, i, bytes.len() as u64, false))
        })
        .collect::<Result<_, RenderError>>()?;
    let mut table: PdfSizes = site.bodies.iter().map(|b| vec![None; b.meetings.len()]).collect();
    let mut reused = 0;
    for (b, i, len, again) in made {
        table[b][i] = Some(len);
        reused += usize::from(again);
    }
    Ok((table, reused))
}

/// The site as a whole, for the files made from all of it (feeds,
/// calendars, open data, sitemap): what they need besides the model.
pub struct Whole<'a> {
    pub site: &'a Site,
    pub labels: &'a views::Labels,
    /// Sizes of the attachments of public paragraphs.
    pub sizes: &'a Sizes,
    /// The content folder: attachments are read from it (their SHA-256).
    pub content: &'a Path,
}

/// A file made from the whole site: its path in the site, and its bytes.
pub type File = (String, Vec<u8>);

/// `value` as pretty-printed JSON with a final newline, at `path` (the open
/// data's and the OParl endpoint's files).
pub(crate) fn json_file(path: String, value: &impl serde::Serialize) -> Result<File, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| RenderError::Whole(format!("{path}: {e}")))?;
    bytes.push(b'\n');
    Ok((path, bytes))
}

/// The groups of files made from the whole site; each group is made in one
/// go (by `build` in parallel with the others, by `serve` when one of its
/// files is asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Derived {
    /// Atom feeds ([`feeds`]).
    Feeds,
    /// iCalendar files ([`calendars`]).
    Calendars,
    /// Open data under `data/` ([`data`]): the notice board, the CSV, the publishing record.
    Data,
    /// The OParl 1.1 endpoint under `oparl/` ([`oparl`]).
    Oparl,
    /// `sitemap.xml` and `robots.txt` ([`sitemap`]).
    Sitemap,
    /// The search index ([`search`]).
    Search,
}

impl Derived {
    pub const ALL: [Derived; 6] =
        [Derived::Feeds, Derived::Calendars, Derived::Data, Derived::Oparl, Derived::Sitemap, Derived::Search];

    /// Whether a file at `path` would belong to this group.
    pub fn may_hold(self, path: &str) -> bool {
        match self {
            Derived::Feeds => path.ends_with(".atom"),
            Derived::Calendars => path.ends_with(".ics"),
            Derived::Data => path.starts_with(urls::DATA),
            Derived::Oparl => path.starts_with(urls::OPARL),
            Derived::Sitemap => path == urls::SITEMAP || path == urls::ROBOTS,
            Derived::Search => path.starts_with(urls::SEARCH_INDEX),
        }
    }

    /// The group's files, sorted by path.
    pub fn files(self, x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
        let mut files = match self {
            Derived::Feeds => feeds::files(x)?,
            Derived::Calendars => calendars::files(x)?,
            Derived::Data => data::files(x)?,
            Derived::Oparl => oparl::files(x)?,
            Derived::Sitemap => sitemap::files(x)?,
            Derived::Search => search::files(x)?,
        };
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(files)
    }
}

/// Renders one page of each kind in memory and throws it away: a broken
/// template shows up in `check` without writing anything.
pub fn try_each_template(site: &Site, theme: &Theme) -> Result<(), RenderError> {
    let labels = labels(site);
    let sizes = Sizes::new();
    // A size for every meeting, so the template's PDF link is tried too.
    let pdf = |_: usize, _: usize| Some(1);
    let inputs =
        pages::Inputs { site, labels: &labels, sizes: &sizes, style: theme.style_suffix(), markdown: None, pdf: &pdf };
    let shown_labels = Theme::labels(&labels);
    let mut seen = std::collections::HashSet::new();
    for page in pages::all(site) {
        if seen.insert(std::mem::discriminant(&page)) {
            for spec in page.specs(&inputs) {
                theme.render(spec.template, &spec.view, &shown_labels)?;
            }
        }
    }
    Ok(())
}

/// The sizes of `attachments`, read from `content`; those in `known` are
/// taken from there (`serve` passes the last build's when no attachment
/// has changed since).
pub fn sizes<'a>(
    content: &Path,
    attachments: impl IntoIterator<Item = &'a str>,
    known: Option<&Sizes>,
) -> Result<Sizes, RenderError> {
    attachments
        .into_iter()
        .map(|path| {
            if let Some(len) = known.and_then(|k| k.get(path)) {
                return Ok((path.to_owned(), *len));
            }
            let len = std::fs::metadata(content.join(path)).map(|m| m.len());
            len.map(|len| (path.to_owned(), len)).map_err(|source| RenderError::Io { path: path.to_owned(), source })
        })
        .collect()
}

/// The attachments of public paragraphs, as content-relative paths.
pub fn attachments(site: &Site) -> BTreeSet<String> {
    let meetings = site.meetings().flat_map(Meeting::files).cloned();
    let notices = site.notices.iter().flat_map(|n| n.linked.iter().cloned());
    let b = &site.config.branding;
    let brand = b.logo.iter().map(|l| &l.file).chain(&b.stylesheet).map(|a| a.path.clone());
    meetings.chain(notices).chain(brand).collect()
}
