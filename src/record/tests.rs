//! The record's rules with a settable clock: the day of each build is an
//! argument, never the system's time.

use super::*;
use crate::render::testing::{example_content, example_site};

fn day(s: &str) -> Date {
    s.parse().expect("a date")
}

/// The example site on `today` and what it publishes.
fn observed(today: &str) -> (Site, Observed, crate::load::Loaded) {
    let site = example_site(today);
    let (loaded, _) = crate::load::load(&example_content()).expect("load");
    let observed = observe(&site, &loaded.sources, &example_content()).expect("observe");
    (site, observed, loaded)
}

fn fallback() -> Span {
    Span::new(crate::diag::FileId(0), 0, 0)
}

#[test]
fn the_first_real_build_takes_over_what_was_posted_before_and_records_today() {
    let (site, obs, _) = observed("2026-11-25");
    assert!(check(&PublishingRecord::default(), &obs, &site, Clock::RealDay, fallback()).is_empty());
    let record = next(&PublishingRecord::default(), &obs, day("2026-11-25"));
    assert_eq!(record.started, Some(day("2026-11-25")));
    assert_eq!(record.notices.len(), obs.notices.len());
    for n in &record.notices {
        assert_eq!(n.first_published, day("2026-11-25"));
        assert_eq!(n.taken_over, n.posted < day("2026-11-25"), "{}", n.notice);
    }
    // The kungörelse posted on 2026-11-25 is the one notice not taken over.
    let k = record.notice("anslagstavla/anslag/2026-11-25-kungorelse-kf-december/").expect("recorded");
    assert!(!k.taken_over);
    assert_eq!(record.published_on(&k.notice), Some(day("2026-11-25")));
    // The same build again changes nothing; the bytes are the same.
    assert_eq!(to_json(&next(&record, &obs, day("2026-11-25"))), to_json(&record));
    assert_eq!(parse(&to_json(&record), Path::new("x")).expect("parses"), record);
}

#[test]
fn a_notice_first_published_after_its_posted_day_is_refused() {
    // The record ran on 2026-11-24 …
    let (_, obs, _) = observed("2026-11-24");
    let record = next(&PublishingRecord::default(), &obs, day("2026-11-24"));
    // … but no build ran on 2026-11-25: the kungörelse posted that day goes
    // up on 2026-11-26 and still claims 2026-11-25.
    let (site, obs, _) = observed("2026-11-26");
    let diags = check(&record, &obs, &site, Clock::RealDay, fallback());
    let late: Vec<_> = diags.iter().filter(|d| d.code == Code::PostedBeforePublished).collect();
    assert_eq!(late.len(), 1, "{diags:?}");
    let args: std::collections::BTreeMap<_, _> = late[0].args.iter().cloned().collect();
    assert_eq!(args["posted"], "2026-11-25");
    assert_eq!(args["published"], "2026-11-26");
    // An as-of build cannot know when it went up: no refusal.
    assert!(check(&record, &obs, &site, Clock::AsOf, fallback()).is_empty());
    // Once recorded, a posted day earlier than the first publication is refused by any build.
    let mut recorded = next(&record, &obs, day("2026-11-26"));
    assert!(
        check(&recorded, &obs, &site, Clock::AsOf, fallback()).iter().any(|d| d.code == Code::PostedBeforePublished)
    );
    // With `posted` corrected to the day it really went up, nothing is refused.
    let key = "anslagstavla/anslag/2026-11-25-kungorelse-kf-december/";
    let mut fixed = obs.clone();
    for n in fixed.notices.iter_mut().filter(|n| n.key == key) {
        n.posted = day("2026-11-26");
    }
    assert!(check(&recorded, &fixed, &site, Clock::RealDay, fallback()).is_empty());
    recorded = next(&recorded, &fixed, day("2026-11-26"));
    let e = recorded.notice(key).expect("recorded");
    assert_eq!(e.current_posted(), day("2026-11-26"));
    assert_eq!(e.changes.last().map(|c| (c.what.as_str(), c.value.as_deref())), Some(("posted", Some("2026-11-26"))));
}

#[test]
fn a_changed_paragraph_warns_unless_a_correction_explains_it_and_every_change_is_appended() {
    let (site, obs, _) = observed("2026-11-25");
    let record = next(&PublishingRecord::default(), &obs, day("2026-11-25"));
    let key = "anslagstavla/protokoll/kommunstyrelsen/2026-11-09/";
    let mut changed = obs.clone();
    let n = changed.notices.iter_mut().find(|n| n.key == key).expect("KS notice");
    n.texts[0].sha256 = "0".repeat(64);
    let diags = check(&record, &changed, &site, Clock::RealDay, fallback());
    assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::ChangedWithoutCorrection]);
    let later = next(&record, &changed, day("2026-11-26"));
    let e = later.notice(key).expect("recorded");
    assert_eq!(e.changes.len(), 1);
    assert_eq!((e.changes[0].kind, e.changes[0].date), (ChangeKind::Changed, day("2026-11-26")));
    // What was recorded first is never rewritten.
    assert_eq!(e.texts, record.notice(key).expect("before").texts);
    // The same change with a new correction: no warning, recorded as a correction.
    let mut corrected = changed.clone();
    let n = corrected.notices.iter_mut().find(|n| n.key == key).expect("KS notice");
    n.texts[0].corrections += 1;
    assert!(check(&record, &corrected, &site, Clock::RealDay, fallback()).is_empty());
    let e = next(&record, &corrected, day("2026-11-26")).notice(key).cloned().expect("recorded");
    assert_eq!(e.changes[0].kind, ChangeKind::Correction);
}

#[test]
fn a_published_paragraph_whose_file_is_gone_is_refused() {
    let (site, obs, _) = observed("2026-11-25");
    let record = next(&PublishingRecord::default(), &obs, day("2026-11-25"));
    let mut without = site.clone();
    let ks = without.bodies.iter_mut().find(|b| b.slug == "kommunstyrelsen").expect("KS");
    let m = ks.meetings.iter_mut().find(|m| m.id.folder() == "2026-11-09").expect("meeting");
    let mut meeting = (**m).clone();
    meeting.paragraphs.retain(|p| p.number != 2);
    *m = std::sync::Arc::new(meeting);
    let diags = check(&record, &obs, &without, Clock::AsOf, fallback());
    let gone: Vec<_> = diags.iter().filter(|d| d.code == Code::PublishedParagraphGone).collect();
    assert_eq!(gone.len(), 1, "{diags:?}");
    let args: std::collections::BTreeMap<_, _> = gone[0].args.iter().cloned().collect();
    assert_eq!((args["number"].as_str(), args["meeting"].as_str()), ("2", "kommunstyrelsen/2026-11-09"));
    assert_eq!(args["file"], "kommunstyrelsen/2026-11-09/002-delarsrapport-augusti.md");
}

#[test]
fn merging_keeps_the_earliest_publication_of_each_notice() {
    let (_, obs, _) = observed("2026-11-25");
    let a = next(&PublishingRecord::default(), &obs, day("2026-11-25"));
    let b = next(&PublishingRecord::default(), &obs, day("2026-11-27"));
    let merged = merge(b.clone(), a.clone());
    assert_eq!(merged, merge(a.clone(), b));
    assert_eq!(merged.started, Some(day("2026-11-25")));
    assert!(merged.notices.iter().all(|n| n.first_published == day("2026-11-25")));
}

#[test]
fn a_record_of_another_format_or_torn_is_an_error_with_its_place() {
    let err = parse(b"{\"format\": \"anslag-anslagsbevis/1\", \"notices\": [", Path::new("j.json")).unwrap_err();
    assert!(matches!(err, RecordError::Parse { line: 1, .. }), "{err}");
    let err = parse(b"{\"format\": \"x/9\", \"notices\": []}", Path::new("j.json")).unwrap_err();
    assert!(err.to_string().contains("unknown format `x/9`"), "{err}");
}
