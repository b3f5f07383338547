//! `site.yaml`, `_body.yaml` and notice files.

use super::fields::Fields;
use crate::diag::suggest::nearest;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{BodyDir, Doc, Loaded};
use crate::model::*;

const SITE_FIELDS: &[&str] = &["municipality", "base_url", "language", "theme", "contact", "notice_board"];
const CONTACT_FIELDS: &[&str] = &["address", "phone", "email", "org_number"];
const BOARD_FIELDS: &[&str] = &["court", "appeal_period_days", "post_within_days"];
const BODY_FIELDS: &[&str] = &["name", "short_name", "kind", "parent", "description"];
const NOTICE_FIELDS: &[&str] = &["title", "kind", "body", "posted", "removal"];

pub const BODY_KINDS: &[(&str, BodyKind)] = &[
    ("fullmäktige", BodyKind::Fullmaktige),
    ("styrelse", BodyKind::Styrelse),
    ("nämnd", BodyKind::Namnd),
    ("utskott", BodyKind::Utskott),
    ("beredning", BodyKind::Beredning),
    ("other", BodyKind::Other),
];

pub const NOTICE_KINDS: &[(&str, NoticeKind)] = &[
    ("kungörelse", NoticeKind::Kungorelse),
    ("tillkännagivande", NoticeKind::Tillkannagivande),
    ("underrättelse", NoticeKind::Underrattelse),
    ("other", NoticeKind::Other),
];

/// Reads `site.yaml`; with it missing or broken, the defaults stand in so the
/// rest of the content can still be checked.
pub fn site_config(doc: Option<&Doc>, diags: &mut Vec<Diagnostic>) -> SiteConfig {
    let head = doc.map(|d| d.head);
    let mut f =
        Fields::new(doc.and_then(|d| d.fields.as_ref()), head.unwrap_or(DUMMY), "site.yaml", SITE_FIELDS, diags);
    let present = doc.is_some();
    let municipality = if present { f.required_text("municipality") } else { f.text("municipality") };
    let base_url = if present { f.required_text("base_url") } else { f.text("base_url") };
    let language = f.choice("language", &[("sv", Language::Sv), ("en", Language::En)]);
    let theme = f.text("theme");
    let contact = f.node("contact");
    let board = f.node("notice_board");
    f.finish();

    let mut c = Fields::new(contact, DUMMY, "contact", CONTACT_FIELDS, diags);
    let contact = Contact {
        address: c.text("address").map(|s| s.value),
        phone: c.text("phone").map(|s| s.value),
        email: c.text("email").map(|s| s.value),
        org_number: c.text("org_number").map(|s| s.value),
    };
    c.finish();

    let mut b = Fields::new(board, DUMMY, "notice_board", BOARD_FIELDS, diags);
    let notice_board = BoardConfig {
        court: b.text("court").map(|s| s.value),
        appeal_period_days: b.number("appeal_period_days", 1, 21).map_or(21, |s| s.value),
        post_within_days: b.number("post_within_days", 0, 2).map_or(2, |s| s.value),
    };
    b.finish();

    SiteConfig {
        municipality: municipality.map(|s| s.value).unwrap_or_default(),
        base_url: base_url.map(|s| s.value).unwrap_or_default(),
        language: language.map_or(Language::Sv, |s| s.value),
        theme: theme.map_or_else(|| "default".to_owned(), |s| s.value),
        contact,
        notice_board,
    }
}

/// A placeholder span for nested mappings, whose missing fields are never required.
const DUMMY: Span = Span { file: crate::diag::FileId(0), start: 0, end: 0 };

/// Reads a body's `_body.yaml` (the meetings are added later).
pub fn body(dir: &BodyDir, slugs: &[&str], diags: &mut Vec<Diagnostic>) -> Option<Body> {
    let Some(doc) = &dir.meta else {
        if !dir.meta_failed {
            diags.push(Diagnostic::new(Code::MissingFile, Span::new(dir.at, 0, 0)).arg("file", "_body.yaml"));
        }
        return None;
    };
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "_body.yaml", BODY_FIELDS, diags);
    let name = f.required_text("name");
    let short_name = f.text("short_name").map(|s| s.value);
    let kind = f.choice("kind", BODY_KINDS).map_or(BodyKind::Other, |s| s.value);
    let parent = f.text("parent");
    let description = f.markdown("description").map(|s| Markdown { text: s.value, at: s.span });
    f.finish();
    if let Some(p) = &parent
        && (p.value == dir.slug || !slugs.contains(&p.value.as_str()))
    {
        diags.push(unknown_body(p.span, &p.value, slugs, &dir.slug));
    }
    Some(Body {
        slug: dir.slug.clone(),
        name: name?.value,
        short_name,
        kind,
        parent: parent.map(|p| p.value),
        description,
        meetings: Vec::new(),
    })
}

pub fn unknown_body(span: Span, slug: &str, slugs: &[&str], except: &str) -> Diagnostic {
    let others: Vec<&str> = slugs.iter().copied().filter(|s| *s != except).collect();
    Diagnostic::new(Code::UnknownBody, span)
        .arg("slug", slug)
        .arg("suggestion", nearest(slug, &others).unwrap_or("none"))
        .arg("known", if others.is_empty() { "–".to_owned() } else { others.join(", ") })
}

/// Reads one notice file.
pub fn notice(doc: &Doc, loaded: &Loaded, slugs: &[&str], diags: &mut Vec<Diagnostic>) -> Option<Notice> {
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "notice", NOTICE_FIELDS, diags);
    let title = f.required_text("title");
    let kind = f.choice("kind", NOTICE_KINDS).map_or(NoticeKind::Other, |s| s.value);
    let body = f.text("body");
    let posted = f.required_date("posted");
    let removal = f.required_date("removal");
    f.finish();
    if let Some(b) = &body
        && !slugs.contains(&b.value.as_str())
    {
        diags.push(unknown_body(b.span, &b.value, slugs, ""));
    }
    let (posted, removal) = (posted?, removal?);
    if removal.value <= posted.value {
        let d = Diagnostic::new(Code::NoticeRemovalTooEarly, removal.key)
            .arg("removal", removal.value)
            .arg("posted", posted.value);
        diags.push(d);
    }
    let path = &loaded.sources.get(doc.file).path;
    let name = path.rsplit('/').next().unwrap_or(path);
    let slug = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_owned();
    if !crate::load::walk::is_slug(&slug) {
        let d = Diagnostic::new(Code::NoticeFileName, Span::new(doc.file, 0, 0))
            .arg("name", name)
            .arg("suggestion", crate::diag::suggest::slugify(&slug));
        diags.push(d);
    }
    let text = markdown_body(doc, loaded);
    Some(Notice {
        slug,
        title: title?.value,
        kind,
        body: body.map(|b| b.value),
        posted: posted.value,
        removal: removal.value,
        linked: super::meeting::linked_files(&text, "notices", loaded, diags),
        text,
        src: doc.head,
    })
}

/// The Markdown after a file's front matter.
pub fn markdown_body(doc: &Doc, loaded: &Loaded) -> Markdown {
    let text = &loaded.sources.get(doc.file).text;
    Markdown { text: text.get(doc.body.start..doc.body.end).unwrap_or_default().to_owned(), at: doc.body }
}
