//! The site's addresses. They never depend on file names of paragraphs: only
//! on body slugs, meeting folders, § numbers and notice slugs, so a link
//! stays valid when a clerk renames a file. Every page is a folder with an
//! `index.html`, so addresses end in `/`. Listed in `docs/urls.md`.

use crate::model::{Meeting, MeetingId, Notice};

/// The file name of a meeting's protocol as PDF, in its folder (the loader
/// refuses a content file of that name there).
pub const PROTOCOL_PDF: &str = "protokoll.pdf";

/// The start page.
pub const HOME: &str = "";
/// The notice board (anslagstavlan).
pub const BOARD: &str = "anslagstavla/";
/// Archive of removed notices.
pub const ARCHIVE: &str = "anslagstavla/arkiv/";
/// The accessibility statement (tillgänglighetsredogörelse).
pub const ACCESSIBILITY: &str = "tillganglighet/";
/// The search page.
pub const SEARCH: &str = "sok/";
/// The register of every paragraph (by year, body and Dnr): works without JavaScript.
pub const REGISTER: &str = "register/";
/// The search index (Pagefind) and its script.
pub const SEARCH_INDEX: &str = "pagefind/";
/// The stylesheet.
pub const STYLE: &str = "style.css";
/// The accent colour of `site.yaml` as a stylesheet (`:root { --accent: … }`),
/// linked after [`STYLE`] when the site sets one.
pub const ACCENT_STYLE: &str = "accent.css";
/// The page for missing addresses.
pub const NOT_FOUND: &str = "404.html";
/// Atom feed of every notice on the board (protocol notices and other notices).
pub const BOARD_FEED: &str = "anslagstavla.atom";
/// iCalendar of every meeting of every body.
pub const MEETINGS_CALENDAR: &str = "sammantraden.ics";
/// iCalendar of the last day to appeal of every protocol notice.
pub const APPEAL_CALENDAR: &str = "anslagstavla.ics";
/// Open data besides the OParl endpoint (the notice board, the CSV, the publishing record).
pub const DATA: &str = "data/";
/// The static OParl 1.1 endpoint; `oparl/system.json` is its entry point.
pub const OPARL: &str = "oparl/";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// Atom feed of a body's adjusted meetings (protocols).
pub fn body_feed(slug: &str) -> String {
    format!("{slug}/protokoll.atom")
}

/// iCalendar of a body's meetings.
pub fn body_calendar(slug: &str) -> String {
    format!("{slug}/sammantraden.ics")
}

/// The absolute address of a site address: `base_url` without its trailing
/// `/`, then `/`, then the address.
pub fn absolute(base_url: &str, url: &str) -> String {
    format!("{}/{url}", base_url.trim_end_matches('/'))
}

pub fn archive_year(year: i16) -> String {
    format!("{ARCHIVE}{year}/")
}

pub fn register_year(year: i16) -> String {
    format!("{REGISTER}{year}/")
}

pub fn body(slug: &str) -> String {
    format!("{slug}/")
}

pub fn meeting(id: &MeetingId) -> String {
    format!("{}/{}/", id.body, id.folder())
}

/// The whole protocol of a meeting on one page.
pub fn protocol(id: &MeetingId) -> String {
    format!("{}protokoll/", meeting(id))
}

/// The whole protocol of an adjusted meeting as a tagged PDF/A (`crate::pdf`).
pub fn protocol_pdf(id: &MeetingId) -> String {
    format!("{}{}", meeting(id), PROTOCOL_PDF)
}

pub fn paragraph(id: &MeetingId, number: u32) -> String {
    format!("{}{number}/", meeting(id))
}

/// The notice that a meeting's protocol is adjusted (anslag om justering).
pub fn protocol_notice(m: &Meeting) -> String {
    format!("{BOARD}protokoll/{}/{}/", m.id.body, m.id.folder())
}

/// The notice of one § adjusted on its own (omedelbar justering).
pub fn paragraph_notice(id: &MeetingId, number: u32) -> String {
    format!("{BOARD}protokoll/{}/{}/{number}/", id.body, id.folder())
}

/// The publishing record's proof (anslagsbevis) of the notice whose page is
/// at `notice` (one of [`protocol_notice`], [`paragraph_notice`], [`notice`]).
pub fn proof(notice: &str) -> String {
    match notice.strip_prefix(BOARD) {
        Some(rest) => format!("{BOARD}anslagsbevis/{rest}"),
        None => format!("{BOARD}anslagsbevis/{notice}"),
    }
}

pub fn notice(n: &Notice) -> String {
    format!("{BOARD}anslag/{}/", n.slug)
}

/// A content-relative file path as a URL path: each segment percent-encoded
/// (spaces, `#`, `?`, `å` …), the `/` between them kept.
pub fn encode_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    path.split('/').map(|s| utf8_percent_encode(s, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The file a page address is written to.
pub fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') { format!("{url}index.html") } else { url.to_owned() }
}

/// A relative link from the page at `from` to `to` (both site addresses).
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let up = "../".repeat(depth);
    let link = format!("{up}{to}");
    if link.is_empty() { "./".to_owned() } else { link }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative("", "anslagstavla/"), "anslagstavla/");
        assert_eq!(relative("ks/2024-01-02/", ""), "../../");
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("ks/2024-01-02/3/", "style.css"), "../../../style.css");
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("ks/"), "ks/index.html");
        assert_eq!(file_of("404.html"), "404.html");
        assert_eq!(
            encode_path("ks/2024-01-02/bilagor/Plan #1 (ny)?.pdf"),
            "ks/2024-01-02/bilagor/Plan%20%231%20%28ny%29%3F.pdf"
        );
        assert_eq!(encode_path("a/Översikt.pdf"), "a/%C3%96versikt.pdf");
    }
}
