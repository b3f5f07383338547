//! Scratch measurement (not part of the build): Pagefind's memory per record.
fn main() {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    let (n, len) = (args[0], args[1]);
    let words = [
        "beslut",
        "nämnden",
        "kommunstyrelsen",
        "budget",
        "plan",
        "detaljplan",
        "yttrande",
        "ärende",
        "förslag",
        "avgift",
    ];
    let records: Vec<anslag::render::search::Record> = (0..n)
        .map(|i| {
            let mut text = String::new();
            let mut k = i;
            while text.len() < len {
                k = k.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(words[(k >> 33) as usize % words.len()]);
                text.push_str(&format!("{} ", (k >> 40) % 1000));
            }
            anslag::render::search::Record {
                url: format!("/p/{i}/"),
                title: format!("§ {i}"),
                text,
                body: Some("KS".into()),
                year: 2026,
            }
        })
        .collect();
    let t = std::time::Instant::now();
    let files = anslag::render::search::index(&records).unwrap();
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let hwm = status.lines().find(|l| l.starts_with("VmHWM")).unwrap();
    println!("{n} records × {len} B: {} files, {:.1} s, {hwm}", files.len(), t.elapsed().as_secs_f64());
}
