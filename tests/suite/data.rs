//! The open data under `data/` and `oparl/` (see `docs/open-data.md`), from
//! the real binary building the example site (`content/`) on 2026-11-25
//! (the OParl endpoint's schemas and crawl: [`crate::oparl`]):
//!
//! - every `data/*.json` validates against its schema in `docs/schema/`
//!   (draft 2020-12, formats checked), every schema is valid 2020-12 and
//!   closes every object, and a wrong document fails;
//! - every page and attachment the data names exists in the output, with
//!   the size and checksums given;
//! - a confidential § shows only its number, public title and legal ground;
//!   nothing of its private text is in any file under `data/` or `oparl/`;
//! - `paragraphs.csv` is UTF-8 with BOM, `;`-separated, CRLF, one row per §;
//! - `anslagstavla.json` lists exactly the notices that have pages.

use crate::common::output::{build_ok, file_paths};
use crate::common::{
    BASE_URL as BASE, CONFIDENTIAL_ITEM_FIELDS, TODAY, example_content, fields_of, hex, percent_decode, repo,
};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The example site, built into a temporary folder.
struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
}

impl Built {
    fn new() -> Built {
        let tmp = tempfile::Builder::new().prefix("anslag-data-").tempdir().expect("temporary folder");
        let out = tmp.path().join("output");
        build_ok(&example_content(), &out, &[]);
        Built { _tmp: tmp, out }
    }

    fn data_dir(&self) -> PathBuf {
        self.out.join("data")
    }

    fn json(&self, name: &str) -> Value {
        let path = self.data_dir().join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The objects of a list file.
    fn list(&self, name: &str) -> Vec<Value> {
        self.json(name)["data"].as_array().unwrap_or_else(|| panic!("{name} has a `data` list")).clone()
    }

    /// Every file of the OParl endpoint that is an object of type `kind`
    /// (`Meeting`, `AgendaItem`, `File` …; `""`: every file, lists too), by path.
    fn oparl(&self, kind: &str) -> BTreeMap<String, Value> {
        let root = self.out.join("oparl");
        let of_kind =
            |v: &Value| kind.is_empty() || v["type"].as_str().is_some_and(|t| t.ends_with(&format!("/{kind}")));
        walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.expect("walk"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).expect("read");
                (e.path().display().to_string(), serde_json::from_str(&text).expect("JSON"))
            })
            .filter(|(_, v)| of_kind(v))
            .collect()
    }

    /// The object (or list page) at an absolute URL of the endpoint.
    fn fetch(&self, url: &str) -> Value {
        let path = self.file_of(url);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).expect("JSON")
    }

    /// Names of the JSON files under `data/`.
    fn json_names(&self) -> BTreeSet<String> {
        std::fs::read_dir(self.data_dir())
            .expect("data/ exists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect()
    }

    /// The file in the output that an absolute URL of the site names.
    fn file_of(&self, url: &str) -> PathBuf {
        let path = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
        let path = path.split('#').next().unwrap_or_default();
        let path = String::from_utf8(percent_decode(path)).expect("UTF-8 after decoding");
        let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
        self.out.join(file)
    }
}

fn schema_path(json_name: &str) -> PathBuf {
    let stem = json_name.strip_suffix(".json").expect(".json");
    repo().join("docs").join("schema").join(format!("{stem}.schema.json"))
}

fn schema(json_name: &str) -> Value {
    let path = schema_path(json_name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(json_name: &str) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema(json_name))
        .unwrap_or_else(|e| panic!("schema of {json_name}: {e}"))
}

/// Every error of `instance`, one line each.
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("`{key}` is a string in {v}"))
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    match &v[key] {
        Value::Null => Vec::new(),
        Value::Array(a) => a.iter().map(|x| x.as_str().expect("a string").to_owned()).collect(),
        Value::String(s) => vec![s.clone()],
        other => panic!("`{key}` is {other}"),
    }
}

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

#[test]
fn every_data_file_validates_against_its_schema() {
    let site = Built::new();
    let names = site.json_names();
    let expected: BTreeSet<String> =
        ["anslagstavla.json", "anslagsbevis.json"].into_iter().map(str::to_owned).collect();
    assert_eq!(names, expected, "the JSON files under data/");
    let schemas: BTreeSet<String> = std::fs::read_dir(repo().join("docs/schema"))
        .expect("docs/schema")
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().replace(".schema.json", ".json"))
        .collect();
    assert_eq!(schemas, expected, "one schema per JSON file, no other (OParl's own: docs/schema/oparl-1.1/)");
    let mut problems = Vec::new();
    for name in &names {
        let doc = site.json(name);
        problems.extend(errors(&validator(name), &doc).into_iter().map(|e| format!("{name} {e}")));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    // Not vacuous: the board holds notices.
    assert!(!site.list("anslagstavla.json").is_empty(), "anslagstavla.json is empty");
}

/// Every subschema that is an object type closes it and names what it requires.
fn open_objects(schema: &Value, at: &str, found: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("object")) {
                if map.get("additionalProperties") != Some(&json!(false)) {
                    found.push(format!("{at}: additionalProperties is not false"));
                }
                if !map.get("required").is_some_and(Value::is_array) {
                    found.push(format!("{at}: no required list"));
                }
            }
            for (k, v) in map {
                open_objects(v, &format!("{at}/{k}"), found);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                open_objects(v, &format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_schema_is_draft_2020_12_and_closes_every_object() {
    let dir = repo().join("docs/schema");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("docs/schema") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            // The vendored OParl schemas (draft 7, open objects by design).
            continue;
        }
        let name = path.file_name().expect("a name").to_string_lossy().into_owned();
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert!(jsonschema::draft202012::meta::is_valid(&schema), "{name} is not a valid 2020-12 schema");
        let mut found = Vec::new();
        open_objects(&schema, &name, &mut found);
        assert!(found.is_empty(), "{}", found.join("\n"));
        count += 1;
    }
    assert_eq!(count, 2);
    // The walk finds an open object when there is one.
    let mut found = Vec::new();
    open_objects(&json!({"$defs": {"a": {"type": "object", "required": []}}}), "t", &mut found);
    assert_eq!(found, ["t/$defs/a: additionalProperties is not false"]);
}

/// The publishing record of a build on the real day (made with the library's
/// settable clock: the example site published on 2026-11-24, then on
/// 2026-11-25 with a § changed) validates against its schema too.
#[test]
fn a_publishing_record_with_entries_and_changes_validates_against_its_schema() {
    use anslag::record;
    let content = example_content();
    let (loaded, _) = anslag::load::load(&content).expect("load");
    let site = |day: &str| anslag::validate::validate(&loaded, day.parse().expect("date")).site.expect("valid");
    let first = site("2026-11-24");
    let seen = record::observe(&first, &loaded.sources, &content).expect("observe");
    let r = record::next(&Default::default(), &seen, first.today);
    let second = site("2026-11-25");
    let mut seen = record::observe(&second, &loaded.sources, &content).expect("observe");
    seen.notices[0].texts[0].sha256 = "0".repeat(64);
    let r = record::next(&r, &seen, second.today);
    assert!(r.notices.iter().any(|n| !n.changes.is_empty()) && r.notices.iter().any(|n| !n.taken_over));
    let value: Value = serde_json::from_slice(&r.to_json()).expect("JSON");
    let v = validator("anslagsbevis.json");
    assert!(errors(&v, &value).is_empty(), "{:?}", errors(&v, &value));
    let mut wrong = value.clone();
    wrong["notices"][0]["firstPublished"] = json!("24 nov");
    assert!(!errors(&v, &wrong).is_empty());
}

#[test]
fn a_wrong_document_fails_its_schema() {
    let site = Built::new();
    let board = site.json("anslagstavla.json");
    let v = validator("anslagstavla.json");
    let k = board["data"].as_array().expect("a list").iter().position(|e| e["kind"] == "protokoll").expect("one");
    let mut no_appeal = board;
    no_appeal["data"][k].as_object_mut().expect("an object").remove("appealLastDay");
    assert!(!errors(&v, &no_appeal).is_empty(), "a protocol notice without its last day to appeal passes");
}

#[test]
fn attachments_are_the_copied_files_with_their_size_and_checksum() {
    use sha2::Digest;
    let site = Built::new();
    let files: Vec<Value> = site.oparl("File").into_values().filter(|f| f["deleted"] != json!(true)).collect();
    for f in &files {
        let url = str_of(f, "accessUrl");
        assert_eq!(f["downloadUrl"], f["accessUrl"]);
        let path = site.file_of(url);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{url} → {}: {e}", path.display()));
        assert_eq!(f["size"], json!(bytes.len()), "{url}");
        assert_eq!(str_of(f, "anslag:sha256Checksum"), hex(&sha2::Sha256::digest(&bytes)), "{url}");
        assert_eq!(str_of(f, "sha512Checksum"), hex(&sha2::Sha512::digest(&bytes)), "{url}");
        assert!(url.ends_with(&format!("/{}", str_of(f, "fileName"))), "{url}");
        if url.ends_with(".pdf") {
            assert_eq!(f["mimeType"], "application/pdf");
        }
        // A document's File is in its meeting's folder, an attachment's under `file/bilaga/`.
        let id = str_of(f, "id");
        let in_meeting = id.starts_with(&format!("{BASE}oparl/meeting/")) && id.contains("/file/");
        assert!(id.starts_with(&format!("{BASE}oparl/file/bilaga/")) || in_meeting, "{f}");
    }
    // Every attachment copied from content/ is described (the example has
    // no attachment of a notice that is not posted yet).
    let content = example_content();
    let copied: BTreeSet<String> = file_paths(&site.out).into_iter().filter(|p| content.join(p).is_file()).collect();
    let described: BTreeSet<String> = files
        .iter()
        .map(|f| percent_decode(str_of(f, "accessUrl").strip_prefix(BASE).expect("under BASE")))
        .map(|path| String::from_utf8(path).expect("UTF-8 after decoding"))
        .collect();
    assert!(!copied.is_empty());
    assert_eq!(described, copied, "the endpoint's Files describe every copied attachment");
}

#[test]
fn every_page_the_data_names_exists() {
    let site = Built::new();
    let mut urls = BTreeSet::new();
    fn collect(v: &Value, key: &str, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => map.iter().for_each(|(k, v)| collect(v, k, out)),
            Value::Array(a) => a.iter().for_each(|v| collect(v, key, out)),
            Value::String(s) if ["web", "website", "protocol", "anslag:protocol", "url"].contains(&key) => {
                out.insert(s.clone());
            }
            _ => {}
        }
    }
    for name in site.json_names() {
        collect(&site.json(&name), "", &mut urls);
    }
    for kind in ["Meeting", "AgendaItem", "Organization"] {
        for v in site.oparl(kind).values() {
            collect(v, "", &mut urls);
        }
    }
    assert!(urls.len() > 100, "only {} page addresses", urls.len());
    let missing: Vec<&String> = urls.iter().filter(|u| !site.file_of(u).is_file()).collect();
    assert!(missing.is_empty(), "pages named in data/ but not built: {missing:#?}");
}

// ---------------------------------------------------------------------------
// Confidential paragraphs
// ---------------------------------------------------------------------------

/// A paragraph file's front matter fields (top level, as text lines) and its body.
fn front_matter(path: &Path) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let text = std::fs::read_to_string(path).expect("readable");
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (head, body) = rest.split_once("\n---\n").expect("front matter closed");
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in head.lines().filter(|l| !l.trim().is_empty()) {
        if !line.starts_with([' ', '-']) {
            let (key, value) = line.split_once(':').expect("key: value");
            current = key.to_owned();
            let value = value.trim().trim_matches('"');
            fields
                .entry(current.clone())
                .or_default()
                .extend((!value.is_empty() && value != "|").then(|| value.into()));
        } else {
            let value = line.trim().trim_start_matches("- ").trim();
            // `- title: Plankarta` in a list of maps: the value only.
            let value = match value.split_once(": ") {
                Some((k, v)) if k.chars().all(|c| c.is_ascii_lowercase() || c == '_') => v,
                _ => value,
            };
            fields.entry(current.clone()).or_default().push(value.trim_matches('"').to_owned());
        }
    }
    (fields, body.lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect())
}

/// Every paragraph file of the example, with whether it is confidential.
fn paragraph_files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = file_paths(&example_content())
        .into_iter()
        .filter(|p| p.ends_with(".md") && p.matches('/').count() == 2 && !p.ends_with("/_meeting.md"))
        .filter(|p| !p.starts_with("notices/"))
        .map(|p| example_content().join(p))
        .collect();
    out.sort();
    out
}

/// Every string of every file under `data/` and `oparl/` (JSON values decoded, CSV fields).
fn haystack(site: &Built) -> Vec<String> {
    fn strings(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            Value::Object(m) => m.iter().for_each(|(k, v)| {
                out.push(k.clone());
                strings(v, out)
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for name in site.json_names() {
        strings(&site.json(&name), &mut out);
    }
    let endpoint = site.oparl("");
    assert!(endpoint.len() > 100, "every file under oparl/ is searched");
    for v in endpoint.values() {
        strings(v, &mut out);
    }
    let csv = std::fs::read(site.data_dir().join("paragraphs.csv")).expect("paragraphs.csv");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&csv[3..]);
    for rec in r.records() {
        out.extend(rec.expect("a CSV record").iter().map(str::to_owned));
    }
    let names: Vec<String> = std::fs::read_dir(site.data_dir())
        .expect("data/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "every file under data/ is searched: {names:?}");
    out
}

/// The text of a paragraph that is not public when it is confidential:
/// title, Dnr, decision, recipients, documents and the body, line by line.
fn private_fragments(path: &Path) -> Vec<String> {
    let (fields, body) = front_matter(path);
    let private = ["title", "dnr", "decision", "recipients", "documents", "proposal", "reservations"];
    let lines = private.iter().flat_map(|k| fields.get(*k).cloned().unwrap_or_default()).chain(body);
    lines.flat_map(|l| pieces(&l)).collect()
}

/// The runs of a Markdown line between its markup (`*`, `` ` ``, `[` …), of
/// ten characters or more: text that plain text keeps as it is.
fn pieces(line: &str) -> Vec<String> {
    let line = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == ' ');
    line.split(['*', '_', '`', '[', ']', '(', ')', '<', '>', '#', '|', '\\'])
        .map(str::trim)
        .filter(|p| p.chars().count() >= 10)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_confidential_paragraph_gives_only_number_public_title_and_legal_ground() {
    let site = Built::new();
    let items: Vec<Value> = site.oparl("AgendaItem").into_values().collect();
    let rows = csv_rows(&site);
    let hay = haystack(&site);
    let found = |s: &str| hay.iter().any(|h| h.contains(s));
    let (mut confidential, mut public) = (0, 0);
    for path in paragraph_files() {
        let (fields, _) = front_matter(&path);
        let rel = path.strip_prefix(example_content()).expect("inside").to_string_lossy().into_owned();
        let (body, folder) = rel.split_once('/').expect("body/meeting/file");
        let folder = folder.split('/').next().expect("meeting folder");
        let number = fields["number"][0].clone();
        let id = format!("{BASE}oparl/meeting/{body}/{folder}/agendaitem/{number}.json");
        let item = items.iter().find(|i| i["id"] == json!(id)).unwrap_or_else(|| panic!("no agenda item {id}"));
        let row = rows.iter().find(|r| r[7] == str_of(item, "web")).unwrap_or_else(|| panic!("no CSV row for {id}"));
        let Some(ground) = fields.get("confidential").map(|g| g[0].clone()) else {
            // A public §: its title and decision are there (so the search below can see text).
            public += 1;
            assert!(found(&fields["title"][0]), "{rel}: public title not found");
            if item.get("deleted") == Some(&json!(true)) {
                // Format 1.1: a withdrawn § is a tombstone: number, title, the note.
                let keys = fields_of(item);
                let allowed = [
                    "id",
                    "type",
                    "meeting",
                    "number",
                    "order",
                    "name",
                    "created",
                    "modified",
                    "deleted",
                    "anslag:withdrawn",
                    "web",
                ];
                assert_eq!(keys, allowed.into_iter().collect(), "{rel}: the fields of a withdrawn agenda item");
                assert!(row[5].starts_with("Avpublicerad "), "{rel}: {row:?}");
                for piece in fields.get("decision").into_iter().flatten().flat_map(|l| pieces(l)) {
                    assert!(!found(&piece), "{rel}: withdrawn decision text {piece:?} under data/");
                }
                continue;
            }
            assert_eq!(item["public"], true);
            if item.get("anslag:notAdjusted") == Some(&json!(true)) {
                // Format 1.1: a § of a protocol not adjusted on the build's
                // day is only its agenda line: no decision anywhere in the data.
                let keys = fields_of(item);
                let allowed = [
                    "id",
                    "type",
                    "meeting",
                    "number",
                    "order",
                    "name",
                    "public",
                    "created",
                    "modified",
                    "anslag:dnr",
                    "anslag:paper",
                    "anslag:notAdjusted",
                    "web",
                ];
                assert!(keys.is_subset(&allowed.into_iter().collect()), "{rel}: {keys:?}");
                assert_eq!(row[5], "", "{rel}: no decision in the CSV before adjustment");
                continue;
            }
            for piece in fields.get("decision").into_iter().flatten().flat_map(|l| pieces(l)) {
                assert!(found(&piece), "{rel}: public decision text {piece:?} not found");
            }
            continue;
        };
        confidential += 1;
        let title = fields["public_title"][0].clone();
        let keys = fields_of(item);
        assert_eq!(
            keys,
            CONFIDENTIAL_ITEM_FIELDS.iter().copied().collect(),
            "{rel}: the fields of a confidential agenda item"
        );
        assert_eq!(item["number"], json!(format!("§ {number}")));
        assert_eq!(item["name"], json!(title));
        assert_eq!(item["public"], json!(false));
        assert_eq!(item["anslag:legalGround"], json!(ground));
        let expected_row = [row[0].as_str(), &row[1], &number, "", &title, "", &ground, str_of(item, "web")];
        assert_eq!(row, &expected_row, "{rel}: its CSV row");
        let leaks: Vec<String> = private_fragments(&path).into_iter().filter(|f| found(f)).collect();
        assert!(leaks.is_empty(), "{rel}: private text under data/: {leaks:#?}");
        let paper = site.out.join(format!("oparl/meeting/{body}/{folder}/paper/{number}.json"));
        assert!(!paper.exists(), "{rel}: a paper of a confidential §");
    }
    assert!(confidential >= 1 && public >= 1, "{confidential} confidential, {public} public paragraphs");
    // The named example is among them.
    let example = example_content().join("socialnamnden/2026-11-18/007-individarende.md");
    assert!(private_fragments(&example).iter().any(|f| f.contains("LVU")), "the example's private text is read");
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

fn csv_rows(site: &Built) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.data_dir().join("paragraphs.csv")).expect("paragraphs.csv");
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').has_headers(true).from_reader(body);
    r.records().map(|rec| rec.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
}

#[test]
fn paragraphs_csv_opens_in_excel_with_swedish_settings() {
    let site = Built::new();
    let bytes = std::fs::read(site.data_dir().join("paragraphs.csv")).expect("paragraphs.csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "starts with the UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.starts_with("Nämnd;Sammanträde;Paragraf;Diarienummer;Rubrik;Beslut;Sekretess;Länk\r\n"));
    // Outside quoted fields, every line ends in CRLF and nothing else breaks a line.
    let (mut quoted, mut records) = (false, 0);
    let b = text.as_bytes();
    for (i, c) in b.iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                assert!(i > 0 && b[i - 1] == b'\r', "a bare LF ends a row at byte {i}");
                records += 1;
            }
            b'\r' if !quoted => assert_eq!(b.get(i + 1), Some(&b'\n'), "a bare CR at byte {i}"),
            _ => {}
        }
    }
    assert!(!quoted, "quotes are balanced");
    assert!(text.ends_with("\r\n"));

    let rows = csv_rows(&site);
    assert_eq!(records, rows.len() + 1, "rows and the header");
    let paragraphs = paragraph_files().len();
    assert!(paragraphs > 0);
    assert_eq!(rows.len(), paragraphs, "one row per § in content/");
    let items: Vec<Value> = site.oparl("AgendaItem").into_values().collect();
    assert_eq!(rows.len(), items.len());
    for row in &rows {
        let item = items.iter().find(|i| i["web"] == json!(row[7])).unwrap_or_else(|| panic!("no item for {row:?}"));
        assert_eq!(row.len(), 8, "{row:?}");
        assert_eq!(row[2], item["order"].to_string(), "{row:?}");
        assert_eq!(row[4], str_of(item, "name"));
        let withdrawn = &item["anslag:withdrawn"];
        let decision = match (&withdrawn["date"], &withdrawn["reason"]) {
            (Value::String(date), Value::String(reason)) => format!("Avpublicerad {date}: {reason}"),
            _ => item["resolutionText"].as_str().unwrap_or("").to_owned(),
        };
        assert_eq!(row[5], decision, "a withdrawn § gives the note as its decision");
        assert_eq!(row[6], item["anslag:legalGround"].as_str().unwrap_or(""));
        assert_eq!(row[7], str_of(item, "web"));
        assert_eq!(row[3], strs(item, "anslag:dnr").join(", "));
        assert!(!row[0].is_empty() && !row[1].is_empty());
    }
    // A decision spread over several Markdown lines is one field, in plain text.
    assert!(rows.iter().any(|r| r[5].contains(' ') && !r[5].contains('*')), "plain-text decisions");
}

// ---------------------------------------------------------------------------
// The notice board
// ---------------------------------------------------------------------------

#[test]
fn the_notice_board_lists_every_posted_notice_with_its_dates() {
    let site = Built::new();
    let entries = site.list("anslagstavla.json");
    let pages: BTreeSet<String> = file_paths(&site.out.join("anslagstavla"))
        .into_iter()
        .filter(|p| (p.starts_with("protokoll/") || p.starts_with("anslag/")) && p.ends_with("/index.html"))
        .map(|p| format!("{BASE}anslagstavla/{}", p.trim_end_matches("index.html")))
        .collect();
    let listed: BTreeSet<String> = entries.iter().map(|e| str_of(e, "url").to_owned()).collect();
    assert_eq!(listed.len(), entries.len(), "each notice once");
    assert_eq!(listed, pages, "the notices listed are those with pages");
    let mut on_board = 0;
    let mut previous = String::new();
    for e in &entries {
        let (posted, removal) = (str_of(e, "posted"), str_of(e, "removal"));
        assert!(posted <= TODAY, "{e}");
        assert!(previous.as_str() <= posted, "in order of the day posted");
        previous = posted.to_owned();
        let expected = posted <= TODAY && TODAY < removal;
        assert_eq!(e["onBoard"], json!(expected), "{e}");
        on_board += usize::from(expected);
        if e["kind"] == "protokoll" {
            let appeal = str_of(e, "appealLastDay");
            assert!(str_of(e, "adjusted") <= posted && posted < appeal && appeal < removal, "{e}");
            let meeting = site.fetch(str_of(e, "meeting"));
            assert_eq!(meeting["id"], e["meeting"], "its OParl Meeting");
            assert_eq!(meeting["anslag:notice"]["appealLastDay"], e["appealLastDay"]);
            assert_eq!(meeting["anslag:notice"]["onBoard"], e["onBoard"]);
            assert_eq!(meeting["anslag:notice"]["url"], e["url"]);
        }
    }
    assert!(on_board > 0 && on_board < entries.len(), "some notices are up, some taken down");
    assert!(entries.iter().any(|e| e["kind"] == "protokoll") && entries.iter().any(|e| e["kind"] != "protokoll"));
}
