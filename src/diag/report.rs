//! Printing diagnostics: for people through miette (source line and caret),
//! for tools as JSON lines. Both take their text from the message catalogue.

use super::{Diagnostic, Severity, SourceMap, Span};
use crate::i18n::Catalog;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;
use std::fmt;

/// A place in the content, as people and tools read it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Place {
    /// Path relative to the content folder.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode characters.
    pub column: usize,
}

impl Place {
    pub fn of(sources: &SourceMap, span: Span) -> Place {
        let f = sources.get(span.file);
        let (line, column) = f.line_col(span.start);
        Place { file: f.path.clone(), line, column }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// The words of one diagnostic in the reader's language.
struct Words {
    message: String,
    help: String,
}

fn words(d: &Diagnostic, catalog: &Catalog) -> Words {
    let id = d.code.id();
    Words { message: catalog.get(id, &d.args), help: catalog.get(&format!("{id}-help"), &d.args) }
}

/// Arguments that the program itself supplies (schema names, limits, kinds
/// that select a wording), never text copied from the content. Every other
/// argument (a value, a key, a file name, a parser's reason) may repeat what
/// the clerk wrote, so it is left out where the source may not be shown.
/// (`suggestion` is always one of the names the program knows.)
const OWN_ARGS: &[&str] = &[
    "kind",
    "problem",
    "in",
    "reserved",
    "of",
    "expected",
    "known",
    "allowed",
    "min",
    "example",
    "days",
    "limit",
    "suggestion",
    "via",
    "count",
    "indent",
    "expected_indent",
];

/// What a reader may see of the source around a span (see [`human_screened`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight<'a> {
    /// The file's text as it is.
    Whole,
    /// This text in its place: the file's, with what may not be shown
    /// blanked (same length, same lines, so places and carets stay right).
    Masked(&'a str),
    /// Nothing of the file: no source lines, and no argument that may repeat
    /// the content in the message.
    Hidden,
}

/// Decides what may be shown of the source around each span.
pub trait Screen {
    fn sight(&self, span: Span) -> Sight<'_>;
}

/// Everything may be shown (the clerk's own terminal).
struct Open;

impl Screen for Open {
    fn sight(&self, _: Span) -> Sight<'_> {
        Sight::Whole
    }
}

/// One report for miette's graphical handler: a message with a code and a
/// severity, and one labelled place. Help texts and related places are added
/// by [`human`] (miette labels them in English: "help", "Advice").
#[derive(Debug)]
struct Shown {
    message: String,
    code: &'static str,
    severity: miette::Severity,
    source: NamedSource<String>,
    label: Option<LabeledSpan>,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label.clone().map(|l| Box::new(std::iter::once(l)) as _)
    }
}

/// A source snippet around `span`, named `file:line:col` (columns in
/// characters: miette's own count is in bytes, so we name the place ourselves).
/// `marker` is shown at the span's start (for a file that is not UTF-8, where
/// the text stops at the bad byte).
/// `text` is what may be shown of the file (see [`Sight`]).
fn snippet(
    sources: &SourceMap,
    span: Span,
    text: &str,
    marker: Option<char>,
) -> (NamedSource<String>, Option<LabeledSpan>) {
    let place = Place::of(sources, span);
    let mut text = text.to_owned();
    let start = span.start.min(text.len());
    let mut len = span.end.clamp(start, text.len()) - start;
    if let Some(c) = marker {
        text.truncate(start);
        text.push(c);
        len = c.len_utf8();
    }
    let (text, start, len) = window(text, start, len);
    let label = (!text.is_empty()).then(|| LabeledSpan::underline(start..start + len));
    (NamedSource::new(place.to_string(), text), label)
}

/// The most bytes of one line a snippet shows: longer lines (a pasted text,
/// thousands of tags on one line) are cut around the span, so the snippet
/// stays readable and within what the report renderer can lay out.
const LONGEST_LINE: usize = 400;

/// `text` cut to the part of the span's line around it when that line is
/// longer than [`LONGEST_LINE`]; the span's start and length in the result.
fn window(text: String, start: usize, len: usize) -> (String, usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if line_end - line_start <= LONGEST_LINE {
        return (text, start, len);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(LONGEST_LINE / 2).max(line_start));
    let len = len.min(LONGEST_LINE / 2).min(line_end.saturating_sub(start));
    let to = floor((start + len + LONGEST_LINE / 2).min(line_end));
    let len = floor(start + len).saturating_sub(start);
    let (before, after) = (if from > line_start { "…" } else { "" }, if to < line_end { "…" } else { "" });
    let cut = format!("{before}{}{after}", &text[from..to]);
    (cut, before.len() + start - from, len)
}

fn shown(
    message: String,
    code: &'static str,
    severity: miette::Severity,
    sources: &SourceMap,
    (span, sight): (Span, Sight<'_>),
    marker: Option<char>,
) -> Shown {
    let text = match sight {
        Sight::Whole => sources.get(span.file).text.as_str(),
        Sight::Masked(text) => text,
        Sight::Hidden => "",
    };
    let (source, label) = snippet(sources, span, text, marker);
    // A folder or an unread file has no text to show: name it in the message.
    let message = if label.is_none() { format!("{}: {message}", Place::of(sources, span)) } else { message };
    Shown { message, code, severity, source, label }
}

/// Renders one diagnostic for a person: the place, the source line with a
/// caret, what is wrong and how to fix it.
pub fn human(d: &Diagnostic, sources: &SourceMap, catalog: &Catalog, color: bool) -> String {
    human_screened(d, sources, catalog, color, &Open)
}

/// Like [`human`], showing of the source only what `screen` allows. Where a
/// span is [`Sight::Hidden`], the report is the code, the place and the
/// message with the content's own words left out, and a note that says why
/// (no source lines, no help: help texts repeat the arguments).
pub fn human_screened(
    d: &Diagnostic,
    sources: &SourceMap,
    catalog: &Catalog,
    color: bool,
    screen: &dyn Screen,
) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_context_lines(1)
        .with_wrap_lines(false);
    let primary = (d.primary, screen.sight(d.primary));
    let related: Vec<_> = d.related.iter().map(|r| (r, screen.sight(r.span))).collect();
    let hidden = primary.1 == Sight::Hidden || related.iter().any(|(_, s)| *s == Sight::Hidden);
    let args: Vec<(&str, String)> = if hidden {
        let left_out = catalog.text("overlay-left-out");
        d.args.iter().map(|(k, v)| (*k, if OWN_ARGS.contains(k) { v.clone() } else { left_out.clone() })).collect()
    } else {
        d.args.clone()
    };
    let id = d.code.id();
    let severity = match d.severity() {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let marker = (d.code == super::Code::NotUtf8).then_some('\u{FFFD}');
    let mut out = String::new();
    let main = shown(catalog.get(id, &args), d.code.code(), severity, sources, primary, marker);
    render(&handler, &main, &mut out);
    if hidden {
        out.push_str(&format!("  {}\n", catalog.text("overlay-confidential-note")));
    } else {
        out.push_str(&format!("  {}: {}\n", catalog.text("help-label"), catalog.get(&format!("{id}-help"), &args)));
    }
    for (r, sight) in related {
        let related =
            shown(catalog.get(r.message, &args), "", miette::Severity::Advice, sources, (r.span, sight), None);
        render(&handler, &related, &mut out);
    }
    out
}

fn render(handler: &GraphicalReportHandler, shown: &Shown, out: &mut String) {
    if handler.render_report(out, shown).is_err() {
        // Rendering into a String cannot fail in practice; say it plainly anyway.
        out.push_str(&format!("{}\n", shown.message));
    }
}

/// One diagnostic as a JSON object (one line of `--message-format json`).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub severity: &'static str,
    pub code: &'static str,
    #[serde(flatten)]
    pub place: Place,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub help: String,
    pub related: Vec<JsonRelated>,
}

#[derive(Debug, Serialize)]
pub struct JsonRelated {
    #[serde(flatten)]
    pub place: Place,
    pub message: String,
}

pub fn json(d: &Diagnostic, sources: &SourceMap, catalog: &Catalog) -> String {
    let w = words(d, catalog);
    let end = Place::of(sources, Span { start: d.primary.end, ..d.primary });
    let value = JsonDiagnostic {
        kind: "diagnostic",
        severity: match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code: d.code.code(),
        place: Place::of(sources, d.primary),
        end_line: end.line,
        end_column: end.column,
        message: w.message,
        help: w.help,
        related: d
            .related
            .iter()
            .map(|r| JsonRelated { place: Place::of(sources, r.span), message: catalog.get(r.message, &d.args) })
            .collect(),
    };
    serde_json::to_string(&value).unwrap_or_default()
}
