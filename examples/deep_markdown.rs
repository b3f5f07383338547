//! Times the Markdown stages on the texts of issue 16, finding 10 (nesting
//! far past the limits): validation's depth check, the HTML renderer (with
//! its sanitiser) and the PDF's blocks. None may recurse on such a text or
//! take long; validation refuses them (E049), the renderers must cope anyway.
//!
//!     cargo run --release --example deep_markdown
//!
//! Prints the time of each stage for each text.

use anslag::markdown::{Context, depth, to_html};
use anslag::pdf::blocks::{Links, markdown};
use std::time::Instant;

fn main() {
    let cases = [
        ("5 000 block quotes", format!("{}x", "> ".repeat(5_000))),
        ("3 000 lists", format!("{}x", "- ".repeat(3_000))),
        ("100 000 nested <div>s", format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000))),
        ("100 000 nested <div>s, one a line", "<div>\n".repeat(100_000)),
        ("100 000 nested <span>s in a paragraph", format!("text {}x", "<span>".repeat(100_000))),
    ];
    let cx = Context {
        heading_base: 3,
        column_label: "Kolumn",
        table_label: "Tabell",
        first_table: 1,
        id_prefix: "",
        link: None,
    };
    let links = Links { resolve: &|_| None, image_label: "Bild" };
    for (what, md) in &cases {
        let t = Instant::now();
        let found = depth::too_deep(md);
        let check = t.elapsed();
        let t = Instant::now();
        let html = to_html(md, &cx);
        let render = t.elapsed();
        let t = Instant::now();
        let blocks = markdown(md, 4, &links);
        let pdf = t.elapsed();
        println!(
            "{what}: depth check {check:.2?} ({:?}), HTML {render:.2?} ({} bytes), PDF blocks {pdf:.2?} ({} blocks)",
            found.map(|f| f.kind),
            html.html.len(),
            blocks.len()
        );
    }
}
