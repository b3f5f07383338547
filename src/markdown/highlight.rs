//! Syntax highlighting of fenced code with syntect, as CSS classes (`hl-…`)
//! so the theme controls colours and contrast. The syntax set is loaded only
//! when a fenced block exists. An unknown language gives plain, escaped text:
//! code is never dropped.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Highlighted code and whether its language was known.
pub struct Highlighted {
    pub html: String,
    pub known: bool,
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Whether fenced code in `lang` can be highlighted.
pub fn is_known(lang: &str) -> bool {
    syntaxes().find_syntax_by_token(lang).is_some()
}

/// `<pre><code>` for `code` in language `lang` (a fence's first word).
pub fn highlight(code: &str, lang: &str) -> Highlighted {
    let attr = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
    let syntax = (!lang.is_empty()).then(|| syntaxes().find_syntax_by_token(lang)).flatten();
    let body = syntax.and_then(|syntax| {
        let mut g = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes(),
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            g.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(g.finalize())
    });
    let known = body.is_some();
    let body = body.unwrap_or_else(|| escape(code));
    Highlighted { html: format!("<pre class=\"code\"><code{attr}>{body}</code></pre>\n"), known }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
