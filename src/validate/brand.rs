//! `branding:` in `site.yaml`: the logo (PNG, SVG, JPEG or WebP, with
//! alternative text), the accent colour (with enough contrast wherever the
//! default theme uses it) and an extra stylesheet. Every file is in the
//! content folder's `profil/` folder and is published as it is, so it is
//! checked like an attachment: an SVG that could run a script or load
//! something from elsewhere is refused.

use super::fields::{Fields, Spanned};
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Loaded, Node};
use crate::model::{Asset, Branding, Logo};

pub(crate) const BRANDING_FIELDS: &[&str] = &["logo", "logo_alt", "accent", "stylesheet"];

use crate::load::walk::BRAND_DIR;

/// The logo's file types.
const LOGO_TYPES: &[&str] = &["png", "svg", "jpg", "jpeg", "webp"];

/// The least contrast of text (WCAG 2.1, 1.4.3 AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// Where the default theme puts the accent colour: as the colour of links
/// and of the skip link, on the page (`--bg`), on code blocks (`--band`) and
/// in the board's status box (`--warn-bg`). Its borders need only 3:1.
pub const ACCENT_BACKGROUNDS: &[(&str, &str)] = &[("#ffffff", "--bg"), ("#f2f4f7", "--band"), ("#fff4e5", "--warn-bg")];

/// Reads `branding:`; a problem is reported and leaves that part out.
pub fn branding(node: Option<&Node>, head: Span, loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Branding {
    let mut f = Fields::new(node, head, "branding", BRANDING_FIELDS, diags);
    let logo = f.text("logo");
    let alt = f.text("logo_alt");
    let accent_key = f.key("accent");
    let accent = f.text("accent");
    let stylesheet = f.text("stylesheet");
    f.finish();

    let logo = logo.and_then(|l| {
        let file = asset(&l, "logo", LOGO_TYPES, loaded, diags)?;
        if file.path.to_ascii_lowercase().ends_with(".svg")
            && let Some(what) = std::fs::read(loaded.root.join(&file.path)).ok().and_then(|b| svg_problem(&b))
        {
            diags.push(Diagnostic::new(Code::LogoSvgUnsafe, l.span).arg("file", &l.value).arg("what", what));
            return None;
        }
        let Some(alt) = &alt else {
            diags.push(Diagnostic::new(Code::LogoAltMissing, l.key).arg("file", &l.value));
            return None;
        };
        Some(Logo { file, alt: alt.value.clone() })
    });
    let accent = match (accent, accent_key) {
        (Some(a), _) => check_accent(&a, diags),
        // `accent: #c8102e` unquoted: YAML reads a comment and no value
        // (a comment that is no colour, `accent: # later`, is left alone).
        (None, Some(key)) if unquoted_colour(&line_after(loaded, key)).is_some() => {
            let line = line_after(loaded, key);
            let value = unquoted_colour(&line).unwrap_or_default();
            let at = Span::new(key.file, key.end, key.end);
            diags.push(Diagnostic::new(Code::AccentFormat, at).arg("value", value).arg("why", "comment"));
            None
        }
        _ => None,
    };
    let stylesheet = stylesheet.and_then(|s| asset(&s, "stylesheet", &["css"], loaded, diags));
    Branding { logo, accent, stylesheet }
}

/// The colour in the rest of a line `: #c8102e …`, if it starts with one
/// (`#` and three or more hexadecimal digits).
fn unquoted_colour(rest: &str) -> Option<&str> {
    let value = rest.trim_start_matches(':').trim_start();
    let colour = value.split_whitespace().next()?;
    let digits = colour.strip_prefix('#')?;
    (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_hexdigit())).then_some(colour)
}

/// The rest of the line after `span`.
fn line_after(loaded: &Loaded, span: Span) -> String {
    let text = &loaded.sources.get(span.file).text;
    let rest = text.get(span.end..).unwrap_or_default();
    rest.lines().next().unwrap_or_default().to_owned()
}

/// The file named by `field`: in `profil/`, found by the walk, of one of
/// the `types` by name and by content. Reported and `None` otherwise.
fn asset(
    value: &Spanned<String>,
    field: &str,
    types: &[&str],
    loaded: &Loaded,
    diags: &mut Vec<Diagnostic>,
) -> Option<Asset> {
    let missing = |d: &mut Vec<Diagnostic>| {
        let diag = Diagnostic::new(Code::BrandFileMissing, value.span)
            .arg("field", field)
            .arg("file", &value.value)
            .arg("dir", BRAND_DIR);
        d.push(diag);
    };
    let path = crate::model::paths::join("", &value.value);
    let Some(path) = path.filter(|p| p.starts_with(&format!("{BRAND_DIR}/"))) else {
        missing(diags);
        return None;
    };
    let outside = path.match_indices('/').map(|(i, _)| &path[..i]).chain([path.as_str()]);
    let outside = outside.collect::<Vec<_>>().iter().any(|p| loaded.links_outside.contains(*p));
    let Some(path) = loaded.file(&path).filter(|_| !outside).map(str::to_owned) else {
        missing(diags);
        return None;
    };
    let wrong = |how: &str, d: &mut Vec<Diagnostic>| {
        let diag = Diagnostic::new(Code::BrandFileType, value.span)
            .arg("field", field)
            .arg("file", &value.value)
            .arg("how", how)
            .arg("allowed", types.join(", "));
        d.push(diag);
    };
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !types.contains(&ext.as_str()) {
        wrong("name", diags);
        return None;
    }
    let bytes = match std::fs::read(loaded.root.join(&path)) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::new(Code::ReadFailed, value.span).arg("reason", format!("{}: {e}", value.value));
            diags.push(d);
            return None;
        }
    };
    if !content_is(&ext, &bytes) {
        wrong("content", diags);
        return None;
    }
    use sha2::Digest;
    let hash = crate::files::hex(&sha2::Sha256::digest(&bytes)[..6]);
    Some(Asset { path, hash })
}

/// Whether `bytes` are what the extension `ext` says.
fn content_is(ext: &str, bytes: &[u8]) -> bool {
    let text = || std::str::from_utf8(bytes).ok().map(|t| t.trim_start_matches('\u{feff}').trim_start());
    match ext {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(b"\xff\xd8\xff"),
        "webp" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "svg" => text().is_some_and(|t| t.starts_with('<') && t.to_ascii_lowercase().contains("<svg")),
        // A stylesheet is text; one that starts like a page is a page.
        "css" => text().is_some_and(|t| {
            let lower: String = t.chars().take(64).collect::<String>().to_lowercase();
            !["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml"].iter().any(|s| lower.starts_with(s))
        }),
        _ => false,
    }
}

/// SVG elements a logo may use: shapes, text, paint and structure. No
/// scripts, no foreign content, no animation, no elements that load
/// anything (`image`, `use` of another file, `feImage`).
const SVG_ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "metadata",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "symbol",
    "use",
    "marker",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feComposite",
    "feFlood",
    "feMerge",
    "feMergeNode",
    "style",
];

/// What makes an SVG unsafe to publish from the municipality's address (it
/// is opened on its own, not only shown by `<img>`), if anything: a
/// `<script>`, an element outside [`SVG_ELEMENTS`], an event attribute
/// (`onload=`), a link (`href`) anywhere but inside the file (`#id`), a
/// `javascript:` or outside `url(…)`, `@import`, a DOCTYPE (entities), or
/// XML that cannot be read.
pub fn svg_problem(bytes: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(bytes).ok()?;
    let mut reader = quick_xml::Reader::from_str(text);
    let outside_ref = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("javascript:")
            || v.contains("@import")
            || v.match_indices("url(").any(|(i, _)| {
                let inner = v[i + 4..].trim_start_matches([' ', '"', '\'']);
                !inner.starts_with('#')
            })
    };
    let mut in_style = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !SVG_ELEMENTS.contains(&name.as_str()) {
                    return Some(format!("<{name}>"));
                }
                in_style = name == "style";
                for attr in e.attributes() {
                    let Ok(attr) = attr else { return Some("XML".into()) };
                    let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(&attr.value).into_owned();
                    if key.starts_with("on") {
                        return Some(format!("{key}="));
                    }
                    if key == "href" && !value.trim().starts_with('#') {
                        return Some(format!("href=\"{value}\""));
                    }
                    if outside_ref(&value) {
                        return Some(format!("{key}=\"{value}\""));
                    }
                }
            }
            Ok(Event::End(_)) => in_style = false,
            Ok(Event::Text(t)) if in_style && outside_ref(&String::from_utf8_lossy(&t)) => {
                return Some("<style>".into());
            }
            Ok(Event::CData(t)) if in_style && outside_ref(&String::from_utf8_lossy(&t)) => {
                return Some("<style>".into());
            }
            Ok(Event::DocType(_)) => return Some("<!DOCTYPE>".into()),
            Ok(Event::Eof) => return None,
            Err(_) => return Some("XML".into()),
            _ => {}
        }
    }
}

fn check_accent(a: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let Some(rgb) = parse_hex(&a.value) else {
        diags.push(Diagnostic::new(Code::AccentFormat, a.span).arg("value", &a.value).arg("why", "format"));
        return None;
    };
    let worst = ACCENT_BACKGROUNDS
        .iter()
        .map(|(bg, name)| (contrast(rgb, parse_hex(bg).unwrap_or([255; 3])), *bg, *name))
        .min_by(|x, y| x.0.total_cmp(&y.0))?;
    if worst.0 < MIN_CONTRAST {
        let d = Diagnostic::new(Code::AccentContrast, a.span)
            .arg("value", &a.value)
            .arg("ratio", format!("{:.2}", floor2(worst.0)))
            // With a decimal comma, for the Swedish message.
            .arg("ratio_comma", format!("{:.2}", floor2(worst.0)).replace('.', ","))
            .arg("background", worst.1)
            .arg("variable", worst.2)
            .arg("needed", "4.5");
        diags.push(d);
        return None;
    }
    Some(a.value.to_ascii_lowercase())
}

/// Rounds down to two decimals: 4.499 is "4.49", never a passing "4.50".
fn floor2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

/// `#rrggbb` as three bytes.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.1 relative luminance of an sRGB colour.
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG 2.1 contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: &str, b: &str) -> f64 {
        (contrast(parse_hex(a).unwrap(), parse_hex(b).unwrap()) * 100.0).round() / 100.0
    }

    #[test]
    fn contrast_of_known_pairs() {
        assert_eq!(ratio("#000000", "#ffffff"), 21.0);
        assert_eq!(ratio("#ffffff", "#ffffff"), 1.0);
        assert_eq!(ratio("#767676", "#ffffff"), 4.54);
        assert_eq!(ratio("#777777", "#ffffff"), 4.48);
        assert_eq!(ratio("#0b5394", "#ffffff"), 7.84);
        assert_eq!(ratio("#1a1a1a", "#ffffff"), 17.4);
        assert_eq!(ratio("#ff0000", "#ffffff"), 4.0);
        assert_eq!(ratio("#ffffff", "#000000"), 21.0);
        assert!((luminance([255, 255, 255]) - 1.0).abs() < 1e-12);
        assert!(luminance([0, 0, 0]).abs() < 1e-12);
    }

    #[test]
    fn accent_is_refused_below_four_and_a_half_on_any_background() {
        let at = Span::new(crate::diag::FileId(0), 0, 0);
        let spanned = |v: &str| Spanned { value: v.to_owned(), span: at, key: at };
        let mut diags = Vec::new();
        assert_eq!(check_accent(&spanned("#0B5394"), &mut diags).as_deref(), Some("#0b5394"));
        assert!(diags.is_empty());
        // 4.54:1 on white but 4.2:1 on the code blocks' grey.
        assert_eq!(check_accent(&spanned("#767676"), &mut diags), None);
        assert_eq!(diags[0].code, Code::AccentContrast);
        assert!(diags[0].args.contains(&("variable", "--band".to_owned())), "{:?}", diags[0].args);
        for bad in ["0b5394", "#0b539", "#0b5394ff", "blue", "#gg0000"] {
            let mut diags = Vec::new();
            assert_eq!(check_accent(&spanned(bad), &mut diags), None, "{bad}");
            assert_eq!(diags[0].code, Code::AccentFormat, "{bad}");
        }
    }

    #[test]
    fn an_unquoted_colour_is_told_from_a_comment() {
        assert_eq!(unquoted_colour(": #c8102e"), Some("#c8102e"));
        assert_eq!(unquoted_colour(":   #C81  # short"), Some("#C81"));
        assert_eq!(unquoted_colour(": # later"), None);
        assert_eq!(unquoted_colour(": #red"), None);
        assert_eq!(unquoted_colour(":"), None);
    }

    #[test]
    fn logo_content_must_match_its_name() {
        assert!(content_is("png", b"\x89PNG\r\n\x1a\nrest"));
        assert!(!content_is("png", b"<svg/>"));
        assert!(content_is("jpg", b"\xff\xd8\xff\xe0"));
        assert!(content_is("webp", b"RIFF\0\0\0\0WEBPVP8 "));
        assert!(content_is("svg", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assert!(!content_is("svg", b"\x89PNG"));
        assert!(content_is("css", b":root { --accent: #0b5394; }"));
        assert!(!content_is("css", b"<!DOCTYPE html><script>"));
    }

    #[test]
    fn unsafe_svg_is_named() {
        let ok = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><title>Vapen</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><style>.a { fill: url(#g); }</style><rect class="a" width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>"##;
        assert_eq!(svg_problem(ok.as_bytes()), None);
        let cases = [
            (r#"<svg><script>alert(1)</script></svg>"#, "<script>"),
            (r#"<svg onload="alert(1)"/>"#, "onload="),
            (r#"<svg><foreignObject><div/></foreignObject></svg>"#, "<foreignObject>"),
            (r#"<svg><image href="https://x.example/a.png"/></svg>"#, "<image>"),
            (r#"<svg><a href="javascript:alert(1)"><rect/></a></svg>"#, "<a>"),
            (r#"<svg><use href="https://x.example/s.svg#a"/></svg>"#, "href=\"https://x.example/s.svg#a\""),
            (r#"<svg><rect fill="url(https://x.example/t)"/></svg>"#, "fill=\"url(https://x.example/t)\""),
            (r#"<svg><style>@import url(x.css);</style></svg>"#, "<style>"),
            (r#"<!DOCTYPE svg [<!ENTITY a "b">]><svg/>"#, "<!DOCTYPE>"),
            (r#"<svg><rect></svg>"#, "XML"),
        ];
        for (svg, what) in cases {
            assert_eq!(svg_problem(svg.as_bytes()).as_deref(), Some(what), "{svg}");
        }
    }
}
