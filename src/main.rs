//! The `anslag` binary: everything happens in the library. A panic is a bug;
//! it still ends with the documented exit code for internal errors (3).

/// mimalloc: the build allocates many small strings from several threads
/// (the search indexer most of all); glibc's allocator spent about a quarter
/// of a 20 000-§ build in malloc and free (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args = std::env::args_os().collect();
    let code = std::panic::catch_unwind(|| anslag::cli::run(args)).unwrap_or(anslag::cli::exit::IO);
    std::process::ExitCode::from(code)
}
