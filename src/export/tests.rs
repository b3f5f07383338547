//! Unit tests of the package: the METS MUSTs parsed back, PREMIS redaction,
//! determinism. The whole package on disk is tested in `tests/export.rs`.

use super::*;
use crate::render::testing::example_content;
use quick_xml::Reader;
use quick_xml::events::Event;

const SOCIAL: &str = "socialnamnden/2026-11-18";

fn exporter_files(options: Options, which: &str) -> Files {
    let (loaded, _) = crate::load::load(&example_content()).expect("load");
    let site = crate::validate::validate(&loaded, "2026-11-25".parse().expect("date")).site.expect("valid");
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
}

#[test]
fn premis_records_the_redaction_and_the_source_leaves_it_out() {
    let files = exporter_files(Options::default(), SOCIAL);
    let premis = String::from_utf8(files[premis::PATH].clone()).expect("utf-8");
    assert!(premis.contains("<premis:eventType>redaction</premis:eventType>"), "{premis}");
    assert!(premis.contains("§ 7 (Individärende) is confidential under 26 kap. 1 § OSL"));
    assert!(premis.contains("are not in this package"));
    assert!(premis.contains("representations/rep-html/data/socialnamnden/2026-11-18/7/index.html"));
    assert!(!files.keys().any(|p| p.ends_with("007-individarende.md")));
    assert!(files.values().all(|b| !String::from_utf8_lossy(b).contains("omedelbart omhändertagen")));

    let full = exporter_files(Options { include_confidential: true }, SOCIAL);
    assert!(full.contains_key("representations/rep-source/data/socialnamnden/2026-11-18/007-individarende.md"));
    let premis = String::from_utf8(full[premis::PATH].clone()).expect("utf-8");
    assert!(premis.contains("are in rep-source as written"));
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
fn objid_is_a_safe_file_name() {
    assert_eq!(slug("Exempelby kommun"), "exempelby-kommun");
    assert_eq!(slug("Östra Göinge  kommun!"), "ostra-goinge-kommun");
    assert_eq!(slug("§§"), "site");
    assert_eq!(mime("a/B.PDF"), "application/pdf");
    assert_eq!(mime("a/_meeting.md"), "text/markdown");
}
