//! The theme: tera templates and static files. The default theme is
//! compiled into the binary, so `anslag build` works from any folder; a
//! `themes/<name>/` folder beside `content/` overrides any of its files
//! (`templates/<page>.html`, `static/style.css`).

use super::RenderError;
use std::path::Path;

/// The default theme's templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("board.html", include_str!("../../themes/default/templates/board.html")),
    ("archive.html", include_str!("../../themes/default/templates/archive.html")),
    ("archive-year.html", include_str!("../../themes/default/templates/archive-year.html")),
    ("body.html", include_str!("../../themes/default/templates/body.html")),
    ("meeting.html", include_str!("../../themes/default/templates/meeting.html")),
    ("meeting-facts.html", include_str!("../../themes/default/templates/meeting-facts.html")),
    ("paragraph.html", include_str!("../../themes/default/templates/paragraph.html")),
    ("paragraph-body.html", include_str!("../../themes/default/templates/paragraph-body.html")),
    ("protocol.html", include_str!("../../themes/default/templates/protocol.html")),
    ("protocol-notice.html", include_str!("../../themes/default/templates/protocol-notice.html")),
    ("notice.html", include_str!("../../themes/default/templates/notice.html")),
    ("accessibility.html", include_str!("../../themes/default/templates/accessibility.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("register.html", include_str!("../../themes/default/templates/register.html")),
    ("register-year.html", include_str!("../../themes/default/templates/register-year.html")),
    ("subscribe.html", include_str!("../../themes/default/templates/subscribe.html")),
    ("anslagsbevis.html", include_str!("../../themes/default/templates/anslagsbevis.html")),
];

/// The search page's script (it asks Pagefind and lists the results).
pub const SEARCH_SCRIPT: &str = "sok.js";

/// The default theme's static files, by their path in the site.
const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    (SEARCH_SCRIPT, include_bytes!("../../themes/default/static/sok.js")),
];

/// Templates ready to render, and the static files to copy.
pub struct Theme {
    tera: tera::Tera,
    /// Path in the site → bytes, sorted.
    statics: std::collections::BTreeMap<String, Vec<u8>>,
    /// `?v=` and the start of the stylesheet's SHA-256 (see [`Theme::style_suffix`]).
    style: String,
    /// SHA-256 of every template and static file (see [`Theme::fingerprint`]).
    fingerprint: [u8; 32],
}

impl Theme {
    /// The theme named in `site.yaml`: `themes/<name>/` beside the content
    /// folder overrides files of the compiled-in default; a name other than
    /// `default` without such a folder is an error.
    pub fn for_site(content: &Path, site: &crate::model::Site) -> Result<Theme, RenderError> {
        let name = &site.config.theme;
        let dir = content.parent().unwrap_or(Path::new(".")).join("themes").join(name);
        if !dir.is_dir() && name != "default" {
            let path = dir.display().to_string();
            return Err(RenderError::ThemeMissing { name: name.clone(), path });
        }
        let mut theme = Theme::load(Some(dir.as_path()).filter(|d| d.is_dir()))?;
        if let Some(accent) = &site.config.branding.accent {
            theme.add_static(crate::urls::ACCENT_STYLE, accent_css(accent).into_bytes());
        }
        Ok(theme)
    }

    /// Adds a file made for the site (not the theme's own) to the static files.
    fn add_static(&mut self, name: &str, bytes: Vec<u8>) {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(self.fingerprint);
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
        self.fingerprint = h.finalize().into();
        self.statics.insert(name.to_owned(), bytes);
    }

    /// The default theme, with files from `dir` (a `themes/<name>/` folder)
    /// taking the place of the default ones where they exist.
    pub fn load(dir: Option<&Path>) -> Result<Theme, RenderError> {
        let read = |sub: &str, name: &str| dir.map(|d| d.join(sub).join(name)).and_then(|p| std::fs::read(p).ok());
        let mut tera = tera::Tera::new();
        let mut sources = Vec::new();
        for (name, default) in TEMPLATES {
            let text = read("templates", name)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_else(|| (*default).to_owned());
            sources.push((*name, text));
        }
        let fingerprint = {
            use sha2::Digest;
            let mut h = sha2::Sha256::new();
            for (name, text) in &sources {
                h.update((name.len() as u64).to_le_bytes());
                h.update(name.as_bytes());
                h.update((text.len() as u64).to_le_bytes());
                h.update(text.as_bytes());
            }
            h
        };
        tera.add_raw_templates(sources)
            .map_err(|e| RenderError::Template { template: "theme".into(), message: error_chain(&e) })?;
        let mut statics: std::collections::BTreeMap<String, Vec<u8>> =
            STATIC.iter().map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec())).collect();
        // Every file of the theme's own static/ folder (logos, fonts …), by its path there.
        if let Some(dir) = dir.map(|d| d.join("static")).filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
                let Ok(rel) = entry.path().strip_prefix(&dir) else { continue };
                if entry.file_type().is_file() {
                    let name = rel.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
                    let bytes = std::fs::read(entry.path())
                        .map_err(|source| RenderError::Io { path: entry.path().display().to_string(), source })?;
                    statics.insert(name, bytes);
                }
            }
        }
        let style = {
            use sha2::Digest;
            let css = statics.get(crate::urls::STYLE).map_or(&[][..], Vec::as_slice);
            let hash = sha2::Sha256::digest(css);
            format!("?v={}", crate::files::hex(&hash[..6]))
        };
        let fingerprint = {
            use sha2::Digest;
            let mut h = fingerprint;
            for (name, bytes) in &statics {
                h.update((name.len() as u64).to_le_bytes());
                h.update(name.as_bytes());
                h.update((bytes.len() as u64).to_le_bytes());
                h.update(bytes);
            }
            h.finalize().into()
        };
        Ok(Theme { tera, statics, style, fingerprint })
    }

    /// Renders one template with a page's view (see
    /// [`super::pages::PageSpec`]); `labels`, made once for all pages by
    /// [`Theme::labels`], become its `frame.t`.
    pub fn render(&self, template: &str, view: &tera::Value, labels: &tera::Value) -> Result<String, RenderError> {
        let err = |e: tera::Error| RenderError::Template { template: template.to_owned(), message: error_chain(&e) };
        let Some(fields) = view.as_map() else {
            return Err(RenderError::Template {
                template: template.to_owned(),
                message: "the page has no view".into(),
            });
        };
        let mut context = tera::Context::new();
        for (key, value) in fields {
            let Some(name) = key.as_str() else { continue };
            let value = match (name, value.as_map()) {
                ("frame", Some(frame)) => {
                    let mut frame = frame.clone();
                    frame.insert(tera::value::Key::Str("t"), labels.clone());
                    tera::Value::from(frame)
                }
                _ => value.clone(),
            };
            context.insert_value(name.to_owned(), value);
        }
        self.tera.render(template, &context).map_err(err)
    }

    /// The site's labels as every page's template sees them (`frame.t`):
    /// made once and shared, not copied into each page's view (finding 36).
    pub fn labels(labels: &crate::present::Labels) -> tera::Value {
        tera::Value::from_serializable(labels)
    }

    /// Added to the stylesheet's address on every page: a new stylesheet
    /// gets a new address, so no browser or cache pairs a page with the
    /// stylesheet of another build.
    pub fn style_suffix(&self) -> &str {
        &self.style
    }

    /// A SHA-256 of every template and static file: what the theme
    /// contributes to the key of a build ([`crate::freshness`]).
    pub fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }
}

/// The accent colour's stylesheet: the default theme takes every use of
/// the accent (links, the header's and cards' borders) from `--accent`.
pub fn accent_css(accent: &str) -> String {
    format!("/* branding.accent in site.yaml */\n:root {{ --accent: {accent}; }}\n")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    /// `docs/theme.md` names every `frame.…` variable the default templates
    /// use (but the labels, `frame.t.…`), so a theme's author finds them all.
    #[test]
    fn the_theme_document_names_every_frame_variable() {
        let doc = include_str!("../../docs/theme.md");
        let mut missing = std::collections::BTreeSet::new();
        for (name, text) in super::TEMPLATES {
            for (i, _) in text.match_indices("frame.") {
                let path: String =
                    text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').collect();
                let path = path.trim_end_matches('.');
                if !path.starts_with("frame.t.") && !doc.contains(&format!("`{path}`")) {
                    missing.insert(format!("{path} ({name})"));
                }
            }
        }
        assert!(missing.is_empty(), "docs/theme.md does not name {missing:?}");
    }

    #[test]
    fn the_accent_is_a_custom_property_the_default_stylesheet_uses_for_links() {
        let css = std::str::from_utf8(super::STATIC[0].1).expect("UTF-8");
        assert!(css.contains("--link: var(--accent);"));
        assert_eq!(super::accent_css("#7a1f2b"), "/* branding.accent in site.yaml */\n:root { --accent: #7a1f2b; }\n");
    }
}
