//! Writing the site: the only stage that writes to disk.
//!
//! Pages are written into a staging folder beside the output folder
//! (`.<name>.anslag-new-<pid>`), then swapped in with one atomic
//! `renameat2(RENAME_EXCHANGE)`: at every moment `output/` is either the whole
//! old site or the whole new one. The old tree (now under the staging name) is
//! removed after the swap; leftovers of an interrupted build are removed by the
//! next one. A failed build never touches `output/`.
//!
//! Two builds into the same folder exclude each other with a lock on the
//! parent folder (`flock`): the second stops at once instead of removing the
//! first one's staging folder. A folder is only replaced if it is empty or
//! was written by anslag (it holds the marker file `.anslag-output`), so a
//! mistyped `--output` cannot wipe someone's documents.
//!
//! Parts of a site that are costly to make and often stay the same from one
//! build to the next (a protocol PDF, a year's search index) carry a key of
//! everything they are made from; the marker keeps it (`part <key> <path>`).
//! A build making a part with the same key links (or copies) the previous
//! output's files of that part, if they are still exactly as that build
//! wrote them ([`Sink::reuse`]).

use std::io;
use std::path::{Path, PathBuf};

const NEW_MARK: &str = ".anslag-new-";
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
        let files = self.previous.as_ref()?.part(path, key)?;
        let mut total = 0;
        for (i, (file, len)) in files.iter().enumerate() {
            let (from, to) = (self.output.join(file), self.dir.join(file));
            let made = to
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::hard_link(&from, &to).or_else(|_| std::fs::copy(&from, &to).map(|_| ())));
            if made.is_err() {
                // The caller makes the part and writes its files: none may
                // still be a link, or writing it would change the previous
                // output's file too.
                for (done, _) in &files[..i] {
                    let _ = std::fs::remove_file(self.dir.join(done));
                }
                return None;
            }
            total += len;
        }
        self.part(path, key);
        Some(total)
    }

    fn part(&self, path: &str, key: &str) {
        self.parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((path.to_owned(), key.to_owned()));
    }
}

/// What the previous build's marker says, read when a build begins.
#[derive(Debug)]
struct Previous {
    /// The output folder.
    root: PathBuf,
    /// Every file with its length, sorted by path.
    files: Vec<(String, u64)>,
    /// The key of each part, by its path.
    parts: std::collections::BTreeMap<String, String>,
    /// When the marker was written (after every file).
    written: std::time::SystemTime,
}

impl Previous {
    fn read(output: &Path) -> Option<Previous> {
        let marker = output.join(MARKER);
        let text = std::fs::read_to_string(&marker).ok()?;
        let written = std::fs::metadata(&marker).and_then(|m| m.modified()).ok()?;
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
        Some(Previous { root: output.to_owned(), files, parts, written })
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
        let output_file_is_intact = |(p, len): &(String, u64)| {
            std::fs::symlink_metadata(self.root.join(p))
                .is_ok_and(|m| m.is_file() && m.len() == *len && m.modified().is_ok_and(|t| t <= self.written))
        };
        (!files.is_empty() && files.iter().all(output_file_is_intact)).then_some(files)
    }
}

/// A staging folder being filled with the new site.
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
    /// The parts made or reused so far: path and key.
    parts: std::sync::Mutex<Vec<(String, String)>>,
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
        let rel = entry.path().strip_prefix(dir).ok()?;
        let rel = rel.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
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
/// interrupted builds and creates an empty staging folder beside it.
pub fn begin(output: &Path) -> Result<Staging, BeginError> {
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
    let dir = parent.join(format!(".{name}{NEW_MARK}{}", std::process::id()));
    std::fs::create_dir(&dir)?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
    let previous = Previous::read(&output);
    Ok(Staging { dir, output, _lock: lock, key: Default::default(), previous, parts: Default::default() })
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
    /// Writes one file of the new site (`path` relative, with `/`).
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.dir.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(target, bytes)
    }

    /// Copies a file (an attachment) into the new site.
    pub fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        let target = self.dir.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(from, target).map(|_| ())
    }

    /// Records the key of what this build read; the marker keeps it with the
    /// list of files, so the next build with the same key can be skipped.
    pub fn set_key(&self, key: String) {
        *self.key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(key);
    }

    /// Writes the marker, last: its line, the key (if any), every file of
    /// the new site with its length, and the key of every part.
    fn write_marker(&self) -> io::Result<()> {
        let key = self.key.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let Some(key) = key else { return Ok(()) };
        let mut text = format!("{MARKER_TEXT}key {key}\n");
        let (files, _) = files(&self.dir).ok_or_else(|| io::Error::other("the new site changed while written"))?;
        for (path, len) in files {
            text.push_str(&format!("{len} {path}\n"));
        }
        let mut parts = self.parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        parts.sort();
        for (path, key) in parts {
            text.push_str(&format!("part {key} {path}\n"));
        }
        std::fs::write(self.dir.join(MARKER), text)
    }

    /// Swaps the new site in. The file system is synced first (one `syncfs`,
    /// not one `fsync` per file), so a crash after the swap cannot leave a
    /// half-written file in the new site. If the swap fails, the staging
    /// folder is removed and the output is as it was.
    pub fn commit(self) -> io::Result<()> {
        let dir = self.dir.clone();
        self.swap().inspect_err(|_| {
            if dir.exists() {
                let _ = std::fs::remove_dir_all(&dir);
            }
        })
    }

    fn swap(self) -> io::Result<()> {
        self.write_marker()?;
        rustix::fs::syncfs(std::fs::File::open(&self.dir)?)?;
        if self.output.exists() {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.output,
                rustix::fs::RenameFlags::EXCHANGE,
            )?;
            // The staging name now holds the old site.
            std::fs::remove_dir_all(&self.dir)?;
        } else {
            std::fs::rename(&self.dir, &self.output)?;
        }
        // Make the rename itself durable.
        if let Some(parent) = self.output.parent() {
            std::fs::File::open(parent)?.sync_all()?;
        }
        Ok(())
    }

    /// Gives up: removes the staging folder, leaving `output/` untouched.
    pub fn abandon(self) -> io::Result<()> {
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
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
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
