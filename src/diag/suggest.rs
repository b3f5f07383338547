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

/// How a suggested field name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A misspelling of the field's own (English) name.
    Spelling,
    /// A Swedish word for what the field holds (`beslut` → `decision`).
    Swedish,
}

impl Via {
    /// The message argument (`via`) that picks the wording.
    pub fn arg(self) -> &'static str {
        match self {
            Via::Spelling => "spelling",
            Via::Swedish => "swedish",
        }
    }
}

/// Swedish words a clerk may write instead of a field's name, each with the
/// fields it can mean, most likely first: where a word fits more than one
/// mapping (`titel` is a §'s, a document's and an attendee's `title`), the
/// first one the mapping at hand knows is suggested.
pub const SWEDISH: &[(&str, &[&str])] = &[
    // A paragraph.
    ("nummer", &["number"]),
    ("paragraf", &["number"]),
    ("paragrafnummer", &["number"]),
    ("§", &["number"]),
    ("rubrik", &["title"]),
    ("titel", &["title"]),
    ("ärende", &["title"]),
    ("ärendemening", &["title"]),
    ("diarienummer", &["dnr"]),
    ("diarienr", &["dnr"]),
    ("ärendenummer", &["dnr"]),
    ("beslut", &["decision"]),
    ("beslutstext", &["decision"]),
    ("beslutsorgan", &["decided_by", "body"]),
    ("beslutat_av", &["decided_by"]),
    ("beslutande", &["decided_by"]),
    ("organ", &["decided_by", "body"]),
    ("förslag", &["proposal"]),
    ("beslutsförslag", &["proposal"]),
    ("förslag_till_beslut", &["proposal"]),
    ("förslag_till", &["proposal_to"]),
    ("mottagare", &["recipients"]),
    ("expediering", &["recipients"]),
    ("expedieras", &["recipients"]),
    ("expedieras_till", &["recipients"]),
    ("skickas_till", &["recipients"]),
    ("sändlista", &["recipients"]),
    ("handlingar", &["documents"]),
    ("handling", &["documents"]),
    ("bilagor", &["documents"]),
    ("bilaga", &["documents"]),
    ("beslutsunderlag", &["documents"]),
    ("underlag", &["documents"]),
    ("dokument", &["documents"]),
    ("reservation", &["reservations"]),
    ("reservationer", &["reservations"]),
    ("omröstning", &["votes"]),
    ("röstning", &["votes"]),
    ("röster", &["votes"]),
    ("jäv", &["disqualified"]),
    ("jävig", &["disqualified"]),
    ("jäviga", &["disqualified"]),
    ("sekretess", &["confidential"]),
    ("sekretessgrund", &["confidential"]),
    ("sekretessbelagd", &["confidential"]),
    ("hemlig", &["confidential"]),
    ("offentlig_rubrik", &["public_title"]),
    ("offentlig_titel", &["public_title"]),
    ("rättelse", &["corrections"]),
    ("rättelser", &["corrections"]),
    ("avpublicerad", &["withdrawn"]),
    ("avpublicering", &["withdrawn"]),
    ("återkallad", &["withdrawn"]),
    ("tillbakadragen", &["withdrawn"]),
    ("indragen", &["withdrawn"]),
    // The notice board (a meeting, a §, a notice).
    ("justerat", &["adjusted"]),
    ("justerad", &["adjusted"]),
    ("justering", &["adjusted"]),
    ("justeringsdag", &["adjusted"]),
    ("justeringsdatum", &["adjusted"]),
    ("anslaget", &["posted"]),
    ("anslagen", &["posted"]),
    ("anslag", &["posted"]),
    ("anslagsdag", &["posted"]),
    ("uppsatt", &["posted"]),
    ("uppsättning", &["posted"]),
    ("nedtagning", &["removal"]),
    ("nedtagen", &["removal"]),
    ("nedtaget", &["removal"]),
    ("nedtagningsdag", &["removal"]),
    ("tas_ned", &["removal"]),
    ("överklagbar", &["appealable"]),
    ("överklagbart", &["appealable"]),
    ("kan_överklagas", &["appealable"]),
    ("sammanträde", &["meeting"]),
    ("möte", &["meeting"]),
    // A meeting.
    ("datum", &["date"]),
    ("sammanträdesdag", &["date"]),
    ("sammanträdesdatum", &["date"]),
    ("tid", &["time"]),
    ("tidpunkt", &["time"]),
    ("klockslag", &["time"]),
    ("plats", &["place"]),
    ("lokal", &["place"]),
    ("ordförande", &["chair"]),
    ("ordf", &["chair"]),
    ("sekreterare", &["secretary"]),
    ("justerare", &["adjusters"]),
    ("justeringsperson", &["adjusters"]),
    ("justeringspersoner", &["adjusters"]),
    ("förvaringsplats", &["storage"]),
    ("förvaring", &["storage"]),
    ("förvaras", &["storage"]),
    ("närvaro", &["attendance"]),
    ("närvarande", &["attendance"]),
    ("närvarolista", &["attendance"]),
    ("deltagare", &["attendance"]),
    ("intygad_av", &["certified_by"]),
    ("bestyrkt_av", &["certified_by"]),
    ("bestyrkande", &["certified_by"]),
    // Entries of lists.
    ("namn", &["name"]),
    ("parti", &["party"]),
    ("roll", &["role"]),
    ("befattning", &["title"]),
    ("fil", &["file"]),
    ("sökväg", &["file"]),
    ("skäl", &["reason"]),
    ("anledning", &["reason"]),
    ("orsak", &["reason"]),
    ("av", &["by"]),
    ("ja", &["yes"]),
    ("nej", &["no"]),
    ("röst", &["vote"]),
    ("röstsedlar", &["ballots"]),
    ("namnupprop", &["ballots"]),
    // site.yaml and _body.yaml.
    ("kommun", &["municipality"]),
    ("kommunnamn", &["municipality"]),
    ("webbadress", &["base_url"]),
    ("webbplats", &["base_url"]),
    ("adress", &["address", "base_url"]),
    ("url", &["base_url"]),
    ("språk", &["language"]),
    ("tema", &["theme"]),
    ("kontakt", &["contact"]),
    ("kontaktuppgifter", &["contact"]),
    ("anslagstavla", &["notice_board"]),
    ("anslagstavlan", &["notice_board"]),
    ("domstol", &["court"]),
    ("förvaltningsrätt", &["court"]),
    ("förvaltningsrätten", &["court"]),
    ("överklagandetid", &["appeal_period_days"]),
    ("telefon", &["phone"]),
    ("tel", &["phone"]),
    ("epost", &["email"]),
    ("e_post", &["email"]),
    ("mejl", &["email"]),
    ("organisationsnummer", &["org_number"]),
    ("orgnr", &["org_number"]),
    ("org_nr", &["org_number"]),
    ("kortnamn", &["short_name"]),
    ("förkortning", &["short_name"]),
    ("typ", &["kind"]),
    ("sort", &["kind"]),
    ("slag", &["kind"]),
    ("beskrivning", &["description"]),
    ("överordnat", &["parent"]),
    ("tillhör", &["parent"]),
    ("moderorgan", &["parent"]),
];

/// The field an unknown field name most likely means, among `known`: the
/// field a Swedish word stands for (`beslut`, `Justerare`, `beslutet`), else
/// the nearest name by spelling ([`nearest`]), else the field of the nearest
/// Swedish word (`justeringar`).
pub fn field<'a>(unknown: &str, known: &[&'a str]) -> Option<(&'a str, Via)> {
    let word = unknown.trim().to_lowercase().replace([' ', '-'], "_");
    let fits = |fields: &[&str]| fields.iter().find_map(|f| known.iter().find(|k| *k == f).copied());
    let swedish = |w: &str| SWEDISH.iter().find(|(s, _)| *s == w).and_then(|(_, fields)| fits(fields));
    // The word as written, then without a definite ending (`beslutet`, `handlingarna`).
    let endings = ["arna", "erna", "orna", "na", "en", "et", "n", "t"];
    let forms = std::iter::once(word.as_str())
        .chain(endings.iter().filter_map(|e| word.strip_suffix(e)).filter(|w| w.chars().count() >= 3));
    for form in forms {
        if let Some(f) = swedish(form) {
            return Some((f, Via::Swedish));
        }
    }
    if let Some(f) = nearest(unknown, known) {
        return Some((f, Via::Spelling));
    }
    let words: Vec<&str> = SWEDISH.iter().filter(|(_, fields)| fits(fields).is_some()).map(|(w, _)| *w).collect();
    nearest(&word, &words).and_then(swedish).map(|f| (f, Via::Swedish))
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
    fn swedish_words_find_their_field() {
        let paragraph = ["number", "title", "dnr", "decision", "recipients", "documents", "votes", "disqualified"];
        let meeting = ["date", "place", "chair", "secretary", "adjusters", "adjusted", "posted", "removal"];
        let check = |word: &str, known: &[&'static str], want: &str| {
            assert_eq!(field(word, known), Some((want, Via::Swedish)), "{word}");
        };
        check("beslut", &paragraph, "decision");
        check("Beslutet", &paragraph, "decision");
        check("mottagare", &paragraph, "recipients");
        check("handlingar", &paragraph, "documents");
        check("bilagor", &paragraph, "documents");
        check("Bilagorna", &paragraph, "documents");
        check("jäv", &paragraph, "disqualified");
        check("omröstning", &paragraph, "votes");
        check("diarienummer", &paragraph, "dnr");
        check("rubrik", &paragraph, "title");
        check("justerare", &meeting, "adjusters");
        check("justerat", &meeting, "adjusted");
        check("justering", &meeting, "adjusted");
        check("anslaget", &meeting, "posted");
        check("anslagen", &meeting, "posted");
        check("nedtagning", &meeting, "removal");
        check("ordförande", &meeting, "chair");
        check("Sekreterare", &meeting, "secretary");
        check("datum", &meeting, "date");
        check("plats", &meeting, "place");
        // Misspelt Swedish: the nearest Swedish word.
        check("ordforande", &meeting, "chair");
        check("justerre", &meeting, "adjusters");
        // A word whose field this mapping does not have suggests nothing Swedish.
        assert_eq!(field("ordförande", &paragraph), None);
        // English misspellings keep their suggestion.
        assert_eq!(field("recipents", &paragraph), Some(("recipients", Via::Spelling)));
        assert_eq!(field("titel", &paragraph), Some(("title", Via::Swedish)));
    }

    #[test]
    fn every_swedish_word_means_a_field_of_the_format() {
        let fields = crate::validate::all_fields();
        for (word, means) in SWEDISH {
            assert_eq!(word.to_lowercase(), *word, "{word}: written in lower case");
            for f in *means {
                assert!(fields.contains(f), "{word} → {f}: no such field");
            }
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Socialnämnden"), "socialnamnden");
        assert_eq!(slugify("Kommun Styrelsen_2"), "kommun-styrelsen-2");
    }
}
