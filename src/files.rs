//! Media types of files by their extension (IANA names), for the archive
//! packages' METS and the open data's file objects.

/// The media type of a file by its extension (any case); unknown ones are
/// `application/octet-stream`.
pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "md" => "text/markdown",
        "yaml" | "yml" => "application/yaml",
        "html" => "text/html",
        "css" => "text/css",
        "xml" | "xsd" => "text/xml",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "rtf" => "application/rtf",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "tif" | "tiff" => "image/tiff",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Bytes as lower-case hex (checksums, keys).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A SHA-256 made into a key of what a part is made from: begun with a
/// tag, each piece of bytes after its length (so that pieces cannot run
/// into each other), and `Debug` or `Display` text written straight into
/// it with `write!` rather than into a string first. The keys of the
/// site's parts (`render::keys`) and of the meetings' stored checks
/// (`validate::reuse`) are made with it.
pub(crate) struct KeyHasher(sha2::Sha256);

impl std::fmt::Write for KeyHasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        use sha2::Digest as _;
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl KeyHasher {
    pub(crate) fn new(tag: &str) -> KeyHasher {
        use sha2::Digest as _;
        let mut h = KeyHasher(sha2::Sha256::new());
        h.0.update(tag.as_bytes());
        h.0.update([0]);
        h
    }

    /// One piece, after its length.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Bytes of a fixed length (a digest, a flag), as they are.
    pub(crate) fn raw(&mut self, bytes: impl AsRef<[u8]>) {
        use sha2::Digest as _;
        self.0.update(bytes);
    }

    pub(crate) fn finish(self) -> [u8; 32] {
        use sha2::Digest as _;
        self.0.finalize().into()
    }
}

/// What is known of an attachment's bytes: its length, SHA-256 and SHA-512.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest {
    pub len: u64,
    pub sha256: [u8; 32],
    pub sha512: [u8; 64],
}

/// The [`Digest`] of the file at `path`, read once per process while its
/// length and modification time stay the same: the build's key, the
/// publishing record, the confidential-file check, the attachment's key in
/// the output and the open data's File objects all need digests of the same
/// attachments, and each used to read every attachment again. (Both sums
/// are made in the one read, so `check`, which needs only the SHA-256,
/// pays for the SHA-512 too.)
pub fn digest(path: &std::path::Path) -> std::io::Result<Digest> {
    use sha2::Digest as _;
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Key = (std::path::PathBuf, u64, Option<std::time::SystemTime>);
    static SEEN: OnceLock<Mutex<HashMap<Key, Digest>>> = OnceLock::new();
    let meta = std::fs::metadata(path)?;
    let key = (path.to_owned(), meta.len(), meta.modified().ok());
    let seen = SEEN.get_or_init(Default::default);
    if let Some(d) = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
        return Ok(*d);
    }
    let (mut a, mut b) = (sha2::Sha256::new(), sha2::Sha512::new());
    let len = each_piece(path, |piece| {
        a.update(piece);
        b.update(piece);
    })?;
    let digest = Digest { len, sha256: a.finalize().into(), sha512: b.finalize().into() };
    seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, digest);
    Ok(digest)
}

/// The SHA-256 of the file at `path` (see [`digest`]).
pub fn sha256(path: &std::path::Path) -> std::io::Result<[u8; 32]> {
    digest(path).map(|d| d.sha256)
}

/// Reads the file at `path` in pieces of 64 kB, handing each to `piece`
/// (for checksums of attachments of any size); gives its length.
pub fn each_piece(path: &std::path::Path, mut piece: impl FnMut(&[u8])) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut len = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => return Ok(len),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        piece(&buf[..n]);
        len += n as u64;
    }
}
