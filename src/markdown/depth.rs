//! How deep clerk Markdown nests, counted without recursion.
//!
//! Nesting has a price everywhere downstream: the PDF's structure tree and
//! its layout follow the nesting, and the HTML sanitiser (html5ever, inside
//! ammonia) takes time that grows with the square of the depth (100 000
//! nested `<div>`s took minutes). So there are limits, far above anything a
//! protocol needs: validation refuses a text that passes them (E049), and
//! the renderers flatten anything deeper that reaches them anyway (a text
//! that was never validated, as in a test or a preview), so no input can
//! exhaust the stack or the time of a build.
//!
//! - [`MAX_NESTING`]: block quotes, lists and footnote definitions open at
//!   once (a list with its item is one level; a footnote definition can hold
//!   a block quote that holds another definition, so it counts too).
//! - [`MAX_HTML_NESTING`]: elements of raw HTML open at once within one piece
//!   of it (an HTML block, or the raw HTML of one paragraph, heading or table
//!   cell: the pieces the renderer sanitises one by one).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The most block quotes, lists and footnote definitions open at once.
pub const MAX_NESTING: usize = 32;

/// The most raw HTML elements open at once in one piece of raw HTML.
pub const MAX_HTML_NESTING: usize = 32;

/// What nests too deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deep {
    /// Block quotes, lists and footnote definitions.
    Blocks,
    /// Raw HTML elements.
    Html,
}

impl Deep {
    /// The word used in messages (`kind` of E049).
    pub fn word(self) -> &'static str {
        match self {
            Deep::Blocks => "blocks",
            Deep::Html => "html",
        }
    }

    pub fn limit(self) -> usize {
        match self {
            Deep::Blocks => MAX_NESTING,
            Deep::Html => MAX_HTML_NESTING,
        }
    }
}

/// Where a text first nests past a limit: the byte offset in the text of
/// the marker (`>`, `-`, `1.`, `[^`) or the `<` of the tag that crosses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
    pub kind: Deep,
}

/// Whether `event` opens or closes a container counted by [`MAX_NESTING`]
/// (`Some(true)` opens, `Some(false)` closes).
pub fn container(event: &Event<'_>) -> Option<bool> {
    match event {
        Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => Some(true),
        Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => Some(false),
        _ => None,
    }
}

/// Keeps at most [`MAX_NESTING`] containers open in a renderer's output:
/// tells which opening and closing events to leave out (an item goes with
/// its list). What they hold goes on in the container around them, so the
/// text is kept and only the indentation is lost.
#[derive(Debug, Default)]
pub struct Flatten {
    /// Open block quotes, lists, items and footnote definitions: whether each is kept.
    open: Vec<bool>,
    /// How many of them are kept, items not counted.
    kept: usize,
}

impl Flatten {
    /// Whether `event` opens or closes a container that is left out.
    pub fn drops(&mut self, event: &Event<'_>) -> bool {
        let kept = match (event, container(event)) {
            (Event::Start(Tag::Item), _) => {
                let keep = self.open.last().copied().unwrap_or(true);
                self.open.push(keep);
                keep
            }
            (Event::End(TagEnd::Item), _) => self.open.pop().unwrap_or(true),
            (_, Some(true)) => {
                let keep = self.kept < MAX_NESTING;
                self.kept += usize::from(keep);
                self.open.push(keep);
                keep
            }
            (_, Some(false)) => {
                let keep = self.open.pop().unwrap_or(true);
                self.kept = self.kept.saturating_sub(usize::from(keep));
                keep
            }
            (_, None) => true,
        };
        !kept
    }
}

/// Whether `event` belongs inside a block's text (raw HTML among these is
/// one piece with the rest of the block's raw HTML).
pub fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

/// The first place where `md` nests past [`MAX_NESTING`] or
/// [`MAX_HTML_NESTING`], if any.
pub fn too_deep(md: &str) -> Option<TooDeep> {
    let mut depth = 0usize;
    // The raw HTML of the current piece, and where each part of it starts in `md`.
    let mut html = String::new();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let html_too_deep = |html: &mut String, parts: &mut Vec<(usize, usize)>| {
        let found = html_depth_exceeded(html, MAX_HTML_NESTING).map(|at| {
            let (start, source) = parts.iter().rev().find(|(start, _)| *start <= at).copied().unwrap_or((0, 0));
            TooDeep { offset: source + (at - start), kind: Deep::Html }
        });
        html.clear();
        parts.clear();
        found
    };
    for (event, range) in Parser::new_ext(md, super::options()).into_offset_iter() {
        match &event {
            Event::Html(t) | Event::InlineHtml(t) => {
                // A part is a slice of the source (where a tab was expanded,
                // places inside it are off by the spaces added).
                parts.push((html.len(), range.start));
                html.push_str(t);
                continue;
            }
            e if is_inline(e) => continue,
            _ => {}
        }
        if let Some(found) = html_too_deep(&mut html, &mut parts) {
            return Some(found);
        }
        match container(&event) {
            Some(true) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(TooDeep { offset: range.start, kind: Deep::Blocks });
                }
            }
            Some(false) => depth = depth.saturating_sub(1),
            None => {}
        }
    }
    html_too_deep(&mut html, &mut parts)
}

/// Elements that never hold anything (`<br>`), so never nest.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// The byte offset of the first start tag in `html` that has more than
/// `limit` elements open, counted as a browser's parser roughly would, in
/// one pass: a start tag opens an element (not a void one such as `<br>`);
/// an end tag closes the innermost open element of its name and everything
/// opened inside it, and is ignored if none is open; comments, `<!…>` and
/// `<?…>` are skipped; a `>` inside a quoted attribute value does not end
/// its tag. It errs on the side of counting deeper than a browser (which
/// closes some elements by itself, such as a `<p>` before another `<p>`),
/// never shallower, except for elements a browser reopens by itself after a
/// misnested end tag (`<b><i></b>`), which at most double the depth.
pub fn html_depth_exceeded(html: &str, limit: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]).map(|p| i + p) {
        if let Some(end) = skipped(html, lt) {
            i = end;
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
            .map_or(bytes.len(), |p| name_start + p);
        let name = &html[name_start..name_end];
        let end = tag_end(bytes, name_end);
        i = end;
        if closing {
            if let Some(k) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(k);
            }
            continue;
        }
        if VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            continue;
        }
        open.push(name);
        if open.len() > limit {
            return Some(lt);
        }
    }
    None
}

/// Where a comment, `<!…>` or `<?…>` that starts at `lt` ends (after its
/// `-->` or `>`; the end of `html` if unclosed), if one starts there.
fn skipped(html: &str, lt: usize) -> Option<usize> {
    let rest = html.get(lt..)?;
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(html.len(), |p| lt + 4 + p + 3));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return Some(rest.find('>').map_or(html.len(), |p| lt + p + 1));
    }
    None
}

/// Where the tag whose name ends at `from` ends (after its `>`), with `>`
/// inside quoted attribute values skipped; the end of `bytes` if unclosed.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return k + 1,
            None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
            None => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// `html` with its tags and comments left out and any other `<` or `>`
/// escaped: what a piece of raw HTML too deep to sanitise shows (its text;
/// character references stay as written, they cannot make a tag).
pub fn text_of_html(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            escape_into(&html[i..], &mut out);
            break;
        };
        escape_into(&html[i..lt], &mut out);
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        i = if let Some(end) = skipped(html, lt) {
            end
        } else if next.is_ascii_alphabetic() || (next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            tag_end(bytes, lt + 1)
        } else {
            out.push_str("&lt;");
            lt + 1
        };
    }
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_quotes_and_lists_count_together() {
        let ok = format!("{}x", "> ".repeat(16) + &"- ".repeat(16));
        assert_eq!(too_deep(&ok), None);
        let deep = format!("{}x", "> ".repeat(20) + &"- ".repeat(13));
        // The 33rd level is the 13th list marker: after 20 `> ` and 12 `- `.
        assert_eq!(too_deep(&deep), Some(TooDeep { offset: 40 + 24, kind: Deep::Blocks }));
    }

    #[test]
    fn deep_lists_written_with_indentation() {
        let md: String = (0..40).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
        let found = too_deep(&md).expect("too deep");
        assert_eq!(found.kind, Deep::Blocks);
        // The 33rd list starts on the 33rd line, after 32 indentations.
        let line_start: usize = (0..32).map(|i| 2 * i + 4).sum();
        assert_eq!(found.offset, line_start + 64);
        assert_eq!(&md[found.offset..found.offset + 1], "-");
    }

    #[test]
    fn deep_quotes_on_many_lines_and_in_footnotes() {
        let md: String = (1..=40).map(|i| format!("{}x\n\n", "> ".repeat(i))).collect();
        let found = too_deep(&md).expect("too deep");
        assert_eq!(&md[found.offset..found.offset + 1], ">");
        let md = "[^a]: > ".repeat(20) + "x";
        assert_eq!(too_deep(&md).map(|f| f.kind), Some(Deep::Blocks));
    }

    #[test]
    fn raw_html_nesting_is_counted_per_piece() {
        let ok = format!("{}x{}", "<div>".repeat(32), "</div>".repeat(32));
        assert_eq!(too_deep(&ok), None);
        let deep = format!("Text {}x", "<span>".repeat(33));
        let found = too_deep(&deep).expect("too deep");
        assert_eq!(found, TooDeep { offset: 5 + 32 * 6, kind: Deep::Html });
        // Every paragraph is its own piece: unclosed tags do not add up across them.
        let pieces = "<b>x\n\n".repeat(40);
        assert_eq!(too_deep(&pieces), None);
        // An HTML block on several lines is one piece; the offset is in the source.
        let block = format!("Före\n\n{}\n", "<div>\n".repeat(40));
        let found = too_deep(&block).expect("too deep");
        assert_eq!(found.kind, Deep::Html);
        assert_eq!(found.offset, "Före\n\n".len() + 32 * 6);
    }

    #[test]
    fn the_html_counter_follows_a_parser() {
        assert_eq!(html_depth_exceeded("<br><br><br><img src=x><hr>", 1), None);
        assert_eq!(html_depth_exceeded("<b><i></b><b>", 2), None);
        assert_eq!(html_depth_exceeded("<b></x><i>", 1), Some(7));
        assert_eq!(html_depth_exceeded("<a title=\"<b>\"><i>", 1), Some(15));
        assert_eq!(html_depth_exceeded("<!-- <b><b> --><b>", 1), None);
        assert_eq!(html_depth_exceeded("a < b <3 <b>", 1), None);
        assert_eq!(html_depth_exceeded("<DIV><div>", 1), Some(5));
    }

    #[test]
    fn text_of_html_keeps_the_text_escaped() {
        assert_eq!(text_of_html("<div><b title=\">\">fet</b> &amp; <!-- x --> 1 < 2</div>"), "fet &amp;  1 &lt; 2");
        assert_eq!(text_of_html("<script>alert(1)</script>"), "alert(1)");
    }
}
