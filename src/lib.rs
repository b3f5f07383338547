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
//! - [`calendar`] holds the law on dates (holidays, Lag 1930:173);
//! - [`diag`] holds diagnostics and prints them ([`i18n`] gives their words);
//! - [`cli`] is the thin front end (`check` today).

pub mod calendar;
pub mod cli;
pub mod diag;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod validate;
pub mod write;
