//! Unit tests of the package: the METS MUSTs parsed back, PREMIS redaction,
//! determinism, safe entry names. The whole package on disk (with hostile
//! file names in the content) is tested in `tests/suite/export.rs`.

use super::*;
use crate::render::testing::example_content;
use quick_xml::Reader;
use quick_xml::events::Event;

const SOCIAL: &str = "socialnamnden/2026-11-18";

fn exporter_files(options: Options, which: &str) -> Files {
    exporter_files_in(options, which, crate::model::Language::Sv)
}

/// The package of `which` from the example site with its language set to `language`.
fn exporter_files_in(options: Options, which: &str, language: crate::model::Language) -> Files {
    let (loaded, _) = crate::load::load(&example_content()).expect("load");
    let mut site = crate::validate::validate(&loaded, "2026-11-25".parse().expect("date")).site.expect("valid");
    site.config.language = language;
    let theme = Theme::load(None).expect("theme");
    let exporter = Exporter::new(site, theme, &loaded, options).expect("exporter");
    let m = exporter.adjusted().find(|m| format!("{}/{}", m.id.body, m.id.folder()) == which).expect("meeting");
    exporter.files(m).expect("the package's files").1
}

/// Every element of an XML document: (name, attributes), in order.
fn elements(xml: &[u8]) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("utf-8");
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        let raw = String::from_utf8(a.value.to_vec()).expect("utf-8");
                        let value = quick_xml::escape::unescape(&raw).expect("value").into_owned();
                        (String::from_utf8(a.key.as_ref().to_vec()).expect("utf-8"), value)
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn attr<'a>(e: &'a (String, Vec<(String, String)>), name: &str) -> Option<&'a str> {
    e.1.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn root_mets_has_every_must_of_csip_and_sip() {
    let files = exporter_files(Options::default(), SOCIAL);
    let els = elements(&files[mets::ROOT]);
    let root = &els[0];
    assert_eq!(root.0, "mets:mets");
    assert_eq!(attr(root, "OBJID"), Some("anslag-exempelby-kommun-socialnamnden-2026-11-18"));
    assert_eq!(attr(root, "TYPE"), Some(mets::CONTENT_CATEGORY));
    assert_eq!(attr(root, "PROFILE"), Some("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"));
    let hdr = els.iter().find(|e| e.0 == "mets:metsHdr").expect("metsHdr");
    assert_eq!(attr(hdr, "CREATEDATE"), Some("2026-11-25T00:00:00"));
    assert_eq!(attr(hdr, "csip:OAISPACKAGETYPE"), Some("SIP"));
    let agent = els.iter().find(|e| e.0 == "mets:agent").expect("agent");
    assert_eq!(
        (attr(agent, "ROLE"), attr(agent, "TYPE"), attr(agent, "OTHERTYPE")),
        (Some("CREATOR"), Some("OTHER"), Some("SOFTWARE"))
    );
    assert!(els.iter().any(|e| e.0 == "mets:note" && attr(e, "csip:NOTETYPE") == Some("SOFTWARE VERSION")));
    let uses: Vec<&str> = els.iter().filter(|e| e.0 == "mets:fileGrp").filter_map(|e| attr(e, "USE")).collect();
    assert_eq!(
        uses,
        [
            "Documentation",
            "Schemas",
            "Representations/rep-source",
            "Representations/rep-html",
            "Representations/rep-pdf"
        ]
    );
    let map = els.iter().find(|e| e.0 == "mets:structMap").expect("structMap");
    assert_eq!((attr(map, "TYPE"), attr(map, "LABEL")), (Some("PHYSICAL"), Some("CSIP")));
    let listed: Vec<_> = els.iter().filter(|e| e.0 == "mets:file" || e.0 == "mets:mdRef").collect();
    assert!(listed.len() > 5);
    for f in listed {
        for a in ["MIMETYPE", "SIZE", "CREATED", "CHECKSUM"] {
            assert!(attr(f, a).is_some_and(|v| !v.is_empty()), "{a} missing on {f:?}");
        }
        assert_eq!(attr(f, "CHECKSUMTYPE"), Some("SHA-256"));
        assert!(f.0 == "mets:mdRef" || attr(f, "ID").is_some());
    }
    let flocats = els.iter().filter(|e| e.0 == "mets:FLocat").count();
    assert_eq!(flocats, els.iter().filter(|e| e.0 == "mets:file").count());
    let mptrs: Vec<_> = els.iter().filter(|e| e.0 == "mets:mptr").filter_map(|e| attr(e, "xlink:href")).collect();
    assert_eq!(
        mptrs,
        [
            "representations/rep-source/METS.xml",
            "representations/rep-html/METS.xml",
            "representations/rep-pdf/METS.xml"
        ]
    );
}

#[test]
fn representation_mets_lists_its_data_relative_to_its_folder() {
    let files = exporter_files(Options::default(), SOCIAL);
    let els = elements(&files["representations/rep-source/METS.xml"]);
    let hrefs: Vec<&str> = els.iter().filter(|e| e.0 == "mets:FLocat").filter_map(|e| attr(e, "xlink:href")).collect();
    let data: Vec<String> = files
        .keys()
        .filter_map(|p| p.strip_prefix("representations/rep-source/"))
        .filter(|p| p.starts_with("data/"))
        .map(str::to_owned)
        .collect();
    assert_eq!(hrefs, data);
    assert!(hrefs.contains(&"data/socialnamnden/2026-11-18/_meeting.md"));
    assert!(hrefs.contains(&"data/socialnamnden/2026-11-18/paragraf-005.md"), "{hrefs:?}");
    assert!(hrefs.contains(&"data/socialnamnden/_body.yaml") && hrefs.contains(&"data/site.yaml"));
}

/// (identifier, originalName) of every PREMIS object, in order; the
/// originalName must come right after objectCharacteristics (PREMIS 3.0's
/// sequence for a file).
fn original_names(premis: &[u8]) -> Vec<(String, Option<String>)> {
    let mut reader = Reader::from_reader(premis);
    let mut buf = Vec::new();
    let (mut out, mut path, mut text) = (Vec::new(), Vec::<String>::new(), String::new());
    let mut last_closed = String::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("utf-8");
                if name == "premis:originalName" {
                    assert_eq!(
                        last_closed, "premis:objectCharacteristics",
                        "originalName follows objectCharacteristics"
                    );
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content().expect("text")),
            Event::GeneralRef(r) => text.push_str(&format!("&{};", String::from_utf8_lossy(&r))),
            Event::End(_) => {
                let name = path.pop().expect("open element");
                let text = quick_xml::escape::unescape(&text).expect("text").into_owned();
                match name.as_str() {
                    "premis:objectIdentifierValue" => out.push((text, None)),
                    "premis:originalName" => out.last_mut().expect("object").1 = Some(text),
                    _ => {}
                }
                last_closed = name;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

#[test]
fn source_files_get_safe_names_and_premis_keeps_the_original_ones() {
    let files = exporter_files(Options::default(), SOCIAL);
    let names = original_names(&files[premis::PATH]);
    let of = |entry: &str| names.iter().find(|(id, _)| id == entry).map(|(_, o)| o.clone());
    let source = "representations/rep-source/data/socialnamnden/2026-11-18/";
    assert_eq!(
        of(&format!("{source}paragraf-005.md")),
        Some(Some("socialnamnden/2026-11-18/005-budgetuppfoljning-oktober.md".to_owned()))
    );
    assert_eq!(of(&format!("{source}_meeting.md")), Some(Some("socialnamnden/2026-11-18/_meeting.md".to_owned())));
    assert_eq!(
        of(&format!("{source}bilagor/budgetuppfoljning-oktober-2026.pdf")),
        Some(Some("socialnamnden/2026-11-18/bilagor/budgetuppfoljning-oktober-2026.pdf".to_owned()))
    );
    // Every rep-source file has its original name; pages and the PDF, at
    // their site paths, have none.
    for (id, original) in &names {
        assert_eq!(id.starts_with("representations/rep-source/"), original.is_some(), "{id}: {original:?}");
    }
    for path in files.keys() {
        assert!(names::is_safe_entry(path), "{path}");
    }
}

#[test]
fn safe_name_folds_to_portable_names() {
    use names::safe_name;
    assert_eq!(safe_name("Plan #1 (ny) 50%.pdf"), "plan-1-ny-50.pdf");
    assert_eq!(safe_name("Översikt åtgärder.PDF"), "oversikt-atgarder.pdf");
    assert_eq!(safe_name("Café é.docx"), "cafe-e.docx");
    assert_eq!(safe_name("x\\..\\..\\pwned.md"), "x-pwned.md");
    assert_eq!(safe_name("Karta: norr?.pdf"), "karta-norr.pdf");
    assert_eq!(safe_name("rapport.v2.final.pdf"), "rapport-v2-final.pdf");
    assert_eq!(safe_name("Utkast\u{1}\n.txt"), "utkast.txt");
    assert_eq!(safe_name("README"), "readme");
    for nothing in ["", ".", "..", "...", "§§", "--.md", "\u{0}"] {
        let name = safe_name(nothing);
        assert!(name == "fil" || name.starts_with("fil."), "{nothing:?} → {name}");
        assert!(names::is_safe_segment(&name));
    }
    assert_eq!(safe_name(".hidden"), "hidden");
    assert_eq!(safe_name(".PDF"), "pdf", "a leading dot starts no extension");
    assert_eq!(safe_name("CON.txt"), "con-fil.txt");
    assert_eq!(safe_name("lpt1"), "lpt1-fil");
    assert_eq!(safe_name("a.p d f!"), "a.pdf");
    let long = safe_name(&format!("{}.{}", "Å".repeat(200), "x".repeat(50)));
    assert!(long.len() <= 71 && long.starts_with("aaa") && long.ends_with(".xxxxxxxxxx"), "{long}");
    for hostile in ["x\\..\\..\\pwned.md", "../../etc/passwd", "C:\\x", "/abs", "a/b", "Ä\u{7f}", "nul.tar.gz"] {
        let name = safe_name(hostile);
        assert!(names::is_safe_segment(&name), "{hostile:?} → {name:?}");
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
    }
}

#[test]
fn safe_entries_are_relative_and_portable() {
    use names::is_safe_entry;
    for ok in ["a/b.pdf", "rep/data/Plan #1 (ny) 50%.pdf", "x/Översikt åtgärder.pdf", "a/.well-known", "a/..b"] {
        assert!(is_safe_entry(ok), "{ok}");
    }
    let bad = [
        "",
        "/abs",
        "a//b",
        "a/",
        "..",
        "a/../b",
        "a/./b",
        "x\\..\\..\\pwned.md",
        "C:/x",
        "a:b",
        "a/b\u{1}c",
        "a\nb",
        "a/b.",
        "a/b ",
        "a/CON",
        "a/con.txt",
        "a/lpt9.pdf",
        "a/b?c",
        "a/b*c",
        "a/<b>",
        "a/\"b\"",
        "a|b",
    ];
    for no in bad {
        assert!(!is_safe_entry(no), "{no:?}");
    }
    assert!(is_safe_entry("a/console.txt") && is_safe_entry("a/com10") && is_safe_entry("a/.b"));
}

#[test]
fn names_are_unique_within_a_folder_ignoring_case() {
    let mut n = names::Names::default();
    assert_eq!(n.named("ks/2026-01-02", "paragraf-001.md"), "ks/2026-01-02/paragraf-001.md");
    assert_eq!(n.file("ks/2026-01-02/Paragraf 001.md"), "ks/2026-01-02/paragraf-001-2.md");
    assert_eq!(n.file("ks/2026-01-02/bilagor/Plan.pdf"), "ks/2026-01-02/bilagor/plan.pdf");
    assert_eq!(n.file("ks/2026-01-02/bilagor/plan.pdf"), "ks/2026-01-02/bilagor/plan-2.pdf");
    assert_eq!(n.file("ks/2026-01-02/bilagor/PLAN.PDF"), "ks/2026-01-02/bilagor/plan-3.pdf");
    assert_eq!(n.file("ks/2026-01-02/Bilagor/plan.pdf"), "ks/2026-01-02/bilagor-2/plan.pdf");
    assert_eq!(n.file("ks/2026-01-02/bilagor/a"), "ks/2026-01-02/bilagor/a");
    assert_eq!(n.file("ks/2026-01-02/bilagor/A"), "ks/2026-01-02/bilagor/a-2");

    // Kept names come first; a name made later steps aside, also for case.
    let mut n = names::Names::default();
    assert!(n.keep("ks/2026-01-02/3/index.html"));
    assert!(n.keep("ks/2026-01-02/bilagor/Karta-norr.pdf"));
    assert!(!n.keep("ks/2026-01-02/bilagor/karta-norr.pdf"), "the same name on Windows and macOS");
    assert!(!n.keep("ks/2026-01-02/bilagor/Karta: norr.pdf"));
    assert_eq!(n.file("ks/2026-01-02/bilagor/Karta: norr.pdf"), "ks/2026-01-02/bilagor/karta-norr-2.pdf");
    assert_eq!(n.file("ks/2026-01-02/3"), "ks/2026-01-02/3-2");
}

#[test]
fn the_zip_writer_refuses_an_unsafe_entry() {
    let date: Date = "2026-11-25".parse().expect("date");
    for bad in ["x\\..\\..\\pwned.md", "../pwned.md", "a/b:c", "a/b\u{1}"] {
        let files = Files::from([("ok.txt".to_owned(), vec![]), (bad.to_owned(), b"x".to_vec())]);
        match zip("p", date, &files) {
            Err(ExportError::UnsafeEntry(name)) => assert_eq!(name, format!("p/{bad}")),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert!(matches!(zip("..", date, &Files::from([("a".to_owned(), vec![])])), Err(ExportError::UnsafeEntry(_))));
    assert!(zip("p", date, &Files::from([("a/Plan #1 (ny) 50%.pdf".to_owned(), vec![])])).is_ok());
}

#[test]
fn relink_points_only_links_at_a_moved_attachment() {
    let moved = BTreeMap::from([("ks/m/bilagor/Karta: norr.pdf".to_owned(), "ks/m/bilagor/karta-norr.pdf".to_owned())]);
    let page = concat!(
        r#"<a href="../../../ks/m/bilagor/Karta%3A%20norr.pdf">Karta</a> "#,
        r#"<a href="../../../ks/m/bilagor/Karta%3A%20norr.pdf#sida=2">s. 2</a> "#,
        r#"<img src="../../../ks/m/bilagor/Karta%3A%20norr.pdf?x=1"> "#,
        r#"<a href="../../../ks/m/bilagor/Karta%3A%20norr.pdf.old">other</a> "#,
        "text ../../../ks/m/bilagor/Karta%3A%20norr.pdf"
    );
    let out = String::from_utf8(representations::relink("ks/m/3/index.html", page.into(), &moved)).expect("utf-8");
    assert_eq!(
        out,
        concat!(
            r#"<a href="../../../ks/m/bilagor/karta-norr.pdf">Karta</a> "#,
            r#"<a href="../../../ks/m/bilagor/karta-norr.pdf#sida=2">s. 2</a> "#,
            r#"<img src="../../../ks/m/bilagor/karta-norr.pdf?x=1"> "#,
            r#"<a href="../../../ks/m/bilagor/Karta%3A%20norr.pdf.old">other</a> "#,
            "text ../../../ks/m/bilagor/Karta%3A%20norr.pdf"
        )
    );
    let untouched = b"<a href=\"x\">".to_vec();
    assert_eq!(representations::relink("a/index.html", untouched.clone(), &BTreeMap::new()), untouched);
}

#[test]
fn original_names_are_xml_safe() {
    assert_eq!(premis::xml_text("a\\b/Översikt #1.pdf"), "a\\b/Översikt #1.pdf");
    assert_eq!(premis::xml_text("Utkast\u{1}\r\n.txt"), "Utkast%01%0D%0A.txt");
    assert_eq!(premis::xml_text("a\u{85}\u{FFFE}"), "a%C2%85%EF%BF%BE");
}

#[test]
fn premis_records_the_redaction_and_the_source_leaves_it_out() {
    let files = exporter_files(Options::default(), SOCIAL);
    let premis = String::from_utf8(files[premis::PATH].clone()).expect("utf-8");
    assert!(premis.contains("<premis:eventType>redaction</premis:eventType>"), "{premis}");
    assert!(premis.contains("§ 7 (Individärende) omfattas av sekretess enligt 26 kap. 1 § OSL"), "{premis}");
    assert!(premis.contains("finns inte i paketet"));
    assert!(premis.contains("representations/rep-html/data/socialnamnden/2026-11-18/7/index.html"));
    assert!(!files.keys().any(|p| p.ends_with("paragraf-007.md")));
    assert!(!premis.contains("007-individarende.md"), "not even the name of a withheld file");
    assert!(files.values().all(|b| !String::from_utf8_lossy(b).contains("omedelbart omhändertagen")));

    let full = exporter_files(Options { include_confidential: true, ..Options::default() }, SOCIAL);
    assert!(full.contains_key("representations/rep-source/data/socialnamnden/2026-11-18/paragraf-007.md"));
    let premis = String::from_utf8(full[premis::PATH].clone()).expect("utf-8");
    assert!(premis.contains("finns i rep-source som de skrevs"));
    assert!(
        premis.contains("<premis:originalName>socialnamnden/2026-11-18/007-individarende.md</premis:originalName>")
    );
}

#[test]
fn a_meeting_without_confidential_paragraphs_has_no_redaction() {
    let files = exporter_files(Options::default(), "kommunstyrelsen/2026-11-09");
    let premis = String::from_utf8(files[premis::PATH].clone()).expect("utf-8");
    assert!(premis.contains("<premis:eventType>creation</premis:eventType>"));
    assert!(!premis.contains("redaction"));
}

#[test]
fn the_same_content_and_date_give_the_same_zip() {
    let files = exporter_files(Options::default(), SOCIAL);
    let date: Date = "2026-11-25".parse().expect("date");
    let a = zip("p", date, &files).expect("zip");
    let b = zip("p", date, &exporter_files(Options::default(), SOCIAL)).expect("zip");
    assert_eq!(a, b);
    let later = zip("p", "2026-11-26".parse().expect("date"), &files).expect("zip");
    assert_ne!(a, later, "the entries' times come from the export's date");
}

#[test]
fn every_href_is_percent_encoded() {
    let files = exporter_files(Options::default(), SOCIAL);
    for mets in files.keys().filter(|p| p.ends_with("METS.xml")) {
        for e in elements(&files[mets]) {
            if let Some(href) = attr(&e, "xlink:href") {
                let ok = |b: u8| b.is_ascii_alphanumeric() || b"-_.~/%".contains(&b);
                assert!(href.bytes().all(ok), "{mets}: {href}");
            }
        }
    }
    let listed = Listed::of("representations/rep-html/data/ks/m/bilagor/Plan #1 (ny) 50%.pdf", b"");
    assert_eq!(listed.href("representations/rep-html/"), "data/ks/m/bilagor/Plan%20%231%20%28ny%29%2050%25.pdf");
    assert_eq!(Listed::of("r/Å ?.pdf", b"").href(""), "r/%C3%85%20%3F.pdf");
}

#[test]
fn objid_is_a_safe_file_name() {
    assert_eq!(slug("Exempelby kommun"), "exempelby-kommun");
    assert_eq!(slug("Östra Göinge  kommun!"), "ostra-goinge-kommun");
    assert_eq!(slug("§§"), "site");
    assert_eq!(mime("a/B.PDF"), "application/pdf");
    assert_eq!(mime("a/_meeting.md"), "text/markdown");
}

/// Issue 18: the root METS names the archivist by organisationsnummer and,
/// with `--submission-agreement`, the leveransöverenskommelse; the
/// representations' METS carry neither.
#[test]
fn root_mets_names_the_archivist_by_org_number_and_the_submission_agreement() {
    let options = Options { submission_agreement: Some("LÖ 2026/17".into()), ..Options::default() };
    let files = exporter_files(options, SOCIAL);
    let els = elements(&files[mets::ROOT]);
    let archivist =
        els.iter().position(|e| e.0 == "mets:agent" && attr(e, "ROLE") == Some("ARCHIVIST")).expect("archivist");
    assert_eq!(attr(&els[archivist], "TYPE"), Some("ORGANIZATION"));
    let note = &els[archivist + 2];
    assert_eq!((note.0.as_str(), attr(note, "csip:NOTETYPE")), ("mets:note", Some("IDENTIFICATIONCODE")));
    let xml = String::from_utf8(files[mets::ROOT].clone()).expect("utf-8");
    assert!(xml.contains(">ORG:2120001884</mets:note>"), "{xml}");
    // altRecordID follows the agents inside metsHdr, as METS orders them.
    let alt = els.iter().position(|e| e.0 == "mets:altRecordID").expect("altRecordID");
    assert!(alt > archivist && alt < els.iter().position(|e| e.0 == "mets:dmdSec").expect("dmdSec"));
    assert_eq!(attr(&els[alt], "TYPE"), Some("SUBMISSIONAGREEMENT"));
    assert!(xml.contains(">LÖ 2026/17</mets:altRecordID>"));
    let rep = String::from_utf8(files["representations/rep-pdf/METS.xml"].clone()).expect("utf-8");
    assert!(!rep.contains("altRecordID") && !rep.contains("ARCHIVIST"));
    // Without the option, no altRecordID.
    let plain = exporter_files(Options::default(), SOCIAL);
    assert!(!String::from_utf8_lossy(&plain[mets::ROOT]).contains("altRecordID"));
    assert_eq!(submission_agreement("  LÖ-3 "), Ok("LÖ-3".to_owned()));
    assert!(submission_agreement("").is_err() && submission_agreement("a\nb").is_err());
    assert_eq!(mets::archivist_code("212000-1884"), "ORG:2120001884");
}

/// Issue 18: PREMIS's texts are in the site's language; its own values
/// (event and agent types) are PREMIS's.
#[test]
fn premis_texts_are_in_the_site_language() {
    let sv = exporter_files(Options::default(), SOCIAL);
    let sv = String::from_utf8(sv[premis::PATH].clone()).expect("utf-8");
    assert!(sv.contains("är skapat ur det justerade protokollet av anslag"), "{sv}");
    assert!(!sv.contains("made from the adjusted protocol") && !sv.contains("first published"));
    let en = exporter_files_in(Options::default(), SOCIAL, crate::model::Language::En);
    let en = String::from_utf8(en[premis::PATH].clone()).expect("utf-8");
    assert!(en.contains("made from the adjusted protocol by anslag"), "{en}");
    assert!(en.contains("is confidential under 26 kap. 1 § OSL"));
    assert!(!en.contains("är skapat") && !en.contains("omfattas av sekretess"));
    for xml in [&sv, &en] {
        assert!(xml.contains("<premis:eventType>creation</premis:eventType>"));
        assert!(xml.contains("<premis:agentType>organization</premis:agentType>"));
    }
}

/// Issue 18: the package's documentation is the Swedish text for the
/// archivist, not the developers' document.
#[test]
fn the_package_documentation_is_the_swedish_text_for_archivists() {
    let files = exporter_files(Options::default(), SOCIAL);
    let docs: Vec<&String> = files.keys().filter(|p| p.starts_with(mets::DOCUMENTATION_DIR)).collect();
    assert_eq!(docs, ["documentation/om-paketet.md"]);
    let text = String::from_utf8(files["documentation/om-paketet.md"].clone()).expect("utf-8");
    for words in [
        "# Om arkivpaketet",
        "FGS Paketstruktur 2.0",
        "E-ARK CSIP 2.1.0",
        "Så levererar du paketet till e-arkivet",
        "Kontrollsummor",
        "Sekretess och maskering",
        "SUBMISSIONAGREEMENT",
        "IDENTIFICATIONCODE",
    ] {
        assert!(text.contains(words), "om-paketet.md: {words}");
    }
    assert!(!text.contains("CI") && !text.contains("cargo"), "no developer notes");
    let mets = String::from_utf8_lossy(&files[mets::ROOT]).into_owned();
    assert!(mets.contains("documentation/om-paketet.md"));
}
