//! The site's files made one at a time, when asked for: what `serve` answers
//! from. The same page list, views and templates as [`super::render`], so a
//! file made here is byte for byte the one `build` writes; only the pages
//! asked for are rendered, which is what makes the preview quick after an
//! edit on a large site.

use super::pages::{Inputs, PageRef};
use super::plan::{Part, Plan};
use super::{Derived, RenderError, Sizes, Theme, Whole, urls, views::Labels};
use crate::model::Site;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One group of whole-site files, made (or why not).
type Made = Result<HashMap<String, Vec<u8>>, String>;

/// A meeting's protocol PDF, made (or why not).
type Pdf = Result<Arc<Vec<u8>>, String>;

/// One build of the site whose files are made on request.
pub struct OnDemand {
    site: Arc<Site>,
    theme: Arc<Theme>,
    content: PathBuf,
    labels: Labels,
    /// The labels as the templates see them (`frame.t`), made once.
    shown_labels: tera::Value,
    sizes: Arc<Sizes>,
    markdown: Arc<crate::markdown::Cache>,
    /// Every output, and which part makes which path.
    plan: Arc<Plan>,
    /// The files made from the whole site, by group, made when first asked for.
    derived: [std::sync::OnceLock<Made>; Derived::ALL.len()],
    /// The PDFs, by body and meeting, made when first asked for (the file, or its size on a meeting page).
    pdfs: Vec<Vec<std::sync::OnceLock<Pdf>>>,
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
        let plan = Arc::new(super::plan::plan(&site, &theme, super::Options::default()));
        OnDemand::with_plan(site, theme, content, sizes, markdown, plan)
    }

    /// The same with `site`'s plan made already ([`super::plan::again`]).
    pub fn with_plan(
        site: Arc<Site>,
        theme: Arc<Theme>,
        content: &Path,
        sizes: Arc<Sizes>,
        markdown: Arc<crate::markdown::Cache>,
        plan: Arc<Plan>,
    ) -> OnDemand {
        let labels = super::labels(&site);
        let shown_labels = Theme::labels(&labels);
        let derived = Default::default();
        let pdfs = site.bodies.iter().map(|b| b.meetings.iter().map(|_| Default::default()).collect()).collect();
        let content = content.to_owned();
        OnDemand { site, theme, content, labels, shown_labels, sizes, markdown, plan, derived, pdfs }
    }

    /// The protocol PDF of meeting `i` of body `b`, made once; `None` if it has none.
    fn pdf(&self, b: usize, i: usize) -> Option<&Pdf> {
        let body = self.site.bodies.get(b)?;
        let m = body.meetings.get(i)?;
        if !crate::pdf::has_pdf(m) {
            return None;
        }
        Some(self.pdfs[b][i].get_or_init(|| {
            let made = crate::pdf::protocol(&self.site, body, m, &self.labels, &self.sizes);
            made.map(Arc::new).map_err(|e| e.to_string())
        }))
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The site's plan.
    pub fn plan(&self) -> &Arc<Plan> {
        &self.plan
    }

    /// Whether the files of `group` have been made (they are then served at once).
    pub fn is_made(&self, group: Derived) -> bool {
        self.made(group).get().is_some()
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
            pdf: &|b, i| self.pdf(b, i).and_then(|made| made.as_ref().ok()).map(|bytes| bytes.len() as u64),
        };
        let render = |page: PageRef| -> Option<Result<Vec<u8>, RenderError>> {
            let spec = page.specs(&inputs).into_iter().find(|s| urls::file_of(&s.url) == path)?;
            Some(self.theme.render(spec.template, &spec.view, &self.shown_labels).map(String::into_bytes))
        };
        let group = match self.plan.part_of(path)? {
            Part::Page(page) | Part::Pages { page, .. } => return render(*page),
            &Part::Pdf { body, meeting } => {
                return self.pdf(body, meeting).map(|made| match made {
                    Ok(bytes) => Ok(bytes.to_vec()),
                    Err(e) => Err(RenderError::Whole(e.clone())),
                });
            }
            Part::Static(name) => {
                return self
                    .theme
                    .static_files()
                    .find(|(n, _)| *n == name.as_str())
                    .map(|(_, bytes)| Ok(bytes.to_vec()));
            }
            Part::Attachment(path) => {
                let read = std::fs::read(self.content.join(path));
                return Some(read.map_err(|source| RenderError::Io { path: path.to_owned(), source }));
            }
            Part::Group(group) => *group,
        };
        let files = self.made(group).get_or_init(|| {
            let whole = Whole { site: &self.site, labels: &self.labels, sizes: &self.sizes, content: &self.content };
            group.files(&whole).map(|f| f.into_iter().collect()).map_err(|e| e.to_string())
        });
        match files {
            Ok(files) => files.get(path).map(|bytes| Ok(bytes.clone())),
            Err(e) => Some(Err(RenderError::Whole(e.clone()))),
        }
    }

    /// Where the files of `group` are kept once made.
    fn made(&self, group: Derived) -> &std::sync::OnceLock<Made> {
        let i = Derived::ALL.iter().position(|g| *g == group).unwrap_or_default();
        &self.derived[i]
    }
}
