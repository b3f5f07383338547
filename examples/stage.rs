//! Runs one costly stage of a build on a content tree and writes nothing:
//! for profiling it on its own (`perf record`, callgrind, `/usr/bin/time`).
//!
//!     stage pdf|search|views <content dir> <YYYY-MM-DD>
//!
//! `pdf` makes the protocol PDF of every adjusted meeting, one after the
//! other on one thread; `search` makes the search records and Pagefind's
//! index from them. Prints what was made and the seconds it took, and one
//! SHA-256 over everything made (every PDF; every index file's name and
//! bytes): a patch to a crate meant to keep every byte shows the same sum.

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
            let mut all = <sha2::Sha256 as sha2::Digest>::new();
            for body in &site.bodies {
                for m in body.meetings.iter().filter(|m| anslag::pdf::has_pdf(m)) {
                    let pdf = anslag::pdf::protocol(&site, body, m, &labels, &sizes).expect("pdf");
                    count += 1;
                    bytes += pdf.len();
                    sha2::Digest::update(&mut all, &pdf);
                }
            }
            eprintln!("pdf: SHA-256 of all {}", hex(all));
            (count, bytes)
        }
        "search" => {
            let records = anslag::render::search::records(&site, &labels);
            eprintln!("records: {} in {:.3} s", records.len(), start.elapsed().as_secs_f64());
            let files = anslag::render::search::index(records).expect("index");
            let mut all = <sha2::Sha256 as sha2::Digest>::new();
            for (name, bytes) in &files {
                sha2::Digest::update(&mut all, name.as_bytes());
                sha2::Digest::update(&mut all, bytes);
            }
            eprintln!("search: SHA-256 of all {}", hex(all));
            (files.len(), files.iter().map(|f| f.1.len()).sum())
        }
        "views" => {
            // Every page's view built, then hashed (SHA-256 of its JSON), then
            // rendered: what a page's key costs next to rendering it.
            let theme = anslag::render::Theme::for_site(std::path::Path::new(content), &site).expect("theme");
            let sizes = anslag::render::Sizes::new();
            let pdf = |_: usize, _: usize| Some(1);
            let inputs = anslag::render::pages::Inputs {
                site: &site,
                labels: &labels,
                sizes: &sizes,
                style: theme.style_suffix(),
                markdown: None,
                pdf: &pdf,
            };
            let pages = anslag::render::pages::all(&site);
            let specs: Vec<_> = pages.iter().flat_map(|p| p.specs(&inputs)).collect();
            let built = start.elapsed();
            let mut bytes = 0;
            for s in &specs {
                let json = serde_json::to_vec(&s.view).expect("json");
                bytes += json.len();
                std::hint::black_box(<sha2::Sha256 as sha2::Digest>::digest(&json));
            }
            let hashed = start.elapsed();
            let mut html = 0;
            let shown_labels = anslag::render::Theme::labels(&labels);
            for s in &specs {
                html += theme.render(s.template, &s.view, &shown_labels).expect("render").len();
            }
            eprintln!(
                "views: {} built in {:.3} s; JSON {bytes} bytes hashed in {:.3} s; rendered {html} bytes in {:.3} s",
                specs.len(),
                built.as_secs_f64(),
                (hashed - built).as_secs_f64(),
                (start.elapsed() - hashed).as_secs_f64()
            );
            (specs.len(), html)
        }
        other => {
            eprintln!("unknown stage {other}: pdf or search");
            std::process::exit(2);
        }
    };
    println!("{stage}: {count} files, {bytes} bytes, {:.3} s", start.elapsed().as_secs_f64());
}

/// The sum of everything fed to `all`, in hex.
fn hex(all: sha2::Sha256) -> String {
    sha2::Digest::finalize(all).iter().map(|b| format!("{b:02x}")).collect()
}
