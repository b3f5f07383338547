//! What the problem overlay may show of the sources. The overlay is part of
//! every served page, so anyone who can open the preview reads it (a
//! colleague at the screen, a browser extension, `--bind` on the office
//! network); the clerk's terminal shows everything, the overlay never shows
//! the text of a confidential paragraph beyond what is published of it.
//!
//! Per file of the problems: a confidential paragraph is shown masked (only
//! its public fields and fences; see [`crate::validate::public_parts`]), and
//! a span whose lines hold anything else is hidden: no source lines and no
//! argument that may repeat its text ([`report::Sight::Hidden`]). A paragraph
//! file that could not be parsed, so that its public fields are unknown, is
//! hidden whole if it may be confidential (it mentions `confidential`, or it
//! was not read whole).

use crate::diag::report::{self, Sight};
use crate::diag::{Code, Diagnostics, FileId, Span};
use crate::load::Loaded;
use crate::load::walk::Role;
use std::collections::{HashMap, HashSet};

/// What may be shown of each file that needs care; every other file whole.
#[derive(Debug, Default)]
pub struct Screen {
    files: HashMap<FileId, Seen>,
}

#[derive(Debug)]
enum Seen {
    /// Nothing.
    Hidden,
    /// The text with everything but the public parts blanked, and the text.
    Masked { masked: String, text: String },
}

impl Screen {
    /// The screen for `diags` on `loaded` (only the files they point at are
    /// looked at: after an edit there are usually none or a few).
    pub fn new(loaded: &Loaded, diags: &Diagnostics) -> Screen {
        let mut wanted: HashSet<FileId> = HashSet::new();
        for d in &diags.0 {
            wanted.insert(d.primary.file);
            wanted.extend(d.related.iter().map(|r| r.span.file));
        }
        let mut files = HashMap::new();
        if wanted.is_empty() {
            return Screen { files };
        }
        // Only the wanted files are looked up (by their path's part), not the whole site.
        for &id in &wanted {
            let source = loaded.sources.get(id);
            let text = &source.text;
            let Some(&(_, Role::Paragraph { body, meeting })) = loaded.texts.get(&source.path) else {
                continue;
            };
            let doc = loaded
                .bodies
                .get(body)
                .and_then(|b| b.meetings.get(meeting))
                .and_then(|m| m.paragraphs.iter().find(|d| d.file == id));
            if let Some(doc) = doc {
                if let Some(parts) = crate::validate::public_parts(doc, text) {
                    files.insert(id, Seen::Masked { masked: mask(text, &parts), text: text.clone() });
                }
                continue;
            }
            // A paragraph file the load could not parse.
            let partial =
                diags.0.iter().any(|d| d.primary.file == id && matches!(d.code, Code::NotUtf8 | Code::ReadFailed));
            if partial || text.to_ascii_lowercase().contains("confidential") {
                files.insert(id, Seen::Hidden);
            }
        }
        Screen { files }
    }

    /// Whether every file may be shown whole.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl report::Screen for Screen {
    fn sight(&self, span: Span) -> Sight<'_> {
        match self.files.get(&span.file) {
            None => Sight::Whole,
            Some(Seen::Hidden) => Sight::Hidden,
            Some(Seen::Masked { masked, text }) => {
                // Hidden unless the span's lines are public as written: a
                // comment or a private value beside a public field hides it.
                // The mask keeps every public byte and all whitespace and
                // blanks the rest, so the lines are public exactly when the
                // mask left them as they are.
                let start = masked[..span.start.min(masked.len())].rfind('\n').map_or(0, |i| i + 1);
                let end = span.end.clamp(start, masked.len());
                let end = masked[end..].find('\n').map_or(masked.len(), |i| end + i);
                if masked.get(start..end) == text.get(start..end) { Sight::Masked(masked) } else { Sight::Hidden }
            }
        }
    }
}

/// What a blanked byte becomes (a space: same length, a valid string).
const BLANK: u8 = b' ';

/// `text` with every byte outside `parts` that is not a line end or other
/// whitespace made a [`BLANK`]. Multi-byte characters become as many blanks
/// as they have bytes, so every offset still points at the same place.
fn mask(text: &str, parts: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (i, c) in text.char_indices() {
        let public = parts.iter().any(|r| r.contains(&i));
        if !public && !c.is_whitespace() {
            bytes[i..i + c.len_utf8()].fill(BLANK);
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::report::{human, human_screened};
    use crate::diag::{Diagnostic, SourceFile};
    use crate::i18n::{Catalog, Lang};
    use crate::load::{BodyDir, MeetingDir};

    const SECRET: &str = "---
number: 7
title: Bistånd till Åsa Ek
confidential: 26 kap. 1 § OSL
public_title: Individärende
posted: 2026-11-12 # ringde Åsa
adjusted: 2026-11-11
decision: |
  Beviljas.
---
Hemlig text.
";

    const PUBLIC: &str = "---\nnumber: 8\ntitle: Budget\n---\nText.\n";

    /// Content of three paragraph files: a confidential one, a public one,
    /// and one whose YAML is broken and that mentions `confidential`.
    fn loaded() -> Loaded {
        let mut loaded = Loaded::default();
        let mut meeting = MeetingDir {
            name: "2026-11-09".into(),
            at: FileId(0),
            folder: FileId(0),
            meta: None,
            meta_failed: false,
            paragraphs: Vec::new(),
            failed_paragraphs: Vec::new(),
            unparsed: None,
        };
        let broken = "---\ntitle: [Åsa Ek\nconfidential: OSL\n---\n";
        for (i, (name, text)) in [("07-x.md", SECRET), ("08-y.md", PUBLIC), ("09-z.md", broken)].into_iter().enumerate()
        {
            let rel = format!("ks/2026-11-09/{name}");
            let id = loaded.sources.add(SourceFile::from_text(rel.clone(), text.into()));
            loaded.texts.insert(rel, (id, Role::Paragraph { body: 0, meeting: 0 }));
            if let (Some(doc), _) = crate::load::parse_doc(id, text, true) {
                meeting.paragraphs.push(doc);
            }
            assert_eq!(id, FileId(i as u32));
        }
        assert_eq!(meeting.paragraphs.len(), 2, "the third file does not parse");
        let body =
            BodyDir { slug: "ks".into(), at: FileId(0), meta: None, meta_failed: false, meetings: vec![meeting] };
        loaded.bodies.push(body);
        loaded
    }

    /// A diagnostic at the first occurrence of `what` in file `file`.
    fn at(code: Code, file: u32, what: &str) -> Diagnostic {
        let text = [SECRET, PUBLIC, "---\ntitle: [Åsa Ek\n"][file as usize];
        let start = text.find(what).unwrap();
        Diagnostic::new(code, Span::new(FileId(file), start, start + what.len()))
    }

    fn both(loaded: &Loaded, d: &Diagnostic) -> (String, String) {
        let catalog = Catalog::new(Lang::En);
        let screen = Screen::new(loaded, &Diagnostics(vec![d.clone()]));
        let full = human(d, &loaded.sources, &catalog, false);
        (full, human_screened(d, &loaded.sources, &catalog, false, &screen))
    }

    #[test]
    fn private_fields_of_a_confidential_paragraph_are_never_shown() {
        let loaded = loaded();
        let d =
            at(Code::InvalidValue, 0, "Bistånd till Åsa Ek").arg("value", "Bistånd till Åsa Ek").arg("field", "title");
        let (full, shown) = both(&loaded, &d);
        assert!(full.contains("Åsa Ek") && full.contains("title: Bistånd"), "the terminal shows everything:\n{full}");
        assert!(!shown.contains("Åsa") && !shown.contains("Bistånd"), "{shown}");
        assert!(!shown.contains("Individärende"), "no source lines at all:\n{shown}");
        assert!(shown.contains("E012") && shown.contains("ks/2026-11-09/07-x.md:3:8"), "{shown}");
        assert!(shown.contains("(not shown)") && shown.contains("in a confidential paragraph"), "{shown}");
        // The Markdown text, and a public field with a private comment beside it.
        for what in ["Hemlig text", "2026-11-12", "Beviljas"] {
            let (_, shown) = both(&loaded, &at(Code::DateFormat, 0, what).arg("value", what));
            assert!(!shown.contains(what) && !shown.contains("Åsa"), "{what}:\n{shown}");
        }
    }

    #[test]
    fn public_fields_of_a_confidential_paragraph_show_their_line_alone() {
        let loaded = loaded();
        let d = at(Code::DateNotReal, 0, "2026-11-11").arg("value", "2026-11-11").arg("problem", "day");
        let (_, shown) = both(&loaded, &d);
        assert!(shown.contains("adjusted: 2026-11-11") && shown.contains("2026-11-11"), "{shown}");
        assert!(shown.contains("07-x.md:7:11") && shown.contains("help:"), "{shown}");
        // The lines around it are blank where they are private.
        for private in ["Åsa", "ringde", "decision", "Beviljas", "title:"] {
            assert!(!shown.contains(private), "{private}:\n{shown}");
        }
        // The fences and the other public fields stay as written.
        let (_, shown) = both(&loaded, &at(Code::MissingField, 0, "---").arg("field", "date"));
        assert!(shown.contains("---") && shown.contains("number: 7") && shown.contains("`date`"), "{shown}");
    }

    #[test]
    fn other_files_are_shown_whole_and_broken_ones_that_may_be_confidential_not_at_all() {
        let loaded = loaded();
        let d = at(Code::UnknownField, 1, "title").arg("field", "title").arg("suggestion", "none");
        let (full, shown) = both(&loaded, &d);
        assert_eq!(full, shown);
        let (full, shown) = both(&loaded, &at(Code::YamlSyntax, 2, "[Åsa Ek").arg("kind", "unclosed-bracket"));
        assert!(full.contains("Åsa"), "{full}");
        assert!(
            !shown.contains("Åsa") && shown.contains("09-z.md:2:8") && shown.contains("is never closed"),
            "{shown}"
        );
        // A related place in a confidential file hides the arguments too.
        let d = at(Code::DuplicateNumber, 1, "8")
            .arg("number", "8")
            .arg("other", "Åsa")
            .related(at(Code::DuplicateNumber, 0, "Beviljas").primary, "related-first-here");
        let (_, shown) = both(&loaded, &d);
        assert!(!shown.contains("Åsa") && !shown.contains("Beviljas") && shown.contains("07-x.md:9:3"), "{shown}");
    }
}
