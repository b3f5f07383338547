//! Relative links and images in a paragraph's Markdown: `[plan](bilagor/plan.pdf)`
//! means a file beside the meeting, like a document's `file:`. They are
//! resolved here, so the build can copy the files and point the links at them;
//! a link to a file that is not there is a warning (it would 404).

use super::documents::active_extension;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::Loaded;
use crate::model::paths::{file_part, is_relative, join};
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

/// Resolves the relative links of one text (at byte `base` of file `span.file`):
/// the attachments they reach, and warnings for those that reach nothing.
pub fn resolve(
    text: &str,
    at: Span,
    meeting_dir: &str,
    loaded: &Loaded,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Span)> {
    let mut found = Vec::new();
    for (range, url) in relative_links(text) {
        let span = Span::new(at.file, at.start + range.start, at.start + range.end);
        let target = join(meeting_dir, file_part(&url));
        match target {
            Some(path)
                if loaded.files.contains(&path)
                    && active_extension(&path).is_none()
                    && super::documents::sniffed(&loaded.root.join(&path)).is_none() =>
            {
                found.push((path, span))
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
}
