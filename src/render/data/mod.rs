//! Open data under [`urls::DATA`] (`data/`): JSON shaped after OParl 1.1 and
//! a CSV of every paragraph, described in `docs/open-data.md`, each JSON file
//! with a JSON Schema in `docs/schema/`.
//!
//! - [`oparl`]: `system.json`, `body.json`, `organizations.json`,
//!   `meetings.json`, `agenda-items.json`, `papers.json`, `files.json`;
//! - [`board`]: `anslagstavla.json`, the notice board;
//! - [`table`]: `paragraphs.csv` (UTF-8 with BOM, `;`, CRLF: for Excel with
//!   Swedish settings);
//! - [`text`]: a decision's Markdown as plain text;
//! - [`time`]: a meeting's free-text time as a start and end in Swedish time.
//!
//! Every id is an absolute URL: the file that holds the object and, for an
//! object in a list, a fragment naming it (`…/data/meetings.json#ks/2026-11-09`).
//! Objects refer to each other by id only, never by embedding. A confidential
//! paragraph gives its number, public title and legal ground and nothing
//! else, as on its page; the model never holds more. Output is deterministic:
//! structs in a fixed field order, lists in the site's order.

mod board;
mod oparl;
mod table;
mod time;

use super::{File, RenderError, Whole, urls};
use crate::model::MeetingId;
use serde::Serialize;

/// The files, by name under `data/`.
pub const SYSTEM: &str = "system.json";
pub const BODY: &str = "body.json";
pub const ORGANIZATIONS: &str = "organizations.json";
pub const MEETINGS: &str = "meetings.json";
pub const AGENDA_ITEMS: &str = "agenda-items.json";
pub const PAPERS: &str = "papers.json";
pub const FILES: &str = "files.json";
pub const BOARD: &str = "anslagstavla.json";
pub const PARAGRAPHS_CSV: &str = "paragraphs.csv";
/// The publishing record (anslagsbevis), as read and brought up to date by the build.
pub const RECORD: &str = "anslagsbevis.json";

/// Every file of the group.
pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let ids = Ids::new(&x.site.config.base_url);
    let graph = oparl::Graph::new(x, &ids)?;
    let board = board::entries(x, &ids);
    let mut out = vec![
        json(SYSTEM, &graph.system)?,
        json(BODY, &graph.body)?,
        json(ORGANIZATIONS, &ids.list(ORGANIZATIONS, graph.organizations))?,
        json(MEETINGS, &ids.list(MEETINGS, graph.meetings))?,
        json(AGENDA_ITEMS, &ids.list(AGENDA_ITEMS, graph.agenda_items))?,
        json(PAPERS, &ids.list(PAPERS, graph.papers))?,
        json(FILES, &ids.list(FILES, graph.files))?,
        json(BOARD, &ids.list(BOARD, board))?,
    ];
    out.push((format!("{}{PARAGRAPHS_CSV}", urls::DATA), table::paragraphs(x.site, &ids)?));
    out.push((format!("{}{RECORD}", urls::DATA), x.site.record.to_json()));
    Ok(out)
}

/// `value` as pretty-printed JSON with a final newline, at `data/<name>`.
fn json(name: &str, value: &impl Serialize) -> Result<File, RenderError> {
    let path = format!("{}{name}", urls::DATA);
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| RenderError::Whole(format!("{path}: {e}")))?;
    bytes.push(b'\n');
    Ok((path, bytes))
}

/// A list file: OParl's "external list" with its one page.
#[derive(Debug, Serialize)]
struct List<T> {
    data: Vec<T>,
    pagination: Pagination,
    links: Links,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    total_elements: usize,
    elements_per_page: usize,
    current_page: u32,
    total_pages: u32,
}

#[derive(Debug, Serialize)]
struct Links {
    first: String,
    last: String,
}

/// The absolute addresses: of pages, of the data files and of the objects in them.
pub struct Ids {
    /// `base_url` without its final `/`.
    base: String,
}

impl Ids {
    pub fn new(base_url: &str) -> Ids {
        Ids { base: base_url.trim_end_matches('/').to_owned() }
    }

    /// The absolute URL of a site address (a page, a copied file).
    pub fn abs(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    /// The absolute URL of a data file.
    pub fn data(&self, name: &str) -> String {
        self.abs(&format!("{}{name}", urls::DATA))
    }

    /// The id of an object in the list `name`: the list's URL and a fragment
    /// made of `key`'s segments, each percent-encoded.
    fn object(&self, name: &str, key: &str) -> String {
        format!("{}#{}", self.data(name), urls::encode_path(key))
    }

    pub fn organization(&self, slug: &str) -> String {
        self.object(ORGANIZATIONS, slug)
    }

    pub fn meeting(&self, m: &MeetingId) -> String {
        self.object(MEETINGS, &format!("{}/{}", m.body, m.folder()))
    }

    pub fn location(&self, m: &MeetingId) -> String {
        self.object(MEETINGS, &format!("{}/{}/plats", m.body, m.folder()))
    }

    pub fn agenda_item(&self, m: &MeetingId, number: u32) -> String {
        self.object(AGENDA_ITEMS, &format!("{}/{}/{number}", m.body, m.folder()))
    }

    /// The `k`-th document (from 1) of a paragraph.
    pub fn paper(&self, m: &MeetingId, number: u32, k: usize) -> String {
        self.object(PAPERS, &format!("{}/{}/{number}/{k}", m.body, m.folder()))
    }

    /// A copied attachment, by its content-relative path.
    pub fn file(&self, path: &str) -> String {
        self.object(FILES, path)
    }

    /// A list file around `data`, all on one page.
    fn list<T>(&self, name: &str, data: Vec<T>) -> List<T> {
        let url = self.data(name);
        let n = data.len();
        List {
            data,
            pagination: Pagination { total_elements: n, elements_per_page: n, current_page: 1, total_pages: 1 },
            links: Links { first: url.clone(), last: url },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_absolute_with_encoded_fragments() {
        let ids = Ids::new("https://www.exempelby.se/protokoll/");
        let m = MeetingId { body: "ks".into(), date: jiff::civil::date(2026, 11, 9), suffix: Some("extra".into()) };
        assert_eq!(ids.meeting(&m), "https://www.exempelby.se/protokoll/data/meetings.json#ks/2026-11-09-extra");
        assert_eq!(
            ids.agenda_item(&m, 7),
            "https://www.exempelby.se/protokoll/data/agenda-items.json#ks/2026-11-09-extra/7"
        );
        assert_eq!(ids.paper(&m, 7, 2), "https://www.exempelby.se/protokoll/data/papers.json#ks/2026-11-09-extra/7/2");
        assert_eq!(
            ids.file("ks/2026-11-09/bilagor/Plan #1 ö.pdf"),
            "https://www.exempelby.se/protokoll/data/files.json#ks/2026-11-09/bilagor/Plan%20%231%20%C3%B6.pdf"
        );
        assert_eq!(ids.abs("ks/"), "https://www.exempelby.se/protokoll/ks/");
        assert_eq!(Ids::new("https://x.se").data(SYSTEM), "https://x.se/data/system.json");
    }

    #[test]
    fn a_list_is_one_page() {
        let ids = Ids::new("https://x.se/");
        let v = serde_json::to_value(ids.list(MEETINGS, vec![1, 2, 3])).expect("serialises");
        assert_eq!(v["pagination"]["totalElements"], 3);
        assert_eq!(v["pagination"]["totalPages"], 1);
        assert_eq!(v["links"]["first"], "https://x.se/data/meetings.json");
        assert_eq!(v["data"], serde_json::json!([1, 2, 3]));
    }
}
