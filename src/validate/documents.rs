//! Document files: a `file:` is relative to the meeting folder and must be an
//! attachment inside `content/`. Checked against what the walk found, so no
//! file is opened here, and a link pointing outside is never followed. A
//! name is found in either Unicode form ([`crate::model::paths`]): the file
//! named on a Mac, the `file:` written on Windows.

use super::fields::Spanned;
use super::paragraph::Place;
use crate::diag::{Code, Diagnostic};

/// The attachment's path relative to `content/`, or `None` (reported) when it
/// is missing or outside.
pub fn resolve_document(file: &Spanned<String>, at: &Place<'_>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let outside = || Diagnostic::new(Code::DocumentOutside, file.span).arg("file", &file.value);
    let Some(path) = join(at.meeting_dir, &file.value) else {
        diags.push(outside());
        return None;
    };
    // The file itself, or a folder on its way, may be a link pointing outside.
    let outside_link = {
        let mut prefixes = path.match_indices('/').map(|(i, _)| &path[..i]).chain([path.as_str()]);
        prefixes.any(|p| at.loaded.links_outside.contains(p))
    };
    if outside_link {
        diags.push(outside());
        return None;
    }
    let Some(path) = at.loaded.file(&path).map(str::to_owned) else {
        let d = Diagnostic::new(Code::DocumentMissing, file.span).arg("file", &file.value).arg("expected", &path);
        diags.push(d);
        return None;
    };
    at.outside.attachment(&path);
    // The build copies the file: one it cannot read is reported now.
    if let Err(e) = std::fs::File::open(at.loaded.root.join(&path)) {
        let d = Diagnostic::new(Code::ReadFailed, file.span).arg("reason", format!("{}: {e}", file.value));
        diags.push(d);
        return None;
    }
    let active = match active_extension(&path) {
        Some(ext) => Some((ext, "name")),
        None => sniffed(&at.loaded.root.join(&path)).map(|t| (t, "content")),
    };
    if let Some((ext, how)) = active {
        let d =
            Diagnostic::new(Code::AttachmentType, file.span).arg("file", &file.value).arg("ext", ext).arg("how", how);
        diags.push(d);
        return None;
    }
    Some(path)
}

/// File types a browser would run or render as part of the site (HTML,
/// SVG, scripts, XML with style sheets): published from the municipality's
/// own address they could run scripts or take the place of a page.
const ACTIVE: &[&str] = &[
    "html", "htm", "xhtml", "xht", "xhtm", "shtml", "shtm", "mht", "mhtml", "hta", "htc", "svg", "svgz", "js", "mjs",
    "xml", "xsl", "xslt",
];

/// What the start of a file says it is, when a browser would take it for a
/// page, an image with scripts or XML (`html`, `svg`, `xml`): a file with
/// no extension, or a misleading one, is sniffed by browsers and some web
/// servers. Reads at most 1 kB; an unreadable file is not sniffed here (the
/// build reports it).
pub fn sniffed(path: &std::path::Path) -> Option<String> {
    use std::io::Read;
    // Only a regular file is opened (a FIFO or device would block).
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path).ok()?.take(1024).read_to_end(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head).to_lowercase();
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let starts = [
        ("<!doctype html", "html"),
        ("<html", "html"),
        ("<head", "html"),
        ("<body", "html"),
        ("<script", "html"),
        ("<iframe", "html"),
        ("<svg", "svg"),
        ("<?xml", "xml"),
        ("<!--", "html"),
    ];
    starts.iter().find(|(s, _)| text.starts_with(s)).map(|(_, t)| (*t).to_owned())
}

/// The extension of `path` if it is an active type (see [`ACTIVE`]).
pub fn active_extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    ACTIVE.contains(&ext.as_str()).then_some(ext)
}

pub use crate::model::paths::join;

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_inside_content_only() {
        assert_eq!(join("ks/2023-10-02", "bilagor/a.pdf").as_deref(), Some("ks/2023-10-02/bilagor/a.pdf"));
        assert_eq!(join("ks/2023-10-02", "./a.pdf").as_deref(), Some("ks/2023-10-02/a.pdf"));
        assert_eq!(join("ks/2023-10-02", "bilagor\\a.pdf").as_deref(), Some("ks/2023-10-02/bilagor/a.pdf"));
        assert_eq!(join("ks/2023-10-02", "../2023-09-01/a.pdf").as_deref(), Some("ks/2023-09-01/a.pdf"));
        assert_eq!(join("ks/2023-10-02", "../../a.pdf").as_deref(), Some("a.pdf"));
        assert_eq!(join("ks/2023-10-02", "../../../etc/passwd"), None);
        assert_eq!(join("ks/2023-10-02", "/etc/passwd"), None);
        assert_eq!(join("ks/2023-10-02", "C:\\x.pdf"), None);
    }
}
