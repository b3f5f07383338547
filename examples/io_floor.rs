//! The I/O floor for `bench/`: what any static site generator must at least
//! do on this machine — read every input file, then write as many files with
//! as many bytes as the build wrote — with the same tools anslag uses
//! (walkdir, rayon, buffered whole-file reads and writes), and nothing else.
//!
//!     io_floor <input dir> <reference output dir> <scratch output dir>
//!
//! The reference output is only listed (file sizes, folders); the scratch
//! folder is emptied first and then written. Prints `read <files> <bytes>`
//! and `wrote <files> <bytes>`.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let len = e.metadata().map(|m| m.len()).unwrap_or(0);
            (e.into_path(), len)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, reference, scratch] = &args[..] else {
        eprintln!("usage: io_floor <input dir> <reference output dir> <scratch output dir>");
        std::process::exit(2);
    };
    let (input, reference, scratch) = (Path::new(input), Path::new(reference), Path::new(scratch));
    let inputs = files(input);
    let read: u64 = inputs.par_iter().map(|(p, _)| std::fs::read(p).map(|b| b.len() as u64).unwrap_or(0)).sum();
    println!("read {} {read}", inputs.len());
    let outputs = files(reference);
    let _ = std::fs::remove_dir_all(scratch);
    let written: u64 = outputs
        .par_iter()
        .map(|(p, len)| {
            let rel = p.strip_prefix(reference).expect("inside");
            let to = scratch.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(&to, vec![b'x'; *len as usize]).expect("write");
            *len
        })
        .sum();
    println!("wrote {} {written}", outputs.len());
}
