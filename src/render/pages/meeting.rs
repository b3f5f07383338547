//! A body's and a meeting's pages: the meeting, the whole protocol, each
//! §, the protocol's notice and the notice of a § adjusted on its own.
//! Each template's view is a struct here (`docs/theme.md` lists them).

use super::*;
use serde::Serialize;

/// `body.html`: a body and its meetings by year, newest first.
#[derive(Serialize)]
struct BodyView<'a> {
    name: &'a str,
    short_name: Option<&'a str>,
    /// The kind of body, in words.
    kind: String,
    /// The body it belongs to (an utskott's nämnd).
    parent: Option<Link>,
    /// Its description as HTML.
    description: Option<String>,
    years: Vec<BodyYear>,
    subscribe: Vec<Link>,
}

#[derive(Serialize)]
struct BodyYear {
    year: i16,
    meetings: Vec<MeetingLine>,
}

/// A meeting in a body's list.
#[derive(Serialize)]
struct MeetingLine {
    href: String,
    date: String,
    suffix: Option<String>,
    /// `§ 1–12`.
    paragraphs: String,
    adjusted: bool,
    /// Not held yet (its agenda is announced).
    announced: bool,
}

pub(super) fn body_page(x: &Inputs<'_>, body: &Body) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::body(&body.slug));
    let parent = body.parent.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let mut years: Vec<BodyYear> = Vec::new();
    for m in body.meetings.iter().rev() {
        let line = MeetingLine {
            href: p.href(&urls::meeting(&m.id)),
            date: p.date(m.id.date),
            suffix: m.id.suffix.clone(),
            paragraphs: paragraph_range(m),
            adjusted: m.is_adjusted(),
            announced: m.id.date > site.today,
        };
        match years.last_mut() {
            Some(y) if y.year == m.id.date.year() => y.meetings.push(line),
            _ => years.push(BodyYear { year: m.id.date.year(), meetings: vec![line] }),
        }
    }
    let view = BodyView {
        name: &body.name,
        short_name: body.short_name.as_deref(),
        kind: p.label(body_kind_key(body.kind)),
        parent: parent.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        description: body.description.as_ref().map(|d| p.markdown(d, 2, "")),
        years,
        subscribe: p.subscriptions(Some(body)),
    };
    let frame = p.body_frame(body.name.clone(), vec![p.link(urls::HOME, p.label("home"))], body);
    spec(p.url.clone(), "body.html", frame, view)
}

/// `meeting.html`: the meeting's facts, and a link to its whole protocol.
#[derive(Serialize)]
struct MeetingPageView<'a> {
    #[serde(flatten)]
    meeting: MeetingView<'a>,
    protocol_href: String,
}

pub(super) fn meeting_page(x: &Inputs<'_>, body: &Body, m: &Meeting, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::meeting(&m.id));
    let (title, meeting, trail) = meeting_view(&p, body, m, pdf);
    let view = MeetingPageView { meeting, protocol_href: p.href(&urls::protocol(&m.id)) };
    spec(p.url.clone(), "meeting.html", p.body_frame(title, trail, body), view)
}

/// `protocol.html`: the meeting's facts, every § in full, the signatures and,
/// once adjusted, the proof of its notice.
#[derive(Serialize)]
struct ProtocolView<'a> {
    #[serde(flatten)]
    meeting: MeetingView<'a>,
    full: Vec<ParagraphView<'a>>,
    signatures: Signatures<'a>,
    proof_block: Option<Vec<Fact>>,
}

/// A fact: its label and its value.
#[derive(Serialize)]
struct Fact {
    k: String,
    v: String,
}

/// The whole protocol: the meeting's facts, then every paragraph in full.
pub(super) fn protocol_page(x: &Inputs<'_>, body: &Body, m: &Meeting, sizes: &Sizes, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::protocol(&m.id));
    let (title, meeting, mut trail) = meeting_view(&p, body, m, pdf);
    trail.push(p.link(&urls::meeting(&m.id), title.clone()));
    let view = ProtocolView {
        meeting,
        full: m
            .paragraphs
            .iter()
            .map(|par| paragraph_view(&p, m, par, sizes, 3, &format!("p{}-", par.number)))
            .collect(),
        signatures: signatures(&p, m),
        proof_block: proof_block(&p, body, m).map(|rows| rows.into_iter().map(|(k, v)| Fact { k, v }).collect()),
    };
    let title = format!("{} – {}", title, p.label("full_protocol"));
    spec(p.url.clone(), "protocol.html", p.body_frame(title, trail, body), view)
}

/// The signature block that ends a protocol: secretary, chair, adjusters,
/// and "Justerat <date>" or "Ej justerat".
#[derive(Serialize)]
struct Signatures<'a> {
    secretary: Option<&'a str>,
    chair: Option<&'a str>,
    adjusters: &'a [String],
    adjusted: String,
}

fn signatures<'a>(p: &Page<'_>, m: &'a Meeting) -> Signatures<'a> {
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => format!("{} {}", p.label("adjusted"), p.date(on)),
        Adjustment::NotAdjusted => p.label("not_adjusted_signature"),
    };
    Signatures { secretary: m.secretary.as_deref(), chair: m.chair.as_deref(), adjusters: &m.adjusters, adjusted }
}

/// The facts of a meeting, for its page and its whole protocol.
#[derive(Serialize)]
struct MeetingView<'a> {
    body: &'a str,
    /// The meeting's label (its date, and its suffix if any).
    date: String,
    suffix: Option<&'a str>,
    time: Option<&'a str>,
    place: Option<&'a str>,
    chair: Option<&'a str>,
    secretary: Option<&'a str>,
    adjusters: &'a [String],
    /// The day the protocol was adjusted.
    adjusted: Option<String>,
    /// Its notice, once posted.
    board: Option<ProtocolNoticeView>,
    storage: Option<&'a str>,
    attendance: Vec<AttendeeView<'a>>,
    announced: bool,
    announcements: Vec<Link>,
    /// The introduction as HTML.
    intro: Option<String>,
    paragraphs: Vec<ParagraphLine<'a>>,
    pdf: Option<PdfLink>,
}

#[derive(Serialize)]
struct AttendeeView<'a> {
    name: &'a str,
    party: Option<&'a str>,
    role: Option<&'a str>,
    title: Option<&'a str>,
}

/// A § in a meeting's list.
#[derive(Serialize)]
struct ParagraphLine<'a> {
    number: u32,
    title: &'a str,
    dnr: String,
    confidential: bool,
    /// "Omedelbart justerad <date>".
    immediate: Option<String>,
    /// A proposal to another body, or information only.
    outcome: Option<String>,
    /// "Återkallad <date>".
    withdrawn: Option<String>,
    href: String,
}

/// The protocol as PDF: where, and its size in words.
#[derive(Serialize)]
struct PdfLink {
    href: String,
    size: String,
}

/// The facts of a meeting, for its page and its full protocol; `pdf` is
/// the size of its protocol as PDF, if it has one.
fn meeting_view<'a>(
    p: &Page<'_>,
    body: &'a Body,
    m: &'a Meeting,
    pdf: Option<u64>,
) -> (String, MeetingView<'a>, Vec<Link>) {
    let site = p.site;
    let dir = format!("{}/{}", m.id.body, m.id.folder());
    let board = match m.adjustment {
        Adjustment::Adjusted { on, board } if board.posted <= site.today => {
            Some(p.protocol_notice(body, m, on, &board))
        }
        _ => None,
    };
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => Some(p.date(on)),
        Adjustment::NotAdjusted => None,
    };
    let paragraphs: Vec<ParagraphLine<'a>> = m
        .paragraphs
        .iter()
        .map(|par| {
            let (dnr, confidential) = match &par.content {
                Content::Public(x) => (x.dnr.join(", "), false),
                Content::Confidential { .. } => (String::new(), true),
                Content::Agenda { dnr, .. } => (dnr.join(", "), false),
                Content::Withdrawn { .. } => (String::new(), false),
            };
            let outcome = par.content.public().and_then(|x| match &x.outcome {
                Outcome::Proposal { to, .. } => Some(format!("{} {to}", p.label("proposal_to"))),
                Outcome::Information => Some(p.label("information")),
                Outcome::Decision => None,
            });
            ParagraphLine {
                number: par.number,
                title: par.content.title(),
                dnr,
                confidential,
                immediate: par.immediate.map(|i| format!("{} {}", p.label("adjusted_immediately"), p.date(i.on))),
                outcome,
                withdrawn: par.content.withdrawal().map(|w| format!("{} {}", p.label("withdrawn"), p.date(w.date))),
                href: p.href(&urls::paragraph(&m.id, par.number)),
            }
        })
        .collect();
    let attendance = m
        .attendance
        .iter()
        .map(|a| AttendeeView {
            name: &a.name,
            party: a.party.as_deref(),
            role: a.role.as_deref(),
            title: a.title.as_deref(),
        })
        .collect();
    let title = format!("{} {}", body.name, meeting_label(m));
    let view = MeetingView {
        body: &body.name,
        date: meeting_label(m),
        suffix: m.id.suffix.as_deref(),
        time: m.time.as_deref(),
        place: m.place.as_deref(),
        chair: m.chair.as_deref(),
        secretary: m.secretary.as_deref(),
        adjusters: &m.adjusters,
        adjusted,
        board,
        storage: m.storage.as_deref(),
        attendance,
        announced: m.id.date > site.today,
        announcements: site.announcements(&m.id).map(|n| p.link(&urls::notice(n), &n.title)).collect(),
        intro: m.intro.as_ref().map(|i| p.markdown_linked(i, 2, "", Some((&dir, m.linked.as_slice())))),
        paragraphs,
        pdf: pdf.map(|n| PdfLink { href: p.href(&urls::protocol_pdf(&m.id)), size: p.size(n) }),
    };
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(&urls::body(&body.slug), &body.name)];
    (title, view, trail)
}

/// `paragraph.html`: one § and its notice's facts.
#[derive(Serialize)]
struct ParagraphPageView<'a> {
    par: ParagraphView<'a>,
    body: &'a str,
    meeting_date: String,
    notice: Option<NoticeFacts>,
}

pub(super) fn paragraph_page(x: &Inputs<'_>, body: &Body, m: &Meeting, par: &Paragraph, sizes: &Sizes) -> PageSpec {
    let p = page(x, urls::paragraph(&m.id, par.number));
    let trail = vec![
        p.link(urls::HOME, p.label("home")),
        p.link(&urls::body(&body.slug), &body.name),
        p.link(&urls::meeting(&m.id), format!("{} {}", body.name, meeting_label(m))),
    ];
    let frame = p.body_frame(format!("§ {} {}", par.number, par.content.title()), trail, body);
    let view = ParagraphPageView {
        par: paragraph_view(&p, m, par, sizes, 2, ""),
        body: &body.name,
        meeting_date: meeting_label(m),
        notice: paragraph_notice_facts(&p, body, m, par),
    };
    spec(p.url.clone(), "paragraph.html", frame, view)
}

/// A § as its page and the whole protocol show it: what every § has, and
/// what its kind shows.
#[derive(Serialize)]
struct ParagraphView<'a> {
    number: u32,
    /// The title (a confidential §'s public title).
    title: &'a str,
    /// The day it was adjusted on its own, if it was.
    immediate: Option<String>,
    /// The level of its section headings.
    h: u8,
    /// The prefix of its ids on the page.
    idp: String,
    href: String,
    #[serde(flatten)]
    kind: ParagraphKind<'a>,
}

/// What a § shows by its kind: a confidential one only its legal ground, one
/// not adjusted only its agenda line, a withdrawn one why, a public one all.
#[derive(Serialize)]
#[serde(untagged)]
enum ParagraphKind<'a> {
    Confidential { confidential: bool, legal_ground: &'a str },
    Agenda { agenda: bool, announced: bool, dnr: &'a [String] },
    Withdrawn { withdrawn: Dated<'a> },
    Public(Box<PublicView<'a>>),
}

/// A date in words and why (a withdrawal).
#[derive(Serialize)]
struct Dated<'a> {
    date: String,
    reason: &'a str,
}

/// A paragraph's view, shared by its page and the full protocol: `h` is the
/// level of its section headings, `idp` the prefix of its ids on the page.
fn paragraph_view<'a>(
    p: &Page<'_>,
    m: &Meeting,
    par: &'a Paragraph,
    sizes: &Sizes,
    h: u8,
    idp: &str,
) -> ParagraphView<'a> {
    let kind = match &par.content {
        Content::Confidential { legal_ground, .. } => ParagraphKind::Confidential { confidential: true, legal_ground },
        Content::Agenda { dnr, .. } => ParagraphKind::Agenda { agenda: true, announced: m.id.date > p.site.today, dnr },
        Content::Withdrawn { withdrawal, .. } => {
            ParagraphKind::Withdrawn { withdrawn: Dated { date: p.date(withdrawal.date), reason: &withdrawal.reason } }
        }
        Content::Public(x) => {
            let dir = format!("{}/{}", m.id.body, m.id.folder());
            ParagraphKind::Public(Box::new(public_paragraph(p, x, sizes, &dir, h + 1, idp)))
        }
    };
    ParagraphView {
        number: par.number,
        title: par.content.title(),
        immediate: par.immediate.map(|i| p.date(i.on)),
        h,
        idp: idp.to_owned(),
        href: p.href(&urls::paragraph(&m.id, par.number)),
        kind,
    }
}

/// A public §: everything it says.
#[derive(Serialize)]
struct PublicView<'a> {
    confidential: bool,
    dnr: &'a [String],
    decided_by: &'a str,
    corrections: Vec<Correction<'a>>,
    /// `decision`, `information` or `proposal`.
    outcome: &'static str,
    /// The body a proposal goes to (linked if it is one of the site's).
    proposal_to: Option<Link>,
    /// The decision, the proposal and the text as HTML.
    decision: Option<String>,
    proposal: Option<String>,
    text: Option<String>,
    documents: Vec<DocumentView<'a>>,
    recipients: &'a [String],
    reservations: Vec<ReservationView<'a>>,
    votes: Option<VotesView<'a>>,
    disqualified: &'a [String],
}

#[derive(Serialize)]
struct Correction<'a> {
    date: String,
    text: &'a str,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    title: &'a str,
    date: Option<String>,
    /// Taken down: when and why.
    withdrawn: Option<Dated<'a>>,
    href: Option<String>,
    size: Option<String>,
    /// The file's type from its extension (`PDF`).
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Serialize)]
struct ReservationView<'a> {
    by: &'a [String],
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct VotesView<'a> {
    yes: Option<&'a str>,
    no: Option<&'a str>,
    ballots: Vec<BallotView<'a>>,
    /// Votes of each kind.
    ja: usize,
    nej: usize,
    avstar: usize,
    jav: usize,
}

#[derive(Serialize)]
struct BallotView<'a> {
    name: &'a str,
    party: Option<&'a str>,
    vote: String,
}

fn public_paragraph<'a>(
    p: &Page<'_>,
    x: &'a PublicParagraph,
    sizes: &Sizes,
    meeting_dir: &str,
    base: u8,
    idp: &str,
) -> PublicView<'a> {
    let linked = Some((meeting_dir, x.linked.as_slice()));
    let documents = x
        .documents
        .iter()
        .map(|d| DocumentView {
            title: &d.title,
            date: d.date.map(|d| d.to_string()),
            withdrawn: d.withdrawn.as_ref().map(|w| Dated { date: p.date(w.date), reason: &w.reason }),
            href: d.file.as_ref().map(|f| p.href(&urls::encode_path(f))),
            size: d.file.as_ref().and_then(|f| sizes.get(f)).map(|n| p.size(*n)),
            kind: d
                .file
                .as_ref()
                .map(|f| f.rsplit('/').next().unwrap_or(f))
                .and_then(|n| n.rsplit_once('.'))
                .map(|(_, e)| e.to_uppercase()),
        })
        .collect();
    let votes = x.votes.as_ref().map(|v| {
        let count = |k: Vote| v.ballots.iter().filter(|b| b.vote == k).count();
        VotesView {
            yes: v.yes.as_deref(),
            no: v.no.as_deref(),
            ballots: v
                .ballots
                .iter()
                .map(|b| BallotView { name: &b.name, party: b.party.as_deref(), vote: p.label(vote_key(b.vote)) })
                .collect(),
            ja: count(Vote::Ja),
            nej: count(Vote::Nej),
            avstar: count(Vote::Avstar),
            jav: count(Vote::Jav),
        }
    });
    let (outcome, proposal_to) = match &x.outcome {
        Outcome::Decision => ("decision", None),
        Outcome::Information => ("information", None),
        Outcome::Proposal { to, slug } => {
            let link = match slug {
                Some(slug) => p.link(&urls::body(slug), to),
                None => Link { href: String::new(), text: to.clone() },
            };
            ("proposal", Some(link))
        }
    };
    PublicView {
        confidential: false,
        dnr: &x.dnr,
        decided_by: &x.decided_by,
        corrections: x.corrections.iter().map(|c| Correction { date: p.date(c.date), text: &c.text }).collect(),
        outcome,
        proposal_to,
        decision: x.decision.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}beslut-"), linked)),
        proposal: x.proposal.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}forslag-"), linked)),
        text: Some(p.markdown_linked(&x.text, base, &format!("{idp}arende-"), linked)).filter(|h| !h.trim().is_empty()),
        documents,
        recipients: &x.recipients,
        reservations: x.reservations.iter().map(|r| ReservationView { by: &r.by, text: r.text.as_deref() }).collect(),
        votes,
        disqualified: &x.disqualified,
    }
}

/// `protocol-notice.html`: the notice of a protocol, or of a § adjusted on
/// its own (then with the §'s `title`).
#[derive(Serialize)]
struct ProtocolNoticePageView<'a> {
    notice: ProtocolNoticeView,
    /// Taken down already (its page stays, saying so).
    removed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    court: Option<&'a str>,
    appeal_days: u32,
}

pub(super) fn protocol_notice_page(x: &Inputs<'_>, body: &Body, m: &Meeting, on: Date, b: &BoardDates) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::protocol_notice(m));
    let view = ProtocolNoticePageView {
        notice: p.protocol_notice(body, m, on, b),
        removed: b.removal <= site.today,
        title: None,
        court: site.config.notice_board.court.as_deref(),
        appeal_days: site.config.notice_board.appeal_period_days,
    };
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}", p.label("protocol_notice"), body.name, meeting_label(m));
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice of a § adjusted on its own: like a protocol's notice, for one §.
pub(super) fn paragraph_notice_page(
    x: &Inputs<'_>,
    body: &Body,
    m: &Meeting,
    par: &Paragraph,
    i: &Immediate,
) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::paragraph_notice(&m.id, par.number));
    let view = ProtocolNoticePageView {
        notice: p.paragraph_notice(body, m, par, i),
        removed: i.board.removal <= site.today,
        title: Some(par.content.title()),
        court: site.config.notice_board.court.as_deref(),
        appeal_days: site.config.notice_board.appeal_period_days,
    };
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}, § {}", p.label("immediate_notice_title"), body.name, meeting_label(m), par.number);
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice facts shown on a § page: its own notice (omedelbar justering)
/// or its protocol's, once adjusted; with the notice's dates once posted.
#[derive(Serialize)]
struct NoticeFacts {
    adjusted: String,
    /// Adjusted on its own.
    immediate: bool,
    posted: Option<String>,
    appeal_last_day: Option<String>,
    removal: Option<String>,
    storage: Option<String>,
    /// The notice's page, once posted.
    href: Option<String>,
    removed: bool,
}

fn paragraph_notice_facts(p: &Page<'_>, body: &Body, m: &Meeting, par: &Paragraph) -> Option<NoticeFacts> {
    let today = p.site.today;
    let (on, board, href) = match (&par.immediate, m.adjustment) {
        (Some(i), _) => (i.on, i.board, urls::paragraph_notice(&m.id, par.number)),
        (None, Adjustment::Adjusted { on, board }) => (on, board, urls::protocol_notice(m)),
        (None, Adjustment::NotAdjusted) => return None,
    };
    let view = match par.immediate {
        Some(i) => p.paragraph_notice(body, m, par, &i),
        None => p.protocol_notice(body, m, on, &board),
    };
    let posted = board.posted <= today;
    Some(NoticeFacts {
        adjusted: view.adjusted,
        immediate: par.immediate.is_some(),
        posted: posted.then_some(view.posted),
        appeal_last_day: posted.then_some(view.appeal_last_day),
        removal: posted.then_some(view.removal),
        storage: view.storage,
        href: posted.then(|| p.href(&href)),
        removed: board.removal <= today,
    })
}
