//! Source files as the clerk wrote them: UTF-8 checked, BOM and CRLF removed,
//! with a line table so every byte offset maps to the line and column the
//! clerk sees in an editor.

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FileId(pub u32);

thread_local! {
    /// While a stored check is read back: its build's file numbers → this build's.
    static RENUMBER: std::cell::RefCell<Option<std::collections::HashMap<u32, u32>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `read` with every [`FileId`] it deserialises renumbered by `map`
/// (from the build that stored a meeting's check to this one, whose walk
/// may have numbered the files otherwise); a number not in `map` is an error.
pub fn renumbering<T>(map: std::collections::HashMap<u32, u32>, read: impl FnOnce() -> T) -> T {
    RENUMBER.with(|r| *r.borrow_mut() = Some(map));
    let out = read();
    RENUMBER.with(|r| *r.borrow_mut() = None);
    out
}

impl<'de> serde::Deserialize<'de> for FileId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FileId, D::Error> {
        let n = u32::deserialize(d)?;
        RENUMBER.with(|r| match &*r.borrow() {
            None => Ok(FileId(n)),
            Some(map) => {
                map.get(&n).map(|&m| FileId(m)).ok_or_else(|| serde::de::Error::custom("a file of another meeting"))
            }
        })
    }
}

/// A byte range in one source file's normalised text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

/// Only the range, not the file's number: the model's `Debug` text is what
/// the keys of the site's parts are made from (`render::keys`), and a
/// file's number in the source map changes whenever a file is added before
/// it — that must not make every later meeting's pages again.
impl std::fmt::Debug for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Span({}..{})", self.start, self.end)
    }
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start, end }
    }
}

/// One file of `content/` (or a folder, for problems with the layout).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators.
    pub path: String,
    /// The text with BOM removed and every CRLF (or lone CR) turned into LF.
    /// For a file that is not UTF-8, the valid part before the first bad byte.
    pub text: String,
    /// Where each line starts, made when first asked for (only a file with
    /// a problem to show needs it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// The SHA-256 of the text, made when first asked for (by the build's
    /// key and the key of a meeting's stored check: once for both).
    digest: std::sync::OnceLock<[u8; 32]>,
}

/// Why a file's bytes could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Byte offset in the normalised valid prefix, where the bad byte sits.
    pub at: usize,
}

impl SourceFile {
    /// A file or folder without text (a folder, or a file we did not read).
    pub fn empty(path: String) -> SourceFile {
        SourceFile::from_text(path, String::new())
    }

    /// Takes `text` as it is (already normalised).
    pub fn from_text(path: String, text: String) -> SourceFile {
        SourceFile { path, text, line_starts: std::sync::OnceLock::new(), digest: std::sync::OnceLock::new() }
    }

    /// The SHA-256 of the text.
    pub fn sha256(&self) -> [u8; 32] {
        use sha2::Digest;
        *self.digest.get_or_init(|| sha2::Sha256::digest(self.text.as_bytes()).into())
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// Decodes bytes as UTF-8, removing a BOM and CR line ends. A file that is
    /// not UTF-8 keeps the valid prefix as its text, and the error gives the
    /// offset of the first bad byte in it.
    pub fn decode(path: String, bytes: &[u8]) -> (SourceFile, Option<NotUtf8>) {
        SourceFile::decode_owned(path, bytes.to_vec())
    }

    /// [`SourceFile::decode`], keeping the bytes as the text where they
    /// are UTF-8 with LF line ends already (no copy).
    pub fn decode_owned(path: String, mut bytes: Vec<u8>) -> (SourceFile, Option<NotUtf8>) {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let (valid, bad) = match String::from_utf8(bytes) {
            Ok(s) => (s, false),
            Err(e) => {
                // `valid_up_to` is by definition a UTF-8 boundary.
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                bytes.truncate(valid);
                (String::from_utf8(bytes).unwrap_or_default(), true)
            }
        };
        let text = if valid.contains('\r') { normalise_line_ends(&valid) } else { valid };
        let error = bad.then_some(NotUtf8 { at: text.len() });
        (SourceFile::from_text(path, text), error)
    }

    /// 1-based line and column (in Unicode characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let start = line_starts[line];
        let col = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and 0-based character column, clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        start + rest[..line_len].char_indices().nth(col).map_or(line_len, |(i, _)| i)
    }
}

/// CRLF and lone CR become LF; nothing else changes.
fn normalise_line_ends(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// All files the diagnostics and the model refer to, by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Every file, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// Puts the read file in place of its placeholder.
    pub fn replace(&mut self, id: FileId, file: SourceFile) {
        if let Some(slot) = self.files.get_mut(id.0 as usize) {
            *slot = file;
        }
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_vanish() {
        let (f, err) = SourceFile::decode("a.md".into(), b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\n");
        assert!(err.is_none());
        assert_eq!(f.text, "---\ntitle: x\n---\n");
        assert!(!f.text.contains('\u{feff}') && !f.text.contains('\r'));
        assert_eq!(f.line_col(4), (2, 1));
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::from_text("a".into(), "x\nåäö: 1\n".into());
        let off = f.text.find(':').unwrap();
        assert_eq!(f.line_col(off), (2, 4));
        assert_eq!(f.offset_of(2, 3), off);
    }

    #[test]
    fn not_utf8_names_the_line_of_the_bad_byte() {
        let (f, err) = SourceFile::decode("a.md".into(), b"ok\r\nr\xE4tt\n");
        let at = err.unwrap().at;
        assert_eq!(f.line_col(at), (2, 2));
    }
}
