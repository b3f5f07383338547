//! The key of each page: a SHA-256 of exactly what the page is made from,
//! so a build can take a page over from the previous output instead of
//! making it again ([`crate::write::Sink::reuse`]).
//!
//! What a page shows is a function of the program (templates are compiled
//! in), the theme, the site's settings and labels, the model parts it reads,
//! and the build's date. The date itself is never part of a key: a page
//! compares it with the dates of what it shows (posted, removal, the
//! meeting's day …), so the key holds the *outcome* of comparing it with
//! each of those dates (before, on, after). A notice's pages thus change on
//! the day it goes up and the day it comes down, not every day.
//!
//! - every page: the program, the theme, `site.yaml` (as read, with the
//!   build's `base_url`), every body's own fields, the publishing record's
//!   start, the build's options ([`site_key`]);
//! - a meeting's pages (meeting, whole protocol, notices, proofs, §§): the
//!   meeting as modelled on the day (which is already only what is public on
//!   it), its dates against the day, the notices that announce it, the
//!   publishing record of its notices, the sizes of its documents and of its
//!   PDF ([`Keys::meeting`]); every page of a meeting shares the meeting's key,
//!   so an edited § makes its meeting's pages again;
//! - a body's page: its meetings' keys;
//! - a notice's pages: the notice, its dates against the day, its record,
//!   the meeting it announces, the sizes of its files;
//! - the pages made from the whole site (home, board, archive, register,
//!   search, accessibility, 404) have no key: they are made every time,
//!   and written only if their bytes changed.
//!
//! A model part enters a key by its `Debug` text (which leaves out source
//! file numbers, see [`crate::diag::Span`]); the keys are checked by the
//! tests that build day after day, and after every kind of edit, over the
//! previous output and compare with a build from nothing.

use super::Sizes;
use super::pages::PageRef;
use crate::files::KeyHasher as Hasher;
use crate::model::{Adjustment, Date, Meeting, Notice, Site};
use std::fmt::Write as _;

/// `today` against each of `dates`: before, on or after.
fn dates(h: &mut Hasher, today: Date, dates: impl IntoIterator<Item = Date>) {
    for d in dates {
        h.raw([today.cmp(&d) as i8 as u8]);
    }
    h.raw(b";");
}

/// The keys of one build's pages.
pub struct Keys {
    site: [u8; 32],
    /// By body and meeting index.
    meetings: Vec<Vec<[u8; 32]>>,
    bodies: Vec<[u8; 32]>,
    notices: Vec<[u8; 32]>,
}

/// What every page is made from (see the module's head).
pub fn site_key(site: &Site, theme_fingerprint: &[u8], style: &str, options: super::Options) -> [u8; 32] {
    let mut h = Hasher::new("site");
    h.bytes(crate::program::fingerprint());
    h.bytes(theme_fingerprint);
    h.bytes(style.as_bytes());
    let _ = write!(h, "{:?}\n{options:?}\n{:?}\n", site.config, site.record.started);
    for b in &site.bodies {
        // Every field but the meetings (each has its own key); named one by
        // one, so a new field of a body cannot be left out of the key.
        let crate::model::Body { slug, name, short_name, kind, parent, description, storage, meetings: _ } = b;
        let _ = writeln!(h, "{slug:?} {name:?} {short_name:?} {kind:?} {parent:?} {description:?} {storage:?}");
    }
    h.finish()
}

/// A SHA-256 of each meeting as modelled on the day (its `Debug` text), by
/// body and meeting index: made once, used by the PDFs' keys and the pages'.
pub fn models(site: &Site) -> Vec<Vec<[u8; 32]>> {
    use rayon::prelude::*;
    site.bodies
        .iter()
        .map(|body| {
            body.meetings
                .par_iter()
                .map(|m| {
                    let mut h = Hasher::new("model");
                    let _ = write!(h, "{m:?}");
                    h.finish()
                })
                .collect()
        })
        .collect()
}

impl Keys {
    /// The keys of every keyed page of `site`; `models` are [`models`];
    /// `pdf` gives the size of a meeting's PDF (as the pages link to it), by
    /// body and meeting index.
    pub fn new(
        site: &Site,
        site_key: [u8; 32],
        models: &[Vec<[u8; 32]>],
        sizes: &Sizes,
        pdf: &super::pages::PdfSize<'_>,
    ) -> Keys {
        use rayon::prelude::*;
        let meetings: Vec<Vec<[u8; 32]>> = site
            .bodies
            .iter()
            .enumerate()
            .map(|(b, body)| {
                (0..body.meetings.len())
                    .into_par_iter()
                    .map(|i| meeting(site, site_key, &body.meetings[i], models[b][i], sizes, pdf(b, i)))
                    .collect()
            })
            .collect();
        let bodies = meetings
            .iter()
            .enumerate()
            .map(|(b, keys)| {
                let mut h = Hasher::new("body");
                h.raw(site_key);
                h.bytes(site.bodies[b].slug.as_bytes());
                keys.iter().for_each(|k| h.raw(k));
                h.finish()
            })
            .collect();
        let notices = site.notices.iter().map(|n| notice(site, site_key, n, sizes, &meetings)).collect();
        Keys { site: site_key, meetings, bodies, notices }
    }

    /// What every page is made from ([`site_key`]).
    pub fn site(&self) -> [u8; 32] {
        self.site
    }

    /// The key of the meeting at `meeting` in body `body`: what all its pages
    /// are made from.
    pub fn meeting(&self, body: usize, meeting: usize) -> [u8; 32] {
        self.meetings[body][meeting]
    }

    /// The key of `page` at `url` (as hex), `None` for a page made from
    /// the whole site.
    pub fn page(&self, page: PageRef, url: &str) -> Option<String> {
        let (kind, part) = match page {
            PageRef::Home
            | PageRef::Board
            | PageRef::Accessibility
            | PageRef::NotFound
            | PageRef::Archive
            | PageRef::Search
            | PageRef::Register => return None,
            PageRef::Body(b) => ("body", self.bodies[b]),
            PageRef::Meeting(b, i)
            | PageRef::Protocol(b, i)
            | PageRef::ProtocolNotice(b, i)
            | PageRef::ProtocolProof(b, i)
            | PageRef::ParagraphNotice(b, i, _)
            | PageRef::Paragraph(b, i, _)
            | PageRef::ParagraphProof(b, i, _) => ("meeting", self.meetings[b][i]),
            PageRef::Notice(i) | PageRef::NoticeProof(i) => ("notice", self.notices[i]),
        };
        let mut h = Hasher::new(kind);
        h.raw(self.site);
        h.raw(part);
        // Which page of the part: its address (not its index, which moves
        // when a meeting or notice is added before it).
        h.bytes(url.as_bytes());
        Some(crate::files::hex(&h.finish()))
    }
}

/// Every date of a meeting a page may compare the build's date with.
fn meeting_dates(m: &Meeting) -> Vec<Date> {
    let mut dates = vec![m.id.date];
    if let Adjustment::Adjusted { on, board } = m.adjustment {
        dates.extend([on, board.posted, board.appeal_last_day, board.removal]);
    }
    for (_, i) in m.immediate() {
        dates.extend([i.on, i.board.posted, i.board.appeal_last_day, i.board.removal]);
    }
    dates
}

fn meeting(site: &Site, site_key: [u8; 32], m: &Meeting, model: [u8; 32], sizes: &Sizes, pdf: Option<u64>) -> [u8; 32] {
    let mut h = Hasher::new("meeting");
    h.raw(site_key);
    h.raw(model);
    let _ = writeln!(h, "{pdf:?}");
    dates(&mut h, site.today, meeting_dates(m));
    for n in site.notices.iter().filter(|n| n.meeting.as_ref() == Some(&m.id)) {
        let _ = writeln!(h, "{n:?}");
        dates(&mut h, site.today, [n.posted, n.removal]);
    }
    let _ = writeln!(h, "{:?}", site.record.notice(&crate::urls::protocol_notice(m)));
    for (p, _) in m.immediate() {
        let _ = writeln!(h, "{:?}", site.record.notice(&crate::urls::paragraph_notice(&m.id, p.number)));
    }
    for f in m.files() {
        let _ = writeln!(h, "{f:?} {:?}", sizes.get(f));
    }
    h.finish()
}

fn notice(site: &Site, site_key: [u8; 32], n: &Notice, sizes: &Sizes, meetings: &[Vec<[u8; 32]>]) -> [u8; 32] {
    let mut h = Hasher::new("notice");
    h.raw(site_key);
    let _ = writeln!(h, "{n:?}");
    dates(&mut h, site.today, [n.posted, n.removal].into_iter().chain(n.appeal_last_day));
    let _ = writeln!(h, "{:?}", site.record.notice(&crate::urls::notice(n)));
    for f in &n.linked {
        let _ = writeln!(h, "{f:?} {:?}", sizes.get(f));
    }
    // The meeting it announces (its link and label).
    let announced = n.meeting.as_ref().and_then(|id| {
        let b = site.bodies.iter().position(|b| b.slug == id.body)?;
        let i = site.bodies[b].meetings.iter().position(|m| &m.id == id)?;
        Some(meetings[b][i])
    });
    if let Some(k) = announced {
        h.raw(k);
    }
    h.finish()
}
