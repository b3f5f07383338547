//! The search index: every public paragraph, meeting and notice as a
//! Pagefind record (its plain text, its title, filters `organ` (body name)
//! and `ar` (year)), indexed with Pagefind's own Rust API and Swedish
//! stemming, written under [`urls::SEARCH_INDEX`] with Pagefind's script.
//! The records are made from the model with the same redaction as the
//! pages: a confidential paragraph gives only its number, public title and
//! legal ground. Records are added in the site's fixed page order, so the
//! same content gives the same index (tested with the whole build).

use super::pages::{self, PageRef};
use super::{File, RenderError, Whole, urls};
use crate::files::KeyHasher;
use crate::markdown::plain_text;
use crate::model::*;
use crate::present::{Labels, meeting_label};
use crate::write::Sink;
use std::collections::BTreeMap;

/// One thing to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page's address from the site's root, with a leading `/` (the
    /// search page tells Pagefind where the root is).
    pub url: String,
    pub title: String,
    pub text: String,
    pub body: Option<String>,
    pub year: i16,
    /// The quarter of its year (1–4): the newest year's records are
    /// indexed by quarter ([`shards`]).
    pub quarter: u8,
}

/// The quarter (1–4) of `date`'s year.
fn quarter(date: Date) -> u8 {
    (date.month() as u8 - 1) / 3 + 1
}

pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    index(records(x.site, x.labels))
}

/// Every record of the site, in page order.
pub fn records(site: &Site, labels: &Labels) -> Vec<Record> {
    drafts(site, labels).into_iter().map(|d| d.finish(site, labels)).collect()
}

/// Where a record's text comes from: made already (a few dates), or made
/// from the model when its index has to be made (Markdown to plain text is
/// most of what the records cost, and a daily build makes no index again).
#[derive(Debug, Clone, Copy)]
enum Source {
    Ready,
    Meeting(usize, usize),
    Paragraph(usize, usize, usize),
    Notice(usize),
}

/// A record whose text may not be made yet.
#[derive(Debug, Clone)]
struct Draft {
    record: Record,
    source: Source,
}

impl Draft {
    fn ready(record: Record) -> Draft {
        Draft { record, source: Source::Ready }
    }

    /// The record with its text.
    fn finish(mut self, site: &Site, labels: &Labels) -> Record {
        let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_owned());
        self.record.text = match self.source {
            Source::Ready => return self.record,
            Source::Meeting(b, i) => {
                let m = &site.bodies[b].meetings[i];
                let mut text = vec![m.place.clone().unwrap_or_default()];
                text.extend(m.intro.as_ref().map(|md| plain_text(&md.text)));
                text.extend(m.paragraphs.iter().map(|p| format!("§ {} {}", p.number, public_title(p))));
                join(text)
            }
            Source::Paragraph(b, i, k) => {
                let p = &site.bodies[b].meetings[i].paragraphs[k];
                let text = match &p.content {
                    Content::Public(x) => {
                        let mut text = vec![x.dnr.join(" ")];
                        text.extend(x.decision.as_ref().map(|d| plain_text(&d.text)));
                        text.extend(x.proposal.as_ref().map(|d| plain_text(&d.text)));
                        text.push(plain_text(&x.text.text));
                        text.extend(x.documents.iter().map(|d| d.title.clone()));
                        text.extend(x.recipients.iter().cloned());
                        text
                    }
                    Content::Confidential { legal_ground, .. } => {
                        vec![format!("{} {legal_ground}", label("confidential"))]
                    }
                    Content::Agenda { dnr, .. } => vec![dnr.join(" "), label("not_adjusted")],
                    Content::Withdrawn { .. } => Vec::new(),
                };
                join(text)
            }
            Source::Notice(i) => plain_text(&site.notices[i].text.text),
        };
        self.record
    }

    /// What the text is made from, into a key: the text itself when made,
    /// else the hash of the meeting it is made from (as modelled on the day,
    /// [`super::keys::models`]: it holds the § too).
    fn key_into(&self, from: Option<&Sources<'_>>, h: &mut KeyHasher) {
        let mut field = |bytes: &[u8]| h.bytes(bytes);
        let r = &self.record;
        field(r.url.as_bytes());
        field(r.title.as_bytes());
        field(r.body.as_deref().unwrap_or("\u{0}").as_bytes());
        field(&r.year.to_le_bytes());
        field(&[r.quarter]);
        let Some(from) = from else { return field(r.text.as_bytes()) };
        match self.source {
            Source::Ready => field(r.text.as_bytes()),
            Source::Meeting(b, i) => field(&from.models[b][i]),
            Source::Paragraph(b, i, k) => {
                field(&from.models[b][i]);
                field(&(k as u64).to_le_bytes());
            }
            Source::Notice(i) => field(from.site.notices[i].text.text.as_bytes()),
        }
    }
}

/// Every record of the site, in page order, texts not yet made.
fn drafts(site: &Site, labels: &Labels) -> Vec<Draft> {
    let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_owned());
    let url = |address: String| format!("/{address}");
    let mut out = Vec::new();
    for page in pages::all(site) {
        match page {
            PageRef::Meeting(b, i) => {
                let (body, m) = (&site.bodies[b], &site.bodies[b].meetings[i]);
                let record = Record {
                    url: url(urls::meeting(&m.id)),
                    title: format!("{} {}", body.name, meeting_label(m)),
                    text: String::new(),
                    body: Some(body.name.clone()),
                    year: m.id.date.year(),
                    quarter: quarter(m.id.date),
                };
                out.push(Draft { record, source: Source::Meeting(b, i) });
            }
            PageRef::Paragraph(b, i, k) => {
                let (body, m) = (&site.bodies[b], &site.bodies[b].meetings[i]);
                let p = &m.paragraphs[k];
                // A withdrawn § is not searchable (its page is a tombstone).
                if let Content::Withdrawn { .. } = p.content {
                    continue;
                }
                let record = Record {
                    url: url(urls::paragraph(&m.id, p.number)),
                    title: format!("§ {} {} – {} {}", p.number, public_title(p), body.name, meeting_label(m)),
                    text: String::new(),
                    body: Some(body.name.clone()),
                    year: m.id.date.year(),
                    quarter: quarter(m.id.date),
                };
                out.push(Draft { record, source: Source::Paragraph(b, i, k) });
            }
            PageRef::ProtocolNotice(b, i) => {
                let (body, m) = (&site.bodies[b], &site.bodies[b].meetings[i]);
                let Adjustment::Adjusted { on, board } = m.adjustment else { continue };
                let text = [
                    (label("adjusted"), on),
                    (label("posted"), board.posted),
                    (label("appeal_last_day"), board.appeal_last_day),
                    (label("removal"), board.removal),
                ]
                .map(|(k, d)| format!("{k}: {d}"));
                out.push(Draft::ready(Record {
                    url: url(urls::protocol_notice(m)),
                    title: format!("{}: {} {}", label("protocol_notice"), body.name, meeting_label(m)),
                    text: join(text.into_iter().collect()),
                    body: Some(body.name.clone()),
                    year: board.posted.year(),
                    quarter: quarter(board.posted),
                }));
            }
            PageRef::ParagraphNotice(b, i, k) => {
                let (body, m) = (&site.bodies[b], &site.bodies[b].meetings[i]);
                let p = &m.paragraphs[k];
                let Some(imm) = p.immediate else { continue };
                let text = [
                    (label("adjusted_immediately"), imm.on),
                    (label("posted"), imm.board.posted),
                    (label("appeal_last_day"), imm.board.appeal_last_day),
                    (label("removal"), imm.board.removal),
                ]
                .map(|(k, d)| format!("{k}: {d}"));
                out.push(Draft::ready(Record {
                    url: url(urls::paragraph_notice(&m.id, p.number)),
                    title: format!(
                        "{}: {} {}, § {}",
                        label("immediate_notice_title"),
                        body.name,
                        meeting_label(m),
                        p.number
                    ),
                    text: join(text.into_iter().collect()),
                    body: Some(body.name.clone()),
                    year: imm.board.posted.year(),
                    quarter: quarter(imm.board.posted),
                }));
            }
            PageRef::Notice(i) => {
                let n = &site.notices[i];
                let body = n.body.as_ref().and_then(|s| site.bodies.iter().find(|b| &b.slug == s));
                let record = Record {
                    url: url(urls::notice(n)),
                    title: n.title.clone(),
                    text: String::new(),
                    body: body.map(|b| b.name.clone()),
                    year: n.posted.year(),
                    quarter: quarter(n.posted),
                };
                out.push(Draft { record, source: Source::Notice(i) });
            }
            _ => {}
        }
    }
    out
}

fn public_title(p: &Paragraph) -> &str {
    p.content.title()
}

fn join(parts: Vec<String>) -> String {
    parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The most records one Pagefind index is built from. Pagefind holds about
/// 150 kB per record while it builds (docs/performance.md), and looks up each
/// record's address in a list of all before it: a site's records are cut into
/// an index per year of at most this many, built one after the other (two
/// at a time at the end, see [`Indexer`]), and the search page merges them
/// in the browser.
pub const SHARD_RECORDS: usize = 5000;

/// The list of the site's indexes (folders under [`urls::SEARCH_INDEX`],
/// newest first), which the search page's script reads.
pub const INDEXES: &str = "indexes.json";

/// One index of the site: its folder name and its records.
#[derive(Debug, PartialEq, Eq)]
pub struct Shard<'a> {
    pub name: String,
    pub records: Vec<&'a Record>,
}

/// `records` cut into indexes, newest first: one per year, named after it
/// (`2025`), except the newest year, which has one per quarter (`2026-k1`
/// … `2026-k4`); an index of more than `max` records is cut into equal
/// parts (`2025_1`, `2025_2` …). Within an index, records keep the order
/// they came in. (Years are what residents narrow a search by, and a
/// year's index stays the same while later years are added. The newest
/// year is where meetings are added and §§ edited: an edit there makes
/// only its quarter's index again, a quarter of the records; when the next
/// year begins, its quarters become one index.)
pub fn shards(records: &[Record], max: usize) -> Vec<Shard<'_>> {
    cut(records, |r| (r.year, r.quarter), max).into_iter().map(|(name, records)| Shard { name, records }).collect()
}

/// [`shards`] of anything with a year and a quarter.
fn cut<T>(items: &[T], period: impl Fn(&T) -> (i16, u8), max: usize) -> Vec<(String, Vec<&T>)> {
    let newest = items.iter().map(|r| period(r).0).max();
    // Quarter 0: the whole year.
    let mut groups: BTreeMap<(i16, u8), Vec<&T>> = BTreeMap::new();
    for r in items {
        let (year, quarter) = period(r);
        groups.entry((year, if Some(year) == newest { quarter } else { 0 })).or_default().push(r);
    }
    let mut out = Vec::new();
    for ((year, quarter), list) in groups.into_iter().rev() {
        let name = if quarter == 0 { year.to_string() } else { format!("{year}-k{quarter}") };
        if list.len() <= max {
            out.push((name, list));
            continue;
        }
        let size = list.len().div_ceil(list.len().div_ceil(max));
        for (i, part) in list.chunks(size).enumerate() {
            out.push((format!("{name}_{}", i + 1), part.to_vec()));
        }
    }
    out
}

/// Indexes `records` with Pagefind, [`SHARD_RECORDS`] at most per index; the
/// files under [`urls::SEARCH_INDEX`]: a folder per [`shards`] index and the
/// list of them, [`INDEXES`]. (In memory, for `serve`; `build` writes
/// through an [`Indexer`].)
pub fn index(records: Vec<Record>) -> Result<Vec<File>, RenderError> {
    let ix = Indexer::of(records.into_iter().map(Draft::ready).collect(), None);
    let memory = crate::write::Memory::default();
    ix.list(&memory)?;
    ix.work(&memory)?;
    Ok(memory.into_files().into_iter().collect())
}

/// Makes the site's search index and writes it to `out`: the list of
/// indexes, then each year's index, reused from the previous build if its
/// records are the same ([`crate::write::Sink::reuse`]; in a daily build only
/// the indexes of the years that changed are made again). Any number of
/// threads may [`Indexer::work`] at once, each taking the next index.
pub struct Indexer<'a> {
    /// What the drafts' texts are made from.
    site: Option<Sources<'a>>,
    shards: Vec<(String, Vec<Draft>)>,
    /// The order the indexes are made in: most records first, so that the
    /// last ones taken, while another thread may already be idle, are the
    /// small ones (docs/performance.md, finding 35).
    order: Vec<usize>,
    next: std::sync::atomic::AtomicUsize,
}

/// Files made, bytes (made or reused) and indexes reused.
pub type Made = (usize, u64, usize);

/// What the records' texts are made from: the site, the labels, and the
/// hash of each meeting as modelled on the day (by body and meeting index,
/// [`super::keys::models`]), which stands for a meeting's records in an
/// index's key.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
    pub models: &'a [Vec<[u8; 32]>],
}

impl<'a> Indexer<'a> {
    pub fn new(from: Sources<'a>) -> Indexer<'a> {
        Indexer::of(drafts(from.site, from.labels), Some(from))
    }

    fn of(drafts: Vec<Draft>, site: Option<Sources<'a>>) -> Indexer<'a> {
        let shards = cut(&drafts, |d| (d.record.year, d.record.quarter), SHARD_RECORDS)
            .into_iter()
            .map(|(name, drafts)| (name, drafts.into_iter().cloned().collect::<Vec<_>>()))
            .collect::<Vec<_>>();
        let mut order: Vec<usize> = (0..shards.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(shards[n].1.len()));
        Indexer { site, shards, order, next: Default::default() }
    }

    /// Writes [`INDEXES`].
    pub fn list(&self, out: &dyn Sink) -> Result<Made, RenderError> {
        let names: Vec<String> = self.shards.iter().map(|(name, _)| format!("{name}/")).collect();
        let path = format!("{}{INDEXES}", urls::SEARCH_INDEX);
        let bytes = serde_json::to_vec(&names).map_err(|e| RenderError::Whole(format!("{path}: {e}")))?;
        out.write(&path, &bytes).map_err(|source| RenderError::Io { path, source })?;
        Ok((1, bytes.len() as u64, 0))
    }

    /// Makes (or reuses) indexes not yet taken until there are none left.
    /// Pagefind sorts and compresses with rayon: the calling thread gets a
    /// pool of its own, so that work neither queues behind the PDFs on the
    /// global pool nor runs another index inside this one's.
    pub fn work(&self, out: &dyn Sink) -> Result<Made, RenderError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map_err(|e| RenderError::Whole(format!("{}: {e}", urls::SEARCH_INDEX)))?;
        let mut sum = (0, 0, 0);
        let next = || self.order.get(self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        while let Some((name, drafts)) = next().map(|&n| &self.shards[n]) {
            let (files, bytes, reused) = pool.install(|| write_shard(name, drafts, self.site, out))?;
            sum = (sum.0 + files, sum.1 + bytes, sum.2 + reused);
        }
        Ok(sum)
    }
}

/// One index, reused from the previous build or made and written (its
/// records' texts made only then).
fn write_shard(name: &str, drafts: &[Draft], from: Option<Sources<'_>>, out: &dyn Sink) -> Result<Made, RenderError> {
    let t = std::time::Instant::now();
    let folder = format!("{}{name}/", urls::SEARCH_INDEX);
    let key = shard_key(name, drafts, from.as_ref());
    if let Some(len) = out.reuse(&folder, &key) {
        return Ok((0, len, 1));
    }
    let (mut files, mut total) = (0, 0);
    let records: Vec<Record> = match from {
        Some(from) => drafts.iter().map(|d| d.clone().finish(from.site, from.labels)).collect(),
        None => drafts.iter().map(|d| d.record.clone()).collect(),
    };
    let records: Vec<&Record> = records.iter().collect();
    for (path, bytes) in pagefind_index(&records, &folder)? {
        out.write(&path, &bytes).map_err(|source| RenderError::Io { path: path.clone(), source })?;
        (files, total) = (files + 1, total + bytes.len() as u64);
    }
    out.part(&folder, &key);
    if std::env::var_os("ANSLAG_TIMINGS").is_some() {
        let secs = t.elapsed().as_secs_f64();
        eprintln!("timing {secs:>9.3} s  search index {folder} ({} records)", records.len());
    }
    Ok((files, total, 0))
}

/// The key of everything an index is made from: the program (Pagefind's
/// version), the labels of the site's language (a confidential §'s record
/// says so in words), the index's name and, for each record, its address,
/// title, filters and what its text is made from.
fn shard_key(name: &str, drafts: &[Draft], from: Option<&Sources<'_>>) -> String {
    use std::fmt::Write as _;
    let mut h = KeyHasher::new("search index");
    h.raw(crate::program::fingerprint());
    let _ = write!(h, "{name}\n{SHARD_RECORDS}\n");
    if let Some(from) = from {
        let _ = writeln!(h, "{:?}", from.labels);
    }
    for d in drafts {
        d.key_into(from, &mut h);
    }
    crate::files::hex(&h.finish())
}

/// How many records' fragments share one file: a result's text comes in a
/// file of about this many neighbouring records (a meeting's §§ go in
/// together), so a year's index is about 1/8 as many files, 19 % fewer
/// bytes (one gzip stream for eight), and a build creates 20 000 fewer files
/// at 20 000 § (`docs/performance.md`, finding 21).
const RECORDS_PER_FRAGMENT_FILE: u32 = 8;

/// The gzip level of the index files (Pagefind's own is 9, fixed): 6 makes
/// the index with about 9 % fewer instructions for files 0.7 % larger
/// (`vendor/pagefind`, `docs/performance.md`, finding 21).
const GZIP_LEVEL: u32 = 6;

/// One Pagefind index of `records`, its files under `folder`.
fn pagefind_index(records: &[&Record], folder: &str) -> Result<Vec<File>, RenderError> {
    pagefind_index_at(records, folder, GZIP_LEVEL)
}

/// [`pagefind_index`] with its files gzipped at `level`.
fn pagefind_index_at(records: &[&Record], folder: &str, level: u32) -> Result<Vec<File>, RenderError> {
    let err = |e: &dyn std::fmt::Display| RenderError::Whole(format!("{folder}: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| err(&e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language("sv".to_owned())
            .max_fragments((records.len() as u32).div_ceil(RECORDS_PER_FRAGMENT_FILE))
            .compression_level(level)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| err(&e))?;
        // All at once: one record at a time went to the blocking pool and
        // back for each (finding 40).
        let custom = records
            .iter()
            .map(|r| {
                let meta = BTreeMap::from([("title".to_owned(), r.title.clone())]);
                let mut filters = BTreeMap::from([("ar".to_owned(), vec![r.year.to_string()])]);
                if let Some(body) = &r.body {
                    filters.insert("organ".to_owned(), vec![body.clone()]);
                }
                pagefind::api::CustomRecord {
                    url: r.url.clone(),
                    content: format!("{}\n{}", r.title, r.text),
                    language: "sv".to_owned(),
                    meta: Some(meta),
                    filters: Some(filters),
                    sort: None,
                }
            })
            .collect();
        index.add_custom_records(custom).await.map_err(|e| err(&e))?;
        let files = index.get_files().await.map_err(|e| err(&e))?;
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f.filename.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
                (format!("{folder}{name}"), f.contents)
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (Site, Labels) {
        let site = super::super::testing::example_site("2026-11-25");
        let labels = super::super::labels(&site);
        (site, labels)
    }

    #[test]
    fn confidential_paragraphs_give_number_public_title_and_ground_only() {
        let (site, labels) = example();
        let records = records(&site, &labels);
        let secret = records.iter().find(|r| r.url == "/socialnamnden/2026-11-18/7/").expect("the confidential §");
        let Content::Confidential { public_title, legal_ground } = &site
            .bodies
            .iter()
            .find(|b| b.slug == "socialnamnden")
            .unwrap()
            .meetings
            .iter()
            .flat_map(|m| &m.paragraphs)
            .find(|p| p.number == 7)
            .unwrap()
            .content
        else {
            panic!("§ 7 is confidential in the example")
        };
        assert!(secret.title.contains(public_title.as_str()));
        assert_eq!(secret.text, format!("sekretess {legal_ground}"));
        let paragraphs = site.paragraph_count();
        assert!(records.len() > paragraphs, "{} records for {paragraphs} §", records.len());
    }

    /// An index of only confidential §§ has no label in its records'
    /// titles: its key must still change with the labels its texts say
    /// ("sekretess"), and with the meeting its records come from.
    #[test]
    fn an_index_key_follows_the_labels_and_the_meetings_its_texts_are_made_from() {
        let (site, labels) = example();
        let models = super::super::keys::models(&site);
        let confidential: Vec<Draft> = drafts(&site, &labels)
            .into_iter()
            .filter(|d| match d.source {
                Source::Paragraph(b, i, k) => {
                    matches!(site.bodies[b].meetings[i].paragraphs[k].content, Content::Confidential { .. })
                }
                _ => false,
            })
            .collect();
        assert!(!confidential.is_empty(), "the example has a confidential §");
        let key = |labels: &Labels, models: &[Vec<[u8; 32]>]| {
            shard_key("2026", &confidential, Some(&Sources { site: &site, labels, models }))
        };
        let mut english = labels.clone();
        english.insert("confidential".to_owned(), "Confidential".to_owned());
        assert_ne!(key(&labels, &models), key(&english, &models), "the labels are in the key");
        let mut changed = models.clone();
        let Source::Paragraph(b, i, _) = confidential[0].source else { unreachable!() };
        changed[b][i] = [7; 32];
        assert_ne!(key(&labels, &models), key(&labels, &changed), "the meeting's model is in the key");
        assert_eq!(key(&labels, &models), key(&labels, &models.clone()), "and nothing else moves it");
    }

    #[test]
    fn the_index_is_the_same_twice_and_finds_words() {
        let (site, labels) = example();
        let records = records(&site, &labels);
        let mut a = index(records.clone()).unwrap();
        let mut b = index(records).unwrap();
        a.sort();
        b.sort();
        let names = |v: &[File]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b), "the same records must give the same files");
        for (x, y) in a.iter().zip(&b) {
            assert!(x.1 == y.1, "{} differs between two runs", x.0);
        }
        let list = a.iter().find(|f| f.0 == "pagefind/indexes.json").expect("the list of indexes");
        let names: Vec<String> = serde_json::from_slice(&list.1).unwrap();
        assert!(!names.is_empty());
        for name in &names {
            assert!(a.iter().any(|f| f.0 == format!("pagefind/{name}pagefind.js")), "{name}");
            assert!(a.iter().any(|f| f.0.starts_with(&format!("pagefind/{name}fragment/"))), "{name}");
        }
    }

    /// The patched Pagefind (`vendor/pagefind`) gzips at the level it is
    /// given: the same records at level 9 (Pagefind's own) and at
    /// [`GZIP_LEVEL`] give other bytes that unpack to the same index, and
    /// the fragments come bundled, [`RECORDS_PER_FRAGMENT_FILE`] a file.
    #[test]
    fn the_patched_pagefind_takes_the_gzip_level() {
        use std::io::Read;
        let records: Vec<Record> = (0..40)
            .map(|i| Record {
                url: format!("/2026/{i}/"),
                title: format!("Ärende {i}"),
                text: format!("Beslut om budget och detaljplan för kvarteret {i}. ").repeat(20),
                body: Some("Kommunstyrelsen".to_owned()),
                year: 2026,
                quarter: 4,
            })
            .collect();
        let refs: Vec<&Record> = records.iter().collect();
        let ours = pagefind_index_at(&refs, "pagefind/", GZIP_LEVEL).unwrap();
        let best = pagefind_index_at(&refs, "pagefind/", 9).unwrap();
        let unpack = |bytes: &[u8]| {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
            out
        };
        let fragments = |files: &[File]| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<_> =
                files.iter().filter(|f| f.0.contains("/fragment/")).map(|f| (f.0.clone(), f.1.clone())).collect();
            v.sort();
            v
        };
        let (a, b) = (fragments(&ours), fragments(&best));
        assert_eq!(a.len(), 40usize.div_ceil(RECORDS_PER_FRAGMENT_FILE as usize), "bundled fragments");
        assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
        assert!(a.iter().zip(&b).any(|(x, y)| x.1 != y.1), "level 6 and level 9 gave the same bytes");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(unpack(&x.1), unpack(&y.1), "{} unpacks differently", x.0);
        }
    }

    fn record(year: i16, i: usize) -> Record {
        let quarter = (i % 4) as u8 + 1;
        Record { url: format!("/{year}/{i}/"), title: String::new(), text: String::new(), body: None, year, quarter }
    }

    #[test]
    fn records_are_cut_into_an_index_per_year_newest_first_the_newest_by_quarter() {
        let mut records: Vec<Record> = Vec::new();
        for (year, n) in [(2019, 3), (2020, 2), (2021, 4), (2022, 9), (2023, 18)] {
            records.extend((0..n).map(|i| record(year, i)));
        }
        // Shuffled by year, as the pages come (body by body).
        records.sort_by_key(|r| (r.url.len(), r.url.clone()));
        let shards = shards(&records, 4);
        let names: Vec<&str> = shards.iter().map(|s| s.name.as_str()).collect();
        let newest = ["2023-k4", "2023-k3", "2023-k2_1", "2023-k2_2", "2023-k1_1", "2023-k1_2"];
        let older = ["2022_1", "2022_2", "2022_3", "2021", "2020", "2019"];
        assert_eq!(names, [&newest[..], &older[..]].concat());
        let sizes: Vec<usize> = shards.iter().map(|s| s.records.len()).collect();
        assert_eq!(sizes, [4, 4, 3, 2, 3, 2, 3, 3, 3, 4, 2, 3]);
        for s in &shards {
            let year = &s.name[..4];
            assert!(s.records.iter().all(|r| r.year.to_string() == year), "{}", s.name);
            if let Some(q) = s.name.strip_prefix("2023-k") {
                assert!(s.records.iter().all(|r| r.quarter.to_string() == q[..1]), "{}", s.name);
            }
        }
        // Every record in exactly one index.
        let mut urls: Vec<&str> = shards.iter().flat_map(|s| s.records.iter().map(|r| r.url.as_str())).collect();
        urls.sort();
        let mut all: Vec<&str> = records.iter().map(|r| r.url.as_str()).collect();
        all.sort();
        assert_eq!(urls, all);
    }
}
