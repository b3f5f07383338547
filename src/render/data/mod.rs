//! Open data under [`urls::DATA`] (`data/`) besides the OParl endpoint
//! ([`super::oparl`], `oparl/`), described in `docs/open-data.md`:
//!
//! - [`board`]: `anslagstavla.json`, the notice board (JSON Schema in
//!   `docs/schema/anslagstavla.schema.json`);
//! - [`table`]: `paragraphs.csv` (UTF-8 with BOM, `;`, CRLF: for Excel with
//!   Swedish settings);
//! - `anslagsbevis.json`, the publishing record;
//! - [`time`]: a meeting's free-text time as a start and end in Swedish time
//!   (for the endpoint).
//!
//! Output is deterministic: structs in a fixed field order, lists in the
//! site's order.

mod board;
mod table;
pub(crate) mod time;

use super::{File, RenderError, Whole, urls};
use crate::model::BodyKind;
use serde::Serialize;

pub use super::oparl::Ids;

/// The files, by name under `data/`.
pub const BOARD: &str = "anslagstavla.json";
pub const PARAGRAPHS_CSV: &str = "paragraphs.csv";
/// The publishing record (anslagsbevis), as read and brought up to date by the build.
pub const RECORD: &str = "anslagsbevis.json";

/// Every file of the group.
pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let ids = Ids::new(&x.site.config.base_url);
    let board = board::entries(x, &ids);
    Ok(vec![
        super::json_file(format!("{}{BOARD}", urls::DATA), &list(&ids, BOARD, board))?,
        (format!("{}{PARAGRAPHS_CSV}", urls::DATA), table::paragraphs(x.site, &ids)?),
        (format!("{}{RECORD}", urls::DATA), x.site.record.to_json()),
    ])
}

/// A body's kind as in the content format.
pub fn classification(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Fullmaktige => "fullmäktige",
        BodyKind::Styrelse => "styrelse",
        BodyKind::Namnd => "nämnd",
        BodyKind::Utskott => "utskott",
        BodyKind::Beredning => "beredning",
        BodyKind::Other => "other",
    }
}

/// A list file in OParl's list shape, all on one page.
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

/// The list file `data/<name>` around `data`, all on one page.
fn list<T>(ids: &Ids, name: &str, data: Vec<T>) -> List<T> {
    let url = ids.abs(&format!("{}{name}", urls::DATA));
    let n = data.len();
    List {
        data,
        pagination: Pagination { total_elements: n, elements_per_page: n, current_page: 1, total_pages: 1 },
        links: Links { first: url.clone(), last: url },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_one_page() {
        let ids = Ids::new("https://x.se/");
        let v = serde_json::to_value(list(&ids, BOARD, vec![1, 2, 3])).expect("serialises");
        assert_eq!(v["pagination"]["totalElements"], 3);
        assert_eq!(v["pagination"]["totalPages"], 1);
        assert_eq!(v["links"]["first"], "https://x.se/data/anslagstavla.json");
        assert_eq!(v["data"], serde_json::json!([1, 2, 3]));
    }
}
