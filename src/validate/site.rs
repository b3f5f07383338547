//! `site.yaml`, `_body.yaml` and notice files.

use super::fields::{Fields, Spanned};
use crate::diag::suggest::nearest;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{BodyDir, Doc, Loaded};
use crate::model::*;

pub(crate) const SITE_FIELDS: &[&str] =
    &["municipality", "base_url", "language", "theme", "contact", "notice_board", "branding"];
pub(crate) const CONTACT_FIELDS: &[&str] = &["address", "phone", "email", "org_number"];
pub(crate) const BOARD_FIELDS: &[&str] = &["court", "appeal_period_days", "post_within_days", "storage"];
pub(crate) const BODY_FIELDS: &[&str] = &["name", "short_name", "kind", "parent", "description", "storage"];
pub(crate) const NOTICE_FIELDS: &[&str] = &["title", "kind", "body", "meeting", "appealable", "posted", "removal"];
const YES_NO: &[(&str, bool)] = &[("true", true), ("false", false)];
/// A kungörelse of a fullmäktige meeting goes up at least this many days
/// before the meeting (Kommunallagen 5 kap. 56 §: one week).
const ANNOUNCE_DAYS_BEFORE: i64 = 7;

pub const BODY_KINDS: &[(&str, BodyKind)] = &[
    ("fullmäktige", BodyKind::Fullmaktige),
    ("styrelse", BodyKind::Styrelse),
    ("nämnd", BodyKind::Namnd),
    ("utskott", BodyKind::Utskott),
    ("beredning", BodyKind::Beredning),
    ("other", BodyKind::Other),
];

pub const NOTICE_KINDS: &[(&str, NoticeKind)] = &[
    ("kungörelse", NoticeKind::Kungorelse),
    ("tillkännagivande", NoticeKind::Tillkannagivande),
    ("underrättelse", NoticeKind::Underrattelse),
    ("other", NoticeKind::Other),
];

/// Reads `site.yaml`; with it missing or broken, the defaults stand in so the
/// rest of the content can still be checked.
/// A `theme` names a folder beside the content folder; `branding` names files in it.
pub fn site_config(loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> SiteConfig {
    let (doc, content) = (loaded.site.as_ref(), loaded.root.as_path());
    let head = doc.map(|d| d.head);
    let mut f =
        Fields::new(doc.and_then(|d| d.fields.as_ref()), head.unwrap_or(DUMMY), "site.yaml", SITE_FIELDS, diags);
    let present = doc.is_some();
    let municipality = if present { f.required_text("municipality") } else { f.text("municipality") };
    let base_url = if present { f.required_text("base_url") } else { f.text("base_url") };
    if let Some(b) = &base_url
        && let Some(problem) = base_url_problem(&b.value)
    {
        let d = Diagnostic::new(Code::BaseUrlNotAbsolute, b.span).arg("value", &b.value).arg("problem", problem);
        f.diags.push(d);
    }
    let language = f.choice("language", &[("sv", Language::Sv), ("en", Language::En)]);
    let theme = f.text("theme");
    if let Some(t) = &theme {
        check_theme(t, content, f.diags);
    }
    let contact = f.node("contact");
    let board = f.node("notice_board");
    let branding = f.node("branding");
    let branding_at = f.key("branding").unwrap_or(head.unwrap_or(DUMMY));
    f.finish();

    let mut c = Fields::new(contact, DUMMY, "contact", CONTACT_FIELDS, diags);
    let contact = Contact {
        address: c.text("address").map(|s| s.value),
        phone: c.text("phone").map(|s| s.value),
        email: c.text("email").map(|s| s.value),
        org_number: c.text("org_number").and_then(|s| check_org_number(&s, c.diags)),
    };
    c.finish();

    let mut b = Fields::new(board, DUMMY, "notice_board", BOARD_FIELDS, diags);
    let notice_board = BoardConfig {
        court: b.text("court").map(|s| s.value),
        // The law's periods when not given (and as the error's example).
        appeal_period_days: b
            .number("appeal_period_days", 1, crate::calendar::DEFAULT_APPEAL_PERIOD_DAYS)
            .map_or(crate::calendar::DEFAULT_APPEAL_PERIOD_DAYS, |s| s.value),
        post_within_days: b
            .number("post_within_days", 0, crate::calendar::DEFAULT_POST_WITHIN_DAYS)
            .map_or(crate::calendar::DEFAULT_POST_WITHIN_DAYS, |s| s.value),
        storage: b.text("storage").map(|s| s.value),
    };
    b.finish();
    let branding = super::brand::branding(branding, branding_at, loaded, diags);

    SiteConfig {
        municipality: municipality.map(|s| s.value).unwrap_or_default(),
        base_url: base_url.map(|s| s.value).unwrap_or_default(),
        language: language.map_or(Language::Sv, |s| s.value),
        theme: theme.map_or_else(|| "default".to_owned(), |s| s.value),
        contact,
        notice_board,
        branding,
    }
}

/// An organisationsnummer: `NNNNNN-NNNN`, its third digit 2 or more (a
/// personnummer's month is at most 12), and a Luhn check digit. W012
/// otherwise, a warning: the board is published all the same (a wrong
/// number in the archive's metadata must not stop it), and the value is
/// left out (the export's archivist agent and the footer show none rather
/// than a wrong one).
fn check_org_number(value: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match org_number_problem(&value.value) {
        None => Some(value.value.clone()),
        Some(problem) => {
            diags.push(Diagnostic::new(Code::OrgNumber, value.span).arg("value", &value.value).arg("problem", problem));
            None
        }
    }
}

/// What is wrong with an organisationsnummer, if anything: `format` (not
/// `NNNNNN-NNNN`), `group` (third digit below 2: a personnummer or
/// samordningsnummer) or `check` (the last digit does not match).
pub fn org_number_problem(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    let shaped = b.len() == 11 && b[6] == b'-' && b.iter().enumerate().all(|(i, c)| i == 6 || c.is_ascii_digit());
    if !shaped {
        return Some("format");
    }
    let digits: Vec<u32> = b.iter().filter(|c| c.is_ascii_digit()).map(|c| u32::from(c - b'0')).collect();
    if digits[2] < 2 {
        return Some("group");
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10 != digits[9]).then_some("check")
}

/// What keeps `url` from being the site's address (`http://` or `https://`
/// and a host: what feeds, calendars and the sitemap need), if anything (the
/// message argument `problem` of E047): `scheme` (no `http://` or
/// `https://`), `host` (no host name, or one with spaces or other
/// characters no host has) or `ascii` (a host with letters such as å, ä, ö,
/// which tag URIs and calendar ids cannot hold: its `xn--` form is needed).
/// The same rules as the feeds' and calendars' own reading of it.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.trim().split_once("://") else { return Some("scheme") };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Some("scheme");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let host = host.to_lowercase();
    if !port.bytes().all(|b| b.is_ascii_digit()) || url.trim() != url || url.contains(char::is_whitespace) {
        return Some("host");
    }
    let fits = |s: &str| {
        !s.is_empty()
            && !s.starts_with(['.', '-'])
            && !s.ends_with(['.', '-'])
            && !s.contains("..")
            && s.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    };
    if !fits(&host) {
        Some("host")
    } else if !host.is_ascii() {
        Some("ascii")
    } else {
        None
    }
}

/// A `theme:` names a folder `themes/<name>/` beside the content folder
/// (`default` is compiled in and needs none): E051 when there is none, with
/// the nearest folder there is.
fn check_theme(theme: &Spanned<String>, content: &std::path::Path, diags: &mut Vec<Diagnostic>) {
    let name = theme.value.as_str();
    if name == "default" {
        return;
    }
    let themes = content.parent().unwrap_or(std::path::Path::new(".")).join("themes");
    let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
    if plain && themes.join(name).is_dir() {
        return;
    }
    let mut known: Vec<String> = std::fs::read_dir(&themes)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    known.push("default".to_owned());
    known.sort();
    known.dedup();
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    let d = Diagnostic::new(Code::ThemeMissing, theme.span)
        .arg("name", name)
        .arg("suggestion", nearest(name, &names).unwrap_or("none"))
        .arg("known", names.join(", "));
    diags.push(d);
}

/// A placeholder span for nested mappings, whose missing fields are never required.
const DUMMY: Span = Span { file: crate::diag::FileId(0), start: 0, end: 0 };

/// Reads a body's `_body.yaml` (the meetings are added later).
pub fn body(dir: &BodyDir, slugs: &[&str], loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Option<Body> {
    let Some(doc) = &dir.meta else {
        if !dir.meta_failed {
            diags.push(Diagnostic::new(Code::MissingFile, Span::new(dir.at, 0, 0)).arg("file", "_body.yaml"));
        }
        return None;
    };
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "_body.yaml", BODY_FIELDS, diags);
    let name = f.required_text("name");
    let short_name = f.text("short_name").map(|s| s.value);
    let kind = f.choice("kind", BODY_KINDS).map_or(BodyKind::Other, |s| s.value);
    let parent = f.text("parent");
    let description = f.markdown("description").map(|s| Markdown { text: s.value, at: s.span });
    if let Some(md) = &description {
        super::depth::check(md, loaded, f.diags);
    }
    let storage = f.text("storage").map(|s| s.value);
    f.finish();
    if let Some(p) = &parent
        && (p.value == dir.slug || !slugs.contains(&p.value.as_str()))
    {
        diags.push(unknown_body(p.span, &p.value, slugs, &dir.slug));
    }
    Some(Body {
        slug: dir.slug.clone(),
        name: name?.value,
        short_name,
        kind,
        parent: parent.map(|p| p.value),
        description,
        storage,
        meetings: Vec::new(),
    })
}

pub fn unknown_body(span: Span, slug: &str, slugs: &[&str], except: &str) -> Diagnostic {
    let others: Vec<&str> = slugs.iter().copied().filter(|s| *s != except).collect();
    Diagnostic::new(Code::UnknownBody, span)
        .arg("slug", slug)
        .arg("suggestion", nearest(slug, &others).unwrap_or("none"))
        .arg("known", if others.is_empty() { "–".to_owned() } else { others.join(", ") })
}

/// What a notice may refer to: the bodies and their meeting folders.
pub struct Known<'a> {
    pub slugs: &'a [&'a str],
    /// The bodies read, by folder (`None` where `_body.yaml` is broken).
    pub bodies: &'a [Option<&'a Body>],
    pub loaded: &'a Loaded,
}

impl Known<'_> {
    /// Every meeting folder as `body/folder`.
    fn meetings(&self) -> Vec<String> {
        let dirs =
            self.loaded.bodies.iter().flat_map(|b| b.meetings.iter().map(move |m| format!("{}/{}", b.slug, m.name)));
        dirs.collect()
    }

    /// The meeting named `body/folder`, and the kind of its body.
    fn meeting(&self, path: &str) -> Option<(MeetingId, Option<BodyKind>)> {
        let (slug, folder) = path.trim_end_matches('/').split_once('/')?;
        let i = self.loaded.bodies.iter().position(|b| b.slug == slug)?;
        self.loaded.bodies[i].meetings.iter().find(|m| m.name == folder)?;
        if !crate::load::walk::is_meeting_folder_name(folder) {
            return None;
        }
        let date = super::fields::parse_date(&folder[..10]).ok()?;
        let suffix = folder.get(11..).map(str::to_owned);
        let kind = self.bodies.get(i).copied().flatten().map(|b| b.kind);
        Some((MeetingId { body: slug.to_owned(), date, suffix }, kind))
    }
}

/// Reads one notice file; the attachments its text links to (with the place
/// of each link) are added to `links`.
pub fn notice(
    doc: &Doc,
    known: &Known<'_>,
    board: &BoardConfig,
    diags: &mut Vec<Diagnostic>,
    links: &mut Vec<(String, Span)>,
) -> Option<Notice> {
    let loaded = known.loaded;
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "notice", NOTICE_FIELDS, diags);
    let title = f.required_text("title");
    let kind = f.choice("kind", NOTICE_KINDS).map_or(NoticeKind::Other, |s| s.value);
    let body = f.text("body");
    let meeting = f.text("meeting");
    let appealable = f.choice("appealable", YES_NO).is_some_and(|s| s.value);
    let posted = f.required_date("posted");
    let removal = if appealable { f.date("removal") } else { f.required_date("removal") };
    f.finish();
    if let Some(b) = &body
        && !known.slugs.contains(&b.value.as_str())
    {
        diags.push(unknown_body(b.span, &b.value, known.slugs, ""));
    }
    let meeting = meeting.and_then(|m| match known.meeting(&m.value) {
        Some(found) => Some((m, found)),
        None => {
            let all = known.meetings();
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            let d = Diagnostic::new(Code::UnknownMeeting, m.span)
                .arg("meeting", &m.value)
                .arg("suggestion", nearest(&m.value, &all).unwrap_or("none"));
            diags.push(d);
            None
        }
    });
    let posted = posted?;
    if let Some((m, (id, Some(BodyKind::Fullmaktige)))) = &meeting
        && kind == NoticeKind::Kungorelse
        && let Ok(latest) = id.date.checked_sub(jiff::Span::new().days(ANNOUNCE_DAYS_BEFORE))
        && posted.value > latest
    {
        let d = Diagnostic::new(Code::AnnouncedLate, posted.key)
            .arg("posted", posted.value)
            .arg("meeting", &m.value)
            .arg("date", id.date)
            .arg("latest", latest);
        diags.push(d);
    }
    let (appeal_last_day, removal) = if appealable {
        let last = crate::calendar::appeal_last_day(posted.value, board.appeal_period_days);
        let earliest = crate::calendar::default_removal(posted.value, board.appeal_period_days);
        if let Some(r) = &removal
            && r.value < earliest
        {
            diags.push(super::meeting::removal_too_early(r, last, earliest));
        }
        (Some(last), removal.map_or(earliest, |r| r.value))
    } else {
        let removal = removal?;
        if removal.value <= posted.value {
            let d = Diagnostic::new(Code::NoticeRemovalTooEarly, removal.key)
                .arg("removal", removal.value)
                .arg("posted", posted.value);
            diags.push(d);
        }
        (None, removal.value)
    };
    let path = &loaded.sources.get(doc.file).path;
    let name = path.rsplit('/').next().unwrap_or(path);
    let slug = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_owned();
    if !crate::load::walk::is_slug(&slug) {
        let d = Diagnostic::new(Code::NoticeFileName, Span::new(doc.file, 0, 0))
            .arg("name", name)
            .arg("suggestion", crate::diag::suggest::slugify(&slug));
        diags.push(d);
    }
    let text = markdown_body(doc, loaded);
    super::depth::check(&text, loaded, diags);
    // A notice's check is made every build: what it reaches is not kept.
    let outside = super::outside::Outside::new(Date::MAX);
    let linked = super::meeting::linked_files(&text, "notices", loaded, &outside, diags);
    links.extend(linked.iter().cloned());
    Some(Notice {
        slug,
        title: title?.value,
        kind,
        body: body.map(|b| b.value),
        meeting: meeting.map(|(_, (id, _))| id),
        posted: posted.value,
        appeal_last_day,
        removal,
        linked: super::meeting::paths(&linked),
        text,
        src: doc.head,
        posted_at: posted.key,
    })
}

/// The Markdown after a file's front matter.
pub fn markdown_body(doc: &Doc, loaded: &Loaded) -> Markdown {
    let text = &loaded.sources.get(doc.file).text;
    Markdown { text: text.get(doc.body.start..doc.body.end).unwrap_or_default().to_owned(), at: doc.body }
}

#[cfg(test)]
mod tests {
    use super::org_number_problem;

    #[test]
    fn organisation_numbers_are_checked_like_bolagsverket_writes_them() {
        for good in ["212000-1884", "212000-0001", "556016-0680", "202100-5489"] {
            assert_eq!(org_number_problem(good), None, "{good}");
        }
        assert_eq!(org_number_problem("212000-1885"), Some("check"));
        assert_eq!(org_number_problem("212000-0000"), Some("check"));
        assert_eq!(org_number_problem("121212-1212"), Some("group"));
        for bad in ["2120001884", "212000 1884", "19121212-1212", "212000-188", "21200a-1884", "", "212000–1884"] {
            assert_eq!(org_number_problem(bad), Some("format"), "{bad}");
        }
    }
}
