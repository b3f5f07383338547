//! For tests: the example site and the whole-site files made from it.

use super::{File, RenderError, Sizes, Whole};
use crate::model::Site;
use std::path::{Path, PathBuf};

/// The example site's content folder.
pub fn example_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The example site's model on `today`.
pub fn example_site(today: &str) -> Site {
    let (loaded, _) = crate::load::load(&example_content()).expect("load the example content");
    crate::validate::validate(&loaded, today.parse().expect("date")).site.expect("the example site is valid")
}

/// The files `make` makes from `site` (feeds, calendars …), with the
/// example's content folder and no attachment sizes.
pub fn whole_files(site: &Site, make: fn(&Whole<'_>) -> Result<Vec<File>, RenderError>) -> Vec<File> {
    let labels = super::labels(site);
    let sizes = Sizes::new();
    let content = example_content();
    make(&Whole { site, labels: &labels, sizes: &sizes, content: &content }).expect("the files")
}

/// The example site on `today`, its files made on request (as `serve` does).
pub fn example_pages(today: &str) -> super::OnDemand {
    let site = example_site(today);
    let content = example_content();
    let theme = super::Theme::for_site(&content, &site).expect("the theme");
    let sizes =
        super::sizes(&content, super::attachments(&site).iter().map(String::as_str), None).expect("attachment sizes");
    super::OnDemand::new(
        std::sync::Arc::new(site),
        std::sync::Arc::new(theme),
        &content,
        std::sync::Arc::new(sizes),
        Default::default(),
    )
}

/// The text of the file at `path` of `pages` (a page, a feed, data …).
pub fn text(pages: &super::OnDemand, path: &str) -> String {
    let bytes = pages.file(path).unwrap_or_else(|| panic!("no file {path}")).expect("made");
    String::from_utf8(bytes).expect("UTF-8")
}
