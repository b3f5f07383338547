//! The `anslag` binary: everything happens in the library. A panic is a bug;
//! it still ends with the documented exit code for internal errors (3).

fn main() -> std::process::ExitCode {
    let args = std::env::args_os().collect();
    let code = std::panic::catch_unwind(|| anslag::cli::run(args)).unwrap_or(anslag::cli::exit::IO);
    std::process::ExitCode::from(code)
}
