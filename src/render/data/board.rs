//! `anslagstavla.json`: every notice that has been posted by the build's
//! date, on the board or already taken down — the notices of adjusted
//! protocols (with the last day to appeal) and the other notices — in order
//! of the day posted, then of their page's address.

use super::Ids;
use crate::model::{Adjustment, NoticeKind};
use crate::render::{Whole, urls, views};
use serde::Serialize;

/// One notice; the two kinds have their own shapes.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Entry {
    Protocol(ProtocolNotice),
    Other(OtherNotice),
}

impl Entry {
    fn key(&self) -> (&str, &str) {
        match self {
            Entry::Protocol(p) => (&p.posted, &p.url),
            Entry::Other(n) => (&n.posted, &n.url),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct BodyRef {
    pub slug: String,
    pub name: String,
}

/// The notice that a meeting's protocol is adjusted (anslag om justering).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolNotice {
    /// Always `protokoll`.
    kind: &'static str,
    title: String,
    body: BodyRef,
    /// The Meeting's id in `meetings.json`.
    meeting: String,
    meeting_date: String,
    /// "§ 1–4".
    paragraphs: String,
    adjusted: String,
    posted: String,
    appeal_last_day: String,
    removal: String,
    on_board: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    storage: Option<String>,
    /// The protocol's page.
    protocol: String,
    /// The notice's page.
    url: String,
}

/// Another notice (kungörelse, tillkännagivande, underrättelse …).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherNotice {
    /// `kungörelse`, `tillkännagivande`, `underrättelse` or `other`, as in the content.
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<BodyRef>,
    posted: String,
    removal: String,
    on_board: bool,
    /// The ids in `files.json` of the attachments its text links to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<String>,
    url: String,
}

pub fn entries(x: &Whole<'_>, ids: &Ids) -> Vec<Entry> {
    let site = x.site;
    // The page's own title (as `Page::label`, the key stands in for a missing label).
    let label = x.labels.get("protocol_notice").map_or("protocol_notice", String::as_str);
    let mut out = Vec::new();
    for b in &site.bodies {
        for m in &b.meetings {
            let Adjustment::Adjusted { on, board } = m.adjustment else { continue };
            if board.posted > site.today {
                continue;
            }
            out.push(Entry::Protocol(ProtocolNotice {
                kind: "protokoll",
                title: format!("{label}: {} {}", b.name, views::meeting_label(m)),
                body: BodyRef { slug: b.slug.clone(), name: b.name.clone() },
                meeting: ids.meeting(&m.id),
                meeting_date: m.id.date.to_string(),
                paragraphs: views::paragraph_range(m),
                adjusted: on.to_string(),
                posted: board.posted.to_string(),
                appeal_last_day: board.appeal_last_day.to_string(),
                removal: board.removal.to_string(),
                on_board: board.is_on_board(site.today),
                storage: m.storage.clone(),
                protocol: ids.abs(&urls::meeting(&m.id)),
                url: ids.abs(&urls::protocol_notice(m)),
            }));
        }
    }
    for n in site.notices.iter().filter(|n| n.posted <= site.today) {
        let body = n.body.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
        out.push(Entry::Other(OtherNotice {
            kind: notice_kind(n.kind),
            title: n.title.clone(),
            body: body.map(|b| BodyRef { slug: b.slug.clone(), name: b.name.clone() }),
            posted: n.posted.to_string(),
            removal: n.removal.to_string(),
            on_board: n.posted <= site.today && site.today < n.removal,
            files: n.linked.iter().map(|path| ids.file(path)).collect(),
            url: ids.abs(&urls::notice(n)),
        }));
    }
    // Dates as text (YYYY-MM-DD) sort as the dates do.
    out.sort_by(|a, b| a.key().cmp(&b.key()));
    out
}

/// A notice's kind as in the content format.
fn notice_kind(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Kungorelse => "kungörelse",
        NoticeKind::Tillkannagivande => "tillkännagivande",
        NoticeKind::Underrattelse => "underrättelse",
        NoticeKind::Other => "other",
    }
}
