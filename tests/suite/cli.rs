//! Habits of the command line: `anslag help <command>`, the usage of the
//! command a mistake was made in, `--quiet`, and no progress indicator
//! where stderr is not a terminal.

use crate::common::output::build;
use crate::common::{Site, TODAY, anslag};

/// The exit code, stdout and stderr of `anslag ARGS…`.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = anslag().args(args).output().expect("run anslag");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().expect("an exit code"), text(out.stdout), text(out.stderr))
}

#[test]
fn help_command_prints_that_commands_help() {
    for command in ["check", "serve", "build", "export", "init", "help"] {
        for lang in ["sv", "en"] {
            let by_help = run(&["--lang", lang, "help", command]);
            let by_flag = run(&["--lang", lang, command, "--help"]);
            assert_eq!(by_help, by_flag, "{lang} {command}");
            assert_eq!(by_help.0, 0);
            let usage = if lang == "sv" { "Användning: anslag " } else { "Usage: anslag " };
            assert!(by_help.1.contains(&format!("{usage}{command}")), "{lang} {command}:\n{}", by_help.1);
        }
    }
    let (code, top, _) = run(&["help"]);
    assert_eq!((code, top), (0, run(&["--help"]).1));
    assert!(run(&["--lang", "sv", "help", "build"]).1.contains("Utmatningsmappen"));
    let (code, stdout, stderr) = run(&["--lang", "sv", "help", "bygg"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("fel: okänt kommando `bygg`"), "{stderr}");
}

#[test]
fn an_unknown_option_shows_that_commands_usage() {
    for (command, usage) in [
        ("check", "Usage: anslag check [OPTIONS]"),
        ("build", "Usage: anslag build [OPTIONS]"),
        ("export", "Usage: anslag export [OPTIONS]"),
        ("serve", "Usage: anslag serve [OPTIONS]"),
        ("init", "Usage: anslag init [OPTIONS] [DIR]"),
    ] {
        let (code, stdout, stderr) = run(&["--lang", "en", command, "--no-such-option"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{command}");
        assert!(stderr.contains("error: unknown argument `--no-such-option`"), "{command}: {stderr}");
        assert!(stderr.contains(usage), "{command}: {stderr}");
        assert!(!stderr.contains("<COMMAND>"), "{command}: not the top-level usage: {stderr}");
        assert!(stderr.contains(&format!("`anslag {command} --help`")), "{command}: {stderr}");
    }
    let (_, _, stderr) = run(&["--lang", "sv", "--content", "build", "build", "--utdata", "x"]);
    assert!(stderr.contains("Användning: anslag build [FLAGGOR]"), "a folder named like a command: {stderr}");
    // A mistake before any command: the usage of anslag.
    let (code, _, stderr) = run(&["--lang", "en", "--no-such-option", "build"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Usage: anslag [OPTIONS] <COMMAND>"), "{stderr}");
}

#[test]
fn quiet_leaves_out_the_summary_lines_only() {
    let site = Site::fixture("good/minimal");
    let output = site.root().join("output");
    let built = build(&site.content(), &output, &["--quiet"], &[]);
    assert_eq!((built.code, built.stderr.as_str()), (0, ""));
    let built = build(&site.content(), &output, &["-q"], &[]);
    assert_eq!((built.code, built.stderr.as_str()), (0, ""), "up to date, quietly");
    let built = build(&site.content(), &output, &[], &[]);
    assert!(built.stderr.contains("is up to date"), "{}", built.stderr);

    let quiet = |fixture: &str| {
        let site = Site::fixture(fixture);
        let mut cmd = anslag();
        cmd.args(["--lang", "en", "check", "--quiet", "--color", "never", "--today", TODAY, "--content"]);
        cmd.arg(site.content());
        let out = site.run(cmd);
        (out.status.code().expect("an exit code"), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert_eq!(quiet("good/minimal"), (0, String::new()));
    let (code, stderr) = quiet("bad/missing-field");
    assert_eq!(code, 1);
    assert!(stderr.contains("E008"), "errors are still printed: {stderr}");
    assert!(!stderr.contains("1 error"), "no summary: {stderr}");
}

/// stderr is a pipe here, as under cron, systemd and CI: a build prints
/// its result and nothing of a progress indicator, however long it takes.
#[test]
fn no_progress_indicator_when_stderr_is_not_a_terminal() {
    let site = Site::example();
    let built = build(&site.content(), &site.root().join("output"), &[], &[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    for mark in ["\r", "\u{1b}", "Writing the site", "Reading and checking"] {
        assert!(!built.stderr.contains(mark), "{mark:?} in {:?}", built.stderr);
    }
    assert_eq!(built.stderr.lines().count(), 2, "the summary and the result: {}", built.stderr);
}
