//! The files the Debian package (and any other package) ships besides the
//! binary, made from the command line's own definition, so they never
//! drift from `anslag --help`:
//!
//! - man pages, English (`man/man1/anslag.1.gz`, `anslag-build.1.gz`, …)
//!   and Swedish (`man/sv/man1/…`), by clap_mangen, compressed (cargo deb
//!   compresses only man pages from outside the target folder);
//! - shell completions for bash, zsh and fish (`completions/anslag.bash`,
//!   `_anslag`, `anslag.fish`), by clap_complete.
//!
//! ```sh
//! cargo run --example dist_assets [-- OUT]
//! ```
//!
//! OUT defaults to `<target>/release/dist`, where `[package.metadata.deb]`
//! in Cargo.toml takes them from (`target/release/` there means the real
//! target folder). It is an example, not part of the binary or of
//! `cargo build`, so the two generators are dev-dependencies only;
//! `scripts/deb` runs it before `cargo deb`.

use anslag::i18n::{Catalog, Lang};
use clap_complete::Shell;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Section headings of a man page: clap_mangen's (English) and Swedish.
const SWEDISH_HEADINGS: [(&str, &str); 5] = [
    (".SH NAME", ".SH NAMN"),
    (".SH DESCRIPTION", ".SH BESKRIVNING"),
    (".SH OPTIONS", ".SH FLAGGOR"),
    (".SH EXTRA", ".SH SLUTKODER"),
    (".SH VERSION", ".SH VERSION"),
];

fn main() -> std::process::ExitCode {
    let out = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(default_out);
    match write_all(&out) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dist_assets: {}: {e}", out.display());
            std::process::ExitCode::FAILURE
        }
    }
}

/// `<target>/release/dist`: this example runs as `<target>/<profile>/examples/dist_assets`.
fn default_out() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let target = exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target"));
    target.join("release").join("dist")
}

/// The command line of anslag in `lang`, as a man page describes it.
fn command(lang: Lang) -> clap::Command {
    let catalog = Catalog::new(lang);
    let exit_codes = catalog.text("cli-exit-codes");
    anslag::cli::command(&catalog)
        .after_help(exit_codes.clone())
        .subcommand_help_heading(catalog.text("cli-commands-heading").to_uppercase())
        .mut_subcommands(|c| c.after_help(exit_codes.clone()))
}

fn write_all(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (lang, dir) in [(Lang::En, out.join("man/man1")), (Lang::Sv, out.join("man/sv/man1"))] {
        std::fs::create_dir_all(&dir)?;
        let mut cmd = command(lang);
        // Built first, so each subcommand carries the global options.
        cmd.build();
        let mut pages = vec![(cmd.clone(), "anslag".to_owned())];
        for sub in cmd.get_subcommands() {
            let name = format!("anslag-{}", sub.get_name());
            pages.push((sub.clone().name(name.clone()).display_name(name.clone()).bin_name(name.clone()), name));
        }
        for (page, name) in pages {
            let mut roff = Vec::new();
            clap_mangen::Man::new(page).source(format!("anslag {}", env!("CARGO_PKG_VERSION"))).render(&mut roff)?;
            let mut text = String::from_utf8(roff).map_err(std::io::Error::other)?;
            text = text.replace(".SH EXTRA", if lang == Lang::En { ".SH \"EXIT STATUS\"" } else { ".SH EXTRA" });
            if lang == Lang::Sv {
                for (en, sv) in SWEDISH_HEADINGS {
                    text = text.replace(en, sv);
                }
            }
            // Compressed as Debian policy asks (gzip -9n: no name, no time).
            let path = dir.join(format!("{name}.1.gz"));
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(text.as_bytes())?;
            std::fs::write(&path, gz.finish()?)?;
            written.push(path);
        }
    }
    let completions = out.join("completions");
    std::fs::create_dir_all(&completions)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let mut cmd = command(Lang::En);
        written.push(clap_complete::generate_to(shell, &mut cmd, "anslag", &completions)?);
    }
    Ok(written)
}
