//! The pages made from the whole site: home, board, archive, register,
//! search, accessibility statement and the page for missing addresses.

use super::*;

pub(super) fn home(x: &Inputs<'_>) -> PageSpec {
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
pub(super) type Removed = (Vec<(Date, Value)>, Vec<(Date, Value)>);

/// Year of removal → notices taken down that year (protocols and others).
pub(super) fn archive(x: &Inputs<'_>) -> Vec<PageSpec> {
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

pub(super) fn accessibility(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::ACCESSIBILITY.to_owned());
    let frame = p.frame(p.label("accessibility"), vec![p.link(urls::HOME, p.label("home"))]);
    spec(p.url.clone(), "accessibility.html", frame, json!({}))
}

pub(super) fn not_found(x: &Inputs<'_>) -> PageSpec {
    // The 404 page is served at any depth, so its links are absolute from base_url's path.
    let p = page(x, urls::NOT_FOUND.to_owned());
    let frame = p.frame(p.label("not_found"), Vec::new());
    spec(p.url.clone(), "404.html", frame, json!({}))
}

/// The years with paragraphs, newest first.
pub(super) fn paragraph_years(site: &Site) -> Vec<i16> {
    let years: std::collections::BTreeSet<i16> =
        site.meetings().filter(|m| !m.paragraphs.is_empty()).map(|m| m.id.date.year()).collect();
    years.into_iter().rev().collect()
}

/// The search page: a form that Pagefind answers in the browser (filters by
/// body and year), and without JavaScript a way to the register.
pub(super) fn search(x: &Inputs<'_>) -> PageSpec {
    let p = page(x, urls::SEARCH.to_owned());
    let bodies: Vec<&str> = x.site.bodies.iter().map(|b| b.name.as_str()).collect();
    let view = json!({
        "bodies": bodies,
        "years": paragraph_years(x.site),
        "register": p.href(urls::REGISTER),
        "index": p.href(urls::SEARCH_INDEX),
        "script": p.href(crate::render::theme::SEARCH_SCRIPT),
    });
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

/// A row of the register and its sort key: without Dnr (last), Dnr, date, §.
pub(super) type RegisterRow = (bool, Vec<(String, u64)>, Date, u32, Value);

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
