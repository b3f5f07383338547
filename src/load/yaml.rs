//! YAML, hidden behind one function: text in, a tree of [`Node`]s with exact
//! spans out. The parser is `saphyr-parser` (YAML 1.2, maintained); we keep
//! every scalar as the clerk's text and decide its meaning per field later, so
//! `short_name: ON` is "ON", `phone: 0123456700` keeps its leading zero and
//! `votes: {yes: …, no: …}` has the keys `yes` and `no`.

use crate::diag::{Code, Diagnostic, FileId, Span};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use std::collections::HashMap;

/// The most values one front matter may expand to (aliases included).
pub const MAX_NODES: usize = 10_000;
/// The deepest nesting allowed.
pub const MAX_DEPTH: usize = 64;

/// A YAML value with the place it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value, `~` or `null`.
    Null,
    /// Any scalar, as written (after YAML unescaping and folding).
    Text {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text of a key or value, if it is one.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Visits every scalar (keys included), depth first, in document order.
    pub fn each_text<'a>(&'a self, f: &mut impl FnMut(&'a Node, &'a str)) {
        match &self.value {
            Value::Null => {}
            Value::Text { text, .. } => f(self, text),
            Value::List(items) => items.iter().for_each(|n| n.each_text(f)),
            Value::Map(entries) => entries.iter().for_each(|(k, v)| {
                k.each_text(f);
                v.each_text(f);
            }),
        }
    }
}

/// Converts the parser's (line, char column) markers into byte offsets of the file.
struct Locator<'a> {
    text: &'a str,
    base: usize,
    line_starts: Vec<usize>,
    file: FileId,
}

impl Locator<'_> {
    fn offset(&self, m: &Marker) -> usize {
        let Some(&start) = self.line_starts.get(m.line().saturating_sub(1)) else {
            return self.base + self.text.len();
        };
        let rest = &self.text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let within = rest[..line_len].char_indices().nth(m.col()).map_or(line_len, |(i, _)| i);
        self.base + start + within
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        let start = self.offset(&s.start);
        Span::new(self.file, start, self.offset(&s.end).max(start))
    }
}

enum Frame {
    List(Span, usize, Vec<Node>),
    Map(Span, usize, Vec<(Node, Node)>, Option<Node>),
}

/// What a parse gives: the root (`None` for an empty document) and problems
/// that do not stop reading the rest (duplicate keys; the later value is left out).
pub type Parsed = (Option<Node>, Vec<Diagnostic>);

/// Parses `text`, which sits at byte `base` of file `file`. A syntax error
/// or a document too large stops it.
pub fn parse(text: &str, base: usize, file: FileId) -> Result<Parsed, Vec<Diagnostic>> {
    let loc = Locator {
        text,
        base,
        line_starts: std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect(),
        file,
    };
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| vec![syntax_error(text, &loc, e.marker(), e.info())])?;
        let span = loc.span(&span);
        if let Some(problem) = builder.event(event, span) {
            return Err(vec![problem]);
        }
    }
    Ok((builder.root, builder.duplicates))
}

/// The diagnostic of a syntax error the parser reported at `marker`: the
/// mistake looked for on the lines up to it ([`super::explain`]).
fn syntax_error(text: &str, loc: &Locator<'_>, marker: &Marker, reason: &str) -> Diagnostic {
    let at = loc.offset(marker) - loc.base;
    let e = super::explain::explain(text, at, syntax_kind(reason));
    let span = |r: std::ops::Range<usize>| Span::new(loc.file, loc.base + r.start, loc.base + r.end);
    let mut d = Diagnostic::new(Code::YamlSyntax, span(e.at.clone()))
        .arg("kind", e.kind)
        .arg("reason", reason)
        .arg("fix", e.fix.as_deref().unwrap_or("none"))
        .arg("key", e.key.as_deref().unwrap_or_default());
    let (now, want) = e.indent.map_or(("none".to_owned(), "none".to_owned()), |(n, w)| (n.to_string(), w.to_string()));
    d = d.arg("indent", now).arg("expected_indent", want);
    if let Some(like) = e.like {
        d = d.related(span(like..like), "related-indent-here");
    }
    d
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    documents: usize,
    nodes: usize,
    duplicates: Vec<Diagnostic>,
}

impl Builder {
    /// Feeds one event; returns a diagnostic that stops the parse.
    fn event(&mut self, event: Event<'_>, span: Span) -> Option<Diagnostic> {
        let too_complex = || Some(too_large(span));
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let d = Diagnostic::new(Code::YamlSyntax, span).arg("kind", "documents");
                    return Some(d.arg("reason", "more than one YAML document"));
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let value = if style == ScalarStyle::Plain && is_null(&text) {
                    Value::Null
                } else {
                    let plain = style == ScalarStyle::Plain;
                    Value::Text { text: text.into_owned(), plain }
                };
                return self.complete(Node { span, value }, anchor);
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned()?;
                self.nodes += count(&node);
                if self.nodes > MAX_NODES {
                    return too_complex();
                }
                return self.complete(Node { span, ..node }, 0);
            }
            Event::SequenceStart(anchor, _) => return self.open(Frame::List(span, anchor, Vec::new())),
            Event::MappingStart(anchor, _) => return self.open(Frame::Map(span, anchor, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop()? {
                    Frame::List(s, a, items) => (Node { span: s.to(span), value: Value::List(items) }, a),
                    Frame::Map(s, a, entries, _) => (Node { span: s.to(span), value: Value::Map(entries) }, a),
                };
                return self.complete(node, anchor);
            }
            _ => {}
        }
        None
    }

    fn open(&mut self, frame: Frame) -> Option<Diagnostic> {
        self.stack.push(frame);
        let span = match self.stack.last() {
            Some(Frame::List(s, ..) | Frame::Map(s, ..)) => *s,
            None => return None,
        };
        (self.stack.len() > MAX_DEPTH)
            .then(|| Diagnostic::new(Code::YamlTooComplex, span).arg("limit", MAX_DEPTH).arg("problem", "depth"))
    }

    fn complete(&mut self, node: Node, anchor: usize) -> Option<Diagnostic> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Some(too_large(node.span));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List(_, _, items)) => items.push(node),
            Some(Frame::Map(_, _, entries, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let dup = k.text().and_then(|t| entries.iter().find(|(old, _)| old.text() == Some(t)));
                    if let Some((first, _)) = dup {
                        let d = Diagnostic::new(Code::DuplicateKey, k.span)
                            .arg("field", k.text().unwrap_or_default())
                            .related(first.span, "related-first-key");
                        self.duplicates.push(d);
                    } else {
                        entries.push((k, node));
                    }
                }
            },
        }
        None
    }
}

impl Span {
    /// From the start of `self` to the end of `other`.
    fn to(self, other: Span) -> Span {
        Span::new(self.file, self.start, other.end.max(self.start))
    }
}

fn too_large(span: Span) -> Diagnostic {
    Diagnostic::new(Code::YamlTooComplex, span).arg("limit", MAX_NODES).arg("problem", "size")
}

/// The kind of a parser error, for a message in the clerk's language (the
/// parser's own reason is English; it is kept for `other`).
pub(super) fn syntax_kind(reason: &str) -> &'static str {
    let has = |s: &str| reason.contains(s);
    if has("tab") {
        "tab"
    } else if has("quoted scalar, found unexpected")
        || has("invalid indentation in quoted scalar")
        || has("quoted scalar, found unexpected document indicator")
    {
        "unclosed-quote"
    } else if has("trailing content after double-quoted") {
        "after-quote"
    } else if has("flow sequence") || has("flow mapping") || has("misplaced bracket") || has("flow construct") {
        "unclosed-bracket"
    } else if has("mapping values are not allowed") || has("mapping keys are not allowed") || has("placement of ':'") {
        "colon"
    } else if has("block scalar") {
        "block-scalar"
    } else if has("expected key")
        || has("block collection")
        || has("invalid indentation")
        || has("block sequence entries are not allowed")
    {
        "indentation"
    } else if has("simple key expect") || has("could not find expected ':'") {
        "no-colon"
    } else if has("unexpected character") || has("plain scalar cannot start") || has("expected node content") {
        "special-start"
    } else if has("unprintable") || has("byte order mark") {
        "unprintable"
    } else if has("escape") || has("hexadecimal") {
        "escape"
    } else if has("anchor") || has("alias") {
        "alias"
    } else {
        "other"
    }
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::List(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// YAML 1.2 core schema nulls.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Node {
        parse(text, 0, FileId(0)).unwrap().0.unwrap()
    }

    fn map(n: &Node) -> &[(Node, Node)] {
        match &n.value {
            Value::Map(e) => e,
            v => panic!("not a map: {v:?}"),
        }
    }

    #[test]
    fn yaml_1_2_keeps_yes_no_on_as_text() {
        let n = p("short_name: ON\nvotes: {yes: A, no: B}\nphone: 0123456700\nx: off\n");
        let e = map(&n);
        assert_eq!(e[0].1.text(), Some("ON"));
        let votes = map(&e[1].1);
        assert_eq!(votes[0].0.text(), Some("yes"));
        assert_eq!(votes[1].0.text(), Some("no"));
        assert_eq!(e[2].1.text(), Some("0123456700"));
        assert_eq!(e[3].1.text(), Some("off"));
    }

    #[test]
    fn spans_are_byte_offsets_in_the_file() {
        let text = "title: Åsa\nnumber: 3\n";
        let n = parse(text, 4, FileId(0)).unwrap().0.unwrap();
        let e = map(&n);
        assert_eq!(e[1].0.span.start, 4 + text.find("number").unwrap());
        assert_eq!(e[0].1.span.start, 4 + text.find('Å').unwrap());
    }

    #[test]
    fn empty_and_null_values() {
        let n = p("a:\nb: ~\nc: ''\n");
        let e = map(&n);
        assert_eq!(e[0].1.value, Value::Null);
        assert_eq!(e[1].1.value, Value::Null);
        assert_eq!(e[2].1.text(), Some(""));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let (root, err) = parse("a: 1\nb: 2\na: 3\n", 0, FileId(0)).unwrap();
        assert_eq!(err[0].code, Code::DuplicateKey);
        assert_eq!(err[0].primary.start, 10);
        assert_eq!(map(&root.unwrap()).len(), 2, "the rest of the file is still read");
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let err = parse("a: [1, 2\nb: 3\n", 0, FileId(0)).unwrap_err();
        assert_eq!(err[0].code, Code::YamlSyntax);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            y.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse(&y, 0, FileId(0)).unwrap_err();
        assert_eq!(err[0].code, Code::YamlTooComplex);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let y = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        let err = parse(&y, 0, FileId(0)).unwrap_err();
        assert_eq!(err[0].code, Code::YamlTooComplex);
    }
}
