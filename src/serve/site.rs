//! One build of the site in memory, for the live preview: the same load →
//! validate → render as `build`, written into memory instead of a folder.

use crate::diag::report;
use crate::i18n::Catalog;
use crate::model::Date;
use crate::write::Memory;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The site being served: the last good build, and the problems of the
/// latest attempt (shown over every page until they are fixed).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Increases with every attempt; sent with every response.
    pub build: u64,
    /// The files of the last good build, by path.
    pub files: Arc<BTreeMap<String, Vec<u8>>>,
    /// The problems of the latest attempt, as plain text (empty: none).
    pub problems: Vec<String>,
    /// Whether the latest attempt had errors (the files are then older).
    pub failed: bool,
}

/// Rebuilds from `content` on `today`. On success the new files replace the
/// old; on failure the old files stay and the problems are recorded.
pub fn rebuild(previous: &Snapshot, content: &Path, today: Date, catalog: &Catalog) -> Snapshot {
    let build = previous.build + 1;
    let (loaded, mut diags) = match crate::load::load(content) {
        Ok(x) => x,
        Err(e) => {
            let args = [("path", e.path.display().to_string()), ("reason", e.source.to_string())];
            let problems = vec![catalog.get("error-content-dir", &args)];
            return Snapshot { build, files: previous.files.clone(), problems, failed: true };
        }
    };
    let checked = crate::validate::validate(&loaded, today);
    diags.extend(checked.diagnostics);
    diags.sort(&loaded.sources);
    let mut problems: Vec<String> = diags.0.iter().map(|d| report::human(d, &loaded.sources, catalog, false)).collect();
    let rendered = checked.site.filter(|_| !diags.has_errors()).map(|site| {
        let theme = crate::render::Theme::for_site(content, &site)?;
        let memory = Memory::default();
        crate::render::render(&site, &theme, content, &memory)?;
        Ok::<_, crate::render::RenderError>(memory.into_files())
    });
    match rendered {
        Some(Ok(files)) => Snapshot { build, files: Arc::new(files), problems, failed: false },
        Some(Err(e)) => {
            problems.push(catalog.get("error-theme", &[("reason", e.to_string())]));
            Snapshot { build, files: previous.files.clone(), problems, failed: true }
        }
        None => Snapshot { build, files: previous.files.clone(), problems, failed: true },
    }
}
