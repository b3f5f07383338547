//! Fenced code in Markdown text: a language the highlighter does not know is
//! shown as plain text, and the clerk is told (never is code dropped).

use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Doc, Loaded};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

/// Warns about each fenced block in `doc`'s Markdown whose language is unknown.
pub fn check_fences(doc: &Doc, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let text = &loaded.sources.get(doc.file).text;
    let body = text.get(doc.body.start..doc.body.end).unwrap_or_default();
    if !body.contains("```") && !body.contains("~~~") {
        return;
    }
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            let lang = info.split_whitespace().next().unwrap_or("");
            if !lang.is_empty() && !crate::markdown::highlight::is_known(lang) {
                let at = doc.body.start + range.start;
                let d = Diagnostic::new(Code::UnknownCodeLanguage, Span::new(doc.file, at, at + 3)).arg("lang", lang);
                diags.push(d);
            }
        }
    }
}
