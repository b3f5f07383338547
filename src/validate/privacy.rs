//! No personal identity number is ever published: every text that can reach
//! a page, feed or export is scanned; the private fields of a confidential
//! paragraph are not, because they never leave the content folder.

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
        for r in find_identity_numbers(body) {
            let at = doc.body.start + r.start;
            diags.push(Diagnostic::new(Code::IdentityNumber, Span::new(doc.file, at, doc.body.start + r.end)));
        }
    }
}

/// Scans every scalar of a YAML tree. A hit is placed where its digits stand
/// in the source; if YAML unescaping or folding changed them, at the value.
fn scan_node(node: &Node, source: &str, diags: &mut Vec<Diagnostic>) {
    node.each_text(&mut |n, value| {
        let raw = source.get(n.span.start..n.span.end).unwrap_or_default();
        for r in find_identity_numbers(value) {
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
