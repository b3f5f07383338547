//! iCalendar files (RFC 5545), made with the `icalendar` crate:
//!
//! - [`urls::MEETINGS_CALENDAR`] (`sammantraden.ics`): every meeting of every body;
//! - [`urls::body_calendar`] (`<body>/sammantraden.ics`): one body's meetings;
//! - [`urls::APPEAL_CALENDAR`] (`anslagstavla.ics`): for every protocol
//!   notice posted on or before the build's date (removed ones included),
//!   an all-day event on the last day to appeal.
//!
//! Choices (see `docs/feeds.md`):
//!
//! - UIDs are `<kind>/<body>/<meeting folder>@<host of base_url>` with kind
//!   `sammantrade` or `overklagande`: the same meeting has the same UID in
//!   the site-wide and the body's calendar, in every build.
//! - DTSTAMP is the build's date at 00:00:00Z (`--today`), never the wall
//!   clock; the crate adds a random UID and the current time when they are
//!   missing, so both are always set here.
//! - A meeting's `time` (`13.00–16.15`, `9:00`, `kl. 18.00-21.30`) gives a
//!   start and an end in floating local time (no `Z`, no TZID), with the
//!   calendar marked `X-WR-TIMEZONE:Europe/Stockholm`: the `icalendar` crate
//!   cannot write a VTIMEZONE without adding a UID and DTSTAMP to it. An end
//!   earlier than the start is taken to be after midnight. A time that does
//!   not read as one becomes an all-day event with the text in DESCRIPTION.
//!   All-day events end (DTEND, exclusive) on the next day.
//! - Text is escaped (`,` `;` `\` newlines) and lines folded at 75 octets by
//!   the crate; carriage returns and other control characters of clerk
//!   text are taken out first (RFC 5545 TEXT allows none but newlines).

use super::feeds::{absolute, host, label};
use super::{File, RenderError, Whole, urls};
use crate::model::{Adjustment, BoardDates, Body, Date, Meeting};
use crate::present::meeting_label;
use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};

/// PRODID of every calendar (RFC 5545 3.7.3).
pub const PRODID: &str = "-//anslag//anslag//SV";
/// The time zone that floating times are in.
pub const TIMEZONE: &str = "Europe/Stockholm";

pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let (site, labels) = (x.site, x.labels);
    let host = host(&site.config.base_url)?;
    let stamp = stamp(site.today)?;

    let mut all = Vec::new();
    let mut files = Vec::new();
    for body in &site.bodies {
        let events =
            body.meetings.iter().map(|m| meeting_event(x, &host, &stamp, body, m)).collect::<Result<Vec<_>, _>>()?;
        let name = format!("{} – {}", body.name, label(labels, "meetings")?);
        files.push((urls::body_calendar(&body.slug), calendar(&name, events.iter().map(|(_, e)| e.clone()))?));
        all.extend(events);
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let name = format!("{} – {}", label(labels, "meetings")?, site.config.municipality);
    files.push((urls::MEETINGS_CALENDAR.to_owned(), calendar(&name, all.into_iter().map(|(_, e)| e))?));

    // The last day to appeal of every notice posted by the build's date:
    // protocols, §§ adjusted on their own, notices of appealable decisions.
    let mut appeals = Vec::new();
    let appeal = |uid: String, summary: String, b: &BoardDates, url: String| -> Result<Event, RenderError> {
        let mut event = Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&text(&format!("{}: {summary}", label(labels, "appeal_last_day")?)))
            .description(&text(&format!(
                "{}: {}\n{}: {}\n{url}",
                label(labels, "posted")?,
                b.posted,
                label(labels, "removal")?,
                b.removal
            )))
            .url(&url)
            .add_property("TRANSP", "TRANSPARENT");
        all_day(&mut event, b.appeal_last_day)?;
        Ok(event.done())
    };
    for body in &site.bodies {
        for m in &body.meetings {
            if let Adjustment::Adjusted { on: _, board } = m.adjustment
                && board.posted <= site.today
            {
                let url = absolute(site, &urls::protocol_notice(m));
                let event =
                    appeal(uid("overklagande", m, &host), format!("{} {}", body.name, meeting_label(m)), &board, url)?;
                appeals.push(((board.appeal_last_day, m.id.path(), 0), event));
            }
            for (p, i) in m.immediate().filter(|(_, i)| i.board.posted <= site.today) {
                let url = absolute(site, &urls::paragraph_notice(&m.id, p.number));
                let summary = format!("{} {}, § {}", body.name, meeting_label(m), p.number);
                let uid = format!("overklagande/{}/{}/{}@{host}", m.id.body, m.id.folder(), p.number);
                appeals.push(((i.board.appeal_last_day, m.id.path(), p.number), appeal(uid, summary, &i.board, url)?));
            }
        }
    }
    for n in site.notices.iter().filter(|n| n.posted <= site.today) {
        let Some(last) = n.appeal_last_day else { continue };
        let b = BoardDates { posted: n.posted, appeal_last_day: last, removal: n.removal };
        let uid = format!("overklagande/anslag/{}@{host}", n.slug);
        let url = absolute(site, &urls::notice(n));
        appeals.push(((last, format!("~{}", n.slug), 0), appeal(uid, n.title.clone(), &b, url)?));
    }
    appeals.sort_by(|a, b| a.0.cmp(&b.0));
    let name = format!("{} – {}", label(labels, "appeal_last_day")?, site.config.municipality);
    files.push((urls::APPEAL_CALENDAR.to_owned(), calendar(&name, appeals.into_iter().map(|(_, e)| e))?));
    Ok(files)
}

/// A calendar with its fixed head and `events` in the order given.
fn calendar(name: &str, events: impl Iterator<Item = Event>) -> Result<Vec<u8>, RenderError> {
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("NAME", &text(name)),
        ("X-WR-CALNAME", &text(name)),
        ("X-WR-TIMEZONE", TIMEZONE),
    ] {
        cal.append_property(Property::new(key, value));
    }
    cal.extend(events);
    let mut out = String::new();
    std::fmt::Write::write_fmt(&mut out, format_args!("{cal}"))
        .map_err(|e| RenderError::Whole(format!("iCalendar: {e}")))?;
    Ok(out.into_bytes())
}

/// A meeting's event, with the key it is sorted by in the site-wide calendar.
fn meeting_event(
    x: &Whole<'_>,
    host: &str,
    stamp: &chrono::DateTime<chrono::Utc>,
    body: &Body,
    m: &Meeting,
) -> Result<((Date, String, String), Event), RenderError> {
    let (site, labels) = (x.site, x.labels);
    let url = absolute(site, &urls::meeting(&m.id));
    let mut event = Event::new();
    event
        .uid(&uid("sammantrade", m, host))
        .timestamp(*stamp)
        .summary(&text(&format!("{}: {}", body.name, label(labels, "calendar_meeting")?)))
        .url(&url);
    if let Some(place) = &m.place {
        event.location(&text(place));
    }
    let mut description = String::new();
    match m.time.as_deref().map(|t| (t, times(t))) {
        Some((_, Some((start, end)))) => {
            let day = naive(m.id.date)?;
            event.starts(CalendarDateTime::Floating(day.and_time(start)));
            if let Some(end) = end {
                let end_day = if end < start { day.succ_opt().ok_or_else(|| no_date(m.id.date))? } else { day };
                event.ends(CalendarDateTime::Floating(end_day.and_time(end)));
            }
        }
        Some((raw, None)) => {
            all_day(&mut event, m.id.date)?;
            description = format!("{}: {raw}\n", label(labels, "time")?);
        }
        None => all_day(&mut event, m.id.date)?,
    }
    event.description(&text(&format!("{description}{url}")));
    Ok(((m.id.date, m.id.body.clone(), m.id.folder()), event.done()))
}

/// `<kind>/<body>/<folder>@<host>`.
fn uid(kind: &str, m: &Meeting, host: &str) -> String {
    format!("{kind}/{}/{}@{host}", m.id.body, m.id.folder())
}

/// DTSTART;VALUE=DATE on `date`, DTEND;VALUE=DATE on the next day (exclusive).
fn all_day(event: &mut Event, date: Date) -> Result<(), RenderError> {
    let day = naive(date)?;
    event.starts(day).ends(day.succ_opt().ok_or_else(|| no_date(date))?);
    Ok(())
}

fn naive(date: Date) -> Result<NaiveDate, RenderError> {
    NaiveDate::from_ymd_opt(i32::from(date.year()), u32::from(date.month() as u8), u32::from(date.day() as u8))
        .ok_or_else(|| no_date(date))
}

fn no_date(date: Date) -> RenderError {
    RenderError::Whole(format!("{date}: not a date for a calendar"))
}

/// The build's date at 00:00:00 UTC.
fn stamp(today: Date) -> Result<chrono::DateTime<chrono::Utc>, RenderError> {
    naive(today)?.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).ok_or_else(|| no_date(today))
}

/// Clerk text as RFC 5545 TEXT allows it: line breaks as `\n`, no other
/// control characters (escaping is the crate's).
fn text(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

/// A meeting's time as written by clerks (see [`crate::calendar::clock`]):
/// a start and maybe an end; `None` when it does not read as times.
pub fn times(s: &str) -> Option<(NaiveTime, Option<NaiveTime>)> {
    let t = |(h, m): crate::calendar::clock::Hm| NaiveTime::from_hms_opt(h.into(), m.into(), 0);
    let (start, end) = crate::calendar::clock::meeting_times(s)?;
    Some((
        t(start)?,
        match end {
            Some(e) => Some(t(e)?),
            None => None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Site;

    use super::super::testing::example_site;

    fn calendars_of(site: &Site) -> Vec<File> {
        super::super::testing::whole_files(site, files)
    }

    fn text_of(files: &[File], path: &str) -> String {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(bytes.clone()).expect("UTF-8")
    }

    /// Content lines, unfolded (RFC 5545 3.1); checks every physical line
    /// ends in CRLF and holds at most 75 octets.
    fn unfolded(ics: &str) -> Vec<String> {
        assert!(ics.ends_with("\r\n"), "ends in CRLF");
        let mut lines: Vec<String> = Vec::new();
        for line in ics.strip_suffix("\r\n").unwrap_or(ics).split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
            match line.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("a first line").push_str(rest),
                None => lines.push(line.to_owned()),
            }
        }
        lines
    }

    /// The events of a calendar: each a list of `(name with parameters, value)`.
    fn events(ics: &str) -> Vec<Vec<(String, String)>> {
        let mut events = Vec::new();
        let mut current: Option<Vec<(String, String)>> = None;
        for line in unfolded(ics) {
            match line.as_str() {
                "BEGIN:VEVENT" => current = Some(Vec::new()),
                "END:VEVENT" => events.push(current.take().expect("BEGIN before END")),
                _ => {
                    if let Some(e) = current.as_mut() {
                        let (k, v) = line.split_once(':').expect("name:value");
                        e.push((k.to_owned(), v.to_owned()));
                    }
                }
            }
        }
        events
    }

    fn get<'a>(e: &'a [(String, String)], key: &str) -> Vec<&'a str> {
        e.iter().filter(|(k, _)| k == key || k.starts_with(&format!("{key};"))).map(|(_, v)| v.as_str()).collect()
    }

    /// RFC 5545 TEXT unescaped.
    fn unescape(v: &str) -> String {
        let mut out = String::new();
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(c) => out.push(c),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn every_meeting_has_one_event_with_one_uid_and_dtstamp() {
        let site = example_site("2026-11-25");
        let files = calendars_of(&site);
        assert_eq!(files.len(), 2 + site.bodies.len());
        let ics = text_of(&files, urls::MEETINGS_CALENDAR);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//anslag//anslag//SV\r\n"), "{ics}");
        let events = events(&ics);
        assert_eq!(events.len(), site.meetings().count());
        let mut uids = std::collections::BTreeSet::new();
        for e in &events {
            assert_eq!(get(e, "DTSTAMP"), ["20261125T000000Z"], "{e:?}");
            let uid = get(e, "UID");
            assert_eq!(uid.len(), 1, "{e:?}");
            assert!(uid[0].starts_with("sammantrade/") && uid[0].ends_with("@www.exempelby.se"), "{uid:?}");
            assert!(uids.insert(uid[0].to_owned()), "UID {} twice", uid[0]);
            assert_eq!(get(e, "DTSTART").len(), 1);
            assert_eq!(get(e, "SUMMARY").len(), 1);
            assert!(get(e, "SUMMARY")[0].ends_with(": sammanträde"));
            assert!(get(e, "URL")[0].starts_with("https://www.exempelby.se/protokoll/"));
        }
        // Sorted by date.
        let starts: Vec<String> = events.iter().map(|e| get(e, "DTSTART")[0][..8].to_owned()).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        // The body calendars split the same events.
        let per_body: usize =
            site.bodies.iter().map(|b| self::events(&text_of(&files, &urls::body_calendar(&b.slug))).len()).sum();
        assert_eq!(per_body, events.len());
    }

    #[test]
    fn a_meeting_with_a_time_and_place() {
        let site = example_site("2026-11-25");
        let files = calendars_of(&site);
        let (body, m) = site
            .bodies
            .iter()
            .flat_map(|b| b.meetings.iter().map(move |m| (b, m)))
            .find(|(_, m)| m.time.as_deref() == Some("13.00–16.15"))
            .expect("a meeting with a time");
        let (start, end) = times(m.time.as_deref().expect("time")).expect("readable");
        let ics = text_of(&files, &urls::body_calendar(&body.slug));
        let uid = format!("sammantrade/{}/{}@www.exempelby.se", body.slug, m.id.folder());
        let events = events(&ics);
        let e = events.iter().find(|e| get(e, "UID") == [uid.as_str()]).expect("its event");
        let day = m.id.date.to_string().replace('-', "");
        assert_eq!(get(e, "DTSTART"), [format!("{day}T{}", start.format("%H%M%S"))]);
        assert_eq!(get(e, "DTEND"), [format!("{day}T{}", end.expect("end").format("%H%M%S"))]);
        assert_eq!(unescape(get(e, "SUMMARY")[0]), format!("{}: sammanträde", body.name));
        assert_eq!(unescape(get(e, "LOCATION")[0]), m.place.clone().expect("place"));
        // Places hold commas: escaped.
        assert!(get(e, "LOCATION")[0].contains("\\,"));
        let url = format!("https://www.exempelby.se/protokoll/{}/{}/", body.slug, m.id.folder());
        assert_eq!(get(e, "URL"), [url.as_str()]);
        assert!(unescape(get(e, "DESCRIPTION")[0]).contains(&url));
        assert!(ics.contains("X-WR-TIMEZONE:Europe/Stockholm\r\n"));
    }

    #[test]
    fn appeal_calendar_has_the_last_day_of_every_posted_protocol_notice() {
        let site = example_site("2026-11-25");
        let files = calendars_of(&site);
        let events = events(&text_of(&files, urls::APPEAL_CALENDAR));
        let mut want: Vec<(String, String)> = site
            .bodies
            .iter()
            .flat_map(|b| b.meetings.iter().map(move |m| (b, m)))
            .filter_map(|(b, m)| match m.adjustment {
                Adjustment::Adjusted { board, .. } if board.posted <= site.today => Some((
                    board.appeal_last_day.to_string().replace('-', ""),
                    format!("Sista dag att överklaga: {} {}", b.name, meeting_label(m)),
                )),
                _ => None,
            })
            .chain(site.bodies.iter().flat_map(|b| b.meetings.iter().map(move |m| (b, m))).flat_map(|(b, m)| {
                m.immediate().filter(|(_, i)| i.board.posted <= site.today).map(move |(p, i)| {
                    (
                        i.board.appeal_last_day.to_string().replace('-', ""),
                        format!("Sista dag att överklaga: {} {}, § {}", b.name, meeting_label(m), p.number),
                    )
                })
            }))
            .chain(site.notices.iter().filter(|n| n.posted <= site.today).filter_map(|n| {
                Some((n.appeal_last_day?.to_string().replace('-', ""), format!("Sista dag att överklaga: {}", n.title)))
            }))
            .collect();
        want.sort();
        assert!(want.len() > 5);
        // The example's § adjusted on its own and its appealable tillkännagivande are there.
        assert!(want.iter().any(|w| w.1.ends_with(", § 6")), "{want:?}");
        assert!(want.iter().any(|w| w.1.contains("Tillkännagivande")), "{want:?}");
        let mut got: Vec<(String, String)> =
            events.iter().map(|e| (get(e, "DTSTART")[0].to_owned(), unescape(get(e, "SUMMARY")[0]))).collect();
        let in_order = got.clone();
        got.sort();
        assert_eq!(got, want);
        assert_eq!(in_order.iter().map(|g| &g.0).collect::<Vec<_>>(), got.iter().map(|g| &g.0).collect::<Vec<_>>());
        for e in &events {
            let start = get(e, "DTSTART")[0];
            let day = NaiveDate::parse_from_str(start, "%Y%m%d").expect("a date");
            assert_eq!(get(e, "DTEND"), [day.succ_opt().expect("next").format("%Y%m%d").to_string()]);
            assert!(e.iter().any(|(k, _)| k == "DTSTART;VALUE=DATE"), "{e:?}");
            assert_eq!(get(e, "UID").len(), 1);
            assert!(get(e, "UID")[0].starts_with("overklagande/"));
            assert_eq!(get(e, "DTSTAMP"), ["20261125T000000Z"]);
            assert!(get(e, "URL")[0].starts_with("https://www.exempelby.se/protokoll/anslagstavla/"));
        }
    }

    #[test]
    fn long_swedish_text_with_commas_and_semicolons_is_escaped_and_folded() {
        let mut site = example_site("2026-11-25");
        let place = "Kommunhuset, sammanträdesrum Åkerö; ingång från Östra Långgatan, hiss till plan 3 – följ skyltarna \"Sammanträde\" förbi kafé Ängsblomman\r\nrad två";
        let body = &mut site.bodies[0];
        let m = std::sync::Arc::make_mut(&mut body.meetings[0]);
        m.place = Some(place.to_owned());
        let uid = format!("sammantrade/{}/{}@www.exempelby.se", body.slug, m.id.folder());
        let files = calendars_of(&site);
        let ics = text_of(&files, urls::MEETINGS_CALENDAR);
        // Folded: some physical line starts with a space and the file holds åäö intact.
        assert!(ics.contains("\r\n "), "folded");
        let events = events(&ics);
        let e = events.iter().find(|e| get(e, "UID") == [uid.as_str()]).expect("the event");
        let raw = get(e, "LOCATION")[0];
        assert!(raw.contains("Kommunhuset\\, sammanträdesrum Åkerö\\; ingång"), "{raw}");
        assert!(raw.contains("Ängsblomman\\nrad två"), "{raw}");
        assert_eq!(unescape(raw), place.replace("\r\n", "\n"));
    }

    #[test]
    fn calendars_are_byte_identical_and_stamped_with_today() {
        let site = example_site("2026-11-25");
        assert_eq!(calendars_of(&site), calendars_of(&site));
        let later = example_site("2026-11-26");
        let ics = text_of(&calendars_of(&later), urls::MEETINGS_CALENDAR);
        assert!(ics.contains("DTSTAMP:20261126T000000Z\r\n"));
        assert!(!ics.contains("DTSTAMP:20261125"));
        // A protocol notice posted after today is not in the appeal calendar yet.
        let early = example_site("2026-11-20");
        let n = |s: &Site| events(&text_of(&calendars_of(s), urls::APPEAL_CALENDAR)).len();
        assert!(n(&early) < n(&site), "{} < {}", n(&early), n(&site));
    }

    #[test]
    fn clerk_times() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(times("13.00–16.15"), Some((t(13, 0), Some(t(16, 15)))));
        assert_eq!(times(" 9.00 - 12.00 "), Some((t(9, 0), Some(t(12, 0)))));
        assert_eq!(times("kl. 18:00"), Some((t(18, 0), None)));
        assert_eq!(times("Kl 08.30—10.45"), Some((t(8, 30), Some(t(10, 45)))));
        assert_eq!(times("09:00"), Some((t(9, 0), None)));
        assert_eq!(times("13.00–13.00"), Some((t(13, 0), None)));
        for bad in ["", "efter kommunstyrelsen", "25.00", "13.60", "13–16", "13.00–16.00–18.00", "1300", "13.0"] {
            assert_eq!(times(bad), None, "{bad}");
        }
    }

    #[test]
    fn unreadable_times_give_all_day_events_and_late_ends_go_past_midnight() {
        let mut site = example_site("2026-11-25");
        let body = &mut site.bodies[0];
        let (a, b) = (body.meetings[0].id.clone(), body.meetings[1].id.clone());
        std::sync::Arc::make_mut(&mut body.meetings[0]).time = Some("efter fullmäktige, ca 19".to_owned());
        std::sync::Arc::make_mut(&mut body.meetings[1]).time = Some("22.00–00.30".to_owned());
        let slug = body.slug.clone();
        let events = events(&text_of(&calendars_of(&site), &urls::body_calendar(&slug)));
        let find = |id: &crate::model::MeetingId| {
            let uid = format!("sammantrade/{}/{}@www.exempelby.se", id.body, id.folder());
            events.iter().find(|e| get(e, "UID") == [uid.as_str()]).expect("event").clone()
        };
        let e = find(&a);
        let day = a.date.to_string().replace('-', "");
        assert!(e.iter().any(|(k, v)| k == "DTSTART;VALUE=DATE" && *v == day), "{e:?}");
        assert!(unescape(get(&e, "DESCRIPTION")[0]).starts_with("Tid: efter fullmäktige, ca 19\n"));
        let e = find(&b);
        let next = (b.date + jiff::ToSpan::days(1)).to_string().replace('-', "");
        assert_eq!(get(&e, "DTEND"), [format!("{next}T003000")]);
    }
}
