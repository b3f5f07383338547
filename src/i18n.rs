//! The message catalogue: every text the tool prints to a person, in Swedish
//! and English, from Fluent files in `i18n/<lang>/anslag.ftl` (compiled in).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};

/// The language the tool speaks to the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Svenska.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Swedish when the locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`)
    /// starts with `sv`, English otherwise.
    pub fn from_env() -> Lang {
        let get = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = get("LC_ALL").or_else(|| get("LC_MESSAGES")).or_else(|| get("LANG"));
        match locale {
            Some(l) if l.starts_with("sv") => Lang::Sv,
            _ => Lang::En,
        }
    }

    /// The language asked for with `--lang sv|en` (or `--lang=sv`) among raw
    /// arguments, before clap parses them (so `--help` is in that language).
    pub fn from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
        let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        let value = args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix("--lang=")
                .map(str::to_owned)
                .or_else(|| (a == "--lang").then(|| args.get(i + 1).map(|v| v.to_string()))?)
        })?;
        match value.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn source(self) -> (&'static str, &'static str) {
        match self {
            Lang::Sv => ("sv", include_str!("../i18n/sv/anslag.ftl")),
            Lang::En => ("en", include_str!("../i18n/en/anslag.ftl")),
        }
    }
}

/// The messages of one language.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
    lang: Lang,
}

impl Catalog {
    pub fn new(lang: Lang) -> Catalog {
        let (_, ftl) = lang.source();
        Catalog::from_ftl(lang, ftl).0
    }

    /// A catalogue of one compiled-in Fluent file, and the ids of its messages
    /// in file order. The files are checked by the tests below, so a parse
    /// error here is a bug in this crate; what parsed is kept anyway.
    fn from_ftl(lang: Lang, ftl: &str) -> (Catalog, Vec<String>) {
        let resource = FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(r, _)| r);
        let ids = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        let langid = lang.source().0.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        (Catalog { bundle, lang }, ids)
    }

    /// The language of this catalogue.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with its arguments; the id itself if it is missing.
    pub fn get(&self, id: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Whole numbers go in as numbers, so plural selectors work.
            match value.parse::<u32>() {
                Ok(n) if !value.starts_with('0') || value == "0" => fluent_args.set(*name, n),
                _ => fluent_args.set(*name, value.as_str()),
            }
        }
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    }

    /// Like [`Catalog::get`] without arguments.
    pub fn text(&self, id: &str) -> String {
        self.get(id, &[])
    }
}

/// The public site's labels in `lang` (`i18n/<lang>/site.ftl`), by id.
pub fn site_labels(lang: Lang) -> std::collections::BTreeMap<String, String> {
    let ftl = match lang {
        Lang::Sv => include_str!("../i18n/sv/site.ftl"),
        Lang::En => include_str!("../i18n/en/site.ftl"),
    };
    let (catalog, ids) = Catalog::from_ftl(lang, ftl);
    ids.into_iter().map(|id| (catalog.text(&id), id)).map(|(text, id)| (id, text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn message_ids(ftl: &str) -> Vec<String> {
        ftl.lines()
            .filter_map(|l| l.split_once(" ="))
            .filter(|(id, _)| !id.starts_with([' ', '#', '*', '[']))
            .map(|(id, _)| id.trim().to_owned())
            .collect()
    }

    #[test]
    fn catalogues_parse_and_have_the_same_messages() {
        let (_, sv) = Lang::Sv.source();
        let (_, en) = Lang::En.source();
        for ftl in [sv, en] {
            if let Err((_, errors)) = FluentResource::try_new(ftl.to_owned()) {
                panic!("catalogue does not parse: {errors:?}");
            }
        }
        let mut a = message_ids(sv);
        let mut b = message_ids(en);
        a.sort();
        b.sort();
        assert_eq!(a, b, "sv and en catalogues differ");
    }

    #[test]
    fn every_code_has_a_message_and_help_in_both_languages() {
        for lang in [Lang::Sv, Lang::En] {
            let c = Catalog::new(lang);
            for code in Code::ALL {
                assert!(c.has(code.id()), "{lang:?} lacks {}", code.id());
                assert!(c.has(&format!("{}-help", code.id())), "{lang:?} lacks help of {}", code.id());
            }
        }
    }

    #[test]
    fn site_labels_are_the_same_in_both_languages() {
        let sv = site_labels(Lang::Sv);
        let en = site_labels(Lang::En);
        assert!(sv.len() > 50);
        assert_eq!(sv.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        for t in sv.values().chain(en.values()) {
            assert!(!t.trim().is_empty());
        }
    }

    #[test]
    fn lang_from_args() {
        let args = |v: &[&str]| v.iter().map(Into::into).collect::<Vec<_>>();
        assert_eq!(Lang::from_args(&args(&["anslag", "--lang", "sv"])), Some(Lang::Sv));
        assert_eq!(Lang::from_args(&args(&["anslag", "--lang=en"])), Some(Lang::En));
        assert_eq!(Lang::from_args(&args(&["anslag", "check"])), None);
    }
}
