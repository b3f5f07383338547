//! Whether a build can be skipped: the key of everything a build reads.
//!
//! The key is a SHA-256 over the anslag program itself, the build's date,
//! the site's `base_url` as built, the build's options (`--no-pdf`), the
//! publishing record, the theme (every template and static
//! file), every content file's path and text, and every attachment's path and
//! bytes. `build` keeps it in the output's marker with the list of files it
//! wrote ([`crate::write::is_current`]); a build whose key is the same, into
//! a folder that still holds exactly those files, has nothing to do: the
//! folder already is, byte for byte, what it would write. Anything else —
//! one § changed, another `--today`, a new anslag — is a build, in which
//! each part (page, PDF, search index, attachment) is still taken over
//! from the previous output when its own key is unchanged
//! ([`crate::render::keys`], [`crate::write`]).

use crate::files::KeyHasher;
use crate::load::Loaded;
use crate::model::Site;
use crate::render::Theme;
use std::io;
use std::path::Path;

/// The key of a build of `site` (read as `loaded`) with `theme`.
pub fn key(
    loaded: &Loaded,
    site: &Site,
    theme: &Theme,
    content: &Path,
    options: crate::render::Options,
) -> io::Result<String> {
    let mut h = KeyHasher::new("build");
    // The program: a new anslag may write other bytes for the same content.
    h.bytes(crate::program::fingerprint());
    h.bytes(site.today.to_string().as_bytes());
    h.bytes(site.config.base_url.as_bytes());
    h.bytes(&theme.fingerprint());
    h.bytes(format!("{options:?}").as_bytes());
    // The publishing record shown (read, and on the real day brought up to date).
    h.bytes(&site.record.to_json());
    // Each text hashed on its own, in parallel (20 000 files are 40 MB):
    // their digests, in order, go into the key.
    let texts: Vec<&crate::diag::SourceFile> = loaded.sources.iter().collect();
    let digests: Vec<[u8; 32]> = {
        use rayon::prelude::*;
        texts.par_iter().map(|file| file.sha256()).collect()
    };
    for (file, digest) in texts.iter().zip(&digests) {
        h.bytes(file.path.as_bytes());
        h.bytes(digest);
    }
    for path in crate::render::attachments(site) {
        h.bytes(path.as_bytes());
        h.bytes(&crate::files::sha256(&content.join(&path))?);
    }
    Ok(crate::files::hex(&h.finish()))
}
