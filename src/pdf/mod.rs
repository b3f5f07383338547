//! The protocol of an adjusted meeting as one tagged PDF/A-2a + PDF/UA-1
//! document, made from the same model as the HTML "whole protocol" page and
//! showing the same facts (see `docs/pdf.md`).
//!
//! 1. [`content`] turns the meeting into [`blocks`] (the clerks' Markdown
//!    through [`blocks::markdown`]);
//! 2. [`layout`] sets them on A4 pages and builds the structure tree;
//! 3. [`write`] draws the pages with krilla (running header and "Sida N av
//!    M" as artifacts), adds the bookmarks (one per §), the metadata (title,
//!    language, a fixed creation date and document id) and lets krilla's
//!    PDF/A-2a and PDF/UA-1 validation refuse anything that does not conform.

pub mod blocks;
pub mod fonts;
pub mod layout;

use crate::model::{Adjustment, Body, Content, Language, Meeting, Outcome, Site, Vote};
use crate::present::{Labels, Page, Sizes, meeting_label, vote_key};
use crate::urls;
use blocks::{Block, Cell, Links, Table, bold, plain};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TagGroup, TagTree};
use krilla::{Document, SerializeSettings};
use layout::{Child, Layout, Mark, Op, PAGE_H, PAGE_W};

/// Why a meeting's PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("{meeting}: the protocol as PDF could not be made: {message}")]
pub struct PdfError {
    /// The meeting's folder, `body/date[-suffix]`.
    pub meeting: String,
    pub message: String,
}

/// Whether a meeting has a PDF: its protocol is adjusted.
pub fn has_pdf(m: &Meeting) -> bool {
    matches!(m.adjustment, Adjustment::Adjusted { .. })
}

/// The version of the PDF's layout: bumped on purpose whenever a change to
/// anslag (its code, fonts, or the PDF crate) changes the bytes of a PDF
/// made from the same content. It, not the program, is in the PDF's key:
/// an adjusted protocol's PDF (and the checksum earlier exports hold of it)
/// stays the same when anslag is upgraded. A test keeps the bytes of the
/// example's PDFs pinned to it (`pdf_bytes_are_pinned_to_the_layout_version`).
pub const LAYOUT_VERSION: &str = "2";

/// The deflate level of the pages' content streams (krilla's own is 6,
/// fixed; `vendor/krilla`): 2 makes a PDF with about 12 % fewer
/// instructions for a file about 11 % larger (`docs/performance.md`,
/// finding 21). Layout version 2 is this change.
const DEFLATE_LEVEL: u8 = 2;

/// The key of everything [`protocol`] makes `meeting`'s PDF from (the
/// layout version, the site's settings, the body's name, the meeting, whether its
/// notice is up, the sizes of its documents): the same key, the same bytes,
/// so a build may reuse the previous build's file ([`crate::write::Sink::reuse`]).
/// `model` is a SHA-256 of the meeting as modelled (`render::keys::models`).
pub fn key(site: &Site, body: &Body, meeting: &Meeting, model: &[u8; 32], sizes: &Sizes) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(LAYOUT_VERSION.as_bytes());
    h.update([0]);
    let posted = match meeting.adjustment {
        Adjustment::Adjusted { board, .. } => board.posted <= site.today,
        Adjustment::NotAdjusted => false,
    };
    let documents: Vec<(&String, Option<&u64>)> = meeting
        .paragraphs
        .iter()
        .filter_map(|p| match &p.content {
            Content::Public(x) => Some(x.documents.iter().filter_map(|d| d.file.as_ref())),
            Content::Confidential { .. } | Content::Agenda { .. } | Content::Withdrawn { .. } => None,
        })
        .flatten()
        .map(|f| (f, sizes.get(f)))
        .collect();
    let record = site.record.notice(&urls::protocol_notice(meeting));
    h.update(model);
    h.update(format!("{:?}\n{}\n{posted}\n{documents:?}\n{record:?}", site.config, body.name).as_bytes());
    crate::files::hex(&h.finalize())
}

/// The protocol of `meeting` (of `body`) as PDF bytes; `sizes` are those of
/// the attachments (shown with the documents, as on the site).
pub fn protocol(
    site: &Site,
    body: &Body,
    meeting: &Meeting,
    labels: &Labels,
    sizes: &Sizes,
) -> Result<Vec<u8>, PdfError> {
    let error = |message: String| PdfError { meeting: format!("{}/{}", meeting.id.body, meeting.id.folder()), message };
    let Adjustment::Adjusted { on, .. } = meeting.adjustment else {
        return Err(error("the protocol is not adjusted".to_owned()));
    };
    let p = Page {
        url: urls::meeting(&meeting.id),
        site,
        labels,
        style: "",
        markdown: None,
        tables: std::cell::Cell::new(0),
    };
    let title = format!("{}: {} {}", p.label("protocol"), body.name, meeting_label(meeting));
    let blocks = content(&p, body, meeting, sizes, &title);
    let mut layout = Layout::new();
    layout.blocks(0, &blocks);
    let lang = match site.config.language {
        Language::Sv => "sv",
        Language::En => "en",
    };
    let doc = Doc {
        title: format!("{title} – {}", site.config.municipality),
        lang,
        author: site.config.municipality.clone(),
        header: format!(
            "{} · {} · {} {}",
            site.config.municipality,
            body.name,
            p.label("protocol"),
            meeting_label(meeting)
        ),
        page_of: (p.label("pdf_page"), p.label("pdf_page_of")),
        date: on,
        id: format!("anslag:{}:{}/{}", site.config.base_url, meeting.id.body, meeting.id.folder()),
    };
    write(&layout, &doc).map_err(error)
}

/// The meeting as blocks: the same facts, in the same order, as the HTML
/// whole protocol (`protocol.html`, `meeting-facts.html`,
/// `paragraph-body.html`), with the adjustment and the notice at the end as
/// on a printed protocol.
fn content(p: &Page<'_>, body: &Body, m: &Meeting, sizes: &Sizes, title: &str) -> Vec<Block> {
    let site = p.site;
    let l = |k: &str| p.label(k);
    // Clerk text is Swedish: on an English site it is marked so.
    let clerk = |blocks: Vec<Block>| match site.config.language {
        Language::Sv => blocks,
        Language::En => vec![Block::Lang { lang: "sv", blocks }],
    };
    let dir = format!("{}/{}", m.id.body, m.id.folder());
    let base = site.config.base_url.trim_end_matches('/');
    let image = l("pdf_image");
    let markdown = |md: &crate::model::Markdown, linked: &[String], level: u8| {
        let resolve = |url: &str| -> Option<String> {
            let file = crate::model::paths::decode(crate::model::paths::file_part(url));
            let path = crate::model::paths::join(&dir, &file)?;
            let stored = crate::model::paths::find_sorted(linked, &path)?;
            (!base.is_empty()).then(|| format!("{base}/{}", urls::encode_path(stored)))
        };
        clerk(blocks::markdown(&md.text, level, &Links { resolve: &resolve, image_label: &image }))
    };
    let facts = |rows: Vec<(String, String)>| {
        let rows = rows.into_iter().map(|(k, v)| vec![Cell::row_header(k), Cell::data(v)]).collect();
        Block::Table(Table { caption: None, head: Vec::new(), rows, facts: true })
    };
    let h = |level: u8, text: String| Block::Heading { level, text: plain(text), outline: false };

    let mut out = vec![
        Block::Para(bold(site.config.municipality.clone())),
        Block::Heading { level: 1, text: plain(title), outline: false },
    ];
    let mut top = vec![(l("meeting_date"), meeting_label(m))];
    top.extend(m.time.clone().map(|t| (l("time"), t)));
    top.extend(m.place.clone().map(|t| (l("place"), t)));
    out.push(facts(top));
    if let Some(intro) = &m.intro {
        out.extend(markdown(intro, &m.linked, 2));
    }
    if !m.attendance.is_empty() {
        out.push(h(2, l("attendance")));
        let rows = m
            .attendance
            .iter()
            .map(|a| {
                let role = match (&a.role, &a.title) {
                    (Some(r), Some(t)) => format!("{r}, {t}"),
                    (Some(r), None) => r.clone(),
                    (None, Some(t)) => format!(", {t}"),
                    (None, None) => String::new(),
                };
                vec![
                    Cell::row_header(a.name.clone()),
                    Cell::data(a.party.clone().unwrap_or_default()),
                    Cell::data(role),
                ]
            })
            .collect();
        let head = vec![bold(l("name")), bold(l("party")), bold(l("role"))];
        out.push(Block::Table(Table { caption: None, head, rows, facts: false }));
    }
    for par in &m.paragraphs {
        let mut heading = plain(format!("§ {} ", par.number));
        heading.extend(plain(par.content.title().to_owned()));
        out.extend(clerk(vec![Block::Heading { level: 2, text: heading, outline: true }]));
        if let Some(i) = &par.immediate {
            out.push(Block::Para(bold(format!("{} {}", l("adjusted_immediately"), i.on))));
        }
        let x = match &par.content {
            Content::Confidential { legal_ground, .. } => {
                let mut text = plain(format!("{} ", l("confidential_text")));
                text.extend(bold(legal_ground.clone()));
                out.push(Block::Para(text));
                continue;
            }
            Content::Withdrawn { withdrawal, .. } => {
                let text = format!("{} {}: {}", l("withdrawn"), withdrawal.date, withdrawal.reason);
                out.push(Block::Para(bold(text)));
                continue;
            }
            Content::Public(x) => x,
            // An adjusted protocol has no § left unpublished.
            Content::Agenda { .. } => continue,
        };
        let mut rows = Vec::new();
        if !x.dnr.is_empty() {
            rows.push((l("dnr"), x.dnr.join(", ")));
        }
        match &x.outcome {
            Outcome::Decision => rows.push((l("decided_by"), x.decided_by.clone())),
            Outcome::Proposal { to, .. } => rows.push((l("proposal_to"), to.clone())),
            Outcome::Information => rows.push((l("information"), l("information_text"))),
        }
        out.push(facts(rows));
        let decision = match &x.outcome {
            Outcome::Proposal { to, .. } => format!("{} {to}", l("proposal_to")),
            _ => l("decision"),
        };
        if !x.corrections.is_empty() {
            out.push(h(3, l("corrections")));
            let items =
                x.corrections.iter().map(|c| vec![Block::Para(plain(format!("{}: {}", c.date, c.text)))]).collect();
            out.push(Block::List { start: None, items });
        }
        let texts = [(decision, &x.decision), (l("proposal"), &x.proposal), (l("matter"), &Some(x.text.clone()))];
        for (heading, md) in texts {
            if let Some(md) = md.as_ref().filter(|md| !md.text.trim().is_empty()) {
                out.push(h(3, heading));
                out.extend(markdown(md, &x.linked, 4));
            }
        }
        if let Some(v) = &x.votes {
            out.push(h(3, l("votes")));
            if let Some(yes) = &v.yes {
                out.push(Block::Para(plain(format!("{}: {yes}", l("vote_ja")))));
            }
            if let Some(no) = &v.no {
                out.push(Block::Para(plain(format!("{}: {no}", l("vote_nej")))));
            }
            let rows = v
                .ballots
                .iter()
                .map(|b| {
                    vec![
                        Cell::row_header(b.name.clone()),
                        Cell::data(b.party.clone().unwrap_or_default()),
                        Cell::data(l(vote_key(b.vote))),
                    ]
                })
                .collect();
            let head = vec![bold(l("name")), bold(l("party")), bold(l("vote"))];
            let caption = Some(format!("{}, § {}", l("votes_caption"), par.number));
            out.push(Block::Table(Table { caption, head, rows, facts: false }));
            let tally = [Vote::Ja, Vote::Nej, Vote::Avstar, Vote::Jav]
                .into_iter()
                .map(|k| {
                    let n = v.ballots.iter().filter(|b| b.vote == k).count();
                    vec![Cell::row_header(l(vote_key(k))), Cell::data(n.to_string())]
                })
                .collect();
            let head = vec![bold(l("vote")), bold(l("pdf_count"))];
            out.push(Block::Table(Table { caption: None, head, rows: tally, facts: false }));
        }
        if !x.reservations.is_empty() {
            out.push(h(3, l("reservations")));
            let items = x
                .reservations
                .iter()
                .map(|r| {
                    let by = r.by.join(", ");
                    let text = r.text.as_ref().map_or(by.clone(), |t| format!("{by}: {t}"));
                    vec![Block::Para(plain(text))]
                })
                .collect();
            out.push(Block::List { start: None, items });
        }
        if !x.disqualified.is_empty() {
            out.push(h(3, l("disqualified")));
            out.push(Block::Para(plain(x.disqualified.join(", "))));
        }
        if !x.documents.is_empty() {
            out.push(h(3, l("documents")));
            let items = x
                .documents
                .iter()
                .map(|d| {
                    let mut text = d.title.clone();
                    if let Some(w) = &d.withdrawn {
                        text.push_str(&format!(" – {} {}: {}", l("withdrawn"), w.date, w.reason));
                    }
                    if let Some(f) = &d.file {
                        let name = f.rsplit('/').next().unwrap_or(f);
                        let kind = name.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default();
                        let size = sizes.get(f).map(|n| format!(", {}", p.size(*n))).unwrap_or_default();
                        text.push_str(&format!(" ({kind}{size})"));
                    }
                    if let Some(date) = d.date {
                        text.push_str(&format!(", {date}"));
                    }
                    vec![Block::Para(plain(text))]
                })
                .collect();
            out.push(Block::List { start: None, items });
        }
        if !x.recipients.is_empty() {
            out.push(h(3, l("recipients")));
            let items = x.recipients.iter().map(|r| vec![Block::Para(plain(r.clone()))]).collect();
            out.push(Block::List { start: None, items });
        }
    }
    // The signature block (as on a signed protocol) and the anslagsbevis,
    // the same as the whole-protocol page ends with.
    let mut rows = vec![(l("secretary"), m.secretary.clone().unwrap_or_default())];
    rows.push((l("chair"), m.chair.clone().unwrap_or_default()));
    rows.push((l("adjusters"), m.adjusters.join(", ")));
    out.push(h(2, l("signatures")));
    out.push(facts(rows));
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => format!("{} {on}", l("adjusted")),
        Adjustment::NotAdjusted => l("not_adjusted_signature"),
    };
    out.push(Block::Para(bold(adjusted)));
    if let Some(mut notice) = crate::present::proof_block(p, body, m) {
        if let Adjustment::Adjusted { board, .. } = m.adjustment {
            notice.insert(4, (l("appeal_last_day"), board.appeal_last_day.to_string()));
        }
        let immediate = crate::present::immediate_list(m, &l("posted"));
        if !immediate.is_empty() {
            notice.push((l("immediate_others"), immediate));
        }
        let proposals = crate::present::proposal_list(&m.paragraphs, &l("proposal_to"));
        if !proposals.is_empty() {
            notice.push((l("proposals_only"), proposals));
        }
        out.push(h(2, l("anslagsbevis")));
        out.push(Block::Para(plain(l("anslagsbevis_text"))));
        out.push(facts(notice));
    }
    out
}

/// What the document says about itself.
struct Doc {
    title: String,
    lang: &'static str,
    author: String,
    /// The running header of pages after the first.
    header: String,
    /// "Sida", "av".
    page_of: (String, String),
    /// The creation date (the adjustment's day, 00:00 UTC): the same content gives the same bytes.
    date: jiff::civil::Date,
    /// What the document id is derived from: the same meeting keeps its id across versions.
    id: String,
}

/// Draws the laid-out pages with krilla and serialises them, validated as
/// PDF/A-2a and PDF/UA-1.
fn write(layout: &Layout, doc: &Doc) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        compression_level: DEFLATE_LEVEL,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let total = layout.pages.len();
    // A leaf's text is one marked sequence (usually; if its pieces are not
    // next to each other, one per run of them).
    let mut ids: Vec<Vec<Identifier>> = vec![Vec::new(); layout.tree.leaves];
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    for (i, ops) in layout.pages.iter().enumerate() {
        let mut page = document.start_page_with(size.clone());
        let mut s = page.surface();
        if i > 0 {
            let y = layout::MARGIN_TOP - 24.0;
            let header = Artifact::with_kind(ArtifactType::Header);
            tagged(&mut s, ContentTag::Artifact(header), |s| {
                draw(s, layout::MARGIN_X, y, fonts::Style::Regular, 8.5, &doc.header)
            });
            rule(&mut s, layout::MARGIN_X, y + 5.0, PAGE_W - layout::MARGIN_X, y + 5.0, 0.3, true);
        }
        let mut k = 0;
        while k < ops.len() {
            match &ops[k] {
                Op::Text { mark: Mark::Leaf(leaf), .. } => {
                    // This leaf's text, up to the next op that is not.
                    let run = ops[k..]
                        .iter()
                        .take_while(|op| matches!(op, Op::Text { mark: Mark::Leaf(l), .. } if l == leaf))
                        .collect::<Vec<_>>();
                    let id = tagged(&mut s, ContentTag::Span(SpanTag::empty()), |s| {
                        for op in &run {
                            if let Op::Text { x, y, style, size, text: t, .. } = op {
                                draw(s, *x, *y, *style, *size, t);
                            }
                        }
                    });
                    ids[*leaf].push(id);
                    for op in &run {
                        strike(&mut s, op);
                    }
                    k += run.len();
                }
                Op::Text { x, y, style, size, text: t, mark: Mark::Artifact(kind), .. } => {
                    tagged(&mut s, ContentTag::Artifact(Artifact::with_kind(*kind)), |s| {
                        draw(s, *x, *y, *style, *size, t)
                    });
                    strike(&mut s, &ops[k]);
                    k += 1;
                }
                Op::Rule { x1, y1, x2, y2, width, grey } => {
                    rule(&mut s, *x1, *y1, *x2, *y2, *width, *grey);
                    k += 1;
                }
            }
        }
        let footer = format!("{} {} {} {total}", doc.page_of.0, i + 1, doc.page_of.1);
        let w = fonts::FONTS.regular.width(&footer, 9.0);
        let tag = ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer));
        tagged(&mut s, tag, |s| draw(s, (PAGE_W - w) / 2.0, PAGE_H - 34.0, fonts::Style::Regular, 9.0, &footer));
        s.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for (title, page, y) in &layout.outline {
        let dest = krilla::destination::XyzDestination::new(*page, Point::from_xy(layout::MARGIN_X, *y));
        outline.push_child(OutlineNode::new(title.clone(), dest));
    }
    document.set_outline(outline);
    let date = DateTime::new(u16::try_from(doc.date.year()).map_err(|e| e.to_string())?)
        .month(doc.date.month().unsigned_abs())
        .day(doc.date.day().unsigned_abs())
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.to_owned())
            .authors(vec![doc.author.clone()])
            .creator("anslag".to_owned())
            .creation_date(date)
            .document_id(doc.id.clone()),
    );
    let mut tree = TagTree::new().with_lang(Some(doc.lang.to_owned()));
    for child in children(layout, 0, &mut ids)? {
        tree.push(child);
    }
    document.set_tag_tree(tree);
    document.finish().map_err(|e| format!("{e:?}"))
}

/// The structure node `node`'s children, with the identifiers drawing gave.
/// Iteratively, with a stack of the nodes being filled (the tree is as deep
/// as the layout's nesting, which [`layout`] bounds for krilla's sake).
fn children(layout: &Layout, node: usize, ids: &mut [Vec<Identifier>]) -> Result<Vec<Node>, String> {
    // Each open node: its index, its next child, and its children made so far.
    let mut open: Vec<(usize, usize, Vec<Node>)> = vec![(node, 0, Vec::new())];
    loop {
        let (at, next, made) = open.last_mut().ok_or("the tree has no root")?;
        if let Some(c) = layout.tree.nodes[*at].1.get(*next) {
            *next += 1;
            match c {
                Child::Leaf(l) => {
                    let drawn = std::mem::take(&mut ids[*l]);
                    if drawn.is_empty() {
                        return Err(format!("content {l} was never drawn"));
                    }
                    made.extend(drawn.into_iter().map(Node::from));
                }
                Child::Node(n) => open.push((*n, 0, Vec::new())),
            }
            continue;
        }
        let (done, _, made) = open.pop().ok_or("the tree has no root")?;
        let Some((_, _, parent)) = open.last_mut() else { return Ok(made) };
        let kind = layout.tree.nodes[done].0.clone().ok_or("the root inside the tree")?;
        parent.push(TagGroup::with_children(kind, made).into());
    }
}

/// Draws what `draw` draws as one marked sequence tagged `tag`.
fn tagged(s: &mut Surface<'_>, tag: ContentTag<'_>, draw: impl FnOnce(&mut Surface<'_>)) -> Identifier {
    let id = s.start_tagged(tag);
    draw(s);
    s.end_tagged();
    id
}

/// `t` at `x`, baseline `y`, with the glyphs and advances line breaking measured.
fn draw(s: &mut Surface<'_>, x: f32, y: f32, style: fonts::Style, size: f32, t: &str) {
    if !t.is_empty() {
        let face = fonts::FONTS.get(style);
        s.draw_glyphs(Point::from_xy(x, y), &face.glyphs(t), face.font.clone(), t, size, false);
    }
}

/// The line through struck-out text (`~~…~~`), as a layout artifact.
fn strike(s: &mut Surface<'_>, op: &Op) {
    if let Op::Text { x, y, style, size, text: t, strike: true, .. } = op
        && !t.trim().is_empty()
    {
        let w = fonts::FONTS.get(*style).width(t.trim_end(), *size);
        let y = *y - size * 0.3;
        rule(s, *x, y, x + w, y, size * 0.07, false);
    }
}

/// A line, as a layout artifact.
fn rule(s: &mut Surface<'_>, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, grey: bool) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y1);
    pb.line_to(x2, y2);
    let Some(path) = pb.finish() else { return };
    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
    let shade = if grey { 120 } else { 0 };
    s.set_fill(None);
    s.set_stroke(Some(krilla::paint::Stroke {
        paint: krilla::color::rgb::Color::new(shade, shade, shade).into(),
        width,
        ..Default::default()
    }));
    s.draw_path(&path);
    s.set_stroke(None);
    s.set_fill(Some(krilla::paint::Fill::default()));
    s.end_tagged();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::example_site;

    /// Every adjusted meeting of the example site, with its PDF.
    fn all(site: &Site) -> Vec<(&Body, &Meeting, Vec<u8>)> {
        let labels = crate::render::labels(site);
        let sizes = Sizes::new();
        site.bodies
            .iter()
            .flat_map(|b| b.meetings.iter().map(move |m| (b, &**m)))
            .filter(|(_, m)| has_pdf(m))
            .map(|(b, m)| {
                let pdf = protocol(site, b, m, &labels, &sizes).unwrap_or_else(|e| panic!("{e}"));
                (b, m, pdf)
            })
            .collect()
    }

    /// The raw text of a PDF's uncompressed parts (XMP, structure tree, outline).
    fn contains(pdf: &[u8], needle: &str) -> bool {
        pdf.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn every_adjusted_meeting_of_the_example_passes_krilla_validation() {
        let site = example_site("2026-11-25");
        let made = all(&site);
        assert!(made.len() >= 10, "{} PDFs", made.len());
        for (_, m, pdf) in &made {
            assert!(pdf.starts_with(b"%PDF-1.7"), "{:?}", m.id);
            assert!(contains(pdf, "<pdfaid:part>2</pdfaid:part>"), "{:?}", m.id);
            assert!(contains(pdf, "<pdfaid:conformance>A</pdfaid:conformance>"), "{:?}", m.id);
            assert!(contains(pdf, "<pdfuaid:part>1</pdfuaid:part>"), "{:?}", m.id);
        }
    }

    #[test]
    fn the_same_content_gives_the_same_bytes() {
        let (one, two) = (example_site("2026-11-25"), example_site("2026-11-25"));
        let (a, b) = (all(&one), all(&two));
        assert_eq!(a.len(), b.len());
        for ((_, m, x), (_, _, y)) in a.iter().zip(&b) {
            assert!(x == y, "{:?} differs between two runs", m.id);
        }
    }

    /// The SHA-256 of the example's PDFs (2026-11-25, in model order) made
    /// with [`LAYOUT_VERSION`]. When a change to anslag, its fonts or the PDF
    /// crate changes these bytes, this fails: bump `LAYOUT_VERSION` (so the
    /// next build makes every PDF again instead of keeping the old ones) and
    /// put the new sum here.
    const PINNED: (&str, &str) = ("2", "55a6c8cb5bf6f5c488c60054f59e4b3cc4e4ac97781deda4c18ecd364fb96fda");

    #[test]
    fn pdf_bytes_are_pinned_to_the_layout_version() {
        use sha2::{Digest, Sha256};
        let site = example_site("2026-11-25");
        let mut h = Sha256::new();
        for (_, _, pdf) in all(&site) {
            h.update((pdf.len() as u64).to_le_bytes());
            h.update(&pdf);
        }
        let sum = crate::files::hex(&h.finalize());
        assert_eq!(
            (LAYOUT_VERSION, sum.as_str()),
            PINNED,
            "the PDFs' bytes changed: bump LAYOUT_VERSION and pin the new sum"
        );
    }

    #[test]
    fn a_confidential_paragraph_shows_only_its_number_title_and_ground() {
        let site = example_site("2026-11-25");
        let labels = crate::render::labels(&site);
        let p = Page {
            url: String::new(),
            site: &site,
            labels: &labels,
            style: "",
            markdown: None,
            tables: Default::default(),
        };
        let mut found = 0;
        for b in &site.bodies {
            for m in b.meetings.iter().filter(|m| has_pdf(m)) {
                let blocks = content(&p, b, m, &Sizes::new(), "t");
                for (i, par) in m.paragraphs.iter().enumerate() {
                    let Content::Confidential { public_title, legal_ground } = &par.content else { continue };
                    found += 1;
                    let at = blocks
                        .iter()
                        .position(|x| matches!(x, Block::Heading { level: 2, text, .. } if blocks::text_of(text) == format!("§ {} {public_title}", par.number)))
                        .expect("the § heading");
                    let Block::Para(text) = &blocks[at + 1] else { panic!("{:?}", blocks[at + 1]) };
                    assert_eq!(blocks::text_of(text), format!("{} {legal_ground}", labels["confidential_text"]));
                    // Next comes the next § (or the adjustment): nothing else of this one.
                    let next = &blocks[at + 2];
                    let Block::Heading { level: 2, text, .. } = next else { panic!("{next:?}") };
                    let expected = match m.paragraphs.get(i + 1) {
                        Some(n) => format!("§ {} ", n.number),
                        None => labels["pdf_adjustment"].clone(),
                    };
                    assert!(blocks::text_of(text).starts_with(&expected), "{next:?}");
                }
            }
        }
        assert!(found > 0, "the example has a confidential §");
    }

    #[test]
    fn a_meeting_not_adjusted_has_no_pdf() {
        let site = example_site("2026-11-25");
        let labels = crate::render::labels(&site);
        let (b, m) = site
            .bodies
            .iter()
            .flat_map(|b| b.meetings.iter().map(move |m| (b, m)))
            .find(|(_, m)| !has_pdf(m))
            .expect("the example has a meeting not adjusted");
        let e = protocol(&site, b, m, &labels, &Sizes::new()).unwrap_err();
        assert_eq!(e.meeting, format!("{}/{}", m.id.body, m.id.folder()));
    }
}
