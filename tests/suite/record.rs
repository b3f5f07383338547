//! The publishing record (anslagsbevis) end to end: the whole command line
//! (`anslag::cli::run_on`) on a copy of `tests/fixtures/good/minimal`, with a
//! settable clock — the real day of each build is an argument of the
//! library; nothing fakes the system's time. Checked: what the journal and
//! the output's copy hold after each build, that a build as of another day
//! never writes the journal, that a notice which went up late is refused
//! until its `posted` says the real day, that a published § whose file is
//! gone is refused until it is put back as withdrawn, and that every later
//! change is appended.

use crate::common::output::digest;
use crate::common::{Lcg, Site, example_content, kill_runs, kill_seed, repo};
use anslag::model::record::{ChangeKind, PublishingRecord};
use std::path::PathBuf;

/// A content copy, its output folder and its journal.
struct Kommun {
    site: Site,
    out: PathBuf,
    journal: PathBuf,
}

impl Kommun {
    fn new() -> Kommun {
        let site = Site::fixture("good/minimal");
        let out = site.root().join("out");
        let journal = site.root().join("anslagsbevis.json");
        Kommun { site, out, journal }
    }

    /// `anslag build` on the real day `real`, as of `today` (the real day if `None`).
    fn build(&self, real: &str, today: Option<&str>) -> u8 {
        let mut args: Vec<std::ffi::OsString> = vec!["anslag".into(), "--lang".into(), "en".into(), "build".into()];
        if let Some(t) = today {
            args.extend(["--today".into(), t.into()]);
        }
        args.extend(["--content".into(), self.site.content().into(), "--output".into(), self.out.clone().into()]);
        args.extend(["--journal".into(), self.journal.clone().into(), "--color".into(), "never".into()]);
        anslag::cli::run_on(args, real.parse().expect("a date"))
    }

    fn journal_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.journal).unwrap_or_default()
    }

    fn record(&self) -> PublishingRecord {
        let bytes = self.journal_bytes();
        anslag::record::parse(&bytes, &self.journal).expect("the journal parses")
    }

    fn output_record(&self) -> Vec<u8> {
        std::fs::read(self.out.join(anslag::record::OUTPUT_FILE)).expect("the output holds the record")
    }
}

const KS_NOTICE: &str = "anslagstavla/protokoll/kommunstyrelsen/2026-11-09/";
const KUNGORELSE: &str = "anslagstavla/anslag/2026-11-20-kungorelse-ks/";

#[test]
fn a_notice_that_went_up_late_is_refused_until_posted_says_the_real_day() {
    let k = Kommun::new();
    // The first build on the real day 2026-11-20 starts the record.
    assert_eq!(k.build("2026-11-20", None), 0);
    let r = k.record();
    assert_eq!(r.started, Some("2026-11-20".parse().expect("date")));
    let ks = r.notice(KS_NOTICE).expect("the protocol's notice");
    assert!(ks.taken_over, "posted 2026-11-12, before the record started");
    let kungorelse = r.notice(KUNGORELSE).expect("the kungörelse");
    assert!(!kungorelse.taken_over);
    assert_eq!(kungorelse.first_published.to_string(), "2026-11-20");
    assert_eq!(k.output_record(), k.journal_bytes(), "the output carries the same record");

    // A notice posted 2026-11-21, but no build ran that day: on 2026-11-22
    // it would go up claiming a day it was not on the board.
    let notice = "---\ntitle: Underrättelse om samråd\nkind: underrättelse\nposted: 2026-11-21\nremoval: 2026-12-12\n---\nSamråd.\n";
    k.site.write("notices/2026-11-21-samrad.md", notice);
    let (journal, output) = (k.journal_bytes(), digest(&k.out));
    assert_eq!(k.build("2026-11-22", None), 1, "refused");
    assert_eq!(k.journal_bytes(), journal, "a refused build writes no record");
    assert_eq!(digest(&k.out), output, "a refused build leaves the output as it was");

    // With `posted` set to the day it really goes up, it builds.
    k.site.write("notices/2026-11-21-samrad.md", notice.replace("posted: 2026-11-21", "posted: 2026-11-22"));
    assert_eq!(k.build("2026-11-22", None), 0);
    let r = k.record();
    let samrad = r.notice("anslagstavla/anslag/2026-11-21-samrad/").expect("recorded");
    assert_eq!((samrad.first_published.to_string(), samrad.taken_over), ("2026-11-22".to_owned(), false));
    // What was recorded before is unchanged.
    assert_eq!(r.notice(KUNGORELSE), Some(kungorelse));

    // A build as of another day reads the record and never writes it.
    let journal = k.journal_bytes();
    assert_eq!(k.build("2026-11-23", Some("2026-11-21")), 0);
    assert_eq!(k.journal_bytes(), journal, "an as-of build leaves the journal byte-identical");
    assert_eq!(k.output_record(), journal, "and shows the record as it is");
}

#[test]
fn a_published_paragraph_removed_is_refused_and_every_later_change_is_appended() {
    let k = Kommun::new();
    assert_eq!(k.build("2026-11-20", None), 0);
    let first = k.record().notice(KS_NOTICE).cloned().expect("recorded");
    let bidrag = "kommunstyrelsen/2026-11-09/02-bidrag.md";
    let text = std::fs::read_to_string(k.site.path(bidrag)).expect("§ 2");

    // The file of a published § removed: refused.
    std::fs::remove_file(k.site.path(bidrag)).expect("remove");
    assert_eq!(k.build("2026-11-21", None), 1);
    // Put back, withdrawn: builds; the record appends the withdrawal.
    let withdrawn = text.replace(
        "recipients:",
        "withdrawn:\n  date: 2026-11-21\n  reason: Innehöll uppgifter om enskild.\nrecipients:",
    );
    k.site.write(bidrag, &withdrawn);
    assert_eq!(k.build("2026-11-21", None), 0);
    let r = k.record();
    let e = r.notice(KS_NOTICE).expect("recorded");
    let c = e.changes.iter().find(|c| c.what == "§ 2").expect("§ 2's change");
    assert_eq!((c.kind, c.date.to_string()), (ChangeKind::Withdrawn, "2026-11-21".to_owned()));

    // § 1 edited without a correction: built (a warning), recorded as a change.
    let budget = "kommunstyrelsen/2026-11-09/01-budget.md";
    let original = std::fs::read_to_string(k.site.path(budget)).expect("§ 1");
    let edited = original.replace("412 500 000", "412 600 000");
    assert_ne!(edited, original);
    k.site.write(budget, &edited);
    assert_eq!(k.build("2026-11-22", None), 0);
    // Then with a correction describing a second edit: recorded as a correction.
    let corrected = edited
        .replace("412 600 000", "412 700 000")
        .replace("---\n## ", "corrections:\n  - date: 2026-11-23\n    text: Rättat beloppet.\n---\n## ");
    k.site.write(budget, &corrected);
    assert_eq!(k.build("2026-11-23", None), 0);
    let r = k.record();
    let e = r.notice(KS_NOTICE).expect("recorded");
    let kinds: Vec<(String, ChangeKind)> =
        e.changes.iter().filter(|c| c.what == "§ 1").map(|c| (c.date.to_string(), c.kind)).collect();
    assert_eq!(
        kinds,
        [("2026-11-22".to_owned(), ChangeKind::Changed), ("2026-11-23".to_owned(), ChangeKind::Correction)]
    );
    // The first publication's hashes are never rewritten.
    assert_eq!(e.texts, first.texts);
    assert_eq!(e.first_published, first.first_published);
}

/// A build killed with SIGKILL at any moment leaves a journal (and an
/// output copy of the record) that is the old record or the new one, never a
/// torn one: each build on the real day appends a change (a notice's text is
/// edited before each), so old and new differ every time.
#[test]
fn kill_9_leaves_the_old_record_or_the_new_one() {
    let runs = kill_runs();
    let k = Kommun::new();
    // The binary reads the real clock: the notice is posted on the real day.
    let real = jiff::ZonedDateTime::now().date();
    let removal = real.checked_add(jiff::Span::new().days(30)).expect("a date");
    let notice = |n: u64| format!("---\ntitle: Anslag\nposted: {real}\nremoval: {removal}\n---\nText {n}.\n");
    k.site.write("notices/2026-11-20-kungorelse-ks.md", notice(0));
    let spawn = || {
        // Not `common::command`, which sets TZ: the binary's real day must be
        // `real`, so it keeps this process's time zone.
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_anslag"));
        cmd.args(["--lang", "en", "build", "--today", &real.to_string()])
            .arg("--content")
            .arg(k.site.content())
            .arg("--output")
            .arg(&k.out)
            .arg("--journal")
            .arg(&k.journal)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd.spawn().expect("start anslag")
    };
    let start = std::time::Instant::now();
    assert!(spawn().wait().expect("wait").success());
    let length = start.elapsed().as_millis().max(20) as u64;
    let seed = kill_seed();
    eprintln!("record kill test: seed {seed}, a build takes {length} ms");
    let mut rng = Lcg(seed | 1);
    let (mut old_kept, mut new_kept) = (0, 0);
    for run in 1..=runs {
        let before = k.journal_bytes();
        let old = k.record();
        k.site.write("notices/2026-11-20-kungorelse-ks.md", notice(run));
        let delay = std::time::Duration::from_millis(rng.below(length * 2));
        let mut child = spawn();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let after = k.journal_bytes();
        let now = anslag::record::parse(&after, &k.journal).unwrap_or_else(|e| panic!("kill {run}: torn journal: {e}"));
        if after == before {
            old_kept += 1;
        } else {
            new_kept += 1;
            // The new record extends the old one: nothing rewritten, one change more.
            for e in &old.notices {
                let n = now.notice(&e.notice).expect("every notice kept");
                assert_eq!((&n.texts, n.first_published), (&e.texts, e.first_published), "kill {run}");
                assert_eq!(&n.changes[..e.changes.len()], &e.changes[..], "kill {run}: changes only appended");
            }
        }
        if let Ok(bytes) = std::fs::read(k.out.join(anslag::record::OUTPUT_FILE)) {
            anslag::record::parse(&bytes, &k.out).unwrap_or_else(|e| panic!("kill {run}: torn output record: {e}"));
        }
        // The next build finishes whatever the kill left.
        assert!(spawn().wait().expect("wait").success(), "kill {run}: the next build failed");
        let done = k.record();
        assert!(done.notices.iter().map(|n| n.changes.len()).sum::<usize>() >= run as usize, "kill {run}");
        assert_eq!(k.output_record(), k.journal_bytes(), "kill {run}: output and journal agree after a build");
    }
    eprintln!("record kill test: {old_kept} kills left the old record, {new_kept} the new one");
}

/// The example site's journal is what daily builds from 2026-11-16 to
/// 2026-11-25 would have kept for the content as it is (remake it with
/// `cargo run --example record_days -- content 2026-11-16 2026-11-25 examples/anslagsbevis.json`).
#[test]
fn the_example_journal_is_what_daily_builds_would_have_kept() {
    let content = example_content();
    let (loaded, _) = anslag::load::load(&content).expect("load");
    let day = |s: &str| s.parse().expect("date");
    let kept = anslag::record::kept_daily(&loaded, &content, day("2026-11-16"), day("2026-11-25")).expect("builds");
    let file = std::fs::read(repo().join("examples/anslagsbevis.json")).expect("examples/anslagsbevis.json");
    assert!(kept.to_json() == file, "examples/anslagsbevis.json is out of date: remake it (see this test's comment)");
    assert!(kept.notices.iter().any(|n| !n.taken_over) && kept.notices.iter().any(|n| n.taken_over));
}
