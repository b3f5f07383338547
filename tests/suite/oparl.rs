//! The static OParl 1.1 endpoint under `oparl/` (see `docs/open-data.md`),
//! from the real binary, against the official OParl 1.1 schemas vendored in
//! `docs/schema/oparl-1.1/`:
//!
//! - every file of the endpoint is an object or a page of an external list;
//!   every object (and every object embedded in another, or in a list)
//!   validates against the schema of its `type` as JSON Schema draft 7 with
//!   formats checked, and its `id` is the address of its own file;
//! - a crawl from `oparl/system.json` that follows every URL into the site
//!   reaches only files that exist, and reaches every object that is not
//!   deleted;
//! - a confidential § carries only its number, public title and ground, and
//!   a withdrawn § is `deleted: true` at its id, in no list;
//!
//! for the example site and for a generated site of 2 000 § (made with the
//! benchmark's generator, `../shared/bench/gen_corpus.py`, where it is).

use crate::common::output::build_ok;
use crate::common::{BASE_URL as BASE, CONFIDENTIAL_ITEM_FIELDS, example_content, fields_of, percent_decode, repo};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

const NAMESPACE: &str = "https://schema.oparl.org/1.1/";

/// A site built into a temporary folder (`--no-pdf`: the endpoint does not
/// depend on the PDFs).
struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
}

impl Built {
    fn of(content: &Path, keep: Option<tempfile::TempDir>) -> Built {
        let tmp = keep.unwrap_or_else(|| tempfile::Builder::new().prefix("anslag-oparl-").tempdir().expect("tmp"));
        let out = tmp.path().join("output");
        build_ok(content, &out, &["--no-pdf", "--base-url", BASE]);
        Built { _tmp: tmp, out }
    }

    fn example() -> Built {
        Built::of(&example_content(), None)
    }

    /// A clean generated site of `paragraphs` §: made by the benchmark's
    /// generator (`../shared/bench/gen_corpus.py`: several bodies, notices,
    /// attachments) where it is beside the repository, else by the suite's
    /// own ([`crate::build::generate_corpus`]: one body), so that a clean
    /// clone runs the test too.
    fn generated(paragraphs: usize) -> Built {
        let generator = repo().parent().expect("the repository's parent").join("shared/bench/gen_corpus.py");
        let tmp = tempfile::Builder::new().prefix("anslag-oparl-gen-").tempdir().expect("tmp");
        let content = tmp.path().join("corpus/content");
        if generator.is_file() {
            let status = std::process::Command::new("python3")
                .arg(&generator)
                .args(["--paragraphs", &paragraphs.to_string(), "--format", "anslag", "--out"])
                .arg(tmp.path().join("corpus"))
                .stdout(std::process::Stdio::null())
                .status()
                .expect("python3 runs");
            assert!(status.success(), "gen_corpus.py: {status}");
        } else {
            eprintln!("{} is not there: the suite's own generator makes the corpus", generator.display());
            crate::build::generate_corpus(&content, paragraphs);
        }
        Built::of(&content, Some(tmp))
    }

    /// Every file under `oparl/`, by its path there.
    fn endpoint(&self) -> BTreeMap<String, Value> {
        let root = self.out.join("oparl");
        let mut files = BTreeMap::new();
        for e in walkdir::WalkDir::new(&root) {
            let e = e.expect("walk");
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(&root).expect("under oparl/").to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(e.path()).expect("read");
                let value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("oparl/{rel}: {err}"));
                files.insert(rel, value);
            }
        }
        files
    }

    /// The file of the site an absolute URL names, if it is under the base.
    fn file_of(&self, url: &str) -> Option<PathBuf> {
        let path = url.strip_prefix(BASE)?;
        let path = String::from_utf8(percent_decode(path)).expect("UTF-8 after decoding");
        let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
        Some(self.out.join(file))
    }
}

/// The URL of the endpoint's file at `rel` (encoded like the site's addresses).
fn url_of(rel: &str) -> String {
    let encoded: Vec<String> = format!("oparl/{rel}")
        .split('/')
        .map(|s| {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                    b => format!("%{b:02X}"),
                })
                .collect()
        })
        .collect();
    format!("{BASE}{}", encoded.join("/"))
}

/// An absolute http(s) URL: the schemas' format `url` (not a draft-7 format;
/// checked here rather than ignored).
fn is_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or_default();
        !host.is_empty() && !r.contains(char::is_whitespace) && !r.contains('#')
    })
}

/// A draft-7 validator per OParl type, from the vendored schemas.
struct Schemas {
    full: BTreeMap<String, jsonschema::Validator>,
    /// The same without `required`: for deleted objects, which OParl lets
    /// drop everything but `id`, `type`, `created`, `modified` and `deleted`.
    deleted: BTreeMap<String, jsonschema::Validator>,
}

impl Schemas {
    fn load() -> Schemas {
        let dir = repo().join("docs/schema/oparl-1.1");
        let (mut full, mut deleted) = (BTreeMap::new(), BTreeMap::new());
        for name in ["System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "File", "Location"] {
            let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("vendored schema");
            let schema: Value = serde_json::from_str(&text).expect("schema JSON");
            let build = |s: &Value| {
                jsonschema::draft7::options()
                    .should_validate_formats(true)
                    .with_format("url", is_url)
                    .build(s)
                    .unwrap_or_else(|e| panic!("schema {name}: {e}"))
            };
            let mut open = schema.clone();
            open.as_object_mut().expect("an object").remove("required");
            full.insert(name.to_owned(), build(&schema));
            deleted.insert(name.to_owned(), build(&open));
        }
        Schemas { full, deleted }
    }

    /// The problems of `object` (at `at`) and of every object embedded in it.
    fn check(&self, object: &Value, at: &str, problems: &mut Vec<String>) {
        let Some(kind) = object["type"].as_str().and_then(|t| t.strip_prefix(NAMESPACE)) else {
            problems.push(format!("{at}: no OParl type"));
            return;
        };
        let is_deleted = object["deleted"] == Value::Bool(true);
        let table = if is_deleted { &self.deleted } else { &self.full };
        let Some(v) = table.get(kind) else {
            problems.push(format!("{at}: type {kind} is not one the endpoint writes"));
            return;
        };
        problems.extend(v.iter_errors(object).map(|e| format!("{at} ({kind}) {}: {e}", e.instance_path())));
        if is_deleted {
            for key in ["id", "type", "created", "modified"] {
                if object.get(key).is_none() {
                    problems.push(format!("{at}: a deleted {kind} without `{key}`"));
                }
            }
        }
        for key in ["created", "modified"] {
            if object.get(key).is_none() && !matches!(kind, "System" | "Body" | "Organization") {
                problems.push(format!("{at}: {kind} without `{key}`"));
            }
        }
        if let (Some(c), Some(m)) = (object["created"].as_str(), object["modified"].as_str())
            && c > m
        {
            problems.push(format!("{at}: created {c} after modified {m}"));
        }
        for (key, value) in object.as_object().expect("an object") {
            let embedded: Vec<&Value> = match value {
                Value::Object(_) => vec![value],
                Value::Array(a) => a.iter().filter(|v| v.is_object()).collect(),
                _ => Vec::new(),
            };
            for e in embedded.into_iter().filter(|e| e.get("type").is_some()) {
                if e["deleted"] == Value::Bool(true) {
                    problems.push(format!("{at}: a deleted object embedded in `{key}`"));
                }
                self.check(e, &format!("{at} > {key}"), problems);
            }
        }
    }
}

/// Checks every file of the endpoint; the problems, and the number of objects.
fn endpoint_problems(site: &Built) -> (Vec<String>, usize) {
    let schemas = Schemas::load();
    let files = site.endpoint();
    assert!(files.contains_key("system.json"), "oparl/system.json exists");
    let mut problems = Vec::new();
    let mut objects = 0;
    for (rel, value) in &files {
        let own = url_of(rel);
        if value.get("data").is_some() {
            // A page of an external list.
            let data = value["data"].as_array().expect("`data` is a list");
            let p = &value["pagination"];
            let links = &value["links"];
            if links["self"] != Value::String(own.clone()) {
                problems.push(format!("{rel}: links.self is {} ", links["self"]));
            }
            let (page, pages) = (p["currentPage"].as_u64().unwrap_or(0), p["totalPages"].as_u64().unwrap_or(0));
            if page == 0 || page > pages {
                problems.push(format!("{rel}: page {page} of {pages}"));
            }
            if page < pages && links["next"].as_str().is_none() {
                problems.push(format!("{rel}: page {page} of {pages} without links.next"));
            }
            if data.len() as u64 > p["elementsPerPage"].as_u64().unwrap_or(0) {
                problems.push(format!("{rel}: more objects than elementsPerPage"));
            }
            for (k, o) in data.iter().enumerate() {
                if o["deleted"] == Value::Bool(true) {
                    problems.push(format!("{rel}: a deleted object in a list"));
                }
                schemas.check(o, &format!("{rel} data[{k}]"), &mut problems);
            }
        } else {
            objects += 1;
            if value["id"] != Value::String(own.clone()) {
                problems.push(format!("{rel}: id {} is not its address {own}", value["id"]));
            }
            schemas.check(value, rel, &mut problems);
        }
    }
    (problems, objects)
}

/// Follows every URL into the site from `oparl/system.json`: the endpoint's
/// files fetched, every other address of the site (pages, attachments)
/// checked to exist. The problems, and the endpoint files reached.
fn crawl(site: &Built) -> (Vec<String>, BTreeSet<String>) {
    fn urls(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) if s.starts_with(BASE) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| urls(x, out)),
            Value::Object(o) => o.values().for_each(|x| urls(x, out)),
            _ => {}
        }
    }
    let start = url_of("system.json");
    let (mut seen, mut fetched, mut problems) = (BTreeSet::new(), BTreeSet::new(), Vec::new());
    let mut queue = VecDeque::from([(start.clone(), "start".to_owned())]);
    seen.insert(start);
    while let Some((url, from)) = queue.pop_front() {
        let Some(file) = site.file_of(&url) else { continue };
        if !file.is_file() {
            problems.push(format!("{url} (named in {from}) does not exist"));
            continue;
        }
        let Some(rel) = url.strip_prefix(&format!("{BASE}oparl/")) else { continue };
        let rel = String::from_utf8(percent_decode(rel)).expect("UTF-8");
        let value: Value = serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("JSON");
        if value.get("data").is_none() && value["id"] != Value::String(url.clone()) {
            problems.push(format!("{url}: its id is {}", value["id"]));
        }
        fetched.insert(rel);
        let mut found = Vec::new();
        urls(&value, &mut found);
        for u in found {
            if seen.insert(u.clone()) {
                queue.push_back((u, url.clone()));
            }
        }
    }
    (problems, fetched)
}

/// Both checks, and that the crawl reaches every object that is not deleted.
fn conformant(site: &Built) -> BTreeMap<String, Value> {
    let (problems, objects) = endpoint_problems(site);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems[..problems.len().min(40)].join("\n"));
    let (problems, reached) = crawl(site);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems[..problems.len().min(40)].join("\n"));
    let files = site.endpoint();
    let unreached: Vec<&String> = files
        .iter()
        .filter(|(rel, v)| v["deleted"] != Value::Bool(true) && !reached.contains(*rel))
        .map(|(rel, _)| rel)
        .collect();
    assert!(unreached.is_empty(), "not reached from system.json: {unreached:?}");
    assert!(objects > 0);
    files
}

/// The objects of every file of a type, by id (each object once).
fn of_type<'a>(files: &'a BTreeMap<String, Value>, kind: &str) -> Vec<&'a Value> {
    let t = Value::String(format!("{NAMESPACE}{kind}"));
    files.values().filter(|v| v["type"] == t).collect()
}

#[test]
fn the_example_sites_endpoint_validates_and_crawls() {
    let site = Built::example();
    let files = conformant(&site);
    // Not vacuous: every type is there, with what the example holds.
    for kind in ["System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "File", "Location"] {
        assert!(!of_type(&files, kind).is_empty(), "no {kind}");
    }
    let system = &files["system.json"];
    assert_eq!(system["oparlVersion"], NAMESPACE);
    let bodies = &files["bodies.json"]["data"];
    assert_eq!(bodies[0]["id"], Value::String(url_of("body.json")));
    assert_eq!(bodies[0]["legislativeTerm"], serde_json::json!([]));
    // Files carry what a client needs to fetch and check them.
    for f in of_type(&files, "File").into_iter().filter(|f| f["deleted"] != Value::Bool(true)) {
        let copied = site.file_of(f["accessUrl"].as_str().expect("accessUrl")).expect("in the site");
        let bytes = std::fs::read(&copied).expect("the copied attachment");
        assert_eq!(f["size"], bytes.len(), "{}", f["id"]);
        assert_eq!(f["sha512Checksum"].as_str().map(str::len), Some(128));
        assert!(f["mimeType"].is_string() && f["downloadUrl"].is_string());
    }
}

#[test]
fn confidential_and_withdrawn_paragraphs_in_the_endpoint() {
    let site = Built::example();
    let files = site.endpoint();
    let items = of_type(&files, "AgendaItem");
    let confidential: Vec<&&Value> = items.iter().filter(|i| i["public"] == Value::Bool(false)).collect();
    assert!(!confidential.is_empty(), "the example has a confidential §");
    for i in &confidential {
        let allowed: BTreeSet<&str> = CONFIDENTIAL_ITEM_FIELDS.iter().copied().collect();
        assert_eq!(fields_of(i), allowed, "a confidential § gives only its number, public title and ground: {i}");
        // No Paper and no File names it.
        let id = i["id"].as_str().expect("id");
        for (rel, v) in &files {
            let embeds_it = rel.ends_with("/meeting.json") || rel.contains("/agendaitem/");
            if !embeds_it && v.get("data").is_none() {
                assert!(!v.to_string().contains(id), "oparl/{rel} refers to the confidential {id}");
            }
        }
    }
    // A withdrawn § is deleted at its id and in no list; an embedding
    // meeting leaves it out.
    let withdrawn: Vec<&&Value> = items.iter().filter(|i| i["deleted"] == Value::Bool(true)).collect();
    assert!(!withdrawn.is_empty(), "the example has a withdrawn §");
    for i in withdrawn {
        assert!(i["anslag:withdrawn"]["date"].is_string(), "{i}");
        assert!(i.get("resolutionText").is_none() && i.get("anslag:dnr").is_none(), "{i}");
        let id = &i["id"];
        for (rel, v) in files.iter().filter(|(_, v)| v.get("data").is_some()) {
            assert!(v["data"].as_array().expect("list").iter().all(|o| &o["id"] != id), "{rel} lists {id}");
        }
        let meeting = site.file_of(i["meeting"].as_str().expect("meeting")).expect("in the site");
        let meeting: Value = serde_json::from_slice(&std::fs::read(meeting).expect("read")).expect("JSON");
        assert!(meeting["agendaItem"].as_array().expect("items").iter().all(|o| &o["id"] != id));
    }
}

#[test]
fn a_generated_sites_endpoint_of_2000_paragraphs_validates_and_crawls() {
    let site = Built::generated(2000);
    let files = conformant(&site);
    let items = of_type(&files, "AgendaItem");
    assert!(items.len() >= 1900, "{} agenda items", items.len());
    // Long lists are paged.
    let first = &files["agendaitems.json"];
    assert!(first["pagination"]["totalPages"].as_u64().unwrap_or(0) > 1, "agendaitems.json is paged");
    assert_eq!(first["links"]["next"], Value::String(url_of("agendaitems-2.json")));
}

#[test]
fn every_vendored_schema_is_the_one_of_oparl_1_1_with_its_licence() {
    let dir = repo().join("docs/schema/oparl-1.1");
    let licences = std::fs::read_to_string(dir.join("LICENSES.md")).expect("LICENSES.md");
    assert!(licences.contains("CC BY-SA 4.0") && licences.contains("v1.1.1"));
    assert!(std::fs::read_to_string(dir.join("LICENSE")).expect("LICENSE").contains("Attribution-ShareAlike 4.0"));
    for name in ["System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "File", "Location"] {
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("read"))
                .expect("JSON");
        let pattern = schema["properties"]["type"]["pattern"].as_str().expect("a type pattern");
        assert!(pattern.contains("1\\.1") && pattern.contains(name), "{name}: {pattern}");
    }
    // A wrong object fails: the checks are not vacuous.
    let schemas = Schemas::load();
    let mut problems = Vec::new();
    let meeting = serde_json::json!({
        "id": url_of("meeting/ks/2026-11-09.json"),
        "type": format!("{NAMESPACE}Meeting"),
        "start": "2026-11-09",
        "created": "2026-11-09T00:00:00+01:00",
        "modified": "2026-11-09T00:00:00+01:00",
        "agendaItem": [{ "id": "not a url", "type": format!("{NAMESPACE}AgendaItem") }],
    });
    schemas.check(&meeting, "m", &mut problems);
    let text = problems.join("\n");
    assert!(text.contains("/start"), "a date as `start` passes: {text}");
    assert!(text.contains("order"), "an embedded item without `order` passes: {text}");
    assert!(text.contains("not a url"), "a bad id in an embedded object passes: {text}");
}
