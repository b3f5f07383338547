//! Raw HTML the clerk wrote, sanitised in whole pieces.
//!
//! pulldown-cmark gives inline HTML one tag at a time (`m<sup>2</sup>` is
//! `m`, `<sup>`, `2`, `</sup>`), and an HTML block one line at a time. A tag
//! sanitised on its own loses its text (`<sup>` becomes `<sup></sup>`, and
//! `<a href="…">` an empty link). So the raw HTML of one block's text — a
//! paragraph, a heading, a table cell, a tight list item — is sanitised
//! together with that text, and an HTML block as a whole: [`settle`].
//!
//! What the clerk may write is ammonia's own allow-list, set up in
//! [`clerk`]: a few inline elements (`sup`, `sub`, `em`, `strong`, `b`,
//! `i`, `u`, `s`, `del`, `ins`, `mark`, `abbr` with `title`, `br`, `code`,
//! `kbd`, `span`, `a` with `href` and `title`), `lang` on any of them, links
//! only to `http:`, `https:`, `mailto:` or relative addresses. Any other
//! element is left out and its text kept; scripts, styles and the like go
//! with their content; no `class`, `id`, `role`, `style` or event handler
//! passes, so clerk HTML cannot hide text or imitate the theme.
//!
//! Markdown's own markup in such a piece (emphasis, code, links) is in the
//! allow-list; what is not — an image, a footnote reference with its class —
//! is put in after sanitising, in the place of a marker. A piece nested too
//! deep to sanitise quickly ([`super::depth::MAX_HTML_NESTING`]) keeps only
//! its text.

use super::depth;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What the rewriter gives: Markdown events, our own markup, raw HTML.
#[derive(Debug)]
pub enum Piece<'e> {
    /// A Markdown event, or HTML of our own that stands between blocks.
    Event(Event<'e>),
    /// HTML of our own inside a block's text (a footnote reference).
    Own(String),
    /// Raw HTML the clerk wrote: `inline` in a block's text, else a line of an HTML block.
    Clerk { html: CowStr<'e>, inline: bool },
}

impl Piece<'_> {
    fn is_inline(&self) -> bool {
        match self {
            Piece::Event(e) => depth::is_inline(e),
            Piece::Own(_) => true,
            Piece::Clerk { inline, .. } => *inline,
        }
    }
}

/// The elements a clerk may write, and their attributes.
const TAGS: &[&str] =
    &["sup", "sub", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "abbr", "br", "code", "kbd", "span", "a"];

/// Elements that go with everything in them (their content is code, or
/// would be shown as stray text).
const GONE_WITH_CONTENT: &[&str] =
    &["script", "style", "iframe", "noscript", "template", "object", "textarea", "title", "xmp", "noembed", "noframes"];

/// The sanitiser for raw HTML from clerks.
fn allow_list() -> &'static ammonia::Builder<'static> {
    static BUILDER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect())
            .clean_content_tags(GONE_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(HashSet::from(["lang"]))
            .tag_attributes(HashMap::from([
                ("a", HashSet::from(["href", "title"])),
                ("abbr", HashSet::from(["title"])),
            ]))
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(ammonia::UrlRelative::PassThrough)
            // The page's own sanitiser adds `rel` to every link.
            .link_rel(None)
            .strip_comments(true)
            .id_prefix(None);
        b
    });
    &BUILDER
}

/// A piece of clerk HTML (with the Markdown around it, rendered), sanitised;
/// only its text if `clerk`, the clerk's own tags in it, nest deeper than
/// [`depth::MAX_HTML_NESTING`] (as validation counts them: Markdown's own
/// emphasis around them does not count).
fn clean(html: &str, clerk: &str) -> String {
    if depth::html_depth_exceeded(clerk, depth::MAX_HTML_NESTING).is_some() {
        return depth::text_of_html(html);
    }
    allow_list().clean(html).to_string()
}

/// The events to serialise: each block's text that holds raw HTML, and each
/// HTML block, rendered and sanitised as one piece; everything else as it is.
pub fn settle(pieces: Vec<Piece<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut run: Vec<Piece<'_>> = Vec::new();
    let mut block = String::new();
    for piece in pieces {
        match piece {
            Piece::Clerk { html, inline: false } => {
                flush_run(&mut run, &mut out);
                block.push_str(&html);
            }
            p if p.is_inline() => {
                flush_block(&mut block, &mut out);
                run.push(p);
            }
            Piece::Event(e) => {
                flush_run(&mut run, &mut out);
                flush_block(&mut block, &mut out);
                out.push(e);
            }
            // Inline, so taken above.
            Piece::Own(_) | Piece::Clerk { .. } => {}
        }
    }
    flush_run(&mut run, &mut out);
    flush_block(&mut block, &mut out);
    out
}

fn flush_block(block: &mut String, out: &mut Vec<Event<'_>>) {
    if !block.is_empty() {
        out.push(Event::Html(clean(block, block).into()));
        block.clear();
    }
}

/// Candidates for the marker of our own markup in a piece: characters the
/// piece does not otherwise contain are chosen, so a clerk cannot forge one.
const MARKERS: [char; 4] = ['\u{FFFC}', '\u{E000}', '\u{F8FF}', '\u{FDD0}'];

fn flush_run<'e>(run: &mut Vec<Piece<'e>>, out: &mut Vec<Event<'e>>) {
    if run.is_empty() {
        return;
    }
    let pieces = std::mem::take(run);
    if !pieces.iter().any(|p| matches!(p, Piece::Clerk { .. })) {
        out.extend(pieces.into_iter().map(|p| match p {
            Piece::Event(e) => e,
            Piece::Own(h) => Event::InlineHtml(h.into()),
            Piece::Clerk { html, .. } => Event::InlineHtml(html),
        }));
        return;
    }
    let clerk: String =
        pieces.iter().filter_map(|p| if let Piece::Clerk { html, .. } = p { Some(&**html) } else { None }).collect();
    // Our own markup, rendered now, and the events with a marker in its place.
    let mut own: Vec<String> = Vec::new();
    let mut events: Vec<Option<Event<'e>>> = Vec::with_capacity(pieces.len());
    let mut image: Option<(usize, Vec<Event<'e>>)> = None;
    for p in pieces {
        let e = match p {
            Piece::Own(h) => {
                own.push(h);
                events.push(None);
                continue;
            }
            Piece::Clerk { html, .. } => Event::InlineHtml(html),
            Piece::Event(e) => e,
        };
        if let Some((open, img)) = &mut image {
            match &e {
                Event::Start(Tag::Image { .. }) => *open += 1,
                Event::End(TagEnd::Image) => *open -= 1,
                _ => {}
            }
            img.push(e);
            if *open == 0 {
                let (_, img) = image.take().unwrap_or_default();
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, img.into_iter());
                own.push(html);
                events.push(None);
            }
        } else if matches!(e, Event::Start(Tag::Image { .. })) {
            image = Some((1, vec![e]));
        } else {
            events.push(Some(e));
        }
    }
    if let Some((_, img)) = image {
        // An image left open (it never is): its events as they are.
        events.extend(img.into_iter().map(Some));
    }
    for marker in MARKERS {
        let mut n = 0;
        let marked = events.iter().map(|e| match e {
            Some(e) => e.clone(),
            None => {
                n += 1;
                Event::Text(format!("{marker}{}{marker}", n - 1).into())
            }
        });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, marked);
        if html.matches(marker).count() != 2 * own.len() {
            continue;
        }
        let clean = clean(&html, &clerk);
        out.push(Event::InlineHtml(unmark(&clean, marker, &own).into()));
        return;
    }
    // Every marker occurs in the text itself: our own markup is left out.
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().flatten());
    out.push(Event::InlineHtml(clean(&html, &clerk).into()));
}

/// `html` with each `{marker}{n}{marker}` replaced by `own[n]`.
fn unmark(html: &str, marker: char, own: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + own.iter().map(String::len).sum::<usize>());
    let mut parts = html.split(marker);
    out.push_str(parts.next().unwrap_or(""));
    while let Some(index) = parts.next() {
        match index.parse::<usize>().ok().and_then(|i| own.get(i)) {
            Some(h) => out.push_str(h),
            None => {
                out.push(marker);
                out.push_str(index);
                out.push(marker);
            }
        }
        out.push_str(parts.next().unwrap_or(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean as clean_with;

    fn clean(html: &str) -> String {
        clean_with(html, html)
    }

    #[test]
    fn allowed_inline_elements_keep_their_text() {
        assert_eq!(clean("m<sup>2</sup> H<sub>2</sub>O"), "m<sup>2</sup> H<sub>2</sub>O");
        assert_eq!(clean("<abbr title=\"Kommunstyrelsen\">KS</abbr>"), "<abbr title=\"Kommunstyrelsen\">KS</abbr>");
        assert_eq!(clean("<a href=\"https://x.se\">text</a>"), "<a href=\"https://x.se\">text</a>");
        assert_eq!(clean("<a href=\"Plan%201.pdf\">plan</a>"), "<a href=\"Plan%201.pdf\">plan</a>");
        assert_eq!(clean("<a href=\"mailto:a@b.se\">mejl</a>"), "<a href=\"mailto:a@b.se\">mejl</a>");
        assert_eq!(clean("<span lang=\"en\">board</span>"), "<span lang=\"en\">board</span>");
        assert_eq!(clean("a<br>b <kbd>Ctrl</kbd> <mark>x</mark>"), "a<br>b <kbd>Ctrl</kbd> <mark>x</mark>");
    }

    #[test]
    fn other_elements_go_and_their_text_stays() {
        assert_eq!(clean("<div><p>ett</p><table><tr><td>två</td></tr></table></div>"), "etttvå");
        assert_eq!(clean("<font color=red>röd</font> <img src=x alt=bild>"), "röd ");
        assert_eq!(
            clean("<span class=\"visually-hidden\" id=\"main\" role=\"note\" style=\"x\">y</span>"),
            "<span>y</span>"
        );
    }

    #[test]
    fn scripts_handlers_and_unsafe_links_never_pass() {
        let h = clean(
            "<script>alert(1)</script><style>p{}</style><iframe src=x>i</iframe><a href=\"javascript:alert(1)\" onclick=\"x()\">a</a><b onmouseover=x>b</b><a href=\"data:text/html,x\">d</a>",
        );
        assert_eq!(h, "<a>a</a><b>b</b><a>d</a>");
    }

    #[test]
    fn too_deep_to_sanitise_keeps_the_text() {
        let deep = format!("{}x &amp; <script>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let started = std::time::Instant::now();
        assert_eq!(clean(&deep), "x &amp; ");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
