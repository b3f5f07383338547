//! The build as one library function: from the checked model to the
//! output folder, the way `anslag build` does it, so that the command line
//! only maps the result to words and an exit code.
//!
//! 1. the build's key ([`crate::freshness`]): the same key as the output's
//!    marker and the same files there → nothing to do ([`Outcome::UpToDate`]);
//! 2. [`crate::write::begin`]: the lock, the spare tree opened beside the output;
//! 3. [`crate::render::render`] into it: each page, PDF, index and
//!    attachment taken over by its key or made ([`crate::render::keys`]);
//! 4. [`crate::write::Staging::commit`] (swap) or, on any error,
//!    [`crate::write::Staging::abandon`]: the output stays as it was;
//! 5. after a build, or when the output was up to date, the meetings'
//!    checks are kept beside it for the next build
//!    ([`crate::write::keep_checks`], `crate::validate::reuse`).

use crate::load::Loaded;
use crate::model::Site;
use crate::render::{Options, RenderError, Summary, Theme};
use std::path::Path;

/// What a build did.
#[derive(Debug)]
pub enum Outcome {
    /// The output already held exactly this build; nothing was written.
    UpToDate,
    /// The new site is in place.
    Built(Summary),
}

/// Builds `site` (read as `loaded` from `content`) with `theme` into
/// `output`. `checked_in` is how long loading and checking took (the first
/// line of the summary's stages) and `kept` the meetings' checks to keep;
/// `spare` is the spare tree as surveyed meanwhile
/// ([`crate::write::survey`]), if it was.
#[allow(clippy::too_many_arguments)]
pub fn run(
    loaded: &Loaded,
    site: &Site,
    theme: &Theme,
    content: &Path,
    output: &Path,
    options: Options,
    checked_in: std::time::Duration,
    kept: &crate::validate::Kept,
    spare: Option<crate::write::Survey>,
) -> Result<Outcome, RenderError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| RenderError::Io { path, source }
    };
    let key = crate::freshness::key(loaded, site, theme, content, options).map_err(io(content))?;
    if crate::write::is_current(output, &key) {
        keep_checks(output, kept);
        return Ok(Outcome::UpToDate);
    }
    let clock = std::time::Instant::now();
    let staging = crate::write::begin_surveyed(output, spare)?;
    staging.set_key(key);
    let opened = clock.elapsed();
    match crate::render::render(site, theme, content, options, &staging) {
        Ok(mut summary) => {
            let clock = std::time::Instant::now();
            staging.commit().map_err(io(output))?;
            let checked = format!("load and validate ({} meetings checked)", kept.checked);
            summary.stages.insert(0, (checked, checked_in));
            summary.stages.insert(1, ("open the spare tree".to_owned(), opened));
            summary.stages.push(("commit (sync, swap in)".to_owned(), clock.elapsed()));
            let clock = std::time::Instant::now();
            keep_checks(output, kept);
            let what = format!("keep the meetings' checks ({} made, {} taken over)", kept.made.len(), kept.taken.len());
            summary.stages.push((what, clock.elapsed()));
            Ok(Outcome::Built(summary))
        }
        Err(e) => {
            let _ = staging.abandon();
            Err(e)
        }
    }
}

/// Keeps the meetings' checks beside `output` for the next build. Only a
/// speed-up: checks that cannot be written are made again next time, so
/// the build (already in place) still succeeds.
fn keep_checks(output: &Path, kept: &crate::validate::Kept) {
    let _ = crate::write::keep_checks(&crate::write::checks_of(output), &kept.made, &kept.taken);
}
