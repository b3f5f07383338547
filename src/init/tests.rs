use super::*;

fn date(s: &str) -> Date {
    s.parse().expect("a date")
}

/// Writes the starter for `name` on `today` into a new folder, loads and
/// validates it as of `today`: the codes of every diagnostic.
fn problems(name: &str, today: Date) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("content");
    write(&dir, &starter(name, today)).expect("write the starter");
    let (loaded, mut diags) = crate::load::load(&dir).expect("load");
    let checked = crate::validate::validate(&loaded, today);
    diags.extend(checked.diagnostics.0);
    assert!(checked.site.is_some() || !diags.0.is_empty(), "no site and no diagnostic");
    diags.0.iter().map(|d| format!("{} {:?}", d.code.code(), d.args)).collect()
}

#[test]
fn the_starter_checks_clean_on_every_day_of_a_year() {
    let mut day = date("2026-01-01");
    while day.year() == 2026 {
        assert_eq!(problems(DEFAULT_MUNICIPALITY, day), Vec::<String>::new(), "on {day}");
        day = day.tomorrow().expect("a next day");
    }
    // Years' edges and leap days.
    for d in ["2027-01-01", "2028-02-29", "2024-12-31", "2025-01-06"] {
        assert_eq!(problems(DEFAULT_MUNICIPALITY, date(d)), Vec::<String>::new(), "on {d}");
    }
}

#[test]
fn any_acceptable_name_stays_one_yaml_string() {
    let names = [
        "Åre kommun",
        "Malmö \"stad\"",
        r"C:\kommun\",
        "#1: kommun",
        "- lista",
        "&ankare *alias",
        "{{year}} {{municipality}}",
        "yes",
        "null",
        "'enkel'",
        "kommun # kommentar",
        "🏛 Kommunen",
        "ملمو",
        "[lista], {karta}",
        "  luft  ",
        "---",
    ];
    for name in names {
        assert_eq!(check_name(name), Ok(()), "{name:?}");
        assert_eq!(problems(name, date("2026-11-25")), Vec::<String>::new(), "{name:?}");
        let site = &starter(name, date("2026-11-25"))[0].1;
        let line = site.lines().find(|l| l.starts_with("municipality:")).expect("the line");
        assert_eq!(line, format!("municipality: {}", yaml_quoted(name)));
    }
}

#[test]
fn the_name_is_read_back_exactly() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("c");
    let name = "Malmö \"stad\" \\ {{year}}";
    write(&dir, &starter(name, date("2026-11-25"))).expect("write");
    let (loaded, _) = crate::load::load(&dir).expect("load");
    let checked = crate::validate::validate(&loaded, date("2026-11-25"));
    assert_eq!(checked.site.expect("a site").config.municipality, name);
}

#[test]
fn names_the_content_rules_refuse_are_refused() {
    assert_eq!(check_name(""), Err(BadName::Empty));
    assert_eq!(check_name("   "), Err(BadName::Empty));
    assert_eq!(check_name("a\nb"), Err(BadName::ControlCharacter));
    assert_eq!(check_name("a\u{7}b"), Err(BadName::ControlCharacter));
    assert_eq!(check_name("a\u{2028}b"), Err(BadName::ControlCharacter));
    assert_eq!(check_name(&"x".repeat(MAX_NAME + 1)), Err(BadName::TooLong));
    assert_eq!(check_name(&"å".repeat(MAX_NAME)), Ok(()));
    assert_eq!(check_name("Kommun 19121212-1212"), Err(BadName::IdentityNumber));
}

#[test]
fn dates_put_the_meeting_on_the_board() {
    let d = Dates::around(date("2026-11-25"));
    assert_eq!(d.meeting, date("2026-11-18"));
    assert_eq!(d.adjusted, date("2026-11-19"));
    assert_eq!(d.next_meeting, date("2026-12-09"));
    assert_eq!(d.notice_removal, date("2026-12-10"));
    // A Sunday a week back moves to the Friday before; an Easter stretch
    // moves the adjustment past it.
    let d = Dates::around(date("2026-11-29"));
    assert_eq!(d.meeting, date("2026-11-20"));
    let d = Dates::around(date("2026-04-09"));
    assert_eq!(d.meeting, date("2026-04-02"));
    assert_eq!(d.adjusted, date("2026-04-07"), "past Good Friday and Easter Monday");
    // On every day the protocol is adjusted and posted on or before it, and
    // its notice is still up.
    let mut day = date("2026-01-01");
    while day.year() == 2026 {
        let d = Dates::around(day);
        assert!(d.meeting < d.adjusted && d.adjusted <= day, "{day}: {d:?}");
        assert!(crate::calendar::default_removal(d.adjusted, 21) > day, "{day}: {d:?}");
        assert!(d.notice_posted <= day && day < d.notice_removal, "{day}: {d:?}");
        day = day.tomorrow().expect("a next day");
    }
}

#[test]
fn placeholders_are_filled_once() {
    let values = [("a", "{{b}}".to_owned()), ("b", "B".to_owned())];
    assert_eq!(fill("x {{a}} {{b}} {{c}} {{", &values), "x {{b}} B {{c}} {{");
    for (path, text) in starter(DEFAULT_MUNICIPALITY, date("2026-11-25")) {
        assert!(!text.contains("{{"), "{path} keeps a placeholder");
    }
}

#[test]
fn a_folder_with_anything_in_it_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::write(tmp.path().join(".keep"), "x").expect("write");
    let files = starter(DEFAULT_MUNICIPALITY, date("2026-11-25"));
    assert!(matches!(write(tmp.path(), &files), Err(InitError::NotEmpty(_))));
    let names: Vec<_> = std::fs::read_dir(tmp.path()).expect("read").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, [".keep"]);
    let file = tmp.path().join(".keep");
    assert!(matches!(write(&file, &files), Err(InitError::NotAFolder(_))));
    // An empty folder is fine.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    write(&empty, &files).expect("an empty folder");
    assert!(empty.join("site.yaml").is_file());
}

#[test]
fn a_failed_write_removes_what_it_made() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("a").join("b");
    // The second file cannot be made: its folder's name is taken by the first.
    let files = vec![("x".to_owned(), "1".to_owned()), ("x/y".to_owned(), "2".to_owned())];
    assert!(matches!(write(&dir, &files), Err(InitError::Io { .. })));
    assert!(!tmp.path().join("a").exists(), "folders made are removed");
}

#[test]
fn dates_in_words() {
    assert_eq!(in_words(date("2026-12-09")), "9 december 2026");
    assert_eq!(in_words(date("2027-01-01")), "1 januari 2027");
}
