//! The METS files: the package's root `METS.xml` and one per
//! representation, with every MUST of E-ARK CSIP 2.1.0 and SIP 2.1.0
//! (`OBJID`, `TYPE`, `PROFILE`, `metsHdr` with `CREATEDATE`,
//! `csip:OAISPACKAGETYPE="SIP"` and the software agent with its version,
//! file groups, a `PHYSICAL` structMap labelled `CSIP`, and for every file
//! `ID`, `MIMETYPE`, `SIZE`, `CREATED`, a SHA-256 `CHECKSUM` and `FLocat`).
//! Every `xlink:href` is a relative URI reference, percent-encoded
//! ([`super::names::href`]).

use super::representations::Representation;
use super::xml::Xml;
use super::{Head, Listed, dc, premis, schemas};
use std::io;

pub const ROOT: &str = "METS.xml";
pub const SCHEMAS_DIR: &str = "schemas/";
pub const DOCUMENTATION_DIR: &str = "documentation/";
/// The SIP profile (its URL is what SIP2 asks for).
pub const PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// CSIP content category: the protocol is a digital text.
pub const CONTENT_CATEGORY: &str = "Textual works \u{2013} Digital";

const NS: [(&str, &str); 5] = [
    ("xmlns:mets", "http://www.loc.gov/METS/"),
    ("xmlns:csip", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"),
    ("xmlns:sip", "https://DILCIS.eu/XML/METS/SIPExtensionMETS"),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
];

/// The package's `METS.xml`: metadata, documentation, schemas and a pointer
/// to each representation's METS. `listed` is every file outside
/// `representations/`, `rep_mets` the representations' METS files.
pub fn root(head: &Head<'_>, listed: &[Listed], reps: &[Representation], rep_mets: &[Listed]) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let locations = schemas::mets_locations(0);
    open_mets(&mut x, head.objid, &locations, &[("csip:CONTENTINFORMATIONTYPE", "MIXED")])?;
    header(&mut x, head, true)?;
    let (dmd, amd) = ("dmd-dc", "amd-premis");
    let one = |path: &str| listed.iter().find(|l| l.path == path);
    if let Some(l) = one(dc::PATH) {
        x.start("mets:dmdSec", &[("ID", dmd), ("CREATED", &head.created), ("STATUS", "CURRENT")])?;
        md_ref(&mut x, l, "DC", head)?;
        x.end("mets:dmdSec")?;
    }
    if let Some(l) = one(premis::PATH) {
        x.start("mets:amdSec", &[("ID", amd)])?;
        x.start("mets:digiprovMD", &[("ID", "digiprov-premis"), ("CREATED", &head.created), ("STATUS", "CURRENT")])?;
        md_ref(&mut x, l, "PREMIS", head)?;
        x.end("mets:digiprovMD")?;
        x.end("mets:amdSec")?;
    }
    x.start("mets:fileSec", &[("ID", "file-section")])?;
    let docs: Vec<&Listed> = listed.iter().filter(|l| l.path.starts_with(DOCUMENTATION_DIR)).collect();
    let schemas: Vec<&Listed> = listed.iter().filter(|l| l.path.starts_with(SCHEMAS_DIR)).collect();
    file_group(&mut x, "grp-documentation", "Documentation", &[], &docs, "", head)?;
    file_group(&mut x, "grp-schemas", "Schemas", &[], &schemas, "", head)?;
    for (rep, mets) in reps.iter().zip(rep_mets) {
        let other = [("csip:CONTENTINFORMATIONTYPE", "OTHER"), ("csip:OTHERCONTENTINFORMATIONTYPE", rep.kind)];
        file_group(&mut x, &group_id(rep), &rep.group(), &other, &[mets], "", head)?;
    }
    x.end("mets:fileSec")?;
    x.start("mets:structMap", &[("ID", "struct-map"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])?;
    x.start("mets:div", &[("ID", "div-package"), ("LABEL", head.objid)])?;
    x.empty("mets:div", &[("ID", "div-metadata"), ("LABEL", "Metadata"), ("DMDID", dmd), ("ADMID", amd)])?;
    div_with_pointer(&mut x, "div-documentation", "Documentation", &["grp-documentation"])?;
    div_with_pointer(&mut x, "div-schemas", "Schemas", &["grp-schemas"])?;
    let groups: Vec<String> = reps.iter().map(group_id).collect();
    x.start("mets:div", &[("ID", "div-representations"), ("LABEL", "Representations")])?;
    for g in &groups {
        x.empty("mets:fptr", &[("FILEID", g)])?;
    }
    for rep in reps {
        let id = format!("div-{}", rep.name);
        x.start("mets:div", &[("ID", &id), ("LABEL", &rep.group())])?;
        let href = super::names::href(&rep.mets());
        let mptr =
            [("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", &href), ("xlink:title", &group_id(rep))];
        x.empty("mets:mptr", &mptr)?;
        x.end("mets:div")?;
    }
    x.end("mets:div")?;
    x.end("mets:div")?;
    x.end("mets:structMap")?;
    x.end("mets:mets")?;
    Ok(x.finish())
}

/// A representation's `METS.xml`: its data files, paths relative to its folder.
pub fn representation(head: &Head<'_>, rep: &Representation, listed: &[Listed]) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let objid = format!("{}/{}", head.objid, rep.name);
    let locations = schemas::mets_locations(2);
    let other = [("csip:CONTENTINFORMATIONTYPE", "OTHER"), ("csip:OTHERCONTENTINFORMATIONTYPE", rep.kind)];
    open_mets(&mut x, &objid, &locations, &other)?;
    header(&mut x, head, false)?;
    x.start("mets:fileSec", &[("ID", "file-section")])?;
    let all: Vec<&Listed> = listed.iter().collect();
    file_group(&mut x, "grp-data", &rep.group(), &other, &all, &rep.dir(), head)?;
    x.end("mets:fileSec")?;
    x.start("mets:structMap", &[("ID", "struct-map"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])?;
    x.start("mets:div", &[("ID", "div-representation"), ("LABEL", &objid)])?;
    div_with_pointer(&mut x, "div-data", "Data", &["grp-data"])?;
    x.end("mets:div")?;
    x.end("mets:structMap")?;
    x.end("mets:mets")?;
    Ok(x.finish())
}

fn group_id(rep: &Representation) -> String {
    format!("grp-{}", rep.name)
}

fn open_mets(x: &mut Xml, objid: &str, locations: &str, extra: &[(&str, &str)]) -> io::Result<()> {
    let mut attrs: Vec<(&str, &str)> = NS.to_vec();
    attrs.extend([("xsi:schemaLocation", locations), ("OBJID", objid), ("TYPE", CONTENT_CATEGORY)]);
    attrs.extend_from_slice(extra);
    attrs.push(("PROFILE", PROFILE));
    x.start("mets:mets", &attrs)
}

/// `metsHdr`: the date, the package type, the software that made it and,
/// in the root METS, the municipality whose records these are (SIP:
/// the archival creator, `ROLE="ARCHIVIST"`).
fn header(x: &mut Xml, head: &Head<'_>, root: bool) -> io::Result<()> {
    let attrs = [("CREATEDATE", head.created.as_str()), ("RECORDSTATUS", "NEW"), ("csip:OAISPACKAGETYPE", "SIP")];
    x.start("mets:metsHdr", &attrs)?;
    x.start("mets:agent", &[("ROLE", "CREATOR"), ("TYPE", "OTHER"), ("OTHERTYPE", "SOFTWARE")])?;
    x.leaf("mets:name", &[], premis::SOFTWARE)?;
    x.leaf("mets:note", &[("csip:NOTETYPE", "SOFTWARE VERSION")], env!("CARGO_PKG_VERSION"))?;
    x.end("mets:agent")?;
    if root {
        x.start("mets:agent", &[("ROLE", "ARCHIVIST"), ("TYPE", "ORGANIZATION")])?;
        x.leaf("mets:name", &[], &head.site.config.municipality)?;
        if let Some(org) = &head.site.config.contact.org_number {
            x.leaf("mets:note", &[("csip:NOTETYPE", "IDENTIFICATIONCODE")], &archivist_code(org))?;
        }
        x.end("mets:agent")?;
        if let Some(id) = head.submission_agreement {
            x.leaf("mets:altRecordID", &[("TYPE", "SUBMISSIONAGREEMENT")], id)?;
        }
    }
    x.end("mets:metsHdr")
}

/// The archivist's identification code: `ORG:` and the organisationsnummer's
/// ten digits (`212000-1884` → `ORG:2120001884`), as FGS writes it.
pub fn archivist_code(org_number: &str) -> String {
    format!("ORG:{}", org_number.chars().filter(char::is_ascii_digit).collect::<String>())
}

/// The attributes every listed file carries.
fn file_attrs<'a>(l: &'a Listed, created: &'a str, size: &'a str) -> [(&'a str, &'a str); 5] {
    [("MIMETYPE", l.mime), ("SIZE", size), ("CREATED", created), ("CHECKSUM", &l.sha256), ("CHECKSUMTYPE", "SHA-256")]
}

fn md_ref(x: &mut Xml, l: &Listed, mdtype: &str, head: &Head<'_>) -> io::Result<()> {
    let size = l.size.to_string();
    let href = super::names::href(&l.path);
    let mut attrs = vec![("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", href.as_str())];
    attrs.push(("MDTYPE", mdtype));
    attrs.extend(file_attrs(l, &head.created, &size));
    x.empty("mets:mdRef", &attrs)
}

fn file_group(
    x: &mut Xml,
    id: &str,
    use_: &str,
    extra: &[(&str, &str)],
    files: &[&Listed],
    dir: &str,
    head: &Head<'_>,
) -> io::Result<()> {
    let mut attrs = vec![("ID", id), ("USE", use_)];
    attrs.extend_from_slice(extra);
    x.start("mets:fileGrp", &attrs)?;
    for l in files {
        let size = l.size.to_string();
        let mut attrs = vec![("ID", l.id.as_str())];
        attrs.extend(file_attrs(l, &head.created, &size));
        x.start("mets:file", &attrs)?;
        let href = l.href(dir);
        x.empty("mets:FLocat", &[("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", &href)])?;
        x.end("mets:file")?;
    }
    x.end("mets:fileGrp")
}

fn div_with_pointer(x: &mut Xml, id: &str, label: &str, file_ids: &[&str]) -> io::Result<()> {
    x.start("mets:div", &[("ID", id), ("LABEL", label)])?;
    for f in file_ids {
        x.empty("mets:fptr", &[("FILEID", f)])?;
    }
    x.end("mets:div")
}
