//! Reading typed fields out of a YAML mapping, reporting every problem
//! (missing, unknown, wrong type, bad date) with its exact place instead of
//! stopping at the first, as a serde derive would.

use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Node, Value};
use jiff::civil::Date;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    /// The value itself.
    pub span: Span,
    /// The key (`removal:`): rule errors about the field point here.
    pub key: Span,
}

/// The fields of one mapping, read one by one; [`Fields::finish`] reports
/// those nobody asked for.
pub struct Fields<'a, 'd> {
    entries: &'a [(Node, Node)],
    known: &'static [&'static str],
    used: Vec<bool>,
    head: Span,
    pub diags: &'d mut Vec<Diagnostic>,
}

const NO_ENTRIES: &[(Node, Node)] = &[];

/// The most characters a one-line field may have: a title or name this
/// long is a pasted text, and PDF strings (bookmarks, metadata) have a limit.
pub const MAX_LINE: usize = 1000;

impl<'a, 'd> Fields<'a, 'd> {
    /// Reads `node` as a mapping with the `known` field names. An empty node
    /// is an empty mapping; anything else is reported and read as empty.
    /// `head` is where "missing field" points when there is no mapping.
    pub fn new(
        node: Option<&'a Node>,
        head: Span,
        name: &str,
        known: &'static [&'static str],
        diags: &'d mut Vec<Diagnostic>,
    ) -> Fields<'a, 'd> {
        let entries = match node {
            Some(Node { value: Value::Map(entries), .. }) => entries.as_slice(),
            Some(Node { value: Value::Null, .. }) | None => NO_ENTRIES,
            Some(other) => {
                diags.push(shape(other, name, "mapping"));
                NO_ENTRIES
            }
        };
        Fields { entries, known, used: vec![false; entries.len()], head, diags }
    }

    /// The value of `name`, marking it used; `None` when absent or empty.
    pub fn get(&mut self, name: &str) -> Option<(&'a Node, Span)> {
        let i = self.entries.iter().position(|(k, _)| k.text() == Some(name))?;
        self.used[i] = true;
        let (k, v) = &self.entries[i];
        (v.value != Value::Null).then_some((v, k.span))
    }

    /// Where the key `name` is written, even with an empty value.
    pub fn key(&self, name: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _)| k.text() == Some(name)).map(|(k, _)| k.span)
    }

    /// Reports that `name` is missing.
    pub fn missing(&mut self, name: &str) {
        self.diags.push(Diagnostic::new(Code::MissingField, self.head).arg("field", name));
    }

    /// A text field, trimmed; empty text counts as absent.
    /// A text on one line (a title, a name, a date's text …): a line break
    /// inside (a YAML block scalar) or more than [`MAX_LINE`] characters is
    /// an error here, not a failure of the PDF later.
    pub fn text(&mut self, name: &str) -> Option<Spanned<String>> {
        let value = self.any_text(name)?;
        self.one_line(name, &value.value, value.span);
        Some(value)
    }

    /// A text that may run over several lines in the file (a reason, a
    /// correction): its line breaks are read as spaces.
    pub fn folded_text(&mut self, name: &str) -> Option<Spanned<String>> {
        let value = self.any_text(name)?;
        let folded = value.value.split_whitespace().collect::<Vec<_>>().join(" ");
        self.one_line(name, &folded, value.span);
        Some(Spanned { value: folded, ..value })
    }

    fn any_text(&mut self, name: &str) -> Option<Spanned<String>> {
        let (node, key) = self.get(name)?;
        match &node.value {
            Value::Text { text, .. } if text.trim().is_empty() => None,
            Value::Text { text, .. } => Some(Spanned { value: text.trim().to_owned(), span: node.span, key }),
            _ => {
                self.diags.push(wrong_type(node.span, name, "text"));
                None
            }
        }
    }

    fn one_line(&mut self, name: &str, value: &str, span: Span) {
        if value.contains('\n') {
            self.diags.push(Diagnostic::new(Code::LineBreakInField, span).arg("field", name));
        } else if value.chars().count() > MAX_LINE {
            let d = Diagnostic::new(Code::FieldTooLong, span)
                .arg("field", name)
                .arg("length", value.chars().count())
                .arg("max", MAX_LINE);
            self.diags.push(d);
        }
    }

    pub fn required_text(&mut self, name: &str) -> Option<Spanned<String>> {
        self.required(name, |f| f.text(name))
    }

    /// Reads a required field with `read`: if it gives nothing and reported
    /// nothing (absent, empty or `~`), the field is reported as missing.
    pub fn required<T>(&mut self, name: &str, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.diags.len();
        let v = read(self);
        if v.is_none() && self.diags.len() == before {
            self.missing(name);
        }
        v
    }

    /// A Markdown field: kept as written (trailing blank lines removed).
    pub fn markdown(&mut self, name: &str) -> Option<Spanned<String>> {
        let (node, key) = self.get(name)?;
        match &node.value {
            Value::Text { text, .. } if text.trim().is_empty() => None,
            Value::Text { text, .. } => Some(Spanned { value: text.trim_end().to_owned(), span: node.span, key }),
            _ => {
                self.diags.push(wrong_type(node.span, name, "text"));
                None
            }
        }
    }

    /// A list of text; a single text is a list of one.
    pub fn text_list(&mut self, name: &str) -> Vec<String> {
        let Some((node, _)) = self.get(name) else { return Vec::new() };
        let items = match &node.value {
            Value::List(items) => items.as_slice(),
            Value::Text { .. } => std::slice::from_ref(node),
            _ => &[],
        };
        let mut out = Vec::new();
        for item in items {
            match &item.value {
                Value::Text { text, .. } if !text.trim().is_empty() => {
                    self.one_line(name, text.trim(), item.span);
                    out.push(text.trim().to_owned())
                }
                Value::Text { .. } | Value::Null => {}
                _ => self.diags.push(wrong_type(item.span, name, "list")),
            }
        }
        if matches!(node.value, Value::Map(_)) {
            self.diags.push(wrong_type(node.span, name, "list"));
        }
        out
    }

    /// A date `YYYY-MM-DD` that exists in the calendar.
    pub fn date(&mut self, name: &str) -> Option<Spanned<Date>> {
        let s = self.text(name)?;
        match parse_date(&s.value) {
            Ok(d) => Some(Spanned { value: d, span: s.span, key: s.key }),
            Err(d) => {
                self.diags.push(d.at(s.span, &s.value));
                None
            }
        }
    }

    pub fn required_date(&mut self, name: &str) -> Option<Spanned<Date>> {
        self.required(name, |f| f.date(name))
    }

    /// A whole number at least `min`.
    pub fn number(&mut self, name: &'static str, min: u32, example: u32) -> Option<Spanned<u32>> {
        let s = self.text(name)?;
        match s.value.parse::<u32>() {
            Ok(n) if n >= min => Some(Spanned { value: n, span: s.span, key: s.key }),
            _ => {
                let d = Diagnostic::new(Code::InvalidNumber, s.span)
                    .arg("value", &s.value)
                    .arg("field", name)
                    .arg("min", min)
                    .arg("example", example);
                self.diags.push(d);
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(&mut self, name: &str, options: &[(&str, T)]) -> Option<Spanned<T>> {
        let s = self.text(name)?;
        if let Some((_, v)) = options.iter().find(|(w, _)| *w == s.value) {
            return Some(Spanned { value: *v, span: s.span, key: s.key });
        }
        let allowed = options.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ");
        let d = Diagnostic::new(Code::InvalidValue, s.span)
            .arg("value", &s.value)
            .arg("field", name)
            .arg("allowed", allowed);
        self.diags.push(d);
        None
    }

    /// A nested mapping (its node).
    pub fn node(&mut self, name: &str) -> Option<&'a Node> {
        self.get(name).map(|(n, _)| n)
    }

    /// A list of mappings; a single mapping is a list of one.
    pub fn list_of_maps(&mut self, name: &str) -> Vec<&'a Node> {
        let Some((node, _)) = self.get(name) else { return Vec::new() };
        let items = match &node.value {
            Value::List(items) => items.as_slice(),
            Value::Map(_) => std::slice::from_ref(node),
            _ => {
                self.diags.push(shape(node, name, "list-of-mappings"));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item.value {
                Value::Map(_) => out.push(item),
                Value::Null => {}
                _ => self.diags.push(shape(item, name, "list-of-mappings")),
            }
        }
        out
    }

    /// Reports every field that was not read, with the nearest known name.
    pub fn finish(self) {
        for ((k, _), used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let name = k.text().unwrap_or("?");
            let (suggestion, via) =
                crate::diag::suggest::field(name, self.known).map_or(("none", "spelling"), |(f, via)| (f, via.arg()));
            let d = Diagnostic::new(Code::UnknownField, k.span)
                .arg("field", name)
                .arg("suggestion", suggestion)
                .arg("via", via)
                .arg("known", self.known.join(", "));
            self.diags.push(d);
        }
    }
}

/// `node` is not the mapping (or list of mappings) `field` should be: a
/// plain text written `key:value`, with no space after the colon, is that
/// mistake (E005 at the colon, with the fix); anything else is E007.
fn shape(node: &Node, field: &str, expected: &str) -> Diagnostic {
    if let Value::Text { text, plain: true } = &node.value
        && let Some((key, value)) = text.split_once(':')
        && !text.contains('\n')
        && key.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && value.chars().next().is_some_and(|c| !c.is_whitespace() && c != '/' && c != ':')
    {
        let colon = node.span.start + key.len();
        return Diagnostic::new(Code::YamlSyntax, Span::new(node.span.file, colon, colon + 1))
            .arg("kind", "missing-space")
            .arg("reason", "")
            .arg("fix", format!("{key}: {value}"))
            .arg("key", key)
            .arg("indent", "none")
            .arg("expected_indent", "none");
    }
    wrong_type(node.span, field, expected)
}

fn wrong_type(span: Span, field: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(Code::WrongType, span).arg("field", field).arg("expected", expected)
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD` at all.
    Format,
    /// No such month.
    Month { month: u8 },
    /// The year 0000: no year has that number (1 BC is followed by AD 1),
    /// and feeds and calendars cannot date anything in it.
    Year,
    /// No such day in that month.
    Day { year: i16, month: u8, days: i8 },
}

impl DateError {
    pub fn at(&self, span: Span, value: &str) -> Diagnostic {
        match self {
            DateError::Format => Diagnostic::new(Code::DateFormat, span).arg("value", value),
            DateError::Month { month } => {
                Diagnostic::new(Code::DateNotReal, span).arg("value", value).arg("problem", "month").arg("month", month)
            }
            DateError::Year => Diagnostic::new(Code::DateNotReal, span).arg("value", value).arg("problem", "year"),
            DateError::Day { year, month, days } => Diagnostic::new(Code::DateNotReal, span)
                .arg("value", value)
                .arg("problem", "day")
                .arg("month", format!("{year:04}-{month:02}"))
                .arg("days", days),
        }
    }
}

/// Parses `YYYY-MM-DD`, telling a malformed text from an impossible date.
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return Err(DateError::Format);
    }
    let (y, m, d) = (&s[0..4], &s[5..7], &s[8..10]);
    let year: i16 = y.parse().map_err(|_| DateError::Format)?;
    let month: u8 = m.parse().map_err(|_| DateError::Format)?;
    let day: i8 = d.parse().map_err(|_| DateError::Format)?;
    if !(1..=12).contains(&month) {
        return Err(DateError::Month { month });
    }
    if year == 0 {
        return Err(DateError::Year);
    }
    let first = Date::new(year, month as i8, 1).map_err(|_| DateError::Format)?;
    Date::new(year, month as i8, day).map_err(|_| DateError::Day { year, month, days: first.days_in_month() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2023-10-02").unwrap().to_string(), "2023-10-02");
        assert_eq!(parse_date("2023-02-30"), Err(DateError::Day { year: 2023, month: 2, days: 28 }));
        assert_eq!(parse_date("0000-11-20"), Err(DateError::Year), "no year 0: a feed could not date it");
        assert_eq!(parse_date("0001-01-01").unwrap().to_string(), "0001-01-01");
        assert_eq!(parse_date("2024-02-30"), Err(DateError::Day { year: 2024, month: 2, days: 29 }));
        assert_eq!(parse_date("2023-13-01"), Err(DateError::Month { month: 13 }));
        assert_eq!(parse_date("2023-00-01"), Err(DateError::Month { month: 0 }));
        assert_eq!(parse_date("2023-10-00"), Err(DateError::Day { year: 2023, month: 10, days: 31 }));
        assert_eq!(parse_date("2023-1-2"), Err(DateError::Format));
        assert_eq!(parse_date("2 okt 2023"), Err(DateError::Format));
        assert_eq!(parse_date("0000-01-01"), Err(DateError::Year));
    }

    /// `key:value` where a mapping belongs parses as text, not as a YAML
    /// error: it is told as the missing space it is, at the colon.
    #[test]
    fn key_value_without_a_space_where_fields_belong_is_a_missing_space() {
        use crate::diag::FileId;
        let mut diags = Vec::new();
        let text = "title:Budget\n";
        let root = crate::load::yaml::parse(text, 0, FileId(0)).unwrap().0;
        Fields::new(root.as_ref(), Span::new(FileId(0), 0, 0), "paragraph", &["title"], &mut diags);
        assert_eq!(diags[0].code, Code::YamlSyntax);
        assert_eq!(diags[0].primary.start, 5);
        assert!(diags[0].args.contains(&("fix", "title: Budget".to_owned())), "{:?}", diags[0].args);

        let text = "documents:\n  - title:Tjänsteskrivelse\n";
        let root = crate::load::yaml::parse(text, 0, FileId(0)).unwrap().0;
        let mut diags = Vec::new();
        let mut f = Fields::new(root.as_ref(), Span::new(FileId(0), 0, 0), "paragraph", &["documents"], &mut diags);
        assert!(f.list_of_maps("documents").is_empty());
        f.finish();
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].code, diags[0].primary.start), (Code::YamlSyntax, text.find(':').unwrap() + 11));
        // Other text stays a wrong shape.
        let root = crate::load::yaml::parse("documents: Tjänsteskrivelse\n", 0, FileId(0)).unwrap().0;
        let mut diags = Vec::new();
        let mut f = Fields::new(root.as_ref(), Span::new(FileId(0), 0, 0), "paragraph", &["documents"], &mut diags);
        f.list_of_maps("documents");
        f.finish();
        assert_eq!(diags[0].code, Code::WrongType);
    }
}
