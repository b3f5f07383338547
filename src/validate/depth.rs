//! Markdown nested too deep to publish (E049): more block quotes, lists and
//! footnote definitions inside each other than
//! [`crate::markdown::depth::MAX_NESTING`], or more raw HTML elements than
//! [`crate::markdown::depth::MAX_HTML_NESTING`]. No protocol needs that
//! much; a text that does is pasted or generated, and would cost the PDF's
//! layout and the HTML sanitiser more than a build can spend (the renderers
//! flatten it anyway, so the text would not look as written either). Only
//! the first place of each text is reported: one deep text crosses the
//! limit once, and the clerk fixes it there.

use super::place::span_in_source;
use crate::diag::{Code, Diagnostic};
use crate::load::Loaded;
use crate::markdown::depth::too_deep;
use crate::model::Markdown;

/// Reports where `md` first nests past a limit, if it does.
pub fn check(md: &Markdown, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let Some(found) = too_deep(&md.text) else { return };
    let source = &loaded.sources.get(md.at.file).text;
    let span = span_in_source(md, source, found.offset);
    let d =
        Diagnostic::new(Code::MarkdownTooDeep, span).arg("kind", found.kind.word()).arg("limit", found.kind.limit());
    diags.push(d);
}
