//! Where a place in a Markdown text stands in its file.
//!
//! A paragraph's body is a slice of its file, so a byte of the text is the
//! same byte there. A Markdown field (`decision: |`, `proposal`, a body's
//! `description`) is a YAML value: its text lost the block scalar's `|` or
//! `>` line, the indentation, quotes, and for folded or plain scalars its
//! line breaks became spaces. Its characters are still those of the source,
//! in order, with only those inserted around them; so each character of
//! the value is matched to the next character of the source that can be it
//! (a space or line end may be a line end there), which finds the place the
//! clerk sees in the editor.

use crate::diag::Span;
use crate::model::Markdown;

/// The span in `source` (the text of `md`'s file) of the character that
/// starts at byte `offset` of `md.text` (its whole value if it cannot be
/// found, e.g. in a YAML escape).
pub fn span_in_source(md: &Markdown, source: &str, offset: usize) -> Span {
    let raw = source.get(md.at.start..md.at.end).unwrap_or_default();
    let width = md.text.get(offset..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
    // A YAML value's span may end short of its text (a block scalar at the
    // end of a file): its characters are looked for up to the file's end.
    let rest = source.get(md.at.start..).unwrap_or_default();
    // The span of a block scalar starts at its `|` or `>` header, or at its
    // first line (then only indentation stands before it on its line).
    let line = source.get(..md.at.start).map_or("", |before| before.rsplit('\n').next().unwrap_or(""));
    let header = !line.trim().is_empty();
    let at = if raw == md.text { Some(offset) } else { align(rest, &md.text, offset, header) };
    match at {
        Some(at) => {
            let width = rest.get(at..).and_then(|t| t.chars().next()).map_or(width, char::len_utf8);
            Span::new(md.at.file, md.at.start + at, md.at.start + at + width)
        }
        None => md.at,
    }
}

/// The byte in `raw` (a YAML scalar as written) where the character at byte
/// `offset` of `value` (the scalar's text) comes from (`raw` may go on
/// after the scalar); `header`: whether `raw` may start with a block
/// scalar's header.
fn align(raw: &str, value: &str, offset: usize, header: bool) -> Option<usize> {
    // The block scalar's header line, or the opening quote, holds no text.
    let skip = match raw.chars().next() {
        Some('|' | '>') if header => raw.find('\n').map_or(raw.len(), |i| i + 1),
        Some(q @ ('"' | '\'')) if !value.starts_with(q) => 1,
        _ => 0,
    };
    let mut source = raw.char_indices().skip_while(|(i, _)| *i < skip);
    for (i, c) in value.char_indices() {
        let found = source.find(|(_, r)| *r == c || (matches!(c, ' ' | '\n') && *r == '\n'))?;
        if i == offset {
            return Some(found.0);
        }
        if i > offset {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    fn place(source: &str, value: &str, start: usize, offset: usize) -> usize {
        let md = Markdown { text: value.to_owned(), at: Span::new(FileId(0), start, source.len()) };
        span_in_source(&md, source, offset).start
    }

    #[test]
    fn a_body_is_its_own_source() {
        let source = "---\nnumber: 1\n---\n> > x\n";
        assert_eq!(place(source, "> > x\n", 18, 2), 20);
    }

    #[test]
    fn block_scalars_lose_their_indentation_and_header() {
        let source = "decision: |\n  Beslut:\n\n    > > x\n  - a\n";
        let value = "Beslut:\n\n  > > x\n- a\n";
        let start = source.find('|').unwrap_or_default();
        let offset = value.find("> x").unwrap_or_default();
        assert_eq!(place(source, value, start, offset), source.find("> x").unwrap_or_default());
        let offset = value.find('-').unwrap_or_default();
        assert_eq!(place(source, value, start, offset), source.find("- a").unwrap_or_default());
        // A span that starts at the text, not at the header: `>` is text.
        let source = "description: |\n  > > x\n";
        let start = source.find("> >").unwrap_or_default();
        assert_eq!(place(source, "> > x", start, 2), start + 2);
        // A folded scalar whose text starts with `>` is not matched to its header.
        let source = "decision: >\n  > citat\n";
        let start = source.find(">\n").unwrap_or_default();
        assert_eq!(place(source, "> citat\n", start, 0), source.find("> citat").unwrap_or_default());
    }

    #[test]
    fn quoted_and_plain_scalars() {
        let source = "decision: \"ett\n  <b>två\"\n";
        let start = source.find('"').unwrap_or_default();
        assert_eq!(place(source, "ett <b>två", start, 4), source.find("<b>").unwrap_or_default());
    }
}
