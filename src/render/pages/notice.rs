//! The other notices' pages and the proofs (anslagsbevis) of every notice.

use super::*;
use serde::Serialize;

/// What a proof states of its notice: a title and the facts of KL 8 kap. 12 §.
pub(super) struct ProofFacts {
    pub(super) title: String,
    pub(super) facts: Vec<(String, String)>,
}

/// The facts of a protocol's (or a §'s own) notice, for its proof.
pub(super) fn view_facts(p: &Page<'_>, v: &ProtocolNoticeView, certified_by: Option<&str>) -> ProofFacts {
    let mut facts = vec![(p.label("body"), v.body.clone()), (p.label("meeting_date"), v.meeting_date.clone())];
    if !v.paragraphs.is_empty() {
        let immediate = v.immediate.as_ref().map_or(String::new(), |i| format!(" ({i})"));
        facts.push((p.label("paragraphs"), format!("{}{immediate}", v.paragraphs)));
    }
    let adjusted = if v.immediate.is_some() { p.label("adjusted_immediately") } else { p.label("adjusted") };
    facts.extend([
        (adjusted, v.adjusted.clone()),
        (p.label("posted"), v.posted.clone()),
        (p.label("appeal_last_day"), v.appeal_last_day.clone()),
        (p.label("removal"), v.removal.clone()),
    ]);
    facts.extend(v.storage.clone().map(|s| (p.label("storage"), s)));
    facts.extend(certified_by.map(|c| (p.label("certified_by"), c.to_owned())));
    let title = format!(
        "{} {}{}",
        v.body,
        v.meeting_date,
        v.immediate.as_ref().map_or(String::new(), |_| format!(", {}", v.paragraphs))
    );
    ProofFacts { title, facts }
}

/// `anslagsbevis.html`: what a notice states, and what the publishing record
/// holds of it.
#[derive(Serialize)]
struct ProofView<'a> {
    title: String,
    facts: Vec<Fact>,
    recorded: Option<Recorded<'a>>,
    /// The day the publishing record began, if it has.
    started: Option<String>,
    /// The notice's page, and the publishing record's data file.
    notice: String,
    data: String,
}

/// A fact: its label and its value.
#[derive(Serialize)]
struct Fact {
    k: String,
    v: String,
}

/// The notice's entry in the publishing record.
#[derive(Serialize)]
struct Recorded<'a> {
    first_published: String,
    taken_over: bool,
    posted: String,
    texts: Vec<RecordedFile<'a>>,
    files: Vec<RecordedFile<'a>>,
    changes: Vec<RecordedChange<'a>>,
}

/// A text (`what`) or an attachment (`path`) as published, by its SHA-256.
#[derive(Serialize)]
struct RecordedFile<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    what: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    sha256: &'a str,
}

#[derive(Serialize)]
struct RecordedChange<'a> {
    date: String,
    what: &'a str,
    kind: String,
    sha256: Option<&'a str>,
    value: Option<&'a str>,
}

/// The proof (anslagsbevis) of the notice whose page is at `notice`: what the
/// notice states, then what the publishing record holds of it.
pub(super) fn proof_page(x: &Inputs<'_>, notice: &str, facts: ProofFacts) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::proof(notice));
    let heading = facts.title;
    let facts: Vec<Fact> = facts.facts.into_iter().map(|(k, v)| Fact { k, v }).collect();
    let kind_label = |k: record::ChangeKind| {
        use crate::model::record::ChangeKind as K;
        p.label(match k {
            K::Correction => "change_correction",
            K::Changed => "change_changed",
            K::Withdrawn => "change_withdrawn",
            K::Added => "change_added",
            K::Removed => "change_removed",
        })
    };
    let recorded = site.record.notice(notice).map(|e| Recorded {
        first_published: p.date(e.first_published),
        taken_over: e.taken_over,
        posted: p.date(e.posted),
        texts: e.texts.iter().map(|t| RecordedFile { what: Some(&t.what), path: None, sha256: &t.sha256 }).collect(),
        files: e
            .attachments
            .iter()
            .map(|f| RecordedFile { what: None, path: Some(&f.path), sha256: &f.sha256 })
            .collect(),
        changes: e
            .changes
            .iter()
            .map(|c| RecordedChange {
                date: p.date(c.date),
                what: &c.what,
                kind: kind_label(c.kind),
                sha256: c.sha256.as_deref(),
                value: c.value.as_deref(),
            })
            .collect(),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {heading}", p.label("anslagsbevis"));
    let view = ProofView {
        title: heading,
        facts,
        recorded,
        started: site.record.started.map(|d| p.date(d)),
        notice: p.href(notice),
        data: p.href(&format!("{}{}", urls::DATA, crate::render::data::RECORD)),
    };
    spec(p.url.clone(), "anslagsbevis.html", p.frame(title, trail), view)
}

/// `notice.html`: a notice other than a protocol's.
#[derive(Serialize)]
struct NoticeView {
    notice: NoticeLine,
    /// Taken down already (its page stays, saying so).
    removed: bool,
    /// The body it is from, if it names one.
    body: Option<Link>,
    /// Its text as HTML.
    text: String,
}

pub(super) fn notice_page(x: &Inputs<'_>, n: &Notice) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::notice(n));
    let body = n.body.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let view = NoticeView {
        notice: p.notice_line(n),
        removed: n.removal <= site.today,
        body: body.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        text: p.markdown_linked(&n.text, 2, "", Some(("notices", n.linked.as_slice()))),
    };
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    spec(p.url.clone(), "notice.html", p.frame(n.title.clone(), trail), view)
}
