//! No personal identity number is ever published: every text that can reach
//! a page, feed or export is scanned — as written, and as a reader reads it
//! ([`super::reading`]: Markdown as shown, look-alike digits and dashes,
//! invisible characters) — and no control character (but tab and line end)
//! is in it; the private fields of a confidential paragraph are not, because
//! they never leave the content folder.

use super::pnr::find_identity_numbers;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Doc, Loaded, Node, Value};

/// Which top-level fields of a document are published.
#[derive(Debug, Clone, Copy)]
pub enum Published {
    /// Every field and the Markdown text.
    All,
    /// Only these fields; the Markdown text is private.
    Only(&'static [&'static str]),
}

/// The byte ranges of a paragraph file that hold only what is published, if
/// the paragraph is confidential: its public fields (each from its key to the
/// end of its value) and the front matter's fences. `None` if the paragraph
/// is not confidential (all of it is published). Everything else of a
/// confidential file (private fields, YAML comments, the Markdown text) never
/// leaves the content folder, so nothing that shows problems to readers other
/// than the clerk at the terminal (the preview's overlay) may show it.
pub fn public_parts(doc: &Doc, text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    if !super::is_confidential(doc) {
        return None;
    }
    let mut parts = Vec::new();
    parts.push(doc.head.start..doc.head.end);
    let before_body = text.get(..doc.body.start).unwrap_or_default();
    let fence_start = before_body.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
    let fence = before_body[fence_start..].trim_end_matches(['\n', ' ', '\t']);
    if doc.body.start > doc.head.end && (fence == "---" || fence == "...") {
        parts.push(fence_start..fence_start + fence.len());
    }
    if let Some(Value::Map(entries)) = doc.fields.as_ref().map(|n| &n.value) {
        for (k, v) in entries {
            if k.text().is_some_and(|k| super::paragraph::CONFIDENTIAL_PUBLIC_FIELDS.contains(&k)) {
                parts.push(k.span.start..k.span.end.max(v.span.end));
            }
        }
    }
    Some(parts)
}

/// Reports every identity number in the published parts of `doc`.
pub fn scan_doc(doc: &Doc, loaded: &Loaded, published: Published, diags: &mut Vec<Diagnostic>) {
    let text = &loaded.sources.get(doc.file).text;
    if let Some(root) = &doc.fields {
        match (published, &root.value) {
            (Published::Only(fields), Value::Map(entries)) => {
                for (k, v) in entries {
                    if k.text().is_some_and(|k| fields.contains(&k)) {
                        scan_node(k, text, diags);
                        scan_node(v, text, diags);
                    }
                }
            }
            (Published::Only(_), _) => {}
            (Published::All, _) => scan_node(root, text, diags),
        }
    }
    // A notice's file name is published as its address.
    let path = &loaded.sources.get(doc.file).path;
    if path.starts_with("notices/") && !find_identity_numbers(path).is_empty() {
        diags.push(Diagnostic::new(Code::IdentityNumber, Span::new(doc.file, 0, 0)).arg("in", "file-name"));
    }
    if matches!(published, Published::All) {
        let body = text.get(doc.body.start..doc.body.end).unwrap_or_default();
        for r in hits(body) {
            let span = Span::new(doc.file, doc.body.start + r.start, doc.body.start + r.end);
            diags.push(Diagnostic::new(Code::IdentityNumber, span));
        }
        control_characters(body, doc.body.start, doc.file, diags);
    }
}

/// Identity numbers in a text as written and as read (its Markdown as
/// shown, normalised), as source ranges, each once.
fn hits(text: &str) -> Vec<std::ops::Range<usize>> {
    // Most texts hold fewer than ten digits in any form: no number can be
    // read in them, and the readings (the costly part) are skipped.
    if !super::reading::may_hold_number(text) {
        return Vec::new();
    }
    let mut found = find_identity_numbers(text);
    let read = super::reading::markdown(text);
    for h in find_identity_numbers(&read.text) {
        let r = read.source_range(&h, text);
        if !found.iter().any(|f| f.start < r.end && r.start < f.end) {
            found.push(r);
        }
    }
    let plain = super::reading::plain(text);
    for h in find_identity_numbers(&plain.text) {
        let r = plain.source_range(&h, text);
        if !found.iter().any(|f| f.start < r.end && r.start < f.end) {
            found.push(r);
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// A control character (other than tab and line end) in published text is
/// an error where it stands: pasted from a word processor, it makes feeds
/// invalid XML and shows as nothing or a box. `base` is where `text` starts.
fn control_characters(text: &str, base: usize, file: crate::diag::FileId, diags: &mut Vec<Diagnostic>) {
    if !may_hold_control(text.as_bytes()) {
        return;
    }
    for (i, c) in text.char_indices().filter(|(_, c)| is_control(*c)) {
        let span = Span::new(file, base + i, base + i + c.len_utf8());
        diags.push(Diagnostic::new(Code::ControlCharacter, span).arg("code", format!("U+{:04X}", c as u32)));
    }
}

/// Whether UTF-8 `bytes` may hold a character [`is_control`] takes: a C0
/// byte other than tab and line feed, DEL, or a C1 control (`C2 80` to
/// `C2 9F`). Looks at bytes, not characters: most texts have none, and
/// then the characters need not be decoded.
fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || b == 0x7F
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })
}

/// C0 and C1 controls and DEL, but tab and line feed.
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Scans every scalar of a YAML tree. A hit is placed where its digits stand
/// in the source; if YAML unescaping or folding changed them, at the value.
fn scan_node(node: &Node, source: &str, diags: &mut Vec<Diagnostic>) {
    node.each_text(&mut |n, value| {
        let raw = source.get(n.span.start..n.span.end).unwrap_or_default();
        // A control character written as itself stands in the source; one
        // written as a YAML escape (`"\x07"`) is reported at the value.
        if value.chars().any(is_control) {
            if raw.chars().any(is_control) {
                control_characters(raw, n.span.start, n.span.file, diags);
            } else {
                let c = value.chars().find(|c| is_control(*c)).unwrap_or('\0');
                let d = Diagnostic::new(Code::ControlCharacter, n.span).arg("code", format!("U+{:04X}", c as u32));
                diags.push(d);
            }
        }
        for r in hits(value) {
            let found = &value[r.clone()];
            // The same digits may occur more than once: take the occurrence
            // with the same rank in the source as in the value.
            let rank = value[..r.start].matches(found).count();
            let span = match raw.match_indices(found).nth(rank) {
                Some((i, _)) => Span::new(n.span.file, n.span.start + i, n.span.start + i + found.len()),
                None => Span::new(n.span.file, n.span.start, n.span.end),
            };
            diags.push(Diagnostic::new(Code::IdentityNumber, span));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_finds_every_control_character_and_passes_ordinary_text() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(may_hold_control(bytes), is_control(c), "U+{:04X}", c as u32);
        }
        assert!(!may_hold_control("Beslut enligt § 12, ärende 2026/140.\n\tÅtgärd: – ".as_bytes()));
        assert!(may_hold_control("Beslut\u{0085}".as_bytes()));
    }
}
