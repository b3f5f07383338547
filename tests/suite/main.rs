//! The integration tests: one test binary (`cargo test --test suite`), one
//! harness ([`common`]), one module per part of the program. Test names are
//! `<module>::<test>`, so a filter picks a module or a test:
//! `cargo test --test suite check::`, `cargo test --test suite build::kill`.
//!
//! - [`build`]: `anslag build` end to end (page structure, links, leaks,
//!   determinism, failed and killed builds, snapshots);
//! - [`check`]: `anslag check` on one fixture per rule, the command line,
//!   the human output;
//! - [`cli`]: `anslag help <command>`, a command's own usage with a
//!   mistake, `--quiet`, no progress indicator off a terminal;
//! - [`data`]: the open data under `data/` against its schemas;
//! - [`oparl`]: the OParl 1.1 endpoint under `oparl/`: the official schemas, a crawl;
//! - [`export`]: `anslag export`'s archive packages;
//! - [`init`]: `anslag init`'s starter content folder checks clean and builds;
//! - [`fuzz_loader`]: property tests of the loader, the validator and the
//!   renderer (`ANSLAG_FUZZ_CASES`, `ANSLAG_FUZZ_TREES`);
//! - [`record`]: the publishing record (anslagsbevis);
//! - [`render_memory`]: the site rendered in memory is the site on disk;
//! - [`serve`]: the live preview over HTTP.
//!
//! Everything runs in one process. Nothing here changes process-wide state
//! (environment, working folder, allocator): runs of the binary get their
//! environment on their own command, and the tests that call the library in
//! this process (`fuzz_loader`, `render_memory`, `record`, some of `build`,
//! `check` and `data`) share only the library's caches of file digests,
//! which are keyed by path, length and modification time.

mod common;

mod build;
mod check;
mod cli;
mod data;
mod export;
mod fuzz_loader;
mod init;
mod oparl;
mod record;
mod render_memory;
mod serve;
