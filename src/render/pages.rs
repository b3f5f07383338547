//! Every page of the site: its address, its template and its view.

use crate::model::*;
use crate::present::*;
use crate::urls;
use serde_json::{Value, json};

/// One page to render.
pub struct PageSpec {
    pub url: String,
    pub template: &'static str,
    pub view: Value,
}

fn spec(url: String, template: &'static str, frame: Frame, view: Value) -> PageSpec {
    let mut view = view;
    view["frame"] = json!(frame);
    PageSpec { url, template, view }
}

/// A page to be made: small, so the list of a whole site is cheap; its view
/// is built only when it is rendered (see [`PageRef::spec`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    Home,
    Board,
    Accessibility,
    NotFound,
    /// The archive pages (few, built together).
    Archive,
    Search,
    /// The register pages (one a year, built together).
    Register,
    Body(usize),
    Meeting(usize, usize),
    /// The whole protocol on one page, for reading through and printing.
    Protocol(usize, usize),
    ProtocolNotice(usize, usize),
    /// The notice of a § adjusted on its own (omedelbar justering).
    ParagraphNotice(usize, usize, usize),
    Paragraph(usize, usize, usize),
    Notice(usize),
    /// The proof (anslagsbevis) of a protocol's notice, of a § adjusted on
    /// its own, of another notice: what the law requires the notice to say
    /// and what the publishing record holds.
    ProtocolProof(usize, usize),
    ParagraphProof(usize, usize, usize),
    NoticeProof(usize),
}

/// Everything a page view may need.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
    pub sizes: &'a Sizes,
    /// The stylesheet's address suffix (`?v=` and a hash of its bytes), so a
    /// page always asks for the stylesheet of its own build.
    pub style: &'a str,
    /// Markdown already rendered (kept by `serve` from build to build).
    pub markdown: Option<&'a crate::markdown::Cache>,
    /// The size in bytes of the protocol PDF of meeting `(body, meeting)`
    /// (indices into `site.bodies` and its meetings), `None` if it has none.
    pub pdf: &'a PdfSize<'a>,
}

/// See [`Inputs::pdf`].
pub type PdfSize<'a> = dyn Fn(usize, usize) -> Option<u64> + Sync + 'a;

/// For page views that never show a meeting's PDF link (sitemap addresses).
pub fn no_pdf(_: usize, _: usize) -> Option<u64> {
    None
}

/// All pages of the site, in a fixed order.
pub fn all(site: &Site) -> Vec<PageRef> {
    let mut pages = vec![
        PageRef::Home,
        PageRef::Board,
        PageRef::Accessibility,
        PageRef::NotFound,
        PageRef::Archive,
        PageRef::Search,
        PageRef::Register,
    ];
    for (b, body) in site.bodies.iter().enumerate() {
        pages.push(PageRef::Body(b));
        for (i, m) in body.meetings.iter().enumerate() {
            pages.push(PageRef::Meeting(b, i));
            pages.push(PageRef::Protocol(b, i));
            if let Adjustment::Adjusted { board, .. } = m.adjustment
                && board.posted <= site.today
            {
                pages.push(PageRef::ProtocolNotice(b, i));
                pages.push(PageRef::ProtocolProof(b, i));
            }
            for (k, p) in m.paragraphs.iter().enumerate() {
                if p.immediate.is_some_and(|x| x.board.posted <= site.today) {
                    pages.push(PageRef::ParagraphNotice(b, i, k));
                    pages.push(PageRef::ParagraphProof(b, i, k));
                }
            }
            pages.extend((0..m.paragraphs.len()).map(|k| PageRef::Paragraph(b, i, k)));
        }
    }
    let notices = site.notices.iter().enumerate().filter(|(_, n)| n.posted <= site.today);
    pages.extend(notices.flat_map(|(i, _)| [PageRef::Notice(i), PageRef::NoticeProof(i)]));
    pages
}

impl PageRef {
    /// The page's address, without making its view; `None` for the archive
    /// and the register, whose years are known only from their views (their
    /// pages are all under [`urls::ARCHIVE`] and [`urls::REGISTER`]).
    pub fn url(self, site: &Site) -> Option<String> {
        let meeting = |b: usize, i: usize| &site.bodies[b].meetings[i];
        Some(match self {
            PageRef::Home => urls::HOME.to_owned(),
            PageRef::Board => urls::BOARD.to_owned(),
            PageRef::Accessibility => urls::ACCESSIBILITY.to_owned(),
            PageRef::NotFound => urls::NOT_FOUND.to_owned(),
            PageRef::Archive | PageRef::Register => return None,
            PageRef::Search => urls::SEARCH.to_owned(),
            PageRef::Body(b) => urls::body(&site.bodies[b].slug),
            PageRef::Meeting(b, i) => urls::meeting(&meeting(b, i).id),
            PageRef::Protocol(b, i) => urls::protocol(&meeting(b, i).id),
            PageRef::ProtocolNotice(b, i) => urls::protocol_notice(meeting(b, i)),
            PageRef::ParagraphNotice(b, i, k) => {
                let m = meeting(b, i);
                urls::paragraph_notice(&m.id, m.paragraphs[k].number)
            }
            PageRef::Paragraph(b, i, k) => {
                let m = meeting(b, i);
                urls::paragraph(&m.id, m.paragraphs[k].number)
            }
            PageRef::Notice(i) => urls::notice(&site.notices[i]),
            PageRef::ProtocolProof(b, i) => urls::proof(&urls::protocol_notice(meeting(b, i))),
            PageRef::ParagraphProof(b, i, k) => {
                let m = meeting(b, i);
                urls::proof(&urls::paragraph_notice(&m.id, m.paragraphs[k].number))
            }
            PageRef::NoticeProof(i) => urls::proof(&urls::notice(&site.notices[i])),
        })
    }

    /// The page's address, template and view (the archive gives several pages).
    pub fn specs(self, x: &Inputs<'_>) -> Vec<PageSpec> {
        let site = x.site;
        let body = |b: usize| &site.bodies[b];
        let meeting = |b: usize, i: usize| &site.bodies[b].meetings[i];
        let one = match self {
            PageRef::Home => home(x),
            PageRef::Board => board(x),
            PageRef::Accessibility => accessibility(x),
            PageRef::NotFound => not_found(x),
            PageRef::Archive => return archive(x),
            PageRef::Search => search(x),
            PageRef::Register => return register(x),
            PageRef::Body(b) => body_page(x, body(b)),
            PageRef::Meeting(b, i) => meeting_page(x, body(b), meeting(b, i), (x.pdf)(b, i)),
            PageRef::Protocol(b, i) => protocol_page(x, body(b), meeting(b, i), x.sizes, (x.pdf)(b, i)),
            PageRef::ProtocolNotice(b, i) => {
                let m = meeting(b, i);
                let Adjustment::Adjusted { on, board } = m.adjustment else { return Vec::new() };
                protocol_notice_page(x, body(b), m, on, &board)
            }
            PageRef::ParagraphNotice(b, i, k) => {
                let m = meeting(b, i);
                let par = &m.paragraphs[k];
                let Some(imm) = &par.immediate else { return Vec::new() };
                paragraph_notice_page(x, body(b), m, par, imm)
            }
            PageRef::Paragraph(b, i, k) => {
                let m = meeting(b, i);
                paragraph_page(x, body(b), m, &m.paragraphs[k], x.sizes)
            }
            PageRef::Notice(i) => notice_page(x, &site.notices[i]),
            PageRef::ProtocolProof(b, i) => {
                let m = meeting(b, i);
                let Adjustment::Adjusted { on, board } = m.adjustment else { return Vec::new() };
                let p = page(x, String::new());
                let view = p.protocol_notice(body(b), m, on, &board);
                proof_page(x, &urls::protocol_notice(m), view_facts(&p, &view, m.certified_by.as_deref()))
            }
            PageRef::ParagraphProof(b, i, k) => {
                let m = meeting(b, i);
                let par = &m.paragraphs[k];
                let Some(imm) = &par.immediate else { return Vec::new() };
                let p = page(x, String::new());
                let view = p.paragraph_notice(body(b), m, par, imm);
                let key = urls::paragraph_notice(&m.id, par.number);
                proof_page(x, &key, view_facts(&p, &view, m.certified_by.as_deref()))
            }
            PageRef::NoticeProof(i) => {
                let n = &site.notices[i];
                let p = page(x, String::new());
                let line = p.notice_line(n);
                let mut facts = vec![(p.label("kind"), line.kind), (p.label("posted"), line.posted)];
                facts.extend(line.appeal_last_day.map(|d| (p.label("appeal_last_day"), d)));
                facts.push((p.label("removal"), line.removal));
                proof_page(x, &urls::notice(n), ProofFacts { title: n.title.clone(), facts })
            }
        };
        vec![one]
    }
}

fn page<'a>(x: &Inputs<'a>, url: String) -> Page<'a> {
    Page { url, site: x.site, labels: x.labels, style: x.style, markdown: x.markdown, tables: std::cell::Cell::new(0) }
}

fn home(x: &Inputs<'_>) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::HOME.to_owned());
    let bodies: Vec<Value> = site
        .bodies
        .iter()
        .map(|b| json!({"link": p.link(&urls::body(&b.slug), &b.name), "kind": p.label(body_kind_key(b.kind))}))
        .collect();
    let mut adjusted: Vec<(&Body, &Meeting, Date)> = site
        .bodies
        .iter()
        .flat_map(|b| b.meetings.iter().map(move |m| (b, &**m)))
        .filter_map(|(b, m)| match m.adjustment {
            Adjustment::Adjusted { on, .. } => Some((b, m, on)),
            Adjustment::NotAdjusted => None,
        })
        .collect();
    adjusted.sort_by(|a, b| (b.2, b.1.id.date, &b.0.slug).cmp(&(a.2, a.1.id.date, &a.0.slug)));
    let latest: Vec<Value> = adjusted
        .iter()
        .take(10)
        .map(|(b, m, on)| {
            json!({"body": b.name, "date": meeting_label(m), "adjusted": p.date(*on),
                   "href": p.href(&urls::meeting(&m.id))})
        })
        .collect();
    let frame = p.frame(p.label("home_title"), Vec::new());
    spec(p.url.clone(), "index.html", frame, json!({"bodies": bodies, "latest": latest}))
}

fn board(x: &Inputs<'_>) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::BOARD.to_owned());
    let mut protocols = Vec::new();
    let mut pending = Vec::new();
    for b in &site.bodies {
        for m in &b.meetings {
            match m.adjustment {
                Adjustment::Adjusted { on, board } if board.is_on_board(site.today) => {
                    protocols.push(p.protocol_notice(b, m, on, &board));
                }
                Adjustment::NotAdjusted if m.id.date <= site.today => {
                    pending.push(json!({"body": b.name, "date": meeting_label(m),
                                        "href": p.href(&urls::meeting(&m.id))}));
                }
                _ => {}
            }
            for (par, imm) in m.immediate().filter(|(_, i)| i.board.is_on_board(site.today)) {
                protocols.push(p.paragraph_notice(b, m, par, imm));
            }
        }
    }
    let notices: Vec<NoticeLine> =
        site.notices.iter().filter(|n| n.is_on_board(site.today)).map(|n| p.notice_line(n)).collect();
    let frame = p.frame(p.label("board"), vec![p.link(urls::HOME, p.label("home"))]);
    let view = json!({
        "protocols": protocols, "notices": notices, "pending": pending, "subscribe": p.subscriptions(None),
        "today": p.date(site.today), "court": site.config.notice_board.court,
        "appeal_days": site.config.notice_board.appeal_period_days,
    });
    spec(p.url.clone(), "board.html", frame, view)
}

/// Notices taken down in one year, with their removal dates: protocols, others.
type Removed = (Vec<(Date, Value)>, Vec<(Date, Value)>);

/// Year of removal → notices taken down that year (protocols and others).
fn archive(x: &Inputs<'_>) -> Vec<PageSpec> {
    let site = x.site;
    use std::collections::BTreeMap;
    let mut years: BTreeMap<i16, Removed> = BTreeMap::new();
    for b in &site.bodies {
        for m in &b.meetings {
            if let Adjustment::Adjusted { on, board } = m.adjustment
                && board.removal <= site.today
            {
                let y = years.entry(board.removal.year()).or_default();
                y.0.push((
                    board.removal,
                    json!({"body": b.name, "meeting_date": meeting_label(m),
                        "adjusted": on.to_string(), "posted": board.posted.to_string(),
                        "removal": board.removal.to_string(), "url": urls::protocol_notice(m)}),
                ));
            }
            for (par, imm) in m.immediate().filter(|(_, i)| i.board.removal <= site.today) {
                let y = years.entry(imm.board.removal.year()).or_default();
                y.0.push((
                    imm.board.removal,
                    json!({"body": b.name, "meeting_date": meeting_label(m),
                        "paragraphs": format!("§ {}", par.number), "immediate": page(x, String::new()).label("immediate_notice"),
                        "adjusted": imm.on.to_string(), "posted": imm.board.posted.to_string(),
                        "removal": imm.board.removal.to_string(), "url": urls::paragraph_notice(&m.id, par.number)}),
                ));
            }
        }
    }
    for n in site.notices.iter().filter(|n| n.removal <= site.today) {
        let y = years.entry(n.removal.year()).or_default();
        y.1.push((
            n.removal,
            json!({"title": n.title, "posted": n.posted.to_string(),
            "removal": n.removal.to_string(), "url": urls::notice(n)}),
        ));
    }
    let p = page(x, urls::ARCHIVE.to_owned());
    let index: Vec<Link> = years.keys().rev().map(|y| p.link(&urls::archive_year(*y), y.to_string())).collect();
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let mut pages =
        vec![spec(p.url.clone(), "archive.html", p.frame(p.label("archive"), trail), json!({"years": index}))];
    for (year, (mut protocols, mut others)) in years.into_iter().rev() {
        let p = page(x, urls::archive_year(year));
        protocols.sort_by_key(|p| std::cmp::Reverse(p.0));
        others.sort_by_key(|n| std::cmp::Reverse(n.0));
        let relink = |mut v: Value| {
            let url = v["url"].as_str().unwrap_or_default().to_owned();
            v["href"] = json!(p.href(&url));
            v
        };
        let protocols: Vec<Value> = protocols.into_iter().map(|(_, v)| relink(v)).collect();
        let others: Vec<Value> = others.into_iter().map(|(_, v)| relink(v)).collect();
        let trail = vec![
            p.link(urls::HOME, p.label("home")),
            p.link(urls::BOARD, p.label("board")),
            p.link(urls::ARCHIVE, p.label("archive")),
        ];
        let frame = p.frame(format!("{} {year}", p.label("archive")), trail);
        pages.push(spec(
            p.url.clone(),
            "archive-year.html",
            frame,
            json!({"year": year, "protocols": protocols, "notices": others}),
        ));
    }
    pages
}

fn body_page(x: &Inputs<'_>, body: &Body) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::body(&body.slug));
    let parent = body.parent.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let mut years: Vec<(i16, Vec<Value>)> = Vec::new();
    for m in body.meetings.iter().rev() {
        let line = json!({"href": p.href(&urls::meeting(&m.id)), "date": p.date(m.id.date),
            "suffix": m.id.suffix, "paragraphs": paragraph_range(m),
            "adjusted": m.is_adjusted(), "announced": m.id.date > site.today});
        match years.last_mut() {
            Some((y, list)) if *y == m.id.date.year() => list.push(line),
            _ => years.push((m.id.date.year(), vec![line])),
        }
    }
    let years: Vec<Value> = years.into_iter().map(|(y, ms)| json!({"year": y, "meetings": ms})).collect();
    let view = json!({
        "name": body.name, "short_name": body.short_name, "kind": p.label(body_kind_key(body.kind)),
        "parent": parent.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        "description": body.description.as_ref().map(|d| p.markdown(d, 2, "")),
        "years": years,
    });
    let mut view = view;
    view["subscribe"] = json!(p.subscriptions(Some(body)));
    let frame = p.body_frame(body.name.clone(), vec![p.link(urls::HOME, p.label("home"))], body);
    spec(p.url.clone(), "body.html", frame, view)
}

fn meeting_page(x: &Inputs<'_>, body: &Body, m: &Meeting, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::meeting(&m.id));
    let (title, view, trail) = meeting_view(&p, body, m, pdf);
    let mut view = view;
    view["protocol_href"] = json!(p.href(&urls::protocol(&m.id)));
    spec(p.url.clone(), "meeting.html", p.body_frame(title, trail, body), view)
}

/// The whole protocol: the meeting's facts, then every paragraph in full.
fn protocol_page(x: &Inputs<'_>, body: &Body, m: &Meeting, sizes: &Sizes, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::protocol(&m.id));
    let (title, view, mut trail) = meeting_view(&p, body, m, pdf);
    trail.push(p.link(&urls::meeting(&m.id), title.clone()));
    let paragraphs: Vec<Value> =
        m.paragraphs.iter().map(|par| paragraph_view(&p, m, par, sizes, 3, &format!("p{}-", par.number))).collect();
    let mut view = view;
    view["full"] = json!(paragraphs);
    view["signatures"] = signatures(&p, m);
    let rows =
        proof_block(&p, body, m).map(|rows| rows.into_iter().map(|(k, v)| json!({"k": k, "v": v})).collect::<Vec<_>>());
    view["proof_block"] = json!(rows);
    let title = format!("{} – {}", title, p.label("full_protocol"));
    spec(p.url.clone(), "protocol.html", p.body_frame(title, trail, body), view)
}

/// The signature block that ends a protocol: secretary, chair, adjusters,
/// and "Justerat <date>" or "Ej justerat".
fn signatures(p: &Page<'_>, m: &Meeting) -> Value {
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => format!("{} {}", p.label("adjusted"), p.date(on)),
        Adjustment::NotAdjusted => p.label("not_adjusted_signature"),
    };
    json!({"secretary": m.secretary, "chair": m.chair, "adjusters": m.adjusters, "adjusted": adjusted})
}

/// The facts of a meeting, for its page and its full protocol; `pdf` is
/// the size of its protocol as PDF, if it has one.
fn meeting_view(p: &Page<'_>, body: &Body, m: &Meeting, pdf: Option<u64>) -> (String, Value, Vec<Link>) {
    let site = p.site;
    let dir = format!("{}/{}", m.id.body, m.id.folder());
    let board = match m.adjustment {
        Adjustment::Adjusted { on, board } if board.posted <= site.today => {
            Some(p.protocol_notice(body, m, on, &board))
        }
        _ => None,
    };
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => Some(p.date(on)),
        Adjustment::NotAdjusted => None,
    };
    let paragraphs: Vec<Value> = m
        .paragraphs
        .iter()
        .map(|par| {
            let (dnr, confidential) = match &par.content {
                Content::Public(x) => (x.dnr.join(", "), false),
                Content::Confidential { .. } => (String::new(), true),
                Content::Agenda { dnr, .. } => (dnr.join(", "), false),
                Content::Withdrawn { .. } => (String::new(), false),
            };
            let immediate = par.immediate.map(|i| format!("{} {}", p.label("adjusted_immediately"), p.date(i.on)));
            let outcome = par.content.public().and_then(|x| match &x.outcome {
                Outcome::Proposal { to, .. } => Some(format!("{} {to}", p.label("proposal_to"))),
                Outcome::Information => Some(p.label("information")),
                Outcome::Decision => None,
            });
            let withdrawn = par.content.withdrawal().map(|w| format!("{} {}", p.label("withdrawn"), p.date(w.date)));
            json!({"number": par.number, "title": par.content.title(), "dnr": dnr, "confidential": confidential,
                   "immediate": immediate, "outcome": outcome, "withdrawn": withdrawn,
                   "href": p.href(&urls::paragraph(&m.id, par.number))})
        })
        .collect();
    let announcements: Vec<Link> = site.announcements(&m.id).map(|n| p.link(&urls::notice(n), &n.title)).collect();
    let attendance: Vec<Value> = m
        .attendance
        .iter()
        .map(|a| json!({"name": a.name, "party": a.party, "role": a.role, "title": a.title}))
        .collect();
    let title = format!("{} {}", body.name, meeting_label(m));
    let view = json!({
        "body": body.name, "date": meeting_label(m), "suffix": m.id.suffix, "time": m.time, "place": m.place,
        "chair": m.chair, "secretary": m.secretary, "adjusters": m.adjusters, "adjusted": adjusted,
        "board": board, "storage": m.storage, "attendance": attendance,
        "announced": m.id.date > site.today, "announcements": announcements,
        "intro": m.intro.as_ref().map(|i| p.markdown_linked(i, 2, "", Some((&dir, m.linked.as_slice())))),
        "paragraphs": paragraphs,
        "pdf": pdf.map(|n| json!({"href": p.href(&urls::protocol_pdf(&m.id)), "size": p.size(n)})),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(&urls::body(&body.slug), &body.name)];
    (title, view, trail)
}

fn paragraph_page(x: &Inputs<'_>, body: &Body, m: &Meeting, par: &Paragraph, sizes: &Sizes) -> PageSpec {
    let p = page(x, urls::paragraph(&m.id, par.number));
    let trail = vec![
        p.link(urls::HOME, p.label("home")),
        p.link(&urls::body(&body.slug), &body.name),
        p.link(&urls::meeting(&m.id), format!("{} {}", body.name, meeting_label(m))),
    ];
    let view = paragraph_view(&p, m, par, sizes, 2, "");
    let title = view["title"].as_str().unwrap_or_default().to_owned();
    let view = json!({"par": view, "body": body.name, "meeting_date": meeting_label(m),
                      "notice": paragraph_notice_facts(&p, body, m, par)});
    let frame = p.body_frame(format!("§ {} {title}", par.number), trail, body);
    spec(p.url.clone(), "paragraph.html", frame, view)
}

/// A paragraph's view, shared by its page and the full protocol: `h` is the
/// level of its section headings, `idp` the prefix of its ids on the page.
fn paragraph_view(p: &Page<'_>, m: &Meeting, par: &Paragraph, sizes: &Sizes, h: u8, idp: &str) -> Value {
    let mut view = match &par.content {
        Content::Confidential { public_title, legal_ground } => {
            json!({"confidential": true, "legal_ground": legal_ground, "title": public_title})
        }
        Content::Agenda { title, dnr } => {
            json!({"agenda": true, "announced": m.id.date > p.site.today, "title": title, "dnr": dnr})
        }
        Content::Withdrawn { title, withdrawal } => {
            json!({"withdrawn": {"date": p.date(withdrawal.date), "reason": withdrawal.reason}, "title": title})
        }
        Content::Public(x) => {
            let dir = format!("{}/{}", m.id.body, m.id.folder());
            let mut v = public_paragraph(p, x, sizes, &dir, h + 1, idp);
            v["title"] = json!(x.title);
            v
        }
    };
    view["number"] = json!(par.number);
    view["immediate"] = json!(par.immediate.map(|i| p.date(i.on)));
    view["h"] = json!(h);
    view["idp"] = json!(idp);
    view["href"] = json!(p.href(&urls::paragraph(&m.id, par.number)));
    view
}

fn public_paragraph(p: &Page<'_>, x: &PublicParagraph, sizes: &Sizes, meeting_dir: &str, base: u8, idp: &str) -> Value {
    let linked = Some((meeting_dir, x.linked.as_slice()));
    let documents: Vec<Value> = x
        .documents
        .iter()
        .map(|d| {
            json!({"title": d.title, "date": d.date.map(|d| d.to_string()),
                   "withdrawn": d.withdrawn.as_ref().map(|w| json!({"date": p.date(w.date), "reason": w.reason})),
                   "href": d.file.as_ref().map(|f| p.href(&urls::encode_path(f))),
                   "size": d.file.as_ref().and_then(|f| sizes.get(f)).map(|n| p.size(*n)),
                   "type": d.file.as_ref().map(|f| f.rsplit('/').next().unwrap_or(f)).and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_uppercase())})
        })
        .collect();
    let votes = x.votes.as_ref().map(|v| {
        let count = |k: Vote| v.ballots.iter().filter(|b| b.vote == k).count();
        let ballots: Vec<Value> = v
            .ballots
            .iter()
            .map(|b| json!({"name": b.name, "party": b.party, "vote": p.label(vote_key(b.vote))}))
            .collect();
        json!({"yes": v.yes, "no": v.no, "ballots": ballots,
               "ja": count(Vote::Ja), "nej": count(Vote::Nej), "avstar": count(Vote::Avstar), "jav": count(Vote::Jav)})
    });
    let reservations: Vec<Value> = x.reservations.iter().map(|r| json!({"by": r.by, "text": r.text})).collect();
    let (outcome, proposal_to) = match &x.outcome {
        Outcome::Decision => ("decision", None),
        Outcome::Information => ("information", None),
        Outcome::Proposal { to, slug } => {
            let link = match slug {
                Some(slug) => p.link(&urls::body(slug), to),
                None => Link { href: String::new(), text: to.clone() },
            };
            ("proposal", Some(link))
        }
    };
    let corrections: Vec<Value> =
        x.corrections.iter().map(|c| json!({"date": p.date(c.date), "text": c.text})).collect();
    json!({
        "confidential": false, "dnr": x.dnr, "decided_by": x.decided_by, "corrections": corrections,
        "outcome": outcome, "proposal_to": proposal_to,
        "decision": x.decision.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}beslut-"), linked)),
        "proposal": x.proposal.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}forslag-"), linked)),
        "text": Some(p.markdown_linked(&x.text, base, &format!("{idp}arende-"), linked)).filter(|h| !h.trim().is_empty()),
        "documents": documents, "recipients": x.recipients, "reservations": reservations,
        "votes": votes, "disqualified": x.disqualified,
    })
}

fn protocol_notice_page(x: &Inputs<'_>, body: &Body, m: &Meeting, on: Date, b: &BoardDates) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::protocol_notice(m));
    let view = json!({
        "notice": p.protocol_notice(body, m, on, b), "removed": b.removal <= site.today,
        "court": site.config.notice_board.court, "appeal_days": site.config.notice_board.appeal_period_days,
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}", p.label("protocol_notice"), body.name, meeting_label(m));
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice of a § adjusted on its own: like a protocol's notice, for one §.
fn paragraph_notice_page(x: &Inputs<'_>, body: &Body, m: &Meeting, par: &Paragraph, i: &Immediate) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::paragraph_notice(&m.id, par.number));
    let view = json!({
        "notice": p.paragraph_notice(body, m, par, i), "removed": i.board.removal <= site.today,
        "title": par.content.title(),
        "court": site.config.notice_board.court, "appeal_days": site.config.notice_board.appeal_period_days,
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}, § {}", p.label("immediate_notice_title"), body.name, meeting_label(m), par.number);
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice facts shown on a § page: its own notice (omedelbar justering)
/// or its protocol's, once adjusted; with the notice's dates once posted.
fn paragraph_notice_facts(p: &Page<'_>, body: &Body, m: &Meeting, par: &Paragraph) -> Option<Value> {
    let today = p.site.today;
    let (on, board, href) = match (&par.immediate, m.adjustment) {
        (Some(i), _) => (i.on, i.board, urls::paragraph_notice(&m.id, par.number)),
        (None, Adjustment::Adjusted { on, board }) => (on, board, urls::protocol_notice(m)),
        (None, Adjustment::NotAdjusted) => return None,
    };
    let view = match par.immediate {
        Some(i) => p.paragraph_notice(body, m, par, &i),
        None => p.protocol_notice(body, m, on, &board),
    };
    let posted = board.posted <= today;
    Some(
        json!({"adjusted": view.adjusted, "immediate": par.immediate.is_some(), "posted": posted.then_some(view.posted),
        "appeal_last_day": posted.then_some(view.appeal_last_day), "removal": posted.then_some(view.removal),
        "storage": view.storage, "href": posted.then(|| p.href(&href)), "removed": board.removal <= today}),
    )
}

/// What a proof states of its notice: a title and the facts of KL 8 kap. 12 §.
struct ProofFacts {
    title: String,
    facts: Vec<(String, String)>,
}

/// The facts of a protocol's (or a §'s own) notice, for its proof.
fn view_facts(p: &Page<'_>, v: &ProtocolNoticeView, certified_by: Option<&str>) -> ProofFacts {
    let mut facts = vec![(p.label("body"), v.body.clone()), (p.label("meeting_date"), v.meeting_date.clone())];
    if !v.paragraphs.is_empty() {
        let immediate = v.immediate.as_ref().map_or(String::new(), |i| format!(" ({i})"));
        facts.push((p.label("paragraphs"), format!("{}{immediate}", v.paragraphs)));
    }
    let adjusted = if v.immediate.is_some() { p.label("adjusted_immediately") } else { p.label("adjusted") };
    facts.extend([
        (adjusted, v.adjusted.clone()),
        (p.label("posted"), v.posted.clone()),
        (p.label("appeal_last_day"), v.appeal_last_day.clone()),
        (p.label("removal"), v.removal.clone()),
    ]);
    facts.extend(v.storage.clone().map(|s| (p.label("storage"), s)));
    facts.extend(certified_by.map(|c| (p.label("certified_by"), c.to_owned())));
    let title = format!(
        "{} {}{}",
        v.body,
        v.meeting_date,
        v.immediate.as_ref().map_or(String::new(), |_| format!(", {}", v.paragraphs))
    );
    ProofFacts { title, facts }
}

/// The proof (anslagsbevis) of the notice whose page is at `notice`: what the
/// notice states, then what the publishing record holds of it.
fn proof_page(x: &Inputs<'_>, notice: &str, facts: ProofFacts) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::proof(notice));
    let heading = facts.title;
    let facts: Vec<Value> = facts.facts.into_iter().map(|(k, v)| json!({"k": k, "v": v})).collect();
    let kind_label = |k: record::ChangeKind| {
        use crate::model::record::ChangeKind as K;
        p.label(match k {
            K::Correction => "change_correction",
            K::Changed => "change_changed",
            K::Withdrawn => "change_withdrawn",
            K::Added => "change_added",
            K::Removed => "change_removed",
        })
    };
    let recorded = site.record.notice(notice).map(|e| {
        let texts: Vec<Value> = e.texts.iter().map(|t| json!({"what": t.what, "sha256": t.sha256})).collect();
        let files: Vec<Value> = e.attachments.iter().map(|f| json!({"path": f.path, "sha256": f.sha256})).collect();
        let changes: Vec<Value> = e
            .changes
            .iter()
            .map(|c| {
                json!({"date": p.date(c.date), "what": c.what, "kind": kind_label(c.kind),
                       "sha256": c.sha256, "value": c.value})
            })
            .collect();
        json!({"first_published": p.date(e.first_published), "taken_over": e.taken_over,
               "posted": p.date(e.posted), "texts": texts, "files": files, "changes": changes})
    });
    let view = json!({
        "title": heading, "facts": facts, "recorded": recorded,
        "started": site.record.started.map(|d| p.date(d)), "notice": p.href(notice),
        "data": p.href(&format!("{}{}", urls::DATA, super::data::RECORD)),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {}", p.label("anslagsbevis"), view["title"].as_str().unwrap_or_default());
    spec(p.url.clone(), "anslagsbevis.html", p.frame(title, trail), view)
}

fn notice_page(x: &Inputs<'_>, n: &Notice) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::notice(n));
    let body = n.body.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let view = json!({
        "notice": p.notice_line(n), "removed": n.removal <= site.today,
        "body": body.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        "text": p.markdown_linked(&n.text, 2, "", Some(("notices", n.linked.as_slice()))),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    spec(p.url.clone(), "notice.html", p.frame(n.title.clone(), trail), view)
}

fn accessibility(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::ACCESSIBILITY.to_owned());
    let frame = p.frame(p.label("accessibility"), vec![p.link(urls::HOME, p.label("home"))]);
    spec(p.url.clone(), "accessibility.html", frame, json!({}))
}

fn not_found(x: &Inputs<'_>) -> PageSpec {
    // The 404 page is served at any depth, so its links are absolute from base_url's path.
    let p = page(x, urls::NOT_FOUND.to_owned());
    let frame = p.frame(p.label("not_found"), Vec::new());
    spec(p.url.clone(), "404.html", frame, json!({}))
}

/// The years with paragraphs, newest first.
fn paragraph_years(site: &Site) -> Vec<i16> {
    let years: std::collections::BTreeSet<i16> =
        site.meetings().filter(|m| !m.paragraphs.is_empty()).map(|m| m.id.date.year()).collect();
    years.into_iter().rev().collect()
}

/// The search page: a form that Pagefind answers in the browser (filters by
/// body and year), and without JavaScript a way to the register.
fn search(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::SEARCH.to_owned());
    let bodies: Vec<&str> = x.site.bodies.iter().map(|b| b.name.as_str()).collect();
    let view = json!({
        "bodies": bodies,
        "years": paragraph_years(x.site),
        "register": p.href(urls::REGISTER),
        "index": p.href(urls::SEARCH_INDEX),
        "script": p.href(super::theme::SEARCH_SCRIPT),
    });
    let frame = p.frame(p.label("search"), vec![p.link(urls::HOME, p.label("home"))]);
    spec(p.url.clone(), "search.html", frame, view)
}

/// A sort key that orders "KS 2025/9" before "KS 2025/10".
fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let text_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let (text, tail) = rest.split_at(text_end);
        let digits_end = tail.find(|c: char| !c.is_ascii_digit()).unwrap_or(tail.len());
        let (digits, tail) = tail.split_at(digits_end);
        key.push((text.to_lowercase(), digits.parse().unwrap_or(u64::MAX)));
        rest = tail;
    }
    key
}

/// A row of the register and its sort key: without Dnr (last), Dnr, date, §.
type RegisterRow = (bool, Vec<(String, u64)>, Date, u32, Value);

/// The register: an index of years, then a page a year with a table per
/// body of every paragraph, ordered by Dnr (those without one last). A
/// confidential paragraph shows its number and public title only.
fn register(x: &Inputs<'_>) -> Vec<PageSpec> {
    let site = x.site;
    let years = paragraph_years(site);
    let p = page(x, urls::REGISTER.to_owned());
    let index: Vec<Link> = years.iter().map(|y| p.link(&urls::register_year(*y), y.to_string())).collect();
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::SEARCH, p.label("search"))];
    let mut pages =
        vec![spec(p.url.clone(), "register.html", p.frame(p.label("register"), trail), json!({"years": index}))];
    for year in years {
        let p = page(x, urls::register_year(year));
        let mut bodies = Vec::new();
        for body in &site.bodies {
            let mut rows: Vec<RegisterRow> = Vec::new();
            for m in body.meetings.iter().filter(|m| m.id.date.year() == year) {
                for par in &m.paragraphs {
                    let (dnr, title) = match &par.content {
                        Content::Public(x) => (x.dnr.join(", "), x.title.clone()),
                        Content::Confidential { public_title, .. } => (String::new(), public_title.clone()),
                        Content::Agenda { title, dnr } => (dnr.join(", "), title.clone()),
                        Content::Withdrawn { title, withdrawal } => (
                            String::new(),
                            format!("{title} ({} {})", page(x, String::new()).label("withdrawn"), withdrawal.date),
                        ),
                    };
                    let row = json!({"dnr": dnr, "number": par.number, "meeting": meeting_label(m),
                        "title": title, "href": p.href(&urls::paragraph(&m.id, par.number))});
                    rows.push((dnr.is_empty(), natural_key(&dnr), m.id.date, par.number, row));
                }
            }
            if rows.is_empty() {
                continue;
            }
            rows.sort_by(|a, b| (a.0, &a.1, a.2, a.3).cmp(&(b.0, &b.1, b.2, b.3)));
            let rows: Vec<Value> = rows.into_iter().map(|r| r.4).collect();
            bodies.push(json!({"name": body.name, "slug": body.slug, "rows": rows}));
        }
        let trail = vec![
            p.link(urls::HOME, p.label("home")),
            p.link(urls::SEARCH, p.label("search")),
            p.link(urls::REGISTER, p.label("register")),
        ];
        let frame = p.frame(format!("{} {year}", p.label("register")), trail);
        pages.push(spec(p.url.clone(), "register-year.html", frame, json!({"year": year, "bodies": bodies})));
    }
    pages
}
