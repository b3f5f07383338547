//! Presentation: what the pages' templates and the PDF both show, made from
//! the model — labels in the site's language, meeting labels, vote keys,
//! dates as text, Markdown as sanitised HTML, links relative to the page,
//! the anslagsbevis block — as plain, serialisable values. Templates and the
//! PDF never see model internals and compute nothing legal. Below both
//! `render` and `pdf`, above `model`, `urls` and `markdown`.

use crate::markdown::{self, Context as MdContext};
use crate::model::paths;
use crate::model::*;
use crate::urls;
use serde::Serialize;

/// A link: where, and the text to show.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Helpers shared by every view of one page: where the page is, and labels.
pub struct Page<'a> {
    /// The page's own address (from the site root).
    pub url: String,
    pub site: &'a Site,
    pub labels: &'a Labels,
    /// Added to the stylesheet's address (see [`super::pages::Inputs`]).
    pub style: &'a str,
    pub markdown: Option<&'a markdown::Cache>,
    /// Tables rendered so far on this page (their regions are numbered).
    pub tables: std::cell::Cell<usize>,
}

/// The site's labels in its language (`i18n/<lang>/site.ftl`).
pub type Labels = std::collections::BTreeMap<String, String>;

impl Page<'_> {
    pub fn href(&self, to: &str) -> String {
        if self.url == urls::NOT_FOUND {
            // The 404 page is served at any address: link from the site's root path.
            return format!("{}{to}", root_path(&self.site.config.base_url));
        }
        urls::relative(&self.url, to)
    }

    pub fn link(&self, to: &str, text: impl Into<String>) -> Link {
        Link { href: self.href(to), text: text.into() }
    }

    pub fn label(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// Markdown as HTML, its headings starting at `base`; `id_prefix` keeps
    /// its footnote ids apart from those of the page's other texts.
    pub fn markdown(&self, md: &Markdown, base: u8, id_prefix: &str) -> String {
        self.markdown_linked(md, base, id_prefix, None)
    }

    /// Like [`Page::markdown`]; relative links that reach one of `linked`
    /// (attachments resolved from `meeting_dir`) point at the copied file.
    pub fn markdown_linked(
        &self,
        md: &Markdown,
        base: u8,
        id_prefix: &str,
        linked: Option<(&str, &[String])>,
    ) -> String {
        let link = |url: &str| -> Option<String> {
            let (dir, files) = linked?;
            if !paths::is_relative(url) {
                return None;
            }
            let file = paths::file_part(url);
            let path = paths::join(dir, &paths::decode(file))?;
            let stored = paths::find_sorted(files, &path)?;
            Some(format!("{}{}", self.href(&urls::encode_path(stored)), &url[file.len()..]))
        };
        let (column, table) = (self.label("table_column"), self.label("table"));
        let cx = MdContext {
            heading_base: base,
            column_label: &column,
            table_label: &table,
            first_table: self.tables.get() + 1,
            id_prefix,
            link: Some(&link),
        };
        let html = match self.markdown {
            Some(cache) => {
                // Everything the HTML depends on besides the text: the page's
                // address and root (links are relative), the labels, the
                // numbering and the attachments links may reach.
                let (first, root) = (cx.first_table.to_string(), root_path(&self.site.config.base_url));
                let base = base.to_string();
                let (dir, files) = linked.unwrap_or(("", &[]));
                let context = [md.text.as_str(), &self.url, &root, &base, id_prefix, &column, &table, &first, dir];
                let key = markdown::Cache::key(context.into_iter().chain(files.iter().map(String::as_str)));
                cache.get_or(key, || markdown::to_html(&md.text, &cx))
            }
            None => std::sync::Arc::new(markdown::to_html(&md.text, &cx)),
        };
        self.tables.set(self.tables.get() + html.tables);
        html.html.clone()
    }

    /// The frame of a page of `body`: with the body's feed.
    pub fn body_frame(&self, title: String, trail: Vec<Link>, body: &Body) -> Frame {
        let mut frame = self.frame(title, trail);
        frame
            .feeds
            .push(self.link(&urls::body_feed(&body.slug), format!("{} – {}", self.label("feed_protocols"), body.name)));
        frame
    }

    /// The feeds and calendars of the board or of a body, for a
    /// "subscribe" list on its page.
    pub fn subscriptions(&self, body: Option<&Body>) -> Vec<Link> {
        match body {
            None => vec![
                self.link(urls::BOARD_FEED, self.label("feed_board")),
                self.link(urls::APPEAL_CALENDAR, self.label("calendar_appeals")),
                self.link(urls::MEETINGS_CALENDAR, self.label("calendar_meetings")),
            ],
            Some(b) => vec![
                self.link(&urls::body_feed(&b.slug), self.label("feed_protocols")),
                self.link(&urls::body_calendar(&b.slug), self.label("calendar_meetings")),
            ],
        }
    }

    pub fn date(&self, d: Date) -> String {
        d.to_string()
    }

    /// A file size for people: "12 kB", "1,4 MB" (decimal comma in Swedish).
    pub fn size(&self, bytes: u64) -> String {
        const KB: u64 = 1024;
        if bytes < KB * KB {
            return format!("{} kB", bytes.div_ceil(KB).max(1));
        }
        let tenths = (bytes * 10).div_ceil(KB * KB);
        let sep = if self.site.config.language == Language::Sv { "," } else { "." };
        format!("{}{sep}{} MB", tenths / 10, tenths % 10)
    }
}

/// The path of the site's root on its server, from `base_url` (`/protokoll/`).
pub fn root_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') { path.to_owned() } else { format!("{path}/") }
}

/// What every page has: language, title, the site, navigation.
#[derive(Debug, Serialize)]
pub struct Frame {
    pub lang: &'static str,
    /// The language of the clerks' text where it differs from the labels'
    /// (content is Swedish; an English site marks it `lang="sv"`).
    pub content_lang: Option<&'static str>,
    pub title: String,
    pub municipality: String,
    pub canonical: Option<String>,
    pub style: String,
    pub home: String,
    pub board: String,
    pub archive: String,
    pub search: String,
    pub accessibility: String,
    pub contact: ContactView,
    /// The municipality's logo and stylesheets (`branding:` in `site.yaml`).
    pub brand: BrandView,
    /// The trail from the start page to this page (breadcrumbs).
    pub trail: Vec<Link>,
    /// Feeds to subscribe to (`<link rel="alternate">`): the board's on
    /// every page, a body's on its pages.
    pub feeds: Vec<Link>,
    // `frame.t`, the labels, is not here: the renderer adds them, made once
    // for every page (`render::Theme::labels`).
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub org_number: Option<String>,
}

/// `branding:` as the templates use it (docs/theme.md).
#[derive(Debug, Serialize)]
pub struct BrandView {
    pub logo: Option<LogoView>,
    /// Stylesheets linked after the theme's own, in order: the accent
    /// colour's (`accent.css`), then the site's own.
    pub stylesheets: Vec<String>,
    /// The accent colour (`#rrggbb`), if `site.yaml` sets one.
    pub accent: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LogoView {
    pub src: String,
    pub alt: String,
}

impl Page<'_> {
    /// The branding of every page's frame.
    fn brand(&self) -> BrandView {
        let b = &self.site.config.branding;
        let address = |a: &Asset| format!("{}?v={}", self.href(&urls::encode_path(&a.path)), a.hash);
        let mut stylesheets = Vec::new();
        if let Some(accent) = &b.accent {
            stylesheets.push(format!("{}?v={}", self.href(urls::ACCENT_STYLE), accent.trim_start_matches('#')));
        }
        stylesheets.extend(b.stylesheet.as_ref().map(address));
        BrandView {
            logo: b.logo.as_ref().map(|l| LogoView { src: address(&l.file), alt: l.alt.clone() }),
            stylesheets,
            accent: b.accent.clone(),
        }
    }

    pub fn frame(&self, title: String, trail: Vec<Link>) -> Frame {
        let c = &self.site.config;
        let base = c.base_url.trim_end_matches('/');
        Frame {
            lang: match c.language {
                Language::Sv => "sv",
                Language::En => "en",
            },
            content_lang: (c.language != Language::Sv).then_some("sv"),
            title,
            municipality: c.municipality.clone(),
            // The 404 page is shown at any address: it has no canonical one.
            canonical: (!base.is_empty() && self.url != urls::NOT_FOUND).then(|| format!("{base}/{}", self.url)),
            style: format!("{}{}", self.href(urls::STYLE), self.style),
            home: self.href(urls::HOME),
            board: self.href(urls::BOARD),
            archive: self.href(urls::ARCHIVE),
            search: self.href(urls::SEARCH),
            accessibility: self.href(urls::ACCESSIBILITY),
            contact: ContactView {
                address: c.contact.address.clone(),
                phone: c.contact.phone.clone(),
                email: c.contact.email.clone(),
                org_number: c.contact.org_number.clone(),
            },
            brand: self.brand(),
            trail,
            feeds: vec![self.link(urls::BOARD_FEED, self.label("feed_board"))],
        }
    }
}

/// A line of the board: a protocol's notice of adjustment, or the notice of
/// one § adjusted on its own (omedelbar justering).
#[derive(Debug, Serialize)]
pub struct ProtocolNoticeView {
    pub body: String,
    pub meeting_date: String,
    pub paragraphs: String,
    /// For a §'s own notice: "omedelbart justerad".
    pub immediate: Option<String>,
    pub adjusted: String,
    pub posted: String,
    pub appeal_last_day: String,
    pub removal: String,
    pub storage: Option<String>,
    /// The protocol (or the §) the notice is about.
    pub protocol: String,
    pub notice: String,
    /// For a protocol's notice: the §§ adjusted on their own, with their
    /// posting days ("§ 6 (anslaget uppsatt 2026-11-24)"); empty if none.
    pub immediate_others: String,
    /// The §§ that are proposals to other bodies, not decisions; empty if none.
    pub proposals: String,
    /// The notice's proof in the publishing record (anslagsbevis).
    pub proof: String,
}

impl Page<'_> {
    pub fn protocol_notice(&self, body: &Body, m: &Meeting, on: Date, b: &BoardDates) -> ProtocolNoticeView {
        ProtocolNoticeView {
            body: body.name.clone(),
            meeting_date: meeting_label(m),
            paragraphs: paragraph_range(m),
            immediate: None,
            adjusted: self.date(on),
            posted: self.date(b.posted),
            appeal_last_day: self.date(b.appeal_last_day),
            removal: self.date(b.removal),
            storage: m.storage.clone(),
            protocol: self.href(&urls::meeting(&m.id)),
            notice: self.href(&urls::protocol_notice(m)),
            immediate_others: immediate_list(m, &self.label("posted")),
            proposals: proposal_list(&m.paragraphs, &self.label("proposal_to")),
            proof: self.href(&urls::proof(&urls::protocol_notice(m))),
        }
    }

    /// The notice of § `p` of `m`, adjusted on its own.
    pub fn paragraph_notice(&self, body: &Body, m: &Meeting, p: &Paragraph, i: &Immediate) -> ProtocolNoticeView {
        ProtocolNoticeView {
            body: body.name.clone(),
            meeting_date: meeting_label(m),
            paragraphs: format!("§ {}", p.number),
            immediate: Some(self.label("immediate_notice")),
            adjusted: self.date(i.on),
            posted: self.date(i.board.posted),
            appeal_last_day: self.date(i.board.appeal_last_day),
            removal: self.date(i.board.removal),
            storage: m.storage.clone(),
            protocol: self.href(&urls::paragraph(&m.id, p.number)),
            notice: self.href(&urls::paragraph_notice(&m.id, p.number)),
            immediate_others: String::new(),
            proposals: proposal_list([p], &self.label("proposal_to")),
            proof: self.href(&urls::proof(&urls::paragraph_notice(&m.id, p.number))),
        }
    }
}

/// The day a notice went up as the protocol's proof states it: the day the
/// publishing record saw it first published, once it has (and was not taken
/// over); until then the day the content gives.
pub fn proven_posted(site: &Site, notice: &str, posted: Date) -> Date {
    site.record.published_on(notice).unwrap_or(posted)
}

/// The §§ of `m` adjusted on their own, with their posting days:
/// "§ 6 (anslaget uppsatt 2026-11-24)"; `posted` is the label of the day.
pub fn immediate_list(m: &Meeting, posted: &str) -> String {
    let posted = posted.to_lowercase();
    let items: Vec<String> =
        m.immediate().map(|(p, i)| format!("§ {} ({posted} {})", p.number, i.board.posted)).collect();
    items.join(", ")
}

/// The §§ that are proposals to another body: "§ 1 (förslag till
/// Kommunfullmäktige)"; `to` is the label "Förslag till".
pub fn proposal_list<'a>(paragraphs: impl IntoIterator<Item = &'a Paragraph>, to: &str) -> String {
    let to = to.to_lowercase();
    let items: Vec<String> = paragraphs
        .into_iter()
        .filter_map(|p| match &p.content.public()?.outcome {
            Outcome::Proposal { to: body, .. } => Some(format!("§ {} ({to} {body})", p.number)),
            _ => None,
        })
        .collect();
    items.join(", ")
}

/// A meeting's date, with the folder's suffix for a second meeting that day
/// ("2025-06-16 (extra)"), so two meetings are never shown alike.
pub fn meeting_label(m: &Meeting) -> String {
    match &m.id.suffix {
        Some(s) => format!("{} ({s})", m.id.date),
        None => m.id.date.to_string(),
    }
}

/// "§ 1–4", "§ 7" or "" for a meeting.
pub fn paragraph_range(m: &Meeting) -> String {
    match (m.paragraphs.first(), m.paragraphs.last()) {
        (Some(a), Some(b)) if a.number == b.number => format!("§ {}", a.number),
        (Some(a), Some(b)) => format!("§ {}–{}", a.number, b.number),
        _ => String::new(),
    }
}

/// Another notice, in a list.
#[derive(Debug, Serialize)]
pub struct NoticeLine {
    pub title: String,
    pub kind: String,
    pub posted: String,
    /// For a notice of an appealable decision.
    pub appeal_last_day: Option<String>,
    pub removal: String,
    pub href: String,
    /// The meeting a kungörelse announces: "Kommunfullmäktige 2026-12-14".
    pub meeting: Option<Link>,
    /// Its proof in the publishing record (anslagsbevis).
    pub proof: String,
}

impl Page<'_> {
    pub fn notice_line(&self, n: &Notice) -> NoticeLine {
        let meeting = n.meeting.as_ref().and_then(|id| {
            let body = self.site.bodies.iter().find(|b| b.slug == id.body)?;
            let m = body.meetings.iter().find(|m| &m.id == id)?;
            Some(self.link(&urls::meeting(id), format!("{} {}", body.name, meeting_label(m))))
        });
        NoticeLine {
            title: n.title.clone(),
            kind: self.label(notice_kind_key(n.kind)),
            posted: self.date(n.posted),
            appeal_last_day: n.appeal_last_day.map(|d| self.date(d)),
            removal: self.date(n.removal),
            href: self.href(&urls::notice(n)),
            meeting,
            proof: self.href(&urls::proof(&urls::notice(n))),
        }
    }
}

pub fn notice_kind_key(k: NoticeKind) -> &'static str {
    match k {
        NoticeKind::Kungorelse => "kind_kungorelse",
        NoticeKind::Tillkannagivande => "kind_tillkannagivande",
        NoticeKind::Underrattelse => "kind_underrattelse",
        NoticeKind::Other => "kind_other_notice",
    }
}

pub fn body_kind_key(k: BodyKind) -> &'static str {
    match k {
        BodyKind::Fullmaktige => "kind_fullmaktige",
        BodyKind::Styrelse => "kind_styrelse",
        BodyKind::Namnd => "kind_namnd",
        BodyKind::Utskott => "kind_utskott",
        BodyKind::Beredning => "kind_beredning",
        BodyKind::Other => "kind_other_body",
    }
}

pub fn vote_key(v: Vote) -> &'static str {
    match v {
        Vote::Ja => "vote_ja",
        Vote::Nej => "vote_nej",
        Vote::Avstar => "vote_avstar",
        Vote::Jav => "vote_jav",
    }
}

/// The anslagsbevis block that ends an adjusted protocol once its notice is
/// up: body, meeting, the §§ it covers, the day it went up (from the
/// publishing record once recorded), removal, storage, who certifies it.
pub fn proof_block(p: &Page<'_>, body: &Body, m: &Meeting) -> Option<Vec<(String, String)>> {
    let Adjustment::Adjusted { board, .. } = m.adjustment else { return None };
    if board.posted > p.site.today {
        return None;
    }
    let key = urls::protocol_notice(m);
    let posted = proven_posted(p.site, &key, board.posted);
    let mut rows = vec![
        (p.label("body"), body.name.clone()),
        (p.label("meeting_date"), meeting_label(m)),
        (p.label("paragraphs"), paragraph_range(m)),
        (p.label("posted"), p.date(posted)),
        (p.label("removal"), p.date(board.removal)),
    ];
    rows.extend(m.storage.clone().map(|s| (p.label("storage"), s)));
    rows.extend(m.certified_by.clone().map(|c| (p.label("certified_by"), c)));
    Some(rows)
}

/// The site's labels, in the language `site.yaml` names.
pub fn labels(site: &Site) -> Labels {
    crate::i18n::site_labels(match site.config.language {
        Language::Sv => crate::i18n::Lang::Sv,
        Language::En => crate::i18n::Lang::En,
    })
}

/// Sizes in bytes of the attachments, by content-relative path.
pub type Sizes = std::collections::BTreeMap<String, u64>;
