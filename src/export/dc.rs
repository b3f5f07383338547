//! Descriptive metadata: the meeting and its paragraphs as simple Dublin
//! Core (DCMES 1.1, `schemas/dc.xsd`), in `metadata/descriptive/dc.xml`.
//! Only what the site publishes: a confidential paragraph is its number,
//! public title and legal ground.

use super::Head;
use super::xml::Xml;
use crate::model::{Adjustment, Content, Language, Paragraph};
use crate::urls;
use std::io;

pub const PATH: &str = "metadata/descriptive/dc.xml";
const NS: &str = "http://purl.org/dc/elements/1.1/";

/// The record of the meeting in `head`.
pub fn record(head: &Head<'_>) -> io::Result<Vec<u8>> {
    let (site, m) = (head.site, head.meeting);
    let sv = site.config.language == Language::Sv;
    let body = site.bodies.iter().find(|b| b.slug == m.id.body).map_or(m.id.body.as_str(), |b| b.name.as_str());
    let mut x = Xml::new()?;
    x.start("metadata", &[("xmlns:dc", NS)])?;
    let title = if sv { format!("{body}, protokoll {}", m.id.date) } else { format!("{body}, minutes {}", m.id.date) };
    x.leaf("dc:title", &[], &title)?;
    x.leaf("dc:identifier", &[], head.objid)?;
    let url = urls::absolute(&site.config.base_url, &urls::meeting(&m.id));
    x.leaf("dc:identifier", &[], &url)?;
    x.leaf("dc:creator", &[], body)?;
    x.leaf("dc:publisher", &[], &site.config.municipality)?;
    x.leaf("dc:date", &[], &m.id.date.to_string())?;
    x.leaf("dc:type", &[], "Text")?;
    x.leaf("dc:language", &[], if sv { "sv" } else { "en" })?;
    if let Some(place) = &m.place {
        x.leaf("dc:coverage", &[], place)?;
    }
    if let Adjustment::Adjusted { on, .. } = m.adjustment {
        let adjusted = if sv { format!("Justerat {on}") } else { format!("Adjusted {on}") };
        x.leaf("dc:description", &[], &adjusted)?;
    }
    for p in &m.paragraphs {
        x.leaf("dc:description", &[], &paragraph(p, sv))?;
    }
    x.end("metadata")?;
    Ok(x.finish())
}

/// `§ 5 Budgetuppföljning (Dnr SN 2026/1)`, or for a confidential paragraph
/// `§ 7 Individärende (sekretess: 26 kap. 1 § OSL)`.
fn paragraph(p: &Paragraph, sv: bool) -> String {
    match &p.content {
        Content::Public(x) if x.dnr.is_empty() => format!("§ {} {}", p.number, x.title),
        Content::Public(x) => format!("§ {} {} (Dnr {})", p.number, x.title, x.dnr.join(", ")),
        Content::Withdrawn { title, withdrawal } => {
            let word = if sv { "avpublicerad" } else { "withdrawn" };
            format!("§ {} {title} ({word} {})", p.number, withdrawal.date)
        }
        Content::Agenda { title, dnr } if dnr.is_empty() => format!("§ {} {title}", p.number),
        Content::Agenda { title, dnr } => format!("§ {} {title} (Dnr {})", p.number, dnr.join(", ")),
        Content::Confidential { public_title, legal_ground } => {
            let word = if sv { "sekretess" } else { "confidential" };
            format!("§ {} {public_title} ({word}: {legal_ground})", p.number)
        }
    }
}
