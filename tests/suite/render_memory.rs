//! The site rendered into memory (as the live preview will serve it) is
//! byte for byte the site `anslag build` writes.

use crate::common::output::files;
use crate::common::{TODAY, command, example_content};
use anslag::write::{MARKER, Memory};

#[test]
fn memory_and_disk_hold_the_same_site() {
    let content = example_content();
    let today = TODAY.parse().expect("date");
    let (loaded, _) = anslag::load::load(&content).expect("load");
    let site = anslag::validate::validate(&loaded, today).site.expect("the example site has no errors");
    let theme = anslag::render::Theme::load(None).expect("theme");
    let memory = Memory::default();
    let summary = anslag::render::render(&site, &theme, &content, Default::default(), &memory).expect("render");
    let in_memory = memory.into_files();
    assert!(summary.pages > 100 && in_memory.len() > summary.pages);

    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let status = command()
        .args(["build", "--today", TODAY, "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("run anslag build");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let mut on_disk = files(&out);
    on_disk.remove(MARKER);
    assert_eq!(in_memory.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>());
    for (path, bytes) in &in_memory {
        assert!(on_disk[path] == *bytes, "{path} differs");
    }
}
