//! Answering requests from the in-memory site: only GET and HEAD, only paths
//! of the site (nothing is read from disk, so no path can reach outside it),
//! the reload script and the problem overlay added to HTML pages.

use super::site::Snapshot;

/// What to answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The address browsers listen on for "rebuilt, reload".
pub const EVENTS: &str = "/__anslag/events";

/// The site path a request path asks for, or `None` if it is not a clean
/// path of the site (`..`, `.`, backslashes, NUL, bad encoding, double encoding
/// that decodes to any of these).
pub fn site_path(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\0', '\\']) || !decoded.starts_with('/') {
        return None;
    }
    let rel = &decoded[1..];
    if rel.split('/').any(|seg| seg == ".." || seg == "." || seg.contains('%')) {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() })
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
pub fn answer(site: &Snapshot, path: &str) -> Answer {
    let Some(rel) = site_path(path) else {
        return Answer { status: 400, content_type: "text/plain; charset=utf-8", body: b"Bad request\n".to_vec() };
    };
    let found = site.file(&rel).map(|b| (200, rel.as_str(), b));
    // A folder asked for without its slash is its index page.
    let found = found.or_else(|| site.file(&format!("{rel}/index.html")).map(|b| (200, "x.html", b)));
    let found = found.or_else(|| site.file(crate::render::urls::NOT_FOUND).map(|b| (404, "404.html", b)));
    let (status, name, bytes) = match found {
        Some((status, name, Ok(bytes))) => (status, name, bytes),
        Some((_, _, Err(e))) => {
            // A page that cannot be made (a template error): say so on the page.
            let mut site = site.clone();
            site.problems.push(format!("{e}\n"));
            site.failed = true;
            let page = b"<!DOCTYPE html><html lang=\"en\"><title>anslag</title><body></body></html>";
            return Answer { status: 500, content_type: content_type("x.html"), body: inject(page, &site) };
        }
        None => (404, "x.txt", std::sync::Arc::new(Vec::new())),
    };
    let content_type = content_type(name);
    let mut body = if content_type.starts_with("text/html") { inject(&bytes, site) } else { bytes.to_vec() };
    let search_page = rel == crate::render::urls::file_of(crate::render::urls::SEARCH);
    if search_page && site.site.as_ref().is_some_and(|s| site.search.is_stale(s)) {
        body = stale_note(&body);
    }
    Answer { status, content_type, body }
}

/// Says on the search page that the index is an earlier build's, at the top
/// of `main` (only in the preview: `build` always writes a current index).
fn stale_note(html: &[u8]) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let note = "<p class=\"anslag-preview\" role=\"status\" style=\"border:2px solid #8a5a00;padding:0.5rem\">\
                Förhandsvisning: sökindexet byggs om efter den senaste ändringen. Tills det är klart kan träffarna \
                gälla en tidigare version (ladda om sidan om en stund). / Preview: the search index is being \
                rebuilt; until then results may be from an earlier version.</p>";
    match html.find("<main").and_then(|i| html[i..].find('>').map(|j| i + j + 1)) {
        Some(at) => format!("{}\n{note}{}", &html[..at], &html[at..]).into_bytes(),
        None => html.into_owned().into_bytes(),
    }
}

/// Adds the reload script and, when the latest build failed or warned, an
/// overlay with its problems, just before `</body>`.
fn inject(html: &[u8], site: &Snapshot) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!(
        "<p class=\"anslag-preview\" style=\"position:fixed;right:0;bottom:0;margin:0;padding:0.25rem 0.5rem;background:#1a1a1a;color:#fff;font-size:0.75rem\">preview, build <span id=\"anslag-build\">{build}</span></p>\n\
         <script data-anslag-build=\"{build}\">new EventSource(\"{EVENTS}\").onmessage = () => location.reload();</script>\n",
        build = site.build
    );
    if !site.problems.is_empty() {
        let text: String = site.problems.concat();
        extra.push_str(&format!(
            "<section id=\"anslag-problems\" role=\"alert\" aria-labelledby=\"anslag-problems-h\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem;z-index:1000\">\
             <h2 id=\"anslag-problems-h\">{}</h2><pre style=\"white-space:pre-wrap\">{}</pre></section>\n",
            if site.failed { "anslag: errors – showing the last good build" } else { "anslag: warnings" },
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
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/%252e%252e/etc/passwd",
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
        let site = Snapshot {
            build: 7,
            made,
            problems: vec!["E009 a <b>".into()],
            failed: true,
            site: None,
            incremental: false,
            search: Default::default(),
        };
        let a = answer(&site, "/");
        let body = String::from_utf8(a.body).unwrap();
        assert!(body.contains("data-anslag-build=\"7\"") && body.contains("E009 a &lt;b&gt;"), "{body}");
        assert!(body.ends_with("</body></html>"));
        assert_eq!(answer(&site, "/nosuch").status, 404);
        assert_eq!(answer(&site, "/%2e%2e/").status, 400);
    }
}
