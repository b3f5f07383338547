//! Atom feeds (RFC 4287), made with `atom_syndication` (never by hand):
//!
//! - [`urls::BOARD_FEED`] (`anslagstavla.atom`): every notice posted on or
//!   before the build's date — the notices of adjusted protocols and the
//!   other notices (kungörelser …), removed ones included — newest posting
//!   first (ties: by address);
//! - [`urls::body_feed`] (`<body>/protokoll.atom`), one per body: its
//!   adjusted meetings, newest adjustment first (ties: by address).
//!
//! Choices (see `docs/feeds.md`):
//!
//! - Entry ids are tag URIs (RFC 4151): `tag:<host of base_url>,<date>:<site
//!   address>`, the date being the meeting's date (protocols) or the posting
//!   date (other notices). They survive a move of the site to another path
//!   on the same host and never depend on the build's date. A feed's own id
//!   is its absolute address: a feed that moves is a new feed to its readers.
//! - The model has dates only; each date is written as midnight UTC
//!   (`2026-11-12T00:00:00+00:00`), so the day is the same in Sweden.
//!   `published` is the posting (board feed) or adjustment date (body
//!   feeds); `updated` the same. A feed's `updated` is its newest entry's,
//!   or the build's date when it has none: never the wall clock, so the
//!   same content and `--today` give the same bytes.
//! - Summaries are plain text made of dates and § titles only; a
//!   confidential § shows its public title, never anything else.
//! - Every word comes from the site's labels (`i18n/<lang>/site.ftl`).

use super::{File, RenderError, Whole, urls};
use crate::model::{Adjustment, Body, Content, Date, Language, Meeting, Notice, Site};
use crate::present::{Labels, meeting_label, notice_kind_key, paragraph_range};
use atom_syndication::{Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig};

pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let site = x.site;
    let host = host(&site.config.base_url)?;
    let mut files = vec![(urls::BOARD_FEED.to_owned(), write(&board_feed(x, &host)?)?)];
    for body in &site.bodies {
        files.push((urls::body_feed(&body.slug), write(&body_feed(x, &host, body)?)?));
    }
    Ok(files)
}

/// A label of the site's language; a missing one is a bug of this crate,
/// reported rather than shown as its id.
pub(super) fn label<'a>(labels: &'a Labels, key: &str) -> Result<&'a str, RenderError> {
    labels.get(key).map(String::as_str).ok_or_else(|| RenderError::Whole(format!("no site label `{key}`")))
}

/// The absolute address of a site address: `base_url` without its trailing
/// `/`, then `/`, then the address.
pub(super) fn absolute(site: &Site, url: &str) -> String {
    urls::absolute(&site.config.base_url, url)
}

/// The host of `base_url` (lower case, without user or port): the authority
/// of tag URIs and calendar UIDs. Feeds and calendars need absolute
/// addresses, so a `base_url` without a host is an error here.
pub(super) fn host(base_url: &str) -> Result<String, RenderError> {
    let bad = |why: &str| RenderError::Whole(format!("base_url {base_url:?}: {why}"));
    let (scheme, rest) = base_url
        .split_once("://")
        .ok_or_else(|| bad("feeds and calendars need an absolute address (https://host/…)"))?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Err(bad("feeds and calendars need an http or https address"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = authority.split(':').next().unwrap_or_default().to_ascii_lowercase();
    let dns = |s: &str| {
        !s.is_empty()
            && !s.starts_with(['.', '-'])
            && !s.ends_with(['.', '-'])
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    };
    if !dns(&host) {
        return Err(bad("its host is not an ASCII DNS name (write a name with å, ä or ö in its xn-- form)"));
    }
    Ok(host)
}

/// A tag URI (RFC 4151): `tag:<host>,<YYYY-MM-DD>:<specific>`.
fn tag(host: &str, date: Date, specific: &str) -> Result<String, RenderError> {
    if !(1..=9999).contains(&date.year()) {
        return Err(RenderError::Whole(format!("{date}: no year for a tag URI")));
    }
    Ok(format!("tag:{host},{:04}-{:02}-{:02}:{specific}", date.year(), date.month(), date.day()))
}

/// A date as Atom wants it: midnight UTC of that day.
pub(super) fn midnight_utc(date: Date) -> Result<FixedDateTime, RenderError> {
    chrono::NaiveDate::from_ymd_opt(i32::from(date.year()), u32::from(date.month() as u8), u32::from(date.day() as u8))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().fixed_offset())
        .ok_or_else(|| RenderError::Whole(format!("{date}: not a date for a feed")))
}

fn write(feed: &Feed) -> Result<Vec<u8>, RenderError> {
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut out = feed.write_with_config(Vec::new(), config).map_err(|e| RenderError::Whole(format!("Atom: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

fn link(href: String, rel: &str, mime_type: &str) -> Link {
    Link { href, rel: rel.to_owned(), mime_type: Some(mime_type.to_owned()), ..Link::default() }
}

/// `Label: value` lines.
fn lines(labels: &Labels, pairs: &[(&str, String)]) -> Result<String, RenderError> {
    let lines: Result<Vec<String>, RenderError> =
        pairs.iter().map(|(key, value)| Ok(format!("{}: {value}", label(labels, key)?))).collect();
    Ok(lines?.join("\n"))
}

/// One entry, before it becomes Atom: sorted by `(date desc, url)`.
struct Item {
    date: Date,
    /// Later than `date` when the entry changed after it was posted: a §
    /// withdrawn (the entry then shows the tombstone).
    updated: Option<Date>,
    url: String,
    id: String,
    title: String,
    summary: String,
}

fn feed(
    x: &Whole<'_>,
    id: String,
    title: String,
    self_url: &str,
    page: &str,
    mut items: Vec<Item>,
) -> Result<Feed, RenderError> {
    let site = x.site;
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let latest = items.iter().map(|i| i.updated.unwrap_or(i.date).max(i.date)).max();
    let updated = midnight_utc(latest.unwrap_or(site.today))?;
    let entries = items
        .into_iter()
        .map(|item| {
            let date = midnight_utc(item.date)?;
            Ok(Entry {
                title: Text::plain(item.title),
                id: item.id,
                updated: midnight_utc(item.updated.unwrap_or(item.date).max(item.date))?,
                published: Some(date),
                links: vec![link(absolute(site, &item.url), "alternate", "text/html")],
                summary: Some(Text::plain(item.summary)),
                ..Entry::default()
            })
        })
        .collect::<Result<Vec<Entry>, RenderError>>()?;
    let lang = match site.config.language {
        Language::Sv => "sv",
        Language::En => "en",
    };
    Ok(Feed {
        title: Text::plain(title),
        id,
        updated,
        authors: vec![Person {
            name: site.config.municipality.clone(),
            uri: Some(absolute(site, urls::HOME)),
            ..Person::default()
        }],
        generator: Some(Generator { value: "anslag".to_owned(), ..Generator::default() }),
        links: vec![
            link(absolute(site, self_url), "self", "application/atom+xml"),
            link(absolute(site, page), "alternate", "text/html"),
        ],
        entries,
        lang: Some(lang.to_owned()),
        ..Feed::default()
    })
}

/// `anslagstavla.atom`: every notice posted on or before the build's date.
fn board_feed(x: &Whole<'_>, host: &str) -> Result<Feed, RenderError> {
    let (site, labels) = (x.site, x.labels);
    let mut items = Vec::new();
    for body in &site.bodies {
        for m in &body.meetings {
            if let Adjustment::Adjusted { on, board } = m.adjustment
                && board.posted <= site.today
            {
                let url = urls::protocol_notice(m);
                let mut pairs = vec![("adjusted", on.to_string())];
                let range = paragraph_range(m);
                if !range.is_empty() {
                    pairs.push(("paragraphs", range));
                }
                pairs.extend([
                    ("posted", board.posted.to_string()),
                    ("appeal_last_day", board.appeal_last_day.to_string()),
                    ("removal", board.removal.to_string()),
                ]);
                let immediate = crate::render::views::immediate_list(m, label(labels, "posted")?);
                if !immediate.is_empty() {
                    pairs.push(("immediate_others", immediate));
                }
                let proposals = crate::render::views::proposal_list(&m.paragraphs, label(labels, "proposal_to")?);
                if !proposals.is_empty() {
                    pairs.push(("proposals_only", proposals));
                }
                items.push(Item {
                    date: board.posted,
                    updated: None,
                    id: tag(host, m.id.date, &url)?,
                    title: format!("{}: {} {}", label(labels, "protocol")?, body.name, meeting_label(m)),
                    summary: lines(labels, &pairs)?,
                    url,
                });
            }
            for (p, i) in m.immediate().filter(|(_, i)| i.board.posted <= site.today) {
                items.push(immediate_item(x, host, body, m, p, i)?);
            }
        }
    }
    for n in site.notices.iter().filter(|n| n.posted <= site.today) {
        items.push(notice_item(x, host, n)?);
    }
    let title = format!("{} – {}", label(labels, "board")?, site.config.municipality);
    feed(x, absolute(site, urls::BOARD_FEED), title, urls::BOARD_FEED, urls::BOARD, items)
}

/// The entry of a § adjusted on its own (omedelbar justering): its notice.
fn immediate_item(
    x: &Whole<'_>,
    host: &str,
    body: &Body,
    m: &Meeting,
    p: &crate::model::Paragraph,
    i: &crate::model::Immediate,
) -> Result<Item, RenderError> {
    let labels = x.labels;
    let url = urls::paragraph_notice(&m.id, p.number);
    let mut pairs = vec![
        ("adjusted_immediately", i.on.to_string()),
        ("paragraphs", format!("§ {} {}", p.number, p.content.title())),
        ("posted", i.board.posted.to_string()),
        ("appeal_last_day", i.board.appeal_last_day.to_string()),
        ("removal", i.board.removal.to_string()),
    ];
    let proposals = crate::render::views::proposal_list([p], label(labels, "proposal_to")?);
    if !proposals.is_empty() {
        pairs.push(("proposals_only", proposals));
    }
    if let Some(w) = p.content.withdrawal() {
        pairs.push(("withdrawn", format!("{}: {}", w.date, w.reason)));
    }
    Ok(Item {
        date: i.board.posted,
        updated: p.content.withdrawal().map(|w| w.date),
        id: tag(host, m.id.date, &url)?,
        title: format!(
            "{}: {} {}, § {} ({})",
            label(labels, "protocol")?,
            body.name,
            meeting_label(m),
            p.number,
            label(labels, "immediate_notice")?
        ),
        summary: lines(labels, &pairs)?,
        url,
    })
}

fn notice_item(x: &Whole<'_>, host: &str, n: &Notice) -> Result<Item, RenderError> {
    let (site, labels) = (x.site, x.labels);
    let url = urls::notice(n);
    let mut pairs = vec![("kind", label(labels, notice_kind_key(n.kind))?.to_owned())];
    if let Some(body) = n.body.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug)) {
        pairs.push(("body", body.name.clone()));
    }
    if let Some(id) = &n.meeting
        && let Some(b) = site.bodies.iter().find(|b| b.slug == id.body)
        && let Some(m) = b.meetings.iter().find(|m| &m.id == id)
    {
        pairs.push(("meeting_date", format!("{} {}", b.name, meeting_label(m))));
    }
    pairs.push(("posted", n.posted.to_string()));
    pairs.extend(n.appeal_last_day.map(|d| ("appeal_last_day", d.to_string())));
    pairs.push(("removal", n.removal.to_string()));
    Ok(Item {
        date: n.posted,
        updated: None,
        id: tag(host, n.posted, &url)?,
        title: n.title.clone(),
        summary: lines(labels, &pairs)?,
        url,
    })
}

/// `<body>/protokoll.atom`: the body's meetings adjusted on or before the build's date.
fn body_feed(x: &Whole<'_>, host: &str, body: &Body) -> Result<Feed, RenderError> {
    let (site, labels) = (x.site, x.labels);
    let mut items = Vec::new();
    for m in &body.meetings {
        if let Adjustment::Adjusted { on, board } = m.adjustment
            && on <= site.today
        {
            let url = urls::meeting(&m.id);
            let pairs = [
                ("adjusted", on.to_string()),
                ("posted", board.posted.to_string()),
                ("appeal_last_day", board.appeal_last_day.to_string()),
                ("removal", board.removal.to_string()),
            ];
            let mut summary = lines(labels, &pairs)?;
            for title in paragraph_titles(labels, m)? {
                summary.push('\n');
                summary.push_str(&title);
            }
            items.push(Item {
                date: on,
                updated: m.paragraphs.iter().filter_map(|p| p.content.withdrawal()).map(|w| w.date).max(),
                id: tag(host, m.id.date, &url)?,
                title: format!("{}: {} {}", label(labels, "protocol")?, body.name, meeting_label(m)),
                summary,
                url,
            });
        }
    }
    let title = format!("{}: {}", body.name, label(labels, "feed_title_protocols")?);
    let self_url = urls::body_feed(&body.slug);
    feed(x, absolute(site, &self_url), title, &self_url, &urls::body(&body.slug), items)
}

/// `§ 3 Title` for each paragraph; a confidential one gives its public
/// title only, marked as confidential.
fn paragraph_titles(labels: &Labels, m: &Meeting) -> Result<Vec<String>, RenderError> {
    m.paragraphs
        .iter()
        .map(|p| match &p.content {
            Content::Public(x) => Ok(format!("§ {} {}", p.number, x.title)),
            Content::Agenda { title, .. } => Ok(format!("§ {} {title}", p.number)),
            Content::Withdrawn { title, withdrawal } => {
                Ok(format!("§ {} {title} ({} {})", p.number, label(labels, "withdrawn")?, withdrawal.date))
            }
            Content::Confidential { public_title, .. } => {
                Ok(format!("§ {} {} ({})", p.number, public_title, label(labels, "confidential")?))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Content, Markdown};
    use std::path::Path;

    use super::super::testing::example_site;

    fn feeds_of(site: &Site) -> Vec<File> {
        super::super::testing::whole_files(site, files)
    }

    fn parsed(files: &[File], path: &str) -> Feed {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no {path}"));
        Feed::read_from(&bytes[..]).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn date(s: &str) -> Date {
        s.parse().expect("date")
    }

    #[test]
    fn board_feed_holds_every_notice_posted_by_today_newest_first() {
        let site = example_site("2026-11-25");
        let files = feeds_of(&site);
        let feed = parsed(&files, urls::BOARD_FEED);
        // What the model says should be there.
        let mut want: Vec<(Date, String)> = site
            .meetings()
            .filter_map(|m| match m.adjustment {
                Adjustment::Adjusted { board, .. } if board.posted <= site.today => {
                    Some((board.posted, absolute(&site, &urls::protocol_notice(m))))
                }
                _ => None,
            })
            .chain(
                site.notices
                    .iter()
                    .filter(|n| n.posted <= site.today)
                    .map(|n| (n.posted, absolute(&site, &urls::notice(n)))),
            )
            .chain(site.meetings().flat_map(|m| {
                m.immediate()
                    .filter(|(_, i)| i.board.posted <= site.today)
                    .map(|(p, i)| (i.board.posted, absolute(&site, &urls::paragraph_notice(&m.id, p.number))))
            }))
            .collect();
        want.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        assert!(want.len() > 10, "{} notices", want.len());
        // The example has a § adjusted on its own whose notice is up.
        assert!(want.iter().any(|w| w.1.ends_with("/anslagstavla/protokoll/kommunfullmaktige/2026-11-23/6/")));
        let got: Vec<(String, String)> =
            feed.entries.iter().map(|e| (e.updated.format("%Y-%m-%d").to_string(), e.links[0].href.clone())).collect();
        let want: Vec<(String, String)> = want.into_iter().map(|(d, u)| (d.to_string(), u)).collect();
        assert_eq!(got, want);
        for e in &feed.entries {
            assert_eq!(e.published, Some(e.updated));
            assert_eq!(e.links[0].rel, "alternate");
            assert!(e.id.starts_with("tag:www.exempelby.se,20"), "{}", e.id);
            assert!(e.summary.is_some());
        }
        let ids: std::collections::BTreeSet<_> = feed.entries.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), feed.entries.len(), "ids are unique");
        assert_eq!(feed.title.value, "Anslagstavla – Exempelby kommun");
        assert_eq!(feed.id, "https://www.exempelby.se/protokoll/anslagstavla.atom");
        assert_eq!(feed.updated, feed.entries[0].updated);
        assert_eq!(feed.authors[0].name, "Exempelby kommun");
        let rels: Vec<(&str, &str)> = feed.links.iter().map(|l| (l.rel.as_str(), l.href.as_str())).collect();
        assert_eq!(
            rels,
            [
                ("self", "https://www.exempelby.se/protokoll/anslagstavla.atom"),
                ("alternate", "https://www.exempelby.se/protokoll/anslagstavla/")
            ]
        );
    }

    #[test]
    fn a_protocol_notice_entry_has_its_title_id_and_board_dates() {
        let site = example_site("2026-11-25");
        let feed = parsed(&feeds_of(&site), urls::BOARD_FEED);
        let (body, m, on, board) = site
            .bodies
            .iter()
            .flat_map(|b| b.meetings.iter().map(move |m| (b, m)))
            .find_map(|(b, m)| match m.adjustment {
                Adjustment::Adjusted { on, board } if board.posted <= site.today => Some((b, m, on, board)),
                _ => None,
            })
            .expect("a protocol notice");
        let url = urls::protocol_notice(m);
        let e = feed.entries.iter().find(|e| e.links[0].href == absolute(&site, &url)).expect("its entry");
        assert_eq!(e.title.value, format!("Protokoll: {} {}", body.name, meeting_label(m)));
        assert_eq!(e.id, format!("tag:www.exempelby.se,{}:{url}", m.id.date));
        assert_eq!(e.updated.to_rfc3339(), format!("{}T00:00:00+00:00", board.posted));
        let summary = &e.summary.as_ref().expect("summary").value;
        assert!(summary.contains(&format!("Justerat: {on}")), "{summary}");
        assert!(summary.contains(&format!("Anslaget uppsatt: {}", board.posted)), "{summary}");
        assert!(summary.contains(&format!("Sista dag att överklaga: {}", board.appeal_last_day)), "{summary}");
        assert!(summary.contains(&format!("Anslaget tas ned: {}", board.removal)), "{summary}");
    }

    #[test]
    fn notices_posted_after_today_are_left_out_and_come_in_on_their_day() {
        let site = example_site("2026-11-25");
        let late = site.notices.iter().max_by_key(|n| n.posted).expect("a notice");
        let before = example_site(&(late.posted - jiff::ToSpan::days(1)).to_string());
        let on = example_site(&late.posted.to_string());
        let has = |site: &Site| {
            let feed = parsed(&feeds_of(site), urls::BOARD_FEED);
            feed.entries.iter().any(|e| e.links[0].href == absolute(site, &urls::notice(late)))
        };
        assert!(!has(&before));
        assert!(has(&on));
        let feed = parsed(&feeds_of(&on), urls::BOARD_FEED);
        let e = &feed.entries[0];
        assert_eq!(e.title.value, late.title);
        assert_eq!(e.updated.format("%Y-%m-%d").to_string(), late.posted.to_string());
        assert_eq!(e.id, format!("tag:www.exempelby.se,{}:anslagstavla/anslag/{}/", late.posted, late.slug));
    }

    #[test]
    fn body_feeds_hold_adjusted_meetings_newest_first() {
        let site = example_site("2026-11-25");
        let files = feeds_of(&site);
        assert_eq!(files.len(), 1 + site.bodies.len());
        for body in &site.bodies {
            let feed = parsed(&files, &urls::body_feed(&body.slug));
            let mut want: Vec<(Date, String)> = body
                .meetings
                .iter()
                .filter_map(|m| match m.adjustment {
                    Adjustment::Adjusted { on, .. } => Some((on, absolute(&site, &urls::meeting(&m.id)))),
                    Adjustment::NotAdjusted => None,
                })
                .collect();
            want.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let got: Vec<(Date, String)> = feed
                .entries
                .iter()
                .map(|e| {
                    let published = e.published.expect("published");
                    (date(&published.format("%Y-%m-%d").to_string()), e.links[0].href.clone())
                })
                .collect();
            assert_eq!(got, want, "{}", body.slug);
            // An entry is updated when a § of its meeting is withdrawn (the tombstone).
            for (e, m) in feed.entries.iter().zip(
                want.iter()
                    .filter_map(|(_, u)| body.meetings.iter().find(|m| absolute(&site, &urls::meeting(&m.id)) == *u)),
            ) {
                let withdrawn = m.paragraphs.iter().filter_map(|p| p.content.withdrawal()).map(|w| w.date).max();
                let want = withdrawn.map_or(e.published.expect("published"), |d| midnight_utc(d).expect("date"));
                assert_eq!(e.updated, want.max(e.published.expect("published")), "{}", m.id.path());
            }
            assert_eq!(feed.title.value, format!("{}: justerade protokoll", body.name));
            let updated = want.first().map_or(site.today, |w| w.0);
            assert_eq!(feed.updated, midnight_utc(updated).expect("date"));
        }
        let bmn = parsed(&files, "bygg-och-miljonamnden/protokoll.atom");
        let tombstone = bmn.entries.iter().find(|e| e.links[0].href.ends_with("/2025-04-16/")).expect("its entry");
        assert_eq!(tombstone.updated.format("%Y-%m-%d").to_string(), "2025-09-03");
        // A meeting not adjusted yet is in no body feed.
        let waiting =
            site.meetings().find(|m| m.adjustment == Adjustment::NotAdjusted).expect("a meeting not adjusted");
        let feed = parsed(&files, &urls::body_feed(&waiting.id.body));
        assert!(!feed.entries.iter().any(|e| e.links[0].href == absolute(&site, &urls::meeting(&waiting.id))));
    }

    #[test]
    fn confidential_paragraphs_give_their_public_title_only() {
        let mut site = example_site("2026-11-25");
        let mut found = 0;
        for body in &mut site.bodies {
            for m in &mut body.meetings {
                let m = std::sync::Arc::make_mut(m);
                for p in &mut m.paragraphs {
                    if let Content::Confidential { public_title, legal_ground } = &mut p.content {
                        found += 1;
                        *public_title = format!("Offentlig rubrik {found}");
                        *legal_ground = format!("Grund {found}");
                    } else if let Content::Public(x) = &mut p.content {
                        x.text = Markdown { text: format!("HEMLIG-TEXT-{}", p.number), at: x.text.at };
                    }
                }
            }
        }
        assert!(found >= 2, "the example site has confidential paragraphs");
        let files = feeds_of(&site);
        let all: String = files.iter().map(|(_, b)| String::from_utf8_lossy(b).into_owned()).collect();
        assert!(!all.contains("HEMLIG-TEXT"), "no paragraph text in feeds");
        assert!(!all.contains("Grund 1"), "no legal ground needed in feeds");
        let adjusted_confidential = site
            .meetings()
            .filter(|m| matches!(m.adjustment, Adjustment::Adjusted { .. }))
            .flat_map(|m| &m.paragraphs)
            .filter(|p| matches!(p.content, Content::Confidential { .. }))
            .count();
        assert!(adjusted_confidential > 0);
        assert_eq!(all.matches("Offentlig rubrik").count(), adjusted_confidential, "{all}");
        assert!(all.contains("(sekretess)"));
    }

    #[test]
    fn feeds_are_byte_identical_and_follow_base_url() {
        let site = example_site("2026-11-25");
        assert_eq!(feeds_of(&site), feeds_of(&site));
        let mut moved = site.clone();
        moved.config.base_url = "https://www.exempelby.se/".to_owned();
        let a = parsed(&feeds_of(&site), urls::BOARD_FEED);
        let b = parsed(&feeds_of(&moved), urls::BOARD_FEED);
        // Entry ids survive a move on the same host; links follow it.
        assert_eq!(
            a.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
            b.entries.iter().map(|e| &e.id).collect::<Vec<_>>()
        );
        assert!(b.entries.iter().all(|e| e.links[0].href.starts_with("https://www.exempelby.se/anslagstavla/")));
        assert_eq!(b.id, "https://www.exempelby.se/anslagstavla.atom");
    }

    #[test]
    fn text_is_escaped_by_the_xml_writer() {
        let mut site = example_site("2026-11-25");
        let n = site.notices.iter_mut().find(|n| n.posted <= site.today).expect("a notice");
        n.title = "Fisk & <skaldjur> \"på\" torget".to_owned();
        let files = feeds_of(&site);
        let (_, bytes) = files.iter().find(|(p, _)| p == urls::BOARD_FEED).expect("board feed");
        let xml = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(xml.contains("Fisk &amp; &lt;skaldjur&gt;"), "{xml}");
        let feed = parsed(&files, urls::BOARD_FEED);
        assert!(feed.entries.iter().any(|e| e.title.value == "Fisk & <skaldjur> \"på\" torget"));
    }

    #[test]
    fn english_site_uses_english_labels() {
        let mut site = example_site("2026-11-25");
        site.config.language = Language::En;
        let feed = parsed(&feeds_of(&site), urls::BOARD_FEED);
        assert!(feed.title.value.ends_with("– Exempelby kommun"));
        assert!(!feed.title.value.starts_with("Anslagstavla"), "{}", feed.title.value);
        assert_eq!(feed.lang.as_deref(), Some("en"));
    }

    #[test]
    fn hosts_and_tags() {
        assert_eq!(host("https://www.exempelby.se/protokoll/").expect("host"), "www.exempelby.se");
        assert_eq!(host("HTTP://User@Example.ORG:8080").expect("host"), "example.org");
        assert!(host("/protokoll/").is_err());
        assert!(host("").is_err());
        assert!(host("ftp://example.org/").is_err());
        assert!(host("https://www.håbo.se/").is_err());
        assert_eq!(tag("a.se", date("2026-01-02"), "x/").expect("tag"), "tag:a.se,2026-01-02:x/");
        assert_eq!(midnight_utc(date("2026-11-12")).expect("date").to_rfc3339(), "2026-11-12T00:00:00+00:00");
    }

    #[test]
    fn a_site_without_an_absolute_base_url_is_an_error_not_a_panic() {
        let mut site = example_site("2026-11-25");
        site.config.base_url = "protokoll/".to_owned();
        let labels = super::super::labels(&site);
        let sizes = super::super::Sizes::new();
        let r = files(&Whole { site: &site, labels: &labels, sizes: &sizes, content: Path::new(".") });
        assert!(matches!(r, Err(RenderError::Whole(_))));
    }
}
