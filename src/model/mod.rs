//! The model: a validated site, in the domain's own terms. Everything here has
//! passed every rule; legal dates are computed once (by `calendar`, in
//! `validate`) and stored. A confidential paragraph's private text never
//! enters the model, so no later stage can leak it. Markdown stays Markdown:
//! HTML exists only in `render`.

pub mod paths;
pub mod record;

use crate::diag::Span;
pub use jiff::civil::Date;

/// The whole site on the build's date.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// The build's date (`--today`): what is on the board is judged on it.
    pub today: Date,
    pub bodies: Vec<Body>,
    pub notices: Vec<Notice>,
    /// The publishing record as read (and, on the real day, brought up to
    /// date): when each notice really went up ([`record`]).
    pub record: std::sync::Arc<record::PublishingRecord>,
}

/// `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub municipality: String,
    pub base_url: String,
    pub language: Language,
    pub theme: String,
    pub contact: Contact,
    pub notice_board: BoardConfig,
    /// The municipality's look: logo, accent colour, extra stylesheet.
    pub branding: Branding,
}

/// `branding:` in `site.yaml` (docs/theme.md). Every file is checked and
/// lives in the content folder's `profil/` folder; it is copied to the same
/// path in the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    pub logo: Option<Logo>,
    /// `#rrggbb`, lower case, with enough contrast (4.5:1) wherever the
    /// default theme uses it (links on its backgrounds).
    pub accent: Option<String>,
    /// A stylesheet linked after the theme's own.
    pub stylesheet: Option<Asset>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub file: Asset,
    /// The logo's alternative text (required).
    pub alt: String,
}

/// A file of the site's own, read when checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Relative to the content folder (and to the site's root).
    pub path: String,
    /// The start of its SHA-256 in hex: a new file is a new site key and a
    /// new address suffix (`?v=`).
    pub hash: String,
}

/// Language of the site's own labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Sv,
    En,
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub org_number: Option<String>,
}

/// Settings of the notice board (anslagstavlan).
#[derive(Debug, Clone)]
pub struct BoardConfig {
    /// The court named in the text on how to appeal (förvaltningsrätten).
    pub court: Option<String>,
    /// Överklagandetid in days (Kommunallagen 13 kap. 5 §: three weeks).
    pub appeal_period_days: u32,
    /// Days after justering within which the notice goes up (KL 8 kap. 12 §).
    pub post_within_days: u32,
    /// Förvaringsplats for every protocol that names none (nor its body).
    pub storage: Option<String>,
}

/// A decision-making body (nämnd, utskott, fullmäktige …).
#[derive(Debug, Clone)]
pub struct Body {
    pub slug: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: BodyKind,
    /// Slug of the body it belongs to.
    pub parent: Option<String>,
    pub description: Option<Markdown>,
    /// Förvaringsplats for the body's protocols that name none.
    pub storage: Option<String>,
    /// In order of (date, suffix).
    pub meetings: Vec<std::sync::Arc<Meeting>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Fullmaktige,
    Styrelse,
    Namnd,
    Utskott,
    Beredning,
    Other,
}

/// Which meeting: body, date and the folder's suffix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct MeetingId {
    pub body: String,
    pub date: Date,
    pub suffix: Option<String>,
}

impl MeetingId {
    /// `body/folder`, as a notice's `meeting:` names it.
    pub fn path(&self) -> String {
        format!("{}/{}", self.body, self.folder())
    }

    /// The folder name: `YYYY-MM-DD[-suffix]`.
    pub fn folder(&self) -> String {
        match &self.suffix {
            Some(s) => format!("{}-{s}", self.date),
            None => self.date.to_string(),
        }
    }
}

/// A meeting (sammanträde) and its protocol, as far as it is public on the
/// build's date (spec, format 1.1, "What is public on which day"): until
/// the protocol is adjusted, chair, secretary, adjusters, attendance and the
/// intro are empty and every § not adjusted on its own is
/// [`Content::Agenda`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub time: Option<String>,
    pub place: Option<String>,
    /// Ordförande.
    pub chair: Option<String>,
    /// Sekreterare.
    pub secretary: Option<String>,
    /// Justerare.
    pub adjusters: Vec<String>,
    pub adjustment: Adjustment,
    /// Förvaringsplats för protokollet: the meeting's, else its body's, else the site's.
    pub storage: Option<String>,
    pub attendance: Vec<Attendee>,
    /// Markdown shown above the paragraph list.
    pub intro: Option<Markdown>,
    /// Attachments the intro links to (content-relative paths), copied by the build.
    pub linked: Vec<String>,
    /// In order of § number.
    pub paragraphs: Vec<Paragraph>,
    /// Vem som bestyrker anslagsbeviset: `certified_by`, else the secretary.
    pub certified_by: Option<String>,
    pub src: Span,
    /// Where the notice's posting day is written (`posted:`, else `adjusted:`).
    pub posted_at: Span,
}

/// Whether the protocol is adjusted (justerat) on the build's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Adjustment {
    /// Not adjusted, or adjusted after the build's date: "ej justerat", no notice.
    NotAdjusted,
    Adjusted {
        on: Date,
        board: BoardDates,
    },
}

/// The dates of a notice on the board, computed by `calendar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BoardDates {
    /// Anslaget sätts upp.
    pub posted: Date,
    /// Sista dag att överklaga (Lag 1930:173 applied).
    pub appeal_last_day: Date,
    /// Anslaget tas ned.
    pub removal: Date,
}

impl BoardDates {
    /// On the board on `day`: posted <= day < removal.
    pub fn is_on_board(&self, day: Date) -> bool {
        self.posted <= day && day < self.removal
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Attendee {
    pub name: String,
    pub party: Option<String>,
    pub role: Option<String>,
    pub title: Option<String>,
}

/// A paragraph (§) of a protocol.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    pub number: u32,
    pub content: Content,
    /// Omedelbar justering: the § was adjusted on its own, on or before the
    /// build's date, and has its own notice.
    pub immediate: Option<Immediate>,
    pub src: Span,
}

/// A § adjusted on its own (omedelbar justering) and the dates of its notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Immediate {
    pub on: Date,
    pub board: BoardDates,
    /// Where its posting day is written (`posted:`, else `adjusted:`).
    pub posted_at: Span,
}

/// What of a paragraph may be published on the build's date.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Content {
    Public(Box<PublicParagraph>),
    /// Sekretess: only the number, the public title and the legal ground.
    Confidential {
        public_title: String,
        legal_ground: String,
    },
    /// Not adjusted on the build's date (neither the protocol nor the §
    /// alone): only the agenda line, its title (the public title of a
    /// confidential §) and Dnr (none for a confidential §).
    Agenda {
        title: String,
        dnr: Vec<String>,
    },
    /// Taken down after publication (avpublicerad) on or before the build's
    /// date: only its number, title (the public title of a confidential §)
    /// and the note "Avpublicerad <date>: <reason>" (a tombstone).
    Withdrawn {
        title: String,
        withdrawal: Withdrawal,
    },
}

/// `withdrawn: {date, reason}`: taken down after publication.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Withdrawal {
    pub date: Date,
    pub reason: String,
}

/// A correction after adjustment (rättelse), shown with the §.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub date: Date,
    pub text: String,
}

impl Content {
    /// The title shown for the § (the public title of a confidential one).
    pub fn title(&self) -> &str {
        match self {
            Content::Public(x) => &x.title,
            Content::Confidential { public_title, .. } => public_title,
            Content::Agenda { title, .. } => title,
            Content::Withdrawn { title, .. } => title,
        }
    }

    /// The withdrawal, if the § is a tombstone.
    pub fn withdrawal(&self) -> Option<&Withdrawal> {
        match self {
            Content::Withdrawn { withdrawal, .. } => Some(withdrawal),
            _ => None,
        }
    }

    /// The public paragraph, if the whole § is published.
    pub fn public(&self) -> Option<&PublicParagraph> {
        match self {
            Content::Public(x) => Some(x),
            _ => None,
        }
    }
}

/// What a § decides: a decision, a proposal to another body (beredande
/// beslut, not appealable) or nothing (an information item).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Decision,
    /// `proposal_to`: the body's name (and slug when it is in `content/`).
    Proposal {
        to: String,
        slug: Option<String>,
    },
    Information,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PublicParagraph {
    pub title: String,
    /// Diarienummer.
    pub dnr: Vec<String>,
    /// `None` for an information item.
    pub decision: Option<Markdown>,
    /// Whether the decision is one, a proposal to another body, or there is none.
    pub outcome: Outcome,
    /// The body's name unless given.
    pub decided_by: String,
    /// Förslag till beslut.
    pub proposal: Option<Markdown>,
    /// Beslutet skickas till (expedieras).
    pub recipients: Vec<String>,
    /// Beslutsunderlag.
    pub documents: Vec<Document>,
    pub reservations: Vec<Reservation>,
    pub votes: Option<Votes>,
    /// Jäv: did not take part.
    pub disqualified: Vec<String>,
    /// Ärendebeskrivning.
    pub text: Markdown,
    /// Attachments the Markdown links to (relative links, resolved), as
    /// content-relative paths: copied by the build like documents.
    pub linked: Vec<String>,
    /// Rättelser dated on or before the build's date, in order of date.
    pub corrections: Vec<Correction>,
}

/// A document in the matter (handling).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub title: String,
    pub date: Option<Date>,
    /// The attachment, as a path relative to `content/` (checked to exist
    /// inside it); `None` once the document is withdrawn.
    pub file: Option<String>,
    /// Taken down on or before the build's date: listed with the note, no link, no file.
    pub withdrawn: Option<Withdrawal>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reservation {
    pub by: Vec<String>,
    pub text: Option<String>,
}

/// Omröstning.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Votes {
    /// What a "ja" vote is for.
    pub yes: Option<String>,
    /// What a "nej" vote is for.
    pub no: Option<String>,
    pub ballots: Vec<Ballot>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ballot {
    pub name: String,
    pub party: Option<String>,
    pub vote: Vote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Vote {
    Ja,
    Nej,
    Avstar,
    Jav,
}

/// Another notice on the board (kungörelse, tillkännagivande …).
#[derive(Debug, Clone)]
pub struct Notice {
    /// The file name without `.md`.
    pub slug: String,
    pub title: String,
    pub kind: NoticeKind,
    pub body: Option<String>,
    /// The meeting the notice announces (`meeting:`), checked to exist.
    pub meeting: Option<MeetingId>,
    pub posted: Date,
    /// Sista dag att överklaga, for a notice of an appealable decision
    /// (`appealable: true`), computed like a protocol notice's.
    pub appeal_last_day: Option<Date>,
    pub removal: Date,
    pub text: Markdown,
    /// Attachments the text links to (content-relative, in `notices/`), copied by the build.
    pub linked: Vec<String>,
    pub src: Span,
    /// Where `posted:` is written.
    pub posted_at: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Kungorelse,
    Tillkannagivande,
    Underrattelse,
    Other,
}

/// Markdown text and where it starts in its file.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Markdown {
    pub text: String,
    pub at: Span,
}

/// The text as it is, after its length (so it cannot be confused with what
/// follows it): the model's `Debug` text is hashed into the keys of the
/// site's parts (`render::keys`), and escaping every character of every §
/// cost more than the rest of a daily build's keys.
impl std::fmt::Debug for Markdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Markdown({:?}, {} bytes: ", self.at, self.text.len())?;
        f.write_str(&self.text)?;
        f.write_str(")")
    }
}

impl Site {
    pub fn meetings(&self) -> impl Iterator<Item = &Meeting> {
        self.bodies.iter().flat_map(|b| b.meetings.iter().map(|m| &**m))
    }

    pub fn paragraph_count(&self) -> usize {
        self.meetings().map(|m| m.paragraphs.len()).sum()
    }

    /// The notices that announce meeting `id` (kungörelser with `meeting:`)
    /// and are posted on the build's date.
    pub fn announcements<'a>(&'a self, id: &'a MeetingId) -> impl Iterator<Item = &'a Notice> + 'a {
        self.notices.iter().filter(move |n| n.meeting.as_ref() == Some(id) && n.posted <= self.today)
    }
}

impl Meeting {
    /// The §§ adjusted on their own, with their notices.
    pub fn immediate(&self) -> impl Iterator<Item = (&Paragraph, &Immediate)> {
        self.paragraphs.iter().filter_map(|p| Some((p, p.immediate.as_ref()?)))
    }

    /// The files the meeting publishes (content-relative paths): the
    /// documents and linked files of its public §§, then those its intro
    /// links to. A confidential, withdrawn or not yet adjusted § has none.
    pub fn files(&self) -> impl Iterator<Item = &String> {
        let paragraphs = self.paragraphs.iter().flat_map(|p| match &p.content {
            Content::Public(x) => x.documents.iter().filter_map(|d| d.file.as_ref()).chain(x.linked.iter()).collect(),
            Content::Confidential { .. } | Content::Agenda { .. } | Content::Withdrawn { .. } => Vec::new(),
        });
        paragraphs.chain(self.linked.iter())
    }

    /// Whether the protocol as a whole is adjusted on the build's date.
    pub fn is_adjusted(&self) -> bool {
        matches!(self.adjustment, Adjustment::Adjusted { .. })
    }
}

impl Notice {
    /// On the board on `day`: posted <= day < removal.
    pub fn is_on_board(&self, day: Date) -> bool {
        self.posted <= day && day < self.removal
    }
}
