//! Attachments are published byte for byte, so their text is scanned for
//! personal identity numbers like every other published text: PDF (page by
//! page, with `pdf-extract`, a pure-Rust text extractor built on `lopdf`),
//! Word and LibreOffice documents and spreadsheets (DOCX, XLSX, ODT, ODS,
//! ODP: ZIP archives of XML), plain text (TXT, CSV, MD), and every file
//! name. A hit is an error at the reference that publishes the file, naming
//! the page or sheet. A file that cannot be read as text (an image, a scan
//! without text, a damaged or encrypted PDF, an unknown type) gets a warning:
//! never silence.
//!
//! Results are kept by path, size and modification time for the life of the
//! process, so `serve` scans a file again only when it changes.

use super::pnr::find_identity_numbers;
use super::reading;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What scanning one attachment found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// Read as text; no identity number.
    Clean,
    /// Identity numbers in these parts (pages of a PDF, parts of a
    /// document: `unit` is `page`, `part` or `text`), numbered from 1.
    Found { unit: &'static str, numbers: Vec<usize> },
    /// Not readable as text, and why.
    NotScanned(String),
}

type Key = (PathBuf, u64, Option<std::time::SystemTime>);

fn cache() -> &'static Mutex<HashMap<Key, Scan>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, Scan>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Scans the attachment at `path` (a regular file; others are not opened).
pub fn scan(path: &Path) -> Scan {
    let Ok(meta) = std::fs::metadata(path) else { return Scan::NotScanned("unreadable".into()) };
    if !meta.is_file() {
        return Scan::NotScanned("not a regular file".into());
    }
    let key = (path.to_owned(), meta.len(), meta.modified().ok());
    if let Some(found) = cache().lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
        return found.clone();
    }
    let result = match texts(path) {
        Ok((unit, parts)) => {
            let numbers: Vec<usize> = parts
                .iter()
                .enumerate()
                .filter(|(_, text)| !find_identity_numbers(&reading::plain(text).text).is_empty())
                .map(|(i, _)| i + 1)
                .collect();
            if numbers.is_empty() { Scan::Clean } else { Scan::Found { unit, numbers } }
        }
        Err(why) => Scan::NotScanned(why),
    };
    cache().lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, result.clone());
    result
}

/// Whether a file name holds an identity number (as a reader reads it).
pub fn name_has_number(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !find_identity_numbers(&reading::plain(name).text).is_empty()
}

/// The text of a file in parts, and what a part is (`page`, `part`, `text`).
fn texts(path: &Path) -> Result<(&'static str, Vec<String>), String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(("page", pdf(path)?)),
        "docx" => {
            let parts = ["word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml"];
            Ok(("part", office(path, &[&parts[..], &["word/comments.xml"]].concat())?))
        }
        "xlsx" => Ok(("part", office(path, &["xl/sharedStrings.xml", "xl/worksheets/"])?)),
        "odt" | "ods" | "odp" => Ok(("part", office(path, &["content.xml", "styles.xml"])?)),
        "txt" | "csv" | "md" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
            Ok(("text", vec![String::from_utf8_lossy(&bytes).into_owned()]))
        }
        "" => Err("no file type".into()),
        other => Err(format!("type .{other}")),
    }
}

fn pdf(path: &Path) -> Result<Vec<String>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    // The extractor may panic on a damaged file: that is "not scanned", not a crash.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(&bytes))
        .map_err(|_| "the PDF could not be read".to_owned())?
        .map_err(|e| e.to_string())?;
    let text: usize = pages.iter().map(|p| p.trim().len()).sum();
    if text == 0 {
        return Err("the PDF has no text (a scan?)".into());
    }
    Ok(pages)
}

/// The text of the XML parts of a ZIP-based office file whose names start
/// with one of `parts`, one piece per part, runs of a paragraph or cell
/// joined as a reader reads them.
fn office(path: &Path, parts: &[&str]) -> Result<Vec<String>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("not a readable document ({e})"))?;
    let mut names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    names.sort();
    let mut out = Vec::new();
    for name in names.iter().filter(|n| n.ends_with(".xml") && parts.iter().any(|p| n.starts_with(p))) {
        let mut xml = String::new();
        let entry = zip.by_name(name).map_err(|e| e.to_string())?;
        // Bounded: a decompression bomb is "not scanned", not an exhausted machine.
        entry.take(64 << 20).read_to_string(&mut xml).map_err(|e| e.to_string())?;
        out.push(xml_text(&xml));
    }
    if out.is_empty() {
        return Err("no text parts".into());
    }
    Ok(out)
}

/// The character data of an XML document: the text of elements, each
/// paragraph, cell or row ending a line (so a number is not run into the next).
fn xml_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Text(t)) => out.push_str(&t.decode().map(|s| s.into_owned()).unwrap_or_default()),
            Ok(Event::GeneralRef(r)) => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                out.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            Ok(Event::CData(t)) => out.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::End(e)) => {
                let local = e.local_name();
                let name = local.as_ref();
                if matches!(name, b"p" | b"tc" | b"c" | b"si" | b"row" | b"table-cell" | b"h" | b"tab" | b"br") {
                    out.push('\n');
                }
            }
            Ok(Event::Empty(e)) => {
                if matches!(e.local_name().as_ref(), b"tab" | b"br" | b"s" | b"line-break") {
                    out.push(' ');
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_xml_runs_join_and_paragraphs_separate() {
        let docx = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Sökande 1912</w:t></w:r><w:r><w:t>1212-1212</w:t></w:r></w:p><w:p><w:r><w:t>19121212</w:t></w:r></w:p><w:p><w:r><w:t>-1212</w:t></w:r></w:p></w:body></w:document>"#;
        let text = xml_text(docx);
        assert_eq!(find_identity_numbers(&text).len(), 1, "{text:?}");
        let xlsx = r#"<sst><si><t>19121212-1212</t></si><si><t>Budget &amp; plan</t></si></sst>"#;
        let text = xml_text(xlsx);
        assert!(text.contains("Budget & plan"), "{text:?}");
        assert_eq!(find_identity_numbers(&text).len(), 1);
    }

    #[test]
    fn file_names_are_read_like_text() {
        assert!(name_has_number("bilagor/beslut-19121212-1212.pdf"));
        assert!(name_has_number("bilagor/beslut 19121212\u{2014}1212.pdf"));
        assert!(!name_has_number("bilagor/budget-2027-forslag.pdf"));
    }

    #[test]
    fn unknown_types_are_not_scanned_and_say_so() {
        let dir = tempfile::tempdir().expect("tmp");
        let png = dir.path().join("karta.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n").expect("write");
        assert_eq!(scan(&png), Scan::NotScanned("type .png".into()));
        let txt = dir.path().join("lista.txt");
        std::fs::write(&txt, "Anna 19121212-1212\n").expect("write");
        assert_eq!(scan(&txt), Scan::Found { unit: "text", numbers: vec![1] });
    }
}
