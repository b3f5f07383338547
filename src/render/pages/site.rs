//! The pages made from the whole site: home, board, archive, register,
//! search, accessibility statement and the page for missing addresses.

use super::*;
use serde::Serialize;

/// `index.html`: the bodies and the latest adjusted protocols.
#[derive(Serialize)]
struct HomeView {
    bodies: Vec<BodyEntry>,
    latest: Vec<LatestProtocol>,
}

#[derive(Serialize)]
struct BodyEntry {
    link: Link,
    /// The kind of body, in words (nämnd, utskott …).
    kind: String,
}

#[derive(Serialize)]
struct LatestProtocol {
    body: String,
    /// The meeting (its date, and its suffix if any).
    date: String,
    adjusted: String,
    href: String,
}

pub(super) fn home(x: &Inputs<'_>) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::HOME.to_owned());
    let bodies: Vec<BodyEntry> = site
        .bodies
        .iter()
        .map(|b| BodyEntry { link: p.link(&urls::body(&b.slug), &b.name), kind: p.label(body_kind_key(b.kind)) })
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
    let latest: Vec<LatestProtocol> = adjusted
        .iter()
        .take(10)
        .map(|(b, m, on)| LatestProtocol {
            body: b.name.clone(),
            date: meeting_label(m),
            adjusted: p.date(*on),
            href: p.href(&urls::meeting(&m.id)),
        })
        .collect();
    let frame = p.frame(p.label("home_title"), Vec::new());
    spec(p.url.clone(), "index.html", frame, HomeView { bodies, latest })
}

/// `board.html`: what is on the notice board today.
#[derive(Serialize)]
struct BoardView {
    /// Protocols and §§ adjusted on their own, on the board today.
    protocols: Vec<ProtocolNoticeView>,
    notices: Vec<NoticeLine>,
    /// Meetings held whose protocol is not adjusted yet.
    pending: Vec<PendingProtocol>,
    subscribe: Vec<Link>,
    today: String,
    court: Option<String>,
    appeal_days: u32,
}

#[derive(Serialize)]
struct PendingProtocol {
    body: String,
    date: String,
    href: String,
}

pub(super) fn board(x: &Inputs<'_>) -> PageSpec {
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
                    pending.push(PendingProtocol {
                        body: b.name.clone(),
                        date: meeting_label(m),
                        href: p.href(&urls::meeting(&m.id)),
                    });
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
    let view = BoardView {
        protocols,
        notices,
        pending,
        subscribe: p.subscriptions(None),
        today: p.date(site.today),
        court: site.config.notice_board.court.clone(),
        appeal_days: site.config.notice_board.appeal_period_days,
    };
    spec(p.url.clone(), "board.html", frame, view)
}

/// `archive.html` and `register.html`: a link to each year's page.
#[derive(Serialize)]
struct YearsView {
    years: Vec<Link>,
}

/// `archive-year.html`: the notices taken down in one year.
#[derive(Serialize)]
struct ArchiveYearView {
    year: i16,
    protocols: Vec<Removed>,
    notices: Vec<Removed>,
}

/// A notice taken down: a protocol's (`body`, `meeting_date`), a §'s adjusted
/// on its own (also `paragraphs` and `immediate`), or another (`title`).
#[derive(Serialize)]
struct Removed {
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    immediate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adjusted: Option<String>,
    posted: String,
    removal: String,
    /// Its address from the site's root, and from the year's page.
    url: String,
    href: String,
}

/// Notices taken down in one year, with their removal dates: protocols, others.
type RemovedInYear = (Vec<(Date, Removed)>, Vec<(Date, Removed)>);

/// Year of removal → notices taken down that year (protocols and others).
pub(super) fn archive(x: &Inputs<'_>) -> Vec<PageSpec> {
    let site = x.site;
    use std::collections::BTreeMap;
    let mut years: BTreeMap<i16, RemovedInYear> = BTreeMap::new();
    let removed = |url: String, posted: Date, removal: Date| Removed {
        body: None,
        meeting_date: None,
        paragraphs: None,
        immediate: None,
        title: None,
        adjusted: None,
        posted: posted.to_string(),
        removal: removal.to_string(),
        url,
        href: String::new(),
    };
    for b in &site.bodies {
        for m in &b.meetings {
            if let Adjustment::Adjusted { on, board } = m.adjustment
                && board.removal <= site.today
            {
                let y = years.entry(board.removal.year()).or_default();
                y.0.push((
                    board.removal,
                    Removed {
                        body: Some(b.name.clone()),
                        meeting_date: Some(meeting_label(m)),
                        adjusted: Some(on.to_string()),
                        ..removed(urls::protocol_notice(m), board.posted, board.removal)
                    },
                ));
            }
            for (par, imm) in m.immediate().filter(|(_, i)| i.board.removal <= site.today) {
                let y = years.entry(imm.board.removal.year()).or_default();
                y.0.push((
                    imm.board.removal,
                    Removed {
                        body: Some(b.name.clone()),
                        meeting_date: Some(meeting_label(m)),
                        paragraphs: Some(format!("§ {}", par.number)),
                        immediate: Some(page(x, String::new()).label("immediate_notice")),
                        adjusted: Some(imm.on.to_string()),
                        ..removed(urls::paragraph_notice(&m.id, par.number), imm.board.posted, imm.board.removal)
                    },
                ));
            }
        }
    }
    for n in site.notices.iter().filter(|n| n.removal <= site.today) {
        let y = years.entry(n.removal.year()).or_default();
        y.1.push((
            n.removal,
            Removed { title: Some(n.title.clone()), ..removed(urls::notice(n), n.posted, n.removal) },
        ));
    }
    let p = page(x, urls::ARCHIVE.to_owned());
    let index: Vec<Link> = years.keys().rev().map(|y| p.link(&urls::archive_year(*y), y.to_string())).collect();
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let mut pages =
        vec![spec(p.url.clone(), "archive.html", p.frame(p.label("archive"), trail), YearsView { years: index })];
    for (year, (mut protocols, mut others)) in years.into_iter().rev() {
        let p = page(x, urls::archive_year(year));
        protocols.sort_by_key(|p| std::cmp::Reverse(p.0));
        others.sort_by_key(|n| std::cmp::Reverse(n.0));
        let relink = |(_, v): (Date, Removed)| Removed { href: p.href(&v.url), ..v };
        let protocols: Vec<Removed> = protocols.into_iter().map(relink).collect();
        let others: Vec<Removed> = others.into_iter().map(relink).collect();
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
            ArchiveYearView { year, protocols, notices: others },
        ));
    }
    pages
}

/// The accessibility statement and the 404 page: the frame only.
#[derive(Serialize)]
struct NoView {}

pub(super) fn accessibility(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::ACCESSIBILITY.to_owned());
    let frame = p.frame(p.label("accessibility"), vec![p.link(urls::HOME, p.label("home"))]);
    spec(p.url.clone(), "accessibility.html", frame, NoView {})
}

pub(super) fn not_found(x: &Inputs<'_>) -> PageSpec {
    // The 404 page is served at any depth, so its links are absolute from base_url's path.
    let p = page(x, urls::NOT_FOUND.to_owned());
    let frame = p.frame(p.label("not_found"), Vec::new());
    spec(p.url.clone(), "404.html", frame, NoView {})
}

/// The years with paragraphs, newest first.
/// The years of the archive's pages, newest first: the years in which
/// something left the board (a protocol's notice, a § adjusted on its own,
/// another notice), as [`archive`] files them.
pub(super) fn archive_years(site: &Site) -> Vec<i16> {
    let today = site.today;
    let mut years = std::collections::BTreeSet::new();
    for m in site.meetings() {
        if let Adjustment::Adjusted { board, .. } = m.adjustment
            && board.removal <= today
        {
            years.insert(board.removal.year());
        }
        years.extend(m.immediate().filter(|(_, i)| i.board.removal <= today).map(|(_, i)| i.board.removal.year()));
    }
    years.extend(site.notices.iter().filter(|n| n.removal <= today).map(|n| n.removal.year()));
    years.into_iter().rev().collect()
}

pub(super) fn paragraph_years(site: &Site) -> Vec<i16> {
    let years: std::collections::BTreeSet<i16> =
        site.meetings().filter(|m| !m.paragraphs.is_empty()).map(|m| m.id.date.year()).collect();
    years.into_iter().rev().collect()
}

/// `search.html`: the filters, and where the index, its script and the
/// register are.
#[derive(Serialize)]
struct SearchView<'a> {
    bodies: Vec<&'a str>,
    years: Vec<i16>,
    register: String,
    index: String,
    script: String,
}

/// The search page: a form that Pagefind answers in the browser (filters by
/// body and year), and without JavaScript a way to the register.
pub(super) fn search(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::SEARCH.to_owned());
    let view = SearchView {
        bodies: x.site.bodies.iter().map(|b| b.name.as_str()).collect(),
        years: paragraph_years(x.site),
        register: p.href(urls::REGISTER),
        index: p.href(urls::SEARCH_INDEX),
        script: p.href(crate::render::theme::SEARCH_SCRIPT),
    };
    let frame = p.frame(p.label("search"), vec![p.link(urls::HOME, p.label("home"))]);
    spec(p.url.clone(), "search.html", frame, view)
}

/// A sort key that orders "KS 2025/9" before "KS 2025/10".
pub(super) fn natural_key(s: &str) -> Vec<(String, u64)> {
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

/// `register-year.html`: a table per body of the year's §§.
#[derive(Serialize)]
struct RegisterYearView {
    year: i16,
    bodies: Vec<RegisterBody>,
}

#[derive(Serialize)]
struct RegisterBody {
    name: String,
    slug: String,
    rows: Vec<RegisterRow>,
}

#[derive(Serialize)]
struct RegisterRow {
    dnr: String,
    number: u32,
    meeting: String,
    title: String,
    href: String,
}

/// A row of the register and its sort key: without Dnr (last), Dnr, date, §.
type SortedRow = (bool, Vec<(String, u64)>, Date, u32, RegisterRow);

/// The register: an index of years, then a page a year with a table per
/// body of every paragraph, ordered by Dnr (those without one last). A
/// confidential paragraph shows its number and public title only.
pub(super) fn register(x: &Inputs<'_>) -> Vec<PageSpec> {
    let site = x.site;
    let years = paragraph_years(site);
    let p = page(x, urls::REGISTER.to_owned());
    let index: Vec<Link> = years.iter().map(|y| p.link(&urls::register_year(*y), y.to_string())).collect();
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::SEARCH, p.label("search"))];
    let mut pages =
        vec![spec(p.url.clone(), "register.html", p.frame(p.label("register"), trail), YearsView { years: index })];
    for year in years {
        let p = page(x, urls::register_year(year));
        let mut bodies = Vec::new();
        for body in &site.bodies {
            let mut rows: Vec<SortedRow> = Vec::new();
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
                    let (without, natural) = (dnr.is_empty(), natural_key(&dnr));
                    let href = p.href(&urls::paragraph(&m.id, par.number));
                    let row = RegisterRow { dnr, number: par.number, meeting: meeting_label(m), title, href };
                    rows.push((without, natural, m.id.date, par.number, row));
                }
            }
            if rows.is_empty() {
                continue;
            }
            rows.sort_by(|a, b| (a.0, &a.1, a.2, a.3).cmp(&(b.0, &b.1, b.2, b.3)));
            let rows: Vec<RegisterRow> = rows.into_iter().map(|r| r.4).collect();
            bodies.push(RegisterBody { name: body.name.clone(), slug: body.slug.clone(), rows });
        }
        let trail = vec![
            p.link(urls::HOME, p.label("home")),
            p.link(urls::SEARCH, p.label("search")),
            p.link(urls::REGISTER, p.label("register")),
        ];
        let frame = p.frame(format!("{} {year}", p.label("register")), trail);
        pages.push(spec(p.url.clone(), "register-year.html", frame, RegisterYearView { year, bodies }));
    }
    pages
}
