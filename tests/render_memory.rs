//! The site rendered into memory (as the live preview will serve it) is
//! byte for byte the site `anslag build` writes.

use anslag::write::{MARKER, Memory};
use std::collections::BTreeMap;
use std::path::Path;

fn files_on_disk(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            let rel = rel.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .filter(|(rel, _)| rel != MARKER)
        .collect()
}

#[test]
fn memory_and_disk_hold_the_same_site() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = "2026-11-25".parse().expect("date");
    let (loaded, _) = anslag::load::load(&content).expect("load");
    let site = anslag::validate::validate(&loaded, today).site.expect("the example site has no errors");
    let theme = anslag::render::Theme::load(None).expect("theme");
    let memory = Memory::default();
    let summary = anslag::render::render(&site, &theme, &content, Default::default(), &memory).expect("render");
    let in_memory = memory.into_files();
    assert!(summary.pages > 100 && in_memory.len() > summary.pages);

    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_anslag"))
        .args(["build", "--today", "2026-11-25", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("run anslag build");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let on_disk = files_on_disk(&out);
    assert_eq!(in_memory.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>());
    for (path, bytes) in &in_memory {
        assert!(on_disk[path] == *bytes, "{path} differs");
    }
}
