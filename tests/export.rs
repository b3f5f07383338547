//! `anslag export` run as a binary on a copy of the example site: every
//! package is unpacked and checked against its own METS files (sizes,
//! SHA-256, nothing unlisted), confidential text stays out by default, a
//! content error writes nothing, `--meeting` selects, runs are byte-identical.

mod common;

use common::{Site, TODAY, anslag};
use sha2::Digest;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

const SOCIAL: &str = "anslag-exempelby-kommun-socialnamnden-2026-11-18";
const CONFIDENTIAL: &str = "representations/rep-source/data/socialnamnden/2026-11-18/007-individarende.md";

fn example() -> Site {
    Site::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

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

/// The files of a package ZIP, by path inside its root folder (which must be named after the ZIP).
fn unpack(name: &str, zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let root = format!("{}/", name.strip_suffix(".zip").expect(".zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a ZIP");
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
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

/// Every file a METS lists exists with its SIZE and SHA-256, and every file
/// of the package but the METS files themselves is listed exactly once.
fn check_package(name: &str, files: &BTreeMap<String, Vec<u8>>) {
    let mut seen = BTreeMap::new();
    for mets in files.keys().filter(|p| p.ends_with("METS.xml")) {
        let dir = mets.strip_suffix("METS.xml").expect("METS.xml");
        for (href, size, sum) in listed(&files[mets]) {
            let path = format!("{dir}{href}");
            let bytes = files.get(&path).unwrap_or_else(|| panic!("{name}: {mets} lists {path}, which is missing"));
            assert_eq!(bytes.len() as u64, size, "{name}: SIZE of {path}");
            let actual: String = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(actual, sum, "{name}: CHECKSUM of {path}");
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
    let site = example();
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
    let site = example();
    assert_eq!(export(&site, &["--include-confidential", "--meeting", "socialnamnden/2026-11-18"]), 0);
    let zips = packages(&site);
    let files = unpack(&format!("{SOCIAL}.zip"), &zips[&format!("{SOCIAL}.zip")]);
    check_package(SOCIAL, &files);
    let written = std::fs::read(site.path("socialnamnden/2026-11-18/007-individarende.md")).expect("source");
    assert_eq!(files[CONFIDENTIAL], written);
}

#[test]
fn meeting_selects_one_package_and_two_runs_are_byte_identical() {
    let site = example();
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
    let site = example();
    site.write("socialnamnden/2026-11-18/_meeting.md", "---\ndate: not a date\n---\n");
    assert_eq!(export(&site, &[]), 1);
    assert!(!site.root().join("out").exists());
}
