//! Markdown → HTML for clerk text. One place owns the pulldown-cmark
//! options. The steps:
//!
//! 1. parse with tables, strikethrough and footnotes;
//! 2. rewrite the event stream: headings shift under the page's own heading
//!    (so a page has one `h1` and headings in order); a table sits in a
//!    labelled scroll region and its header cells get `scope="col"` and an
//!    announced name when the clerk left them empty; fenced code is
//!    highlighted with CSS classes ([`highlight`]); footnotes get ids with the
//!    field's prefix; block quotes, lists and footnote definitions deeper
//!    than [`depth::MAX_NESTING`] are flattened (their text is kept);
//! 3. raw HTML from the clerk is sanitised in whole pieces, with the text
//!    around it, by a strict allow-list with no classes, ids or roles, so it
//!    cannot hide text or imitate the theme ([`raw`]);
//! 4. serialise with `push_html`;
//! 5. sanitise the whole again with ammonia: no `<script>`, no `on…=`
//!    attribute and no `javascript:` URL from content ever reaches a page.

pub mod depth;
pub mod highlight;
pub mod plain;
mod raw;

pub use plain::plain_text;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use raw::Piece;

/// Everything the renderer needs to know besides the text.
#[derive(Clone)]
pub struct Context<'a> {
    /// The level the text's highest heading becomes (e.g. 3 under a page's `h2`).
    pub heading_base: u8,
    /// Label for a table header cell the clerk left empty ("Kolumn"), numbered.
    pub column_label: &'a str,
    /// Name of a table's scroll region ("Tabell"), numbered from `first_table`.
    pub table_label: &'a str,
    /// The number of the first table (tables are numbered across a page).
    pub first_table: usize,
    /// Prefix of ids made here (footnotes), unique per text on a page.
    pub id_prefix: &'a str,
    /// Where a relative link or image of the clerk's points on the site, if
    /// it reaches an attachment (see `model::paths`); others are kept as written.
    pub link: Option<&'a Relink<'a>>,
}

/// Maps a link target the clerk wrote to the one on the site (or `None`: keep it).
pub type Relink<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// The HTML of a Markdown text, and the fenced-code languages it could not highlight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Html {
    pub html: String,
    pub unknown_languages: Vec<String>,
    /// How many tables the text has (to number the next text's tables).
    pub tables: usize,
}

/// The pulldown-cmark options for all clerk text.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// How far the headings of `events` move so that the highest becomes
/// `base` (a page has one `h1`; the clerk's text goes under its headings).
pub fn heading_shift(events: &[Event<'_>], base: u8) -> i16 {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    i16::from(base) - i16::from(top)
}

/// Renders clerk Markdown to safe HTML.
pub fn to_html(markdown: &str, cx: &Context<'_>) -> Html {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let mut rewriter = Rewriter { cx: Some(cx), shift: heading_shift(&events, cx.heading_base), ..Rewriter::default() };
    let events = raw::settle(rewriter.rewrite(events));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Html { html: sanitize(&html), unknown_languages: rewriter.unknown_languages, tables: rewriter.tables }
}

#[derive(Default)]
struct Rewriter<'c> {
    cx: Option<&'c Context<'c>>,
    shift: i16,
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    cell_has_text: bool,
    code: Option<(String, String)>,
    unknown_languages: Vec<String>,
    tables: usize,
    footnotes: Vec<String>,
    /// The level of the last heading written.
    heading: Option<HeadingLevel>,
    /// Block quotes and lists beyond the limit are left out.
    flatten: depth::Flatten,
}

impl<'c> Rewriter<'c> {
    fn rewrite<'e>(&mut self, events: Vec<Event<'e>>) -> Vec<Piece<'e>> {
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            if self.flatten.drops(&e) {
                // A dropped list item still starts on its own: keep its text apart.
                if matches!(e, Event::Start(Tag::Item)) {
                    out.push(Piece::Event(Event::SoftBreak));
                }
                continue;
            }
            self.event(e, &mut out);
        }
        out
    }

    fn event<'e>(&mut self, e: Event<'e>, out: &mut Vec<Piece<'e>>) {
        if let Some((_, code)) = &mut self.code {
            match e {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code(out),
                _ => {}
            }
            return;
        }
        match e {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let level = self.level(level);
                self.heading = Some(level);
                push(out, Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = self.heading.unwrap_or(level);
                push(out, Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Table(al)) => {
                self.alignments = al;
                let (label, n) = self.cx.map_or(("", 0), |c| (c.table_label, c.first_table + self.tables));
                self.tables += 1;
                let open = format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{label} {n}\"><table>"
                );
                push(out, Event::Html(open.into()));
            }
            Event::End(TagEnd::Table) => push(out, Event::Html(CowStr::Borrowed("</tbody></table></div>\n"))),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.relink(dest_url);
                push(out, Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.relink(dest_url);
                push(out, Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::Html(html) => out.push(Piece::Clerk { html, inline: false }),
            Event::InlineHtml(html) => out.push(Piece::Clerk { html, inline: true }),
            Event::FootnoteReference(label) => {
                let (id, n) = self.footnote(&label);
                out.push(Piece::Own(format!("<sup class=\"footnote-reference\"><a href=\"#{id}\">{n}</a></sup>")));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (id, n) = self.footnote(&label);
                let open = format!(
                    "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                );
                push(out, Event::Html(open.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => push(out, Event::Html(CowStr::Borrowed("</div>\n"))),
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                push(out, Event::Html(CowStr::Borrowed("<tr>")));
            }
            Event::End(TagEnd::TableRow) => push(out, Event::Html(CowStr::Borrowed("</tr>\n"))),
            Event::Start(Tag::TableCell) if !self.in_head => {
                self.column += 1;
                let class = align_class(self.alignments.get(self.column - 1));
                push(out, Event::Html(format!("<td{class}>").into()));
            }
            Event::End(TagEnd::TableCell) if !self.in_head => push(out, Event::Html(CowStr::Borrowed("</td>"))),
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.column = 0;
                push(out, Event::Html(CowStr::Borrowed("<thead><tr>")));
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                push(out, Event::Html(CowStr::Borrowed("</tr></thead><tbody>")));
            }
            Event::Start(Tag::TableCell) if self.in_head => {
                self.column += 1;
                self.cell_has_text = false;
                let class = align_class(self.alignments.get(self.column - 1));
                push(out, Event::Html(format!("<th scope=\"col\"{class}>").into()));
            }
            Event::End(TagEnd::TableCell) if self.in_head => {
                if !self.cell_has_text {
                    let label = self.cx.map_or("", |c| c.column_label);
                    push(
                        out,
                        Event::Html(format!("<span class=\"visually-hidden\">{label} {}</span>", self.column).into()),
                    );
                }
                push(out, Event::Html(CowStr::Borrowed("</th>")));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            e @ (Event::Text(_) | Event::Code(_)) => {
                self.cell_has_text |= self.in_head;
                push(out, e);
            }
            e => push(out, e),
        }
    }

    fn relink<'e>(&self, url: CowStr<'e>) -> CowStr<'e> {
        match self.cx.and_then(|c| c.link).and_then(|f| f(&url)) {
            Some(new) => new.into(),
            None => url,
        }
    }

    /// The id and number of a footnote, numbered in order of first appearance.
    fn footnote(&mut self, label: &str) -> (String, usize) {
        let n = match self.footnotes.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(label.to_owned());
                self.footnotes.len()
            }
        };
        let prefix = self.cx.map_or("", |c| c.id_prefix);
        (format!("{prefix}fn-{n}"), n)
    }

    /// The level a heading gets: shifted under the page's heading, and never
    /// more than one below the previous heading (a skipped level is closed up,
    /// so headings stay in order for screen readers).
    fn level(&self, level: HeadingLevel) -> HeadingLevel {
        let base = self.cx.map_or(1, |c| i16::from(c.heading_base));
        let limit = self.heading.map_or(base, |h| h as i16 + 1);
        let n = (level as i16 + self.shift).min(limit).clamp(1, 6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    }

    fn end_code<'e>(&mut self, out: &mut Vec<Piece<'e>>) {
        let Some((lang, code)) = self.code.take() else { return };
        let html = highlight::highlight(&code, &lang);
        if !html.known && !lang.is_empty() {
            self.unknown_languages.push(lang);
        }
        push(out, Event::Html(html.html.into()));
    }
}

/// Adds a Markdown event (or our own block-level HTML) to the rewritten text.
fn push<'e>(out: &mut Vec<Piece<'e>>, e: Event<'e>) {
    out.push(Piece::Event(e));
}

fn align_class(a: Option<&Alignment>) -> &'static str {
    match a {
        Some(Alignment::Left) => " class=\"align-left\"",
        Some(Alignment::Center) => " class=\"align-center\"",
        Some(Alignment::Right) => " class=\"align-right\"",
        _ => "",
    }
}

/// Sanitises the whole HTML of a text: ammonia's safe defaults, plus the
/// attributes our own rewriting adds (raw HTML from the clerk has already
/// lost them in [`raw::settle`]).
pub fn sanitize(html: &str) -> String {
    // Set up once: making ammonia's default allow-list (its sets of tags,
    // attributes and URL schemes) for every text was a fifth of the cost of
    // sanitising it (`docs/performance.md`, finding 36).
    static BUILDER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class", "id"])
            .add_tag_attributes("th", ["scope"])
            .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
            .id_prefix(None);
        b
    });
    BUILDER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> Html {
        to_html(
            md,
            &Context {
                heading_base: 3,
                column_label: "Kolumn",
                table_label: "Tabell",
                first_table: 1,
                id_prefix: "t-",
                link: Some(&|u: &str| (u == "plan.pdf").then(|| "../plan.pdf".to_owned())),
            },
        )
    }

    #[test]
    fn tables_sit_in_numbered_regions() {
        let h = render("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n");
        assert!(h.html.contains("role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1\""), "{}", h.html);
        assert!(h.html.contains("aria-label=\"Tabell 2\""), "{}", h.html);
        assert_eq!(h.tables, 2);
    }

    #[test]
    fn relative_links_are_pointed_at_attachments() {
        let h = render("[plan](plan.pdf) [other](other.pdf) ![k](plan.pdf)").html;
        assert!(h.contains("href=\"../plan.pdf\"") && h.contains("src=\"../plan.pdf\""), "{h}");
        assert!(h.contains("href=\"other.pdf\""), "{h}");
    }

    #[test]
    fn footnotes_link_to_their_ids() {
        let h = render("Se bilagan.[^b1]\n\n[^b1]: Bilaga 1.\n").html;
        assert!(h.contains("href=\"#t-fn-1\""), "{h}");
        assert!(h.contains("id=\"t-fn-1\""), "{h}");
    }

    #[test]
    fn clerk_html_cannot_use_classes_ids_or_roles() {
        let h = render("<p class=\"visually-hidden skip-link\" id=\"main\" role=\"region\">dold</p>\n\ntext <span class=\"x\">y</span>").html;
        for bad in ["visually-hidden", "skip-link", "id=\"main\"", "role=", "class=\"x\""] {
            assert!(!h.contains(bad), "{bad} in {h}");
        }
        assert!(h.contains("dold") && h.contains('y'), "text is kept: {h}");
    }

    #[test]
    fn headings_shift_under_the_page() {
        let h = render("## Ärendet\n\n### Bakgrund\n").html;
        assert!(h.contains("<h3>Ärendet</h3>") && h.contains("<h4>Bakgrund</h4>"), "{h}");
    }

    #[test]
    fn skipped_heading_levels_are_closed_up() {
        let h = render("## A\n\n#### B\n\n###### C\n\n## D\n").html;
        assert!(h.contains("<h3>A</h3>") && h.contains("<h4>B</h4>") && h.contains("<h5>C</h5>"), "{h}");
        assert!(h.contains("<h3>D</h3>"), "{h}");
    }

    #[test]
    fn tables_have_column_headers_even_when_empty() {
        let h = render("| | 2024 |\n|---|--:|\n| Intäkter | 1 234 |\n").html;
        assert!(h.contains("<th scope=\"col\"><span class=\"visually-hidden\">Kolumn 1</span></th>"), "{h}");
        assert!(h.contains("<th scope=\"col\" class=\"align-right\">2024</th>"), "{h}");
        assert!(h.contains("<tbody>") && h.contains("<td"), "{h}");
    }

    #[test]
    fn scripts_and_handlers_never_pass() {
        let h = render("<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a> [b](javascript:alert(2))\n\n<img src=x onerror=alert(3)>").html;
        for bad in ["<script", "javascript:", "onclick", "onerror"] {
            assert!(!h.contains(bad), "{bad} in {h}");
        }
    }

    #[test]
    fn inline_html_keeps_its_elements_and_text() {
        let h = render("Ytan är 12 m<sup>2</sup> och H<sub>2</sub>O, se <a href=\"https://x.se\">kartan</a>.").html;
        assert!(h.contains("m<sup>2</sup>") && h.contains("H<sub>2</sub>O"), "{h}");
        assert!(h.contains("<a href=\"https://x.se\" rel=\"noopener noreferrer\">kartan</a>"), "{h}");
        let h = render("<abbr title=\"Kommunstyrelsen\">KS</abbr> *och* <u>u</u> <kbd>Ctrl</kbd>").html;
        assert!(h.contains("<abbr title=\"Kommunstyrelsen\">KS</abbr> <em>och</em> <u>u</u> <kbd>Ctrl</kbd>"), "{h}");
        // Other elements go, their text stays.
        let h = render("<font color=red>röd</font> <marquee>rullar</marquee> text").html;
        assert!(h.contains("<p>röd rullar text</p>"), "{h}");
    }

    #[test]
    fn our_own_markup_beside_clerk_html_is_kept() {
        let h = render("Se<sup>1</sup> [plan](plan.pdf) ![k](plan.pdf) not[^n] <sup class=\"footnote-reference\">x</sup>\n\n[^n]: Fotnot.\n").html;
        assert!(h.contains("Se<sup>1</sup> <a href=\"../plan.pdf\""), "{h}");
        assert!(h.contains("<img src=\"../plan.pdf\" alt=\"k\">"), "{h}");
        assert!(h.contains("<sup class=\"footnote-reference\"><a href=\"#t-fn-1\""), "{h}");
        assert_eq!(h.matches("footnote-reference").count(), 1, "the clerk's class is gone: {h}");
        // A raw <img> of the clerk's is not on the list.
        let h = render("Bild <img src=\"plan.pdf\" alt=\"x\"> <b>här</b>").html;
        assert!(!h.contains("<img") && h.contains("<b>här</b>"), "{h}");
    }

    #[test]
    fn markdown_emphasis_does_not_count_toward_the_html_limit() {
        let md = format!("{}{}x{}{}", "*a ".repeat(30), "<span>".repeat(30), "</span>".repeat(30), " a*".repeat(30));
        assert_eq!(depth::too_deep(&md), None);
        let h = render(&md).html;
        assert_eq!(h.matches("<span>").count(), 30, "{h}");
        assert_eq!(h.matches("<em>").count(), 30, "{h}");
    }

    #[test]
    fn html_blocks_are_sanitised_whole() {
        let h = render("<div>\n<span lang=\"en\">board</span>\n<p>stycke</p>\n</div>\n\nEfter").html;
        assert!(h.contains("<span lang=\"en\">board</span>") && h.contains("stycke"), "{h}");
        assert!(!h.contains("<div>") && !h.contains("<p>stycke"), "{h}");
    }

    #[test]
    fn deep_nesting_is_flattened_quickly() {
        let started = std::time::Instant::now();
        let h = render(&format!("{}citat", "> ".repeat(5_000))).html;
        assert_eq!(h.matches("<blockquote>").count(), depth::MAX_NESTING, "{}", &h[..200]);
        assert!(h.contains("citat"));
        let h = render(&format!("{}punkt", "- ".repeat(3_000))).html;
        assert_eq!(h.matches("<ul>").count(), depth::MAX_NESTING);
        assert!(h.contains("punkt"));
        let lists: String = (0..3_000).map(|i| format!("{}- p{i}\n", "  ".repeat(i))).collect();
        let h = render(&lists).html;
        assert_eq!(h.matches("<ul>").count(), depth::MAX_NESTING);
        assert!(h.contains("p0") && h.contains("p2999"));
        let h = render(&format!("{}div{}", "<div>".repeat(100_000), "</div>".repeat(100_000))).html;
        assert!(h.contains("div") && !h.contains("<div"), "{}", &h[..h.len().min(200)]);
        let h = render(&format!("text {}span", "<span>".repeat(100_000))).html;
        assert!(h.contains("text span"), "{}", &h[..h.len().min(200)]);
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }

    #[test]
    fn fenced_code_is_highlighted_or_kept() {
        let h = render("```yaml\na: 1\n```\n\n```nosuchlang\n<b>x</b>\n```\n");
        assert!(h.html.contains("hl-"), "{}", h.html);
        assert!(h.html.contains("&lt;b&gt;x&lt;/b&gt;"), "code dropped or unescaped: {}", h.html);
        assert_eq!(h.unknown_languages, vec!["nosuchlang".to_owned()]);
    }
}

/// Markdown already rendered, kept by `serve` from build to build: an edit
/// renders only the texts that changed. Keyed by a SHA-256 of the text and of
/// everything else the HTML depends on (see [`Cache::key`]), so a hit is the
/// same HTML that rendering would give.
#[derive(Debug, Default)]
pub struct Cache {
    map: std::sync::Mutex<std::collections::HashMap<[u8; 32], std::sync::Arc<Html>>>,
}

impl Cache {
    /// Beyond this many texts the cache starts over (a bound on memory).
    const LIMIT: usize = 500_000;

    /// The key of a text and its context, each part length-prefixed so that
    /// no two different lists of parts give the same bytes.
    pub fn key<'a>(parts: impl IntoIterator<Item = &'a str>) -> [u8; 32] {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        h.finalize().into()
    }

    /// The HTML for `key`, made by `make` if it is not kept yet.
    pub fn get_or(&self, key: [u8; 32], make: impl FnOnce() -> Html) -> std::sync::Arc<Html> {
        let lock = || self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hit) = lock().get(&key) {
            return hit.clone();
        }
        let html = std::sync::Arc::new(make());
        let mut map = lock();
        if map.len() >= Self::LIMIT {
            map.clear();
        }
        map.insert(key, html.clone());
        html
    }

    pub fn len(&self) -> usize {
        self.map.lock().map_or(0, |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
