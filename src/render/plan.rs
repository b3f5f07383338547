//! The plan: every output of a site, listed once.
//!
//! [`plan`] lists what a build of the site writes — each page, each
//! protocol PDF, each theme file, each attachment, and each group of files
//! made from the whole site (feeds, calendars, open data, sitemap, search
//! index) — with the path (or, for pages made together and for the groups,
//! the paths) it writes. Everything that needs to know the site's outputs
//! asks the plan: [`super::render`] makes each part (taking it over from
//! the previous output when its key is unchanged, [`super::keys`]) and
//! [`super::OnDemand`] (`serve`, `export`) looks a path up in it. Its pages
//! are [`pages::all`], the one list of pages, which the sitemap and
//! [`super::try_each_template`] (`check`) read as well. A new kind of output
//! is added here, and to the one function that makes it.

use super::pages::{self, PageRef};
use super::{Derived, Options, Theme, urls};
use crate::model::Site;
use std::collections::HashMap;

/// One part of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A page whose address is known without making it.
    Page(PageRef),
    /// Pages made together, whose addresses (under `prefix`) come from their
    /// views: the archive and the register (one page a year).
    Pages { page: PageRef, prefix: &'static str },
    /// The protocol PDF of meeting `meeting` of body `body` (indices).
    Pdf { body: usize, meeting: usize },
    /// A file of the theme (`static/`), by its path in the site.
    Static(String),
    /// An attachment of something public, by its content-relative path
    /// (the same in the site).
    Attachment(String),
    /// A group of files made from the whole site.
    Group(Derived),
}

/// Every part of a site, in the order a build makes them, with an index
/// from a path to its part.
#[derive(Debug)]
pub struct Plan {
    parts: Vec<Part>,
    /// Exact paths (pages, PDFs, theme files, attachments) → index in `parts`.
    by_path: HashMap<String, usize>,
}

/// The plan of `site` with `theme` and `options`.
pub fn plan(site: &Site, theme: &Theme, options: Options) -> Plan {
    let mut parts = Vec::new();
    if options.pdf {
        for (b, body) in site.bodies.iter().enumerate() {
            for (i, m) in body.meetings.iter().enumerate() {
                if crate::pdf::has_pdf(m) {
                    parts.push(Part::Pdf { body: b, meeting: i });
                }
            }
        }
    }
    parts.extend(page_parts(site));
    parts.extend(Derived::ALL.iter().map(|g| Part::Group(*g)));
    parts.extend(theme.static_files().map(|(name, _)| Part::Static(name.to_owned())));
    parts.extend(super::attachments(site).into_iter().map(Part::Attachment));
    let by_path = parts.iter().enumerate().filter_map(|(n, part)| Some((path_of(site, part)?, n))).collect();
    Plan { parts, by_path }
}

/// The page parts of `site`, in page order ([`pages::all`], which the
/// sitemap and `check`'s template trial list too).
fn page_parts(site: &Site) -> impl Iterator<Item = Part> {
    pages::all(site).into_iter().map(|page| match page {
        PageRef::Archive => Part::Pages { page, prefix: urls::ARCHIVE },
        PageRef::Register => Part::Pages { page, prefix: urls::REGISTER },
        page => Part::Page(page),
    })
}

/// The one path a part writes, if it writes exactly one known in advance.
fn path_of(site: &Site, part: &Part) -> Option<String> {
    match part {
        Part::Page(page) => page.url(site).map(|u| urls::file_of(&u)),
        Part::Pdf { body, meeting } => Some(urls::protocol_pdf(&site.bodies[*body].meetings[*meeting].id)),
        Part::Static(path) | Part::Attachment(path) => Some(path.clone()),
        Part::Pages { .. } | Part::Group(_) => None,
    }
}

impl Plan {
    /// Every part, in the order a build makes them.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Every page part (one page, or pages made together), in page order.
    pub fn pages(&self) -> impl Iterator<Item = PageRef> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Page(page) | Part::Pages { page, .. } => Some(*page),
            _ => None,
        })
    }

    /// The protocol PDFs, as (body, meeting) indices.
    pub fn pdfs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Pdf { body, meeting } => Some((*body, *meeting)),
            _ => None,
        })
    }

    /// The attachments, by content-relative path.
    pub fn attachments(&self) -> impl Iterator<Item = &str> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Attachment(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// The theme's files, by path.
    pub fn statics(&self) -> impl Iterator<Item = &str> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Static(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// The part that writes the file at `path` (relative, with `/`), if any
    /// may: an exact path, pages made together under their prefix, or a
    /// group whose files it could be (the group tells when made).
    pub fn part_of(&self, path: &str) -> Option<&Part> {
        if let Some(n) = self.by_path.get(path) {
            return Some(&self.parts[*n]);
        }
        self.parts.iter().find(|p| match p {
            Part::Pages { prefix, .. } => path.starts_with(prefix),
            Part::Group(group) => group.may_hold(path),
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_build_has_its_part_and_every_exact_part_its_file() {
        let site = super::super::testing::example_site("2026-11-25");
        let theme = Theme::load(None).expect("theme");
        let plan = plan(&site, &theme, Options::default());
        let memory = crate::write::Memory::default();
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        super::super::render(&site, &theme, &content, Options::default(), &memory).expect("render");
        let files = memory.into_files();
        for path in files.keys() {
            assert!(plan.part_of(path).is_some(), "{path} is written but not in the plan");
        }
        for path in plan.by_path.keys() {
            assert!(files.contains_key(path), "{path} is in the plan but not written");
        }
        assert!(plan.pdfs().count() >= 10 && plan.attachments().count() > 0 && plan.statics().count() > 0);
        let lean = super::plan(&site, &theme, Options { pdf: false });
        assert_eq!(lean.pdfs().count(), 0, "--no-pdf plans no PDF");
    }
}
