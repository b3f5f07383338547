//! Preservation metadata (PREMIS 3.0, `schemas/premis.xsd`) in
//! `metadata/preservation/premis.xml`: every file of the representations
//! as an object (size, SHA-256, format and, where its path in the package
//! is not the one it had, its `originalName`), the creation of the package as an
//! event, the software and the municipality as agents, one redaction event
//! for each confidential paragraph, and the publishing record's entries for
//! the meeting (anslagsbevis): a `publication` event for each of its notices
//! on the day it was first published, a `modification` event for each
//! change recorded since.

use super::representations::Redaction;
use super::xml::Xml;
use super::{Head, Listed};
use crate::i18n::{Catalog, Lang};
use std::io;

/// The software named as the packages' creator (METS agent, PREMIS agent).
pub const SOFTWARE: &str = "anslag";

pub const PATH: &str = "metadata/preservation/premis.xml";
const NS: &str = "http://www.loc.gov/premis/v3";
const LOCAL: &str = "local";

/// The PREMIS record of a package whose representation files are `objects`.
/// Its texts (event details) are in the site's language (`premis-*` in
/// `i18n/<lang>/anslag.ftl`); PREMIS's own values (event and agent types)
/// stay as the standard names them.
pub fn record(head: &Head<'_>, objects: &[Listed], redactions: &[Redaction]) -> io::Result<Vec<u8>> {
    let t = catalog(head.site);
    let mut x = Xml::new()?;
    let attrs = [
        ("xmlns:premis", NS),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://www.loc.gov/premis/v3 ../../schemas/premis.xsd"),
        ("version", "3.0"),
    ];
    x.start("premis:premis", &attrs)?;
    for o in objects {
        object(&mut x, o)?;
    }
    let software = format!("{} {}", SOFTWARE, env!("CARGO_PKG_VERSION"));
    let creation = t.get("premis-creation", &[("objid", head.objid.to_owned()), ("software", software.clone())]);
    event(&mut x, &format!("event-creation-{}", head.objid), "creation", &head.created, &creation, &[])?;
    for r in redactions {
        let id = format!("event-redaction-{}-{}", head.objid, r.number);
        event(&mut x, &id, "redaction", &head.created, &redaction_detail(&t, r), std::slice::from_ref(&r.page))?;
    }
    let meeting = head.meeting.id.path();
    let entries = head.site.record.notices.iter().filter(|e| e.meeting.as_deref() == Some(meeting.as_str()));
    for (n, e) in entries.enumerate() {
        let id = format!("event-publication-{}-{}", head.objid, n + 1);
        let args = [
            ("title", e.title.clone()),
            ("notice", e.notice.clone()),
            ("posted", e.posted.to_string()),
            ("first", e.first_published.to_string()),
        ];
        let detail = t.get(if e.taken_over { "premis-publication-taken-over" } else { "premis-publication" }, &args);
        event(&mut x, &id, "publication", &format!("{}T00:00:00", e.first_published), &detail, &[])?;
        for (k, c) in e.changes.iter().enumerate() {
            let id = format!("event-modification-{}-{}-{}", head.objid, n + 1, k + 1);
            let kind =
                serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let args = [
                ("title", e.title.clone()),
                ("what", c.what.clone()),
                ("kind", kind),
                ("value", c.value.clone().unwrap_or_else(|| "none".into())),
                ("sha", c.sha256.clone().unwrap_or_else(|| "none".into())),
            ];
            let detail = t.get("premis-modification", &args);
            event(&mut x, &id, "modification", &format!("{}T00:00:00", c.date), &detail, &[])?;
        }
    }
    agent(&mut x, "agent-software", &software, "software", Some(env!("CARGO_PKG_VERSION")))?;
    agent(&mut x, "agent-municipality", &head.site.config.municipality, "organization", None)?;
    x.end("premis:premis")?;
    Ok(x.finish())
}

/// The messages in the site's language.
pub fn catalog(site: &crate::model::Site) -> Catalog {
    Catalog::new(match site.config.language {
        crate::model::Language::Sv => Lang::Sv,
        crate::model::Language::En => Lang::En,
    })
}

/// What was left out for a confidential paragraph, and why.
pub fn redaction_detail(t: &Catalog, r: &Redaction) -> String {
    let args = [
        ("number", r.number.to_string()),
        ("title", r.public_title.clone()),
        ("ground", r.legal_ground.clone()),
        ("withheld", if r.withheld { "yes" } else { "no" }.to_owned()),
    ];
    t.get("premis-redaction", &args)
}

fn identifier(x: &mut Xml, element: &str, value: &str) -> io::Result<()> {
    x.start(&format!("premis:{element}Identifier"), &[])?;
    x.leaf(&format!("premis:{element}IdentifierType"), &[], LOCAL)?;
    x.leaf(&format!("premis:{element}IdentifierValue"), &[], value)?;
    x.end(&format!("premis:{element}Identifier"))
}

fn object(x: &mut Xml, o: &Listed) -> io::Result<()> {
    x.start("premis:object", &[("xsi:type", "premis:file")])?;
    identifier(x, "object", &o.path)?;
    x.start("premis:objectCharacteristics", &[])?;
    x.leaf("premis:compositionLevel", &[], "0")?;
    x.start("premis:fixity", &[])?;
    x.leaf("premis:messageDigestAlgorithm", &[], "SHA-256")?;
    x.leaf("premis:messageDigest", &[], &o.sha256)?;
    x.end("premis:fixity")?;
    x.leaf("premis:size", &[], &o.size.to_string())?;
    x.start("premis:format", &[])?;
    x.start("premis:formatDesignation", &[])?;
    x.leaf("premis:formatName", &[], o.mime)?;
    x.end("premis:formatDesignation")?;
    x.end("premis:format")?;
    x.end("premis:objectCharacteristics")?;
    if let Some(original) = &o.original {
        x.leaf("premis:originalName", &[], &xml_text(original))?;
    }
    x.end("premis:object")
}

/// `s` as XML 1.0 can hold it: a control character or U+FFFE/U+FFFF (which XML cannot carry,
/// or would turn a CR into a LF) as `%XX`, as in a URI; all else as it is.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            let mut buf = [0; 4];
            c.encode_utf8(&mut buf).bytes().for_each(|b| out.push_str(&format!("%{b:02X}")));
        } else {
            out.push(c);
        }
    }
    out
}

fn event(x: &mut Xml, id: &str, kind: &str, date: &str, detail: &str, objects: &[String]) -> io::Result<()> {
    x.start("premis:event", &[])?;
    identifier(x, "event", id)?;
    x.leaf("premis:eventType", &[], kind)?;
    x.leaf("premis:eventDateTime", &[], date)?;
    x.start("premis:eventDetailInformation", &[])?;
    x.leaf("premis:eventDetail", &[], detail)?;
    x.end("premis:eventDetailInformation")?;
    x.start("premis:linkingAgentIdentifier", &[])?;
    x.leaf("premis:linkingAgentIdentifierType", &[], LOCAL)?;
    x.leaf("premis:linkingAgentIdentifierValue", &[], "agent-software")?;
    x.end("premis:linkingAgentIdentifier")?;
    for o in objects {
        x.start("premis:linkingObjectIdentifier", &[])?;
        x.leaf("premis:linkingObjectIdentifierType", &[], LOCAL)?;
        x.leaf("premis:linkingObjectIdentifierValue", &[], o)?;
        x.end("premis:linkingObjectIdentifier")?;
    }
    x.end("premis:event")
}

fn agent(x: &mut Xml, id: &str, name: &str, kind: &str, version: Option<&str>) -> io::Result<()> {
    x.start("premis:agent", &[])?;
    identifier(x, "agent", id)?;
    x.leaf("premis:agentName", &[], name)?;
    x.leaf("premis:agentType", &[], kind)?;
    if let Some(v) = version {
        x.leaf("premis:agentVersion", &[], v)?;
    }
    x.end("premis:agent")
}
