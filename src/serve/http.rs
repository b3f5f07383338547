//! Answering requests from the in-memory site: only GET and HEAD, only for
//! this server's own names, only paths of the site (nothing is read from
//! disk, so no path can reach outside it), the reload script and the problem
//! overlay added to HTML pages.

use super::site::Snapshot;
use crate::i18n::{Catalog, Lang};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The preview's own words on served pages, in the clerk's language (made
/// once from the catalogue; requests are answered without one).
#[derive(Debug, Clone)]
pub struct Texts {
    lang: &'static str,
    badge: String,
    errors: String,
    /// The overlay's heading when there is no good build to show under it.
    errors_no_site: String,
    warnings: String,
    /// The page served for every address while there is no good build.
    no_site_title: String,
    no_site_intro: String,
    stale_search: String,
    bad_request: String,
    /// The answer to a request for a name that is not this server's.
    pub misdirected: String,
}

impl Texts {
    pub fn new(catalog: &Catalog) -> Texts {
        let lang = match catalog.lang() {
            Lang::Sv => "sv",
            Lang::En => "en",
        };
        let line = |id| format!("{}\n", catalog.text(id));
        Texts {
            lang,
            badge: catalog.text("preview-badge"),
            errors: catalog.text("overlay-errors"),
            errors_no_site: catalog.text("overlay-errors-no-site"),
            warnings: catalog.text("overlay-warnings"),
            no_site_title: catalog.text("preview-no-site-title"),
            no_site_intro: catalog.text("preview-no-site-intro"),
            stale_search: catalog.text("preview-search-stale"),
            bad_request: line("serve-bad-request"),
            misdirected: line("serve-misdirected"),
        }
    }
}

/// What to answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The address browsers listen on for "rebuilt, reload".
pub const EVENTS: &str = "/__anslag/events";

/// Whether a request's `Host` (or the authority of an absolute request
/// address) names this server: `localhost`, `127.0.0.1`, `[::1]` or the
/// address given with `--bind`, with any port or none. Against DNS
/// rebinding: a page of another site, whose name is made to resolve to
/// 127.0.0.1, can send requests here from the clerk's browser, but with its
/// own name as the host; it must not read the preview (drafts, and problems
/// that quote the content).
pub fn host_allowed(host: &str, bind: IpAddr) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(_) => match host.find(']') {
            Some(i) => host.split_at(i + 1),
            None => return false,
        },
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    // Addresses compared as addresses (`[::1]` however written), names as written.
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    };
    let ours = |ip: IpAddr| ip == Ipv4Addr::LOCALHOST || ip == Ipv6Addr::LOCALHOST || ip == bind;
    port_ok && (name.eq_ignore_ascii_case("localhost") || ip.is_some_and(ours))
}

/// The site path a request path asks for, or `None` if it is not a clean
/// path of the site (`..`, `.`, backslashes, NUL, bad encoding). The path is
/// decoded once, as browsers encode it (`Rapport%2050%25.pdf` is the file
/// `Rapport 50%.pdf`); a segment that decoded again would be `.` or `..` or
/// hold a separator or NUL is refused too (`%252e%252e`), so that nothing in
/// front of the preview that decodes once more can be led outside the site.
pub fn site_path(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\0', '\\']) || !decoded.starts_with('/') {
        return None;
    }
    let rel = &decoded[1..];
    if rel.split('/').any(|seg| seg == ".." || seg == "." || unsafe_when_decoded_again(seg)) {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() })
}

/// Whether a decoded path segment, decoded once more, is `.` or `..` or holds
/// `/`, `\` or NUL.
fn unsafe_when_decoded_again(seg: &str) -> bool {
    if !seg.contains('%') {
        return false;
    }
    let again: Vec<u8> = percent_encoding::percent_decode_str(seg).collect();
    again == b"." || again == b".." || again.iter().any(|b| matches!(b, b'/' | b'\\' | 0))
}

/// The content type of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "pdf" => "application/pdf",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

/// The answer to a GET for `path` from `site`.
pub fn answer(site: &Snapshot, path: &str, texts: &Texts) -> Answer {
    let Some(rel) = site_path(path) else {
        let body = texts.bad_request.clone().into_bytes();
        return Answer { status: 400, content_type: "text/plain; charset=utf-8", body };
    };
    let found = site.file(&rel).map(|b| (200, rel.as_str(), b));
    // A folder asked for without its slash is its index page.
    let found = found.or_else(|| site.file(&format!("{rel}/index.html")).map(|b| (200, "x.html", b)));
    let found = found.or_else(|| site.file(crate::urls::NOT_FOUND).map(|b| (404, "404.html", b)));
    if found.is_none() && site.site.is_none() {
        // No good build yet (the content was broken from the start): every
        // address is a page with the problems, which reloads when they are fixed.
        let page = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body><main><h1>{title}</h1><p>{intro}</p></main></body></html>",
            lang = texts.lang,
            title = escape(&texts.no_site_title),
            intro = escape(&texts.no_site_intro)
        );
        let body = inject(page.as_bytes(), site, texts);
        return Answer { status: 503, content_type: content_type("x.html"), body };
    }
    let (status, name, bytes) = match found {
        Some((status, name, Ok(bytes))) => (status, name, bytes),
        Some((_, _, Err(e))) => {
            // A page that cannot be made (a template error): say so on the page.
            let mut site = site.clone();
            site.problems.push(super::site::Problem::plain(format!("{e}\n")));
            site.failed = true;
            let page =
                format!("<!DOCTYPE html><html lang=\"{}\"><title>anslag</title><body></body></html>", texts.lang);
            let body = inject(page.as_bytes(), &site, texts);
            return Answer { status: 500, content_type: content_type("x.html"), body };
        }
        None => (404, "x.txt", std::sync::Arc::new(Vec::new())),
    };
    let content_type = content_type(name);
    let mut body = if content_type.starts_with("text/html") { inject(&bytes, site, texts) } else { bytes.to_vec() };
    let search_page = rel == crate::urls::file_of(crate::urls::SEARCH);
    if search_page && site.site.as_ref().is_some_and(|s| site.search.is_stale(s)) {
        body = stale_note(&body, texts);
    }
    Answer { status, content_type, body }
}

/// Says on the search page that the index is an earlier build's, at the top
/// of `main` (only in the preview: `build` always writes a current index).
fn stale_note(html: &[u8], texts: &Texts) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let note = format!(
        "<p class=\"anslag-preview\" role=\"status\" style=\"border:2px solid #8a5a00;padding:0.5rem\">{}</p>",
        escape(&texts.stale_search)
    );
    match html.find("<main").and_then(|i| html[i..].find('>').map(|j| i + j + 1)) {
        Some(at) => format!("{}\n{note}{}", &html[..at], &html[at..]).into_bytes(),
        None => html.into_owned().into_bytes(),
    }
}

/// Adds the reload script and, when the latest build failed or warned, an
/// overlay with its problems, just before `</body>`.
/// The overlay shows each problem as screened for it ([`super::overlay`]),
/// never the terminal's full text.
fn inject(html: &[u8], site: &Snapshot, texts: &Texts) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!(
        "<p class=\"anslag-preview\" style=\"position:fixed;right:0;bottom:0;margin:0;padding:0.25rem 0.5rem;background:#1a1a1a;color:#fff;font-size:0.75rem\">{badge} <span id=\"anslag-build\">{build}</span></p>\n\
         <script data-anslag-build=\"{build}\">new EventSource(\"{EVENTS}\").onmessage = () => location.reload();</script>\n",
        badge = escape(&texts.badge),
        build = site.build
    );
    if !site.problems.is_empty() {
        let text: String = site.problems.iter().map(|p| p.shown.as_str()).collect();
        extra.push_str(&format!(
            "<section id=\"anslag-problems\" role=\"alert\" aria-labelledby=\"anslag-problems-h\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem;z-index:1000\">\
             <h2 id=\"anslag-problems-h\">{}</h2><pre style=\"white-space:pre-wrap\">{}</pre></section>\n",
            escape(match (site.failed, site.site.is_some()) {
                (true, true) => &texts.errors,
                (true, false) => &texts.errors_no_site,
                (false, _) => &texts.warnings,
            }),
            escape(&text)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/ks/2024-01-02/").as_deref(), Some("ks/2024-01-02/index.html"));
        assert_eq!(site_path("/ks/bilagor/Plan%20%231.pdf").as_deref(), Some("ks/bilagor/Plan #1.pdf"));
        // Decoded once: a `%` in a file name is a file name.
        assert_eq!(site_path("/ks/bilagor/Rapport%2050%25.pdf").as_deref(), Some("ks/bilagor/Rapport 50%.pdf"));
        assert_eq!(site_path("/ks/Rapport%2050%2525.pdf").as_deref(), Some("ks/Rapport 50%25.pdf"));
        assert_eq!(site_path("/ks/100%25%20klart/").as_deref(), Some("ks/100% klart/index.html"));
        // Decomposed (NFD, as macOS names files) and composed letters are kept as sent.
        assert_eq!(site_path("/ks/Bila%CC%88ga.pdf").as_deref(), Some("ks/Bila\u{308}ga.pdf"));
        assert_eq!(site_path("/ks/Bil%C3%A4ga.pdf").as_deref(), Some("ks/Bil\u{e4}ga.pdf"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/%252e%252e/etc/passwd",
            "/%252E%252E/etc/passwd",
            "/ks/%252e/x",
            "/ks/a%252fb",
            "/ks/a%255cb",
            "/ks/a%2500b",
            "/ks/..%2f..%2fetc/passwd",
            "/ks/%5c..%5cetc",
            "/ks\\..\\etc",
            "/a/%00/b",
            "/./index.html",
            "//etc/passwd/..",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_our_own_names() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        let v6: IpAddr = "fd00::5".parse().unwrap();
        for host in ["localhost", "localhost:1111", "LocalHost:80", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:1111"] {
            assert!(host_allowed(host, local), "{host}");
            assert!(host_allowed(host, lan), "{host} with --bind 192.168.1.5");
        }
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(host_allowed("[fd00::5]:1111", v6) && host_allowed("[fd00:0::0:5]", v6));
        for host in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "127.0.0.1.nip.io:1111",
            "localhost.",
            "localhost:",
            "localhost:11x",
            "localhost:1111:1",
            "localhost@evil.example",
            "user@localhost",
            "127.1",
            "0x7f.0.0.1",
            "[::1",
            "[::1]x",
            "::1",
            "192.168.1.5",
            "[fd00::5]",
            "0.0.0.0",
        ] {
            assert!(!host_allowed(host, local), "{host}");
        }
        assert!(!host_allowed("192.168.1.6", lan));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x/Plan.PDF"), "application/pdf");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("data.json"), "application/json");
        assert_eq!(content_type("kalender.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("anslagstavla.atom"), "application/atom+xml; charset=utf-8");
    }

    #[test]
    fn pages_get_the_reload_script_and_problems() {
        let mut files = std::collections::HashMap::new();
        files.insert("index.html".to_owned(), std::sync::Arc::new(b"<html><body><p>x</p></body></html>".to_vec()));
        let made = std::sync::Arc::new(std::sync::Mutex::new(files));
        let problem = super::super::site::Problem { full: "E009 a SECRET".into(), shown: "E009 a <b>".into() };
        let mut site = Snapshot {
            build: 7,
            made,
            problems: vec![problem],
            failed: true,
            site: None,
            incremental: false,
            search: Default::default(),
        };
        let en = Texts::new(&Catalog::new(Lang::En));
        let a = answer(&site, "/", &en);
        let body = String::from_utf8(a.body).unwrap();
        assert!(body.contains("data-anslag-build=\"7\"") && body.contains("E009 a &lt;b&gt;"), "{body}");
        assert!(!body.contains("SECRET"), "the overlay shows the screened text, not the terminal's");
        assert!(body.contains("anslag: errors") && body.contains("preview, build"), "{body}");
        assert!(body.ends_with("</body></html>"));
        // No good build behind it: an unknown address is the problem page.
        assert_eq!(answer(&site, "/nosuch", &en).status, 503);
        assert_eq!(answer(&site, "/%2e%2e/", &en).status, 400);
        // The preview's own words are in the clerk's language.
        let sv = Texts::new(&Catalog::new(Lang::Sv));
        let body = String::from_utf8(answer(&site, "/", &sv).body).unwrap();
        assert!(
            body.contains("<h2 id=\"anslag-problems-h\">anslag: fel") && body.contains("förhandsvisning"),
            "{body}"
        );
        assert!(!body.contains("errors") && !body.contains("preview,"), "{body}");
        site.failed = false;
        let body = String::from_utf8(answer(&site, "/", &sv).body).unwrap();
        assert!(body.contains("anslag: varningar"), "{body}");
        assert!(String::from_utf8(answer(&site, "/%00", &sv).body).unwrap().starts_with("Felaktig begäran"));
    }

    #[test]
    fn without_a_good_build_every_address_shows_the_problems_in_the_clerks_language() {
        let problem = super::super::site::Problem::plain("E005 ks/2026-11-09/01-a.md:4:4 felaktig YAML\n".into());
        let site = Snapshot { build: 1, problems: vec![problem], failed: true, ..Snapshot::default() };
        for (lang, words) in [
            (Lang::Sv, ["Webbplatsen kan inte visas än", "webbplatsen kan inte visas förrän de är rättade"]),
            (Lang::En, ["The site cannot be shown yet", "the site cannot be shown until they are fixed"]),
        ] {
            let texts = Texts::new(&Catalog::new(lang));
            for path in ["/", "/kommunstyrelsen/2026-11-09/1/", "/style.css", "/nosuch"] {
                let a = answer(&site, path, &texts);
                assert_eq!((a.status, a.content_type), (503, "text/html; charset=utf-8"), "{path}");
                let body = String::from_utf8(a.body).unwrap();
                assert!(words.iter().all(|w| body.contains(w)), "{lang:?} {path}: {body}");
                assert!(body.contains("EventSource") && body.contains("01-a.md:4:4"), "{body}");
                let other = if lang == Lang::Sv { "the site" } else { "webbplatsen" };
                assert!(!body.contains(other), "{lang:?}: one language only: {body}");
            }
        }
    }
}
