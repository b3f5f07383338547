//! `anslag init`: the starter content folder checks clean and builds, on
//! the fixtures' day and on the real one; a folder that is not empty, a
//! file or a name the content rules refuse is refused, and nothing is
//! written then.

use crate::common::output::{build, pages, structure_problems};
use crate::common::{Run, TODAY, anslag, fingerprint};
use std::path::Path;

/// `anslag --lang LANG init ARGS…` run in `dir`: exit code and stderr.
fn init(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out = anslag().args(["--lang", lang, "init"]).args(args).current_dir(dir).output().expect("run anslag init");
    assert!(out.stdout.is_empty(), "init prints on stderr only: {}", String::from_utf8_lossy(&out.stdout));
    (out.status.code().expect("an exit code"), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `anslag check --message-format json --content DIR` plus `args`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = anslag();
    cmd.args(["check", "--message-format", "json", "--lang", "en", "--content"]).arg(dir).args(args);
    Run::parse(cmd.current_dir(dir.parent().expect("a parent")).output().expect("run anslag check"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("anslag-init-").tempdir().expect("temporary folder")
}

#[test]
fn the_starter_checks_clean_and_builds() {
    let tmp = tempdir();
    let (code, stderr) = init(tmp.path(), "en", &["--today", TODAY, "--municipality", "Testby \"kommun\""]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Wrote a new content folder in content"), "{stderr}");
    assert!(stderr.contains(&format!("`anslag check --today {TODAY}`")), "{stderr}");
    let content = tmp.path().join("content");
    let run = check(&content, &["--today", TODAY]);
    assert_eq!((run.code, run.short()), (0, Vec::<String>::new()), "{}", run.text());
    let s = &run.summary;
    assert_eq!((s.bodies, s.meetings, s.paragraphs), (1, 1, 2));

    let output = tmp.path().join("output");
    let built = build(&content, &output, &[], &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    // The meeting is adjusted and on the board, and so is the notice.
    let board = std::fs::read_to_string(output.join("anslagstavla/index.html")).expect("the board");
    assert!(board.contains("Kommunstyrelsen") && board.contains("2026-11-18"), "{board}");
    assert!(board.contains("Kungörelse – Kommunstyrelsens sammanträde 2026-12-09"), "{board}");
    let site = std::fs::read_to_string(output.join("index.html")).expect("the front page");
    assert!(site.contains("Testby \"kommun\"") || site.contains("Testby &quot;kommun&quot;"), "{site}");
    assert!(output.join("kommunstyrelsen/2026-11-18/protokoll.pdf").is_file());
    for (file, html) in pages(&output) {
        let problems = structure_problems(&html, "sv");
        assert!(problems.is_empty(), "{file}: {problems:?}");
    }
}

/// Without `--today`, on the real date: the dates are chosen around it.
#[test]
fn the_starter_checks_clean_on_the_real_day() {
    let tmp = tempdir();
    let (code, stderr) = init(tmp.path(), "sv", &["starter"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Skrev en ny innehållsmapp i starter"), "{stderr}");
    assert!(stderr.contains("`anslag check --content starter`"), "{stderr}");
    let run = check(&tmp.path().join("starter"), &[]);
    assert_eq!((run.code, run.short()), (0, Vec::<String>::new()), "{}", run.text());
    assert_eq!(run.summary.meetings, 1);
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_nothing_is_written() {
    let tmp = tempdir();
    let content = tmp.path().join("content");
    std::fs::create_dir(&content).expect("mkdir");
    std::fs::write(content.join("anteckningar.txt"), "mina anteckningar").expect("write");
    std::fs::write(tmp.path().join("fil"), "x").expect("write");
    let before = fingerprint(tmp.path());
    for (lang, args, words) in [
        ("en", &[][..], "content already exists and is not empty"),
        ("sv", &["content", "--municipality", "Åby kommun"][..], "content finns redan och är inte tom"),
        ("en", &["fil"][..], "fil already exists and is not a folder"),
        ("sv", &["fil"][..], "fil finns redan och är ingen mapp"),
        ("en", &["ny", "--municipality", ""][..], "the name is empty"),
        ("sv", &["ny", "--municipality", "a\nb"][..], "namnet har en radbrytning"),
        ("en", &["ny", "--municipality", "Kommun 19121212-1212"][..], "personal identity number"),
    ] {
        let (code, stderr) = init(tmp.path(), lang, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        assert_eq!(fingerprint(tmp.path()), before, "{args:?} wrote something");
    }
}

#[test]
fn an_empty_folder_is_filled() {
    let tmp = tempdir();
    let content = tmp.path().join("tom");
    std::fs::create_dir(&content).expect("mkdir");
    let (code, stderr) = init(tmp.path(), "en", &["--content", "tom", "--today", TODAY, "--quiet"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "--quiet prints nothing");
    assert!(content.join("site.yaml").is_file());
    let run = check(&content, &["--today", TODAY]);
    assert_eq!(run.short(), Vec::<String>::new(), "{}", run.text());
}
