//! The identity of this anslag: its version and its executable's build ID
//! (the hash the linker makes of everything it linked, kept in the ELF note
//! `NT_GNU_BUILD_ID`; a few hundred bytes read), or, for an executable
//! without one, a SHA-256 of the whole executable. Read once. Part of the
//! key of everything a new anslag may write differently (pages, search
//! indexes, the build's key, the meetings' stored checks), but not of a
//! protocol's PDF, which has a layout version of its own
//! (`pdf::LAYOUT_VERSION`).
//!
//! The build ID is what `readelf -n` shows; Debian's toolchain writes one
//! into every executable it links. Reading it instead of hashing the
//! 30 MB executable takes about 40 ms off every build and check
//! (docs/performance.md, finding 34).

use sha2::{Digest, Sha256};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The SHA-256 of this anslag (its version and its build ID or executable).
pub fn fingerprint() -> &'static [u8] {
    static PROGRAM: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        let exe = std::env::current_exe();
        let id = exe.as_deref().ok().and_then(build_id);
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        match id {
            Some(id) => {
                h.update(b"\0build id\0");
                h.update(id);
            }
            None => h.update(Sha256::digest(exe.and_then(std::fs::read).unwrap_or_default())),
        }
        h.finalize().to_vec()
    });
    &PROGRAM
}

/// The GNU build ID of the 64-bit little-endian ELF file at `path`, from
/// the notes its program headers point at; `None` if it has none (or is
/// not such a file).
fn build_id(path: &Path) -> Option<Vec<u8>> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut read_at = |offset: u64, len: usize| -> Option<Vec<u8>> {
        let mut bytes = vec![0; len];
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    };
    let head = read_at(0, 64)?;
    if !head.starts_with(b"\x7fELF\x02\x01") {
        return None;
    }
    let (phoff, phentsize, phnum) = (u64_at(&head, 0x20)?, u16_at(&head, 0x36)?, u16_at(&head, 0x38)?);
    if phentsize < 56 {
        return None;
    }
    let headers = read_at(phoff, usize::from(phentsize) * usize::from(phnum))?;
    headers.chunks_exact(usize::from(phentsize)).find_map(|ph| {
        const PT_NOTE: u32 = 4;
        let (kind, offset, size) = (u32_at(ph, 0)?, u64_at(ph, 8)?, u64_at(ph, 32)?);
        if kind != PT_NOTE || size > 1 << 16 {
            return None;
        }
        gnu_build_id(&read_at(offset, usize::try_from(size).ok()?)?).map(<[u8]>::to_vec)
    })
}

/// The description of the first `NT_GNU_BUILD_ID` note of owner `GNU` in
/// `notes` (ELF notes: name size, description size, type, then the name
/// and the description, each padded to 4 bytes).
fn gnu_build_id(mut notes: &[u8]) -> Option<&[u8]> {
    const NT_GNU_BUILD_ID: u32 = 3;
    let padded = |n: u32| usize::try_from(n).ok()?.checked_next_multiple_of(4);
    while notes.len() >= 12 {
        let (namesz, descsz, kind) = (u32_at(notes, 0)?, u32_at(notes, 4)?, u32_at(notes, 8)?);
        let name_end = 12usize.checked_add(padded(namesz)?)?;
        let desc_len = usize::try_from(descsz).ok()?;
        let desc = notes.get(name_end..name_end.checked_add(desc_len)?)?;
        let name = notes.get(12..12 + usize::try_from(namesz).ok()?)?;
        if kind == NT_GNU_BUILD_ID && name == b"GNU\0" && !desc.is_empty() {
            return Some(desc);
        }
        notes = notes.get(name_end.checked_add(padded(descsz)?)?..)?;
    }
    None
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One ELF note.
    fn note(name: &[u8], kind: u32, desc: &[u8]) -> Vec<u8> {
        let mut n = Vec::new();
        n.extend((name.len() as u32).to_le_bytes());
        n.extend((desc.len() as u32).to_le_bytes());
        n.extend(kind.to_le_bytes());
        n.extend(name);
        n.resize(n.len().next_multiple_of(4), 0);
        n.extend(desc);
        n.resize(n.len().next_multiple_of(4), 0);
        n
    }

    /// A 64-bit ELF file with one note segment holding `notes`.
    fn elf(notes: &[u8]) -> Vec<u8> {
        let mut f = vec![0u8; 64];
        f[..6].copy_from_slice(b"\x7fELF\x02\x01");
        f[0x20..0x28].copy_from_slice(&64u64.to_le_bytes());
        f[0x36..0x38].copy_from_slice(&56u16.to_le_bytes());
        f[0x38..0x3a].copy_from_slice(&1u16.to_le_bytes());
        let mut ph = vec![0u8; 56];
        ph[..4].copy_from_slice(&4u32.to_le_bytes());
        ph[8..16].copy_from_slice(&120u64.to_le_bytes());
        ph[32..40].copy_from_slice(&(notes.len() as u64).to_le_bytes());
        f.extend(ph);
        f.extend(notes);
        f
    }

    #[test]
    fn the_gnu_build_id_is_found_among_other_notes() {
        let id = [0xab; 20];
        let notes = [note(b"GNU\0", 1, &[0; 16]), note(b"Go\0", 3, b"other"), note(b"GNU\0", 3, &id)].concat();
        assert_eq!(gnu_build_id(&notes), Some(&id[..]));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exe");
        std::fs::write(&path, elf(&notes)).unwrap();
        assert_eq!(build_id(&path), Some(id.to_vec()));
    }

    #[test]
    fn no_build_id_in_other_files_or_broken_notes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exe");
        let notes = note(b"GNU\0", 3, &[7; 20]);
        for bytes in [
            b"#!/bin/sh\n".to_vec(),
            elf(&note(b"GNU\0", 1, &[7; 20])),
            elf(&notes[..notes.len() - 4]),
            elf(&[0xff; 12]),
            elf(&notes)[..100].to_vec(),
        ] {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(build_id(&path), None);
        }
        assert_eq!(build_id(&dir.path().join("missing")), None);
    }

    /// The running test binary, linked like anslag, has a build ID where
    /// the toolchain writes one (Debian's does), and the fingerprint is
    /// made from it.
    #[test]
    fn this_executable_is_identified() {
        let exe = std::env::current_exe().unwrap();
        if let Some(id) = build_id(&exe) {
            assert!(id.len() >= 16, "{id:?}");
        }
        assert_eq!(fingerprint().len(), 32);
    }
}
