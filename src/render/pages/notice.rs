//! The other notices' pages and the proofs (anslagsbevis) of every notice.

use super::*;

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

/// The proof (anslagsbevis) of the notice whose page is at `notice`: what the
/// notice states, then what the publishing record holds of it.
pub(super) fn proof_page(x: &Inputs<'_>, notice: &str, facts: ProofFacts) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::proof(notice));
    let heading = facts.title;
    let facts: Vec<Value> = facts.facts.into_iter().map(|(k, v)| json!({"k": k, "v": v})).collect();
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
    let recorded = site.record.notice(notice).map(|e| {
        let texts: Vec<Value> = e.texts.iter().map(|t| json!({"what": t.what, "sha256": t.sha256})).collect();
        let files: Vec<Value> = e.attachments.iter().map(|f| json!({"path": f.path, "sha256": f.sha256})).collect();
        let changes: Vec<Value> = e
            .changes
            .iter()
            .map(|c| {
                json!({"date": p.date(c.date), "what": c.what, "kind": kind_label(c.kind),
                       "sha256": c.sha256, "value": c.value})
            })
            .collect();
        json!({"first_published": p.date(e.first_published), "taken_over": e.taken_over,
               "posted": p.date(e.posted), "texts": texts, "files": files, "changes": changes})
    });
    let view = json!({
        "title": heading, "facts": facts, "recorded": recorded,
        "started": site.record.started.map(|d| p.date(d)), "notice": p.href(notice),
        "data": p.href(&format!("{}{}", urls::DATA, crate::render::data::RECORD)),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {}", p.label("anslagsbevis"), view["title"].as_str().unwrap_or_default());
    spec(p.url.clone(), "anslagsbevis.html", p.frame(title, trail), view)
}

pub(super) fn notice_page(x: &Inputs<'_>, n: &Notice) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::notice(n));
    let body = n.body.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let view = json!({
        "notice": p.notice_line(n), "removed": n.removal <= site.today,
        "body": body.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        "text": p.markdown_linked(&n.text, 2, "", Some(("notices", n.linked.as_slice()))),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    spec(p.url.clone(), "notice.html", p.frame(n.title.clone(), trail), view)
}
