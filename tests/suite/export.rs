//! `anslag export` run as a binary on a copy of the example site: every
//! package is unpacked and checked against its own METS files (sizes,
//! SHA-256, nothing unlisted), confidential text stays out by default, a
//! content error writes nothing, `--meeting` selects, runs are byte-identical,
//! and hostile file names in the content never become entry names.

use crate::common::{Site, TODAY, anslag, hex, percent_decode};
use sha2::Digest;
use std::collections::BTreeMap;
use std::io::Read;

const SOCIAL: &str = "anslag-exempelby-kommun-socialnamnden-2026-11-18";
const CONFIDENTIAL: &str = "representations/rep-source/data/socialnamnden/2026-11-18/paragraf-007.md";

/// Runs `anslag export` with `args` into `<tmp>/out`; the exit code.
fn export(site: &Site, args: &[&str]) -> i32 {
    let out = site.root().join("out");
    let mut cmd = anslag();
    cmd.current_dir(site.root()).args(["export", "--today", TODAY, "--out"]).arg(&out).args(args);
    cmd.output().expect("run anslag").status.code().expect("exit code")
}

/// Every ZIP in `<tmp>/out`, by file name.
fn packages(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let Ok(dir) = std::fs::read_dir(site.root().join("out")) else { return BTreeMap::new() };
    dir.map(|e| e.expect("entry").path())
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), std::fs::read(&p).expect("read")))
        .collect()
}

/// The files of a package ZIP, by path inside its root folder (which must be
/// named after the ZIP). Every entry name must be safe to unpack anywhere:
/// relative, no `\`, `:`, `..`, `.` or empty segment, no control character.
fn unpack(name: &str, zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let root = format!("{}/", name.strip_suffix(".zip").expect(".zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a ZIP");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let raw = String::from_utf8(entry.name_raw().to_vec()).expect("a UTF-8 entry name");
        assert!(!raw.starts_with('/') && !raw.contains(['\\', ':']), "{name}: unsafe entry {raw:?}");
        assert!(!raw.chars().any(char::is_control), "{name}: control character in {raw:?}");
        assert!(raw.split('/').all(|s| !s.is_empty() && s != ".." && s != "."), "{name}: unsafe entry {raw:?}");
        assert!(entry.enclosed_name().is_some(), "{name}: {raw:?} leaves the extraction folder");
        let path = entry.name().expect("entry name").strip_prefix(&root).expect("under the root folder").to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        files.insert(path, bytes);
    }
    files
}

/// (href, SIZE, CHECKSUM) of every `mets:file` and `mets:mdRef` of a METS file.
fn listed(mets: &[u8]) -> Vec<(String, u64, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(mets);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut pending: Option<(u64, String)> = None;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed METS") {
            Event::Start(e) | Event::Empty(e) => {
                let get = |key: &str| {
                    e.attributes()
                        .map(|a| a.expect("attribute"))
                        .find(|a| a.key.as_ref() == key.as_bytes())
                        .map(|a| String::from_utf8(a.value.to_vec()).expect("utf-8"))
                };
                let href =
                    || quick_xml::escape::unescape(&get("xlink:href").expect("href")).expect("href").into_owned();
                match e.name().as_ref() {
                    b"mets:file" => {
                        pending =
                            Some((get("SIZE").expect("SIZE").parse().expect("size"), get("CHECKSUM").expect("sum")))
                    }
                    b"mets:FLocat" => {
                        let (size, sum) = pending.take().expect("FLocat inside file");
                        out.push((href(), size, sum));
                    }
                    b"mets:mdRef" => out.push((
                        href(),
                        get("SIZE").expect("SIZE").parse().expect("size"),
                        get("CHECKSUM").expect("sum"),
                    )),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A relative `xlink:href` as the path it names: it must be a percent-encoded
/// URI reference (nothing but unreserved characters, `/` and `%XX`).
fn href_path(href: &str) -> String {
    let encoded = |b: u8| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b);
    assert!(href.bytes().all(encoded), "xlink:href {href:?} is not percent-encoded");
    String::from_utf8(percent_decode(href)).expect("UTF-8 path")
}

/// Every file a METS lists exists with its SIZE and SHA-256, and every file
/// of the package but the METS files themselves is listed exactly once.
fn check_package(name: &str, files: &BTreeMap<String, Vec<u8>>) {
    let mut seen = BTreeMap::new();
    for mets in files.keys().filter(|p| p.ends_with("METS.xml")) {
        let dir = mets.strip_suffix("METS.xml").expect("METS.xml");
        for (href, size, sum) in listed(&files[mets]) {
            let path = format!("{dir}{}", href_path(&href));
            let bytes = files.get(&path).unwrap_or_else(|| panic!("{name}: {mets} lists {path}, which is missing"));
            assert_eq!(bytes.len() as u64, size, "{name}: SIZE of {path}");
            assert_eq!(hex(&sha2::Sha256::digest(bytes)), sum, "{name}: CHECKSUM of {path}");
            if !path.ends_with("METS.xml") {
                *seen.entry(path).or_insert(0) += 1;
            }
        }
    }
    for path in files.keys().filter(|p| !p.ends_with("METS.xml")) {
        assert_eq!(seen.get(path), Some(&1), "{name}: {path} must be listed once in a METS file");
    }
}

#[test]
fn every_package_matches_its_mets_and_leaves_confidential_text_out() {
    let site = Site::example();
    assert_eq!(export(&site, &[]), 0);
    let zips = packages(&site);
    assert!(zips.len() > 1 && zips.contains_key(&format!("{SOCIAL}.zip")), "{:?}", zips.keys());
    for (name, zip) in &zips {
        let files = unpack(name, zip);
        check_package(name, &files);
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains("omedelbart omhändertagen"), "{name}: {path} holds confidential text");
            assert!(!text.contains("Pojken, född 2012"), "{name}: {path} holds confidential text");
        }
    }
    let social = unpack(&format!("{SOCIAL}.zip"), &zips[&format!("{SOCIAL}.zip")]);
    assert!(!social.contains_key(CONFIDENTIAL));
    assert!(social.contains_key("representations/rep-source/data/socialnamnden/2026-11-18/_meeting.md"));
    assert!(social.contains_key("representations/rep-html/data/socialnamnden/2026-11-18/7/index.html"));
    let pdf = &social["representations/rep-pdf/data/socialnamnden/2026-11-18/protokoll.pdf"];
    assert!(pdf.starts_with(b"%PDF-"), "rep-pdf holds the protocol as PDF");
    assert!(String::from_utf8_lossy(&social["metadata/preservation/premis.xml"]).contains("redaction"));
    let old = unpack(
        "anslag-exempelby-kommun-socialnamnden-2025-09-17.zip",
        &zips["anslag-exempelby-kommun-socialnamnden-2025-09-17.zip"],
    );
    assert!(!old.keys().any(|p| p.ends_with("utredning-overvagande.pdf")), "a confidential § 's attachment");
}

#[test]
fn include_confidential_puts_the_source_files_in_as_written() {
    let site = Site::example();
    assert_eq!(export(&site, &["--include-confidential", "--meeting", "socialnamnden/2026-11-18"]), 0);
    let zips = packages(&site);
    let files = unpack(&format!("{SOCIAL}.zip"), &zips[&format!("{SOCIAL}.zip")]);
    check_package(SOCIAL, &files);
    let written = std::fs::read(site.path("socialnamnden/2026-11-18/007-individarende.md")).expect("source");
    assert_eq!(files[CONFIDENTIAL], written);
}

#[test]
fn meeting_selects_one_package_and_two_runs_are_byte_identical() {
    let site = Site::example();
    assert_eq!(export(&site, &["--meeting", "socialnamnden/2026-11-18"]), 0);
    let first = packages(&site);
    assert_eq!(first.keys().collect::<Vec<_>>(), [&format!("{SOCIAL}.zip")]);
    assert_eq!(export(&site, &["--meeting", "socialnamnden/2026-11-18"]), 0);
    assert_eq!(packages(&site), first, "the same content and --today give the same bytes");
    assert_eq!(export(&site, &["--meeting", "socialnamnden/1999-01-01"]), 2);
    assert_eq!(packages(&site), first);
}

#[test]
fn a_content_error_refuses_the_export_and_writes_nothing() {
    let site = Site::example();
    site.write("socialnamnden/2026-11-18/_meeting.md", "---\ndate: not a date\n---\n");
    assert_eq!(export(&site, &[]), 1);
    assert!(!site.root().join("out").exists());
}

/// A § whose file name climbs out of the folder on Windows, attachments
/// whose names need percent-encoding (`#`, `%`, spaces, `å`), one whose site
/// path is no safe entry name (`:`) and one whose safe name is taken.
const HOSTILE_PARAGRAPH: &str = "socialnamnden/2026-11-18/x\\..\\..\\pwned.md";
const HOSTILE: &str = r#"---
number: 9
title: Planer för boenden
dnr: SN 2026/40
decision: |
  Socialnämnden lägger planerna till handlingarna.
documents:
  - title: Plan 1
    date: 2026-11-09
    file: "bilagor/Plan #1 (ny) 50%.pdf"
  - title: Plan 1, äldre
    date: 2026-11-02
    file: bilagor/plan-1-ny-50.pdf
  - title: Översikt
    date: 2026-11-09
    file: "bilagor/Översikt åtgärder.pdf"
---
Se [kartan](<bilagor/Karta: norr.pdf>) och [sidan 2](<bilagor/Karta: norr.pdf#sida=2>).
"#;
const BILAGOR: &str = "socialnamnden/2026-11-18/bilagor/";
const ATTACHMENTS: [&str; 4] = ["Plan #1 (ny) 50%.pdf", "plan-1-ny-50.pdf", "Översikt åtgärder.pdf", "Karta: norr.pdf"];

fn hostile() -> Site {
    let site = Site::example();
    site.write(HOSTILE_PARAGRAPH, HOSTILE);
    for name in ATTACHMENTS {
        site.write(&format!("{BILAGOR}{name}"), format!("%PDF-1.4 {name}"));
    }
    // In the meeting folder but not published: only with --include-confidential.
    site.write(&format!("{BILAGOR}Utkast\u{1}.txt"), "utkast");
    site
}

/// Every `xlink:href` of a METS file.
fn hrefs(mets: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(mets);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed METS") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                for a in e.attributes().map(|a| a.expect("attribute")) {
                    if a.key.as_ref() == b"xlink:href" {
                        let raw = String::from_utf8(a.value.to_vec()).expect("utf-8");
                        out.push(quick_xml::escape::unescape(&raw).expect("value").into_owned());
                    }
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// (objectIdentifierValue, originalName) of every PREMIS object.
fn original_names(premis: &[u8]) -> BTreeMap<String, Option<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(premis);
    let mut buf = Vec::new();
    let (mut out, mut open, mut text, mut object) = (BTreeMap::new(), String::new(), String::new(), String::new());
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed PREMIS") {
            Event::Start(e) => {
                open = String::from_utf8(e.name().as_ref().to_vec()).expect("utf-8");
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.decode().expect("text")),
            Event::GeneralRef(r) => text.push_str(&format!("&{};", String::from_utf8_lossy(&r))),
            Event::End(e) => {
                let value = quick_xml::escape::unescape(&text).expect("text").into_owned();
                match (e.name().as_ref(), open.as_str()) {
                    (b"premis:objectIdentifierValue", _) => {
                        out.insert(value.clone(), None);
                        object = value;
                    }
                    (b"premis:originalName", _) => {
                        out.insert(object.clone(), Some(value));
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `../x` from the page at `page` (a path ending in `/index.html`) as a
/// path in the same tree, without `#`, `?` and percent-encoding.
fn resolve(page: &str, link: &str) -> Option<String> {
    let link = link.split(['#', '?']).next()?;
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    String::from_utf8(percent_decode(&parts.join("/"))).ok()
}

#[test]
fn hostile_file_names_never_become_entry_names_and_every_name_is_kept() {
    let pristine = Site::example();
    assert_eq!(export(&pristine, &["--meeting", "socialnamnden/2026-11-18"]), 0);
    let zip = format!("{SOCIAL}.zip");
    let before = unpack(&zip, &packages(&pristine)[&zip]);

    let site = hostile();
    assert_eq!(export(&site, &["--meeting", "socialnamnden/2026-11-18"]), 0);
    let files = unpack(&zip, &packages(&site)[&zip]);
    check_package(SOCIAL, &files);

    // Every href of every METS is percent-encoded and names an entry.
    for mets in files.keys().filter(|p| p.ends_with("METS.xml")) {
        let dir = mets.strip_suffix("METS.xml").expect("METS.xml");
        for href in hrefs(&files[mets]) {
            let path = format!("{dir}{}", href_path(&href));
            assert!(files.contains_key(&path), "{mets}: {href} names no entry");
        }
    }
    let rep_html = hrefs(&files["representations/rep-html/METS.xml"]);
    assert!(rep_html.contains(&"data/socialnamnden/2026-11-18/bilagor/Plan%20%231%20%28ny%29%2050%25.pdf".into()));
    assert!(rep_html.contains(&"data/socialnamnden/2026-11-18/bilagor/%C3%96versikt%20%C3%A5tg%C3%A4rder.pdf".into()));

    // rep-source: the clerk's names are gone, the bytes are the clerk's.
    let source = "representations/rep-source/data/socialnamnden/2026-11-18/";
    let read = |rel: &str| std::fs::read(site.path(rel)).expect("content file");
    assert_eq!(files[&format!("{source}paragraf-009.md")], read(HOSTILE_PARAGRAPH));
    for (entry, name) in [
        ("plan-1-ny-50.pdf", "Plan #1 (ny) 50%.pdf"),
        ("plan-1-ny-50-2.pdf", "plan-1-ny-50.pdf"),
        ("oversikt-atgarder.pdf", "Översikt åtgärder.pdf"),
        ("karta-norr.pdf", "Karta: norr.pdf"),
    ] {
        assert_eq!(files[&format!("{source}bilagor/{entry}")], read(&format!("{BILAGOR}{name}")), "{entry}");
    }
    assert!(!files.keys().any(|p| p.contains("pwned") || p.contains("Utkast") || p.contains("utkast")));

    // rep-html: safe site paths kept as published; the `:` one moved, and
    // every link to an attachment from every page resolves in the package.
    let html = "representations/rep-html/data/";
    for (entry, name) in [
        ("Plan #1 (ny) 50%.pdf", "Plan #1 (ny) 50%.pdf"),
        ("plan-1-ny-50.pdf", "plan-1-ny-50.pdf"),
        ("Översikt åtgärder.pdf", "Översikt åtgärder.pdf"),
        ("karta-norr.pdf", "Karta: norr.pdf"),
    ] {
        assert_eq!(files[&format!("{html}{BILAGOR}{entry}")], read(&format!("{BILAGOR}{name}")), "{entry}");
    }
    let mut links = 0;
    for page in files.keys().filter(|p| p.starts_with(html) && p.ends_with(".html")) {
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&files[page]));
        let selector = scraper::Selector::parse("[href], [src]").expect("selector");
        for e in doc.select(&selector) {
            let link = e.value().attr("href").or_else(|| e.value().attr("src")).expect("link");
            let Some(target) = resolve(page, link) else { continue };
            if target.starts_with(&format!("{html}{BILAGOR}")) {
                assert!(files.contains_key(&target), "{page}: {link} → {target} is not in the package");
                links += 1;
            }
        }
    }
    assert!(links >= 10, "the § 9 page and the protocol link all five attachment links: {links}");
    let page9 = String::from_utf8_lossy(&files[&format!("{html}socialnamnden/2026-11-18/9/index.html")]).into_owned();
    assert!(page9.contains(r#"href="../../../socialnamnden/2026-11-18/bilagor/karta-norr.pdf#sida=2""#), "{page9}");
    assert!(page9.contains("bilagor/Plan%20%231%20%28ny%29%2050%25.pdf"), "kept as published");
    assert!(!page9.contains("Karta%3A"), "no link to the site path left");

    // The original names are in PREMIS, each on its object.
    let names = original_names(&files["metadata/preservation/premis.xml"]);
    let original = |entry: &str| names.get(entry).cloned().flatten();
    assert_eq!(original(&format!("{source}paragraf-009.md")).as_deref(), Some(HOSTILE_PARAGRAPH));
    assert_eq!(
        original(&format!("{source}bilagor/plan-1-ny-50.pdf")).as_deref(),
        Some("socialnamnden/2026-11-18/bilagor/Plan #1 (ny) 50%.pdf")
    );
    assert_eq!(
        original(&format!("{source}bilagor/oversikt-atgarder.pdf")).as_deref(),
        Some("socialnamnden/2026-11-18/bilagor/Översikt åtgärder.pdf")
    );
    assert_eq!(
        original(&format!("{html}{BILAGOR}karta-norr.pdf")).as_deref(),
        Some("socialnamnden/2026-11-18/bilagor/Karta: norr.pdf")
    );
    assert_eq!(original(&format!("{html}{BILAGOR}Plan #1 (ny) 50%.pdf")), None, "kept at its site path");

    // The rest of the package has the same shape: the hostile content only
    // adds § 9 and its attachments.
    let added: Vec<&String> = files.keys().filter(|p| !before.contains_key(*p)).collect();
    let mut expected: Vec<String> = ["paragraf-009.md", "bilagor/plan-1-ny-50.pdf", "bilagor/plan-1-ny-50-2.pdf"]
        .iter()
        .chain(&["bilagor/oversikt-atgarder.pdf", "bilagor/karta-norr.pdf"])
        .map(|p| format!("{source}{p}"))
        .chain(
            ["9/index.html", "bilagor/Plan #1 (ny) 50%.pdf", "bilagor/plan-1-ny-50.pdf"]
                .map(|p| format!("{html}socialnamnden/2026-11-18/{p}")),
        )
        .chain(
            ["bilagor/Översikt åtgärder.pdf", "bilagor/karta-norr.pdf"]
                .map(|p| format!("{html}socialnamnden/2026-11-18/{p}")),
        )
        .collect();
    expected.sort();
    assert_eq!(added, expected.iter().collect::<Vec<_>>());
    assert!(before.keys().all(|p| files.contains_key(p)), "nothing of the package went away");
}

#[test]
fn include_confidential_names_every_file_safely_and_keeps_its_name() {
    let site = hostile();
    assert_eq!(export(&site, &["--include-confidential", "--meeting", "socialnamnden/2026-11-18"]), 0);
    let zip = format!("{SOCIAL}.zip");
    let files = unpack(&zip, &packages(&site)[&zip]);
    check_package(SOCIAL, &files);
    let draft = format!("representations/rep-source/data/{BILAGOR}utkast.txt");
    assert_eq!(files[&draft], b"utkast");
    let names = original_names(&files["metadata/preservation/premis.xml"]);
    // XML cannot hold a control character: it is written as %XX.
    assert_eq!(names[&draft].as_deref(), Some(format!("{BILAGOR}Utkast%01.txt").as_str()));
    assert_eq!(names[CONFIDENTIAL].as_deref(), Some("socialnamnden/2026-11-18/007-individarende.md"));
}

/// Issue 18: `--submission-agreement` and the organisationsnummer reach the
/// root METS header of every package, the PREMIS texts are in the site's
/// language (the example is Swedish), the documentation is the Swedish text
/// for the archivist, and the packages still match their METS.
#[test]
fn the_archivist_gets_the_agreement_the_org_number_and_swedish_texts() {
    let site = Site::example();
    let journal = crate::common::repo().join("examples/anslagsbevis.json");
    let journal = journal.to_str().expect("a UTF-8 path");
    let args = ["--journal", journal, "export", "--submission-agreement", "LÖ-2026-3"];
    let out = site.root().join("out");
    let mut cmd = anslag();
    cmd.current_dir(site.root()).args(args).args(["--today", TODAY, "--out"]).arg(&out);
    let run = cmd.output().expect("run anslag");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let zips = packages(&site);
    assert!(zips.len() > 1);
    for (name, zip) in &zips {
        let files = unpack(name, zip);
        check_package(name, &files);
        let mets = String::from_utf8_lossy(&files["METS.xml"]).into_owned();
        assert!(
            mets.contains(r#"<mets:altRecordID TYPE="SUBMISSIONAGREEMENT">LÖ-2026-3</mets:altRecordID>"#),
            "{name}"
        );
        assert!(mets.contains(r#"<mets:note csip:NOTETYPE="IDENTIFICATIONCODE">ORG:2120001884</mets:note>"#), "{name}");
        let doc = String::from_utf8_lossy(&files["documentation/om-paketet.md"]).into_owned();
        assert!(doc.starts_with("# Om arkivpaketet"), "{name}");
        let premis = String::from_utf8_lossy(&files["metadata/preservation/premis.xml"]).into_owned();
        assert!(premis.contains("är skapat ur det justerade protokollet"), "{name}");
        assert!(!premis.contains("made from the adjusted protocol"), "{name}");
    }
    let social = unpack(&format!("{SOCIAL}.zip"), &zips[&format!("{SOCIAL}.zip")]);
    let premis = String::from_utf8_lossy(&social["metadata/preservation/premis.xml"]).into_owned();
    assert!(premis.contains("först publicerat på kommunens webbplats"), "{premis}");
    // A submission agreement that is no identifier is a usage error.
    let mut cmd = anslag();
    cmd.current_dir(site.root()).args(["export", "--submission-agreement", " ", "--today", TODAY, "--out"]).arg(&out);
    assert_eq!(cmd.output().expect("run anslag").status.code(), Some(2));
}
