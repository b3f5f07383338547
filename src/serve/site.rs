//! The site being previewed: the same load → validate → model → render as
//! `build`, kept in memory between edits so that an edit costs what it
//! changes.
//!
//! - An edit inside one paragraph or `_meeting.md` file (the common case)
//!   reads that file again ([`crate::load::Loaded::refresh`]), checks its
//!   meeting again ([`crate::validate::Parts::recheck_meeting`]) and the
//!   rules across meetings on the kept results; every other change (a new,
//!   removed or renamed file, `site.yaml`, `_body.yaml`, a notice, an
//!   attachment, the theme) loads and checks everything again.
//! - Pages are rendered when asked for ([`crate::render::OnDemand`]) and kept
//!   for the build; Markdown already rendered is kept from build to build
//!   ([`crate::markdown::Cache`]).

use crate::diag::{Diagnostics, report};
use crate::i18n::Catalog;
use crate::load::Loaded;
use crate::load::walk::Role;
use crate::model::Date;
use crate::render::{Derived, OnDemand, RenderError, Sizes, Theme};
use crate::validate::Parts;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The site being served: the last good build, and the problems of the
/// latest attempt (shown over every page until they are fixed).
#[derive(Clone, Default)]
pub struct Snapshot {
    /// Increases with every attempt; sent with every response.
    pub build: u64,
    /// The last good build, its files made on request.
    pub site: Option<Arc<OnDemand>>,
    /// Files of `site` made so far (shared by the snapshots of one good build).
    pub made: Arc<Mutex<HashMap<String, Arc<Vec<u8>>>>>,
    /// The problems of the latest attempt (empty: none).
    pub problems: Vec<Problem>,
    /// Whether the latest attempt had errors (the files are then older).
    pub failed: bool,
    /// Whether the latest attempt read only the changed files again.
    pub incremental: bool,
    /// The search index, shared by every build of the session.
    pub search: Arc<SearchIndex>,
}

/// One problem of a build, as plain text for the terminal and for the
/// overlay on served pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// For the clerk's terminal: everything, source lines included.
    pub full: String,
    /// For the overlay: the same without the text of confidential paragraphs
    /// ([`super::overlay`]).
    pub shown: String,
}

impl Problem {
    /// A problem that quotes no content (the same text for both).
    pub fn plain(text: String) -> Problem {
        Problem { shown: text.clone(), full: text }
    }
}

/// The search index of the preview. It is made when first asked for (a
/// request under `pagefind/` or for the search page), in the background;
/// until it is ready the index of an earlier build is served, and the search
/// page says that it is being updated. Only the very first index is waited for.
#[derive(Default)]
pub struct SearchIndex {
    state: Mutex<IndexState>,
}

#[derive(Default)]
struct IndexState {
    /// The newest build whose index is made.
    ready: Option<Arc<OnDemand>>,
    /// The build whose index is being made.
    making: Option<Arc<OnDemand>>,
}

impl SearchIndex {
    fn lock(&self) -> std::sync::MutexGuard<'_, IndexState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts making `site`'s index in the background, unless it is made or
    /// being made.
    pub fn update(self: &Arc<Self>, site: &Arc<OnDemand>) {
        if site.is_made(Derived::Search) {
            return;
        }
        let mut state = self.lock();
        if state.making.as_ref().is_some_and(|m| Arc::ptr_eq(m, site)) {
            return;
        }
        state.making = Some(site.clone());
        let (index, site) = (self.clone(), site.clone());
        std::thread::spawn(move || {
            // Making any file of the group makes all of them.
            let _ = site.file(crate::urls::SEARCH_INDEX);
            let mut state = index.lock();
            if state.making.as_ref().is_some_and(|m| Arc::ptr_eq(m, &site)) {
                state.making = None;
            }
            // Builds are made one after the other; a later one may be ready first.
            if !state.ready.as_ref().is_some_and(|r| Arc::ptr_eq(r, &site)) {
                state.ready = Some(site);
            }
        });
    }

    /// The site to answer a search-index request from for `site`: itself if
    /// its index is made, otherwise the last one made while `site`'s is made
    /// in the background; the very first index is made at once.
    fn source(self: &Arc<Self>, site: &Arc<OnDemand>) -> Arc<OnDemand> {
        if site.is_made(Derived::Search) {
            return site.clone();
        }
        let ready = self.lock().ready.clone();
        match ready {
            Some(earlier) => {
                self.update(site);
                earlier
            }
            None => {
                let _ = site.file(crate::urls::SEARCH_INDEX);
                self.lock().ready.get_or_insert_with(|| site.clone());
                site.clone()
            }
        }
    }

    /// Whether `site`'s index is not made yet while an older one is served.
    pub fn is_stale(&self, site: &OnDemand) -> bool {
        !site.is_made(Derived::Search) && self.lock().ready.is_some()
    }
}

impl Snapshot {
    /// The file at site path `path`: `None` if the site has none, an error
    /// if it could not be made.
    pub fn file(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, RenderError>> {
        let lock = || self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hit) = lock().get(path) {
            return Some(Ok(hit.clone()));
        }
        let site = self.site.as_ref()?;
        if path.starts_with(crate::urls::SEARCH_INDEX) {
            // Not kept in `made`: the source may be an earlier build's index.
            return self.search.source(site).file(path).map(|r| r.map(Arc::new));
        }
        if path == crate::urls::file_of(crate::urls::SEARCH) {
            // The resident is about to search: bring the index up to date.
            self.search.update(site);
        }
        let made = site.file(path)?.map(Arc::new);
        if let Ok(bytes) = &made {
            lock().insert(path.to_owned(), bytes.clone());
        }
        Some(made)
    }
}

/// What changed since the last build.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Unknown: load everything.
    All,
    /// These paths (as the watcher reports them).
    Paths(Vec<PathBuf>),
}

/// The pipeline's state between builds.
pub struct Session {
    content: PathBuf,
    today: Date,
    kept: Option<Kept>,
    theme: Option<Arc<Theme>>,
    sizes: Option<Arc<Sizes>>,
    markdown: Arc<crate::markdown::Cache>,
    search: Arc<SearchIndex>,
    /// The publishing record shown (read at every build, never written).
    journal: Option<PathBuf>,
}

/// What the last load read and how it was checked.
struct Kept {
    loaded: Loaded,
    /// The load's own problems (unreadable files, YAML).
    load_diags: Diagnostics,
    parts: Parts,
}

/// How a changed path is taken.
#[derive(Debug, PartialEq, Eq)]
enum Take {
    /// A paragraph or `_meeting.md` file whose text changed.
    Refresh(String),
    /// Nothing the build reads (a file that came and went: an editor's).
    Ignore,
    /// Anything else.
    Everything,
}

impl Session {
    pub fn new(content: &Path, today: Date) -> Session {
        Session {
            content: content.to_owned(),
            today,
            kept: None,
            theme: None,
            sizes: None,
            markdown: Arc::default(),
            search: Arc::default(),
            journal: None,
        }
    }

    /// Shows the publishing record at `path` (read-only).
    pub fn with_journal(mut self, path: &Path) -> Session {
        self.journal = Some(path.to_owned());
        self
    }

    /// Builds again after `changes`. On success the new site replaces the
    /// old; on failure the old stays and the problems are recorded.
    pub fn rebuild(&mut self, previous: &Snapshot, changes: &Changes, catalog: &Catalog) -> Snapshot {
        let build = previous.build + 1;
        let quick = match changes {
            Changes::Paths(paths) => self.refresh(paths),
            Changes::All => false,
        };
        if !quick {
            self.theme = None;
            self.sizes = None;
            match crate::load::load(&self.content) {
                Ok((loaded, load_diags)) => {
                    let parts = Parts::new(&loaded, self.today);
                    self.kept = Some(Kept { loaded, load_diags, parts });
                }
                Err(e) => {
                    self.kept = None;
                    let args = [("path", e.path.display().to_string()), ("reason", e.source.to_string())];
                    let problems = vec![Problem::plain(catalog.get("error-content-dir", &args))];
                    return Snapshot { build, problems, failed: true, ..previous.clone() };
                }
            }
        }
        let Some(kept) = &self.kept else { return Snapshot { build, ..previous.clone() } };
        let incremental = quick;
        let checked = kept.parts.checked(&kept.loaded);
        let mut diags = kept.load_diags.clone();
        diags.extend(checked.diagnostics);
        diags.sort(&kept.loaded.sources);
        let screen = super::overlay::Screen::new(&kept.loaded, &diags);
        let sources = &kept.loaded.sources;
        let mut problems: Vec<Problem> = diags
            .0
            .iter()
            .map(|d| {
                let full = report::human(d, sources, catalog, false);
                let shown = if screen.is_empty() {
                    full.clone()
                } else {
                    report::human_screened(d, sources, catalog, false, &screen)
                };
                Problem { full, shown }
            })
            .collect();
        let failed = |problems| Snapshot { build, problems, failed: true, incremental, ..previous.clone() };
        let Some(mut site) = checked.site.filter(|_| !diags.has_errors()) else { return failed(problems) };
        match crate::record::read(self.journal.as_deref(), None) {
            Ok(record) => site.record = Arc::new(record),
            Err(e) => problems.push(Problem::plain(catalog.get("error-record", &[("reason", e.to_string())]))),
        }
        match self.site(site, previous.site.as_deref()) {
            Ok(site) => {
                let site = Some(Arc::new(site));
                let search = self.search.clone();
                Snapshot { build, site, made: Arc::default(), problems, failed: false, incremental, search }
            }
            Err(e) => {
                problems.push(Problem::plain(catalog.get("error-theme", &[("reason", e.to_string())])));
                failed(problems)
            }
        }
    }

    /// The theme, plan and attachment sizes for `site` (kept from the last
    /// build when only text changed and the plan is the same,
    /// [`crate::render::plan::again`]), and the site ready to be served.
    fn site(&mut self, site: crate::model::Site, previous: Option<&OnDemand>) -> Result<OnDemand, RenderError> {
        let theme = match &self.theme {
            Some(t) => t.clone(),
            None => {
                let theme = Theme::for_site(&self.content, &site)?;
                // A template that cannot render shows at once, not on the first request.
                crate::render::try_each_template(&site, &theme)?;
                Arc::new(theme)
            }
        };
        let options = crate::render::Options::default();
        let plan = match previous {
            Some(p) => crate::render::plan::again(p.plan(), p.site(), &site, &theme, options),
            None => Arc::new(crate::render::plan::plan(&site, &theme, options)),
        };
        let sizes = match (previous, &self.sizes) {
            // The same plan has the same attachments: none changed, or everything was loaded again.
            (Some(p), Some(sizes)) if Arc::ptr_eq(p.plan(), &plan) => sizes.clone(),
            _ => Arc::new(crate::render::sizes(&self.content, plan.attachments(), self.sizes.as_deref())?),
        };
        self.theme = Some(theme.clone());
        self.sizes = Some(sizes.clone());
        Ok(OnDemand::with_plan(Arc::new(site), theme, &self.content, sizes, self.markdown.clone(), plan))
    }

    /// Takes the changes into the kept state if each is a changed paragraph
    /// or `_meeting.md` text (or nothing the build reads); `false` if
    /// everything must be loaded again (nothing was changed then).
    fn refresh(&mut self, paths: &[PathBuf]) -> bool {
        let Some(kept) = &mut self.kept else { return false };
        let mut files = BTreeSet::new();
        for path in paths {
            match take(&kept.loaded, path) {
                Take::Refresh(rel) => {
                    files.insert(rel);
                }
                Take::Ignore => {}
                Take::Everything => return false,
            }
        }
        let mut meetings = BTreeSet::new();
        for rel in &files {
            let Some(r) = kept.loaded.refresh(rel) else { return false };
            kept.load_diags.0.retain(|d| d.primary.file != r.file);
            kept.load_diags.extend(r.diagnostics);
            meetings.insert((r.body, r.meeting));
        }
        for (body, meeting) in meetings {
            kept.parts.recheck_meeting(&kept.loaded, body, meeting);
        }
        true
    }
}

/// How the build takes a change to `path`.
fn take(loaded: &Loaded, path: &Path) -> Take {
    let Some(rel) = path
        .strip_prefix(&loaded.root)
        .ok()
        .map(|r| r.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/"))
    else {
        return Take::Everything;
    };
    let known_text = loaded.texts.get(&rel).map(|(_, role)| *role);
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && matches!(known_text, Some(Role::Paragraph { .. } | Role::Meeting { .. })) => {
            Take::Refresh(rel)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !is_known(loaded, &rel) => Take::Ignore,
        _ => Take::Everything,
    }
}

/// Whether the last load found `rel` (a file, a link or a folder).
fn is_known(loaded: &Loaded, rel: &str) -> bool {
    let folder = format!("{rel}/");
    loaded.texts.contains_key(rel)
        || loaded.files.contains(rel)
        || loaded.links_outside.contains(rel)
        || loaded.texts.keys().chain(&loaded.files).any(|p| p.starts_with(&folder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn copy_example(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for e in walkdir::WalkDir::new(&from).into_iter().filter_map(Result::ok) {
            let dest = to.join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
    }

    /// Every file `build` writes for the content as it is now, or the problems.
    fn full_build(content: &Path, today: Date, catalog: &Catalog) -> (Vec<Problem>, Option<BTreeMap>) {
        let snap = Session::new(content, today).rebuild(&Snapshot::default(), &Changes::All, catalog);
        let files = (!snap.failed).then(|| {
            let (loaded, _) = crate::load::load(content).unwrap();
            let site = crate::validate::validate(&loaded, today).site.unwrap();
            let theme = Theme::for_site(content, &site).unwrap();
            let memory = crate::write::Memory::default();
            crate::render::render(&site, &theme, content, Default::default(), &memory).unwrap();
            memory.into_files()
        });
        (snap.problems, files)
    }

    type BTreeMap = std::collections::BTreeMap<String, Vec<u8>>;

    /// A kept session, told only which file changed, gives the same problems
    /// and the same bytes for every file as a build from scratch, through
    /// edits that keep the site good, break it (YAML, a duplicate §, a
    /// personal identity number, not UTF-8) and fix it again.
    #[test]
    fn edits_read_again_alone_give_what_a_full_build_gives() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_example(&content);
        let today: Date = "2026-11-25".parse().unwrap();
        let catalog = Catalog::new(Lang::En);
        let mut session = Session::new(&content, today);
        let mut snap = session.rebuild(&Snapshot::default(), &Changes::All, &catalog);
        assert!(!snap.failed && !snap.incremental, "{:?}", snap.problems);

        let par = content.join("kommunstyrelsen/2025-06-16/102-markanvisning-larkan.md");
        let meeting = content.join("kommunstyrelsen/2025-06-16/_meeting.md");
        let secret = content.join("socialnamnden/2026-11-18/007-individarende.md");
        let original = |p: &Path| std::fs::read(p).unwrap();
        let (par0, meeting0, secret0) = (original(&par), original(&meeting), original(&secret));
        let with = |bytes: &[u8], f: &dyn Fn(&str) -> String| f(&String::from_utf8_lossy(bytes)).into_bytes();
        let edits: Vec<(&Path, Vec<u8>)> = vec![
            (&par, with(&par0, &|t| format!("{t}\nEn ny mening.\n"))),
            (&par, with(&par0, &|t| t.replacen("number: 102", "number: 101", 1))),
            (&par, with(&par0, &|t| t.replacen("title:", "title: [", 1))),
            (&par, with(&par0, &|t| format!("{t}\nPersonnummer 19121212-1212.\n"))),
            (&par, vec![b'-', b'-', b'-', b'\n', 0xff, b'\n']),
            (&par, b"no front matter\n".to_vec()),
            (&par, par0.clone()),
            (&meeting, with(&meeting0, &|t| t.replacen("adjusted:", "adjusted_:", 1))),
            (&meeting, with(&meeting0, &|t| format!("{t}\nInledning, ändrad.\n"))),
            (&secret, with(&secret0, &|t| format!("{t}\nHemlig text, ändrad.\n"))),
            (&secret, secret0.clone()),
            (&meeting, meeting0.clone()),
        ];
        for (i, (path, bytes)) in edits.iter().enumerate() {
            std::fs::write(path, bytes).unwrap();
            snap = session.rebuild(&snap, &Changes::Paths(vec![std::fs::canonicalize(path).unwrap()]), &catalog);
            assert!(snap.incremental, "edit {i}: the file alone was not read again");
            let (problems, files) = full_build(&content, today, &catalog);
            assert_eq!(snap.problems, problems, "edit {i}: problems differ");
            assert_eq!(snap.failed, files.is_none(), "edit {i}");
            for (file, bytes) in files.iter().flatten() {
                // The build itself (the preview may serve an earlier search index meanwhile).
                let site = snap.site.as_ref().unwrap();
                let got = site.file(file).unwrap_or_else(|| panic!("edit {i}: {file} missing")).unwrap();
                assert!(got.as_slice() == bytes.as_slice(), "edit {i}: {file} differs from the build's");
            }
        }
    }

    /// The search index is made when asked for; after an edit the earlier
    /// index is served (and said to be stale) until the new one is made.
    #[test]
    fn the_search_index_of_an_earlier_build_serves_until_the_new_one_is_made() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_example(&content);
        let catalog = Catalog::new(Lang::En);
        let mut session = Session::new(&content, "2026-11-25".parse().unwrap());
        let first = session.rebuild(&Snapshot::default(), &Changes::All, &catalog);
        // Every index's entry file, one after the other.
        let entries = |snap: &Snapshot| -> Vec<u8> {
            let list = snap.file("pagefind/indexes.json").unwrap().unwrap();
            let names: Vec<String> = serde_json::from_slice(&list).unwrap();
            let files = names.iter().map(|n| snap.file(&format!("pagefind/{n}pagefind-entry.json")).unwrap().unwrap());
            files.flat_map(|f| f.to_vec()).collect()
        };
        let site1 = first.site.clone().unwrap();
        assert!(!first.search.is_stale(&site1), "no index at all is not stale: the first is waited for");
        let old = entries(&first);
        let par = content.join("kommunstyrelsen/2025-06-16/102-markanvisning-larkan.md");
        let text = std::fs::read_to_string(&par).unwrap();
        std::fs::write(&par, format!("{text}\nOrdet ZYXWVUTSR.\n")).unwrap();
        let second = session.rebuild(&first, &Changes::Paths(vec![std::fs::canonicalize(&par).unwrap()]), &catalog);
        let site2 = second.site.clone().unwrap();
        assert!(second.search.is_stale(&site2), "the edited build's index is not made yet");
        // Asked for now: the earlier index answers while the new one is made.
        let answered = entries(&second);
        let start = std::time::Instant::now();
        while second.search.is_stale(&site2) {
            assert!(start.elapsed().as_secs() < 60, "the new index was never made");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let new = entries(&second);
        assert!(answered == old || answered == new);
        assert!(new != old, "the new index differs (one more word, other hashes)");
    }

    /// A file that came and went is ignored; a new file loads everything.
    #[test]
    fn new_files_load_everything_and_passing_ones_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_example(&content);
        let catalog = Catalog::new(Lang::En);
        let mut session = Session::new(&content, "2026-11-25".parse().unwrap());
        let snap = session.rebuild(&Snapshot::default(), &Changes::All, &catalog);
        let root = std::fs::canonicalize(&content).unwrap();
        let gone = root.join("kommunstyrelsen/2025-06-16/4913");
        let snap = session.rebuild(&snap, &Changes::Paths(vec![gone]), &catalog);
        assert!(snap.incremental && !snap.failed);
        let new = root.join("kommunstyrelsen/2025-06-16/999-ny.md");
        std::fs::write(&new, "---\nnumber: 999\n---\n").unwrap();
        let snap = session.rebuild(&snap, &Changes::Paths(vec![new]), &catalog);
        assert!(!snap.incremental && snap.failed, "a new § must be loaded and checked");
    }
}
