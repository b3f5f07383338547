//! Splitting a Markdown file into its YAML front matter and its text.

/// The parts of a `.md` file, as byte ranges of its (normalised) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The opening `---` line.
    pub open: std::ops::Range<usize>,
    /// The YAML between the fences.
    pub yaml: std::ops::Range<usize>,
    /// The Markdown after the closing fence.
    pub body: std::ops::Range<usize>,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    Missing,
    /// No closing `---` line; the range is the opening line.
    Unclosed(std::ops::Range<usize>),
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

/// Splits `text` (BOM and CR already removed). The front matter starts with a
/// line `---` at the very top and ends with the next line `---` (or `...`).
pub fn split(text: &str) -> Result<Parts, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end], false) {
        return Err(SplitError::Missing);
    }
    let open = 0..first_end;
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_fence(&text[pos..end], true) {
            return Ok(Parts { open, yaml: yaml_start..pos, body: (end + 1).min(text.len())..text.len() });
        }
        pos = end + 1;
    }
    Err(SplitError::Unclosed(open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let t = "---\ntitle: x\n---\nText\n";
        let p = split(t).unwrap();
        assert_eq!(&t[p.yaml.clone()], "title: x\n");
        assert_eq!(&t[p.body.clone()], "Text\n");
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let t = "---\n---";
        let p = split(t).unwrap();
        assert_eq!(&t[p.yaml.clone()], "");
        assert_eq!(&t[p.body.clone()], "");
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("title: x\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: x\n"), Err(SplitError::Unclosed(0..3)));
        assert_eq!(split("----\n---\n"), Err(SplitError::Missing));
    }

    #[test]
    fn dashes_inside_text_are_not_fences() {
        let t = "---\na: 1\n---\nx\n---\ny\n";
        let p = split(t).unwrap();
        assert_eq!(&t[p.body.clone()], "x\n---\ny\n");
    }
}
