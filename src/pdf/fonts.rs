//! The fonts of the PDF: DejaVu Sans (regular, bold) and DejaVu Sans Mono,
//! vendored in `src/pdf/fonts/` with their licence (Bitstream Vera / public
//! domain, see `LICENSE` there). krilla embeds a subset of each with a
//! Unicode map; the advance widths here are what line breaking measures.

use std::collections::HashMap;
use std::sync::LazyLock;

const REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");
const MONO: &[u8] = include_bytes!("fonts/DejaVuSansMono.ttf");

/// Characters below this are looked up in an array (Latin, Greek, Cyrillic …).
const DENSE: u32 = 0x2100;

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Mono,
}

/// One font: krilla's handle and the glyph and advance width of every
/// character it maps.
pub struct Face {
    pub font: krilla::text::Font,
    /// Glyph id and advance width (font units) of the characters below
    /// [`DENSE`], by code point; glyph 0 (`.notdef`) where the font has none.
    /// Line breaking and drawing look up every character: an array is
    /// several times faster than hashing (docs/performance.md).
    dense: Vec<(u32, u16)>,
    /// The same for the characters from [`DENSE`] up.
    widths: HashMap<char, (u32, u16)>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        use skrifa::MetadataProvider;
        use skrifa::instance::{LocationRef, Size};
        // The vendored files are known good: a failure here is a broken build, caught by every test.
        let font = krilla::text::Font::new(data.into(), 0).expect("vendored font loads");
        let face = skrifa::FontRef::from_index(data, 0).expect("vendored font parses");
        let metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut dense = vec![(0, 0); DENSE as usize];
        let mut widths = HashMap::new();
        for (c, g) in face.charmap().mappings() {
            let (Some(c), Some(w)) = (char::from_u32(c), metrics.advance_width(g)) else { continue };
            let entry = (g.to_u32(), w.round().clamp(0.0, f32::from(u16::MAX)) as u16);
            match dense.get_mut(c as usize) {
                Some(slot) => *slot = entry,
                None => {
                    widths.insert(c, entry);
                }
            }
        }
        let units_per_em = font.units_per_em();
        Face { font, dense, widths, units_per_em }
    }

    /// The glyph and advance width of `c`, if the font has a glyph for it.
    fn lookup(&self, c: char) -> Option<(u32, u16)> {
        match self.dense.get(c as usize) {
            Some(&(0, _)) => None,
            Some(&entry) => Some(entry),
            None => self.widths.get(&c).copied(),
        }
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.lookup(c).is_some()
    }

    /// The width of `text` at `size` points (kerning ignored: it only narrows).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.lookup(c).map_or(0, |g| g.1))).sum();
        units as f32 * size / self.units_per_em
    }

    /// The glyphs of `text` (made [`drawable`] first), each advanced by its
    /// width: exactly the widths the line breaking measured. Latin text needs
    /// no shaping, and skipping it saves parsing the font for every line.
    pub fn glyphs(&self, text: &str) -> Vec<krilla::text::KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (glyph, width) = self.lookup(c).unwrap_or((0, 0));
                let advance = f32::from(width) / self.units_per_em;
                let range = i..i + c.len_utf8();
                krilla::text::KrillaGlyph::new(krilla::text::GlyphId::new(glyph), advance, 0.0, 0.0, 0.0, range, None)
            })
            .collect()
    }
}

/// The three faces, loaded once per process.
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub mono: Face,
}

impl Fonts {
    pub fn get(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::Mono => &self.mono,
        }
    }
}

pub static FONTS: LazyLock<Fonts> =
    LazyLock::new(|| Fonts { regular: Face::load(REGULAR), bold: Face::load(BOLD), mono: Face::load(MONO) });

/// `text` with what no face can draw replaced, so that the PDF never holds
/// a `.notdef` glyph (PDF/A refuses it): control characters go (tabs become
/// spaces), and a character the face lacks becomes U+FFFD (shown as such).
pub fn drawable(text: &str, style: Style) -> String {
    let face = FONTS.get(style);
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            // Soft hyphen and zero-width characters: no glyph, no width.
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => None,
            c if face.has(c) => Some(c),
            _ => Some('\u{fffd}'),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_and_signs_have_glyphs_in_every_face() {
        for style in [Style::Regular, Style::Bold, Style::Mono] {
            for c in "åäöÅÄÖéüÉÜ§–•\u{fffd}".chars() {
                assert!(FONTS.get(style).has(c), "{style:?} lacks {c}");
            }
        }
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let f = &FONTS.regular;
        assert!(f.width("mm", 11.0) > f.width("m", 11.0));
        assert!((f.width("m", 22.0) - 2.0 * f.width("m", 11.0)).abs() < 0.01);
        assert!(FONTS.bold.width("Beslut", 11.0) > f.width("Beslut", 11.0));
        assert_eq!(f.width("", 11.0), 0.0);
    }

    #[test]
    fn what_cannot_be_drawn_is_replaced() {
        assert_eq!(drawable("a\tb\u{7}c\u{ad}d", Style::Regular), "a bcd");
        // A private-use character has no glyph in DejaVu.
        assert_eq!(drawable("x\u{e000}y", Style::Regular), "x\u{fffd}y");
        assert_eq!(drawable("§ 12 – åäö", Style::Bold), "§ 12 – åäö");
    }
}
