//! `anslagstavla.json`: every notice that has been posted by the build's
//! date, on the board or already taken down — the notices of adjusted
//! protocols (with the last day to appeal) and the other notices — in order
//! of the day posted, then of their page's address.

use super::Ids;
use crate::model::{Adjustment, NoticeKind};
use crate::render::oparl::rel;
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

/// The notice that a meeting's protocol is adjusted (anslag om justering),
/// or that one § was adjusted on its own (omedelbar justering).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolNotice {
    /// `protokoll`, or `omedelbart-justerad` for a §'s own notice.
    kind: &'static str,
    title: String,
    body: BodyRef,
    /// The id of its OParl Meeting (`oparl/meeting/…`).
    meeting: String,
    meeting_date: String,
    /// "§ 1–4"; "§ 6" for a §'s own notice.
    paragraphs: String,
    /// A protocol's §§ adjusted on their own, with their own notices: "§ 6 (anslaget uppsatt 2026-11-24)".
    #[serde(skip_serializing_if = "String::is_empty")]
    immediately_adjusted: String,
    /// The §§ that are proposals to another body, not decisions (not appealable).
    #[serde(skip_serializing_if = "String::is_empty")]
    proposals: String,
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
    /// For a notice of an appealable decision (`appealable: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    appeal_last_day: Option<String>,
    removal: String,
    on_board: bool,
    /// The id of the OParl Meeting a kungörelse announces.
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<String>,
    /// The ids of the OParl Files of the attachments its text links to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    files: Vec<String>,
    url: String,
}

pub fn entries(x: &Whole<'_>, ids: &Ids) -> Vec<Entry> {
    let site = x.site;
    // The page's own title (as `Page::label`, the key stands in for a missing label).
    let label = x.labels.get("protocol_notice").map_or("protocol_notice", String::as_str);
    let immediate_label = x.labels.get("immediate_notice_title").map_or("immediate_notice_title", String::as_str);
    let (posted_label, to_label) = (
        x.labels.get("posted").map_or("posted", String::as_str),
        x.labels.get("proposal_to").map_or("proposal_to", String::as_str),
    );
    let mut out = Vec::new();
    for b in &site.bodies {
        for m in &b.meetings {
            for (p, i) in m.immediate().filter(|(_, i)| i.board.posted <= site.today) {
                out.push(Entry::Protocol(ProtocolNotice {
                    kind: "omedelbart-justerad",
                    title: format!("{immediate_label}: {} {}, § {}", b.name, views::meeting_label(m), p.number),
                    body: BodyRef { slug: b.slug.clone(), name: b.name.clone() },
                    meeting: ids.url(&rel::meeting(&m.id)),
                    meeting_date: m.id.date.to_string(),
                    paragraphs: format!("§ {}", p.number),
                    immediately_adjusted: String::new(),
                    proposals: views::proposal_list([p], to_label),
                    adjusted: i.on.to_string(),
                    posted: i.board.posted.to_string(),
                    appeal_last_day: i.board.appeal_last_day.to_string(),
                    removal: i.board.removal.to_string(),
                    on_board: i.board.is_on_board(site.today),
                    storage: m.storage.clone(),
                    protocol: ids.abs(&urls::paragraph(&m.id, p.number)),
                    url: ids.abs(&urls::paragraph_notice(&m.id, p.number)),
                }));
            }
            let Adjustment::Adjusted { on, board } = m.adjustment else { continue };
            if board.posted > site.today {
                continue;
            }
            out.push(Entry::Protocol(ProtocolNotice {
                kind: "protokoll",
                title: format!("{label}: {} {}", b.name, views::meeting_label(m)),
                body: BodyRef { slug: b.slug.clone(), name: b.name.clone() },
                meeting: ids.url(&rel::meeting(&m.id)),
                meeting_date: m.id.date.to_string(),
                paragraphs: views::paragraph_range(m),
                immediately_adjusted: views::immediate_list(m, posted_label),
                proposals: views::proposal_list(&m.paragraphs, to_label),
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
            appeal_last_day: n.appeal_last_day.map(|d| d.to_string()),
            removal: n.removal.to_string(),
            on_board: n.is_on_board(site.today),
            meeting: n.meeting.as_ref().map(|id| ids.url(&rel::meeting(id))),
            files: n.linked.iter().map(|path| ids.url(&rel::attachment(path))).collect(),
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
