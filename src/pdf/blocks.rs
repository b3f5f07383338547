//! The PDF's own block model, and clerk Markdown turned into it.
//!
//! Markdown is parsed with the site's options ([`crate::markdown::options`])
//! and walked into blocks: headings (shifted under the protocol's own, as on
//! the site), paragraphs (bold kept, emphasis set upright), lists, block
//! quotes, tables, code (monospace), footnotes (numbered "[n]"). Links keep
//! their text and show an absolute address after it in brackets. Raw HTML is
//! dropped (the site shows it only sanitised). An image becomes a tagged
//! Figure with its alt text, drawn as a framed placeholder: the image itself
//! is not embedded. Block quotes, lists and footnote definitions deeper
//! than [`crate::markdown::depth::MAX_NESTING`] are flattened (validation
//! refuses them, E049; a text that was not validated must still not build a
//! tree deeper than the layout and the PDF's structure tree can take).

use super::fonts::Style;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: Style,
    /// Struck through (`~~text~~`): drawn with a line through it.
    pub strike: bool,
}

/// Text with styles; `\n` in a run is a forced line break.
pub type Inline = Vec<Run>;

pub fn plain(text: impl Into<String>) -> Inline {
    vec![Run { text: text.into(), style: Style::Regular, strike: false }]
}

pub fn bold(text: impl Into<String>) -> Inline {
    vec![Run { text: text.into(), style: Style::Bold, strike: false }]
}

/// The text of an inline, without styles.
pub fn text_of(inline: &[Run]) -> String {
    inline.iter().map(|r| r.text.as_str()).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of `level` (1 = the protocol's title); `outline`: an entry in the bookmarks.
    Heading {
        level: u8,
        text: Inline,
        outline: bool,
    },
    Para(Inline),
    /// Preformatted lines, set in monospace.
    Code(String),
    /// A list; `start` is the first number of a numbered list.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Table(Table),
    /// An image: its alt text, and the placeholder shown for it ("Bild: …";
    /// the image itself is not drawn).
    Figure {
        alt: String,
        shown: String,
    },
    /// Blocks in another language than the document's (clerk text on an English site).
    Lang {
        lang: &'static str,
        blocks: Vec<Block>,
    },
    /// A thematic break: a line, an artifact.
    Rule,
}

/// A table: header row (column headers), rows; `facts` for a key–value
/// list (no header row, no rules, the keys as row headers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Option<String>,
    pub head: Vec<Inline>,
    pub rows: Vec<Vec<Cell>>,
    pub facts: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: Inline,
    /// A row header (`TH` with scope Row).
    pub header: bool,
}

impl Cell {
    pub fn data(text: impl Into<String>) -> Cell {
        Cell { text: plain(text), header: false }
    }
    pub fn row_header(text: impl Into<String>) -> Cell {
        Cell { text: bold(text), header: true }
    }
}

/// How Markdown links and images are shown.
pub struct Links<'a> {
    /// The absolute address of a relative link the clerk wrote, if it
    /// reaches a published attachment (else the link shows as text only).
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// "Bild" / "Image": the placeholder's word for an image.
    pub image_label: &'a str,
}

/// Clerk Markdown as blocks; its highest heading becomes `base`.
pub fn markdown(text: &str, base: u8, links: &Links<'_>) -> Vec<Block> {
    let events: Vec<Event<'_>> = Parser::new_ext(text, crate::markdown::options()).collect();
    let mut w = Walker { links, shift: crate::markdown::heading_shift(&events, base), ..Walker::new(links) };
    for e in events {
        w.event(e);
    }
    w.flush();
    while w.stack.len() > 1 {
        w.close();
    }
    let mut blocks = w.stack.pop().map(|f| f.blocks).unwrap_or_default();
    blocks.append(&mut w.footnotes);
    blocks
}

/// A container being filled.
enum Frame {
    Root,
    List { start: Option<u64>, items: Vec<Vec<Block>> },
    Item,
    Quote,
    Footnote(usize),
    Table(Table),
}

struct Open {
    frame: Frame,
    blocks: Vec<Block>,
}

struct Walker<'a> {
    links: &'a Links<'a>,
    shift: i16,
    stack: Vec<Open>,
    /// The inline text being gathered (paragraph, heading, cell, tight item).
    inline: Inline,
    bold: usize,
    strike: usize,
    heading: Option<u8>,
    code: Option<String>,
    /// Inside an image: its alt text so far.
    image: Option<String>,
    /// Link targets shown after the link's text.
    link: Vec<Option<String>>,
    in_head: bool,
    row: Vec<Cell>,
    footnote_numbers: Vec<String>,
    footnotes: Vec<Block>,
    flatten: crate::markdown::depth::Flatten,
}

impl<'a> Walker<'a> {
    fn new(links: &'a Links<'a>) -> Walker<'a> {
        Walker {
            links,
            shift: 0,
            stack: vec![Open { frame: Frame::Root, blocks: Vec::new() }],
            inline: Vec::new(),
            bold: 0,
            strike: 0,
            heading: None,
            code: None,
            image: None,
            link: Vec::new(),
            in_head: false,
            row: Vec::new(),
            footnote_numbers: Vec::new(),
            footnotes: Vec::new(),
            flatten: Default::default(),
        }
    }

    fn push_text(&mut self, text: &str, style: Style) {
        if let Some(alt) = &mut self.image {
            alt.push_str(text);
            return;
        }
        let style = if style == Style::Regular && self.bold > 0 { Style::Bold } else { style };
        let strike = self.strike > 0;
        match self.inline.last_mut() {
            Some(r) if r.style == style && r.strike == strike => r.text.push_str(text),
            _ => self.inline.push(Run { text: text.to_owned(), style, strike }),
        }
    }

    fn push_block(&mut self, b: Block) {
        if let Some(top) = self.stack.last_mut() {
            top.blocks.push(b);
        }
    }

    /// Ends the inline text gathered so far as a paragraph.
    fn flush(&mut self) {
        if self.inline.iter().any(|r| !r.text.trim().is_empty()) {
            let inline = std::mem::take(&mut self.inline);
            self.push_block(Block::Para(inline));
        }
        self.inline.clear();
    }

    fn footnote(&mut self, label: &str) -> usize {
        match self.footnote_numbers.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnote_numbers.push(label.to_owned());
                self.footnote_numbers.len()
            }
        }
    }

    /// Closes the innermost container into its parent.
    fn close(&mut self) {
        self.flush();
        let Some(open) = self.stack.pop() else { return };
        match open.frame {
            Frame::Root => self.stack.push(open),
            Frame::Item => {
                if let Some(Open { frame: Frame::List { items, .. }, .. }) = self.stack.last_mut() {
                    items.push(open.blocks);
                }
            }
            Frame::List { start, items } => self.push_block(Block::List { start, items }),
            Frame::Quote => self.push_block(Block::Quote(open.blocks)),
            Frame::Table(t) => self.push_block(Block::Table(t)),
            Frame::Footnote(n) => {
                let mut blocks = open.blocks;
                match blocks.first_mut() {
                    Some(Block::Para(inline)) => match inline.first_mut() {
                        Some(r) if r.style == Style::Regular && !r.strike => r.text.insert_str(0, &format!("[{n}] ")),
                        _ => inline.insert(0, Run::label(format!("[{n}] "))),
                    },
                    _ => blocks.insert(0, Block::Para(vec![Run::label(format!("[{n}]"))])),
                }
                self.footnotes.extend(blocks);
            }
        }
    }

    fn event(&mut self, e: Event<'_>) {
        if let Some(code) = &mut self.code {
            match e {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code.take().unwrap_or_default();
                    self.push_block(Block::Code(code.trim_end_matches('\n').to_owned()));
                }
                _ => {}
            }
            return;
        }
        if self.flatten.drops(&e) {
            // Its text goes on in the container around it, as a paragraph of its own.
            self.flush();
            return;
        }
        match e {
            Event::Start(Tag::Paragraph) => self.flush(),
            Event::End(TagEnd::Paragraph) => self.flush(),
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                let level = (i16::from(level as u8) + self.shift).clamp(1, 9) as u8;
                self.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = std::mem::take(&mut self.inline);
                let level = self.heading.take().unwrap_or(4);
                if !text_of(&text).trim().is_empty() {
                    self.push_block(Block::Heading { level, text, outline: false });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush();
                self.stack.push(Open { frame: Frame::Quote, blocks: Vec::new() });
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.stack.push(Open { frame: Frame::List { start, items: Vec::new() }, blocks: Vec::new() });
            }
            Event::Start(Tag::Item) => {
                self.flush();
                self.stack.push(Open { frame: Frame::Item, blocks: Vec::new() });
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.flush();
                let n = self.footnote(&label);
                self.stack.push(Open { frame: Frame::Footnote(n), blocks: Vec::new() });
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition) => {
                self.close()
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                self.code = Some(String::new());
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.stack.push(Open { frame: Frame::Table(Table::default()), blocks: Vec::new() });
            }
            Event::End(TagEnd::Table) => self.close(),
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                let row = std::mem::take(&mut self.row);
                if let Some(Open { frame: Frame::Table(t), .. }) = self.stack.last_mut() {
                    t.head = row.into_iter().map(|c| c.text).collect();
                }
            }
            Event::Start(Tag::TableRow) => self.row.clear(),
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut self.row);
                if let Some(Open { frame: Frame::Table(t), .. }) = self.stack.last_mut() {
                    t.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => self.inline.clear(),
            Event::End(TagEnd::TableCell) => {
                let mut text = std::mem::take(&mut self.inline);
                if self.in_head {
                    for r in &mut text {
                        r.style = if r.style == Style::Mono { Style::Mono } else { Style::Bold };
                    }
                }
                self.row.push(Cell { text, header: false });
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let shown = if dest_url.contains("://") || dest_url.starts_with("mailto:") {
                    Some(dest_url.to_string())
                } else if dest_url.starts_with('#') {
                    None
                } else {
                    (self.links.resolve)(&dest_url)
                };
                self.link.push(shown);
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = self.link.pop() {
                    let shown = url.strip_prefix("mailto:").unwrap_or(&url).to_owned();
                    let text = self.inline.last().map(|r| r.text.trim_end().to_owned()).unwrap_or_default();
                    if !text.ends_with(&shown) {
                        self.push_text(&format!(" ({shown})"), Style::Regular);
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => self.image = Some(String::new()),
            Event::End(TagEnd::Image) => {
                let alt = self.image.take().unwrap_or_default();
                let alt = alt.trim();
                let alt = if alt.is_empty() { self.links.image_label.to_owned() } else { alt.to_owned() };
                self.flush();
                let shown = format!("[{}: {alt}]", self.links.image_label);
                self.push_block(Block::Figure { alt, shown });
            }
            Event::Text(t) => self.push_text(&t, Style::Regular),
            Event::Code(t) => self.push_text(&t, Style::Mono),
            Event::SoftBreak => self.push_text(" ", Style::Regular),
            Event::HardBreak => self.push_text("\n", Style::Regular),
            Event::FootnoteReference(label) => {
                let n = self.footnote(&label);
                self.push_text(&format!("[{n}]"), Style::Regular);
            }
            Event::Rule => {
                self.flush();
                self.push_block(Block::Rule);
            }
            // Raw HTML is dropped; the rest (math, task markers …) is not enabled.
            _ => {}
        }
    }
}

impl Run {
    fn label(text: String) -> Run {
        Run { text, style: Style::Regular, strike: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Vec<Block> {
        let resolve = |url: &str| (url == "bilaga.pdf").then(|| "https://x.se/ks/bilaga.pdf".to_owned());
        markdown(text, 4, &Links { resolve: &resolve, image_label: "Bild" })
    }

    #[test]
    fn headings_shift_under_the_base() {
        let b = md("## Bakgrund\n\ntext\n\n### Detalj\n");
        assert_eq!(b[0], Block::Heading { level: 4, text: plain("Bakgrund"), outline: false });
        assert_eq!(b[1], Block::Para(plain("text")));
        assert_eq!(b[2], Block::Heading { level: 5, text: plain("Detalj"), outline: false });
    }

    #[test]
    fn paragraphs_keep_bold_and_strike_and_code() {
        let b = md("Ett **viktigt** ~~gammalt~~ `kod` ord");
        let Block::Para(runs) = &b[0] else { panic!("{b:?}") };
        let styles: Vec<(&str, Style, bool)> = runs.iter().map(|r| (r.text.as_str(), r.style, r.strike)).collect();
        assert_eq!(
            styles,
            [
                ("Ett ", Style::Regular, false),
                ("viktigt", Style::Bold, false),
                (" ", Style::Regular, false),
                ("gammalt", Style::Regular, true),
                (" ", Style::Regular, false),
                ("kod", Style::Mono, false),
                (" ord", Style::Regular, false)
            ]
        );
    }

    #[test]
    fn lists_nest_and_keep_their_numbers() {
        let b = md("3. ett\n4. två\n   - a\n   - b\n");
        let Block::List { start: Some(3), items } = &b[0] else { panic!("{b:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], vec![Block::Para(plain("ett"))]);
        assert_eq!(items[1][0], Block::Para(plain("två")));
        let Block::List { start: None, items: inner } = &items[1][1] else { panic!("{:?}", items[1]) };
        assert_eq!(inner.len(), 2);
    }

    #[test]
    fn tables_have_a_bold_header_row_and_cells() {
        let b = md("| Post | Belopp |\n|---|--:|\n| Skola | 12 |\n| Vård | |\n");
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(t.head, vec![bold("Post"), bold("Belopp")]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1].text, plain("12"));
        assert!(t.rows[1][1].text.is_empty());
    }

    #[test]
    fn links_show_their_address_raw_html_goes_and_images_become_figures() {
        let b = md(
            "Se [webben](https://ex.se/a) och [bilagan](bilaga.pdf) och [intern](intern.pdf).\n\n<div>x</div>\n\n![Karta över Ängen](karta.png)",
        );
        assert_eq!(
            b[0],
            Block::Para(plain("Se webben (https://ex.se/a) och bilagan (https://x.se/ks/bilaga.pdf) och intern."))
        );
        assert_eq!(b[1], Block::Figure { alt: "Karta över Ängen".into(), shown: "[Bild: Karta över Ängen]".into() });
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn footnotes_are_numbered_and_come_last() {
        let b = md("Text[^a].\n\n[^a]: Källa.\n\nMer.");
        assert_eq!(b[0], Block::Para(plain("Text[1].")));
        assert_eq!(b[1], Block::Para(plain("Mer.")));
        assert_eq!(b[2], Block::Para(plain("[1] Källa.")));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        fn depth(blocks: &[Block]) -> usize {
            // Iteratively: the deepest chain of quotes and lists.
            let mut deepest = 0;
            let mut stack: Vec<(&Block, usize)> = blocks.iter().map(|b| (b, 1)).collect();
            while let Some((b, d)) = stack.pop() {
                deepest = deepest.max(d);
                match b {
                    Block::Quote(inner) | Block::Lang { blocks: inner, .. } => {
                        stack.extend(inner.iter().map(|b| (b, d + 1)))
                    }
                    Block::List { items, .. } => stack.extend(items.iter().flatten().map(|b| (b, d + 1))),
                    _ => {}
                }
            }
            deepest
        }
        let b = md(&format!("{}citat", "> ".repeat(5_000)));
        assert_eq!(depth(&b), crate::markdown::depth::MAX_NESTING + 1);
        let lists: String = (0..3_000).map(|i| format!("{}- p{i}\n", "  ".repeat(i))).collect();
        let b = md(&lists);
        assert_eq!(depth(&b), crate::markdown::depth::MAX_NESTING + 1);
        let text = format!("{b:?}");
        assert!(text.contains("p0") && text.contains("p2999"));
        let b = md(&"[^a]: > ".repeat(3_000));
        assert!(depth(&b) <= crate::markdown::depth::MAX_NESTING + 1);
    }

    #[test]
    fn code_blocks_keep_their_lines() {
        let b = md("```\nrad 1\n  rad 2\n```\n");
        assert_eq!(b[0], Block::Code("rad 1\n  rad 2".into()));
    }
}
