//! Paths inside `content/` as clerks write them (relative to a meeting folder),
//! shared by validation (does the file exist?) and rendering (where does the
//! link go?).

/// `dir/file` with `.` and `..` resolved, `\` taken as `/` (clerks on
/// Windows write it); `None` if the result would leave `content/` or the
/// path is absolute.
pub fn join(dir: &str, file: &str) -> Option<String> {
    let file = file.replace('\\', "/");
    let absolute = file.starts_with('/') || file.as_bytes().get(1) == Some(&b':');
    if absolute {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Not a scheme (`https:`, `mailto:`), not an absolute path, not a `#fragment`.
pub fn is_relative(url: &str) -> bool {
    let before_slash = url.split('/').next().unwrap_or("");
    !url.is_empty() && !url.starts_with(['/', '#', '?']) && !before_slash.contains(':')
}

/// The file part of a link target (without `#fragment` or `?query`).
pub fn file_part(url: &str) -> &str {
    url.split(['#', '?']).next().unwrap_or(url)
}
