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
use std::io;

/// The software named as the packages' creator (METS agent, PREMIS agent).
pub const SOFTWARE: &str = "anslag";

pub const PATH: &str = "metadata/preservation/premis.xml";
const NS: &str = "http://www.loc.gov/premis/v3";
const LOCAL: &str = "local";

/// The PREMIS record of a package whose representation files are `objects`.
pub fn record(head: &Head<'_>, objects: &[Listed], redactions: &[Redaction]) -> io::Result<Vec<u8>> {
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
    let creation = format!("Package {} made from the adjusted protocol by {software}.", head.objid);
    event(&mut x, &format!("event-creation-{}", head.objid), "creation", &head.created, &creation, &[])?;
    for r in redactions {
        let id = format!("event-redaction-{}-{}", head.objid, r.number);
        event(&mut x, &id, "redaction", &head.created, &redaction_detail(r), std::slice::from_ref(&r.page))?;
    }
    let meeting = head.meeting.id.path();
    let entries = head.site.record.notices.iter().filter(|e| e.meeting.as_deref() == Some(meeting.as_str()));
    for (n, e) in entries.enumerate() {
        let id = format!("event-publication-{}-{}", head.objid, n + 1);
        let detail = if e.taken_over {
            format!(
                "{} ({}): posted {} by the content; recorded afterwards on {} by the publishing record (taken over, not checked).",
                e.title, e.notice, e.posted, e.first_published
            )
        } else {
            format!("{} ({}): first published on the municipality's site on {}.", e.title, e.notice, e.first_published)
        };
        event(&mut x, &id, "publication", &format!("{}T00:00:00", e.first_published), &detail, &[])?;
        for (k, c) in e.changes.iter().enumerate() {
            let id = format!("event-modification-{}-{}-{}", head.objid, n + 1, k + 1);
            let value = c.value.as_ref().map_or(String::new(), |v| format!(" to {v}"));
            let hash = c.sha256.as_ref().map_or(String::new(), |h| format!(" (SHA-256 {h})"));
            let detail = format!("{}: {} {:?}{value}{hash}, seen by the build of that day.", e.title, c.what, c.kind);
            event(&mut x, &id, "modification", &format!("{}T00:00:00", c.date), &detail, &[])?;
        }
    }
    agent(&mut x, "agent-software", &software, "software", Some(env!("CARGO_PKG_VERSION")))?;
    agent(&mut x, "agent-municipality", &head.site.config.municipality, "organization", None)?;
    x.end("premis:premis")?;
    Ok(x.finish())
}

/// What was left out for a confidential paragraph, and why.
pub fn redaction_detail(r: &Redaction) -> String {
    let source = if r.withheld {
        "its source file and attachments are not in this package (rep-source)"
    } else {
        "its source file and attachments are in rep-source as written (--include-confidential)"
    };
    format!(
        "§ {} ({}) is confidential under {}: the published pages (rep-html) show only its number, public title \
         and legal ground; {source}.",
        r.number, r.public_title, r.legal_ground
    )
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
