//! `anslag init`: a starter content folder that checks clean and builds.
//!
//! The files are templates in `src/init/starter/` (compiled in), with
//! `{{name}}` placeholders filled in one pass: the municipality's name as a
//! YAML double-quoted string, and dates chosen around the day of `init`
//! so that the starter's meeting is adjusted and on the notice board that
//! day (the content format's legal life: a protocol is public from its
//! `adjusted`, its notice is on the board from `posted` until `removal`).
//!
//! Nothing is ever overwritten: the folder must be new or empty, and each
//! file is created with `create_new`. A failure removes what this run made.

use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// The body of the starter site (its folder name).
pub const BODY: &str = "kommunstyrelsen";

/// The longest municipality name `init` accepts, in characters.
pub const MAX_NAME: usize = 200;

/// The name used when `--municipality` is not given.
pub const DEFAULT_MUNICIPALITY: &str = "Exempelby kommun";

/// The dates of the starter site, all judged against `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// The meeting: the last working day at least a week before `today`.
    pub meeting: Date,
    /// Its protocol adjusted and posted: the next working day after the
    /// meeting (never after `today`).
    pub adjusted: Date,
    /// The notice (a kungörelse of the body's next meeting): posted on `today`.
    pub notice_posted: Date,
    /// The next meeting it announces: the first working day two weeks on.
    pub next_meeting: Date,
    /// The notice is taken down the day after that meeting.
    pub notice_removal: Date,
}

impl Dates {
    /// The starter's dates for a site created on `today`.
    pub fn around(today: Date) -> Dates {
        let day = |d: Date, n: i64| d.checked_add(jiff::Span::new().days(n)).unwrap_or(d);
        let working = crate::calendar::is_deadline_free_day;
        let mut meeting = day(today, -7);
        while working(meeting) && meeting > Date::MIN {
            meeting = day(meeting, -1);
        }
        let adjusted = crate::calendar::next_deadline_day(day(meeting, 1)).min(today);
        let next_meeting = crate::calendar::next_deadline_day(day(today, 14));
        Dates { meeting, adjusted, notice_posted: today, next_meeting, notice_removal: day(next_meeting, 1) }
    }
}

/// Why `init` did not write the starter.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder exists and holds something.
    #[error("{} is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The path exists and is not a folder.
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// Writing failed (what this run wrote was removed).
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// Why a municipality name cannot go into `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadName {
    Empty,
    TooLong,
    ControlCharacter,
    IdentityNumber,
}

impl BadName {
    /// The key of the reason in the message catalogue (`$why`).
    pub fn key(self) -> &'static str {
        match self {
            BadName::Empty => "empty",
            BadName::TooLong => "too-long",
            BadName::ControlCharacter => "control",
            BadName::IdentityNumber => "identity-number",
        }
    }
}

/// Whether `name` can be the site's `municipality` as it is: a one-line
/// text the content rules accept (no control character or line break, no
/// identity number, not empty, at most [`MAX_NAME`] characters).
pub fn check_name(name: &str) -> Result<(), BadName> {
    if name.trim().is_empty() {
        Err(BadName::Empty)
    } else if name.chars().count() > MAX_NAME {
        Err(BadName::TooLong)
    } else if name.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')) {
        Err(BadName::ControlCharacter)
    } else if !crate::validate::pnr::find_identity_numbers(name).is_empty() {
        Err(BadName::IdentityNumber)
    } else {
        Ok(())
    }
}

/// `text` as a YAML double-quoted scalar: every character kept, `"` and `\`
/// escaped, so no name can end the string or start a field.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fills `{{name}}` placeholders of `template` in one pass (a value is never
/// read again for placeholders). An unknown name is kept as it is.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let value = after.find("}}").and_then(|end| {
            let name = &after[..end];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (v, end))
        });
        match value {
            Some((v, end)) => {
                out.push_str(v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A date in Swedish words: `8 december 2026`.
fn in_words(d: Date) -> String {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let month = MONTHS[usize::try_from(d.month() - 1).unwrap_or(0) % 12];
    format!("{} {month} {}", d.day(), d.year())
}

/// The starter's files: each path relative to the content folder (with
/// `/`) and its text, in the order they are written.
pub fn starter(municipality: &str, today: Date) -> Vec<(String, String)> {
    let d = Dates::around(today);
    let document_date = d.meeting.checked_sub(jiff::Span::new().days(7)).unwrap_or(d.meeting);
    let values = [
        ("municipality", yaml_quoted(municipality)),
        ("meeting", d.meeting.to_string()),
        ("adjusted", d.adjusted.to_string()),
        ("posted", d.adjusted.to_string()),
        ("year", d.meeting.year().to_string()),
        ("next_year", (d.meeting.year() + 1).to_string()),
        ("document_date", document_date.to_string()),
        ("next_meeting", d.next_meeting.to_string()),
        ("next_meeting_words", in_words(d.next_meeting)),
        ("notice_posted", d.notice_posted.to_string()),
        ("notice_removal", d.notice_removal.to_string()),
    ];
    let meeting = format!("{BODY}/{}", d.meeting);
    let files = [
        ("site.yaml".to_owned(), include_str!("starter/site.yaml")),
        (format!("{BODY}/_body.yaml"), include_str!("starter/_body.yaml")),
        (format!("{meeting}/_meeting.md"), include_str!("starter/_meeting.md")),
        (format!("{meeting}/001-val-av-justerare.md"), include_str!("starter/paragraph-1.md")),
        (format!("{meeting}/002-sammantradesplan.md"), include_str!("starter/paragraph-2.md")),
        (format!("notices/{}-kungorelse-kommunstyrelsen.md", d.notice_posted), include_str!("starter/notice.md")),
    ];
    files.into_iter().map(|(path, template)| (path, fill(template, &values))).collect()
}

/// Writes `files` into `dir`, which must be missing or an empty folder
/// (made with its parents if missing). Nothing is overwritten; on failure
/// every file and folder this call made is removed again.
pub fn write(dir: &Path, files: &[(String, String)]) -> Result<(), InitError> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(InitError::NotAFolder(dir.to_owned())),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
            if entries.next().is_some() {
                return Err(InitError::NotEmpty(dir.to_owned()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(dir)(e)),
    }
    let mut made = Made::default();
    let result = write_all(dir, files, &mut made);
    if result.is_err() {
        made.undo();
    }
    result
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InitError {
    let path = path.display().to_string();
    move |source| InitError::Io { path, source }
}

/// What one `init` made, to undo it.
#[derive(Default)]
struct Made {
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Made {
    /// Makes `dir` and its missing parents, remembering each one made.
    fn folder(&mut self, dir: &Path) -> std::io::Result<()> {
        let missing: Vec<&Path> = dir.ancestors().take_while(|a| !a.as_os_str().is_empty() && !a.exists()).collect();
        for d in missing.into_iter().rev() {
            match std::fs::create_dir(d) {
                Ok(()) => self.folders.push(d.to_owned()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn undo(self) {
        for f in self.files.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        for d in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

fn write_all(dir: &Path, files: &[(String, String)], made: &mut Made) -> Result<(), InitError> {
    use std::io::Write;
    made.folder(dir).map_err(io(dir))?;
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            made.folder(parent).map_err(io(parent))?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(io(&path))?;
        made.files.push(path.clone());
        file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(io(&path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
