//! Text as a reader reads it, for the identity-number rule: what the site
//! actually shows of a Markdown text (emphasis, escapes, entities, inline
//! HTML and comments gone, a link's text kept), with look-alike digits and
//! dashes mapped to ASCII and invisible characters dropped — each character
//! mapped back to where it stands in the source, so a hit is reported there.
//!
//! `1912**1212**1212`, `19121212\-1212`, `1912<!-- x -->1212-1212`,
//! `19121212&#45;1212`, `1912<span>1212</span>-1212`, `[1912](u)1212-1212`,
//! a soft hyphen or zero-width space inside, `19121212—1212` and full-width
//! digits all read as 19121212-1212.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Text as read, and where each of its bytes came from in the source.
#[derive(Debug, Default)]
pub struct Read {
    pub text: String,
    /// Where the bytes of `text` come from, in runs: from a run's first
    /// byte on, each character of `text` stands in the source as far after
    /// the run's source offset as it stands after the run's start in `text`
    /// (a text copied as written is one run; a changed character ends one).
    /// One entry per run instead of one per byte: a § of 2 600 bytes read
    /// as one or a few runs, not 20 kB of offsets.
    runs: Vec<Run>,
}

/// A stretch of [`Read::text`] that stands in the source as it is read.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Its first byte in [`Read::text`].
    text: usize,
    /// The source offset of that byte's character.
    source: usize,
}

impl Read {
    fn with_capacity(n: usize) -> Read {
        Read { text: String::with_capacity(n), runs: Vec::new() }
    }

    /// The next byte of `text` comes from source offset `at`: starts a run
    /// unless the last one already leads there.
    fn at(&mut self, at: usize) {
        let t = self.text.len();
        match self.runs.last() {
            Some(run) if run.source + (t - run.text) == at => {}
            _ => self.runs.push(Run { text: t, source: at }),
        }
    }

    /// Appends `c` read from source offset `at` (normalised; invisible
    /// characters are dropped).
    fn push(&mut self, c: char, at: usize) {
        let Some(c) = normalise(c) else { return };
        self.at(at);
        self.text.push(c);
    }

    /// Appends a text that stands at `range` of the source: character by
    /// character at its own offset when the source holds it as written,
    /// else every character at the start of the range (an entity, an escape).
    fn push_text(&mut self, text: &str, range: Range<usize>, source: &str) {
        if source.get(range.clone()) == Some(text) {
            self.push_as_written(text, range.start);
        } else {
            for c in text.chars() {
                self.push(c, range.start);
            }
        }
    }

    /// Appends `text`, which stands as written at source offset `at`: its
    /// ASCII stretches in one piece (every ASCII character reads as
    /// itself), the other characters one by one.
    fn push_as_written(&mut self, text: &str, at: usize) {
        let mut rest = 0;
        while let Some(k) = text.as_bytes()[rest..].iter().position(|b| !b.is_ascii()) {
            // `rest` is a character's start and the bytes up to `i` are
            // ASCII, so `i` starts a character too.
            let i = rest + k;
            self.push_ascii(&text[rest..i], at + rest);
            let Some(c) = text[i..].chars().next() else { break };
            self.push(c, at + i);
            rest = i + c.len_utf8();
        }
        self.push_ascii(&text[rest..], at + rest);
    }

    fn push_ascii(&mut self, ascii: &str, at: usize) {
        if !ascii.is_empty() {
            self.at(at);
            self.text.push_str(ascii);
        }
    }

    /// The source offset of the character byte `i` of [`Read::text`]
    /// belongs to.
    pub fn source_of(&self, i: usize) -> Option<usize> {
        if i >= self.text.len() {
            return None;
        }
        let run = self.runs[self.runs.partition_point(|r| r.text <= i) - 1];
        let mut start = i;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        Some(run.source + (start - run.text))
    }

    /// The source range of `r`, a byte range of [`Read::text`].
    pub fn source_range(&self, r: &Range<usize>, source: &str) -> Range<usize> {
        let start = self.source_of(r.start).unwrap_or(0);
        let last = self.source_of(r.end.saturating_sub(1)).unwrap_or(start);
        let end = last + source.get(last..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        start..end.max(start + 1).min(source.len().max(start + 1))
    }
}

/// A character as a reader takes it: full-width digits are digits,
/// look-alike dashes are `-`, invisible characters are nothing.
pub fn normalise(c: char) -> Option<char> {
    match c {
        // Soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM,
        // invisible times/separator/plus, left-to-right/right-to-left marks.
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}' => None,
        // Full-width digits and the digits of other scripts a keyboard or
        // a PDF copy can bring in read as digits.
        '\u{FF10}'..='\u{FF19}' => char::from_digit(c as u32 - 0xFF10, 10),
        c if !c.is_ascii() && unicode_digit(c).is_some() => unicode_digit(c).and_then(|v| char::from_digit(v, 10)),
        // Dashes and minus signs: hyphen … horizontal bar, small and
        // full-width hyphen-minus, small em dash, minus sign.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{2043}' => Some('-'),
        // Full-width plus.
        '\u{FF0B}' | '\u{FE62}' => Some('+'),
        c => Some(c),
    }
}

/// The value of a decimal digit of another script (Arabic-Indic,
/// Devanagari, mathematical digits …): the code point's offset from the
/// zero of its block of ten.
fn unicode_digit(c: char) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0,
        0x0F20, 0x1040, 0x17E0, 0x1810, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    ];
    let cp = c as u32;
    // Below the first block (Arabic-Indic): Latin letters such as å, ä, ö.
    if cp < ZEROS[0] {
        return None;
    }
    ZEROS.iter().find(|z| (**z..*z + 10).contains(&cp)).map(|z| cp - z)
}

/// Whether `text` has at least ten characters a reader takes for digits
/// (a personnummer has ten or twelve): if not, no reading can find one.
pub fn may_hold_number(text: &str) -> bool {
    let ascii = text.bytes().filter(u8::is_ascii_digit).count();
    if ascii >= 10 {
        return true;
    }
    if text.is_ascii() {
        return false;
    }
    let other = text.chars().filter(|c| !c.is_ascii() && normalise(*c).is_some_and(|d| d.is_ascii_digit())).count();
    ascii + other >= 10
}

/// A plain text (a YAML value) as read.
pub fn plain(text: &str) -> Read {
    let mut r = Read::with_capacity(text.len());
    r.push_as_written(text, 0);
    r
}

/// A Markdown text as the site shows it, as read: text and code, link and
/// image texts (an image's alt text), block boundaries as line breaks.
/// HTML tags and comments are left out (the page does not show them).
pub fn markdown(source: &str) -> Read {
    let mut r = Read::with_capacity(source.len());
    for (event, range) in Parser::new_ext(source, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => r.push_text(&t, range, source),
            // A line break inside a paragraph reads as a space (a number is not continued across it).
            Event::SoftBreak | Event::HardBreak => r.push(' ', range.start),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::CodeBlock(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => r.push('\n', range.start),
            // A footnote's label, a task marker and raw HTML are not read as text.
            _ => {}
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::pnr::find_identity_numbers;

    fn found(md: &str) -> Vec<String> {
        let r = markdown(md);
        find_identity_numbers(&r.text).iter().map(|h| md[r.source_range(h, md)].to_owned()).collect()
    }

    #[test]
    fn disguised_numbers_read_as_numbers_and_point_at_their_source() {
        for md in [
            "Sökande 1912**1212**1212.",
            "Sökande 19121212\\-1212.",
            "Sökande 1912<!-- x -->1212-1212.",
            "Sökande 19121212&#45;1212.",
            "Sökande 1912<span>1212</span>-1212.",
            "Sökande [1912](u)1212-1212.",
            "Sökande 19121212\u{00AD}-1212.",
            "Sökande 1912\u{200B}1212-1212.",
            "Sökande 19121212\u{2060}-1212.",
            "Sökande 19121212\u{2014}1212.",
            "Sökande 19121212\u{FE63}1212.",
            "Sökande 19121212\u{FF0D}1212.",
            "Sökande 19121212&ndash;1212.",
            "Sökande \u{FF11}\u{FF19}\u{FF11}\u{FF12}\u{FF11}\u{FF12}\u{FF11}\u{FF12}-\u{FF11}\u{FF12}\u{FF11}\u{FF12}.",
            "Sökande 19121212\u{FEFF}-1212.",
        ] {
            let hits = found(md);
            assert_eq!(hits.len(), 1, "{md:?}: {hits:?}");
            assert!(hits[0].starts_with('1') || hits[0].starts_with('\u{FF11}'), "{md:?}: {hits:?}");
        }
    }

    #[test]
    fn ordinary_text_is_not_a_number() {
        for md in ["Budget 412 500 000 kr", "Dnr KS 2026/140, § 12", "Tel. 0123-456 00", "[Plan](plan-2026.pdf)"] {
            assert!(found(md).is_empty(), "{md}");
        }
        // Across a line break a number is not continued.
        assert!(found("19121212\n-1212").is_empty());
    }

    #[test]
    fn plain_values_are_normalised_too() {
        let r = plain("Anna 19121212\u{200B}-1212");
        assert_eq!(find_identity_numbers(&r.text).len(), 1);
    }

    mod properties {
        use super::super::*;
        use crate::validate::pnr::find_identity_numbers;
        use proptest::prelude::*;

        /// Valid personnummer: 12 digits with a Luhn check digit over the last ten.
        fn valid() -> impl Strategy<Value = String> {
            (1930u32..2020, 1u32..13, 1u32..29, 0u32..1000).prop_map(|(y, m, d, n)| {
                let body = format!("{:02}{m:02}{d:02}{n:03}", y % 100);
                let sum: u32 = body
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        let v = c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 2 } else { 1 };
                        v / 10 + v % 10
                    })
                    .sum();
                let check = (10 - sum % 10) % 10;
                format!("{y}{m:02}{d:02}{:03}{check}", n).chars().collect::<String>()
            })
        }

        /// One way a reader still reads a number as one.
        fn disguise(number: &str, how: u8, at: usize) -> String {
            let digits: Vec<char> = number.chars().collect();
            let (date, rest) = digits.split_at(8);
            let (date, rest): (String, String) = (date.iter().collect(), rest.iter().collect());
            let cut = 1 + at % 6;
            let (a, b) = date.split_at(cut);
            match how % 9 {
                0 => format!("{a}**{b}**-{rest}"),
                1 => format!("{date}\\-{rest}"),
                2 => format!("{a}<!-- x -->{b}-{rest}"),
                3 => format!("{date}&#45;{rest}"),
                4 => format!("{a}<span>{b}</span>-{rest}"),
                5 => format!("[{a}](u){b}-{rest}"),
                6 => format!("{a}\u{200B}{b}\u{00AD}-{rest}"),
                7 => format!("{date}\u{2014}{rest}"),
                _ => date
                    .chars()
                    .chain(['-'])
                    .chain(rest.chars())
                    .map(|c| match c.to_digit(10) {
                        Some(v) => char::from_u32(0xFF10 + v).unwrap_or(c),
                        None => c,
                    })
                    .collect(),
            }
        }

        /// The reading as first written: one source offset per byte of the
        /// text (what [`Read`]'s runs must give for every byte).
        fn by_byte(source: &str) -> (String, Vec<usize>) {
            let (mut text, mut from) = (String::new(), Vec::new());
            let mut push = |c: char, at: usize| {
                let Some(c) = normalise(c) else { return };
                let before = text.len();
                text.push(c);
                from.extend(std::iter::repeat_n(at, text.len() - before));
            };
            for (event, range) in Parser::new_ext(source, crate::markdown::options()).into_offset_iter() {
                match event {
                    Event::Text(t) | Event::Code(t) => {
                        let exact = source.get(range.clone()) == Some(&*t);
                        for (i, c) in t.char_indices() {
                            push(c, if exact { range.start + i } else { range.start });
                        }
                    }
                    Event::SoftBreak | Event::HardBreak => push(' ', range.start),
                    Event::Start(
                        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::CodeBlock(_),
                    )
                    | Event::End(
                        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
                    ) => push('\n', range.start),
                    _ => {}
                }
            }
            (text, from)
        }

        /// Markdown made of the pieces a reading treats specially.
        fn tricky() -> impl Strategy<Value = String> {
            let pieces = [
                "1912",
                "1212",
                "-",
                "**",
                "\\-",
                "<!-- x -->",
                "&#45;",
                "&ndash;",
                "&amp;",
                "<span>",
                "</span>",
                "[a](u)",
                "\u{200B}",
                "\u{00AD}",
                "\u{2014}",
                "\u{FF11}",
                "\u{0661}",
                "å",
                "ö ",
                " ",
                "\n",
                "\n\n",
                "`k`",
                "# ",
                "- ",
                "| a | b |\n|---|---|\n| 1 | 2 |\n",
                "> ",
                "_",
                "\t",
                "\u{1D7CE}",
            ];
            proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn runs_give_every_byte_the_offset_the_byte_by_byte_reading_gave(md in tricky()) {
                let (text, from) = by_byte(&md);
                let read = markdown(&md);
                prop_assert_eq!(&read.text, &text);
                for (i, at) in from.iter().enumerate() {
                    prop_assert_eq!(read.source_of(i), Some(*at), "byte {} of {:?} in {:?}", i, text, md);
                }
                prop_assert_eq!(read.source_of(text.len()), None);
            }

            #[test]
            fn a_plain_reading_gives_every_byte_its_characters_offset(text in tricky()) {
                let read = plain(&text);
                let mut expected = (String::new(), Vec::new());
                for (i, c) in text.char_indices() {
                    if let Some(c) = normalise(c) {
                        expected.0.push(c);
                        expected.1.extend(std::iter::repeat_n(i, c.len_utf8()));
                    }
                }
                prop_assert_eq!(&read.text, &expected.0);
                for (i, at) in expected.1.iter().enumerate() {
                    prop_assert_eq!(read.source_of(i), Some(*at), "byte {} of {:?}", i, text);
                }
            }

            #[test]
            fn every_disguised_number_is_found_in_the_source(number in valid(), how in 0u8..9, at in 0usize..6) {
                // The plain number is one (the generator is right) …
                prop_assert_eq!(find_identity_numbers(&number).len(), 1, "{}", number);
                let md = format!("Sökande {}, Storgatan 1.", disguise(&number, how, at));
                let read = markdown(&md);
                let hits = find_identity_numbers(&read.text);
                // … and so is every disguise, pointing into the source.
                prop_assert_eq!(hits.len(), 1, "{:?} read as {:?}", md, read.text);
                let r = read.source_range(&hits[0], &md);
                prop_assert!(r.start >= "Sökande ".len() && r.end <= md.len(), "{:?} at {:?}", md, r);
            }
        }
    }
}
