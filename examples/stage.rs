//! Runs one costly stage of a build on a content tree and writes nothing:
//! for profiling it on its own (`perf record`, callgrind, `/usr/bin/time`).
//!
//!     stage pdf|search <content dir> <YYYY-MM-DD>
//!
//! `pdf` makes the protocol PDF of every adjusted meeting, one after the
//! other on one thread; `search` makes the search records and Pagefind's
//! index from them. Prints what was made and the seconds it took.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, stage, content, today] = &args[..] else {
        eprintln!("usage: stage pdf|search <content dir> <YYYY-MM-DD>");
        std::process::exit(2);
    };
    let (loaded, _) = anslag::load::load(std::path::Path::new(content)).expect("load");
    let site = anslag::validate::validate(&loaded, today.parse().expect("date")).site.expect("a valid site");
    let labels = anslag::render::labels(&site);
    let start = std::time::Instant::now();
    let (count, bytes) = match stage.as_str() {
        "pdf" => {
            let sizes = anslag::render::Sizes::new();
            let (mut count, mut bytes) = (0usize, 0usize);
            for body in &site.bodies {
                for m in body.meetings.iter().filter(|m| anslag::pdf::has_pdf(m)) {
                    let pdf = anslag::pdf::protocol(&site, body, m, &labels, &sizes).expect("pdf");
                    count += 1;
                    bytes += pdf.len();
                }
            }
            (count, bytes)
        }
        "search" => {
            let records = anslag::render::search::records(&site, &labels);
            eprintln!("records: {} in {:.3} s", records.len(), start.elapsed().as_secs_f64());
            let files = anslag::render::search::index(records).expect("index");
            (files.len(), files.iter().map(|f| f.1.len()).sum())
        }
        other => {
            eprintln!("unknown stage {other}: pdf or search");
            std::process::exit(2);
        }
    };
    println!("{stage}: {count} files, {bytes} bytes, {:.3} s", start.elapsed().as_secs_f64());
}
