//! The open data as a static OParl 1.1 endpoint under [`urls::OPARL`]
//! (`oparl/`), described in `docs/open-data.md` and checked against the
//! official OParl 1.1 schemas (`docs/schema/oparl-1.1/`).
//!
//! Every object is a JSON file at its own address, which is its `id`
//! (`oparl/meeting/<body>/<folder>/meeting.json` …); every list is an OParl external
//! list (`data`, `pagination`, `links`), paged by [`PER_PAGE`] with
//! `links.next`. `oparl/system.json` is the entry point. `created` and
//! `modified` come from the content (the meeting's date, the day it was
//! adjusted, posted, corrected, withdrawn …), never from the clock, so the
//! same content and build date give the same bytes.
//!
//! What is public on which day is already applied to the model: a
//! confidential § gives its number, public title and legal ground only; a §
//! or document taken down is an object with `deleted: true` at the same id,
//! left out of every list and of every object that embeds others (OParl
//! 1.1, "Gelöschte Objekte"). Facts OParl has no field for are properties
//! named with the prefix `anslag:` (OParl's "herstellerspezifische
//! Erweiterungen").
//!
//! A meeting's objects (the meeting, its agenda items, papers, document
//! files and location) are made from that meeting alone, in parallel, and
//! live in one folder, `oparl/meeting/<body>/<folder>/`. In a build, that
//! folder, each attachment's File and each page of a list is a part with a
//! key of what it is made from (a meeting's key is its pages' key and the
//! checksums of its files): a daily build writes only the parts whose key
//! changed and takes the rest over from the previous output
//! (docs/performance.md, finding 24).

use crate::calendar::clock::swedish_offset;
use crate::files::KeyHasher;
use crate::files::{hex, media_type};
use crate::model::{self, Adjustment, BoardDates, Content, Date, Outcome, Paragraph, Site};
use crate::render::keys::Keys;
use crate::render::{File, RenderError, Whole, urls, views};
use crate::write::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

/// OParl 1.1's namespace: `oparlVersion`, and the prefix of every `type`.
pub const NAMESPACE: &str = "https://schema.oparl.org/1.1/";
/// Objects on a page of a list (OParl recommends paging above 100).
pub const PER_PAGE: usize = 100;

/// Paths of the endpoint's files, relative to `oparl/`.
pub mod rel {
    use crate::model::MeetingId;

    pub const SYSTEM: &str = "system.json";
    pub const BODIES: &str = "bodies.json";
    pub const BODY: &str = "body.json";
    pub const ORGANIZATIONS: &str = "organizations.json";
    pub const MEETINGS: &str = "meetings.json";
    pub const AGENDA_ITEMS: &str = "agendaitems.json";
    pub const PAPERS: &str = "papers.json";
    pub const FILES: &str = "files.json";
    pub const LOCATIONS: &str = "locations.json";
    pub const PERSONS: &str = "persons.json";
    pub const LEGISLATIVE_TERMS: &str = "legislativeterms.json";

    pub fn organization(slug: &str) -> String {
        format!("organization/{slug}.json")
    }

    /// The list of a body's meetings.
    pub fn organization_meetings(slug: &str) -> String {
        format!("organization/{slug}/meetings.json")
    }

    /// The folder of everything made from one meeting: the meeting, its
    /// location, agenda items, papers and document files. One folder, so a
    /// build can take a meeting's objects over as one part.
    pub fn meeting_folder(m: &MeetingId) -> String {
        format!("meeting/{}/{}/", m.body, m.folder())
    }

    pub fn meeting(m: &MeetingId) -> String {
        format!("{}meeting.json", meeting_folder(m))
    }

    pub fn location(m: &MeetingId) -> String {
        format!("{}location.json", meeting_folder(m))
    }

    pub fn agenda_item(m: &MeetingId, number: u32) -> String {
        format!("{}agendaitem/{number}.json", meeting_folder(m))
    }

    /// The Paper of a § (its matter, with its Dnr).
    pub fn paper(m: &MeetingId, number: u32) -> String {
        format!("{}paper/{number}.json", meeting_folder(m))
    }

    /// The File of the `k`-th document (from 1) of a §.
    pub fn document(m: &MeetingId, number: u32, k: usize) -> String {
        format!("{}file/{number}-{k}.json", meeting_folder(m))
    }

    /// The File of an attachment a text links to, by its content-relative path.
    pub fn attachment(path: &str) -> String {
        format!("file/bilaga/{path}.json")
    }

    /// Page `n` (from 1) of the list at `list`: `meetings.json`, `meetings-2.json` …
    pub fn page(list: &str, n: usize) -> String {
        match n {
            1 => list.to_owned(),
            n => format!("{}-{n}.json", list.strip_suffix(".json").unwrap_or(list)),
        }
    }
}

/// Absolute addresses, from `base_url`.
pub struct Ids {
    /// `base_url` without its final `/`.
    base: String,
}

impl Ids {
    pub fn new(base_url: &str) -> Ids {
        Ids { base: base_url.trim_end_matches('/').to_owned() }
    }

    /// The absolute URL of a site address (a page; encoded already).
    pub fn abs(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    /// The absolute URL of a content-relative file path (a copied attachment).
    pub fn file(&self, path: &str) -> String {
        self.abs(&urls::encode_path(path))
    }

    /// The id of the endpoint's file at `rel` (relative to `oparl/`).
    pub fn url(&self, rel: &str) -> String {
        self.file(&format!("{}{rel}", urls::OPARL))
    }
}

fn kind(name: &str) -> String {
    format!("{NAMESPACE}{name}")
}

/// Midnight of `date` in Swedish time, as an RFC 3339 date-time: the
/// `created` and `modified` of objects, which the content dates by day.
pub fn stamp(date: Date) -> String {
    let offset = swedish_offset(date, (0, 0)).unwrap_or(1);
    format!("{date}T00:00:00+{offset:02}:00")
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct System {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    oparl_version: &'static str,
    name: String,
    /// The list of bodies (one: the municipality).
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_email: Option<String>,
    website: String,
    web: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    system: String,
    name: String,
    website: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_email: Option<String>,
    organization: String,
    person: String,
    meeting: String,
    paper: String,
    agenda_item: String,
    file: String,
    location_list: String,
    /// No legislative terms are in the content: always empty.
    legislative_term: [(); 0],
    legislative_term_list: String,
    classification: &'static str,
    web: String,
    #[serde(rename = "anslag:contactPhone", skip_serializing_if = "Option::is_none")]
    contact_phone: Option<String>,
    #[serde(rename = "anslag:contactAddress", skip_serializing_if = "Option::is_none")]
    contact_address: Option<String>,
    #[serde(rename = "anslag:organizationNumber", skip_serializing_if = "Option::is_none")]
    organization_number: Option<String>,
    #[serde(rename = "anslag:noticeBoard")]
    notice_board: String,
    #[serde(rename = "anslag:paragraphsCsv")]
    paragraphs_csv: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<String>,
    meeting: String,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_organization_of: Option<String>,
    website: String,
    web: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
    meetings: Vec<String>,
    created: String,
    modified: String,
}

/// The dates of a notice on the board (a protocol's, or a § adjusted on its own).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Notice {
    posted: String,
    appeal_last_day: String,
    removal: String,
    on_board: bool,
    url: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Meeting {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    organization: Vec<String>,
    /// Embedded; withdrawn §§ are left out (they are at their own ids).
    agenda_item: Vec<AgendaItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<FileObject>,
    created: String,
    modified: String,
    web: String,
    #[serde(rename = "anslag:date")]
    date: String,
    #[serde(rename = "anslag:time", skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(rename = "anslag:adjusted")]
    adjusted: bool,
    #[serde(rename = "anslag:adjustedOn", skip_serializing_if = "Option::is_none")]
    adjusted_on: Option<String>,
    #[serde(rename = "anslag:notice", skip_serializing_if = "Option::is_none")]
    notice: Option<Notice>,
    #[serde(rename = "anslag:storage", skip_serializing_if = "Option::is_none")]
    storage: Option<String>,
    #[serde(rename = "anslag:protocol")]
    protocol: String,
}

#[derive(Debug, Clone, Serialize)]
struct Withdrawn {
    date: String,
    reason: String,
}

#[derive(Debug, Clone, Serialize)]
struct Correction {
    date: String,
    text: String,
}

/// One §. Which fields are set depends on what of it is public: see
/// [`agenda_item`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct AgendaItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    number: String,
    order: u32,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<FileObject>,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "is_false")]
    deleted: bool,
    web: String,
    #[serde(rename = "anslag:dnr", skip_serializing_if = "Vec::is_empty")]
    dnr: Vec<String>,
    #[serde(rename = "anslag:paper", skip_serializing_if = "Option::is_none")]
    paper: Option<String>,
    #[serde(rename = "anslag:notAdjusted", skip_serializing_if = "is_false")]
    not_adjusted: bool,
    #[serde(rename = "anslag:adjustedImmediately", skip_serializing_if = "Option::is_none")]
    adjusted_immediately: Option<String>,
    #[serde(rename = "anslag:notice", skip_serializing_if = "Option::is_none")]
    notice: Option<Notice>,
    #[serde(rename = "anslag:proposalTo", skip_serializing_if = "Option::is_none")]
    proposal_to: Option<String>,
    #[serde(rename = "anslag:correction", skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction>,
    #[serde(rename = "anslag:legalGround", skip_serializing_if = "Option::is_none")]
    legal_ground: Option<String>,
    #[serde(rename = "anslag:withdrawn", skip_serializing_if = "Option::is_none")]
    withdrawn: Option<Withdrawn>,
}

/// A document of a §'s matter, as its Paper lists it.
#[derive(Debug, Serialize)]
struct DocumentRef {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// The id of its File.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn: Option<Withdrawn>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<FileObject>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    under_direction_of: Vec<String>,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "is_false")]
    deleted: bool,
    web: String,
    #[serde(rename = "anslag:agendaItem")]
    agenda_item: String,
    #[serde(rename = "anslag:document", skip_serializing_if = "Vec::is_empty")]
    document: Vec<DocumentRef>,
    #[serde(rename = "anslag:withdrawn", skip_serializing_if = "Option::is_none")]
    withdrawn: Option<Withdrawn>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct FileObject {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha512_checksum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    download_url: Option<String>,
    /// Back references: only where the File is not embedded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meeting: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    paper: Vec<String>,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "is_false")]
    deleted: bool,
    #[serde(rename = "anslag:sha256Checksum", skip_serializing_if = "Option::is_none")]
    sha256_checksum: Option<String>,
    #[serde(rename = "anslag:withdrawn", skip_serializing_if = "Option::is_none")]
    withdrawn: Option<Withdrawn>,
}

/// A page of an external list.
#[derive(Debug, Serialize)]
struct ListPage<'a, T> {
    data: &'a [&'a T],
    pagination: Pagination,
    links: Links,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    total_elements: usize,
    elements_per_page: usize,
    current_page: usize,
    total_pages: usize,
}

#[derive(Debug, Serialize)]
struct Links {
    first: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(rename = "self")]
    this: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    last: String,
}

/// The bytes of an object: pretty-printed JSON with a final newline, at `oparl/<rel>`.
fn emit(rel: &str, value: &impl Serialize) -> Result<File, RenderError> {
    super::json_file(format!("{}{rel}", urls::OPARL), value)
}

/// A part's key: a SHA-256 of `tag` and what `parts` feeds it.
fn key_of(tag: &str, parts: impl FnOnce(&mut KeyHasher)) -> [u8; 32] {
    let mut h = KeyHasher::new(tag);
    parts(&mut h);
    h.finish()
}

/// Where the endpoint's files go. With the build's page keys, each part (a
/// meeting's folder, an attachment's File, a page of a list) has a key of
/// what it is made from, and a part the previous build made with the same
/// key is taken over instead of written ([`Sink::reuse`]); without them
/// (`serve`, tests) every file is made.
struct Out<'a> {
    sink: &'a dyn Sink,
    keys: Option<&'a Keys>,
    files: AtomicUsize,
    bytes: AtomicUsize,
    reused: AtomicUsize,
}

impl<'a> Out<'a> {
    fn new(sink: &'a dyn Sink, keys: Option<&'a Keys>) -> Out<'a> {
        Out { sink, keys, files: AtomicUsize::new(0), bytes: AtomicUsize::new(0), reused: AtomicUsize::new(0) }
    }

    fn write(&self, (path, bytes): File) -> Result<(), RenderError> {
        self.sink.write(&path, &bytes).map_err(|source| RenderError::Io { path: path.clone(), source })?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Puts the part at `rel` (under `oparl/`; a folder ends in `/`) into
    /// the site: taken over if the previous build made it with `key`, else
    /// made by `make` (always, without the build's keys).
    fn part(
        &self,
        rel: &str,
        key: Option<[u8; 32]>,
        make: impl FnOnce() -> Result<Vec<File>, RenderError>,
    ) -> Result<(), RenderError> {
        let path = format!("{}{rel}", urls::OPARL);
        let key = key.map(|k| hex(&k));
        if let Some(key) = &key
            && self.sink.reuse(&path, key).is_some()
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        for file in make()? {
            self.write(file)?;
        }
        if let Some(key) = &key {
            self.sink.part(&path, key);
        }
        Ok(())
    }
}

/// Every page of the list at `list` holding `items` (one empty page when
/// there are none), each item with the key of what it is made from.
fn list<'a, T: Serialize + Sync + 'a>(
    out: &Out<'_>,
    ids: &Ids,
    list: &str,
    len: usize,
    key: &(dyn Fn(usize) -> [u8; 32] + Sync),
    member: &(dyn Fn(usize) -> Result<&'a T, RenderError> + Sync),
) -> Result<(), RenderError> {
    let pages = len.div_ceil(PER_PAGE).max(1);
    let url = |n: usize| ids.url(&rel::page(list, n));
    (1..=pages).into_par_iter().try_for_each(|n| {
        let members = ((n - 1) * PER_PAGE).min(len)..(n * PER_PAGE).min(len);
        let page_key = out.keys.map(|k| {
            key_of("oparl list page", |h| {
                h.raw(k.site());
                h.raw(list.as_bytes());
                h.raw([0]);
                for number in [n, pages, len] {
                    h.raw((number as u64).to_le_bytes());
                }
                members.clone().for_each(|i| h.raw(key(i)));
            })
        });
        out.part(&rel::page(list, n), page_key, || {
            let data: Vec<&T> = members.clone().map(member).collect::<Result<_, _>>()?;
            let page = ListPage {
                data: &data,
                pagination: Pagination {
                    total_elements: len,
                    elements_per_page: PER_PAGE,
                    current_page: n,
                    total_pages: pages,
                },
                links: Links {
                    first: url(1),
                    prev: (n > 1).then(|| url(n - 1)),
                    this: url(n),
                    next: (n < pages).then(|| url(n + 1)),
                    last: url(pages),
                },
            };
            Ok(vec![emit(&rel::page(list, n), &page)?])
        })
    })
}

/// Who refers to an attachment that a text links to, and when.
#[derive(Debug)]
struct Refs {
    meeting: BTreeSet<String>,
    agenda_item: BTreeSet<String>,
    created: Date,
    modified: Date,
}

/// The objects made from one meeting.
struct MeetingObjects {
    meeting: Meeting,
    /// Every § (withdrawn ones too), as at its own id.
    items: Vec<AgendaItem>,
    papers: Vec<Paper>,
    /// The Files of its documents, with their back references.
    documents: Vec<FileObject>,
}

/// Every file of the endpoint (`serve` and the tests: nothing is taken over).
pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let memory = crate::write::Memory::default();
    write(x, None, &memory)?;
    Ok(memory.into_files().into_iter().collect())
}

/// Writes the endpoint into `sink`; with the build's page `keys`, a
/// meeting's folder, an attachment's File or a page of a list that the
/// previous build made from the same inputs is taken over (see [`Out`]).
/// Gives its stage line's figures: files written, their bytes, parts taken
/// over.
pub fn write(x: &Whole<'_>, keys: Option<&Keys>, sink: &dyn Sink) -> Result<(usize, usize, usize), RenderError> {
    let out = Out::new(sink, keys);
    let site = x.site;
    let c = &site.config;
    let ids = Ids::new(&c.base_url);
    let home = ids.abs(urls::HOME);
    let body_id = ids.url(rel::BODY);
    out.write(emit(
        rel::SYSTEM,
        &System {
            id: ids.url(rel::SYSTEM),
            kind: kind("System"),
            oparl_version: NAMESPACE,
            name: c.municipality.clone(),
            body: ids.url(rel::BODIES),
            contact_email: c.contact.email.clone(),
            website: home.clone(),
            web: home.clone(),
        },
    )?)?;
    out.write(emit(rel::PERSONS, &empty(&ids, rel::PERSONS))?)?;
    out.write(emit(rel::LEGISLATIVE_TERMS, &empty(&ids, rel::LEGISLATIVE_TERMS))?)?;
    let body = Body {
        id: body_id.clone(),
        kind: kind("Body"),
        system: ids.url(rel::SYSTEM),
        name: c.municipality.clone(),
        website: home.clone(),
        contact_email: c.contact.email.clone(),
        organization: ids.url(rel::ORGANIZATIONS),
        person: ids.url(rel::PERSONS),
        meeting: ids.url(rel::MEETINGS),
        paper: ids.url(rel::PAPERS),
        agenda_item: ids.url(rel::AGENDA_ITEMS),
        file: ids.url(rel::FILES),
        location_list: ids.url(rel::LOCATIONS),
        legislative_term: [],
        legislative_term_list: ids.url(rel::LEGISLATIVE_TERMS),
        classification: "kommun",
        web: home.clone(),
        contact_phone: c.contact.phone.clone(),
        contact_address: c.contact.address.clone(),
        organization_number: c.contact.org_number.clone(),
        notice_board: ids.abs(&format!("{}{}", urls::DATA, super::data::BOARD)),
        paragraphs_csv: ids.abs(&format!("{}{}", urls::DATA, super::data::PARAGRAPHS_CSV)),
    };
    out.write(emit(rel::BODY, &body)?)?;
    // The bodies and organizations lists are made from the site's settings
    // and bodies alone, which the site key (in every list page's key) holds.
    list(&out, &ids, rel::BODIES, 1, &|_| [0; 32], &|_| Ok(&body))?;
    let organizations: Vec<Organization> = site.bodies.iter().map(|b| organization(site, b, &ids, &body_id)).collect();
    for o in &organizations {
        out.write(emit(&o.id[ids.url("").len()..], o)?)?;
    }
    list(&out, &ids, rel::ORGANIZATIONS, organizations.len(), &|_| [0; 32], &|n| Ok(&organizations[n]))?;

    let refs = attachment_refs(site, &ids);
    let attachment = |path: &str| attachment_file(x, &ids, path, &refs[path], false);
    let jobs: Vec<(usize, usize)> =
        site.bodies.iter().enumerate().flat_map(|(b, body)| (0..body.meetings.len()).map(move |i| (b, i))).collect();
    // A meeting's objects are made when its folder or a page of a list
    // that embeds them is made, once (on a daily build: a few meetings).
    let cells: Vec<std::sync::OnceLock<Result<MeetingObjects, String>>> =
        jobs.iter().map(|_| Default::default()).collect();
    let objects = |k: usize| -> Result<&MeetingObjects, RenderError> {
        let (b, i) = jobs[k];
        let made = cells[k].get_or_init(|| {
            let (body, m) = (&site.bodies[b], &*site.bodies[b].meetings[i]);
            meeting_objects(x, &ids, body, m, &body_id, &attachment).map_err(|e| e.to_string())
        });
        made.as_ref().map_err(|e| RenderError::Whole(e.clone()))
    };
    let meeting_keys: Vec<[u8; 32]> = jobs
        .par_iter()
        .enumerate()
        .map(|(k, &(b, i))| {
            let m = &*site.bodies[b].meetings[i];
            let key = keys.map(|keys| meeting_key(x, keys.meeting(b, i), m, &refs));
            out.part(&rel::meeting_folder(&m.id), key, || {
                let objects = objects(k)?;
                let mut files = vec![emit(&rel::meeting(&m.id), &objects.meeting)?];
                if let Some(l) = &objects.meeting.location {
                    files.push(emit(&rel::location(&m.id), l)?);
                }
                for (p, item) in m.paragraphs.iter().zip(&objects.items) {
                    files.push(emit(&rel::agenda_item(&m.id, p.number), item)?);
                }
                for paper in &objects.papers {
                    files.push(emit(&paper.id[ids.url("").len()..], paper)?);
                }
                for f in &objects.documents {
                    files.push(emit(&f.id[ids.url("").len()..], f)?);
                }
                Ok(files)
            })?;
            Ok(key.unwrap_or_default())
        })
        .collect::<Result<_, RenderError>>()?;
    let attachments: Vec<(FileObject, [u8; 32])> = refs
        .par_iter()
        .map(|(path, r)| {
            let f = attachment_file(x, &ids, path, r, true)?;
            let key = keys.map(|k| {
                key_of("oparl attachment", |h| {
                    h.raw(k.site());
                    let _ = write!(h, "{path:?} {r:?} {:?}", digest_of(x, path));
                })
            });
            out.part(&rel::attachment(path), key, || Ok(vec![emit(&rel::attachment(path), &f)?]))?;
            Ok((f, key.unwrap_or_default()))
        })
        .collect::<Result<_, RenderError>>()?;

    // The members of the lists, as (meeting, n-th of its kind in it), in
    // the meetings' order; counted from the model ([`Listed::of`]) so that
    // a page of a list whose key is unchanged needs no object made.
    let (mut items, mut papers, mut files, mut locations) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (k, &(b, i)) in jobs.iter().enumerate() {
        let listed = Listed::of(&site.bodies[b].meetings[i]);
        items.extend((0..listed.items).map(|n| (k, n)));
        papers.extend((0..listed.papers).map(|n| (k, n)));
        files.extend((0..listed.documents).map(|n| (k, n)));
        locations.extend(listed.location.then_some(k));
    }
    let key = |k: usize| meeting_keys[k];
    let missing = |kind: &str, n: usize| {
        RenderError::Whole(format!("{}: {kind} {n} of a list is not among its meeting's objects", urls::OPARL))
    };
    let meeting = |k: usize| objects(k).map(|o| &o.meeting);
    let mut from = 0;
    // (`jobs` holds the meetings body by body.)
    for body in &site.bodies {
        let count = body.meetings.len();
        list(&out, &ids, &rel::organization_meetings(&body.slug), count, &|n| key(from + n), &|n| meeting(from + n))?;
        from += count;
    }
    list(&out, &ids, rel::MEETINGS, jobs.len(), &key, &meeting)?;
    list(&out, &ids, rel::LOCATIONS, locations.len(), &|n| key(locations[n]), &|n| {
        meeting(locations[n])?.location.as_ref().ok_or_else(|| missing("Location", n))
    })?;
    list(&out, &ids, rel::AGENDA_ITEMS, items.len(), &|n| key(items[n].0), &|n| {
        let (k, j) = items[n];
        objects(k)?.items.iter().filter(|i| !i.deleted).nth(j).ok_or_else(|| missing("AgendaItem", n))
    })?;
    list(&out, &ids, rel::PAPERS, papers.len(), &|n| key(papers[n].0), &|n| {
        let (k, j) = papers[n];
        objects(k)?.papers.iter().filter(|p| !p.deleted).nth(j).ok_or_else(|| missing("Paper", n))
    })?;
    let all_files = files.len() + attachments.len();
    let file_key = |n: usize| if n < files.len() { key(files[n].0) } else { attachments[n - files.len()].1 };
    list(&out, &ids, rel::FILES, all_files, &file_key, &|n| {
        if n >= files.len() {
            return Ok(&attachments[n - files.len()].0);
        }
        let (k, j) = files[n];
        objects(k)?.documents.iter().filter(|f| !f.deleted).nth(j).ok_or_else(|| missing("File", n))
    })?;
    Ok((out.files.into_inner(), out.bytes.into_inner(), out.reused.into_inner()))
}

/// How many of a meeting's objects the lists hold (those not deleted),
/// counted from the model the way [`meeting_objects`] makes them (a unit
/// test holds the two together on every meeting of the example site).
#[derive(Debug, PartialEq, Eq)]
struct Listed {
    items: usize,
    papers: usize,
    documents: usize,
    location: bool,
}

impl Listed {
    fn of(m: &model::Meeting) -> Listed {
        let mut listed = Listed { items: 0, papers: 0, documents: 0, location: m.place.is_some() };
        for p in &m.paragraphs {
            match &p.content {
                Content::Withdrawn { .. } => {}
                Content::Confidential { .. } => listed.items += 1,
                Content::Agenda { dnr, .. } => {
                    listed.items += 1;
                    listed.papers += usize::from(!dnr.is_empty());
                }
                Content::Public(x) => {
                    listed.items += 1;
                    listed.papers += usize::from(!x.dnr.is_empty());
                    listed.documents +=
                        x.documents.iter().filter(|d| d.file.is_some() && d.withdrawn.is_none()).count();
                }
            }
        }
        listed
    }
}

/// An attachment's length and SHA-256, as a key reads them (`None` when it
/// cannot be read: making its File then fails with the reason).
fn digest_of(x: &Whole<'_>, path: &str) -> Option<(u64, [u8; 32])> {
    crate::files::digest(&x.content.join(path)).ok().map(|d| (d.len, d.sha256))
}

/// The key of a meeting's folder: its pages' key (the meeting as modelled on
/// the day, its dates against the day, its notices and their record, the
/// site key; [`Keys::meeting`]) and what its objects read besides: the
/// checksums of its files, and when the attachments it links to were first
/// and last referred to (by any meeting or notice).
fn meeting_key(x: &Whole<'_>, page_key: [u8; 32], m: &model::Meeting, refs: &BTreeMap<String, Refs>) -> [u8; 32] {
    key_of("oparl meeting", |h| {
        h.raw(page_key);
        // The days its objects give as created and modified: the first is the
        // build's date itself while the meeting is neither held nor announced
        // (its agenda is public that day), which no date comparison shows.
        let _ = writeln!(h, "{} {}", first_day(x.site, m), meeting_modified(x.site, m));
        for path in m.files() {
            let r = refs.get(path).map(|r| (r.created, r.modified));
            let _ = writeln!(h, "{path:?} {:?} {r:?}", digest_of(x, path));
        }
    })
}

/// An empty list, on one page.
fn empty(ids: &Ids, at: &str) -> serde_json::Value {
    let url = ids.url(at);
    serde_json::json!({
        "data": [],
        "pagination": { "totalElements": 0, "elementsPerPage": PER_PAGE, "currentPage": 1, "totalPages": 1 },
        "links": { "first": url, "self": url, "last": url },
    })
}

fn organization(site: &Site, b: &model::Body, ids: &Ids, body_id: &str) -> Organization {
    let parent = b.parent.as_deref().filter(|slug| site.bodies.iter().any(|o| &o.slug == slug));
    let page = ids.abs(&urls::body(&b.slug));
    Organization {
        id: ids.url(&rel::organization(&b.slug)),
        kind: kind("Organization"),
        body: body_id.to_owned(),
        name: b.name.clone(),
        short_name: b.short_name.clone(),
        meeting: ids.url(&rel::organization_meetings(&b.slug)),
        classification: super::data::classification(b.kind),
        sub_organization_of: parent.map(|slug| ids.url(&rel::organization(slug))),
        website: page.clone(),
        web: page,
    }
}

/// The attachments texts link to (a meeting's introduction, a public §'s
/// text, a posted notice), by path, with who refers to them: the
/// earliest and latest day of those.
fn attachment_refs(site: &Site, ids: &Ids) -> BTreeMap<String, Refs> {
    fn add<'a>(refs: &'a mut BTreeMap<String, Refs>, path: &str, day: Date, modified: Date) -> &'a mut Refs {
        let r = refs.entry(path.to_owned()).or_insert_with(|| Refs {
            meeting: BTreeSet::new(),
            agenda_item: BTreeSet::new(),
            created: day,
            modified,
        });
        r.created = r.created.min(day);
        r.modified = r.modified.max(modified);
        r
    }
    let mut refs: BTreeMap<String, Refs> = BTreeMap::new();
    for m in site.meetings() {
        let (first, when) = (first_day(site, m), meeting_modified(site, m));
        for path in &m.linked {
            add(&mut refs, path, first, when).meeting.insert(ids.url(&rel::meeting(&m.id)));
        }
        for p in &m.paragraphs {
            if let Content::Public(x) = &p.content {
                let when = item_modified(site, m, p);
                for path in &x.linked {
                    add(&mut refs, path, first, when).agenda_item.insert(ids.url(&rel::agenda_item(&m.id, p.number)));
                }
            }
        }
    }
    for n in site.notices.iter().filter(|n| n.posted <= site.today) {
        for path in &n.linked {
            add(&mut refs, path, n.posted, n.posted);
        }
    }
    refs
}

/// The File of an attachment a text links to; with its back references
/// when it is not embedded.
fn attachment_file(x: &Whole<'_>, ids: &Ids, path: &str, r: &Refs, own: bool) -> Result<FileObject, RenderError> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let name = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem).to_owned();
    let mut f = content_file(x, ids, ids.url(&rel::attachment(path)), name, path, None, r.created, r.modified)?;
    if own {
        f.meeting = r.meeting.iter().cloned().collect();
        f.agenda_item = r.agenda_item.iter().cloned().collect();
    }
    Ok(f)
}

/// A File of the attachment at `path` (content-relative), read for its size and checksums.
#[allow(clippy::too_many_arguments)]
fn content_file(
    x: &Whole<'_>,
    ids: &Ids,
    id: String,
    name: String,
    path: &str,
    date: Option<Date>,
    created: Date,
    modified: Date,
) -> Result<FileObject, RenderError> {
    let d = crate::files::digest(&x.content.join(path))
        .map_err(|source| RenderError::Io { path: path.to_owned(), source })?;
    let file_name = path.rsplit('/').next().unwrap_or(path).to_owned();
    let url = ids.file(path);
    Ok(FileObject {
        id,
        kind: kind("File"),
        name,
        mime_type: Some(media_type(&file_name)),
        file_name: Some(file_name),
        date: date.map(|d| d.to_string()),
        size: Some(d.len),
        sha512_checksum: Some(hex(&d.sha512)),
        access_url: Some(url.clone()),
        download_url: Some(url),
        meeting: Vec::new(),
        agenda_item: Vec::new(),
        paper: Vec::new(),
        created: stamp(created),
        modified: stamp(modified),
        deleted: false,
        sha256_checksum: Some(hex(&d.sha256)),
        withdrawn: None,
    })
}

/// The day a meeting's objects were first public: its date, or the day the
/// first kungörelse announcing it went up if earlier, but never after the
/// build's date (an announced meeting's agenda is public on the build's date).
fn first_day(site: &Site, m: &model::Meeting) -> Date {
    let announced = site.announcements(&m.id).map(|n| n.posted).min();
    announced.map_or(m.id.date, |d| d.min(m.id.date)).min(site.today)
}

/// The day a meeting's objects last changed, as far as the build's date
/// `today` shows: its date, adjustment, the posting and removal of its
/// notice (those not after `today`; `onBoard` changes then), and the latest
/// change of any §.
fn meeting_modified(site: &Site, m: &model::Meeting) -> Date {
    let today = site.today;
    let mut day = first_day(site, m);
    if let Adjustment::Adjusted { on, board } = m.adjustment {
        day = day.max(on);
        for d in [board.posted, board.removal] {
            if d <= today {
                day = day.max(d);
            }
        }
    }
    m.paragraphs.iter().map(|p| item_modified(site, m, p)).fold(day, Date::max)
}

/// The day a § last changed: the meeting's date, the day the § became
/// public (the protocol's or its own adjustment), the posting and removal of
/// its own notice (those not after `today`), its corrections and the
/// withdrawal of it or of a document.
fn item_modified(site: &Site, m: &model::Meeting, p: &Paragraph) -> Date {
    let today = site.today;
    let mut day = first_day(site, m);
    if let Adjustment::Adjusted { on, .. } = m.adjustment {
        day = day.max(on);
    }
    if let Some(i) = &p.immediate {
        day = day.max(i.on);
        for d in [i.board.posted, i.board.removal] {
            if d <= today {
                day = day.max(d);
            }
        }
    }
    match &p.content {
        Content::Public(x) => {
            for c in &x.corrections {
                day = day.max(c.date);
            }
            for d in &x.documents {
                if let Some(w) = &d.withdrawn {
                    day = day.max(w.date);
                }
            }
        }
        Content::Withdrawn { withdrawal, .. } => day = day.max(withdrawal.date),
        Content::Confidential { .. } | Content::Agenda { .. } => {}
    }
    day
}

fn notice(board: &BoardDates, today: Date, url: String) -> Option<Notice> {
    (board.posted <= today).then(|| Notice {
        posted: board.posted.to_string(),
        appeal_last_day: board.appeal_last_day.to_string(),
        removal: board.removal.to_string(),
        on_board: board.is_on_board(today),
        url,
    })
}

fn meeting_objects(
    x: &Whole<'_>,
    ids: &Ids,
    b: &model::Body,
    m: &model::Meeting,
    body_id: &str,
    attachment: &(dyn Fn(&str) -> Result<FileObject, RenderError> + Sync),
) -> Result<MeetingObjects, RenderError> {
    let site = x.site;
    let today = site.today;
    let id = ids.url(&rel::meeting(&m.id));
    let organization = ids.url(&rel::organization(&b.slug));
    let mut items = Vec::with_capacity(m.paragraphs.len());
    let mut papers = Vec::new();
    let mut documents = Vec::new();
    for p in &m.paragraphs {
        items.push(agenda_item(x, ids, m, p, &id, &organization, body_id, attachment, &mut papers, &mut documents)?);
    }
    let (start, end) = match m.time.as_deref().and_then(|t| super::data::time::span(m.id.date, t)) {
        Some((start, end)) => (Some(start), end),
        None => (None, None),
    };
    let (adjusted_on, notice) = match m.adjustment {
        Adjustment::Adjusted { on, board } => (Some(on), notice(&board, today, ids.abs(&urls::protocol_notice(m)))),
        Adjustment::NotAdjusted => (None, None),
    };
    let (created, modified) = (stamp(first_day(site, m)), stamp(meeting_modified(site, m)));
    let location = m.place.as_ref().map(|place| Location {
        id: ids.url(&rel::location(&m.id)),
        kind: kind("Location"),
        description: place.clone(),
        meetings: vec![id.clone()],
        created: created.clone(),
        modified: modified.clone(),
    });
    let meeting = Meeting {
        id,
        kind: kind("Meeting"),
        name: format!("{} {}", b.name, views::meeting_label(m)),
        start,
        end,
        location,
        organization: vec![organization],
        agenda_item: items.iter().filter(|i| !i.deleted).cloned().collect(),
        auxiliary_file: m.linked.iter().map(|path| attachment(path)).collect::<Result<_, _>>()?,
        created,
        modified,
        web: ids.abs(&urls::meeting(&m.id)),
        date: m.id.date.to_string(),
        time: m.time.clone(),
        adjusted: adjusted_on.is_some(),
        adjusted_on: adjusted_on.map(|on| on.to_string()),
        notice,
        storage: m.storage.clone(),
        protocol: ids.abs(&urls::protocol(&m.id)),
    };
    Ok(MeetingObjects { meeting, items, papers, documents })
}

/// The AgendaItem of a § (and its Paper and document Files, pushed to
/// `papers` and `documents`):
///
/// - public and adjusted: everything OParl has a field for, and the
///   extensions;
/// - not adjusted (the agenda): number, title, Dnr, `anslag:notAdjusted`;
/// - confidential: number, public title, `public: false` and
///   `anslag:legalGround`, nothing else;
/// - withdrawn: `deleted: true` with its number, title and the note (its
///   Paper too).
#[allow(clippy::too_many_arguments)]
fn agenda_item(
    x: &Whole<'_>,
    ids: &Ids,
    m: &model::Meeting,
    p: &Paragraph,
    meeting_id: &str,
    organization: &str,
    body_id: &str,
    attachment: &(dyn Fn(&str) -> Result<FileObject, RenderError> + Sync),
    papers: &mut Vec<Paper>,
    documents: &mut Vec<FileObject>,
) -> Result<AgendaItem, RenderError> {
    let today = x.site.today;
    let id = ids.url(&rel::agenda_item(&m.id, p.number));
    let paper_id = ids.url(&rel::paper(&m.id, p.number));
    let web = ids.abs(&urls::paragraph(&m.id, p.number));
    let (created, modified) = (stamp(first_day(x.site, m)), stamp(item_modified(x.site, m, p)));
    let mut item = AgendaItem {
        id: id.clone(),
        kind: kind("AgendaItem"),
        meeting: meeting_id.to_owned(),
        number: format!("§ {}", p.number),
        order: p.number,
        name: p.content.title().to_owned(),
        public: None,
        resolution_text: None,
        auxiliary_file: Vec::new(),
        created: created.clone(),
        modified: modified.clone(),
        deleted: false,
        web: web.clone(),
        dnr: Vec::new(),
        paper: None,
        not_adjusted: false,
        adjusted_immediately: None,
        notice: None,
        proposal_to: None,
        correction: Vec::new(),
        legal_ground: None,
        withdrawn: None,
    };
    let paper = |name: &str, dnr: &[String]| Paper {
        id: paper_id.clone(),
        kind: kind("Paper"),
        body: Some(body_id.to_owned()),
        name: name.to_owned(),
        reference: Some(dnr.join(", ")),
        date: Some(m.id.date.to_string()),
        auxiliary_file: Vec::new(),
        under_direction_of: vec![organization.to_owned()],
        created: created.clone(),
        modified: modified.clone(),
        deleted: false,
        web: web.clone(),
        agenda_item: id.clone(),
        document: Vec::new(),
        withdrawn: None,
    };
    match &p.content {
        Content::Confidential { legal_ground, .. } => {
            item.public = Some(false);
            item.legal_ground = Some(legal_ground.clone());
        }
        Content::Agenda { dnr, .. } => {
            item.public = Some(true);
            item.dnr = dnr.clone();
            item.not_adjusted = true;
            if !dnr.is_empty() {
                papers.push(paper(&item.name, dnr));
                item.paper = Some(paper_id.clone());
            }
        }
        Content::Withdrawn { withdrawal, .. } => {
            let withdrawn = Withdrawn { date: withdrawal.date.to_string(), reason: withdrawal.reason.clone() };
            item.deleted = true;
            item.withdrawn = Some(withdrawn.clone());
            // Its Paper, if it had one, is taken down with it: an object
            // with only what a deleted one keeps.
            papers.push(Paper {
                body: None,
                reference: None,
                date: None,
                under_direction_of: Vec::new(),
                deleted: true,
                withdrawn: Some(withdrawn),
                ..paper(&item.name, &[])
            });
        }
        Content::Public(x_) => {
            item.public = Some(true);
            item.dnr = x_.dnr.clone();
            item.resolution_text =
                x_.decision.as_ref().map(|d| crate::markdown::plain_text(&d.text)).filter(|t| !t.is_empty());
            item.auxiliary_file = x_.linked.iter().map(|path| attachment(path)).collect::<Result<_, _>>()?;
            item.adjusted_immediately = p.immediate.map(|i| i.on.to_string());
            item.notice =
                p.immediate.and_then(|i| notice(&i.board, today, ids.abs(&urls::paragraph_notice(&m.id, p.number))));
            item.proposal_to = match &x_.outcome {
                Outcome::Proposal { to, .. } => Some(to.clone()),
                _ => None,
            };
            item.correction =
                x_.corrections.iter().map(|c| Correction { date: c.date.to_string(), text: c.text.clone() }).collect();
            let mut own = Vec::new();
            let mut refs = Vec::new();
            for (k, d) in x_.documents.iter().enumerate() {
                let file_id = ids.url(&rel::document(&m.id, p.number, k + 1));
                let withdrawn =
                    d.withdrawn.as_ref().map(|w| Withdrawn { date: w.date.to_string(), reason: w.reason.clone() });
                let file = match (&d.file, &withdrawn) {
                    (Some(path), None) => Some(content_file(
                        x,
                        ids,
                        file_id.clone(),
                        d.title.clone(),
                        path,
                        d.date,
                        first_day(x.site, m),
                        item_modified(x.site, m, p),
                    )?),
                    _ => None,
                };
                refs.push(DocumentRef {
                    name: d.title.clone(),
                    date: d.date.map(|d| d.to_string()),
                    file: (file.is_some() || withdrawn.is_some()).then(|| file_id.clone()),
                    withdrawn: withdrawn.clone(),
                });
                match (file, withdrawn) {
                    (Some(f), _) => own.push(f),
                    // A document taken down: its File stays at its id, deleted.
                    (None, Some(w)) => documents.push(FileObject {
                        id: file_id,
                        kind: kind("File"),
                        name: d.title.clone(),
                        file_name: None,
                        mime_type: None,
                        date: None,
                        size: None,
                        sha512_checksum: None,
                        access_url: None,
                        download_url: None,
                        meeting: Vec::new(),
                        agenda_item: Vec::new(),
                        paper: Vec::new(),
                        created: created.clone(),
                        modified: stamp(item_modified(x.site, m, p)),
                        deleted: true,
                        sha256_checksum: None,
                        withdrawn: Some(w),
                    }),
                    (None, None) => {}
                }
            }
            if !x_.dnr.is_empty() {
                let mut paper = paper(&x_.title, &x_.dnr);
                paper.auxiliary_file = own.clone();
                paper.document = refs;
                papers.push(paper);
                item.paper = Some(paper_id.clone());
            }
            for mut f in own {
                f.agenda_item = vec![id.clone()];
                if !x_.dnr.is_empty() {
                    f.paper = vec![paper_id.clone()];
                }
                documents.push(f);
            }
        }
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingId;

    #[test]
    fn ids_are_absolute_and_encoded() {
        let ids = Ids::new("https://www.exempelby.se/protokoll/");
        let m = MeetingId { body: "ks".into(), date: jiff::civil::date(2026, 11, 9), suffix: Some("extra".into()) };
        assert_eq!(
            ids.url(&rel::meeting(&m)),
            "https://www.exempelby.se/protokoll/oparl/meeting/ks/2026-11-09-extra/meeting.json"
        );
        assert_eq!(
            ids.url(&rel::agenda_item(&m, 7)),
            "https://www.exempelby.se/protokoll/oparl/meeting/ks/2026-11-09-extra/agendaitem/7.json"
        );
        assert_eq!(
            ids.url(&rel::document(&m, 7, 2)),
            "https://www.exempelby.se/protokoll/oparl/meeting/ks/2026-11-09-extra/file/7-2.json"
        );
        assert_eq!(
            ids.url(&rel::attachment("ks/2026-11-09/bilagor/Plan #1 ö.pdf")),
            "https://www.exempelby.se/protokoll/oparl/file/bilaga/ks/2026-11-09/bilagor/Plan%20%231%20%C3%B6.pdf.json"
        );
        assert_eq!(Ids::new("https://x.se").url(rel::SYSTEM), "https://x.se/oparl/system.json");
    }

    #[test]
    fn pages_of_a_list_are_named_and_linked() {
        assert_eq!(rel::page("meetings.json", 1), "meetings.json");
        assert_eq!(rel::page("organization/ks/meetings.json", 3), "organization/ks/meetings-3.json");
        let ids = Ids::new("https://x.se/");
        let numbers: Vec<u32> = (0..250).collect();
        let refs: Vec<(&u32, [u8; 32])> = numbers.iter().map(|n| (n, [0; 32])).collect();
        let pages = listed(&ids, rel::MEETINGS, &refs);
        let names: BTreeSet<&str> = pages.keys().map(String::as_str).collect();
        assert_eq!(names, ["oparl/meetings.json", "oparl/meetings-2.json", "oparl/meetings-3.json"].into());
        let second: serde_json::Value = serde_json::from_slice(&pages["oparl/meetings-2.json"]).expect("JSON");
        assert_eq!(second["data"][0], 100);
        assert_eq!(second["pagination"]["currentPage"], 2);
        assert_eq!(second["pagination"]["totalPages"], 3);
        assert_eq!(second["pagination"]["totalElements"], 250);
        assert_eq!(second["links"]["next"], "https://x.se/oparl/meetings-3.json");
        assert_eq!(second["links"]["prev"], "https://x.se/oparl/meetings.json");
        let last: serde_json::Value = serde_json::from_slice(&pages["oparl/meetings-3.json"]).expect("JSON");
        assert_eq!(last["data"].as_array().map(Vec::len), Some(50));
        assert!(last["links"].get("next").is_none(), "the last page has no next");
        let none = listed::<u32>(&ids, rel::PAPERS, &[]);
        assert_eq!(none.len(), 1, "an empty list is one page");
    }

    /// The pages of a list, made in memory (nothing to take over).
    fn listed<T: Serialize + Sync>(ids: &Ids, at: &str, items: &[(&T, [u8; 32])]) -> BTreeMap<String, Vec<u8>> {
        let memory = crate::write::Memory::default();
        list(&Out::new(&memory, None), ids, at, items.len(), &|n| items[n].1, &|n| Ok(items[n].0)).expect("made");
        memory.into_files()
    }

    /// The lists are paged by counts taken from the model ([`Listed`]):
    /// they are what the objects made hold, on every meeting of the
    /// example, on days before, during and after its protocols' notices.
    #[test]
    fn the_lists_count_what_the_objects_hold() {
        let mut meetings = 0;
        for today in ["2026-10-01", "2026-11-12", "2026-11-25", "2027-03-01"] {
            let site = crate::render::testing::example_site(today);
            let (labels, sizes, content) =
                (crate::render::labels(&site), crate::render::Sizes::new(), crate::render::testing::example_content());
            let x = Whole { site: &site, labels: &labels, sizes: &sizes, content: &content };
            let ids = Ids::new(&site.config.base_url);
            let refs = attachment_refs(&site, &ids);
            let attachment = |path: &str| attachment_file(&x, &ids, path, &refs[path], false);
            for body in &site.bodies {
                for m in &body.meetings {
                    let o = meeting_objects(&x, &ids, body, m, &ids.url(rel::BODY), &attachment).expect("objects");
                    let made = Listed {
                        items: o.items.iter().filter(|i| !i.deleted).count(),
                        papers: o.papers.iter().filter(|p| !p.deleted).count(),
                        documents: o.documents.iter().filter(|f| !f.deleted).count(),
                        location: o.meeting.location.is_some(),
                    };
                    assert_eq!(Listed::of(m), made, "{} on {today}", m.id.path());
                    meetings += 1;
                }
            }
        }
        assert!(meetings > 40);
    }

    /// The example's endpoint on two days, by path.
    fn example(today: &str) -> BTreeMap<String, serde_json::Value> {
        let site = crate::render::testing::example_site(today);
        crate::render::testing::whole_files(&site, files)
            .into_iter()
            .map(|(path, bytes)| (path, serde_json::from_slice(&bytes).expect("JSON")))
            .collect()
    }

    #[test]
    fn every_object_is_dated_from_the_content_and_a_day_later_only_what_changed_is_newer() {
        let before = example("2026-11-24");
        let after = example("2026-11-25");
        let mut newer = 0;
        for (path, v) in &after {
            if let (Some(c), Some(m)) = (v["created"].as_str(), v["modified"].as_str()) {
                assert!(c <= m, "{path}: created {c} after modified {m}");
                assert!(m <= "2026-11-25T24", "{path}: modified {m} after the build's date");
                if let Some(old) = before.get(path)
                    && old["modified"] != v["modified"]
                {
                    assert_ne!(old, v, "{path}: modified moved but nothing changed");
                    newer += 1;
                }
            }
            // An object that changed between the two days has a newer `modified`.
            if let Some(old) = before.get(path)
                && old != v
                && v.get("modified").is_some()
                && v.get("data").is_none()
            {
                assert!(old["modified"].as_str() < v["modified"].as_str(), "{path} changed without a newer modified");
            }
        }
        assert!(newer > 0, "something changed on 2026-11-25");
    }

    #[test]
    fn a_withdrawn_paragraph_is_deleted_at_its_id_and_left_out_of_its_meeting_and_the_lists() {
        let files = example("2026-11-25");
        let item = &files["oparl/meeting/bygg-och-miljonamnden/2025-04-16/agendaitem/2.json"];
        assert_eq!(item["deleted"], true);
        let day = item["anslag:withdrawn"]["date"].as_str().expect("the day withdrawn");
        assert_eq!(item["modified"].as_str(), Some(stamp(day.parse().expect("a date")).as_str()));
        assert!(item.get("resolutionText").is_none() && item.get("public").is_none());
        let meeting = &files["oparl/meeting/bygg-och-miljonamnden/2025-04-16/meeting.json"];
        let embedded: Vec<&serde_json::Value> =
            meeting["agendaItem"].as_array().expect("items").iter().map(|i| &i["id"]).collect();
        assert!(!embedded.contains(&&item["id"]), "the meeting embeds the withdrawn §");
        assert!(!embedded.is_empty());
        for (path, v) in files.iter().filter(|(_, v)| v.get("data").is_some()) {
            assert!(v["data"].as_array().expect("data").iter().all(|o| o["id"] != item["id"]), "{path}");
        }
        // A withdrawn document keeps its File's id, deleted, with no address.
        let doc = &files["oparl/meeting/kommunstyrelsen/2025-12-01/file/110-1.json"];
        assert_eq!(doc["deleted"], true);
        assert!(doc.get("accessUrl").is_none() && doc["anslag:withdrawn"]["date"].is_string());
    }

    #[test]
    fn stamps_are_midnight_in_swedish_time() {
        assert_eq!(stamp(jiff::civil::date(2026, 11, 9)), "2026-11-09T00:00:00+01:00");
        assert_eq!(stamp(jiff::civil::date(2026, 6, 15)), "2026-06-15T00:00:00+02:00");
    }
}
