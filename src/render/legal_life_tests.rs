//! Format 1.1 ("the protocol's legal life") as the example site shows it on
//! 2026-11-25: information items, proposals, kungörelser tied to their
//! meeting, appealable notices, storage taken from the body, and the
//! notices of §§ adjusted on their own, in pages, feeds, calendars and data.

use super::testing::{example_pages, example_site, text};
use crate::model::*;

const DAY: &str = "2026-11-25";

fn paragraph<'a>(site: &'a Site, meeting: &str, number: u32) -> &'a Paragraph {
    let m = site.meetings().find(|m| m.id.path() == meeting).unwrap_or_else(|| panic!("no meeting {meeting}"));
    m.paragraphs.iter().find(|p| p.number == number).expect("the §")
}

#[test]
fn an_information_item_is_shown_as_information_not_as_a_decision() {
    let site = example_site(DAY);
    let p = paragraph(&site, "arbetsutskottet/2025-11-10", 152);
    assert_eq!(p.content.public().expect("public").outcome, Outcome::Information);
    let page = text(&example_pages(DAY), "arbetsutskottet/2025-11-10/152/index.html");
    assert!(page.contains("<dt>Information</dt><dd>Informationsärende; inget beslut fattades.</dd>"), "{page}");
    for absent in ["Beslut fattat av", ">Beslut<", "Beslutet skickas till"] {
        assert!(!page.contains(absent), "{absent} on an information item");
    }
}

#[test]
fn a_proposal_is_shown_as_a_proposal_and_its_notice_says_so() {
    let site = example_site(DAY);
    let p = paragraph(&site, "arbetsutskottet/2026-11-02", 1);
    let outcome = &p.content.public().expect("public").outcome;
    let want = Outcome::Proposal { to: "Kommunstyrelsen".into(), slug: Some("kommunstyrelsen".into()) };
    assert_eq!(outcome, &want);
    let pages = example_pages(DAY);
    let page = text(&pages, "arbetsutskottet/2026-11-02/1/index.html");
    assert!(page.contains("<dt>Förslag till</dt><dd><a href=\"../../../kommunstyrelsen/\">Kommunstyrelsen</a></dd>"));
    assert!(page.contains(">Förslag till Kommunstyrelsen</h2>"), "{page}");
    assert!(page.contains("kan inte överklagas"));
    assert!(!page.contains("Beslut fattat av"));
    let notice = text(&pages, "anslagstavla/protokoll/arbetsutskottet/2026-11-02/index.html");
    assert!(notice.contains("<dd>§ 1 (förslag till Kommunstyrelsen)</dd>"), "{notice}");
    let feed = text(&pages, "anslagstavla.atom");
    assert!(feed.contains("§ 1 (förslag till Kommunstyrelsen)"));
    // A § of KS that is a proposal to KF, in the protocol's notice of KS.
    let ks = text(&pages, "anslagstavla/protokoll/kommunstyrelsen/2026-11-09/index.html");
    assert!(ks.contains("§ 3 (förslag till Kommunfullmäktige)"), "{ks}");
}

#[test]
fn a_kungorelse_names_its_meeting_and_the_meeting_links_it() {
    let site = example_site(DAY);
    let kf = site.notices.iter().find(|n| n.slug == "2026-11-25-kungorelse-kf-december").expect("the kungörelse");
    assert_eq!(kf.meeting.as_ref().map(MeetingId::path).as_deref(), Some("kommunfullmaktige/2026-12-14"));
    let pages = example_pages(DAY);
    let meeting = text(&pages, "kommunfullmaktige/2026-12-14/index.html");
    assert!(meeting.contains("href=\"../../anslagstavla/anslag/2026-11-25-kungorelse-kf-december/\""), "{meeting}");
    assert!(meeting.contains("Kommande sammanträde"));
    let notice = text(&pages, "anslagstavla/anslag/2026-11-25-kungorelse-kf-december/index.html");
    assert!(notice.contains("<a href=\"../../../kommunfullmaktige/2026-12-14/\">Kommunfullmäktige 2026-12-14</a>"));
    // The day before it is posted, the meeting does not link it.
    let before = text(&example_pages("2026-11-24"), "kommunfullmaktige/2026-12-14/index.html");
    assert!(!before.contains("2026-11-25-kungorelse-kf-december"));
}

#[test]
fn an_appealable_notice_gets_its_last_day_everywhere() {
    let site = example_site(DAY);
    let n = site.notices.iter().find(|n| n.kind == NoticeKind::Tillkannagivande).expect("a tillkännagivande");
    // Posted Thursday 2026-11-12 + 21 days = Thursday 2026-12-03; removal the day after.
    assert_eq!(n.appeal_last_day.map(|d| d.to_string()).as_deref(), Some("2026-12-03"));
    assert_eq!(n.removal.to_string(), "2026-12-04");
    let pages = example_pages(DAY);
    let url = format!("anslagstavla/anslag/{}/", n.slug);
    let page = text(&pages, &format!("{url}index.html"));
    assert!(page.contains("<dt>Sista dag att överklaga</dt><dd><strong>2026-12-03</strong></dd>"), "{page}");
    let board = text(&pages, "anslagstavla/index.html");
    assert!(board.contains("sista dag att överklaga <strong>2026-12-03</strong>"), "{board}");
    let feed = text(&pages, "anslagstavla.atom");
    assert!(feed.contains("Sista dag att överklaga: 2026-12-03"));
    let ics = text(&pages, "anslagstavla.ics").replace("\r\n ", "");
    assert!(ics.contains(&format!("UID:overklagande/anslag/{}@www.exempelby.se", n.slug)), "{ics}");
    let data = text(&pages, "data/anslagstavla.json");
    assert!(data.contains("\"appealLastDay\": \"2026-12-03\""), "{data}");
}

#[test]
fn storage_comes_from_the_body_when_the_meeting_names_none() {
    let site = example_site(DAY);
    for m in site.meetings().filter(|m| m.id.body == "socialnamnden" && m.is_adjusted()) {
        assert_eq!(m.storage.as_deref(), Some("Socialförvaltningen, Vårdvägen 4, Exempelby"), "{}", m.id.path());
    }
}

#[test]
fn a_held_protocol_not_adjusted_shows_its_agenda_and_its_immediate_paragraph() {
    let site = example_site(DAY);
    let m = site.meetings().find(|m| m.id.path() == "kommunfullmaktige/2026-11-23").expect("KF 2026-11-23");
    assert!(!m.is_adjusted());
    assert!(m.chair.is_none() && m.attendance.is_empty() && m.intro.is_none());
    for p in &m.paragraphs {
        assert_eq!(matches!(p.content, Content::Agenda { .. }), p.number != 6, "§ {}", p.number);
    }
    let own = paragraph(&site, "kommunfullmaktige/2026-11-23", 6).immediate.expect("§ 6 adjusted on its own");
    assert_eq!(own.on.to_string(), "2026-11-23");
    // Posted Tuesday 2026-11-24 + 21 = Tuesday 2026-12-15.
    assert_eq!(own.board.appeal_last_day.to_string(), "2026-12-15");
    let pages = example_pages(DAY);
    let whole = text(&pages, "kommunfullmaktige/2026-11-23/protokoll/index.html");
    assert!(whole.contains("Justerad omedelbart 2026-11-23"));
    assert!(whole.contains("fastställer skattesatsen"), "§ 6 in full");
    assert!(!whole.contains("fastställer budget för 2027"), "§ 5 is a draft");
    let board = text(&pages, "anslagstavla/index.html");
    assert!(board.contains("§ 6 (omedelbart justerad)"));
    // The protocol's notice (once adjusted) names § 6 with its own posting day.
    assert_eq!(crate::present::immediate_list(m, "Anslaget uppsatt"), "§ 6 (anslaget uppsatt 2026-11-24)");
}
