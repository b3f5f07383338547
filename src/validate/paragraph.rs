//! Paragraph files (§): the public record, or for a confidential one only
//! its number, public title and legal ground.

use super::documents::resolve_document;
use super::fields::{Fields, Spanned};
use super::meeting::BoardInput;
use super::site::markdown_body;
use crate::diag::{Code, Diagnostic, Span};
use crate::load::{Doc, Loaded, Node};
use crate::model::*;

pub const PARAGRAPH_FIELDS: &[&str] = &[
    "number",
    "title",
    "dnr",
    "decision",
    "decided_by",
    "proposal",
    "recipients",
    "documents",
    "reservations",
    "votes",
    "disqualified",
    "confidential",
    "public_title",
    "proposal_to",
    "adjusted",
    "posted",
    "removal",
    "withdrawn",
    "corrections",
];
/// The fields of a confidential paragraph that are published.
pub const CONFIDENTIAL_PUBLIC_FIELDS: &[&str] =
    &["number", "public_title", "confidential", "adjusted", "posted", "removal", "withdrawn"];
pub(crate) const DOCUMENT_FIELDS: &[&str] = &["title", "date", "file", "withdrawn"];
pub(crate) const WITHDRAWN_FIELDS: &[&str] = &["date", "reason"];
pub(crate) const CORRECTION_FIELDS: &[&str] = &["date", "text"];
pub(crate) const RESERVATION_FIELDS: &[&str] = &["by", "text"];
pub(crate) const VOTES_FIELDS: &[&str] = &["yes", "no", "ballots"];
pub(crate) const BALLOT_FIELDS: &[&str] = &["name", "party", "vote"];
const VOTE_WORDS: &[(&str, Vote)] =
    &[("ja", Vote::Ja), ("nej", Vote::Nej), ("avstår", Vote::Avstar), ("jäv", Vote::Jav)];

/// Where a paragraph sits, for resolving its documents and its default `decided_by`.
pub struct Place<'a> {
    pub loaded: &'a Loaded,
    /// `<body>/<meeting folder>`.
    pub meeting_dir: &'a str,
    pub body_name: &'a str,
    /// Every body's slug and name (for `proposal_to`).
    pub bodies: &'a [(String, String)],
    /// The build's date: withdrawals and corrections count from their date.
    pub outside: &'a super::outside::Outside,
}

/// A paragraph and the place of its `number:` line (for numbering warnings).
pub struct Read {
    pub paragraph: Paragraph,
    pub number: Spanned<u32>,
    /// Every attachment the paragraph refers to (content-relative path and the
    /// `file:` value), confidential or not: used to keep a confidential
    /// paragraph's files from being published through another paragraph.
    pub files: Vec<(String, Span)>,
    pub confidential: bool,
    /// The §'s own board dates (omedelbar justering), checked by the meeting.
    pub board: BoardInput,
}

/// Reads one paragraph file. Every field is checked, confidential or not;
/// a confidential paragraph keeps only what is published.
pub fn paragraph(doc: &Doc, at: &Place<'_>, diags: &mut Vec<Diagnostic>) -> Option<Read> {
    let mut f = Fields::new(doc.fields.as_ref(), doc.head, "paragraph", PARAGRAPH_FIELDS, diags);
    let number = f.required("number", |f| f.number("number", 1, 158));
    let confidential_key = f.key("confidential");
    let confidential = f.text("confidential");
    // A yes/no word is not a legal ground: `confidential: false` must not
    // quietly make the paragraph confidential (or public).
    let not_a_ground = |c: &Spanned<String>| {
        ["true", "false", "yes", "no", "ja", "nej", "on", "off"].contains(&c.value.to_lowercase().as_str())
    };
    let confidential = match (confidential_key, confidential) {
        (Some(key), None) => {
            f.diags.push(Diagnostic::new(Code::LegalGroundMissing, key));
            None
        }
        (_, Some(c)) if not_a_ground(&c) => {
            f.diags.push(Diagnostic::new(Code::LegalGroundMissing, c.key));
            None
        }
        (_, c) => c,
    };
    let public_title = f.text("public_title");
    let title = if confidential.is_some() { f.text("title") } else { f.required_text("title") };
    let dnr = f.text_list("dnr");
    let decision = f.markdown("decision").map(markdown);
    let decided_by = f.text("decided_by").map(|s| s.value);
    let proposal = f.markdown("proposal").map(markdown);
    let recipients = f.text_list("recipients");
    let document_nodes = f.list_of_maps("documents");
    let reservation_nodes = f.list_of_maps("reservations");
    let votes_node = f.node("votes");
    let disqualified = f.text_list("disqualified");
    let proposal_to = f.text("proposal_to");
    let board = BoardInput::read(&mut f, "paragraph");
    let withdrawn_node = f.node("withdrawn");
    let correction_nodes = f.list_of_maps("corrections");
    if confidential.is_some() && public_title.is_none() {
        f.diags.push(Diagnostic::new(Code::PublicTitleMissing, confidential.as_ref().map_or(doc.head, |c| c.key)));
    }
    f.finish();
    let documents: Vec<(Document, Option<Span>)> =
        document_nodes.into_iter().filter_map(|n| document(n, at, diags)).collect();
    let files: Vec<(String, Span)> = documents.iter().filter_map(|(d, s)| Some((d.file.clone()?, (*s)?))).collect();
    let documents = documents.into_iter().map(|(d, _)| d).collect();
    let is_confidential = confidential.is_some();
    let text = markdown_body(doc, at.loaded);
    // What a confidential § keeps private is never published, so never rendered.
    if !super::is_confidential(doc) {
        for md in [Some(&text), decision.as_ref(), proposal.as_ref()].into_iter().flatten() {
            super::depth::check(md, at.loaded, diags);
        }
    }
    let mut linked: Vec<(String, Span)> = Vec::new();
    for md in [Some(&text), decision.as_ref(), proposal.as_ref()].into_iter().flatten() {
        // A confidential §'s links make their files confidential too; a
        // broken one there is its own business (nothing of it is published).
        let mut quiet = Vec::new();
        let report = if is_confidential { &mut quiet } else { &mut *diags };
        linked.extend(super::links::resolve(md, at.meeting_dir, at.loaded, at.outside, report));
    }
    let mut files: Vec<(String, Span)> = files;
    files.extend(linked.iter().cloned());
    let mut linked: Vec<String> = linked.into_iter().map(|(p, _)| p).collect();
    linked.sort();
    linked.dedup();
    let reservations: Vec<Reservation> = reservation_nodes.into_iter().filter_map(|n| reservation(n, diags)).collect();
    let votes = votes_node.map(|n| votes(n, diags));
    let withdrawal = withdrawn_node.and_then(|n| withdrawal(n, diags)).filter(|w| at.outside.reached(w.date));
    let mut corrections: Vec<Correction> = correction_nodes.into_iter().filter_map(|n| correction(n, diags)).collect();
    corrections.retain(|c| at.outside.reached(c.date));
    corrections.sort_by_key(|c| c.date);
    let outcome = match (&decision, proposal_to) {
        (None, _) => Outcome::Information,
        (Some(_), None) => Outcome::Decision,
        (Some(_), Some(to)) => proposal_outcome(&to, at.bodies, diags),
    };

    let number = number?;
    let content = match confidential {
        Some(_) if withdrawal.is_some() => {
            Content::Withdrawn { title: public_title?.value, withdrawal: withdrawal.clone()? }
        }
        Some(ground) => Content::Confidential { public_title: public_title?.value, legal_ground: ground.value },
        None if withdrawal.is_some() => Content::Withdrawn { title: title?.value, withdrawal: withdrawal.clone()? },
        None => Content::Public(Box::new(PublicParagraph {
            title: title?.value,
            dnr,
            decision,
            outcome,
            decided_by: decided_by.unwrap_or_else(|| at.body_name.to_owned()),
            proposal,
            recipients,
            documents,
            reservations,
            votes,
            disqualified,
            text,
            linked,
            corrections,
        })),
    };
    let paragraph = Paragraph { number: number.value, content, immediate: None, src: doc.head };
    Some(Read { paragraph, number, files, confidential: is_confidential, board })
}

/// `proposal_to`: a body's slug or name; a slug that names no body (or a
/// misspelt slug such as `kommunfullmäktige`) is E039 with the nearest;
/// anything else is the name of a body outside `content/`, as free text
/// (`Region Värmland`).
fn proposal_outcome(to: &Spanned<String>, bodies: &[(String, String)], diags: &mut Vec<Diagnostic>) -> Outcome {
    let same = |(slug, name): &&(String, String)| *slug == to.value || name.to_lowercase() == to.value.to_lowercase();
    if let Some((slug, name)) = bodies.iter().find(same) {
        return Outcome::Proposal { to: name.clone(), slug: Some(slug.clone()) };
    }
    let slugged = crate::diag::suggest::slugify(&to.value);
    if crate::load::walk::is_slug(&to.value) || bodies.iter().any(|(slug, _)| *slug == slugged) {
        let slugs: Vec<&str> = bodies.iter().map(|(s, _)| s.as_str()).collect();
        let d = Diagnostic::new(Code::UnknownProposalBody, to.span)
            .arg("slug", &to.value)
            .arg("suggestion", crate::diag::suggest::nearest(&to.value, &slugs).unwrap_or("none"))
            .arg("known", if slugs.is_empty() { "–".to_owned() } else { slugs.join(", ") });
        diags.push(d);
    }
    Outcome::Proposal { to: to.value.clone(), slug: None }
}

/// `withdrawn: {date, reason}` (of a § or a document); both are required.
fn withdrawal(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Withdrawal> {
    let mut f = Fields::new(Some(node), node.span, "withdrawn", WITHDRAWN_FIELDS, diags);
    let date = f.required_date("date");
    let reason = f.required("reason", |f| f.folded_text("reason"));
    f.finish();
    Some(Withdrawal { date: date?.value, reason: reason?.value })
}

/// One entry of `corrections: [{date, text}]`; both are required.
fn correction(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Correction> {
    let mut f = Fields::new(Some(node), node.span, "corrections", CORRECTION_FIELDS, diags);
    let date = f.required_date("date");
    let text = f.required("text", |f| f.folded_text("text"));
    f.finish();
    Some(Correction { date: date?.value, text: text?.value })
}

fn markdown(s: Spanned<String>) -> Markdown {
    Markdown { text: s.value, at: s.span }
}

/// A document, and where its `file:` value is written.
fn document(node: &Node, at: &Place<'_>, diags: &mut Vec<Diagnostic>) -> Option<(Document, Option<Span>)> {
    let mut f = Fields::new(Some(node), node.span, "documents", DOCUMENT_FIELDS, diags);
    let title = f.required_text("title");
    let date = f.date("date").map(|d| d.value);
    let file = f.text("file");
    let withdrawn = f.node("withdrawn");
    f.finish();
    let withdrawn = withdrawn.and_then(|n| withdrawal(n, diags)).filter(|w| at.outside.reached(w.date));
    let span = file.as_ref().map(|f| f.span);
    let file = match file {
        Some(file) => Some(resolve_document(&file, at, diags)?),
        None => None,
    };
    // A withdrawn document keeps its place in the list, without its file.
    let file = file.filter(|_| withdrawn.is_none());
    Some((Document { title: title?.value, date, file, withdrawn }, span))
}

fn reservation(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Reservation> {
    let mut f = Fields::new(Some(node), node.span, "reservations", RESERVATION_FIELDS, diags);
    let by = f.required("by", |f| Some(f.text_list("by")).filter(|b| !b.is_empty())).unwrap_or_default();
    let text = f.folded_text("text").map(|s| s.value);
    f.finish();
    (!by.is_empty()).then_some(Reservation { by, text })
}

fn votes(node: &Node, diags: &mut Vec<Diagnostic>) -> Votes {
    let mut f = Fields::new(Some(node), node.span, "votes", VOTES_FIELDS, diags);
    let yes = f.text("yes").map(|s| s.value);
    let no = f.text("no").map(|s| s.value);
    let ballot_nodes = f.list_of_maps("ballots");
    f.finish();
    let ballots = ballot_nodes
        .into_iter()
        .filter_map(|n| {
            let mut b = Fields::new(Some(n), n.span, "ballots", BALLOT_FIELDS, diags);
            let name = b.required_text("name");
            let party = b.text("party").map(|s| s.value);
            let vote = b.required("vote", |b| b.choice("vote", VOTE_WORDS));
            b.finish();
            Some(Ballot { name: name?.value, party, vote: vote?.value })
        })
        .collect();
    Votes { yes, no, ballots }
}
