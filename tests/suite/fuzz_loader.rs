//! Property tests: random and mutated front matter and Markdown thrown at the
//! loader and the validator, and on to the pages and the protocol's PDF.
//! Nothing may panic, every diagnostic must point inside its file on a
//! character boundary, a valid site must render (every page, in memory, and
//! its PDF) and no script or event handler from the content may reach a page.
//! Generated Markdown includes nesting far past the limits and hostile
//! inline HTML; it is also rendered without validation (put straight into a
//! valid site's model), as nothing may trust validation to have refused it.
//!
//! The suite runs a short version; the dedicated run is
//! `ANSLAG_FUZZ_CASES=100000 ANSLAG_FUZZ_TREES=2000 cargo test --release --test suite fuzz_loader::`
//! (trees are written to disk, and sites are rendered, so they are fewer).

use crate::common::env_or;
use anslag::diag::{FileId, SourceFile, SourceMap};
use anslag::i18n::{Catalog, Lang};
use anslag::load::{BodyDir, Doc, Loaded, MeetingDir, parse_doc};
use anslag::model::{Content, Site};
use proptest::prelude::*;
use std::sync::Arc;

const SITE: &str = "municipality: Exempelby kommun\nbase_url: https://www.exempelby.se/\ncontact:\n  phone: 0123-456 00\nnotice_board:\n  appeal_period_days: 21\n";
const MEETING: &str = "---\ndate: 2024-12-02\nchair: Åsa Ek\nadjusters: [Per Ek]\nadjusted: 2024-12-03\nposted: 2024-12-03\nremoval: 2024-12-28\nstorage: Kansliet\nattendance:\n  - {name: Åsa Ek, party: S, role: ordförande}\n---\nInledning.\n";
const BODY: &str = "name: Kommunstyrelsen\nkind: styrelse\n";
/// A public § (generated Markdown is appended to its text).
const PUBLIC: &str = "---\nnumber: 2\ntitle: Bidrag\ndnr: KS/2024:3\ndecision: |\n  Beslut.\nrecipients:\n  - Ekonomi\n---\nSe [planen](Plan%201.pdf).\n";
const PARAGRAPH: &str = "---\nnumber: 1\ntitle: \"Budget: 2025\"\ndnr: [KS/2024:1, KS/2024:2]\ndecision: |\n  Beslut.\nrecipients:\n  - Ekonomi\ndocuments:\n  - title: Skrivelse\n    date: 2024-11-20\n    file: bilagor/a.pdf\nreservations:\n  - by: [A (C)]\n    text: Nej.\nvotes:\n  yes: Bifall\n  no: Avslag\n  ballots:\n    - {name: A, party: C, vote: nej}\nconfidential: 26 kap. 1 § OSL\npublic_title: Individärende\n---\n## Ärendet\n\n| a | b |\n|---|---|\n| 1 234 | 5 |\n";

thread_local! {
    static CATALOGS: [Catalog; 2] = [Catalog::new(Lang::Sv), Catalog::new(Lang::En)];
}

fn cases() -> u32 {
    env_or("ANSLAG_FUZZ_CASES", if cfg!(debug_assertions) { 256 } else { 2_000 })
}

/// Cases that render a site (every page and a PDF each): fewer.
fn render_cases() -> u32 {
    env_or("ANSLAG_FUZZ_CASES", if cfg!(debug_assertions) { 12 } else { 200 })
}

/// Markdown made of the pieces that matter to nesting, raw HTML and links:
/// quotes, lists, emphasis, tables, footnotes, code, hostile tags.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("> "),
        Just("- "),
        Just("1. "),
        Just("  "),
        Just("\n"),
        Just("\n\n"),
        Just("*"),
        Just("**"),
        Just("~~"),
        Just("`"),
        Just("```\n"),
        Just("# "),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n"),
        Just("[^1]"),
        Just("[^1]: "),
        Just("[plan](bilagor/a.pdf)"),
        Just("[p](Plan%201.pdf)"),
        Just("![bild](bilagor/a.pdf)"),
        Just("<div>"),
        Just("</div>"),
        Just("<span lang=\"en\">"),
        Just("</span>"),
        Just("m<sup>2</sup>"),
        Just("<a href=\"https://x.se\">länk</a>"),
        Just("<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a>"),
        Just("<script>alert(1)</script>"),
        Just("<img src=x onerror=alert(2)>"),
        Just("<style>p{}</style>"),
        Just("<iframe src=\"https://x.se\"></iframe>"),
        Just("<b title=\">\">"),
        Just("<!-- "),
        Just(" -->"),
        Just("&amp; "),
        Just("text åäö "),
        Just("\u{FFFC}0\u{FFFC}"),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|p| p.concat())
}

/// Markdown nested far past the limits, and up to them.
fn deep() -> impl Strategy<Value = String> {
    (0usize..6, 0usize..3_000, markdownish()).prop_map(|(kind, n, tail)| {
        let nested = match kind {
            0 => "> ".repeat(n),
            1 => "- ".repeat(n),
            2 => (0..n.min(300)).map(|i| format!("{}- p{i}\n", "  ".repeat(i))).collect(),
            3 => "<div>".repeat(n * 30),
            4 => format!("text {}", "<span>".repeat(n * 30)),
            _ => "[^a]: > ".repeat(n),
        };
        format!("{nested}{tail}")
    })
}

/// Text made of the characters that matter to YAML, Markdown and dates.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([-:#\\[\\]{}|>&*!%@`'\",?\n\r\t \u{feff}åäö§0-9a-z]|---\n|\n  - |: |yes|no|ON|~|2023-02-30|19121212-1212){0,80}",
    )
    .unwrap_or_else(|_| unreachable!())
}

/// A valid document with random edits: insertions, deletions, swaps.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..base.len() + 1, 0usize..8, yamlish()), 1..6).prop_map(move |edits| {
        let mut s = base.to_owned();
        for (at, del, insert) in edits {
            let mut at = at.min(s.len());
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + del).min(s.len());
            while !s.is_char_boundary(end) {
                end += 1;
            }
            s.replace_range(at..end, &insert);
        }
        s
    })
}

fn doc(sources: &mut SourceMap, path: &str, text: &str, markdown: bool) -> Option<Doc> {
    let id = FileId(sources.len() as u32);
    let (file, _) = SourceFile::decode(path.into(), text.as_bytes());
    let (doc, diags) = parse_doc(id, &file.text, markdown);
    sources.add(file);
    for d in &diags {
        assert_in_file(sources, d.primary);
    }
    doc
}

fn assert_in_file(sources: &SourceMap, span: anslag::diag::Span) {
    let text = &sources.get(span.file).text;
    assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside its file");
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a char");
}

/// The documents as a one-meeting site, loaded.
fn loaded(site: &str, meeting: &str, paragraphs: &[String]) -> Loaded {
    let mut sources = SourceMap::default();
    let site = doc(&mut sources, "site.yaml", site, false);
    let body = doc(&mut sources, "ks/_body.yaml", BODY, false);
    let meta = doc(&mut sources, "ks/2024-12-02/_meeting.md", meeting, true);
    let paragraphs = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| doc(&mut sources, &format!("ks/2024-12-02/{i}.md"), p, true))
        .collect();
    let at = sources.add(SourceFile::empty("ks/2024-12-02".into()));
    Loaded {
        site,
        bodies: vec![BodyDir {
            slug: "ks".into(),
            at,
            meta: body,
            meta_failed: false,
            meetings: vec![MeetingDir {
                name: "2024-12-02".into(),
                at,
                folder: at,
                meta,
                meta_failed: false,
                paragraphs,
                failed_paragraphs: Vec::new(),
                unparsed: None,
            }],
        }],
        files: ATTACHMENTS.iter().map(|a| (*a).to_owned()).collect(),
        sources,
        root: attachments().to_owned(),
        ..Loaded::default()
    }
}

/// The attachments the documents name, on disk (validation opens them).
const ATTACHMENTS: [&str; 2] = ["ks/2024-12-02/bilagor/a.pdf", "ks/2024-12-02/Plan 1.pdf"];

/// A content folder holding [`ATTACHMENTS`], made once.
fn attachments() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
        for a in ATTACHMENTS {
            let path = dir.path().join(a);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(&path, format!("%PDF-1.4\n% {a}\n")).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    })
    .path()
}

fn today() -> anslag::model::Date {
    "2024-12-10".parse().unwrap_or_else(|_| unreachable!())
}

/// Loads the documents as a one-meeting site and validates it; a valid
/// site is rendered.
fn run(site: &str, meeting: &str, paragraphs: &[String]) -> Option<Site> {
    let loaded = loaded(site, meeting, paragraphs);
    let checked = anslag::validate::validate(&loaded, today());
    for d in &checked.diagnostics.0 {
        assert_in_file(&loaded.sources, d.primary);
        for r in &d.related {
            assert_in_file(&loaded.sources, r.span);
        }
        // Rendering must not panic either, in both languages.
        CATALOGS.with(|catalogs| {
            for catalog in catalogs {
                let _ = anslag::diag::report::human(d, &loaded.sources, catalog, false);
                let _ = anslag::diag::report::json(d, &loaded.sources, catalog);
            }
        });
    }
    if let Some(site) = &checked.site {
        render(site.clone(), true);
    }
    checked.site
}

/// Every page of `site` made in memory, as `serve` makes them, and the
/// protocol PDF of every meeting that has one. With `valid`, each must be
/// made; else only nothing may panic. No page may carry a script, an event
/// handler or a `javascript:` address from the content.
fn render(site: Site, valid: bool) {
    let theme = anslag::render::Theme::load(None).unwrap_or_else(|e| panic!("the default theme: {e}"));
    let site = Arc::new(site);
    let content = std::path::Path::new("/nonexistent-content");
    let pages =
        anslag::render::OnDemand::new(site.clone(), Arc::new(theme), content, Arc::default(), Default::default());
    let mut files: Vec<String> = anslag::render::pages::all(&site)
        .into_iter()
        .filter_map(|p| p.url(&site))
        .map(|u| anslag::render::urls::file_of(&u))
        .collect();
    let meetings = site.bodies.iter().flat_map(|b| &b.meetings);
    files.extend(meetings.filter(|m| anslag::pdf::has_pdf(m)).map(|m| anslag::render::urls::protocol_pdf(&m.id)));
    for file in files {
        match pages.file(&file) {
            Some(Ok(bytes)) if file.ends_with(".html") => {
                if let Some(bad) = active(&String::from_utf8_lossy(&bytes)) {
                    panic!("{bad} in {file}");
                }
            }
            Some(Ok(bytes)) => assert!(bytes.starts_with(b"%PDF"), "{file} is not a PDF"),
            made => assert!(!valid, "{file} of a valid site: {:?}", made.map(|m| m.map(|b| b.len()))),
        }
    }
}

/// Something in a page that would run: a script with content's code, an
/// event handler, a `javascript:` address, an iframe (text that only reads
/// like code, e.g. in a code span, is fine).
fn active(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let name = el.value().name();
        if name == "iframe" || (name == "script" && el.text().any(|t| t.contains("alert("))) {
            return Some(format!("<{name}>"));
        }
        for (attr, value) in el.value().attrs() {
            let url = value.trim().to_ascii_lowercase();
            if attr.starts_with("on") || ((attr == "href" || attr == "src") && url.starts_with("javascript:")) {
                return Some(format!("{attr}={value:?} on <{name}>"));
            }
        }
    }
    None
}

/// The § numbered 2 of the site's meeting with `text` as its text, as if it
/// had passed validation.
fn with_text(mut site: Site, text: &str) -> Site {
    for body in &mut site.bodies {
        for m in &mut body.meetings {
            let mut meeting = (**m).clone();
            for p in &mut meeting.paragraphs {
                if let Content::Public(x) = &mut p.content {
                    x.text.text = text.to_owned();
                    if let Some(d) = &mut x.decision {
                        d.text = text.to_owned();
                    }
                }
            }
            *m = Arc::new(meeting);
        }
    }
    site
}

/// A valid site with a public § whose text is `text` (appended to its
/// file), validated and rendered; if `text` is refused, the site with a
/// plain text is given `text` without validation and rendered all the same.
fn render_markdown(text: &str) {
    let plain = PUBLIC.to_owned();
    let with = format!("{PUBLIC}\n{text}\n");
    if run(SITE, MEETING, &[with]).is_none() {
        let site = run(SITE, MEETING, &[plain]).unwrap_or_else(|| panic!("the plain site is valid"));
        render(with_text(site, text), false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_never_panic(
        site in mutated(SITE),
        meeting in mutated(MEETING),
        a in mutated(PARAGRAPH),
        b in mutated(PUBLIC),
    ) {
        run(&site, &meeting, &[a, b]);
    }

    #[test]
    fn random_text_never_panics(site in yamlish(), meeting in yamlish(), p in yamlish()) {
        run(&site, &format!("---\n{meeting}"), &[p.clone(), format!("---\n{p}\n---\n{p}")]);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (file, err) = SourceFile::decode("x.md".into(), &bytes);
        if let Some(e) = err {
            let _ = file.line_col(e.at);
        }
        let _ = parse_doc(FileId(0), &file.text, true);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: render_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Markdown with hostile HTML, and nested up to and far past the limits,
    /// through validation to the pages and the PDF.
    #[test]
    fn markdown_reaches_the_pages_and_the_pdf(text in prop_oneof![markdownish(), deep()]) {
        render_markdown(&text);
    }
}

/// Folder and file names: valid, near-valid and random, multibyte included.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ks".to_owned()),
        Just("2024-12-02".to_owned()),
        Just("2024-12-02-extra".to_owned()),
        Just("2024-02-30".to_owned()),
        Just("_meeting.md".to_owned()),
        Just("_body.yaml".to_owned()),
        Just("notices".to_owned()),
        Just("site.yaml".to_owned()),
        proptest::string::string_regex("[a-zåäöA-Z0-9 ~$._-]{1,14}(\\.md|\\.yaml|\\.pdf|\\.MD)?")
            .unwrap_or_else(|_| unreachable!()),
    ]
}

fn tree_cases() -> u32 {
    env_or("ANSLAG_FUZZ_TREES", 32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: tree_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Whole content trees on disk, walked, loaded and validated.
    #[test]
    fn random_trees_never_panic(
        files in prop::collection::vec(
            (prop::collection::vec(name(), 1..4), prop_oneof![mutated(PARAGRAPH), mutated(MEETING), mutated(SITE), yamlish()]),
            1..12,
        )
    ) {
        let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
        for (path, text) in &files {
            let p = path.iter().fold(dir.path().to_owned(), |p, c| p.join(c));
            if let Some(parent) = p.parent() {
                // A name may already be a file; then this entry is skipped.
                if std::fs::create_dir_all(parent).is_err() || p.is_dir() {
                    continue;
                }
            }
            let _ = std::fs::write(&p, text);
        }
        if let Ok((loaded, diags)) = anslag::load::load(dir.path()) {
            for d in &diags.0 {
                assert_in_file(&loaded.sources, d.primary);
            }
            let checked = anslag::validate::validate(&loaded, today());
            for d in &checked.diagnostics.0 {
                assert_in_file(&loaded.sources, d.primary);
            }
            if let Some(site) = checked.site {
                render(site, true);
            }
        }
    }
}

#[test]
fn the_unmutated_documents_are_valid() {
    let mut sources = SourceMap::default();
    assert!(doc(&mut sources, "site.yaml", SITE, false).is_some());
    assert!(doc(&mut sources, "m.md", MEETING, true).is_some());
    assert!(doc(&mut sources, "p.md", PARAGRAPH, true).is_some());
    // As a site they validate, so mutations near them reach the pages and the PDF.
    let loaded = loaded(SITE, MEETING, &[PARAGRAPH.to_owned(), PUBLIC.to_owned()]);
    let checked = anslag::validate::validate(&loaded, today());
    let errors: Vec<String> =
        checked.diagnostics.0.iter().map(|d| format!("{:?} {:?} {:?}", d.code, d.primary, d.args)).collect();
    assert!(checked.site.is_some(), "{errors:#?}");
    render(checked.site.unwrap_or_else(|| unreachable!()), true);
}

/// The worst cases of the issue, every time (not only when generated):
/// nested far past the limits, rendered without validation.
#[test]
fn the_deepest_texts_of_the_issue_render() {
    for text in [
        "> ".repeat(5_000),
        "- ".repeat(3_000),
        format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000)),
        "[^a]: > ".repeat(3_000),
    ] {
        render_markdown(&text);
    }
}
