//! Relative links and images in a paragraph's Markdown: `[plan](bilagor/plan.pdf)`
//! means a file beside the meeting, like a document's `file:`. They are
//! resolved here, so the build can copy the files and point the links at them;
//! a link to a file that is not there is a warning (it would 404). A target
//! is decoded once (`Plan%201.pdf` is `Plan 1.pdf`) and found in either
//! Unicode form of its name ([`crate::model::paths`]). A place in a YAML
//! field's text is found in the file ([`super::place`]).

use super::documents::active_extension;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::Loaded;
use crate::model::Markdown;
use crate::model::paths::{decode, file_part, is_relative, join};
use pulldown_cmark::{Event, Parser, Tag};

/// A relative link target in Markdown and where it is (byte range in the text).
pub fn relative_links(markdown: &str) -> Vec<(std::ops::Range<usize>, String)> {
    if !markdown.contains("](") && !markdown.contains("]:") {
        return Vec::new();
    }
    Parser::new_ext(markdown, crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if is_relative(&dest_url) => {
                Some((range, dest_url.into_string()))
            }
            _ => None,
        })
        .collect()
}

/// Resolves the relative links of one text: the attachments they reach (as
/// stored), and warnings for those that reach nothing.
pub fn resolve(
    md: &Markdown,
    meeting_dir: &str,
    loaded: &Loaded,
    outside: &super::outside::Outside,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Span)> {
    let mut found = Vec::new();
    let source = &loaded.sources.get(md.at.file).text;
    for (range, url) in relative_links(&md.text) {
        let start = super::place::span_in_source(md, source, range.start).start;
        let end = super::place::span_in_source(md, source, range.end.saturating_sub(1)).end.max(start);
        let span = Span::new(md.at.file, start, end);
        let target = join(meeting_dir, &decode(file_part(&url))).and_then(|p| loaded.file(&p));
        if let Some(path) = target {
            outside.attachment(path);
        }
        match target {
            Some(path)
                if active_extension(path).is_none() && super::documents::sniffed(&loaded.root.join(path)).is_none() =>
            {
                found.push((path.to_owned(), span))
            }
            // A link to a folder or page (`../3/`) is the clerk's own business.
            _ if file_part(&url).ends_with('/') || !file_part(&url).contains('.') => {}
            _ => diags.push(Diagnostic::new(Code::LinkTargetMissing, span).arg("url", &url)),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets() {
        let md = "Se [planen](bilagor/plan.pdf#s2), [KS](https://x.se), [mejl](mailto:a@b.se), [här](#a) och ![karta](karta.png).";
        let got: Vec<String> = relative_links(md).into_iter().map(|(_, u)| u).collect();
        assert_eq!(got, vec!["bilagor/plan.pdf#s2", "karta.png"]);
        assert_eq!(file_part("bilagor/plan.pdf#s2"), "bilagor/plan.pdf");
    }

    #[test]
    fn targets_are_decoded_once_and_found_in_either_unicode_form() {
        use crate::diag::{SourceFile, SourceMap};
        let text = "Se [a](Plan%201.pdf), [b](Beslut%20f%C3%B6r%20%C3%A5r.pdf#s2), [c](<Yttrande o\u{308}ver.pdf>) och [d](saknas.pdf).";
        let mut sources = SourceMap::default();
        let (file, _) = SourceFile::decode("ks/m/p.md".into(), text.as_bytes());
        let id = sources.add(file);
        let nfd = "ks/m/Beslut fo\u{308}r a\u{30a}r.pdf";
        let files = ["ks/m/Plan 1.pdf", nfd, "ks/m/Yttrande över.pdf"].map(String::from).into();
        let loaded = Loaded { files, sources, ..Loaded::default() };
        let md = Markdown { text: text.to_owned(), at: Span::new(id, 0, text.len()) };
        let mut diags = Vec::new();
        let outside = crate::validate::outside::Outside::new(crate::model::Date::MAX);
        let found: Vec<String> =
            resolve(&md, "ks/m", &loaded, &outside, &mut diags).into_iter().map(|(p, _)| p).collect();
        assert_eq!(found, ["ks/m/Plan 1.pdf", nfd, "ks/m/Yttrande över.pdf"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::LinkTargetMissing);
        assert_eq!(&text[diags[0].primary.start..diags[0].primary.end], "[d](saknas.pdf)");
    }
}
