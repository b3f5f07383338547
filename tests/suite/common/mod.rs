//! The harness of the integration tests: copy a fixture into a temporary
//! folder, run the real `anslag` binary on it and read what it prints; and
//! what several test modules need besides (trees compared path by path,
//! waiting for something to happen, the kill tests' random numbers).
//!
//! A fixture folder with an `OVERLAY` file at its root is stored as the
//! difference from another fixture (see [`Overlay`] and
//! `tests/fixtures/README.md`); [`Site::fixture`] and [`materialise`] rebuild
//! the full tree, so always read fixtures through them.
//!
//! Every run also proves that `check` writes nothing: the whole temporary
//! folder (the content and everything beside it, which is also the working
//! directory of the run) is fingerprinted before and after, without following
//! links or opening anything that is not a regular file.
//!
//! [`output`] reads what `anslag build` writes.

pub mod output;

use assert_cmd::Command;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The build date every fixture is written for.
pub const TODAY: &str = "2026-11-25";

/// Longest time one run may take: a hang (e.g. reading a fifo) fails the test.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The base URL in `site.yaml` of the example site and of the fixtures.
pub const BASE_URL: &str = "https://www.exempelby.se/protokoll/";

/// The repository (the package's folder).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example site of the repository: `content/`.
pub fn example_content() -> PathBuf {
    repo().join("content")
}

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

/// The folders of `tests/fixtures/<group>` (e.g. `bad`), sorted.
pub fn fixture_names(group: &str) -> Vec<String> {
    let dir = fixtures().join(group);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().into_string().expect("fixture names are UTF-8"))
        .collect();
    names.sort();
    names
}

/// The file that makes a fixture folder an overlay.
pub const OVERLAY: &str = "OVERLAY";

/// What an overlay fixture's `OVERLAY` file says. The fixture is the tree of
/// `base` (a fixture that is not itself an overlay) without the files in
/// `remove`, with every other file of the fixture folder written over it:
///
/// ```text
/// base: good/minimal
/// remove: kommunstyrelsen/2026-11-09/bilagor/tjansteskrivelse.pdf
/// ```
///
/// One `base:` line, any number of `remove:` lines (paths relative to the
/// base, `/`-separated); blank lines and lines starting with `#` are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    pub base: String,
    pub remove: Vec<String>,
}

impl Overlay {
    /// The `OVERLAY` file of `tests/fixtures/<name>`, if it has one.
    pub fn of(name: &str) -> Option<Overlay> {
        let path = fixtures().join(name).join(OVERLAY);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        Some(Overlay::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
    }

    /// Reads the text of an `OVERLAY` file.
    pub fn parse(text: &str) -> Result<Overlay, String> {
        let mut base = None;
        let mut remove = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let relative =
                |v: &str| !v.is_empty() && Path::new(v).components().all(|c| matches!(c, Component::Normal(_)));
            match line.split_once(": ") {
                Some(("base", v)) if base.is_none() && relative(v) => base = Some(v.to_owned()),
                Some(("remove", v)) if relative(v) => remove.push(v.to_owned()),
                _ => {
                    return Err(format!(
                        "line {}: {line:?} is neither the one `base: <fixture>` nor a `remove: <relative path>`",
                        i + 1
                    ));
                }
            }
        }
        Ok(Overlay { base: base.ok_or("no `base:` line")?, remove })
    }
}

/// Writes the tree of `tests/fixtures/<name>` to `dst` (a new folder): a
/// copy of the folder, or for an overlay the base, minus its `remove` files,
/// plus the overlay's own files. Panics if the base is missing or is itself
/// an overlay, or if a `remove` path is not a file of the base.
pub fn materialise(name: &str, dst: &Path) {
    let src = fixtures().join(name);
    assert!(src.is_dir(), "no fixture {}", src.display());
    let Some(overlay) = Overlay::of(name) else {
        copy_tree(&src, dst);
        return;
    };
    let base = fixtures().join(&overlay.base);
    assert!(base.is_dir(), "{name}/{OVERLAY}: no base fixture {}", base.display());
    assert!(Overlay::of(&overlay.base).is_none(), "{name}/{OVERLAY}: the base {} is an overlay too", overlay.base);
    copy_tree(&base, dst);
    for rel in &overlay.remove {
        let path = dst.join(rel);
        let is_file = path.symlink_metadata().is_ok_and(|m| m.is_file());
        assert!(is_file, "{name}/{OVERLAY}: `remove: {rel}` is not a file of {}", overlay.base);
        std::fs::remove_file(&path).expect("remove file");
        // Folders left empty go too: a full copy from git has none.
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != dst) {
            if std::fs::read_dir(d).expect("read folder").next().is_some() {
                break;
            }
            std::fs::remove_dir(d).expect("remove empty folder");
            dir = d.parent();
        }
    }
    copy_entries(&src, dst, Some(OVERLAY));
}

/// The program at `bin` (the `anslag` binary, or a copy of it) with a
/// clean, explicit environment: no locale, no colour preference, no
/// backtraces, Swedish time.
pub fn command_of(bin: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(bin);
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "RUST_BACKTRACE"]
    {
        cmd.env_remove(var);
    }
    cmd.env("TZ", "Europe/Stockholm");
    cmd
}

/// The `anslag` binary of this build with a clean environment
/// ([`command_of`]), to spawn or to run without a time limit.
pub fn command() -> std::process::Command {
    command_of(Path::new(env!("CARGO_BIN_EXE_anslag")))
}

/// [`command`] as a run that fails the test after [`TIMEOUT`].
pub fn anslag() -> Command {
    let mut cmd = Command::from_std(command());
    cmd.timeout(TIMEOUT);
    cmd
}

/// A content folder in a temporary directory: `<tmp>/content`.
pub struct Site {
    pub tmp: tempfile::TempDir,
}

impl Site {
    /// The tree of `tests/fixtures/<name>` (e.g. `bad/not-utf8`), overlays
    /// applied (see [`materialise`]).
    pub fn fixture(name: &str) -> Site {
        let tmp = Site::tempdir();
        materialise(name, &tmp.path().join("content"));
        Site { tmp }
    }

    /// A copy of the example site of the repository ([`example_content`]).
    pub fn example() -> Site {
        Site::copy_of(&example_content())
    }

    /// A copy of any folder that is not an overlay fixture.
    pub fn copy_of(src: &Path) -> Site {
        assert!(
            !src.join(OVERLAY).exists(),
            "{} is an overlay fixture: use Site::fixture to get its full tree",
            src.display()
        );
        let tmp = Site::tempdir();
        copy_tree(src, &tmp.path().join("content"));
        Site { tmp }
    }

    fn tempdir() -> tempfile::TempDir {
        tempfile::Builder::new().prefix("anslag-test-").tempdir().expect("temporary folder")
    }

    /// The temporary folder holding `content/`.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// `<tmp>/content`.
    pub fn content(&self) -> PathBuf {
        self.root().join("content")
    }

    /// A path inside the content folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.content().join(rel)
    }

    /// Writes a file inside the content folder (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write file");
    }

    /// Replaces `rel` (if it exists) by a symbolic link to `target`.
    pub fn symlink(&self, rel: &str, target: &Path) {
        let path = self.path(rel);
        if path.symlink_metadata().is_ok() {
            std::fs::remove_file(&path).expect("remove file");
        }
        std::os::unix::fs::symlink(target, &path).expect("create symlink");
    }

    /// `anslag check --message-format json --today 2026-11-25 --content <tmp>/content`
    /// plus `args`, with the environment `env`.
    pub fn check_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = anslag();
        cmd.arg("check").args(["--message-format", "json", "--today", TODAY]).arg("--content").arg(self.content());
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = self.run(cmd);
        Run::parse(output)
    }

    /// [`Site::check_with`] with no extra arguments, in English.
    pub fn check(&self) -> Run {
        self.check_with(&["--lang", "en"], &[])
    }

    /// `anslag check` with human output (`--color never`); returns the exit
    /// code and stderr with the temporary path replaced by `[TMP]`.
    pub fn human(&self, lang: &str) -> (i32, String) {
        let mut cmd = anslag();
        cmd.args(["--lang", lang, "check", "--color", "never", "--today", TODAY]).arg("--content").arg(self.content());
        let output = self.run(cmd);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.is_empty(), "human output belongs on stderr, stdout has: {stdout}");
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
        (output.status.code().expect("exit code"), self.normalise(&stderr))
    }

    /// Replaces the temporary folder's path (as given and canonical) by `[TMP]`.
    pub fn normalise(&self, text: &str) -> String {
        let mut out = text.to_owned();
        let canonical = std::fs::canonicalize(self.root()).unwrap_or_else(|_| self.root().to_owned());
        for p in [canonical, self.root().to_owned()] {
            out = out.replace(&*p.to_string_lossy(), "[TMP]");
        }
        out
    }

    /// Runs `cmd` in the temporary folder and asserts that it changed nothing there.
    /// Runs `cmd` in the site's folder (so `./output/` is the site's own),
    /// checking that the content was not written.
    pub fn run(&self, mut cmd: Command) -> std::process::Output {
        let before = fingerprint(self.root());
        let output = cmd.current_dir(self.root()).output().expect("run anslag");
        let after = fingerprint(self.root());
        assert_unchanged(&before, &after);
        output
    }
}

/// Copies a folder tree; symbolic links are copied as links. Files already
/// in `dst` are overwritten.
pub fn copy_tree(src: &Path, dst: &Path) {
    copy_entries(src, dst, None);
}

/// [`copy_tree`] without the entry named `skip` at the top of `src`.
fn copy_entries(src: &Path, dst: &Path, skip: Option<&str>) {
    std::fs::create_dir_all(dst).expect("create folder");
    let mut entries: Vec<_> = std::fs::read_dir(src).expect("read fixture folder").map(|e| e.expect("entry")).collect();
    entries.retain(|e| skip.is_none_or(|s| e.file_name() != s));
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let from = entry.path();
        let to = dst.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_symlink() {
            let target = std::fs::read_link(&from).expect("read link");
            std::os::unix::fs::symlink(target, &to).expect("copy link");
        } else if kind.is_dir() {
            copy_tree(&from, &to);
        } else {
            std::fs::copy(&from, &to).expect("copy file");
        }
    }
}

/// What a path is, for the "writes nothing" check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir {
        modified: Option<SystemTime>,
    },
    File {
        len: u64,
        hash: u64,
        modified: Option<SystemTime>,
    },
    Link(PathBuf),
    /// A fifo, socket or device: never opened.
    Other {
        modified: Option<SystemTime>,
    },
}

/// Every path under `root` with what it holds. Links are not followed and
/// only regular files are read.
pub fn fingerprint(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read folder") {
            let path = entry.expect("entry").path();
            let meta = path.symlink_metadata().expect("metadata");
            let modified = meta.modified().ok();
            let kind = meta.file_type();
            let e = if kind.is_symlink() {
                Entry::Link(std::fs::read_link(&path).expect("read link"))
            } else if kind.is_dir() {
                stack.push(path.clone());
                Entry::Dir { modified }
            } else if kind.is_file() {
                let bytes = std::fs::read(&path).expect("read file");
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                Entry::File { len: meta.len(), hash: h.finish(), modified }
            } else {
                Entry::Other { modified }
            };
            out.insert(path.strip_prefix(root).expect("inside root").to_owned(), e);
        }
    }
    out
}

fn assert_unchanged(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>) {
    let changes: Vec<String> = changes(before, after)
        .into_iter()
        .map(|(path, change)| match change {
            Change::Removed => format!("removed: {}", path.display()),
            Change::Changed(e, a) => format!("changed: {} ({e:?} -> {a:?})", path.display()),
            Change::Created => format!("created: {}", path.display()),
        })
        .collect();
    assert!(changes.is_empty(), "`anslag check` must write nothing, but:\n{}", changes.join("\n"));
}

/// How one path differs between two trees (a [`fingerprint`], a
/// [`output::digest`] or [`output::files`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a, T> {
    /// Only in the first tree.
    Removed,
    /// In both, holding something else: what the first and the second hold.
    Changed(&'a T, &'a T),
    /// Only in the second tree.
    Created,
}

/// Every path that differs between the trees `a` and `b`: those of `a` in
/// order, then those only in `b`.
pub fn changes<'a, K: Ord, T: PartialEq>(a: &'a BTreeMap<K, T>, b: &'a BTreeMap<K, T>) -> Vec<(&'a K, Change<'a, T>)> {
    let mut out = Vec::new();
    for (path, x) in a {
        match b.get(path) {
            None => out.push((path, Change::Removed)),
            Some(y) if x != y => out.push((path, Change::Changed(x, y))),
            Some(_) => {}
        }
    }
    out.extend(b.keys().filter(|p| !a.contains_key(*p)).map(|p| (p, Change::Created)));
    out
}

/// Makes a named pipe (fifo) at `path`: opening it for reading would hang.
pub fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Calls `probe` every `every` until it gives `Ok` (its value) or `limit`
/// has passed (its last `Err`).
pub fn wait_until<T, E>(limit: Duration, every: Duration, mut probe: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let start = Instant::now();
    loop {
        match probe() {
            Ok(v) => return Ok(v),
            Err(e) if start.elapsed() >= limit => return Err(e),
            Err(_) => std::thread::sleep(every),
        }
    }
}

/// The value of the environment variable `name` (e.g. `ANSLAG_KILL_RUNS`),
/// or `default` if it is not set or does not parse.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// How many times the kill tests kill a build (`ANSLAG_KILL_RUNS`, 10).
pub fn kill_runs() -> u64 {
    env_or("ANSLAG_KILL_RUNS", 10)
}

/// The seed of a kill test's random moments: `ANSLAG_KILL_SEED`, or the clock.
pub fn kill_seed() -> u64 {
    let clock = SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
    env_or("ANSLAG_KILL_SEED", clock)
}

/// A tiny linear congruential generator (Knuth's MMIX constants), so a run
/// can be repeated from its seed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len() as u64) as usize]
    }
}

/// Bytes as lower-case hex (checksums).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `%XX` decoded (anything else as it is).
pub fn percent_decode(s: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(s).collect()
}

/// One `{"type":"diagnostic",…}` line.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Diag {
    #[serde(rename = "type")]
    pub kind: String,
    pub severity: String,
    pub code: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub help: String,
    pub related: Vec<Related>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diag {
    /// `CODE file:line:col`.
    pub fn short(&self) -> String {
        format!("{} {}:{}:{}", self.code, self.file, self.line, self.column)
    }
}

/// The final `{"type":"summary",…}` line.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: String,
    pub message: String,
    pub errors: usize,
    pub warnings: usize,
    pub bodies: usize,
    pub meetings: usize,
    pub paragraphs: usize,
}

/// The outcome of one JSON run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub diags: Vec<Diag>,
    pub summary: Summary,
}

impl Run {
    /// Parses the JSON lines and checks what must hold for every run: JSON
    /// on stdout only, one summary at the end that counts the diagnostics,
    /// a severity that matches the code, and an exit code that matches.
    pub fn parse(output: std::process::Output) -> Run {
        let code = output.status.code().expect("anslag exited with a code, not a signal");
        let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(stderr.is_empty(), "JSON mode must print nothing on stderr (exit {code}), got:\n{stderr}");
        let lines: Vec<&str> = stdout.lines().collect();
        let (last, diag_lines) = lines.split_last().unwrap_or_else(|| panic!("no output (exit {code})"));
        let summary: Summary =
            serde_json::from_str(last).unwrap_or_else(|e| panic!("last line is not a summary ({e}): {last}"));
        assert_eq!(summary.kind, "summary");
        let diags: Vec<Diag> = diag_lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a diagnostic ({e}): {l}")))
            .collect();
        for d in &diags {
            assert_eq!(d.kind, "diagnostic");
            let want = if d.code.starts_with('E') { "error" } else { "warning" };
            assert_eq!(d.severity, want, "{}", d.short());
            assert!(d.line >= 1 && d.column >= 1, "{}", d.short());
            assert!((d.end_line, d.end_column) >= (d.line, d.column), "span ends before it starts: {d:?}");
            assert!(!d.message.is_empty() && !d.help.is_empty(), "{}", d.short());
        }
        let errors = diags.iter().filter(|d| d.severity == "error").count();
        assert_eq!((summary.errors, summary.warnings), (errors, diags.len() - errors), "summary counts");
        assert_eq!(code, if errors > 0 { 1 } else { 0 }, "exit code with {errors} errors");
        Run { code, diags, summary }
    }

    /// `CODE file:line:col` of every diagnostic, in the order printed.
    pub fn short(&self) -> Vec<String> {
        self.diags.iter().map(Diag::short).collect()
    }

    /// Every message and help text, for looking for words in them.
    pub fn text(&self) -> String {
        self.diags.iter().map(|d| format!("{}\n{}\n", d.message, d.help)).collect()
    }
}

/// The field names of a JSON object (none if it is not one).
pub fn fields_of(v: &serde_json::Value) -> BTreeSet<&str> {
    v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
}

/// The fields of a confidential §'s AgendaItem in the open data: its number,
/// public title and legal ground, and what every object has.
pub const CONFIDENTIAL_ITEM_FIELDS: &[&str] =
    &["id", "type", "meeting", "number", "order", "name", "public", "created", "modified", "anslag:legalGround", "web"];
