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
//!
//! [`again`] gives the plan of a site after an edit: the previous plan
//! itself when every meeting that is not the very same (`Arc`) as before
//! has the same parts, addresses and attachments, and nothing else the plan
//! reads changed. That is how `serve` answers an edit without listing (and
//! touching) the whole site again.

use super::pages::{self, PageRef};
use super::{Derived, Options, Theme, urls};
use crate::model::Site;
use std::collections::HashMap;
use std::sync::Arc;

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
    options: Options,
    parts: Vec<Part>,
    /// Where in `parts` the theme's files are, and the attachments (found
    /// without going through every page).
    statics: std::ops::Range<usize>,
    attachments: std::ops::Range<usize>,
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
    let start = parts.len();
    parts.extend(theme.static_files().map(|(name, _)| Part::Static(name.to_owned())));
    let statics = start..parts.len();
    parts.extend(super::attachments(site).into_iter().map(Part::Attachment));
    let attachments = statics.end..parts.len();
    let by_path = parts.iter().enumerate().filter_map(|(n, part)| Some((path_of(site, part)?, n))).collect();
    Plan { options, parts, statics, attachments, by_path }
}

/// The plan of `site`, which follows `before` (whose plan is `previous`):
/// `previous` itself when the plan would be the same (see the module's
/// head), otherwise a new one.
pub fn again(previous: &Arc<Plan>, before: &Site, site: &Site, theme: &Theme, options: Options) -> Arc<Plan> {
    if previous.options == options
        && same_outputs(before, site)
        && previous.statics().eq(theme.static_files().map(|(n, _)| n))
    {
        previous.clone()
    } else {
        Arc::new(plan(site, theme, options))
    }
}

/// Whether `before` and `site` have the same parts with the same paths, for
/// the same theme and options. A meeting that is the same `Arc` in both is
/// not looked at (after an edit in `serve`, all but the edited one).
fn same_outputs(before: &Site, site: &Site) -> bool {
    let brand = |s: &Site| {
        let b = &s.config.branding;
        b.logo
            .iter()
            .map(|l| l.file.path.clone())
            .chain(b.stylesheet.iter().map(|a| a.path.clone()))
            .collect::<Vec<_>>()
    };
    fn notices(s: &Site) -> Vec<(Option<String>, &[String])> {
        let posted = |n: &crate::model::Notice| (n.posted <= s.today).then(|| urls::notice(n));
        s.notices.iter().map(|n| (posted(n), n.linked.as_slice())).collect()
    }
    before.today == site.today
        && before.bodies.len() == site.bodies.len()
        && before.bodies.iter().zip(&site.bodies).enumerate().all(|(b, (x, y))| {
            x.slug == y.slug
                && x.meetings.len() == y.meetings.len()
                && x.meetings.iter().zip(&y.meetings).enumerate().all(|(i, (m, n))| {
                    Arc::ptr_eq(m, n) || meeting_outputs(before, b, i) == meeting_outputs(site, b, i)
                })
        })
        && brand(before) == brand(site)
        && notices(before) == notices(site)
}

/// What the plan holds of one meeting.
#[derive(PartialEq, Eq)]
struct MeetingOutputs<'a> {
    /// The protocol PDF's path, if it has one.
    pdf: Option<String>,
    /// Its pages and their paths.
    pages: Vec<(PageRef, Option<String>)>,
    attachments: Vec<&'a String>,
}

/// What the plan holds of meeting `i` of body `b`.
fn meeting_outputs(site: &Site, b: usize, i: usize) -> MeetingOutputs<'_> {
    let m = &site.bodies[b].meetings[i];
    let pdf = crate::pdf::has_pdf(m).then(|| urls::protocol_pdf(&m.id));
    let mut pages = Vec::new();
    pages::of_meeting(site, b, i, &mut pages);
    let pages = pages.into_iter().map(|p| (p, p.url(site))).collect();
    MeetingOutputs { pdf, pages, attachments: m.files().collect() }
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
        self.parts[self.attachments.clone()].iter().filter_map(|p| match p {
            Part::Attachment(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// The theme's files, by path.
    pub fn statics(&self) -> impl Iterator<Item = &str> + '_ {
        self.parts[self.statics.clone()].iter().filter_map(|p| match p {
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

    /// The parts and paths of a plan, for comparing two.
    fn listed(plan: &Plan) -> (Vec<Part>, std::collections::BTreeMap<String, usize>) {
        (plan.parts.clone(), plan.by_path.iter().map(|(p, n)| (p.clone(), *n)).collect())
    }

    /// `again` keeps the previous plan exactly when a new plan would be the
    /// same: a meeting copied unchanged, or changed in its text only, keeps
    /// it; a changed § number, a § taken out, a new attachment, a notice
    /// taken down, another date or the options make a new one.
    #[test]
    fn again_keeps_the_plan_only_when_a_new_one_would_be_the_same() {
        let before = super::super::testing::example_site("2026-11-25");
        let theme = Theme::load(None).expect("theme");
        let previous = Arc::new(plan(&before, &theme, Options::default()));
        let (b, i) = before
            .bodies
            .iter()
            .enumerate()
            .flat_map(|(b, body)| (0..body.meetings.len()).map(move |i| (b, i)))
            .find(|&(b, i)| {
                let m = &before.bodies[b].meetings[i];
                m.paragraphs.len() > 1
                    && m.paragraphs.iter().any(|p| matches!(&p.content, crate::model::Content::Public(_)))
            })
            .expect("a meeting with public paragraphs");
        let edited = |f: &dyn Fn(&mut crate::model::Meeting)| {
            let mut site = before.clone();
            let mut m = (*site.bodies[b].meetings[i]).clone();
            f(&mut m);
            site.bodies[b].meetings[i] = Arc::new(m);
            site
        };
        fn public(m: &mut crate::model::Meeting) -> &mut crate::model::PublicParagraph {
            m.paragraphs
                .iter_mut()
                .find_map(|p| match &mut p.content {
                    crate::model::Content::Public(x) => Some(&mut **x),
                    _ => None,
                })
                .expect("public")
        }
        let cases: Vec<(&str, Site, bool)> = vec![
            ("the same site", before.clone(), true),
            ("the meeting copied", edited(&|_| {}), true),
            ("the text of a §", edited(&|m| public(m).text.text.push_str(" Ändrad.")), true),
            ("a § number", edited(&|m| m.paragraphs[1].number += 1000), false),
            ("a § taken out", edited(&|m| drop(m.paragraphs.pop())), false),
            ("a new attachment", edited(&|m| public(m).linked.push("ny/bilaga.pdf".into())), false),
            ("another day", super::super::testing::example_site("2026-11-26"), false),
            (
                "a notice taken out",
                {
                    let mut s = before.clone();
                    s.notices.pop();
                    s
                },
                false,
            ),
        ];
        for (what, site, kept) in cases {
            let next = again(&previous, &before, &site, &theme, Options::default());
            assert_eq!(Arc::ptr_eq(&next, &previous), kept, "{what}");
            assert_eq!(listed(&next), listed(&plan(&site, &theme, Options::default())), "{what}: not the site's plan");
        }
        let lean = again(&previous, &before, &before, &theme, Options { pdf: false });
        assert!(!Arc::ptr_eq(&lean, &previous) && lean.pdfs().count() == 0, "other options, another plan");
    }
}
