//! A YAML syntax error told as a clerk's mistake. The parser says where it
//! gave up, which is often the line after the mistake (`dnr:2019/00056` is
//! read as text that runs on into the next line, so the error is there), and
//! in its own English. Here the common mistakes are looked for on the lines
//! up to the error: for each, the line is corrected in a copy of the text, and
//! the correction is taken only if the copy then reads past the place where
//! the original stopped. The diagnostic then points at the mistake itself,
//! with the corrected line as the fix.

use saphyr_parser::Parser;

/// How many lines before the parser's error are looked at for the mistake.
const LOOK_BACK: usize = 20;

/// A syntax error as explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The kind of mistake (selects the message; see `yaml-syntax` in the catalogue).
    pub kind: &'static str,
    /// Where it is: byte offsets in the YAML text.
    pub at: std::ops::Range<usize>,
    /// The line as it should be written, without its indentation, if known.
    pub fix: Option<String>,
    /// The field name on the line (`missing-space`).
    pub key: Option<String>,
    /// The line's indentation and the one it should have (in spaces).
    pub indent: Option<(usize, usize)>,
    /// Where a line with the right indentation starts (`indentation`).
    pub like: Option<usize>,
}

/// Lines of `text`: byte start and end (without the line end).
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        out.push((start, i));
        start = i + 1;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The 0-based line of the first syntax error in `text`, if any.
fn first_error(text: &str) -> Option<usize> {
    for event in Parser::new_from_str(text) {
        if let Err(e) = event {
            return Some(e.marker().line().saturating_sub(1));
        }
    }
    None
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// `text` with line `n` replaced by `new` (and, if `shift` is given, the
/// lines after it that are indented more than `n` was, moved by the same
/// amount: a field's block moves with it).
fn with_line(text: &str, ls: &[(usize, usize)], n: usize, new: &str, shift: Option<isize>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let old_indent = indent_of(&text[ls[n].0..ls[n].1]);
    let mut in_block = true;
    for (i, &(s, e)) in ls.iter().enumerate() {
        let line = &text[s..e];
        if i == n {
            out.push_str(new);
        } else if let (Some(d), true) = (shift, i > n && in_block) {
            if is_blank_or_comment(line) || indent_of(line) > old_indent {
                let indent = (indent_of(line) as isize + d).max(0) as usize;
                out.push_str(&" ".repeat(indent));
                out.push_str(line.trim_start_matches(' '));
            } else {
                in_block = false;
                out.push_str(line);
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Explains the syntax error the parser reported at byte `at` of `text`
/// (`kind`: the kind its words tell, see `yaml::syntax_kind`).
pub fn explain(text: &str, at: usize, kind: &'static str) -> Explained {
    let ls = lines(text);
    let err_line = ls.iter().position(|&(s, e)| at >= s && at <= e).unwrap_or(ls.len().saturating_sub(1));
    let plain = Explained { kind, at: at..at, fix: None, key: None, indent: None, like: None };
    if ls.is_empty() {
        return plain;
    }
    // The copy reads past the line where the original stopped.
    let better = |copy: &str| first_error(copy).is_none_or(|l| l > err_line);
    let from = err_line.saturating_sub(LOOK_BACK);

    if kind == "tab" {
        return tab(text, &ls, err_line, from, &better).unwrap_or(plain);
    }
    if kind == "unclosed-quote" {
        return unclosed_quote(text, &ls, at, err_line, &better).unwrap_or(plain);
    }
    // The kinds a misplaced line or a missing space can cause.
    if !matches!(kind, "no-colon" | "colon" | "indentation" | "special-start" | "other") {
        return plain;
    }
    if let Some(found) = missing_space(text, &ls, err_line, from, &better) {
        return found;
    }
    if kind == "colon"
        && let Some(found) = colon(text, &ls, at, err_line, &better)
    {
        return found;
    }
    indentation(text, &ls, err_line, &better).unwrap_or(plain)
}

/// `key:value` with no space after the colon, on a line up to the error.
fn missing_space(
    text: &str,
    ls: &[(usize, usize)],
    err_line: usize,
    from: usize,
    better: &dyn Fn(&str) -> bool,
) -> Option<Explained> {
    for n in (from..=err_line).rev() {
        let (s, e) = ls[n];
        let line = &text[s..e];
        let indent = indent_of(line);
        // After the indentation and any `- ` of a list entry.
        let mut rest = &line[indent..];
        let mut lead = indent;
        while let Some(r) = rest.strip_prefix("- ") {
            let r2 = r.trim_start_matches(' ');
            lead += rest.len() - r2.len();
            rest = r2;
        }
        let key_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        let key = &rest[..key_len];
        let starts_well = key.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_');
        let after = rest[key_len..].strip_prefix(':');
        let Some(after) = after.filter(|_| starts_well) else { continue };
        let Some(next) = after.chars().next() else { continue };
        if next.is_whitespace() || matches!(next, '/' | ':') {
            continue;
        }
        let colon = s + lead + key_len;
        let fixed = format!("{}: {}", &line[..lead + key_len], after);
        if better(&with_line(text, ls, n, &fixed, None)) {
            return Some(Explained {
                kind: "missing-space",
                at: colon..colon + 1,
                fix: Some(fixed.trim_start().to_owned()),
                key: Some(key.to_owned()),
                indent: None,
                like: None,
            });
        }
    }
    None
}

/// A tab in the indentation of a line up to the error.
fn tab(
    text: &str,
    ls: &[(usize, usize)],
    err_line: usize,
    from: usize,
    better: &dyn Fn(&str) -> bool,
) -> Option<Explained> {
    for n in (from..=err_line).rev() {
        let (s, e) = ls[n];
        let line = &text[s..e];
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let Some(tab) = line[..lead].find('\t') else { continue };
        let fix = [2, 4, 1, 3].into_iter().find_map(|width| {
            let fixed = format!("{}{}", line[..lead].replace('\t', &" ".repeat(width)), &line[lead..]);
            better(&with_line(text, ls, n, &fixed, None)).then_some(fixed)
        });
        let indent = fix.as_deref().map(|f| (lead, indent_of(f)));
        return Some(Explained {
            kind: "tab",
            at: s + tab..s + tab + 1,
            fix: fix.map(|f| f.trim_start().to_owned()),
            key: None,
            indent,
            like: None,
        });
    }
    None
}

/// A quote that is opened at `at` and not closed on its line.
fn unclosed_quote(
    text: &str,
    ls: &[(usize, usize)],
    at: usize,
    err_line: usize,
    better: &dyn Fn(&str) -> bool,
) -> Option<Explained> {
    let (s, e) = ls[err_line];
    let quote = text[at..].chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let line = text[s..e].trim_end();
    let fixed = format!("{line}{quote}");
    let fix = better(&with_line(text, ls, err_line, &fixed, None)).then(|| fixed.trim_start().to_owned());
    Some(Explained { kind: "unclosed-quote", at: at..at + 1, fix, key: None, indent: None, like: None })
}

/// `key: text: more`: a value with `: ` in it, to be quoted.
fn colon(
    text: &str,
    ls: &[(usize, usize)],
    at: usize,
    err_line: usize,
    better: &dyn Fn(&str) -> bool,
) -> Option<Explained> {
    let (s, e) = ls[err_line];
    let line = &text[s..e];
    let value_at = line.find(": ")? + 2;
    let value = line[value_at..].trim();
    if value.is_empty() || value.starts_with(['"', '\'']) {
        return None;
    }
    let quoted = if value.contains('"') { format!("'{}'", value.replace('\'', "''")) } else { format!("\"{value}\"") };
    let fixed = format!("{}{quoted}", &line[..value_at]);
    let fix = better(&with_line(text, ls, err_line, &fixed, None)).then(|| fixed.trim_start().to_owned())?;
    Some(Explained { kind: "colon", at: at..at + 1, fix: Some(fix), key: None, indent: None, like: None })
}

/// A line (at the error or just before it) whose indentation differs from
/// that of a line before it, where the text reads on with that indentation.
fn indentation(text: &str, ls: &[(usize, usize)], err_line: usize, better: &dyn Fn(&str) -> bool) -> Option<Explained> {
    for n in (err_line.saturating_sub(3)..=err_line).rev() {
        let (s, e) = ls[n];
        let line = &text[s..e];
        if is_blank_or_comment(line) || line.starts_with('\t') {
            continue;
        }
        let now = indent_of(line);
        // The indentations of the lines before it (an entry's fields too:
        // `- title:` has its fields at the column after `- `), nearest first.
        // (indentation, where a line with it has its text)
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for m in (0..n).rev() {
            let before = &text[ls[m].0..ls[m].1];
            if is_blank_or_comment(before) {
                continue;
            }
            let i = indent_of(before);
            let mut options = vec![i];
            let mut rest = &before[i..];
            let mut col = i;
            while let Some(r) = rest.strip_prefix("- ") {
                let r2 = r.trim_start_matches(' ');
                col += rest.len() - r2.len();
                rest = r2;
                options.push(col);
            }
            for o in options {
                if o != now && !candidates.iter().any(|(c, _)| *c == o) {
                    candidates.push((o, ls[m].0 + o));
                }
            }
        }
        candidates.sort_by_key(|(c, _)| c.abs_diff(now));
        for (want, like) in candidates {
            let fixed = format!("{}{}", " ".repeat(want), &line[now..]);
            let copy = with_line(text, ls, n, &fixed, Some(want as isize - now as isize));
            if better(&copy) {
                let start = s + now;
                return Some(Explained {
                    kind: "indentation",
                    at: start..start,
                    fix: None,
                    key: None,
                    indent: Some((now, want)),
                    like: Some(like),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Explains the first error of `text` as the parser reports it.
    fn ex(text: &str) -> Explained {
        let e = Parser::new_from_str(text).find_map(Result::err).expect("a syntax error");
        let ls = lines(text);
        let m = e.marker();
        let (s, end) = ls.get(m.line() - 1).copied().unwrap_or((text.len(), text.len()));
        let at = text[s..end].char_indices().nth(m.col()).map_or(end, |(i, _)| s + i);
        explain(text, at, super::super::yaml::syntax_kind(e.info()))
    }

    fn line_col(text: &str, at: usize) -> (usize, usize) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }

    #[test]
    fn a_missing_space_after_the_colon_is_on_its_own_line() {
        let text = "number: 1\ndnr:2019/00056\ndecision: Beviljas.\n";
        let e = ex(text);
        assert_eq!(e.kind, "missing-space");
        assert_eq!(line_col(text, e.at.start), (2, 4), "the colon of `dnr:`");
        assert_eq!(e.fix.as_deref(), Some("dnr: 2019/00056"));
        assert_eq!(e.key.as_deref(), Some("dnr"));
        // In a list entry, and as the last line.
        let text = "documents:\n  - title: A\n    date:2026-10-20\n    file: a.pdf\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start)), ("missing-space", (3, 9)));
        assert_eq!(e.fix.as_deref(), Some("date: 2026-10-20"));
        let text = "number: 1\ntitle:Budget\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start)), ("missing-space", (2, 6)));
    }

    #[test]
    fn a_wrongly_indented_line_is_pointed_at_with_the_indentation_it_needs() {
        let text = "documents:\n  - title: A\n     date: 2026-10-20\n";
        let e = ex(text);
        assert_eq!(e.kind, "indentation");
        assert_eq!(line_col(text, e.at.start), (3, 6));
        assert_eq!(e.indent, Some((5, 4)));
        assert_eq!(e.like.map(|l| line_col(text, l)), Some((2, 5)), "`title` of the entry");
        let text = "recipients:\n  - A\n - B\n";
        let e = ex(text);
        assert_eq!((e.kind, e.indent), ("indentation", Some((1, 2))));
        assert_eq!(e.like.map(|l| line_col(text, l)), Some((2, 3)));
        let text = "number: 1\n title: Budget\ndnr: X\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start), e.indent), ("indentation", (2, 2), Some((1, 0))));
    }

    #[test]
    fn a_tab_is_pointed_at_itself() {
        let text = "recipients:\n\t- A\n  - B\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start)), ("tab", (2, 1)));
        assert_eq!(e.fix.as_deref(), Some("- A"));
    }

    #[test]
    fn an_unclosed_quote_is_pointed_at_where_it_opens() {
        let text = "number: 1\ntitle: \"Budget 2027\ndnr: X\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start)), ("unclosed-quote", (2, 8)));
        assert_eq!(e.fix.as_deref(), Some("title: \"Budget 2027\""));
        let text = "number: 1\ntitle: 'Budget 2027\n";
        assert_eq!(ex(text).kind, "unclosed-quote");
    }

    #[test]
    fn a_colon_in_a_value_is_fixed_by_quotes() {
        let text = "number: 1\ntitle: Budget: 2027\n";
        let e = ex(text);
        assert_eq!((e.kind, line_col(text, e.at.start)), ("colon", (2, 14)));
        assert_eq!(e.fix.as_deref(), Some("title: \"Budget: 2027\""));
        let text = "title: Ett \"citat\": här\n";
        assert_eq!(ex(text).fix.as_deref(), Some("title: 'Ett \"citat\": här'"));
    }

    #[test]
    fn addresses_are_not_taken_for_a_missing_space() {
        let text = "links:\n  - https://x.se/a\n - b\n";
        assert_eq!(ex(text).kind, "indentation");
    }
}
