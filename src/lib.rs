//! anslag publishes a Swedish municipality's meeting protocols and its
//! digital notice board (anslagstavla) as a static site.
//!
//! One data flow, each stage a function from values to values:
//!
//! ```text
//! content/ ──load──▶ Loaded ──validate──▶ Site (model) ──render──▶ pages ──write──▶ output/
//!            I/O,        every rule,           dates by
//!            YAML trees  all diagnostics       `calendar`
//! ```
//!
//! - [`load`] reads `content/` (sorted walk, UTF-8, front matter, YAML with spans);
//! - [`validate`] checks every rule of the content format and builds the [`model`];
//! - [`urls`] holds every address of the site (the bottom layer of the
//!   output side); [`present`] what the pages and the PDF both show;
//! - [`render`] makes the site's files from the model (pages, feeds,
//!   calendars, open data, search index), [`markdown`] the clerks' text;
//! - [`write`] swaps the new site in atomically; [`freshness`] tells when
//!   nothing has changed since the last build;
//! - [`serve`] keeps the stages in memory for the live preview;
//! - [`calendar`] holds the law on dates (holidays, Lag 1930:173);
//! - [`diag`] holds diagnostics and prints them ([`i18n`] gives their words);
//! - [`export`] makes archive packages (E-ARK SIP) of adjusted meetings;
//! - [`build`] drives a build from the model to the output folder (key,
//!   render, commit or abandon);
//! - [`init`] writes a starter content folder (`anslag init`);
//! - [`cli`] is the thin front end (`check`, `build`, `serve`, `export`,
//!   `init`, `help`).

pub(crate) mod build;
pub(crate) mod calendar;
pub mod cli;
pub mod diag;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod freshness;
pub mod i18n;
pub(crate) mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod present;
pub(crate) mod program;
pub mod record;
pub mod render;
pub mod serve;
pub mod urls;
pub mod validate;
pub mod write;
