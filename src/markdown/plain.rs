//! Clerk Markdown as plain text (for open data and search), from pulldown-cmark's events (never by pattern):
//! text and code as they are; a soft break is a space, a hard break a new
//! line; paragraphs, headings, lists, code blocks and tables are blocks
//! separated by an empty line; every list item starts its own line with a marker (`•`, or
//! its number in an ordered list), indented two spaces a level (at most
//! [`super::depth::MAX_NESTING`] levels, so a list nested deeper than anything
//! valid cannot make the text grow with the square of its depth); table cells
//! are separated by ` | `. Links and images give their text; raw HTML gives
//! nothing (the pages show it only sanitised, and then as markup); a footnote
//! reference is `[label]`.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// `md` as plain text, without leading or trailing white space; lines end in `\n`.
pub fn plain_text(md: &str) -> String {
    let mut w = Writer::default();
    for event in Parser::new_ext(md, super::options()) {
        w.event(event);
    }
    w.out.trim().to_owned()
}

#[derive(Default)]
struct Writer {
    out: String,
    /// New lines owed before the next text (a block has started).
    pending: Option<usize>,
    /// Open lists: the next number of an ordered one, `None` for a bullet list.
    lists: Vec<Option<u64>>,
    /// A list item's marker was just written: its first paragraph goes on the same line.
    after_marker: bool,
    /// The next table cell is the first of its row.
    first_cell: bool,
}

impl Writer {
    /// A block starts: `lines` new lines before its text (the first request counts).
    fn block(&mut self, lines: usize) {
        if self.pending.is_none() {
            self.pending = Some(lines);
        }
    }

    fn push(&mut self, s: &str) {
        if let Some(lines) = self.pending.take()
            && !self.out.is_empty()
        {
            let keep = self.out.trim_end().len();
            self.out.truncate(keep);
            self.out.push_str(&"\n".repeat(lines));
        }
        self.after_marker = false;
        self.out.push_str(s);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::End(_) => {}
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push(&t),
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push("\n"),
            Event::Rule => self.block(2),
            Event::FootnoteReference(label) => self.push(&format!("[{label}]")),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if !self.after_marker {
                    self.block(2);
                }
            }
            Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.block(2)
            }
            Tag::BlockQuote(_) | Tag::DefinitionList => self.block(2),
            Tag::List(first) => {
                self.block(if self.lists.is_empty() { 2 } else { 1 });
                self.lists.push(first);
            }
            Tag::Item => {
                self.block(1);
                let depth = self.lists.len().saturating_sub(1).min(super::depth::MAX_NESTING);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_owned(),
                };
                self.push(&format!("{}{marker}", "  ".repeat(depth)));
                self.after_marker = true;
            }
            Tag::FootnoteDefinition(label) => {
                self.block(2);
                self.push(&format!("[{label}] "));
                self.after_marker = true;
            }
            Tag::TableHead | Tag::TableRow => {
                self.block(1);
                self.first_cell = true;
            }
            Tag::TableCell => {
                if !self.first_cell {
                    self.push(" | ");
                }
                self.first_cell = false;
            }
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => self.block(1),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn inline_markup_gives_its_text() {
        assert_eq!(
            plain_text("Nämnden *beslutar* att **godkänna** `KS 2026/1`."),
            "Nämnden beslutar att godkänna KS 2026/1."
        );
        assert_eq!(plain_text("Se [planen](bilagor/plan.pdf) och ![kartan](karta.png)."), "Se planen och kartan.");
        assert_eq!(plain_text("~~gammalt~~ nytt"), "gammalt nytt");
    }

    #[test]
    fn breaks_and_paragraphs() {
        assert_eq!(plain_text("en rad\nsamma stycke"), "en rad samma stycke");
        assert_eq!(plain_text("rad ett  \nrad två"), "rad ett\nrad två");
        assert_eq!(plain_text("rad ett\\\nrad två"), "rad ett\nrad två");
        assert_eq!(plain_text("Första.\n\nAndra.\n"), "Första.\n\nAndra.");
        assert_eq!(plain_text("# Rubrik\nText."), "Rubrik\n\nText.");
        assert_eq!(plain_text(""), "");
    }

    #[test]
    fn list_items_on_their_own_lines() {
        assert_eq!(
            plain_text("Nämnden beslutar\n\n- att godkänna\n- att anta\n"),
            "Nämnden beslutar\n\n• att godkänna\n• att anta"
        );
        assert_eq!(plain_text("1. ett\n2. två\n"), "1. ett\n2. två");
        assert_eq!(plain_text("3. tre\n4. fyra\n"), "3. tre\n4. fyra");
        assert_eq!(plain_text("- a\n  - b\n- c"), "• a\n  • b\n• c");
        // A loose list: each item's paragraph stays on the marker's line.
        assert_eq!(plain_text("- a\n\n- b\n\nSlut."), "• a\n• b\n\nSlut.");
        assert_eq!(plain_text("- a\n  fortsättning"), "• a fortsättning");
    }

    #[test]
    fn code_tables_and_html() {
        assert_eq!(plain_text("Före\n\n```\nx = 1\ny = 2\n```\n\nEfter"), "Före\n\nx = 1\ny = 2\n\nEfter");
        assert_eq!(plain_text("| A | B |\n|---|--:|\n| 1 | 2 |\n|   | 4 |\n"), "A | B\n1 | 2\n | 4");
        assert_eq!(plain_text("<b>fet</b> text"), "fet text");
        assert_eq!(plain_text("<div>\nblock\n</div>\n\nText"), "Text");
        assert_eq!(plain_text("> citat\n\nefter"), "citat\n\nefter");
    }

    #[test]
    fn deep_lists_are_indented_at_most_to_the_limit() {
        let text = plain_text(&format!("{}x", "- ".repeat(10_000)));
        assert!(text.len() < 10_000 * (4 + 2 * super::super::depth::MAX_NESTING), "{}", text.len());
        assert!(text.ends_with("• x"));
    }

    #[test]
    fn footnotes() {
        assert_eq!(plain_text("Beslut[^1].\n\n[^1]: Enligt KL.\n"), "Beslut[1].\n\n[1] Enligt KL.");
    }
}
