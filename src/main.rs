//! The `anslag` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(anslag::cli::run(std::env::args_os().collect()))
}
