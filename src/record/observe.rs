//! What a build as of the site's day publishes, as the record sees it:
//! every notice posted by then (a protocol's, a § adjusted on its own,
//! another notice), with a SHA-256 of the published text of each § (or of
//! the notice's title and text) and of each attachment.

use crate::diag::{SourceMap, Span};
use crate::model::record::*;
use crate::model::*;
use crate::urls;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Every notice published on the site's day, in order of its key.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    pub notices: Vec<ObservedNotice>,
}

/// One notice as published today.
#[derive(Debug, Clone)]
pub struct ObservedNotice {
    /// The address of its page.
    pub key: String,
    pub kind: EntryKind,
    pub title: String,
    pub meeting: Option<String>,
    pub posted: Date,
    /// Where its `posted:` (or `adjusted:`) is written.
    pub posted_at: Span,
    pub texts: Vec<ObservedText>,
    pub attachments: Vec<FileEntry>,
}

/// A published text (a § or a notice's own text) today.
#[derive(Debug, Clone)]
pub struct ObservedText {
    pub what: String,
    pub source: String,
    pub sha256: String,
    pub corrections: usize,
    /// The § is withdrawn (its published text is the tombstone).
    pub withdrawn: bool,
    /// The file's front matter (where a warning about it points).
    pub at: Span,
}

/// What `site` publishes on its day; attachments are read from `content`.
pub fn observe(site: &Site, sources: &SourceMap, content: &Path) -> std::io::Result<Observed> {
    use rayon::prelude::*;
    let today = site.today;
    let labels = crate::render::labels(site);
    let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| k.to_owned());
    let source = |s: Span| sources.get(s.file).path.clone();
    // The meetings' notices, meeting by meeting in parallel (each § is
    // written out and hashed), then in the site's order.
    let meetings: Vec<_> = site.bodies.iter().flat_map(|b| b.meetings.iter().map(move |m| (b, m))).collect();
    let observed = meetings.par_iter().map(|(body, m)| -> std::io::Result<Vec<ObservedNotice>> {
        let mut notices = Vec::new();
        let meeting = crate::present::meeting_label(m);
        if let Adjustment::Adjusted { board, .. } = m.adjustment
            && board.posted <= today
        {
            let texts = m.paragraphs.iter().map(|p| paragraph_text(p, &source)).collect();
            let mut files: Vec<String> = m.linked.clone();
            files.extend(m.paragraphs.iter().flat_map(paragraph_files));
            notices.push(ObservedNotice {
                key: urls::protocol_notice(m),
                kind: EntryKind::Protokoll,
                title: format!("{}: {} {meeting}", label("protocol_notice"), body.name),
                meeting: Some(m.id.path()),
                posted: board.posted,
                posted_at: m.posted_at,
                texts,
                attachments: hashed(files, content)?,
            });
        }
        for (p, i) in m.immediate().filter(|(_, i)| i.board.posted <= today) {
            notices.push(ObservedNotice {
                key: urls::paragraph_notice(&m.id, p.number),
                kind: EntryKind::OmedelbartJusterad,
                title: format!("{}: {} {meeting}, § {}", label("immediate_notice_title"), body.name, p.number),
                meeting: Some(m.id.path()),
                posted: i.board.posted,
                posted_at: i.posted_at,
                texts: vec![paragraph_text(p, &source)],
                attachments: hashed(paragraph_files(p).collect(), content)?,
            });
        }
        Ok(notices)
    });
    let mut notices = Vec::new();
    for found in observed.collect::<Vec<_>>() {
        notices.extend(found?);
    }
    for n in site.notices.iter().filter(|n| n.posted <= today) {
        let text = serde_json::json!({"title": n.title, "text": n.text.text}).to_string();
        notices.push(ObservedNotice {
            key: urls::notice(n),
            kind: EntryKind::Anslag,
            title: n.title.clone(),
            meeting: None,
            posted: n.posted,
            posted_at: n.posted_at,
            texts: vec![ObservedText {
                what: "text".to_owned(),
                source: source(n.src),
                sha256: sha256(text.as_bytes()),
                corrections: 0,
                withdrawn: false,
                at: n.src,
            }],
            attachments: hashed(n.linked.clone(), content)?,
        });
    }
    notices.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Observed { notices })
}

/// The SHA-256 of a § as it is published (its public fields, in a fixed
/// form; a confidential § its number, public title and ground; a withdrawn
/// one its tombstone). Corrections are counted, not hashed: a correction
/// explains a change, it is not one.
fn paragraph_text(p: &Paragraph, source: &impl Fn(Span) -> String) -> ObservedText {
    let published = Published::of(p);
    let bytes = serde_json::to_vec(&published).unwrap_or_default();
    ObservedText {
        what: format!("§ {}", p.number),
        source: source(p.src),
        sha256: sha256(&bytes),
        corrections: p.content.public().map_or(0, |x| x.corrections.len()),
        withdrawn: p.content.withdrawal().is_some(),
        at: p.src,
    }
}

/// The fixed form of a § as published, whose JSON (keys in alphabetical
/// order, lists as arrays, no spaces) is what the record hashes. The form
/// must never change: the record compares today's hashes with those it
/// holds from years back (a unit test holds it to the form's first
/// writing, a JSON value built key by key).
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Published<'a> {
    Public(Box<PublishedPublic<'a>>),
    Confidential {
        confidential: &'a str,
        number: u32,
        public_title: &'a str,
    },
    Agenda {
        dnr: &'a [String],
        number: u32,
        title: &'a str,
    },
    Withdrawn {
        number: u32,
        title: &'a str,
        /// Date and reason.
        withdrawn: (String, &'a str),
    },
}

/// A public §'s fields (see [`Published`]).
#[derive(serde::Serialize)]
struct PublishedPublic<'a> {
    decided_by: &'a str,
    decision: Option<&'a str>,
    disqualified: &'a [String],
    dnr: &'a [String],
    /// Title, date, file.
    documents: Vec<(&'a str, Option<String>, Option<&'a str>)>,
    number: u32,
    outcome: PublishedOutcome<'a>,
    proposal: Option<&'a str>,
    recipients: &'a [String],
    /// Who, and their text.
    reservations: Vec<(&'a [String], Option<&'a str>)>,
    text: &'a str,
    title: &'a str,
    votes: Option<PublishedVotes<'a>>,
}

/// Yes, no, and each ballot: name, party, vote.
type PublishedVotes<'a> = (Option<&'a str>, Option<&'a str>, Vec<(&'a str, Option<&'a str>, String)>);

#[derive(serde::Serialize)]
#[serde(untagged)]
enum PublishedOutcome<'a> {
    Word(&'static str),
    /// `["proposal", to]`.
    Proposal(&'static str, &'a str),
}

impl<'a> Published<'a> {
    fn of(p: &'a Paragraph) -> Published<'a> {
        let number = p.number;
        match &p.content {
            Content::Public(x) => Published::Public(Box::new(PublishedPublic {
                decided_by: &x.decided_by,
                decision: x.decision.as_ref().map(|d| d.text.as_str()),
                disqualified: &x.disqualified,
                dnr: &x.dnr,
                documents: x
                    .documents
                    .iter()
                    .map(|d| (d.title.as_str(), d.date.map(|d| d.to_string()), d.file.as_deref()))
                    .collect(),
                number,
                outcome: match &x.outcome {
                    Outcome::Decision => PublishedOutcome::Word("decision"),
                    Outcome::Information => PublishedOutcome::Word("information"),
                    Outcome::Proposal { to, .. } => PublishedOutcome::Proposal("proposal", to),
                },
                proposal: x.proposal.as_ref().map(|d| d.text.as_str()),
                recipients: &x.recipients,
                reservations: x.reservations.iter().map(|r| (r.by.as_slice(), r.text.as_deref())).collect(),
                text: &x.text.text,
                title: &x.title,
                votes: x.votes.as_ref().map(|v| {
                    let ballots =
                        v.ballots.iter().map(|b| (b.name.as_str(), b.party.as_deref(), format!("{:?}", b.vote)));
                    (v.yes.as_deref(), v.no.as_deref(), ballots.collect())
                }),
            })),
            Content::Confidential { public_title, legal_ground } => {
                Published::Confidential { confidential: legal_ground, number, public_title }
            }
            Content::Agenda { title, dnr } => Published::Agenda { dnr, number, title },
            Content::Withdrawn { title, withdrawal } => {
                Published::Withdrawn { number, title, withdrawn: (withdrawal.date.to_string(), &withdrawal.reason) }
            }
        }
    }
}

/// The attachments a § publishes (its documents' files and the files its
/// text links to).
fn paragraph_files(p: &Paragraph) -> impl Iterator<Item = String> + '_ {
    let x = p.content.public();
    let documents = x.into_iter().flat_map(|x| x.documents.iter().filter_map(|d| d.file.clone()));
    documents.chain(x.into_iter().flat_map(|x| x.linked.iter().cloned()))
}

/// The SHA-256 of each attachment, by path, each once.
fn hashed(mut files: Vec<String>, content: &Path) -> std::io::Result<Vec<FileEntry>> {
    files.sort();
    files.dedup();
    files
        .into_iter()
        .map(|path| Ok(FileEntry { sha256: crate::files::hex(&crate::files::sha256(&content.join(&path))?), path }))
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    crate::files::hex(&Sha256::digest(bytes))
}

impl ObservedNotice {
    /// The entry of a notice the record has not seen yet, first published
    /// on the real day `today`; `taken_over` when it was posted before the
    /// record started.
    pub fn first_entry(&self, today: Date, taken_over: bool) -> NoticeEntry {
        NoticeEntry {
            notice: self.key.clone(),
            kind: self.kind,
            title: self.title.clone(),
            meeting: self.meeting.clone(),
            posted: self.posted,
            first_published: today,
            taken_over,
            texts: self
                .texts
                .iter()
                .map(|t| TextEntry {
                    what: t.what.clone(),
                    source: t.source.clone(),
                    sha256: t.sha256.clone(),
                    corrections: t.corrections,
                })
                .collect(),
            attachments: self.attachments.clone(),
            changes: Vec::new(),
        }
    }

    /// Appends to `entry` every change between it and what is published on
    /// the real day `today`.
    pub fn changes_since(&self, entry: &mut NoticeEntry, today: Date) {
        let mut changes = Vec::new();
        let change = |what: String, kind, sha256: Option<String>, corrections, value| Change {
            date: today,
            what,
            kind,
            sha256,
            corrections,
            value,
        };
        if self.posted != entry.current_posted() {
            changes.push(change("posted".into(), ChangeKind::Changed, None, None, Some(self.posted.to_string())));
        }
        for t in &self.texts {
            let kind = match entry.current_text(&t.what) {
                None | Some((None, _)) => ChangeKind::Added,
                Some((Some(h), _)) if h == t.sha256 => continue,
                Some(_) if t.withdrawn => ChangeKind::Withdrawn,
                Some((_, n)) if t.corrections > n => ChangeKind::Correction,
                Some(_) => ChangeKind::Changed,
            };
            changes.push(change(t.what.clone(), kind, Some(t.sha256.clone()), Some(t.corrections), None));
        }
        for f in &self.attachments {
            let kind = match entry.current_file(&f.path) {
                None | Some(None) => ChangeKind::Added,
                Some(Some(h)) if h == f.sha256 => continue,
                Some(Some(_)) => ChangeKind::Changed,
            };
            changes.push(change(format!("bilaga {}", f.path), kind, Some(f.sha256.clone()), None, None));
        }
        let published: Vec<String> = entry
            .attachments
            .iter()
            .map(|f| f.path.clone())
            .chain(entry.changes.iter().filter_map(|c| c.what.strip_prefix("bilaga ").map(str::to_owned)))
            .collect();
        let mut gone: Vec<String> =
            published.into_iter().filter(|p| !self.attachments.iter().any(|f| &f.path == p)).collect();
        gone.sort();
        gone.dedup();
        for path in gone {
            if let Some(Some(_)) = entry.current_file(&path) {
                changes.push(change(format!("bilaga {path}"), ChangeKind::Removed, None, None, None));
            }
        }
        entry.changes.extend(changes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The form as it was first written (a JSON value built key by key):
    /// the hashes in every record kept since are of this text.
    fn first_form(p: &Paragraph) -> String {
        let value = match &p.content {
            Content::Public(x) => {
                let documents: Vec<_> =
                    x.documents.iter().map(|d| json!([d.title, d.date.map(|d| d.to_string()), d.file])).collect();
                let reservations: Vec<_> = x.reservations.iter().map(|r| json!([r.by, r.text])).collect();
                let votes = x.votes.as_ref().map(|v| {
                    let ballots: Vec<_> =
                        v.ballots.iter().map(|b| json!([b.name, b.party, format!("{:?}", b.vote)])).collect();
                    json!([v.yes, v.no, ballots])
                });
                let outcome = match &x.outcome {
                    Outcome::Decision => json!("decision"),
                    Outcome::Information => json!("information"),
                    Outcome::Proposal { to, .. } => json!(["proposal", to]),
                };
                json!({
                    "number": p.number, "title": x.title, "dnr": x.dnr,
                    "decision": x.decision.as_ref().map(|d| &d.text), "outcome": outcome,
                    "decided_by": x.decided_by, "proposal": x.proposal.as_ref().map(|d| &d.text),
                    "recipients": x.recipients, "documents": documents, "reservations": reservations,
                    "votes": votes, "disqualified": x.disqualified, "text": x.text.text,
                })
            }
            Content::Confidential { public_title, legal_ground } => {
                json!({"number": p.number, "public_title": public_title, "confidential": legal_ground})
            }
            Content::Agenda { title, dnr } => json!({"number": p.number, "title": title, "dnr": dnr}),
            Content::Withdrawn { title, withdrawal } => {
                let note = json!([withdrawal.date.to_string(), withdrawal.reason]);
                json!({"number": p.number, "title": title, "withdrawn": note})
            }
        };
        value.to_string()
    }

    /// Every § of the example, on days before, during and after its
    /// notices (public, confidential, agenda, withdrawn; votes,
    /// reservations, documents, proposals), is written as it first was.
    #[test]
    fn the_published_form_is_the_first_one_byte_for_byte() {
        let mut kinds = std::collections::HashSet::new();
        let mut seen = [0; 4];
        for today in ["2025-03-01", "2026-11-12", "2026-11-25", "2031-01-01"] {
            let site = crate::render::testing::example_site(today);
            for p in site.meetings().flat_map(|m| &m.paragraphs) {
                let now = serde_json::to_string(&Published::of(p)).expect("JSON");
                assert_eq!(now, first_form(p), "§ {} on {today}", p.number);
                kinds.insert(std::mem::discriminant(&p.content));
                if let Content::Public(x) = &p.content {
                    let has =
                        [x.votes.is_some(), !x.reservations.is_empty(), !x.documents.is_empty(), x.proposal.is_some()];
                    seen.iter_mut().zip(has).for_each(|(n, has)| *n += usize::from(has));
                }
            }
        }
        assert!(seen.iter().all(|n| *n > 0), "votes, reservations, documents, proposals: {seen:?}");
        assert_eq!(kinds.len(), 4, "public, confidential, agenda and withdrawn §§ were compared");
    }
}
