//! `anslag check` end to end: every rule of the content format on a small
//! fixture that breaks exactly that rule, with the exact `CODE file:line:col`
//! of every diagnostic; the command line (languages, help, exit codes); and
//! snapshots of the human output.
//!
//! Fixtures live in `tests/fixtures/{good,bad}/<name>/`; each bad one is
//! `good/minimal` with one thing broken, most of them stored as an overlay
//! holding only the files that differ (read them through `Site::fixture`).
//! Expected places were counted by hand in the fixture files (1-based lines,
//! columns in Unicode characters, a BOM not counted).

use crate::common::{Entry, OVERLAY, Overlay, Run, Site, TODAY, anslag, fingerprint, fixture_names, fixtures, mkfifo};
use std::collections::BTreeSet;
use std::path::Path;

/// The meeting folder of `good/minimal`.
const M: &str = "kommunstyrelsen/2026-11-09";

/// One bad fixture: its exit code, the exact diagnostics as the tool sorts
/// them, and words that must appear in the (English) messages or help.
struct Case {
    fixture: &'static str,
    exit: i32,
    expected: &'static [&'static str],
    words: &'static [&'static str],
}

const fn case(
    fixture: &'static str,
    exit: i32,
    expected: &'static [&'static str],
    words: &'static [&'static str],
) -> Case {
    Case { fixture, exit, expected, words }
}

const CASES: &[Case] = &[
    // E001: Latin-1 `ä` in `rättighetsarbete`, the file's first non-ASCII byte, line 3.
    case("not-utf8", 1, &["E001 kommunstyrelsen/2026-11-09/02-bidrag.md:3:21"], &["not UTF-8"]),
    // Every .md/.yaml file has a BOM and CRLF; `kind:` is on line 1 (the BOM
    // must not shift its column) and the number follows `för`, `Åsa` on line 3.
    case(
        "bom-crlf-error",
        1,
        &["E023 kommunstyrelsen/2026-11-09/01-budget.md:3:48", "E012 kommunstyrelsen/_body.yaml:1:7"],
        &[],
    ),
    case("front-matter-missing", 1, &["E003 kommunstyrelsen/2026-11-09/02-bidrag.md:1:1"], &[]),
    case("front-matter-unclosed", 1, &["E004 kommunstyrelsen/2026-11-09/02-bidrag.md:1:1"], &[]),
    // `title: Föreningsbidrag: Exempelby …`: the `: ` after `Föreningsbidrag`.
    case(
        "yaml-syntax",
        1,
        &["E005 kommunstyrelsen/2026-11-09/02-bidrag.md:3:23"],
        &["malformed YAML: a `: ` where YAML does not expect a new field"],
    ),
    // Issue 18: the common YAML mistakes, each at the line that holds it
    // (the parser stops a line later for a missing space) and with the fix.
    case(
        "yaml-missing-space",
        1,
        &["E005 kommunstyrelsen/2026-11-09/01-budget.md:4:4"],
        &["a space is needed after the colon of `dnr:`", "Write a space after the colon: `dnr: KS/2026:12`"],
    ),
    // `date:` of the document entry is indented 5 spaces, `title` after `- ` 4.
    case(
        "yaml-indentation",
        1,
        &["E005 kommunstyrelsen/2026-11-09/01-budget.md:12:6"],
        &["the line is indented by 5 spaces, but the fields of its block are indented by 4 spaces"],
    ),
    case(
        "yaml-tab",
        1,
        &["E005 kommunstyrelsen/2026-11-09/01-budget.md:8:1"],
        &[
            "a tab character in the indentation",
            "Indent the line with 2 spaces instead of the tab: `- Kommunfullmäktige`",
        ],
    ),
    case(
        "yaml-unclosed-quote",
        1,
        &["E005 kommunstyrelsen/2026-11-09/01-budget.md:3:8"],
        &["never closed on its line", "`title: \"Budget 2027 för kommunstyrelsen\"`"],
    ),
    // § 2 does not load: § 1 followed by § 3 is no gap (its number is unknown).
    case("numbering-after-broken-file", 1, &["E005 kommunstyrelsen/2026-11-09/02-bidrag.md:3:8"], &[]),
    case("duplicate-key", 1, &["E006 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"], &["`title` is given twice"]),
    case("wrong-type", 1, &["E007 kommunstyrelsen/2026-11-09/02-bidrag.md:3:8"], &["`title` must be text"]),
    // Points at the opening `---` of the front matter.
    case(
        "missing-field",
        1,
        &["E008 kommunstyrelsen/2026-11-09/02-bidrag.md:1:1"],
        &["the required field `title` is missing"],
    ),
    case(
        "unknown-field",
        1,
        &["E009 kommunstyrelsen/2026-11-09/01-budget.md:7:1"],
        &["unknown field `recipents`, did you mean `recipients`?"],
    ),
    // Swedish words for fields are answered with the field's name.
    case(
        "unknown-field-swedish",
        1,
        &["E009 kommunstyrelsen/2026-11-09/01-budget.md:5:1", "E009 kommunstyrelsen/2026-11-09/_meeting.md:7:1"],
        &["field names are English, `beslut` is `decision`", "`justerare` is `adjusters`"],
    ),
    case("date-format", 1, &["E010 kommunstyrelsen/2026-11-09/01-budget.md:12:11"], &["`20 oktober 2026`"]),
    // 2023-02-30 is a date-shaped text that is no date: E011, not a parse error.
    case(
        "date-not-real",
        1,
        &["E011 kommunstyrelsen/2026-11-09/01-budget.md:12:11"],
        &["`2023-02-30` is not a real date: 2023-02 has only 28 days"],
    ),
    // Issue 18: year 0000 passed `check` and stopped `build` (no tag URI for it).
    case(
        "date-year-zero",
        1,
        &["E011 notices/2026-11-20-kungorelse-ks.md:5:9"],
        &["`0000-11-20` is not a real date: there is no year 0000"],
    ),
    case(
        "meeting-folder-date-not-real",
        1,
        &["E011 kommunstyrelsen/2026-02-30/:1:1"],
        &["`2026-02-30` is not a real date"],
    ),
    case(
        "invalid-value",
        1,
        &["E012 kommunstyrelsen/_body.yaml:3:7"],
        &["`kommitté` is not a valid `kind`", "fullmäktige, styrelse, nämnd, utskott, beredning, other"],
    ),
    case(
        "invalid-number",
        1,
        &["E013 kommunstyrelsen/2026-11-09/02-bidrag.md:2:9"],
        &["`två` is not a valid `number`"],
    ),
    case("body-folder-name", 1, &["E014 Socialnämnden/:1:1"], &["`Socialnämnden` is not a slug", "`socialnamnden`"]),
    case("meeting-folder-name", 1, &["E015 kommunstyrelsen/2026-11-09_extra/:1:1"], &["`2026-11-09_extra`"]),
    case(
        "meeting-date-mismatch",
        1,
        &["E016 kommunstyrelsen/2026-11-09/_meeting.md:2:7"],
        &["the meeting date 2026-11-10 differs from the folder's date 2026-11-09"],
    ),
    // The second file (in path order) is blamed; the first is named in the help.
    case(
        "duplicate-number",
        1,
        &["E017 kommunstyrelsen/2026-11-09/02-bidrag.md:2:1"],
        &["§ 1 appears twice", "kommunstyrelsen/2026-11-09/01-budget.md"],
    ),
    case(
        "document-missing",
        1,
        &["E018 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &[
            "`bilagor/saknas.pdf` does not exist",
            "`kommunstyrelsen/2026-11-09/bilagor/saknas.pdf` in the content folder",
        ],
    ),
    case(
        "document-outside",
        1,
        &["E019 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["`../../../outside.pdf` is outside the content folder"],
    ),
    case(
        "adjusted-before-meeting",
        1,
        &["E020 kommunstyrelsen/2026-11-09/_meeting.md:8:1"],
        &["adjusted (2026-11-06) before the meeting was held (2026-11-09)"],
    ),
    case(
        "posted-before-adjusted",
        1,
        &["E021 kommunstyrelsen/2026-11-09/_meeting.md:9:1"],
        &["posted (2026-11-10) before the protocol was adjusted (2026-11-11)"],
    ),
    // Posted Tue 2024-12-03 + 21 days = julafton; 25, 26 are holidays: the
    // last day to appeal is Fri 2024-12-27 and the earliest removal 2024-12-28.
    case(
        "removal-too-early",
        1,
        &["E022 kommunstyrelsen/2024-12-02/_meeting.md:10:1"],
        &["removed (2024-12-27)", "last day to appeal: 2024-12-27", "Set `removal` to 2024-12-28 or later"],
    ),
    case("identity-number-title", 1, &["E023 kommunstyrelsen/2026-11-09/02-bidrag.md:3:66"], &[]),
    case("identity-number-markdown", 1, &["E023 kommunstyrelsen/2026-11-09/02-bidrag.md:10:35"], &[]),
    // Not an organisationsnummer either (W012): both are told.
    case("identity-number-site-contact", 1, &["E023 site.yaml:8:15", "W012 site.yaml:8:15"], &[]),
    case("identity-number-notice", 1, &["E023 notices/2026-11-20-kungorelse-ks.md:11:23"], &[]),
    // In a `|` block scalar: the line and column of the digits themselves.
    case("identity-number-decision", 1, &["E023 kommunstyrelsen/2026-11-09/02-bidrag.md:7:3"], &[]),
    // Numbers in the private title, decision and text are not reported; the
    // one in `public_title` is.
    case(
        "identity-number-confidential",
        1,
        &["E023 kommunstyrelsen/2026-11-09/02-bidrag.md:5:29"],
        &["a personal identity number is in published text"],
    ),
    case(
        "board-date-without-adjusted",
        1,
        &["E024 kommunstyrelsen/2026-11-09/_meeting.md:8:1", "E024 kommunstyrelsen/2026-11-09/_meeting.md:9:1"],
        &["`posted` is given but", "`removal` is given but"],
    ),
    case(
        "public-title-missing",
        1,
        &["E025 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"],
        &["a confidential paragraph needs a `public_title`"],
    ),
    case(
        "legal-ground-missing",
        1,
        &["E032 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"],
        &["`confidential` is given without the legal ground"],
    ),
    case(
        "unknown-code-language",
        0,
        &["W006 kommunstyrelsen/2026-11-09/01-budget.md:19:1"],
        &["the code language `klingon` is not known"],
    ),
    case(
        "attachment-type",
        1,
        &["E033 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["of a type that a browser would run as part of the site (.svg)"],
    ),
    // Issue 16: `.xht` is XHTML; a file without extension holding HTML is sniffed.
    case("attachment-type-xht", 1, &["E033 kommunstyrelsen/2026-11-09/01-budget.md:13:11"], &["(.xht)"]),
    case(
        "attachment-type-sniffed",
        1,
        &["E033 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["`bilagor/underlag` is of a type that a browser would run as part of the site (its content is html)"],
    ),
    // Issue 16: numbers a reader still reads as one — emphasis inside, a
    // link's text, an entity, an em dash, a soft hyphen — at their first digit.
    case(
        "identity-number-disguised",
        1,
        &[
            "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:12:10",
            "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:14:9",
            "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:16:8",
            "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:18:13",
            "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:20:9",
        ],
        &[],
    ),
    // A vertical tab pasted into a title; U+0001 written as a YAML escape.
    case(
        "control-character",
        1,
        &["E043 kommunstyrelsen/2026-11-09/02-bidrag.md:3:29", "E043 kommunstyrelsen/2026-11-09/02-bidrag.md:4:14"],
        &["an invisible control character (U+000B)", "Remove the invisible character"],
    ),
    // Issue 16: what the build (the PDF, the feeds) refused, check finds.
    case(
        "line-break-in-field",
        1,
        &["E045 site.yaml:2:3"],
        &["`municipality` belongs on one line but has a line break", "without `|` or `>`"],
    ),
    case(
        "field-too-long",
        1,
        &["E046 kommunstyrelsen/2026-11-09/02-bidrag.md:3:8"],
        &["`title` is 1253 characters long; at most 1000 are possible"],
    ),
    case(
        "base-url-host-not-ascii",
        1,
        &["E047 site.yaml:2:11"],
        &["its host name has letters such as å, ä or ö", "`xn--` form"],
    ),
    // Issue 18: a theme that `build` would not find is a content error.
    case(
        "theme-missing",
        1,
        &["E051 site.yaml:4:8"],
        &["there is no theme `kommunens-tema`", "`themes/kommunens-tema/`", "(themes there: default)"],
    ),
    // Issue 18: branding in site.yaml.
    case(
        "accent-contrast",
        1,
        &["E057 site.yaml:14:11"],
        &["contrast of 3.13:1 against #f2f4f7 (--band), below 4.5:1", "darker shade"],
    ),
    case("accent-unquoted", 1, &["E056 site.yaml:14:9"], &["YAML reads `#` as the start of a comment", "\"#0b5394\""]),
    case("logo-missing", 1, &["E052 site.yaml:14:9"], &["`profil/logo.svg` named in `logo`", "`content/profil/`"]),
    case("logo-alt-missing", 1, &["E055 site.yaml:14:3"], &["no alternative text", "`logo_alt:`"]),
    case("logo-svg-unsafe", 1, &["E054 site.yaml:14:9"], &["holds onload=", "plain SVG"]),
    case(
        "logo-type",
        1,
        &["E053 site.yaml:14:9", "E053 site.yaml:16:15"],
        &["its content is not what its name says", "its type is not one of css"],
    ),
    // A warning: a wrong number in the archive's metadata does not stop the board.
    case("org-number", 0, &["W012 site.yaml:8:15"], &["the check digit, does not match", "212000-1884"]),
    case(
        "base-url-not-absolute",
        1,
        &["E047 site.yaml:2:11"],
        &["`base_url` (www.exempelby.se/protokoll/) is not a full address", "https://"],
    ),
    // Issue 16: attachments are scanned: a PDF's text page by page, a DOCX's
    // runs joined as read; what cannot be read as text is a warning.
    case(
        "identity-number-attachment",
        1,
        &["E050 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["`kommunstyrelsen/2026-11-09/bilagor/utredning.pdf` holds a personal identity number on page 2"],
    ),
    case(
        "identity-number-docx",
        1,
        &["E050 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["yttrande.docx` holds a personal identity number in document part 1"],
    ),
    case(
        "attachment-not-scanned",
        0,
        &["W011 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["could not be read as text and was not checked for identity numbers (type .png)"],
    ),
    // Issue 16, finding 10: 33 block quotes in `decision` (the 33rd `>`,
    // placed in the file through the YAML block scalar) and 33 nested
    // `<span>`s in the text (the 33rd, after `Ur ansökan: `).
    case(
        "markdown-too-deep",
        1,
        &["E049 kommunstyrelsen/2026-11-09/02-bidrag.md:8:67", "E049 kommunstyrelsen/2026-11-09/02-bidrag.md:14:205"],
        &[
            "block quotes and lists are nested more than 32 levels deep",
            "raw HTML elements are nested more than 32 deep",
            "write deeper levels as ordinary paragraphs",
        ],
    ),
    case("notice-file-name", 1, &["E034 notices/Kungörelse KS.md:1:1"], &["Rename the file to `kungorelse-ks.md`"]),
    case(
        "reserved-file-name",
        1,
        &["E036 kommunstyrelsen/2026-11-09/protokoll.pdf:1:1"],
        &["anslag puts the protocol as PDF there", "protokoll-undertecknat.pdf"],
    ),
    case(
        "confidential-attachment",
        1,
        &["E035 kommunstyrelsen/2026-11-09/01-budget.md:13:11"],
        &["is a confidential paragraph's file (kommunstyrelsen/2026-11-09/02-bidrag.md)"],
    ),
    // Issue 16: a confidential §'s file is confidential by path and by bytes,
    // whatever publishes it (§ 2 of each of these is confidential and names
    // `bilagor/hemlig.pdf`).
    case(
        "confidential-file-intro",
        1,
        &["E035 kommunstyrelsen/2026-11-09/_meeting.md:16:37"],
        &["`kommunstyrelsen/2026-11-09/bilagor/hemlig.pdf` is a confidential paragraph's file"],
    ),
    case("confidential-file-other-intro", 1, &["E035 kommunstyrelsen/2026-11-23/_meeting.md:5:11"], &[]),
    case("confidential-file-notice", 1, &["E035 notices/2026-11-20-kungorelse-ks.md:9:27"], &[]),
    case(
        "confidential-file-copy",
        1,
        &["E035 kommunstyrelsen/2026-11-09/01-budget.md:15:11"],
        &["`kommunstyrelsen/2026-11-09/bilagor/kopia.pdf` is a confidential paragraph's file", "or a copy of it"],
    ),
    // The confidential § names the file only by a link in its text.
    case("confidential-file-linked-in-text", 1, &["E035 kommunstyrelsen/2026-11-09/01-budget.md:15:11"], &[]),
    case(
        "link-target-missing",
        0,
        &["W007 kommunstyrelsen/2026-11-09/01-budget.md:19:4"],
        &["the link `bilagor/plan.pdf` points to a file that is not in the meeting folder"],
    ),
    case("missing-site-yaml", 1, &["E026 site.yaml:1:1"], &["`site.yaml` is missing"]),
    case("missing-body-yaml", 1, &["E026 kommunstyrelsen/_body.yaml:1:1"], &["`_body.yaml` is missing"]),
    case("missing-meeting-md", 1, &["E026 kommunstyrelsen/2026-11-09/_meeting.md:1:1"], &["`_meeting.md` is missing"]),
    case(
        "unexpected-file",
        1,
        &[
            "E027 kommunstyrelsen/2026-11-09/bilagor/utkast.md:1:1",
            "E027 kommunstyrelsen/anteckningar.yaml:1:1",
            "E027 readme.md:1:1",
        ],
        &["`utkast.md`", "`anteckningar.yaml`", "`readme.md`"],
    ),
    case(
        "unknown-body-parent",
        1,
        &["E028 kommunstyrelsen/_body.yaml:4:9"],
        &["there is no body with the slug `kommunfullmaktige`"],
    ),
    case(
        "unknown-body-notice",
        1,
        &["E028 notices/2026-11-20-kungorelse-ks.md:4:7"],
        &["`kommunstyrelse`, did you mean `kommunstyrelsen`?"],
    ),
    case(
        "notice-removal-too-early",
        1,
        &["E029 notices/2026-11-20-kungorelse-ks.md:6:1"],
        &["removed (2026-11-20) on or before the day it is posted (2026-11-20)"],
    ),
    // The 8th `*l1` on line 6 is where the aliases pass 10 000 values.
    case("yaml-too-complex", 1, &["E031 kommunstyrelsen/2026-11-09/02-bidrag.md:6:45"], &["10000"]),
    // Adjusted Wed 2026-11-11 + 2 days = Fri 2026-11-13; posted Mon 2026-11-16.
    case(
        "posted-late",
        0,
        &["W001 kommunstyrelsen/2026-11-09/_meeting.md:9:1"],
        &["posted 2026-11-16, after the limit 2026-11-13 (adjusted 2026-11-11 + 2 days"],
    ),
    case(
        "number-gap",
        0,
        &["W002 kommunstyrelsen/2026-11-09/02-bidrag.md:2:1"],
        &["§ 1 is followed by § 3", "Paragraph § 2 is missing."],
    ),
    // The lowest § of the meeting is blamed (04-…, § 4), not the first file
    // (01-…, which holds § 5).
    case(
        "number-sequence",
        0,
        &["W003 kommunstyrelsen/2026-11-23/04-sammantradesplan.md:2:1"],
        &["starts at § 4, but the body's numbering in 2026 leads to § 3", "(2026-11-09) ended at § 2"],
    ),
    case(
        "number-sequence-new-year",
        0,
        &["W003 kommunstyrelsen/2027-01-18/03-delegationsordning.md:2:1"],
        &["starts at § 3, but the body's numbering in 2027 leads to § 1", "The year's first meeting"],
    ),
    // Format 1.1: no storage in the meeting, the body or site.yaml is an
    // error; it points at the meeting's `adjusted:` line.
    case(
        "storage-missing",
        1,
        &["E040 kommunstyrelsen/2026-11-09/_meeting.md:8:1"],
        &["does not say where it is kept", "notice_board.storage"],
    ),
    // Format 1.1, omedelbar justering: a §'s own dates follow the meeting's rules.
    case(
        "paragraph-adjusted-before-meeting",
        1,
        &["E020 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"],
        &["the paragraph is adjusted (2026-11-08) before the meeting was held (2026-11-09)"],
    ),
    case(
        "paragraph-adjusted-after-protocol",
        1,
        &["E037 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"],
        &["the paragraph is adjusted (2026-11-12) after the protocol (2026-11-11)", "2026-11-11 or earlier"],
    ),
    case(
        "paragraph-posted-without-adjusted",
        1,
        &["E024 kommunstyrelsen/2026-11-09/02-bidrag.md:5:1"],
        &["`posted` is given but the paragraph has no `adjusted` date"],
    ),
    // Adjusted (and posted) Mon 2026-11-09 + 21 days = Mon 2026-11-30, the last day to appeal.
    case(
        "paragraph-removal-too-early",
        1,
        &["E022 kommunstyrelsen/2026-11-09/02-bidrag.md:6:1"],
        &["(last day to appeal: 2026-11-30)", "Set `removal` to 2026-12-01 or later"],
    ),
    // Format 1.1, notices that carry the law.
    case(
        "notice-unknown-meeting",
        1,
        &["E038 notices/2026-11-20-kungorelse-ks.md:5:10"],
        &["no meeting `kommunstyrelsen/2026-11-10`, did you mean `kommunstyrelsen/2026-11-09`?"],
    ),
    // Posted Fri 2026-11-20 + 21 days = Fri 2026-12-11; removal 2026-12-08 is too early.
    case(
        "appealable-removal-too-early",
        1,
        &["E022 notices/2026-11-20-kungorelse-ks.md:7:1"],
        &["(last day to appeal: 2026-12-11)", "Set `removal` to 2026-12-12 or later"],
    ),
    // Posted 2026-11-20 for a fullmäktige meeting on 2026-11-23: 3 days, not 7.
    case(
        "announced-late",
        0,
        &["W008 notices/2026-11-20-kungorelse-ks.md:6:1"],
        &["less than one week before the fullmäktige meeting of 2026-11-23", "by 2026-11-16", "quashed"],
    ),
    // Meeting 2026-11-09, adjusted 2026-11-24: 15 days.
    case(
        "adjusted-late",
        0,
        &["W009 kommunstyrelsen/2026-11-09/_meeting.md:8:1"],
        &["adjusted 2026-11-24, more than 14 days after the meeting of 2026-11-09"],
    ),
    // Format 1.1, proposals: a slug that names no body.
    case(
        "proposal-to-unknown",
        1,
        &["E039 kommunstyrelsen/2026-11-09/01-budget.md:5:14"],
        &["no body with the slug `kommunfullmaktig`, did you mean `kommunfullmaktige`?", "Region Värmland"],
    ),
    case("ignored-file", 0, &["W005 kommunstyrelsen/protokoll-2026.pdf:1:1"], &["`protokoll-2026.pdf` is ignored"]),
    // Several broken files: everything in one run, sorted by file, then line.
    case(
        "many-problems",
        1,
        MANY_PROBLEMS,
        &[
            "did you mean `recipients`",
            "`bilagor/saknas.pdf` does not exist",
            "`två` is not a valid `post_within_days`",
        ],
    ),
];

const MANY_PROBLEMS: &[&str] = &[
    "E009 kommunstyrelsen/2026-11-09/01-budget.md:7:1",
    "E018 kommunstyrelsen/2026-11-09/01-budget.md:13:11",
    "W002 kommunstyrelsen/2026-11-09/02-bidrag.md:2:1",
    "E023 kommunstyrelsen/2026-11-09/02-bidrag.md:10:35",
    "E040 kommunstyrelsen/2026-11-09/_meeting.md:8:1",
    "E021 kommunstyrelsen/2026-11-09/_meeting.md:9:1",
    "E012 kommunstyrelsen/_body.yaml:3:7",
    "E029 notices/2026-11-20-kungorelse-ks.md:6:1",
    "E027 readme.md:1:1",
    "E013 site.yaml:12:21",
];

/// Codes that no static fixture can produce (they need a symbolic link, an
/// unreadable file or a publishing record, made at run time), with the test
/// that covers them.
const COVERED_AT_RUN_TIME: &[(&str, &str)] = &[
    ("E002", "unreadable_file_is_reported"),
    ("E030", "symlink_outside_content_is_reported_and_never_read"),
    // The publishing record's rules need a record beside the content.
    ("E041", "publishing_record_rules_point_at_their_lines"),
    ("E042", "publishing_record_rules_point_at_their_lines"),
    ("W010", "publishing_record_rules_point_at_their_lines"),
    ("E044", "fifos_and_devices_are_never_read"),
    ("E048", "names_that_are_not_utf8_are_refused"),
    // A theme sits beside the content folder, outside a fixture.
    ("E058", "a_broken_template_of_the_sites_theme_is_a_problem_counted_with_the_others"),
];

/// Fixtures that check clean: no errors, no warnings.
const GOOD: &[&str] = &[
    "minimal",
    // Issue 18: a logo (SVG) with its alternative text, an accent colour and a stylesheet.
    "branding",
    // Every .md/.yaml file with a UTF-8 BOM and CRLF line ends.
    "bom-crlf",
    // `short_name: ON`, `phone: 0123456700`, `votes: {yes, no}`, `time: 13.00`, `dnr: 2026`.
    "text-scalars",
    // Org.nr 212000-1884 and 556036-0793, phone numbers, Dnr KS/2023:26, ISO
    // dates, bankgiro, table amounts and long digit runs that fail the date.
    "not-identity-numbers",
    // Identity numbers only in the private fields and text of a confidential §.
    "confidential-private-identity-number",
    // § numbering starting mid-year (archive), posted on the limit moved past a
    // weekend, removal on the earliest day, adjusted after the build date,
    // `-extra` meeting, `\` in a document path, a document of another meeting.
    "edge-cases",
];

fn check(fixture: &str) -> Run {
    Site::fixture(fixture).check()
}

#[test]
fn every_bad_fixture_gives_exactly_its_diagnostics() {
    let mut failures = Vec::new();
    for c in CASES {
        let run = check(&format!("bad/{}", c.fixture));
        let got = run.short();
        if got != c.expected || run.code != c.exit {
            failures.push(format!(
                "{}: exit {} (want {}), got\n    {:?}\n  want\n    {:?}",
                c.fixture, run.code, c.exit, got, c.expected
            ));
        }
        let text = run.text();
        for w in c.words {
            if !text.contains(w) {
                failures.push(format!("{}: the messages do not contain {w:?}:\n{text}", c.fixture));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_fixture_is_in_the_table() {
    let on_disk: BTreeSet<String> = fixture_names("bad").into_iter().collect();
    let in_table: BTreeSet<String> = CASES.iter().map(|c| c.fixture.to_owned()).collect();
    assert_eq!(on_disk, in_table);
    let good: BTreeSet<String> = fixture_names("good").into_iter().collect();
    assert_eq!(good, GOOD.iter().map(|s| s.to_string()).collect());
}

/// Every overlay fixture names a base that exists and is a full tree,
/// removes only files the base has, holds no file the base already has as
/// it is, and materialises to exactly base - `remove` + its own files. A
/// stale overlay (the base changed under it) fails here, by name.
#[test]
fn overlay_fixtures_apply_to_their_base() {
    let mut overlays = 0;
    for group in ["good", "bad", "build"] {
        for name in fixture_names(group).iter().map(|n| format!("{group}/{n}")) {
            let Some(overlay) = Overlay::of(&name) else { continue };
            overlays += 1;
            let base = fixtures().join(&overlay.base);
            assert!(base.is_dir(), "{name}: no base {}", overlay.base);
            assert!(Overlay::of(&overlay.base).is_none(), "{name}: the base {} is an overlay too", overlay.base);
            let files = |root: &Path| -> BTreeSet<std::path::PathBuf> {
                fingerprint(root).into_iter().filter(|(_, e)| matches!(e, Entry::File { .. })).map(|(p, _)| p).collect()
            };
            let own_root = fixtures().join(&name);
            let own: BTreeSet<_> = files(&own_root).into_iter().filter(|p| p != Path::new(OVERLAY)).collect();
            let mut want = files(&base);
            for rel in &overlay.remove {
                assert!(want.remove(Path::new(rel)), "{name}: `remove: {rel}` is not a file of {}", overlay.base);
                assert!(!own.contains(Path::new(rel)), "{name}: removes {rel} and holds it too");
            }
            for rel in &own {
                let bytes = std::fs::read(own_root.join(rel)).expect("read");
                let same = std::fs::read(base.join(rel)).is_ok_and(|b| b == bytes);
                assert!(
                    !same,
                    "{name}: {} is the same as in {}; delete it from the overlay",
                    rel.display(),
                    overlay.base
                );
            }
            want.extend(own.iter().cloned());
            let site = Site::fixture(&name);
            assert_eq!(files(&site.content()), want, "{name}: the materialised files");
            for rel in &want {
                let from = if own.contains(rel) { &own_root } else { &base };
                let bytes = std::fs::read(from.join(rel)).expect("read");
                assert!(std::fs::read(site.content().join(rel)).expect("read") == bytes, "{name}: {}", rel.display());
            }
        }
    }
    assert!(overlays > 0, "no overlay fixture found");
}

#[test]
fn every_code_is_covered() {
    let mut covered: BTreeSet<String> =
        CASES.iter().flat_map(|c| c.expected).map(|e| e.split(' ').next().unwrap_or_default().to_owned()).collect();
    covered.extend(COVERED_AT_RUN_TIME.iter().map(|(c, _)| c.to_string()));
    let all: BTreeSet<String> = anslag::diag::Code::ALL.iter().map(|c| c.code().to_owned()).collect();
    let missing: Vec<_> = all.difference(&covered).collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn good_fixtures_check_clean() {
    for name in GOOD {
        let run = check(&format!("good/{name}"));
        assert_eq!(run.short(), Vec::<String>::new(), "good/{name}");
        assert_eq!(run.code, 0, "good/{name}");
    }
}

#[test]
fn minimal_site_is_what_it_claims() {
    let run = check("good/minimal");
    let s = &run.summary;
    assert_eq!((s.errors, s.warnings, s.bodies, s.meetings, s.paragraphs), (0, 0, 1, 1, 2));
    assert!(fixtures().join("good/minimal").join(M).join("bilagor/tjansteskrivelse.pdf").is_file());
}

/// The fixtures meant to have no identity number have none, anywhere (file
/// names and attachments included), so a clean check means something.
#[test]
fn good_fixtures_hold_no_identity_numbers() {
    for name in GOOD.iter().filter(|n| **n != "confidential-private-identity-number") {
        let root = fixtures().join("good").join(name);
        for (path, _) in fingerprint(&root) {
            let full = root.join(&path);
            let mut texts = vec![path.to_string_lossy().into_owned()];
            if full.is_file() {
                texts.push(String::from_utf8_lossy(&std::fs::read(&full).expect("read")).into_owned());
            }
            for t in texts {
                let hits = anslag::validate::pnr::find_identity_numbers(&t);
                assert!(hits.is_empty(), "good/{name}/{}: {:?}", path.display(), hits.iter().map(|r| &t[r.clone()]));
            }
        }
    }
}

/// "Accepted as text" means kept as written, not only "no error": read the
/// model through the library.
#[test]
fn text_scalars_are_kept_as_written() {
    use anslag::model::{Content, Vote};
    let site = Site::fixture("good/text-scalars");
    let (loaded, diags) = anslag::load::load(&site.content()).expect("load");
    assert!(diags.0.is_empty(), "{:?}", diags.0);
    let today = TODAY.parse().expect("date");
    let checked = anslag::validate::validate(&loaded, today);
    assert!(checked.diagnostics.0.is_empty(), "{:?}", checked.diagnostics.0);
    let model = checked.site.expect("a model without errors");
    assert_eq!(model.config.contact.phone.as_deref(), Some("0123456700"));
    let body = &model.bodies[0];
    assert_eq!(body.short_name.as_deref(), Some("ON"));
    let meeting = &body.meetings[0];
    assert_eq!(meeting.time.as_deref(), Some("13.00"));
    let Content::Public(p) = &meeting.paragraphs[1].content else { panic!("§ 2 is public") };
    assert_eq!(p.dnr, ["2026"]);
    let votes = p.votes.as_ref().expect("votes");
    assert_eq!(votes.yes.as_deref(), Some("Bifall till ansökan"));
    assert_eq!(votes.no.as_deref(), Some("Avslag på ansökan"));
    let ballots: Vec<_> = votes.ballots.iter().map(|b| (b.name.as_str(), b.vote)).collect();
    assert_eq!(ballots, [("Åsa Ek", Vote::Ja), ("Karin Lund", Vote::Nej), ("Per Holm", Vote::Avstar)]);
}

/// Git must not have normalised the bytes the encoding fixtures are about.
#[test]
fn encoding_fixtures_have_their_bytes() {
    for name in ["good/bom-crlf", "bad/bom-crlf-error"] {
        let site = Site::fixture(name);
        for rel in
            ["site.yaml", "kommunstyrelsen/_body.yaml", &format!("{M}/01-budget.md"), &format!("{M}/_meeting.md")]
        {
            let bytes = std::fs::read(site.path(rel)).expect("read");
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}/{rel} has no BOM");
            let lf = bytes.iter().filter(|b| **b == b'\n').count();
            let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
            assert!(lf > 0 && lf == crlf, "{name}/{rel} is not CRLF throughout");
        }
    }
    let latin1 = std::fs::read(Site::fixture("bad/not-utf8").path(&format!("{M}/02-bidrag.md"))).expect("read");
    assert!(std::str::from_utf8(&latin1).is_err());
    let line3 = latin1.split(|b| *b == b'\n').nth(2).expect("line 3");
    assert!(line3.windows(4).any(|w| w == b"r\xE4tt"), "line 3 holds the Latin-1 `r\\xe4tt`");
}

#[test]
fn duplicate_number_names_both_files() {
    let run = check("bad/duplicate-number");
    let [d] = run.diags.as_slice() else { panic!("{:?}", run.short()) };
    assert_eq!(d.file, format!("{M}/02-bidrag.md"));
    let [r] = d.related.as_slice() else { panic!("no related place: {d:?}") };
    assert_eq!((r.file.as_str(), r.line, r.column), (format!("{M}/01-budget.md").as_str(), 2, 1));
    assert_eq!(r.message, "§ 1 is also here");
}

#[test]
fn duplicate_key_points_at_the_first_one_too() {
    let run = check("bad/duplicate-key");
    let [d] = run.diags.as_slice() else { panic!("{:?}", run.short()) };
    let [r] = d.related.as_slice() else { panic!("no related place: {d:?}") };
    assert_eq!((r.file.as_str(), r.line, r.column), (format!("{M}/02-bidrag.md").as_str(), 3, 1));
}

#[test]
fn spans_cover_the_offending_text() {
    // `19121212-1212` after `…Åsa Ek ` on line 3: 13 characters.
    let run = check("bad/identity-number-title");
    let d = &run.diags[0];
    assert_eq!((d.line, d.column, d.end_line, d.end_column), (3, 66, 3, 79));
    // `201212121212` at the start of the second line of a block scalar.
    let run = check("bad/identity-number-decision");
    let d = &run.diags[0];
    assert_eq!((d.line, d.column, d.end_line, d.end_column), (7, 3, 7, 15));
    // BOM + CRLF: `kommitté` on line 1 is 8 characters (9 bytes).
    let run = check("bad/bom-crlf-error");
    let d = &run.diags[1];
    assert_eq!((d.line, d.column, d.end_line, d.end_column), (1, 7, 1, 15));
}

// ---------------------------------------------------------------------------
// Many files, one run; languages.

#[test]
fn all_problems_of_all_files_in_one_run_sorted() {
    let run = check("bad/many-problems");
    assert_eq!(run.short(), MANY_PROBLEMS);
    let places: Vec<_> = run.diags.iter().map(|d| (d.file.clone(), d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted, "sorted by file, line and column");
    let files: BTreeSet<_> = run.diags.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files.len(), 7, "problems of seven files");
    assert_eq!((run.summary.errors, run.summary.warnings), (9, 1));
}

#[test]
fn swedish_and_english_differ_only_in_words() {
    let site = Site::fixture("bad/many-problems");
    let sv = site.check_with(&["--lang", "sv"], &[]);
    let en = site.check_with(&["--lang", "en"], &[]);
    assert_eq!(sv.short(), en.short());
    assert_eq!(sv.code, en.code);
    for (s, e) in sv.diags.iter().zip(&en.diags) {
        assert_ne!(s.message, e.message, "{}", s.short());
        assert_ne!(s.help, e.help, "{}", s.short());
        assert_eq!((s.end_line, s.end_column), (e.end_line, e.end_column));
    }
    assert_ne!(sv.summary.message, en.summary.message);
    assert!(sv.summary.message.starts_with("9 fel, 1 varning;"), "{}", sv.summary.message);
    assert!(en.summary.message.starts_with("9 errors, 1 warning;"), "{}", en.summary.message);
    assert!(sv.text().contains("menade du `recipients`"), "{}", sv.text());
}

#[test]
fn language_comes_from_the_locale_without_lang() {
    let site = Site::fixture("bad/unknown-field");
    let sv = site.check_with(&["--lang", "sv"], &[]);
    let en = site.check_with(&["--lang", "en"], &[]);
    let by_lang = site.check_with(&[], &[("LANG", "sv_SE.UTF-8")]);
    assert_eq!(by_lang.diags, sv.diags);
    let by_messages = site.check_with(&[], &[("LC_MESSAGES", "sv_SE.UTF-8"), ("LANG", "en_GB.UTF-8")]);
    assert_eq!(by_messages.diags, sv.diags);
    // LC_ALL wins over LANG; no locale at all is English.
    let by_all = site.check_with(&[], &[("LC_ALL", "en_US.UTF-8"), ("LANG", "sv_SE.UTF-8")]);
    assert_eq!(by_all.diags, en.diags);
    assert_eq!(site.check_with(&[], &[]).diags, en.diags);
    // --lang wins over the locale.
    assert_eq!(site.check_with(&["--lang", "en"], &[("LANG", "sv_SE.UTF-8")]).diags, en.diags);
}

// ---------------------------------------------------------------------------
// Help, usage and I/O errors.

fn help(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = anslag();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn help_in_english_mentions_the_exit_codes() {
    for args in [&["--help"][..], &["-h"], &["check", "--help"], &["--lang", "en", "--help"]] {
        let text = help(args, &[]);
        assert!(
            text.contains("Exit codes: 0 ok (warnings allowed), 1 errors in the content, 2 wrong usage, 3 I/O"),
            "{args:?}:\n{text}"
        );
        assert!(text.contains("--content"), "{args:?}:\n{text}");
        assert!(text.contains("Usage"), "{args:?}:\n{text}");
    }
    assert!(help(&["--help"], &[]).contains("check"));
}

#[test]
fn help_in_swedish_mentions_the_exit_codes() {
    let by_flag = help(&["--lang", "sv", "--help"], &[]);
    let by_locale = help(&["--help"], &[("LANG", "sv_SE.UTF-8")]);
    assert_eq!(by_flag, by_locale);
    for text in [&by_flag, &help(&["check", "--help", "--lang=sv"], &[])] {
        assert!(
            text.contains("Slutkoder: 0 klart (varningar tillåtna), 1 fel i innehållet, 2 felaktig användning, 3 in-"),
            "{text}"
        );
        assert!(text.contains("Användning"), "{text}");
        assert!(!text.contains("Exit codes"), "{text}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let content = content.to_str().expect("UTF-8 path");
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["check", "--no-such-flag"],
        &["check", "--today", "2026-02-30", "--content", content],
        &["check", "--today", "25 november 2026", "--content", content],
        &["check", "--lang", "de", "--content", content],
        &["check", "--message-format", "xml", "--content", content],
        &["check", "--color", "sometimes", "--content", content],
    ];
    for args in cases {
        let out = anslag().args(*args).current_dir(site.root()).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        assert!(!out.stderr.is_empty(), "{args:?}: usage errors are explained on stderr");
    }
    let out = anslag().args(["check", "--lang", "sv", "--no-such-flag"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fel: okänt argument `--no-such-flag`"), "{stderr}");
    let out = anslag().args(["check", "--today", "2026-02-30", "--content", content]).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`2026-02-30` is not a date YYYY-MM-DD for --today"));
}

#[test]
fn unreadable_content_folder_exits_3() {
    let site = Site::fixture("good/minimal");
    for (path, json) in [
        (site.root().join("no-such-folder"), false),
        (site.root().join("no-such-folder"), true),
        (site.path("site.yaml"), false),
    ] {
        let mut cmd = anslag();
        cmd.args(["check", "--lang", "en", "--today", TODAY, "--content"]).arg(&path);
        if json {
            cmd.args(["--message-format", "json"]);
        }
        let out = cmd.output().expect("run");
        assert_eq!(out.status.code(), Some(3), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("cannot read the content folder"), "{stderr}");
        assert!(stderr.contains(&*path.to_string_lossy()), "names the folder: {stderr}");
    }
}

// ---------------------------------------------------------------------------
// Things that need the file system at run time: links, unreadable files,
// files that must be ignored.

/// A document that is a symbolic link to something outside `content/` is an
/// error, and its target is never opened: it is a fifo here, so opening it
/// for reading would hang until the timeout.
#[test]
fn symlink_outside_content_is_reported_and_never_read() {
    let site = Site::fixture("good/minimal");
    let fifo = site.root().join("outside.pdf");
    mkfifo(&fifo);
    site.symlink(&format!("{M}/bilagor/tjansteskrivelse.pdf"), &fifo);
    let run = site.check();
    assert_eq!(
        run.short(),
        [format!("E019 {M}/01-budget.md:13:11"), format!("E030 {M}/bilagor/tjansteskrivelse.pdf:1:1"),]
    );
    assert!(run.text().contains("`tjansteskrivelse.pdf` is a link to a place outside the content folder"));

    // The same through a relative link that climbs out of content/.
    let site = Site::fixture("good/minimal");
    std::fs::write(site.root().join("outside.pdf"), "secret").expect("write");
    site.symlink(&format!("{M}/bilagor/tjansteskrivelse.pdf"), Path::new("../../../../outside.pdf"));
    assert_eq!(
        site.check().short(),
        [format!("E019 {M}/01-budget.md:13:11"), format!("E030 {M}/bilagor/tjansteskrivelse.pdf:1:1"),]
    );
}

/// A paragraph file that is a link to a file outside is reported too, and
/// its text (an identity number here) never read.
#[test]
fn paragraph_linked_from_outside_is_not_read() {
    let site = Site::fixture("good/minimal");
    let outside = site.root().join("02-bidrag.md");
    std::fs::write(&outside, "---\nnumber: 2\ntitle: 19121212-1212\n---\n").expect("write");
    site.symlink(&format!("{M}/02-bidrag.md"), &outside);
    assert_eq!(site.check().short(), [format!("E030 {M}/02-bidrag.md:1:1")]);
}

/// A folder that links outside: reported, and a document through it is an error.
#[test]
fn folder_linked_outside_is_reported() {
    let site = Site::fixture("good/minimal");
    let outside = site.root().join("bilagor");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("tjansteskrivelse.pdf"), "%PDF").expect("write");
    std::fs::remove_dir_all(site.path(&format!("{M}/bilagor"))).expect("rm");
    site.symlink(&format!("{M}/bilagor"), &outside);
    let run = site.check();
    let got = run.short();
    assert_eq!(got.len(), 2, "{got:?}");
    // The document is reported as missing (E018) or outside (E019).
    assert!(
        got[0] == format!("E018 {M}/01-budget.md:13:11") || got[0] == format!("E019 {M}/01-budget.md:13:11"),
        "{got:?}"
    );
    assert_eq!(got[1], format!("E030 {M}/bilagor:1:1"));
}

/// A link that stays inside `content/` is fine.
#[test]
fn symlink_inside_content_is_fine() {
    let site = Site::fixture("good/minimal");
    std::fs::rename(site.path(&format!("{M}/bilagor/tjansteskrivelse.pdf")), site.path(&format!("{M}/bilagor/a.pdf")))
        .expect("rename");
    site.symlink(&format!("{M}/bilagor/tjansteskrivelse.pdf"), Path::new("a.pdf"));
    let run = site.check();
    assert_eq!(run.short(), Vec::<String>::new());
}

/// A link to a folder is not followed (W005), even when named like a
/// paragraph; a link to nothing cannot be read (E002).
#[test]
fn unreadable_file_is_reported() {
    let site = Site::fixture("good/minimal");
    site.symlink(&format!("{M}/02-bidrag.md"), Path::new("bilagor"));
    let run = site.check();
    assert_eq!(run.short(), [format!("W005 {M}/02-bidrag.md:1:1")]);
    assert!(run.text().contains("links to folders are not followed"), "{}", run.text());

    let site = Site::fixture("good/minimal");
    site.symlink(&format!("{M}/02-bidrag.md"), Path::new("finns-inte.md"));
    assert_eq!(site.check().short(), [format!("E002 {M}/02-bidrag.md:1:1")]);
}

/// Hidden files, `Thumbs.db`, `desktop.ini` and Office lock files are
/// ignored everywhere; each of them would be a diagnostic if it were read.
#[test]
fn hidden_and_system_files_are_ignored_everywhere() {
    let site = Site::fixture("good/minimal");
    let junk = "not front matter: [\n";
    for dir in ["", "kommunstyrelsen/", &format!("{M}/"), &format!("{M}/bilagor/"), "notices/"] {
        site.write(&format!("{dir}.DS_Store"), b"\x00\x01binary");
        site.write(&format!("{dir}Thumbs.db"), b"\x00\xffbinary");
        site.write(&format!("{dir}desktop.ini"), "[.ShellClassInfo]\r\n");
        site.write(&format!("{dir}~$lock.docx"), b"\x00lock");
        site.write(&format!("{dir}.utkast.md"), junk);
        site.write(&format!("{dir}~$utkast.md"), junk);
        site.write(&format!("{dir}.~lock.utkast.md#"), junk);
        site.write(&format!("{dir}.gömd/_meeting.md"), junk);
        site.write(&format!("{dir}.gömd/2026-01-01/_meeting.md"), junk);
    }
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write("~$site.yaml", junk);
    site.write(".site.yaml.swp", b"\x00");
    let run = site.check();
    assert_eq!(run.short(), Vec::<String>::new());
    let s = &run.summary;
    assert_eq!((s.bodies, s.meetings, s.paragraphs), (1, 1, 2));
}

// ---------------------------------------------------------------------------
// The example site of the repository.

#[test]
fn example_content_checks_clean() {
    let site = Site::example();
    let run = site.check();
    assert_eq!(run.short(), Vec::<String>::new());
    assert_eq!((run.code, run.summary.errors, run.summary.warnings), (0, 0, 0));
    assert!(run.summary.paragraphs > 0);
}

// ---------------------------------------------------------------------------
// Human output.

fn snapshot(fixture: &str, lang: &str) -> String {
    let (code, text) = Site::fixture(fixture).human(lang);
    format!("exit code: {code}\n---\n{text}")
}

#[test]
fn human_output_en_duplicate_number() {
    insta::assert_snapshot!(snapshot("bad/duplicate-number", "en"));
}

#[test]
fn human_output_en_removal_too_early() {
    insta::assert_snapshot!(snapshot("bad/removal-too-early", "en"));
}

#[test]
fn human_output_en_posted_late() {
    insta::assert_snapshot!(snapshot("bad/posted-late", "en"));
}

#[test]
fn human_output_sv_many_problems() {
    insta::assert_snapshot!(snapshot("bad/many-problems", "sv"));
}

/// Issue 18: the clerk's common mistakes, told in Swedish at the line that
/// holds them, with the corrected line or the field's name.
#[test]
fn clerk_mistakes_are_told_in_swedish_where_they_are() {
    let cases: &[(&str, &[&str])] = &[
        (
            "bad/yaml-missing-space",
            &[
                "01-budget.md:4:4",
                "felaktig YAML: efter kolonet i `dnr:` behövs ett mellanslag",
                "Skriv ett mellanslag efter kolonet: `dnr: KS/2026:12`.",
            ],
        ),
        (
            "bad/yaml-indentation",
            &[
                "01-budget.md:12:6",
                "raden är indragen 5 mellanslag, men fälten i samma block är indragna 4",
                "en rad i samma block, rätt indragen",
            ],
        ),
        ("bad/yaml-tab", &["01-budget.md:8:1", "ett tabbtecken i indraget", "Dra in raden med 2 mellanslag"]),
        ("bad/yaml-unclosed-quote", &["01-budget.md:3:8", "citattecknet som börjar här avslutas aldrig på sin rad"]),
        (
            "bad/unknown-field-swedish",
            &[
                "01-budget.md:5:1",
                "okänt fält `beslut`: fälten har engelska namn, `beslut` heter `decision`",
                "_meeting.md:7:1",
                "`justerare` heter `adjusters`",
            ],
        ),
        ("bad/theme-missing", &["site.yaml:4:8", "det finns inget tema `kommunens-tema`", "teman där: default"]),
        ("bad/accent-contrast", &["site.yaml:14:11", "har kontrasten 3,13:1 mot #f2f4f7 (--band), lägre än 4,5:1"]),
        ("bad/logo-alt-missing", &["site.yaml:14:3", "saknar alternativtext", "`logo_alt:`"]),
        ("bad/logo-svg-unsafe", &["site.yaml:14:9", "innehåller onload=", "enkel SVG"]),
        ("bad/org-number", &["site.yaml:8:15", "kontrollsiffran, stämmer inte"]),
        ("bad/base-url-not-absolute", &["site.yaml:2:11", "är inte en fullständig adress", "`https://`"]),
        ("bad/number-gap", &["§ 1 följs av § 3", "Paragraf § 2 saknas."]),
    ];
    for (fixture, words) in cases {
        let (code, text) = Site::fixture(fixture).human("sv");
        let warns_only = ["bad/number-gap", "bad/org-number"].contains(fixture);
        assert_eq!(code, if warns_only { 0 } else { 1 }, "{fixture}:\n{text}");
        for w in *words {
            assert!(text.contains(w), "{fixture}: no {w:?} in\n{text}");
        }
        for english in ["malformed", "did you mean", "expected", "simple key", "scalar", "help:"] {
            assert!(!text.contains(english), "{fixture}: English {english:?} in\n{text}");
        }
    }
}

/// The handbook's examples are true: on each page, every code block marked
/// with a file (```` ```yaml fil=site.yaml ````) is written over
/// `good/minimal` (pages after the first build on it: the examples of
/// `sekretess-justering-avpublicering.md` are §§ of the first site's
/// meeting), and the site checks clean; every other YAML block parses.
/// The mistakes in `felkoder.md` are examples of errors, not checked here.
#[test]
fn the_handbook_examples_check_clean() {
    let dir = crate::common::repo().join("docs/handbok");
    let pages = ["forsta-webbplatsen.md", "daglig-rutin.md", "sekretess-justering-avpublicering.md"];
    let site = Site::fixture("good/minimal");
    let mut files = 0;
    for page in pages {
        let text = std::fs::read_to_string(dir.join(page)).expect("a handbook page");
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.strip_prefix("```").filter(|i| !i.is_empty()) else { continue };
            let block: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
            let block = block.join("\n") + "\n";
            match info.split_whitespace().find_map(|w| w.strip_prefix("fil=")) {
                Some(rel) => {
                    let path = site.path(rel);
                    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
                    std::fs::write(path, block).expect("write");
                    files += 1;
                }
                None if info.starts_with("yaml") => {
                    let parsed = anslag::load::yaml::parse(&block, 0, anslag::diag::FileId(0));
                    assert!(parsed.is_ok(), "{page}: the YAML example does not parse:\n{block}");
                }
                None => {}
            }
        }
        let run = site.check();
        assert_eq!((run.code, run.short()), (0, Vec::<String>::new()), "{page}: the examples do not check clean");
    }
    assert!(files >= 7, "only {files} examples with a file found");
}

#[test]
fn version_exits_0() {
    let out = anslag().arg("--version").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("anslag "));
}

#[test]
fn human_output_good_site_is_one_line() {
    let (code, text) = Site::fixture("good/minimal").human("en");
    assert_eq!((code, text.as_str()), (0, "no errors, no warnings; 1 body, 1 meeting, 2 paragraphs\n"));
    let (_, text) = Site::fixture("good/minimal").human("sv");
    assert_eq!(text, "inga fel, inga varningar; 1 organ, 1 sammanträde, 2 paragrafer\n");
}

// ---------------------------------------------------------------------------
// Bugs found while writing these tests (see the report); they fail today.

/// A meeting folder whose name has a multi-byte character across byte 10
/// (`novembermöte`: `ö` is bytes 9..11) makes `folder_date` slice inside a
/// character and panic; it should be reported as a bad folder name.
#[test]
fn meeting_folder_name_with_multibyte_char_at_byte_10() {
    let site = Site::fixture("good/minimal");
    std::fs::rename(site.path(M), site.path("kommunstyrelsen/novembermöte")).expect("rename");
    let run = site.check();
    assert_eq!(run.short(), ["E015 kommunstyrelsen/novembermöte/:1:1"]);
}

/// `confidential: ""` makes the privacy scan treat the § as confidential (its
/// title and text are not scanned) while the model publishes it as a public §
/// (empty text counts as absent), so an identity number in its title is
/// published without a diagnostic. Either reading must give an error: E023
/// (public) or E025 (confidential without public_title).
#[test]
fn empty_confidential_does_not_hide_identity_numbers() {
    for value in ["\"\"", "\" \"", "''"] {
        let site = Site::fixture("good/minimal");
        let p = site.path(&format!("{M}/02-bidrag.md"));
        let text = std::fs::read_to_string(&p).expect("read").replace(
            "title: Bidrag till Exempelby hembygdsförening",
            &format!("title: Bidrag till Åsa Ek 19121212-1212\nconfidential: {value}"),
        );
        std::fs::write(&p, text).expect("write");
        let run = site.check();
        let codes: Vec<_> = run.diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E032"], "confidential: {value}: {:?}", run.short());
    }
}

/// The human output must say where each problem is. For diagnostics about a
/// folder or a file whose text was not read (missing `_meeting.md`, a folder
/// name, an unexpected or ignored file, an unreadable file) it prints only
/// the message: miette shows the `file:line:col` name only with a label, and
/// an empty source gets none. The JSON output has the path.
#[test]
fn human_output_names_the_file_of_every_diagnostic() {
    let mut failures = Vec::new();
    for c in CASES {
        let site = Site::fixture(&format!("bad/{}", c.fixture));
        let run = site.check();
        let (_, human) = site.human("en");
        for d in &run.diags {
            if !human.contains(&d.file) {
                failures.push(format!("{}: {} is not named in:\n{human}", c.fixture, d.short()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// YAML keys `title` and `"title"` are the same key, so the second one is a
/// duplicate (E006). The tool compares the keys' scalar style too, misses the
/// duplicate and reports "unknown field `title`, did you mean `title`?".
#[test]
fn quoted_duplicate_key_is_a_duplicate() {
    let site = Site::fixture("good/minimal");
    let p = site.path(&format!("{M}/02-bidrag.md"));
    let text = std::fs::read_to_string(&p)
        .expect("read")
        .replace("dnr: KS/2026:30\n", "dnr: KS/2026:30\n\"title\": Bidrag till hembygdsföreningen\n");
    std::fs::write(&p, text).expect("write");
    let run = site.check();
    assert_eq!(run.short(), [format!("E006 {M}/02-bidrag.md:5:1")]);
    assert_eq!((run.diags[0].related[0].line, run.diags[0].related[0].column), (3, 1));
}

/// The publishing record's rules (E041, E042, W010) point at their files
/// and lines, like every rule: a journal whose kungörelse went up on
/// 2026-11-21 (the content says 2026-11-20), whose protocol notice published
/// a § 3 that has no file, and whose § 1 was published with other text.
#[test]
fn publishing_record_rules_point_at_their_lines() {
    let site = Site::fixture("good/minimal");
    let (loaded, _) = anslag::load::load(&site.content()).expect("load");
    let day = |s: &str| s.parse().expect("date");
    let mut record =
        anslag::record::kept_daily(&loaded, &site.content(), day("2026-11-20"), day("2026-11-20")).expect("kept");
    for n in &mut record.notices {
        if n.notice.starts_with("anslagstavla/anslag/") {
            n.first_published = day("2026-11-21");
            n.taken_over = false;
        } else {
            n.texts[0].sha256 = "0".repeat(64);
            let mut third = n.texts[1].clone();
            third.what = "§ 3".to_owned();
            third.source = format!("{M}/03-borta.md");
            n.texts.push(third);
        }
    }
    let journal = site.root().join("anslagsbevis.json");
    std::fs::write(&journal, record.to_json()).expect("write the journal");
    let run = site.check_with(&["--lang", "en", "--journal", &journal.to_string_lossy()], &[]);
    assert_eq!(
        run.short(),
        [
            format!("W010 {M}/01-budget.md:1:1"),
            format!("E042 {M}/_meeting.md:1:1"),
            "E041 notices/2026-11-20-kungorelse-ks.md:5:1".to_owned(),
        ]
    );
    let text = run.text();
    for words in [
        "says it was posted 2026-11-20, but it was first published 2026-11-21",
        "Set `posted: 2026-11-21`",
        "§ 3 of kommunstyrelsen/2026-11-09 was published 2026-11-20, but its file (kommunstyrelsen/2026-11-09/03-borta.md) is gone",
        "§ 1 has changed since it was published (2026-11-20), without a new correction",
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
    assert_eq!(run.code, 1);
    let sv = site.check_with(&["--lang", "sv", "--journal", &journal.to_string_lossy()], &[]);
    assert!(sv.text().contains("men det publicerades första gången 2026-11-21"), "{}", sv.text());
}

/// Issue 16: a public document that is a hard link or a symbolic link to a
/// confidential §'s file is that file (the same bytes): refused, and the
/// confidential §'s reference is named as the related place.
#[test]
fn a_hard_or_symbolic_link_to_a_confidential_file_is_refused() {
    for link in ["hard", "symbolic"] {
        let site = Site::fixture("bad/confidential-file-copy");
        let copy = site.path(&format!("{M}/bilagor/kopia.pdf"));
        std::fs::remove_file(&copy).expect("remove the copy");
        let secret = site.path(&format!("{M}/bilagor/hemlig.pdf"));
        match link {
            "hard" => std::fs::hard_link(&secret, &copy).expect("hard link"),
            _ => std::os::unix::fs::symlink("hemlig.pdf", &copy).expect("symlink"),
        }
        let run = site.check();
        assert_eq!(run.short(), [format!("E035 {M}/01-budget.md:15:11")], "{link} link");
        let related = &run.diags[0].related;
        assert_eq!(related.len(), 1, "{link}: {related:?}");
    }
}

/// Issue 16: a named pipe (or a link to one) as a § file, as `site.yaml` or
/// as a document is reported (E044) and never opened: `check` does not hang
/// (the harness would kill it after a minute).
#[test]
fn fifos_and_devices_are_never_read() {
    let site = Site::fixture("good/minimal");
    let fifo = |rel: &str| {
        let path = site.path(rel);
        let _ = std::fs::remove_file(&path);
        mkfifo(&path);
    };
    fifo(&format!("{M}/03-ror.md"));
    fifo(&format!("{M}/bilagor/tjansteskrivelse.pdf"));
    fifo("site.yaml");
    site.symlink(&format!("{M}/04-lank.md"), &site.path(&format!("{M}/03-ror.md")));
    let run = site.check();
    let short = run.short();
    for want in [
        format!("E044 {M}/03-ror.md:1:1"),
        format!("E044 {M}/04-lank.md:1:1"),
        format!("E044 {M}/bilagor/tjansteskrivelse.pdf:1:1"),
        "E044 site.yaml:1:1".to_owned(),
        format!("E018 {M}/01-budget.md:13:11"),
    ] {
        assert!(short.contains(&want), "{want} in {short:?}");
    }
    assert!(run.text().contains("is not a regular file"), "{}", run.text());
}

/// Issue 16: two attachment names that are not UTF-8 and would read as the
/// same name (`\xE5` and `\xE4`, Latin-1 å and ä, both become U+FFFD) are
/// each refused (E048) instead of colliding in the build.
#[test]
fn names_that_are_not_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("good/minimal");
    for byte in [0xE5u8, 0xE4] {
        let bytes = [b'b', byte, b'r', b'.', b'p', b'd', b'f'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        std::fs::write(site.path(&format!("{M}/bilagor")).join(name), "%PDF-1.4\n").expect("write");
    }
    let run = site.check();
    let short = run.short();
    assert_eq!(short.len(), 2, "{short:?}");
    assert!(short.iter().all(|s| s.starts_with(&format!("E048 {M}/bilagor/b"))), "{short:?}");
    assert!(run.text().contains("is not UTF-8"), "{}", run.text());
}

/// Issue 16, finding 10: every Markdown text that is published is checked
/// for nesting (E049), each at the place the limit is crossed in its file:
/// a body's `description`, a meeting's intro, a §'s `proposal` and a
/// notice's text (a §'s text and `decision` are in the fixture
/// `markdown-too-deep`). A confidential §'s text is not published and not
/// checked.
#[test]
fn every_published_markdown_text_is_checked_for_depth() {
    let site = Site::fixture("good/minimal");
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.path(rel)).expect("read");
        assert!(text.contains(from), "{rel}");
        site.write(rel, text.replacen(from, to, 1));
    };
    let quotes = "> ".repeat(33);
    let lists = "- ".repeat(33);
    edit("kommunstyrelsen/_body.yaml", "kind: styrelse\n", &format!("kind: styrelse\ndescription: |\n  {quotes}x\n"));
    edit(&format!("{M}/_meeting.md"), "kl. 13.00.\n", &format!("kl. 13.00.\n\n{lists}x\n"));
    edit(
        &format!("{M}/01-budget.md"),
        "recipients:\n",
        &format!("proposal: |\n  Förslag: {}x\nrecipients:\n", "<i>".repeat(40)),
    );
    edit("notices/2026-11-20-kungorelse-ks.md", "Storgatan 1.\n", &format!("Storgatan 1.\n\n{quotes}x\n"));
    site.write(
        &format!("{M}/03-individ.md"),
        format!("---\nnumber: 3\npublic_title: Individärende\nconfidential: 26 kap. 1 § OSL\n---\n{quotes}x\n"),
    );
    let run = site.check();
    assert_eq!(
        run.short(),
        [
            format!("E049 {M}/01-budget.md:8:108"),
            format!("E049 {M}/_meeting.md:18:65"),
            "E049 kommunstyrelsen/_body.yaml:5:67".to_owned(),
            "E049 notices/2026-11-20-kungorelse-ks.md:11:65".to_owned(),
        ]
    );
}

/// A diagnostic on a line of 120 000 characters (thousands of tags pasted on
/// one line) is shown with the line cut around it: the report renderer used
/// to panic on columns past 65 535 (found by the property test).
#[test]
fn a_problem_on_a_very_long_line_is_shown_cut_not_a_crash() {
    let site = Site::fixture("good/minimal");
    let rel = format!("{M}/02-bidrag.md");
    let text = std::fs::read_to_string(site.path(&rel)).expect("§ 2");
    site.write(&rel, format!("{text}\ntext {}![bild](bilagor/saknas.pdf)\n", "<span>".repeat(20_000)));
    let (code, out) = site.human("en");
    assert_eq!(code, 1, "{}", &out[..out.len().min(2000)]);
    assert!(out.contains(&format!("{M}/02-bidrag.md:12:120006")), "the place is exact");
    assert!(out.contains('…'), "the line is cut");
    assert!(out.lines().all(|l| l.chars().count() < 2_000), "no line of the report is that long");
}

/// A template of the site's own theme that does not parse is a content
/// problem (E058) like any other: told at the `theme:` line of site.yaml with
/// the template's own file, line and column, counted in the summary, in the
/// clerk's language; `build` refuses and writes nothing.
#[test]
fn a_broken_template_of_the_sites_theme_is_a_problem_counted_with_the_others() {
    let site = Site::fixture("good/minimal");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}theme: egen\n"));
    let line = yaml.lines().count() + 1;
    let broken = "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ frame.title }</h1>\n{% endblock main %}\n";
    let template = site.root().join("themes/egen/templates/404.html");
    std::fs::create_dir_all(template.parent().expect("folder")).expect("themes folder");
    std::fs::write(&template, broken).expect("template");

    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.text());
    assert_eq!(run.short(), [format!("E058 site.yaml:{line}:8")], "{}", run.text());
    assert_eq!((run.summary.errors, run.summary.warnings), (1, 0));
    assert!(run.text().contains("themes/egen/templates/404.html:3:20"), "{}", run.text());

    let (code, text) = site.human("sv");
    assert_eq!(code, 1, "{text}");
    for words in
        ["mallen `themes/egen/templates/404.html:3:20` i temat `egen` går inte att använda", "1 fel, inga varningar"]
    {
        assert!(text.contains(words), "no {words:?} in\n{text}");
    }
    // The summary comes last: nothing is said after it.
    assert!(text.trim_end().ends_with("2 paragrafer"), "{text}");

    let out = site.root().join("out");
    let mut build = anslag();
    build.args(["build", "--today", TODAY, "--output"]).arg(&out).arg("--content").arg(site.content());
    let built = site.run(build);
    assert_eq!(built.status.code(), Some(1), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(!out.exists(), "a refused build writes nothing");

    // Fixed, it checks clean.
    std::fs::write(&template, broken.replace("frame.title }", "frame.title }}")).expect("template");
    assert_eq!(site.check().code, 0);
}
