//! The OParl 1.1 objects: System, Body, Organization, Meeting, AgendaItem,
//! Paper and File, made in one walk over the site so that every reference
//! has its object. Fields OParl 1.1 does not define (marked "extension" in
//! `docs/open-data.md` and the schemas) carry what the pages show besides.

use super::{AGENDA_ITEMS, BOARD, BODY, FILES, Ids, MEETINGS, ORGANIZATIONS, PAPERS, PARAGRAPHS_CSV, SYSTEM};
use crate::files::{hex, media_type as mime_type};
use crate::model::*;
use crate::render::{RenderError, Whole, urls, views};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

const OPARL: &str = "https://schema.oparl.org/1.1/";

fn oparl_type(name: &str) -> String {
    format!("{OPARL}{name}")
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct System {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    oparl_version: &'static str,
    name: String,
    /// The one Body (`body.json`).
    body: String,
    website: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_email: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Body {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    system: String,
    name: String,
    website: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_email: Option<String>,
    /// Extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_phone: Option<String>,
    /// Extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_address: Option<String>,
    /// Extension: organisationsnummer.
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_number: Option<String>,
    organization: String,
    meeting: String,
    agenda_item: String,
    paper: String,
    file: String,
    /// Extension: `anslagstavla.json`.
    notice_board: String,
    /// Extension: `paragraphs.csv`.
    paragraphs_csv: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<String>,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_organization_of: Option<String>,
    /// The ids of its meetings (OParl: the URL of a list).
    meeting: Vec<String>,
    website: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    /// A date-time when the meeting's time parses, else its date.
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    /// Extension: the meeting's date.
    date: String,
    /// Extension: the time as written in the protocol.
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    organization: Vec<String>,
    agenda_item: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<String>,
    /// Extension: whether the protocol is adjusted (justerat) on the build's date.
    adjusted: bool,
    /// Extension: the day it was adjusted.
    #[serde(skip_serializing_if = "Option::is_none")]
    adjusted_on: Option<String>,
    /// Extension: the notice of adjustment, once it is posted.
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<Board>,
    /// Extension: the whole protocol on one page.
    protocol: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
}

/// The dates of a protocol's notice on the board.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub posted: String,
    pub appeal_last_day: String,
    pub removal: String,
    pub on_board: bool,
    pub notice: String,
}

/// One paragraph (§). A confidential one has its own shape, so that nothing
/// but its number, public title and legal ground can be written for it.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum AgendaItem {
    Public(PublicItem),
    Confidential(ConfidentialItem),
    Withdrawn(WithdrawnItem),
}

/// A § taken down after publication: OParl's `deleted: true` at the same id,
/// with its number, title and the note.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawnItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    number: String,
    order: u32,
    name: String,
    deleted: bool,
    /// Extension: the day it was taken down.
    withdrawn: String,
    /// Extension: why.
    withdrawn_reason: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    number: String,
    order: u32,
    name: String,
    public: bool,
    /// Extension: diarienummer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dnr: Vec<String>,
    /// The decision as plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    /// Extension: the protocol is not adjusted on the build's day; only the
    /// agenda line (number, title, Dnr) is published.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    not_adjusted: bool,
    /// Extension: the day the § was adjusted on its own (omedelbar justering).
    #[serde(skip_serializing_if = "Option::is_none")]
    adjusted_immediately: Option<String>,
    /// Extension: the body the decision is a proposal to (not a decision; not appealable).
    #[serde(skip_serializing_if = "Option::is_none")]
    proposal_to: Option<String>,
    /// Extension: the ids of its documents (OParl links them through a Consultation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    paper: Vec<String>,
    /// Attachments its text links to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<String>,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfidentialItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    number: String,
    order: u32,
    /// The public title.
    name: String,
    public: bool,
    /// Extension: the legal ground for secrecy.
    legal_ground: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paper {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_file: Option<String>,
    /// Taken down (OParl `deleted`): the document keeps its place, without its file.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    /// Extension: the day it was taken down.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn: Option<String>,
    /// Extension: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn_reason: Option<String>,
    /// Extension: the paragraph it belongs to.
    agenda_item: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileObject {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    file_name: String,
    mime_type: &'static str,
    size: u64,
    /// Extension (OParl 1.1 has `sha512Checksum`, also given).
    sha256_checksum: String,
    sha512_checksum: String,
    access_url: String,
    download_url: String,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    meeting: BTreeSet<String>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    agenda_item: BTreeSet<String>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    paper: BTreeSet<String>,
}

/// Who refers to a file, and the name it is known by.
#[derive(Default)]
struct FileRefs {
    /// The title of the first document that is the file.
    title: Option<String>,
    meeting: BTreeSet<String>,
    agenda_item: BTreeSet<String>,
    paper: BTreeSet<String>,
}

/// All the objects.
pub struct Graph {
    pub system: System,
    pub body: Body,
    pub organizations: Vec<Organization>,
    pub meetings: Vec<Meeting>,
    pub agenda_items: Vec<AgendaItem>,
    pub papers: Vec<Paper>,
    pub files: Vec<FileObject>,
}

impl Graph {
    pub fn new(x: &Whole<'_>, ids: &Ids) -> Result<Graph, RenderError> {
        let site = x.site;
        let c = &site.config;
        let home = ids.abs(urls::HOME);
        let body_id = ids.data(BODY);
        let system = System {
            id: ids.data(SYSTEM),
            kind: oparl_type("System"),
            oparl_version: OPARL,
            name: c.municipality.clone(),
            body: body_id.clone(),
            website: home.clone(),
            contact_email: c.contact.email.clone(),
        };
        let body = Body {
            id: body_id.clone(),
            kind: oparl_type("Body"),
            system: ids.data(SYSTEM),
            name: c.municipality.clone(),
            website: home.clone(),
            contact_email: c.contact.email.clone(),
            contact_phone: c.contact.phone.clone(),
            contact_address: c.contact.address.clone(),
            organization_number: c.contact.org_number.clone(),
            organization: ids.data(ORGANIZATIONS),
            meeting: ids.data(MEETINGS),
            agenda_item: ids.data(AGENDA_ITEMS),
            paper: ids.data(PAPERS),
            file: ids.data(FILES),
            notice_board: ids.data(BOARD),
            paragraphs_csv: ids.data(PARAGRAPHS_CSV),
            web: home,
        };
        let mut refs: BTreeMap<String, FileRefs> = BTreeMap::new();
        let organizations = site.bodies.iter().map(|b| organization(site, b, ids, &body_id)).collect();
        let mut meetings = Vec::new();
        let mut agenda_items = Vec::new();
        let mut papers = Vec::new();
        for b in &site.bodies {
            for m in &b.meetings {
                let meeting_id = ids.meeting(&m.id);
                for path in &m.linked {
                    refs.entry(path.clone()).or_default().meeting.insert(meeting_id.clone());
                }
                for p in &m.paragraphs {
                    agenda_items.push(agenda_item(m, p, ids, &body_id, &mut papers, &mut refs));
                }
                meetings.push(meeting(site, b, m, ids));
            }
        }
        // Attachments of notices are listed with their notice (`anslagstavla.json`).
        for n in site.notices.iter().filter(|n| n.posted <= site.today) {
            for path in &n.linked {
                refs.entry(path.clone()).or_default();
            }
        }
        let files = files(x, ids, refs)?;
        Ok(Graph { system, body, organizations, meetings, agenda_items, papers, files })
    }
}

fn organization(site: &Site, b: &crate::model::Body, ids: &Ids, body_id: &str) -> Organization {
    let parent = b.parent.as_deref().filter(|slug| site.bodies.iter().any(|o| &o.slug == slug));
    let page = ids.abs(&urls::body(&b.slug));
    Organization {
        id: ids.organization(&b.slug),
        kind: oparl_type("Organization"),
        body: body_id.to_owned(),
        name: b.name.clone(),
        short_name: b.short_name.clone(),
        classification: classification(b.kind),
        sub_organization_of: parent.map(|slug| ids.organization(slug)),
        meeting: b.meetings.iter().map(|m| ids.meeting(&m.id)).collect(),
        website: page.clone(),
        web: page,
    }
}

/// A body's kind as in the content format.
pub fn classification(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Fullmaktige => "fullmäktige",
        BodyKind::Styrelse => "styrelse",
        BodyKind::Namnd => "nämnd",
        BodyKind::Utskott => "utskott",
        BodyKind::Beredning => "beredning",
        BodyKind::Other => "other",
    }
}

fn meeting(site: &Site, b: &crate::model::Body, m: &crate::model::Meeting, ids: &Ids) -> Meeting {
    let span = m.time.as_deref().and_then(|t| super::time::span(m.id.date, t));
    let (start, end) = match span {
        Some((start, end)) => (start, end),
        None => (m.id.date.to_string(), None),
    };
    let (adjusted_on, board) = match m.adjustment {
        Adjustment::Adjusted { on, board } => {
            let posted = (board.posted <= site.today).then(|| Board {
                posted: board.posted.to_string(),
                appeal_last_day: board.appeal_last_day.to_string(),
                removal: board.removal.to_string(),
                on_board: board.is_on_board(site.today),
                notice: ids.abs(&urls::protocol_notice(m)),
            });
            (Some(on.to_string()), posted)
        }
        Adjustment::NotAdjusted => (None, None),
    };
    Meeting {
        id: ids.meeting(&m.id),
        kind: oparl_type("Meeting"),
        name: format!("{} {}", b.name, views::meeting_label(m)),
        start,
        end,
        date: m.id.date.to_string(),
        time: m.time.clone(),
        location: m.place.as_ref().map(|place| Location {
            id: ids.location(&m.id),
            kind: oparl_type("Location"),
            description: place.clone(),
        }),
        organization: vec![ids.organization(&b.slug)],
        agenda_item: m.paragraphs.iter().map(|p| ids.agenda_item(&m.id, p.number)).collect(),
        auxiliary_file: m.linked.iter().map(|path| ids.file(path)).collect(),
        adjusted: adjusted_on.is_some(),
        adjusted_on,
        board,
        protocol: ids.abs(&urls::protocol(&m.id)),
        web: ids.abs(&urls::meeting(&m.id)),
    }
}

fn agenda_item(
    m: &crate::model::Meeting,
    p: &Paragraph,
    ids: &Ids,
    body_id: &str,
    papers: &mut Vec<Paper>,
    refs: &mut BTreeMap<String, FileRefs>,
) -> AgendaItem {
    let id = ids.agenda_item(&m.id, p.number);
    let web = ids.abs(&urls::paragraph(&m.id, p.number));
    let x = match &p.content {
        Content::Confidential { public_title, legal_ground } => {
            return AgendaItem::Confidential(ConfidentialItem {
                id,
                kind: oparl_type("AgendaItem"),
                meeting: ids.meeting(&m.id),
                number: format!("§ {}", p.number),
                order: p.number,
                name: public_title.clone(),
                public: false,
                legal_ground: legal_ground.clone(),
                web,
            });
        }
        Content::Agenda { title, dnr } => {
            return AgendaItem::Public(PublicItem {
                id,
                kind: oparl_type("AgendaItem"),
                meeting: ids.meeting(&m.id),
                number: format!("§ {}", p.number),
                order: p.number,
                name: title.clone(),
                public: true,
                dnr: dnr.clone(),
                resolution_text: None,
                not_adjusted: true,
                adjusted_immediately: None,
                proposal_to: None,
                paper: Vec::new(),
                auxiliary_file: Vec::new(),
                web,
            });
        }
        Content::Withdrawn { title, withdrawal } => {
            return AgendaItem::Withdrawn(WithdrawnItem {
                id,
                kind: oparl_type("AgendaItem"),
                meeting: ids.meeting(&m.id),
                number: format!("§ {}", p.number),
                order: p.number,
                name: title.clone(),
                deleted: true,
                withdrawn: withdrawal.date.to_string(),
                withdrawn_reason: withdrawal.reason.clone(),
                web,
            });
        }
        Content::Public(x) => x,
    };
    let reference = (!x.dnr.is_empty()).then(|| x.dnr.join(", "));
    let mut paper_ids = Vec::new();
    for (k, d) in x.documents.iter().enumerate() {
        let paper_id = ids.paper(&m.id, p.number, k + 1);
        if let Some(path) = &d.file {
            let r = refs.entry(path.clone()).or_default();
            r.title.get_or_insert_with(|| d.title.clone());
            r.paper.insert(paper_id.clone());
            r.agenda_item.insert(id.clone());
        }
        papers.push(Paper {
            id: paper_id.clone(),
            kind: oparl_type("Paper"),
            body: body_id.to_owned(),
            name: d.title.clone(),
            reference: reference.clone(),
            date: d.date.map(|d| d.to_string()),
            main_file: d.file.as_ref().map(|path| ids.file(path)),
            deleted: d.withdrawn.is_some(),
            withdrawn: d.withdrawn.as_ref().map(|w| w.date.to_string()),
            withdrawn_reason: d.withdrawn.as_ref().map(|w| w.reason.clone()),
            agenda_item: id.clone(),
            web: web.clone(),
        });
        paper_ids.push(paper_id);
    }
    for path in &x.linked {
        refs.entry(path.clone()).or_default().agenda_item.insert(id.clone());
    }
    AgendaItem::Public(PublicItem {
        id,
        kind: oparl_type("AgendaItem"),
        meeting: ids.meeting(&m.id),
        number: format!("§ {}", p.number),
        order: p.number,
        name: x.title.clone(),
        public: true,
        dnr: x.dnr.clone(),
        resolution_text: x.decision.as_ref().map(|d| crate::markdown::plain_text(&d.text)).filter(|t| !t.is_empty()),
        not_adjusted: false,
        adjusted_immediately: p.immediate.map(|i| i.on.to_string()),
        proposal_to: match &x.outcome {
            Outcome::Proposal { to, .. } => Some(to.clone()),
            _ => None,
        },
        paper: paper_ids,
        auxiliary_file: x.linked.iter().map(|path| ids.file(path)).collect(),
        web,
    })
}

/// The File objects of every attachment referred to, in path order; each
/// file is read once for its checksums (in parallel).
fn files(x: &Whole<'_>, ids: &Ids, refs: BTreeMap<String, FileRefs>) -> Result<Vec<FileObject>, RenderError> {
    let refs: Vec<(String, FileRefs)> = refs.into_iter().collect();
    refs.into_par_iter()
        .map(|(path, r)| {
            let (size, sha256, sha512) =
                checksums(&x.content.join(&path)).map_err(|source| RenderError::Io { path: path.clone(), source })?;
            let file_name = path.rsplit('/').next().unwrap_or(&path).to_owned();
            let url = ids.abs(&urls::encode_path(&path));
            Ok(FileObject {
                id: ids.file(&path),
                kind: oparl_type("File"),
                name: r.title.unwrap_or_else(|| file_name.clone()),
                mime_type: mime_type(&file_name),
                file_name,
                size,
                sha256_checksum: sha256,
                sha512_checksum: sha512,
                access_url: url.clone(),
                download_url: url,
                meeting: r.meeting,
                agenda_item: r.agenda_item,
                paper: r.paper,
            })
        })
        .collect()
}

/// The length of a file and its SHA-256 and SHA-512 in lower-case hex
/// (read once per build for every use, [`crate::files::digest`]).
fn checksums(path: &std::path::Path) -> std::io::Result<(u64, String, String)> {
    let d = crate::files::digest(path)?;
    Ok((d.len, hex(&d.sha256), hex(&d.sha512)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_by_extension() {
        assert_eq!(mime_type("plan.pdf"), "application/pdf");
        assert_eq!(mime_type("PLAN.PDF"), "application/pdf");
        assert_eq!(mime_type("karta.JPeG"), "image/jpeg");
        assert_eq!(mime_type("a.tar.gz"), "application/octet-stream");
        assert_eq!(mime_type("README"), "application/octet-stream");
    }

    #[test]
    fn checksums_of_a_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"abc").expect("written");
        let (len, sha256, sha512) = checksums(&path).expect("read");
        assert_eq!(len, 3);
        // FIPS 180-2 test vectors for "abc".
        assert_eq!(sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(sha512.starts_with("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"));
        assert_eq!(sha512.len(), 128);
        assert!(checksums(&dir.path().join("missing")).is_err());
    }
}
