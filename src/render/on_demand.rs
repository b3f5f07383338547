//! The site's files made one at a time, when asked for: what `serve` answers
//! from. The same page list, views and templates as [`super::render`], so a
//! file made here is byte for byte the one `build` writes; only the pages
//! asked for are rendered, which is what makes the preview quick after an
//! edit on a large site.

use super::pages::{self, Inputs, PageRef};
use super::{Derived, RenderError, Sizes, Theme, Whole, urls, views::Labels};
use crate::model::Site;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One group of whole-site files, made (or why not).
type Made = Result<HashMap<String, Vec<u8>>, String>;

/// One build of the site whose files are made on request.
pub struct OnDemand {
    site: Arc<Site>,
    theme: Arc<Theme>,
    content: PathBuf,
    labels: Labels,
    sizes: Arc<Sizes>,
    markdown: Arc<crate::markdown::Cache>,
    /// The file of every page but the archive's, and its page.
    index: HashMap<String, PageRef>,
    attachments: BTreeSet<String>,
    /// The files made from the whole site, by group, made when first asked for.
    derived: [std::sync::OnceLock<Made>; Derived::ALL.len()],
}

impl OnDemand {
    /// Lists the site's files (cheap: no page is rendered here).
    pub fn new(
        site: Arc<Site>,
        theme: Arc<Theme>,
        content: &Path,
        sizes: Arc<Sizes>,
        markdown: Arc<crate::markdown::Cache>,
    ) -> OnDemand {
        let index = pages::all(&site).into_iter().filter_map(|p| Some((urls::file_of(&p.url(&site)?), p))).collect();
        let attachments = super::attachments(&site);
        let labels = super::labels(&site);
        let derived = Default::default();
        OnDemand { site, theme, content: content.to_owned(), labels, sizes, markdown, index, attachments, derived }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Whether the files of `group` have been made (they are then served at once).
    pub fn is_made(&self, group: Derived) -> bool {
        Derived::ALL.iter().position(|g| *g == group).is_some_and(|i| self.derived[i].get().is_some())
    }

    /// The file at `path` (relative to the site's root, as `build` writes
    /// it), or `None` if the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
        let inputs = Inputs {
            site: &self.site,
            labels: &self.labels,
            sizes: &self.sizes,
            style: self.theme.style_suffix(),
            markdown: Some(&self.markdown),
        };
        let render = |page: PageRef| -> Option<Result<Vec<u8>, RenderError>> {
            let spec = page.specs(&inputs).into_iter().find(|s| urls::file_of(&s.url) == path)?;
            Some(self.theme.render(spec.template, &spec.view).map(String::into_bytes))
        };
        if let Some(page) = self.index.get(path) {
            return render(*page);
        }
        if path.starts_with(urls::ARCHIVE) {
            return render(PageRef::Archive);
        }
        if path.starts_with(urls::REGISTER) {
            return render(PageRef::Register);
        }
        if let Some((_, bytes)) = self.theme.static_files().find(|(name, _)| *name == path) {
            return Some(Ok(bytes.to_vec()));
        }
        if self.attachments.contains(path) {
            let read = std::fs::read(self.content.join(path));
            return Some(read.map_err(|source| RenderError::Io { path: path.to_owned(), source }));
        }
        for (group, made) in Derived::ALL.iter().zip(&self.derived) {
            if !group.may_hold(path) {
                continue;
            }
            let files = made.get_or_init(|| {
                let whole =
                    Whole { site: &self.site, labels: &self.labels, sizes: &self.sizes, content: &self.content };
                group.files(&whole).map(|f| f.into_iter().collect()).map_err(|e| e.to_string())
            });
            match files {
                Ok(files) => {
                    if let Some(bytes) = files.get(path) {
                        return Some(Ok(bytes.clone()));
                    }
                }
                Err(e) => return Some(Err(RenderError::Whole(e.clone()))),
            }
        }
        None
    }
}
