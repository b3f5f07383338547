//! The identity of this anslag: its version and a SHA-256 of its
//! executable, read once. Part of the key of everything a new anslag may
//! write differently (pages, search indexes, the build's key), but not of a
//! protocol's PDF, which has a layout version of its own
//! (`pdf::LAYOUT_VERSION`).

/// The SHA-256 of this anslag (its version and its executable).
pub fn fingerprint() -> &'static [u8] {
    static PROGRAM: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        use sha2::{Digest, Sha256};
        let exe = std::env::current_exe().and_then(std::fs::read).unwrap_or_default();
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(Sha256::digest(&exe));
        h.finalize().to_vec()
    });
    &PROGRAM
}
