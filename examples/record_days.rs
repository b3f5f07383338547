//! Writes the publishing record (anslagsbevis) that daily builds on the real
//! day would have kept for a content tree, from one day to another
//! ([`anslag::record::kept_daily`]: each day validated as of that day, what
//! it publishes observed, checked and appended, exactly as `anslag build` on
//! that real day does). The example site's `examples/anslagsbevis.json` is
//! made this way (the content as it is now, built every day from the first
//! day on; `tests/suite/record.rs` checks it stays so):
//!
//!     cargo run --example record_days -- content 2026-11-16 2026-11-25 examples/anslagsbevis.json

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, from, to, out] = args.as_slice() else {
        eprintln!("usage: record_days <content dir> <first day> <last day> <journal file>");
        std::process::exit(2);
    };
    let day = |s: &str| s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
    let content = Path::new(content);
    let (loaded, _) = anslag::load::load(content).expect("the content folder");
    let record = anslag::record::kept_daily(&loaded, content, day(from), day(to)).unwrap_or_else(|e| panic!("{e}"));
    anslag::record::write_journal(Path::new(out), &record).expect("write the journal");
    println!("{} notices recorded, started {:?}", record.notices.len(), record.started);
}
