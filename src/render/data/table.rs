//! `paragraphs.csv`: one row per paragraph (§), in the site's order (body,
//! meeting, § number), for Excel with Swedish settings: UTF-8 with a byte
//! order mark, `;` between fields, CRLF after each row, a header row.
//!
//! Columns: `Nämnd` (the body's name), `Sammanträde` (the meeting's date,
//! with the folder's suffix for a second meeting that day), `Paragraf` (the
//! § number), `Diarienummer` (joined with ", "), `Rubrik`, `Beslut` (the
//! decision as plain text), `Sekretess` (the legal ground of a confidential
//! §, else empty), `Länk` (the paragraph's page). A confidential § gives its
//! number, public title and legal ground; its other fields are empty.
//!
//! A text field that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return gets a leading `'`, so that Excel or LibreOffice shows it as text
//! instead of running it as a formula (CSV injection, OWASP).

use super::Ids;
use crate::model::{Content, Site};
use crate::render::{RenderError, urls, views};

pub const HEADER: [&str; 8] =
    ["Nämnd", "Sammanträde", "Paragraf", "Diarienummer", "Rubrik", "Beslut", "Sekretess", "Länk"];

pub fn paragraphs(site: &Site, ids: &Ids) -> Result<Vec<u8>, RenderError> {
    let fail = |e: ::csv::Error| RenderError::Whole(format!("{}{}: {e}", urls::DATA, super::PARAGRAPHS_CSV));
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(HEADER).map_err(fail)?;
    for b in &site.bodies {
        for m in &b.meetings {
            for p in &m.paragraphs {
                let (dnr, title, decision, secrecy) = match &p.content {
                    Content::Public(x) => (
                        x.dnr.join(", "),
                        x.title.as_str(),
                        x.decision.as_ref().map(|d| crate::markdown::plain_text(&d.text)).unwrap_or_default(),
                        "",
                    ),
                    Content::Confidential { public_title, legal_ground } => {
                        (String::new(), public_title.as_str(), String::new(), legal_ground.as_str())
                    }
                    Content::Agenda { title, dnr } => (dnr.join(", "), title.as_str(), String::new(), ""),
                    Content::Withdrawn { title, withdrawal } => (
                        String::new(),
                        title.as_str(),
                        format!("Avpublicerad {}: {}", withdrawal.date, withdrawal.reason),
                        "",
                    ),
                };
                let number = p.number.to_string();
                let url = ids.abs(&urls::paragraph(&m.id, p.number));
                let label = views::meeting_label(m);
                let (name, dnr, title, decision, secrecy) =
                    (text(&b.name), text(&dnr), text(title), text(&decision), text(secrecy));
                w.write_record([&*name, &label, &number, &dnr, &title, &decision, &secrecy, &url]).map_err(fail)?;
            }
        }
    }
    w.into_inner().map_err(|e| RenderError::Whole(format!("{}{}: {e}", urls::DATA, super::PARAGRAPHS_CSV)))
}

/// A clerk's text as a cell a spreadsheet does not take for a formula.
fn text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn text_a_spreadsheet_would_run_gets_a_leading_apostrophe() {
        for s in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(s), format!("'{s}"));
        }
        for s in ["Beslut", "KS 2025/12", "", "1 000 kr", "a=b"] {
            assert_eq!(text(s), s);
        }
    }
}
