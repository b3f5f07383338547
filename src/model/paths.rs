//! Paths inside `content/` as clerks write them (relative to a meeting folder),
//! shared by validation (does the file exist?) and rendering (where does the
//! link go?).
//!
//! A name is found as the clerk wrote it or in another Unicode form of the
//! same letters: a Mac stores `å` as `a` + a combining ring (NFD), Windows
//! and most editors write one `å` (NFC), and a clerk cannot see the
//! difference. Names are compared in NFC ([`find`]); the file's own name is
//! what the site uses. A Markdown link target is decoded once first
//! ([`decode`]): `[plan](Plan%201.pdf)` names `Plan 1.pdf`, as in a browser.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `dir/file` with `.` and `..` resolved, `\` taken as `/` (clerks on
/// Windows write it); `None` if the result would leave `content/` or the
/// path is absolute.
pub fn join(dir: &str, file: &str) -> Option<String> {
    let file = file.replace('\\', "/");
    let absolute = file.starts_with('/') || file.as_bytes().get(1) == Some(&b':');
    if absolute {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Not a scheme (`https:`, `mailto:`), not an absolute path, not a `#fragment`.
pub fn is_relative(url: &str) -> bool {
    let before_slash = url.split('/').next().unwrap_or("");
    !url.is_empty() && !url.starts_with(['/', '#', '?']) && !before_slash.contains(':')
}

/// The file part of a link target (without `#fragment` or `?query`).
pub fn file_part(url: &str) -> &str {
    url.split(['#', '?']).next().unwrap_or(url)
}

/// A link target with its percent escapes decoded (once); as written if
/// the bytes they make are not UTF-8.
pub fn decode(url: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(url).decode_utf8().unwrap_or(Cow::Borrowed(url))
}

/// `s` in Unicode normalisation form C.
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// The one of `files` whose name is `path` in NFC (see the module's notes),
/// for when no file has exactly that name. `None` if none is, or if more than
/// one are (names that differ only in their form: which one was meant is unknown).
pub fn find_alike<'a>(files: impl IntoIterator<Item = &'a String>, path: &str) -> Option<&'a str> {
    let wanted = nfc(path);
    let mut alike = files.into_iter().filter(|f| nfc(f) == wanted);
    let first = alike.next()?;
    alike.next().is_none().then_some(first.as_str())
}

/// The one of the sorted `files` that is `path`, exactly or in NFC.
pub fn find_sorted<'a>(files: &'a [String], path: &str) -> Option<&'a str> {
    match files.binary_search_by(|f| f.as_str().cmp(path)) {
        Ok(i) => Some(&files[i]),
        Err(_) => find_alike(files, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_either_unicode_form() {
        let nfd = "ks/2026-11-09/Beslut fo\u{308}r a\u{30a}r.pdf".to_owned();
        let nfc_name = "ks/2026-11-09/Beslut för år.pdf";
        let files = vec!["ks/2026-11-09/a.pdf".to_owned(), nfd.clone()];
        assert_eq!(find_sorted(&files, nfc_name), Some(nfd.as_str()));
        assert_eq!(find_sorted(&files, &nfd), Some(nfd.as_str()));
        let files = vec![nfc_name.to_owned()];
        assert_eq!(find_sorted(&files, &nfd), Some(nfc_name));
        // Both forms stored: the exact one, else neither.
        let mut both = vec![nfc_name.to_owned(), nfd.clone()];
        both.sort();
        assert_eq!(find_sorted(&both, nfc_name), Some(nfc_name));
        assert_eq!(find_alike(&both, "ks/2026-11-09/Beslut fo\u{308}r a\u{30a}r.pdf"), None);
        assert_eq!(find_sorted(&files, "ks/2026-11-09/Beslut for ar.pdf"), None);
        for (a, b) in [("é", "e\u{301}"), ("ü", "u\u{308}"), ("Å", "A\u{30a}"), ("Ä", "A\u{308}"), ("Ö", "O\u{308}")]
        {
            assert_eq!(nfc(b), a);
        }
    }

    #[test]
    fn link_targets_are_decoded_once() {
        assert_eq!(decode("Plan%201.pdf"), "Plan 1.pdf");
        assert_eq!(decode("Plan%25201.pdf"), "Plan%201.pdf");
        assert_eq!(decode("bilagor/f%C3%B6r.pdf"), "bilagor/för.pdf");
        assert_eq!(decode("100%.pdf"), "100%.pdf");
        assert_eq!(decode("%FF.pdf"), "%FF.pdf");
    }
}
