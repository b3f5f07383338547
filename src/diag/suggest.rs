//! "Did you mean …?": the nearest known name to a misspelt one.

/// The known name closest to `unknown`, if it is close enough to be a typo.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&unknown, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1) || k.starts_with(&unknown))
        .min()
        .map(|(_, k)| k)
}

/// A folder name turned into a valid slug (`a-z`, `0-9`, `-`): Swedish
/// letters lose their dots, everything else becomes `-`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_field() {
        let known = ["recipients", "reservations", "removal", "title"];
        assert_eq!(nearest("recipents", &known), Some("recipients"));
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("Title", &known), Some("title"));
        assert_eq!(nearest("xyzzy", &known), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Socialnämnden"), "socialnamnden");
        assert_eq!(slugify("Kommun Styrelsen_2"), "kommun-styrelsen-2");
    }
}
