//! Diagnostics: what is wrong in `content/`, where, and how to fix it.
//!
//! A [`Diagnostic`] is data: a [`Code`], a primary [`Span`], message
//! arguments and related places. Text is made only when reporting, from the
//! message catalogue (`i18n/`), in the reader's language; the code and
//! `file:line:col` are the same in every language.

mod codes;
pub mod report;
mod source;
pub mod suggest;

pub use codes::{Code, Severity};
pub use source::{FileId, NotUtf8, SourceFile, SourceMap, Span, renumbering};

/// One problem in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    /// Where the problem is (for a folder: an empty span of its entry).
    pub primary: Span,
    /// Named arguments of the message and help text, always strings (so no
    /// locale-dependent number formatting sneaks into a date or a §-number).
    pub args: Vec<(&'static str, String)>,
    /// Other places that explain the problem (the first of two duplicates).
    pub related: Vec<Related>,
}

/// A second place a diagnostic points at, with its own message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    /// Message id in the catalogue, e.g. `related-first-here`.
    pub message: &'static str,
}

impl Diagnostic {
    pub fn new(code: Code, primary: Span) -> Diagnostic {
        Diagnostic { code, primary, args: Vec::new(), related: Vec::new() }
    }

    /// Adds a message argument.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Diagnostic {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn related(mut self, span: Span, message: &'static str) -> Diagnostic {
        self.related.push(Related { span, message });
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Every diagnostic of a run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorts by file path, line, column and code: the order a clerk reads them.
    pub fn sort(&mut self, sources: &SourceMap) {
        self.0.sort_by(|a, b| {
            let fa = sources.get(a.primary.file);
            let fb = sources.get(b.primary.file);
            (fa.path.as_str(), a.primary.start, a.code)
                .cmp(&(fb.path.as_str(), b.primary.start, b.code))
                .then_with(|| a.args.cmp(&b.args))
        });
        self.0.dedup();
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
