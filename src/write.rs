//! Writing the site: the only stage that writes to disk.
//!
//! A build keeps two trees: `output/` (what is published) and the spare
//! beside it, `.<name>.anslag-spare/`, which holds the site of the build
//! before. A build brings the spare up to date *in place* — it writes only
//! the files whose key or bytes differ from what the spare already holds,
//! links the ones `output/` already has, and removes the ones the new site no
//! longer has — and then swaps the two with one atomic
//! `renameat2(RENAME_EXCHANGE)`: at every moment `output/` is either the
//! whole old site or the whole new one, and the old one becomes the spare of
//! the next build. A daily build therefore touches only what changed, not
//! every file (docs/performance.md, finding 17).
//!
//! A file the spare already holds is replaced under a temporary name and
//! renamed into place, never written in place, because the two trees share
//! the files (hard links) of every part that stayed the same; a file it does
//! not hold is created new (`O_EXCL`), which cannot reach a shared one.
//! Before the spare is changed, its marker is removed (and that removal
//! made durable), so a build killed half-way leaves a spare without a
//! marker, which the next build throws away and makes again from scratch. A failed build removes
//! the spare; `output/` is never touched.
//!
//! Two builds into the same folder exclude each other with a lock on the
//! parent folder (`flock`): the second stops at once. A folder is only
//! replaced if it is empty or was written by anslag (it holds the marker file
//! `.anslag-output`), so a mistyped `--output` cannot wipe someone's
//! documents.
//!
//! Each part of a site (a page, a protocol PDF, a year's search index, an
//! attachment) carries a key of everything it is made from; the marker keeps
//! every file with its length and every part with its key (`part <key>
//! <path>`). A build making a part with the same key keeps the spare's files
//! of that part, or links the previous output's, if they are still exactly
//! as that build wrote them ([`Sink::reuse`]).
//!
//! Beside the output and the spare, `.<name>.anslag-checks/` keeps the check
//! of each meeting for the next build ([`keep_checks`],
//! `crate::validate::reuse`): written after the swap, one file per meeting,
//! each under a temporary name and renamed; never inside the output, since
//! it holds protocols not yet adjusted.

use std::io;
use std::path::{Path, PathBuf};

/// Staging folders of earlier versions of anslag (removed when found).
const NEW_MARK: &str = ".anslag-new-";
/// The spare tree's name: `.<name>` and this.
const SPARE_MARK: &str = ".anslag-spare";
/// The file that marks a folder as written by anslag.
pub const MARKER: &str = ".anslag-output";

/// Where rendered files go: a staging folder on disk ([`Staging`]) for
/// `build`, or memory ([`Memory`]) for tests and the live preview.
pub trait Sink: Sync {
    /// Writes one file of the site (`path` relative, with `/`).
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
    /// Copies a file (an attachment) into the site.
    fn copy(&self, path: &str, from: &Path) -> io::Result<()>;
    /// Puts the previous build's files of the part at `path` (a file, or a
    /// folder ending in `/`) into the site if that build made it with the
    /// same `key` and they are unchanged since; their total length. `None`:
    /// the part must be made (and then recorded with [`Sink::part`]).
    fn reuse(&self, _path: &str, _key: &str) -> Option<u64> {
        None
    }
    /// Records that the part at `path` was made with `key`.
    fn part(&self, _path: &str, _key: &str) {}
}

/// A site held in memory: path → bytes, sorted.
#[derive(Debug, Default)]
pub struct Memory(std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

impl Memory {
    /// The files written so far.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn put(&self, path: &str, bytes: Vec<u8>) {
        let mut files = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.insert(path.to_owned(), bytes);
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(path, bytes.to_vec());
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        self.put(path, std::fs::read(from)?);
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        Staging::copy(self, path, from)
    }

    fn reuse(&self, path: &str, key: &str) -> Option<u64> {
        // The spare already holds the part as the build before made it.
        if let Some(files) = self.spare.part(path, key) {
            let total = files.iter().map(|(_, len)| len).sum();
            self.claimed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(files);
            self.part(path, key);
            return Some(total);
        }
        // The output holds it: linked into the tree, file by file.
        let files = self.previous.as_ref()?.part(path, key)?;
        let mut total = 0;
        for (file, len) in &files {
            let from = self.output.join(file);
            // Already the same file (a link made by an earlier build): a
            // rename onto it would do nothing and leave the new name behind.
            if same_file(&from, &self.dir.join(file)) {
                self.claim(file, *len);
                total += len;
                continue;
            }
            let placed = self
                .place(file, |tmp| std::fs::hard_link(&from, tmp).or_else(|_| std::fs::copy(&from, tmp).map(|_| ())));
            if placed.is_err() {
                // The caller makes the part and writes its files (each under
                // a new name, so nothing linked is ever written through).
                return None;
            }
            self.claim(file, *len);
            total += len;
        }
        self.part(path, key);
        Some(total)
    }

    fn part(&self, path: &str, key: &str) {
        self.parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((path.to_owned(), key.to_owned()));
    }
}

/// What a marker says: every file with its length, every part with its key.
#[derive(Debug, Default)]
struct Previous {
    /// The folder the marker is in.
    root: PathBuf,
    /// Every file with its length, sorted by path.
    files: Vec<(String, u64)>,
    /// The key of each part, by its path.
    parts: std::collections::BTreeMap<String, String>,
    /// When the marker was written (after every file).
    written: Option<std::time::SystemTime>,
    /// Whether the files were already found intact (the spare: checked
    /// when the build begins, so [`Previous::part`] need not look again).
    checked: bool,
}

impl Previous {
    fn read(output: &Path) -> Option<Previous> {
        let (bytes, written) = read_marker(output)?;
        Previous::parse(output, &bytes, written)
    }

    /// The marker `bytes` of the folder `root`, written at `written`.
    fn parse(root: &Path, bytes: &[u8], written: std::time::SystemTime) -> Option<Previous> {
        let text = std::str::from_utf8(bytes).ok()?;
        let (mut files, mut parts) = (Vec::new(), std::collections::BTreeMap::new());
        for line in text.lines().skip(1).filter(|l| !l.starts_with("key ")) {
            if let Some(rest) = line.strip_prefix("part ") {
                let (key, path) = rest.split_once(' ')?;
                parts.insert(path.to_owned(), key.to_owned());
            } else {
                let (len, path) = line.split_once(' ')?;
                files.push((path.to_owned(), len.parse().ok()?));
            }
        }
        files.sort();
        Some(Previous { root: root.to_owned(), files, parts, written: Some(written), checked: false })
    }

    /// The files of the part at `path` if it was made with `key` and every
    /// one of them is still there with its length, unchanged since.
    fn part(&self, path: &str, key: &str) -> Option<Vec<(String, u64)>> {
        (self.parts.get(path)? == key).then_some(())?;
        let start = self.files.partition_point(|(p, _)| p.as_str() < path);
        let files: Vec<(String, u64)> = self.files[start..]
            .iter()
            .take_while(|(p, _)| p == path || (path.ends_with('/') && p.starts_with(path)))
            .cloned()
            .collect();
        let written = self.written?;
        let intact = |(p, len): &(String, u64)| {
            self.checked
                || std::fs::symlink_metadata(self.root.join(p))
                    .is_ok_and(|m| m.is_file() && m.len() == *len && m.modified().is_ok_and(|t| t <= written))
        };
        (!files.is_empty() && files.iter().all(intact)).then_some(files)
    }

    /// The length of the file at `path`, if listed.
    fn len_of(&self, path: &str) -> Option<u64> {
        let i = self.files.binary_search_by(|(p, _)| p.as_str().cmp(path)).ok()?;
        Some(self.files[i].1)
    }
}

/// What the spare tree holds, found without changing anything (so it can
/// be found while the content is still being read and checked, before it
/// is known whether there will be a build): the marker's text and time, the
/// files exactly as the build that made it left them (same length, not
/// changed after its marker), the others, and its parts that are whole.
#[derive(Debug)]
pub struct Survey {
    dir: PathBuf,
    /// The marker's bytes and time as read; `None`: no spare, or no marker.
    marker: Option<(Vec<u8>, std::time::SystemTime)>,
    spare: Previous,
    /// Files (and links) to remove before the spare is used.
    stale: Vec<PathBuf>,
}

/// Surveys the spare tree of `output` (see [`Survey`]); reads only.
pub fn survey(output: &Path) -> io::Result<Survey> {
    survey_spare(spare_of(&absolute(output)?))
}

fn survey_spare(dir: PathBuf) -> io::Result<Survey> {
    let empty = |dir: &Path| Previous { root: dir.to_owned(), checked: true, ..Previous::default() };
    let nothing = Survey { dir: dir.clone(), marker: None, spare: empty(&dir), stale: Vec::new() };
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => {}
        _ => return Ok(nothing),
    }
    let Some(marker) = read_marker(&dir) else { return Ok(nothing) };
    let Some(mut spare) = Previous::parse(&dir, &marker.0, marker.1) else { return Ok(nothing) };
    let written = spare.written.unwrap_or(std::time::UNIX_EPOCH);
    let listed: std::collections::BTreeMap<&str, u64> = spare.files.iter().map(|(p, l)| (p.as_str(), *l)).collect();
    let (mut intact, mut stale) = (Vec::with_capacity(listed.len()), Vec::new());
    for entry in walkdir::WalkDir::new(&dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(&dir, entry.path());
        if rel == MARKER {
            continue;
        }
        let meta = entry.metadata().map_err(io::Error::other)?;
        let kept = meta.is_file()
            && listed.get(rel.as_str()) == Some(&meta.len())
            && meta.modified().is_ok_and(|t| t <= written);
        if kept {
            intact.push((rel, meta.len()));
        } else {
            stale.push(entry.path().to_owned());
        }
    }
    intact.sort();
    let present: std::collections::BTreeSet<&str> = intact.iter().map(|(p, _)| p.as_str()).collect();
    // A part with a file missing is no longer whole.
    let whole = |path: &str| {
        let start = spare.files.partition_point(|(p, _)| p.as_str() < path);
        spare.files[start..]
            .iter()
            .take_while(|(p, _)| p == path || (path.ends_with('/') && p.starts_with(path)))
            .all(|(p, _)| present.contains(p.as_str()))
    };
    let parts = std::mem::take(&mut spare.parts).into_iter().filter(|(path, _)| whole(path)).collect();
    spare.parts = parts;
    spare.files = intact;
    spare.checked = true;
    Ok(Survey { dir, marker: Some(marker), spare, stale })
}

/// The spare tree made ready for this build (under the lock): `survey` is
/// taken if the spare's marker is still what it found (else the spare is
/// surveyed again); what is stale is removed, and so is the marker (and
/// that made durable) before anything in the tree changes. A spare without
/// a marker (a build was killed while changing it) is thrown away.
fn open_spare(dir: &Path, found: Option<Survey>) -> io::Result<Previous> {
    let still = |s: &Survey| s.dir == dir && s.marker == read_marker(dir);
    let survey = match found {
        Some(s) if still(&s) => s,
        _ => survey_spare(dir.to_owned())?,
    };
    let Some(_) = survey.marker else {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(dir)?,
            Ok(_) => std::fs::remove_file(dir)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        std::fs::create_dir(dir)?;
        return Ok(survey.spare);
    };
    std::fs::remove_file(dir.join(MARKER))?;
    std::fs::File::open(dir)?.sync_all()?;
    for path in &survey.stale {
        std::fs::remove_file(path)?;
    }
    Ok(survey.spare)
}

/// The bytes of the marker in `dir` and when it was written.
fn read_marker(dir: &Path) -> Option<(Vec<u8>, std::time::SystemTime)> {
    let marker = dir.join(MARKER);
    let bytes = std::fs::read(&marker).ok()?;
    let written = std::fs::metadata(&marker).and_then(|m| m.modified()).ok()?;
    Some((bytes, written))
}

/// Whether `a` and `b` are one file (the same inode on the same device).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `path` under `dir` as a site path (relative, with `/`).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The spare tree being brought up to date with the new site.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The lock on the parent folder, held until the build ends.
    _lock: std::fs::File,
    /// The key of what the build read ([`crate::freshness`]), kept in the marker.
    key: std::sync::Mutex<Option<String>>,
    /// What the output's marker said when the build began.
    previous: Option<Previous>,
    /// What the spare held, intact, when the build began.
    spare: Previous,
    /// The files of the new site so far, with their lengths.
    claimed: std::sync::Mutex<std::collections::BTreeMap<String, u64>>,
    /// The parts made or reused so far: path and key.
    parts: std::sync::Mutex<Vec<(String, String)>>,
    /// For temporary names.
    counter: std::sync::atomic::AtomicU64,
    /// Writes the new files out to disk while the build goes on.
    writeback: Option<Writeback>,
}

/// How many bytes the build writes between two requests to write them out.
const WRITEBACK_STEP: u64 = 64 << 20;

/// Writing the new tree out to disk while the build goes on: every
/// [`WRITEBACK_STEP`] bytes written, a thread of its own asks the kernel to
/// write out what is dirty (`syncfs`) and waits for it, so the sync at the
/// commit waits only for what was written last. The kernel would otherwise
/// begin only at the commit (a site is far below its background threshold),
/// and the whole site's writing to disk would be one wait at the end
/// (`docs/performance.md`, finding 37). A small build never starts it.
#[derive(Debug)]
struct Writeback {
    written: std::sync::atomic::AtomicU64,
    wake: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Writeback {
    fn start(dir: &Path) -> Option<Writeback> {
        let folder = std::fs::File::open(dir).ok()?;
        let (wake, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("writeback".to_owned())
            .spawn(move || {
                for () in asked {
                    // Only a head start: the commit's own sync reports errors.
                    let _ = rustix::fs::syncfs(&folder);
                }
            })
            .ok()?;
        Some(Writeback { written: Default::default(), wake, thread })
    }

    fn wrote(&self, bytes: u64) {
        let before = self.written.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        if before / WRITEBACK_STEP != (before + bytes) / WRITEBACK_STEP {
            // Already asked and not yet begun: that request covers this too.
            let _ = self.wake.try_send(());
        }
    }

    fn finish(self) {
        drop(self.wake);
        let _ = self.thread.join();
    }
}

/// The first line of the marker file.
const MARKER_TEXT: &str = "This folder is written by anslag build; it is replaced as a whole.\n";

/// Whether `output` holds exactly what the last build with `key` wrote: the
/// same key in its marker, the same files with the same lengths (nothing
/// removed, added or cut), and none changed after the marker was written
/// (the marker is written last). Then a build with `key` may be skipped. The
/// marker itself holds no time, so two builds still write the same bytes.
pub fn is_current(output: &Path, key: &str) -> bool {
    let marker = output.join(MARKER);
    let Ok(text) = std::fs::read_to_string(&marker) else { return false };
    let Ok(written) = std::fs::metadata(&marker).and_then(|m| m.modified()) else { return false };
    let mut lines = text.lines().skip(1);
    if lines.next() != Some(&format!("key {key}")) {
        return false;
    }
    let listed: Vec<(String, u64)> = lines
        .filter_map(|l| l.split_once(' ').and_then(|(len, path)| Some((path.to_owned(), len.parse().ok()?))))
        .collect();
    files(output).is_some_and(|(found, last)| found == listed && last <= written)
}

/// Every file under `dir` but the marker, sorted by path, with its length,
/// and the latest modification time among them; `None` if the folder cannot
/// be read or holds something that is not a file or folder.
fn files(dir: &Path) -> Option<(Vec<(String, u64)>, std::time::SystemTime)> {
    let mut found = Vec::new();
    let mut last = std::time::UNIX_EPOCH;
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(dir, entry.path());
        if rel == MARKER {
            continue;
        }
        let meta = entry.metadata().ok()?;
        if !meta.is_file() || rel.contains('\n') {
            return None;
        }
        last = last.max(meta.modified().ok()?);
        found.push((rel, meta.len()));
    }
    found.sort();
    Some((found, last))
}

/// Why a build may not write its output folder.
#[derive(Debug, thiserror::Error)]
pub enum BeginError {
    #[error("another build is writing beside {0} right now")]
    Busy(PathBuf),
    #[error("{0} is not empty and was not written by anslag")]
    NotOurs(PathBuf),
    /// `--output` names a file, a symbolic link or anything but a folder:
    /// it is never moved aside or replaced.
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// `output` is a folder (not a link to one) or does not exist yet: a file or
/// a link where the folder should be is refused before anything moves (the
/// swap would put it aside and a folder in its place).
pub fn is_folder_or_nothing(output: &Path) -> Result<(), BeginError> {
    match std::fs::symlink_metadata(output) {
        Ok(meta) if !meta.file_type().is_dir() => Err(BeginError::NotAFolder(output.to_owned())),
        _ => Ok(()),
    }
}

/// Starts a new site for `output`: takes the lock, cleans up leftovers of
/// interrupted builds and opens the spare tree beside it (made empty if
/// there is none, or none that can be trusted).
pub fn begin(output: &Path) -> Result<Staging, BeginError> {
    begin_surveyed(output, None)
}

/// [`begin`] with the spare already surveyed ([`survey`], made while the
/// content was read); the survey is checked to be still true.
pub fn begin_surveyed(output: &Path, survey: Option<Survey>) -> Result<Staging, BeginError> {
    let output = absolute(output)?;
    is_folder_or_nothing(&output)?;
    let parent = output.parent().map(Path::to_owned).unwrap_or_else(|| PathBuf::from("/"));
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::fs::create_dir_all(&parent)?;
    let lock = std::fs::File::open(&parent)?;
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive)
        .map_err(|_| BeginError::Busy(output.clone()))?;
    if output.is_dir() && !output.join(MARKER).exists() && std::fs::read_dir(&output)?.next().is_some() {
        return Err(BeginError::NotOurs(output));
    }
    remove_leftovers(&parent, &name)?;
    let dir = spare_of(&output);
    let spare = open_spare(&dir, survey)?;
    let writeback = Writeback::start(&dir);
    let previous = Previous::read(&output);
    Ok(Staging {
        dir,
        output,
        _lock: lock,
        key: Default::default(),
        previous,
        spare,
        claimed: Default::default(),
        parts: Default::default(),
        counter: Default::default(),
        writeback,
    })
}

/// The spare tree of `output`: `.<name>.anslag-spare` beside it.
pub fn spare_of(output: &Path) -> PathBuf {
    beside(output, SPARE_MARK)
}

/// `.<name><mark>` beside `output`.
fn beside(output: &Path, mark: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".{name}{mark}"))
}

/// The folder of the meetings' stored checks of the builds into `output`
/// (`crate::validate::reuse`): `.<name>.anslag-checks` beside it, never in
/// it, since they hold protocols not yet adjusted.
pub fn checks_of(output: &Path) -> PathBuf {
    beside(output, CHECKS_MARK)
}

/// The stored checks' folder's name: `.<name>` and this.
const CHECKS_MARK: &str = ".anslag-checks";

/// Keeps the meetings' checks of a build in `dir` ([`checks_of`]) for the
/// next one: writes each one `made` (under a temporary name, then renamed,
/// so a reader sees a whole file or none) and removes every other file but
/// those `taken`. The folder is readable by its owner only.
pub fn keep_checks(dir: &Path, made: &[(String, Vec<u8>)], taken: &[String]) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    for (key, bytes) in made {
        let tmp = dir.join(format!("{key}.new"));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(key))?;
    }
    let keep: std::collections::HashSet<&str> =
        made.iter().map(|(k, _)| k.as_str()).chain(taken.iter().map(String::as_str)).collect();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if !name.to_str().is_some_and(|n| keep.contains(n)) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Whether writing `output` could touch `content`: one is the other or
/// inside it. Paths are compared after resolving links as far as they exist
/// and `..` everywhere (also after folders that do not exist yet).
pub fn overlaps(output: &Path, content: &Path) -> bool {
    let (out, content) = (resolve(output), resolve(content));
    out.starts_with(&content) || content.starts_with(&out)
}

/// An absolute path with links resolved where the path exists and `.`/`..`
/// applied in order.
fn resolve(p: &Path) -> PathBuf {
    use std::path::Component;
    let abs = absolute(p).unwrap_or_else(|_| p.to_owned());
    let mut out = PathBuf::from("/");
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() { Ok(p.to_owned()) } else { Ok(std::env::current_dir()?.join(p)) }
}

/// Removes staging folders left by builds that were killed.
fn remove_leftovers(parent: &Path, name: &str) -> io::Result<()> {
    let prefix = format!(".{name}{NEW_MARK}");
    for entry in std::fs::read_dir(parent)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

impl Staging {
    /// Puts one file of the new site at `path` (relative, with `/`): made
    /// by `make` under a temporary name in the same folder, then renamed
    /// into place (never written in place: the file there may be shared
    /// with the published tree).
    fn place(&self, path: &str, make: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let target = self.dir.join(path);
        let dir = target.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir)?;
        let n = self.counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".anslag-tmp-{n}"));
        let made = make(&tmp).and_then(|()| std::fs::rename(&tmp, &target));
        if made.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        made
    }

    fn claim(&self, path: &str, len: u64) {
        self.claimed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(path.to_owned(), len);
    }

    /// Writes one file of the new site (`path` relative, with `/`), unless
    /// the spare already holds exactly these bytes there.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let len = bytes.len() as u64;
        let held = self.spare.len_of(path);
        let same = held == Some(len) && std::fs::read(self.dir.join(path)).is_ok_and(|old| old == bytes);
        if !same {
            match held {
                None => self.create(path, bytes)?,
                Some(_) => self.place(path, |tmp| std::fs::write(tmp, bytes))?,
            }
            self.wrote(len);
        }
        self.claim(path, len);
        Ok(())
    }

    /// Writes a file the spare does not hold as a new file (`O_EXCL`: it
    /// cannot be one the output shares), its folder made if missing; if
    /// something is there after all, it is replaced by [`Staging::place`].
    /// A cold build writes every file this way: no temporary name and no
    /// rename per file, and no look at the folder before (finding 36).
    fn create(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        let target = self.dir.join(path);
        let open = || std::fs::OpenOptions::new().write(true).create_new(true).open(&target);
        let opened = match open() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir_all(target.parent().unwrap_or(&self.dir))?;
                open()
            }
            other => other,
        };
        let mut file = match opened {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return self.place(path, |tmp| std::fs::write(tmp, bytes));
            }
            Err(e) => return Err(e),
        };
        let written = file.write_all(bytes);
        if written.is_err() {
            let _ = std::fs::remove_file(&target);
        }
        written
    }

    /// Counts bytes written to new files, for the writeback.
    fn wrote(&self, bytes: u64) {
        if let Some(w) = &self.writeback {
            w.wrote(bytes);
        }
    }

    /// Stops writing out in the background (waiting for a request under way).
    fn stop_writeback(&mut self) {
        if let Some(w) = self.writeback.take() {
            w.finish();
        }
    }

    /// Copies a file (an attachment) into the new site.
    pub fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        let mut len = 0;
        self.place(path, |tmp| std::fs::copy(from, tmp).map(|n| len = n))?;
        self.wrote(len);
        self.claim(path, len);
        Ok(())
    }

    /// Records the key of what this build read; the marker keeps it with the
    /// list of files, so the next build with the same key can be skipped.
    pub fn set_key(&self, key: String) {
        *self.key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(key);
    }

    /// Removes what the spare held that the new site does not (and folders
    /// left empty), then writes the marker, last: its line, the key (if
    /// any), every file of the new site with its length, and the key of
    /// every part.
    fn finish_tree(&self) -> io::Result<()> {
        let claimed = std::mem::take(&mut *self.claimed.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut emptied = std::collections::BTreeSet::new();
        for (path, _) in self.spare.files.iter().filter(|(p, _)| !claimed.contains_key(p)) {
            std::fs::remove_file(self.dir.join(path))?;
            if let Some((folder, _)) = path.rsplit_once('/') {
                emptied.insert(folder.to_owned());
            }
        }
        // Deepest first; a folder still in use is simply not empty.
        for folder in emptied.iter().rev() {
            let mut at = Some(folder.as_str());
            while let Some(f) = at {
                if std::fs::remove_dir(self.dir.join(f)).is_err() {
                    break;
                }
                at = f.rsplit_once('/').map(|(up, _)| up);
            }
        }
        let key = self.key.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let mut text = String::from(MARKER_TEXT);
        if let Some(key) = key {
            text.push_str(&format!("key {key}\n"));
        }
        for (path, len) in &claimed {
            text.push_str(&format!("{len} {path}\n"));
        }
        let mut parts = self.parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        parts.sort();
        parts.dedup();
        for (path, key) in parts {
            text.push_str(&format!("part {key} {path}\n"));
        }
        std::fs::write(self.dir.join(MARKER), text)
    }

    /// Swaps the new site in. The file system is synced first (one `syncfs`,
    /// not one `fsync` per file), so a crash after the swap cannot leave a
    /// half-written file in the new site. If this fails, the spare is
    /// removed and the output is as it was.
    pub fn commit(self) -> io::Result<()> {
        let dir = self.dir.clone();
        self.swap().inspect_err(|_| {
            if dir.exists() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        })
    }

    fn swap(mut self) -> io::Result<()> {
        self.stop_writeback();
        self.finish_tree()?;
        rustix::fs::syncfs(std::fs::File::open(&self.dir)?)?;
        if self.output.exists() {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.output,
                rustix::fs::RenameFlags::EXCHANGE,
            )?;
            // The spare's name now holds the old site: the next build's spare.
        } else {
            std::fs::rename(&self.dir, &self.output)?;
        }
        // Make the rename itself durable.
        if let Some(parent) = self.output.parent() {
            std::fs::File::open(parent)?.sync_all()?;
        }
        Ok(())
    }

    /// Gives up: removes the spare (it may be half changed), leaving
    /// `output/` untouched.
    pub fn abandon(mut self) -> io::Result<()> {
        self.stop_writeback();
        std::fs::remove_dir_all(&self.dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_build_then_swap_then_cleanup() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let s = begin(&out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.write("a/b/c.html", b"deep").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");

        let s = begin(&out).unwrap();
        s.write("index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
        assert!(!out.join("a").exists(), "old files are gone");
        let mut names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, vec![std::ffi::OsString::from(".output.anslag-spare"), "output".into()]);
        // The spare holds the site before; the next build brings it up to date in place.
        assert_eq!(std::fs::read(spare_of(&out).join("index.html")).unwrap(), b"one");
        let s = begin(&out).unwrap();
        s.write("index.html", b"two").unwrap();
        s.write("x/y.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("x/y.html")).unwrap(), b"new");
        assert!(!out.join("a").exists(), "a file the new site does not have is removed from the spare");
        assert!(!out.join("a/b").exists(), "and its folders");
        assert_eq!(files(&out).unwrap().0.len(), 2);
    }

    /// The spare is changed in place, but never a file the published tree
    /// shares with it: a file is written under a new name and renamed.
    #[test]
    fn the_published_tree_never_changes_while_the_spare_is_brought_up_to_date() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        for text in [b"one", b"two"] {
            let s = begin(&out).unwrap();
            s.write("p.pdf", b"shared").unwrap();
            s.part("p.pdf", "k");
            s.write("index.html", text).unwrap();
            s.commit().unwrap();
        }
        // Both trees now hold p.pdf (the spare's linked or equal).
        let s = begin(&out).unwrap();
        assert_eq!(s.reuse("p.pdf", "k"), Some(6));
        s.write("index.html", b"three").unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two", "output unchanged before the swap");
        // Another key: the part is made again, written under a new name.
        s.write("p.pdf", b"other bytes").unwrap();
        assert_eq!(std::fs::read(out.join("p.pdf")).unwrap(), b"shared", "the published file is not written through");
        s.abandon().unwrap();
        assert_eq!(std::fs::read(out.join("p.pdf")).unwrap(), b"shared");
        assert!(!spare_of(&out).exists(), "a failed build removes the spare");
        // A spare without a marker (a killed build) is thrown away and made again.
        std::fs::create_dir(spare_of(&out)).unwrap();
        std::fs::write(spare_of(&out).join("index.html"), b"half").unwrap();
        let s = begin(&out).unwrap();
        s.write("index.html", b"four").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"four");
        assert_eq!(files(&out).unwrap().0, vec![("index.html".to_owned(), 4)]);
    }

    /// A file the spare does not hold is created new; if one is there after
    /// all (here linked from the output by `reuse` in the same build), it is
    /// replaced by a rename, never written through.
    #[test]
    fn a_new_file_never_writes_through_a_linked_one() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let s = begin(&out).unwrap();
        s.write("m/p.pdf", b"shared").unwrap();
        s.part("m/p.pdf", "k");
        s.commit().unwrap();
        let s = begin(&out).unwrap();
        assert_eq!(s.reuse("m/p.pdf", "k"), Some(6), "linked from the output into an empty spare");
        s.write("m/p.pdf", b"other bytes").unwrap();
        s.write("m/new.html", b"new").unwrap();
        assert_eq!(std::fs::read(out.join("m/p.pdf")).unwrap(), b"shared", "the published file is not written through");
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("m/p.pdf")).unwrap(), b"other bytes");
        assert_eq!(std::fs::read(out.join("m/new.html")).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(out.join("m")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    /// A part is taken over from the previous output only with the same key
    /// and untouched files; the old output stays as it was.
    #[test]
    fn parts_are_reused_only_with_the_same_key_and_untouched_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let first = |s: &Staging| {
            s.write("m/protokoll.pdf", b"pdf one").unwrap();
            s.part("m/protokoll.pdf", "k1");
            s.write("p/2019/a", b"aa").unwrap();
            s.write("p/2019/b/c", b"ccc").unwrap();
            s.part("p/2019/", "k2");
            s.write("p/2019x", b"not in the part").unwrap();
        };
        let s = begin(&out).unwrap();
        s.set_key("K".to_owned());
        first(&s);
        s.commit().unwrap();
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(marker.contains("part k1 m/protokoll.pdf\n") && marker.contains("part k2 p/2019/\n"), "{marker}");

        let s = begin(&out).unwrap();
        s.set_key("K2".to_owned());
        assert_eq!(s.reuse("m/protokoll.pdf", "other key"), None);
        assert_eq!(s.reuse("p/2020/", "k2"), None, "no such part");
        assert_eq!(s.reuse("m/protokoll.pdf", "k1"), Some(7));
        assert_eq!(s.reuse("p/2019/", "k2"), Some(5));
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("m/protokoll.pdf")).unwrap(), b"pdf one");
        assert_eq!(std::fs::read(out.join("p/2019/b/c")).unwrap(), b"ccc");
        assert!(!out.join("p/2019x").exists(), "only the part's files");
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(marker.contains("part k1 m/protokoll.pdf\n"), "a reused part keeps its key: {marker}");

        // A file of the part changed after the marker: made again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("p/2019/a"), b"xx").unwrap();
        let s = begin(&out).unwrap();
        assert_eq!(s.reuse("p/2019/", "k2"), None);
        assert_eq!(s.reuse("m/protokoll.pdf", "k1"), Some(7));
        s.abandon().unwrap();
        assert_eq!(std::fs::read(out.join("p/2019/a")).unwrap(), b"xx", "the output is as it was");
    }

    /// A survey made before the lock is used only while the spare's marker
    /// is still the one it read; else the spare is surveyed again.
    #[test]
    fn a_survey_of_the_spare_is_checked_before_it_is_used() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        for text in [b"one", b"two"] {
            let s = begin(&out).unwrap();
            s.write("index.html", text).unwrap();
            s.write("old.html", b"old").unwrap();
            s.commit().unwrap();
        }
        let early = survey(&out).unwrap();
        // Another build meanwhile: the spare is now another tree.
        let s = begin(&out).unwrap();
        s.write("index.html", b"three").unwrap();
        s.commit().unwrap();
        let s = begin_surveyed(&out, Some(early)).unwrap();
        s.write("index.html", b"four").unwrap();
        s.commit().unwrap();
        assert_eq!(files(&out).unwrap().0, vec![("index.html".to_owned(), 4)], "old.html must be gone");
        // An up-to-date survey is taken as it is.
        let fresh = survey(&out).unwrap();
        let s = begin_surveyed(&out, Some(fresh)).unwrap();
        s.write("index.html", b"five").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"five");
    }

    #[test]
    fn output_and_content_must_not_overlap() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let content = site.join("content");
        std::fs::create_dir_all(&content).unwrap();
        assert!(overlaps(&content.join("out"), &content));
        assert!(overlaps(&content, &content));
        assert!(overlaps(&site, &content), "the output would replace the content's folder");
        assert!(overlaps(&site.join("nosuch/../content/out"), &content));
        assert!(!overlaps(&site.join("output"), &content));
        assert!(!overlaps(&site.join("content-out"), &content));
        std::os::unix::fs::symlink(&content, tmp.path().join("link")).unwrap();
        assert!(overlaps(&tmp.path().join("link/out"), &content));
    }

    #[test]
    fn a_second_build_waits_for_none_and_foreign_folders_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let first = begin(&out).unwrap();
        assert!(matches!(begin(&out), Err(BeginError::Busy(_))), "a second build must not start");
        first.abandon().unwrap();
        let foreign = tmp.path().join("documents");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.txt"), "years of work").unwrap();
        assert!(matches!(begin(&foreign), Err(BeginError::NotOurs(_))));
        assert!(foreign.join("thesis.txt").exists());
    }

    #[test]
    fn abandoned_build_leaves_output_alone_and_leftovers_are_cleaned() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let s = begin(&out).unwrap();
        s.write("index.html", b"good").unwrap();
        s.commit().unwrap();

        let s = begin(&out).unwrap();
        s.write("index.html", b"bad").unwrap();
        s.abandon().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"good");

        // A killed build leaves its staging folder; the next build removes it.
        std::fs::create_dir(tmp.path().join(".output.anslag-new-999999")).unwrap();
        let s = begin(&out).unwrap();
        assert!(!tmp.path().join(".output.anslag-new-999999").exists());
        s.abandon().unwrap();
    }
}
