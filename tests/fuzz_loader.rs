//! Property tests: random and mutated front matter and Markdown thrown at the
//! loader and the validator. Nothing may panic, and every diagnostic must
//! point inside its file on a character boundary.
//!
//! The suite runs a short version; the dedicated run is
//! `ANSLAG_FUZZ_CASES=100000 ANSLAG_FUZZ_TREES=2000 cargo test --release --test fuzz_loader`
//! (trees are written to disk, so they are fewer).

use anslag::diag::{FileId, SourceFile, SourceMap};
use anslag::i18n::{Catalog, Lang};
use anslag::load::{BodyDir, Doc, Loaded, MeetingDir, parse_doc};
use proptest::prelude::*;

const SITE: &str = "municipality: Exempelby kommun\nbase_url: https://www.exempelby.se/\ncontact:\n  phone: 0123-456 00\nnotice_board:\n  appeal_period_days: 21\n";
const MEETING: &str = "---\ndate: 2024-12-02\nchair: Åsa Ek\nadjusters: [Per Ek]\nadjusted: 2024-12-03\nposted: 2024-12-03\nremoval: 2024-12-28\nstorage: Kansliet\nattendance:\n  - {name: Åsa Ek, party: S, role: ordförande}\n---\nInledning.\n";
const PARAGRAPH: &str = "---\nnumber: 1\ntitle: \"Budget: 2025\"\ndnr: [KS/2024:1, KS/2024:2]\ndecision: |\n  Beslut.\nrecipients:\n  - Ekonomi\ndocuments:\n  - title: Skrivelse\n    date: 2024-11-20\n    file: bilagor/a.pdf\nreservations:\n  - by: [A (C)]\n    text: Nej.\nvotes:\n  yes: Bifall\n  no: Avslag\n  ballots:\n    - {name: A, party: C, vote: nej}\nconfidential: 26 kap. 1 § OSL\npublic_title: Individärende\n---\n## Ärendet\n\n| a | b |\n|---|---|\n| 1 234 | 5 |\n";

thread_local! {
    static CATALOGS: [Catalog; 2] = [Catalog::new(Lang::Sv), Catalog::new(Lang::En)];
}

fn cases() -> u32 {
    std::env::var("ANSLAG_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        256
    } else {
        2_000
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

/// Loads the three documents as a one-meeting site and validates it.
fn run(site: &str, meeting: &str, paragraphs: &[String]) {
    let mut sources = SourceMap::default();
    let site = doc(&mut sources, "site.yaml", site, false);
    let meta = doc(&mut sources, "ks/2024-12-02/_meeting.md", meeting, true);
    let paragraphs = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| doc(&mut sources, &format!("ks/2024-12-02/{i}.md"), p, true))
        .collect();
    let at = sources.add(SourceFile::empty("ks/_body.yaml".into()));
    let loaded = Loaded {
        site,
        bodies: vec![BodyDir {
            slug: "ks".into(),
            at,
            meta: None,
            meta_failed: false,
            meetings: vec![MeetingDir {
                name: "2024-12-02".into(),
                at,
                folder: at,
                meta,
                meta_failed: false,
                paragraphs,
            }],
        }],
        files: ["ks/2024-12-02/bilagor/a.pdf".to_owned()].into(),
        sources,
        ..Loaded::default()
    };
    let today = "2024-12-10".parse().unwrap_or_else(|_| unreachable!());
    let checked = anslag::validate::validate(&loaded, today);
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
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_never_panic(
        site in mutated(SITE),
        meeting in mutated(MEETING),
        a in mutated(PARAGRAPH),
        b in mutated(PARAGRAPH),
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
    std::env::var("ANSLAG_FUZZ_TREES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)
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
            let checked = anslag::validate::validate(&loaded, "2024-12-10".parse().unwrap_or_else(|_| unreachable!()));
            for d in &checked.diagnostics.0 {
                assert_in_file(&loaded.sources, d.primary);
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
}
