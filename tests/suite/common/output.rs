//! Helpers for the tests of `anslag build`: run a build, read a built tree
//! (its files' bytes, or a digest of the whole tree) and check its pages
//! with an HTML parser (structure, accessibility basics, links).

use super::{Change, Entry, TODAY, anslag, changes, fingerprint, percent_decode};
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The outcome of one `anslag build`.
#[derive(Debug)]
pub struct Built {
    pub code: i32,
    pub stderr: String,
}

/// `anslag --lang en build --color never --today 2026-11-25 --content CONTENT --output OUTPUT`
/// plus `args`, with the extra environment `env`, run in the folder that
/// holds CONTENT (so a relative default never points into the repository).
pub fn build(content: &Path, output: &Path, args: &[&str], env: &[(&str, &str)]) -> Built {
    build_on(TODAY, content, output, args, env)
}

/// [`build`] with another build date.
pub fn build_on(today: &str, content: &Path, output: &Path, args: &[&str], env: &[(&str, &str)]) -> Built {
    let mut cmd = anslag();
    cmd.args(["--lang", "en", "build", "--color", "never", "--today", today]);
    cmd.arg("--content").arg(content).arg("--output").arg(output).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let dir = content.parent().expect("the content folder has a parent");
    let out = cmd.current_dir(dir).output().expect("run anslag build");
    let code = out.status.code().expect("anslag exited with a code, not a signal");
    Built { code, stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

/// [`build`] that must succeed.
pub fn build_ok(content: &Path, output: &Path, args: &[&str]) {
    let b = build(content, output, args, &[]);
    assert_eq!(b.code, 0, "anslag build failed:\n{}", b.stderr);
}

/// One path of a tree, as the digest sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Dir,
    File { len: u64, hash: u64 },
    Link(PathBuf),
    Other,
}

/// Every path under `root` (relative, with `/`) and what it holds: its
/// [`fingerprint`] without the modification times. Links are not followed; a
/// missing root is an empty tree.
pub fn digest(root: &Path) -> BTreeMap<String, Node> {
    if root.symlink_metadata().is_err() {
        return BTreeMap::new();
    }
    let node = |entry| match entry {
        Entry::Dir { .. } => Node::Dir,
        Entry::File { len, hash, .. } => Node::File { len, hash },
        Entry::Link(target) => Node::Link(target),
        Entry::Other { .. } => Node::Other,
    };
    fingerprint(root).into_iter().map(|(rel, entry)| (slashed(&rel), node(entry))).collect()
}

/// Every regular file under `root` with its bytes.
pub fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    regular_files(root).map(|(rel, path)| (rel, std::fs::read(path).expect("read file"))).collect()
}

/// The path (relative, with `/`) of every regular file under `root`, in
/// walking order.
pub fn file_paths(root: &Path) -> Vec<String> {
    regular_files(root).map(|(rel, _)| rel).collect()
}

/// The regular files under `root`: their relative path and their path. Links
/// are not followed.
fn regular_files(root: &Path) -> impl Iterator<Item = (String, PathBuf)> + '_ {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("walk the tree"))
        .filter(|entry| entry.file_type().is_file())
        .map(move |entry| (rel_path(root, entry.path()), entry.into_path()))
}

fn rel_path(root: &Path, path: &Path) -> String {
    slashed(path.strip_prefix(root).expect("inside the root"))
}

/// A relative path with `/` between its parts.
fn slashed(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// How two trees differ, one line per path (at most `limit` lines).
pub fn diff<T: PartialEq>(a: &BTreeMap<String, T>, b: &BTreeMap<String, T>, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = changes(a, b)
        .into_iter()
        .map(|(path, change)| match change {
            Change::Removed => format!("only in the first: {path}"),
            Change::Changed(..) => format!("differs: {path}"),
            Change::Created => format!("only in the second: {path}"),
        })
        .collect();
    let n = out.len();
    if n > limit {
        out.truncate(limit);
        out.push(format!("… and {} more", n - limit));
    }
    out
}

/// The names in `dir` that start with `prefix` (e.g. staging folders).
pub fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// Every page (`.html` file) of a built site: its path and text.
pub fn pages(root: &Path) -> Vec<(String, String)> {
    files(root)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            let text = String::from_utf8(b).unwrap_or_else(|_| panic!("{p} is not UTF-8"));
            (p, text)
        })
        .collect()
}

/// The site address of a page file (`a/b/index.html` → `a/b/`).
pub fn url_of(file: &str) -> String {
    file.strip_suffix("index.html").unwrap_or(file).to_owned()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The structure rules every page must follow (WCAG basics a parser can
/// see). Returns one line per problem.
pub fn structure_problems(html: &str, lang: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let mut bad = |s: String| problems.push(s);

    // html[lang]
    match doc.select(&sel("html")).next().and_then(|h| h.value().attr("lang")) {
        Some(l) if l == lang => {}
        other => bad(format!("html lang is {other:?}, want {lang:?}")),
    }

    // Exactly one main and one h1.
    let mains = doc.select(&sel("main")).count();
    if mains != 1 {
        bad(format!("{mains} main elements"));
    }
    let h1s = doc.select(&sel("h1")).count();
    if h1s != 1 {
        bad(format!("{h1s} h1 elements"));
    }

    // Headings: the first is h1; going down, never more than one level at a time.
    let mut previous: Option<(u8, String)> = None;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level = h.value().name().as_bytes()[1] - b'0';
        let text = text_of(h);
        match &previous {
            None if level != 1 => bad(format!("the first heading is h{level} ({text:?}), not h1")),
            Some((p, ptext)) if level > p + 1 => {
                bad(format!("heading jumps from h{p} ({ptext:?}) to h{level} ({text:?})"))
            }
            _ => {}
        }
        if text.is_empty() {
            bad(format!("an empty h{level}"));
        }
        previous = Some((level, text));
    }

    // Tables: header cells, with scope in thead, with text, for every column.
    for (i, table) in doc.select(&sel("table")).enumerate() {
        let ths: Vec<ElementRef<'_>> = table.select(&sel("th")).collect();
        if ths.is_empty() {
            bad(format!("table {} has no th", i + 1));
        }
        for th in &ths {
            if text_of(*th).is_empty() {
                bad(format!("table {}: a th without text (a screen reader announces nothing)", i + 1));
            }
        }
        for th in table.select(&sel("thead th")) {
            match th.value().attr("scope") {
                Some("col" | "colgroup" | "row" | "rowgroup") => {}
                other => bad(format!("table {}: thead th {:?} has scope {other:?}", i + 1, text_of(th))),
            }
        }
        let span = |c: ElementRef<'_>| c.value().attr("colspan").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1);
        let headed: usize = table.select(&sel("thead tr")).next().map_or(0, |r| r.select(&sel("th")).map(span).sum());
        let widest = table
            .select(&sel("tbody tr"))
            .map(|r| r.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() != "script").map(span).sum())
            .max()
            .unwrap_or(0);
        if table.select(&sel("thead")).next().is_some() && headed < widest {
            bad(format!("table {}: {headed} column headers for {widest} columns", i + 1));
        }
    }

    // The skip link is the first focusable element and leads to main.
    let focusable = sel("a[href], area[href], button, input, select, textarea, iframe, summary, audio[controls], \
         video[controls], [tabindex], [contenteditable]");
    let first = doc.select(&focusable).find(|e| {
        let v = e.value();
        v.attr("tabindex").is_none_or(|t| t.trim() != "-1")
            && v.attr("disabled").is_none()
            && !(v.name() == "input" && v.attr("type") == Some("hidden"))
    });
    match first {
        Some(e) if e.value().name() == "a" && e.value().attr("href") == Some("#main") => {}
        Some(e) => bad(format!("the first focusable element is not the skip link to #main: {}", e.html())),
        None => bad("no focusable element at all, so no skip link".to_owned()),
    }
    if doc.select(&sel("main#main")).count() != 1 {
        bad("the skip link's target #main is not the main element".to_owned());
    }

    // Unique ids.
    let mut seen = BTreeSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().attr("id").unwrap_or_default();
        if !seen.insert(id.to_owned()) {
            bad(format!("duplicate id {id:?}"));
        }
    }

    // Images have alt.
    for img in doc.select(&sel("img")) {
        if img.value().attr("alt").is_none() {
            bad(format!("img without alt: {}", img.html()));
        }
    }
    problems
}

/// Every link, source and stylesheet address of a page: `(element, attribute value)`.
pub fn addresses(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for (s, attr) in [
        ("a[href]", "href"),
        ("area[href]", "href"),
        ("link[href]", "href"),
        ("img[src]", "src"),
        ("script[src]", "src"),
        ("source[src]", "src"),
        ("iframe[src]", "src"),
        ("form[action]", "action"),
    ] {
        for e in doc.select(&sel(s)) {
            let what = match e.value().attr("rel") {
                Some(rel) => format!("{}[rel={rel}]", e.value().name()),
                None => e.value().name().to_owned(),
            };
            out.push((what, e.value().attr(attr).unwrap_or_default().to_owned()));
        }
    }
    out
}

/// Whether an address leaves the site (a scheme such as `https:` or `mailto:`).
pub fn is_external(href: &str) -> bool {
    let scheme_end = href.find(':');
    let first_special = href.find(['/', '?', '#']);
    match (scheme_end, first_special) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => href.starts_with("//"),
    }
}

/// Checks that every internal address of every page resolves to a file of
/// the site (a folder to its `index.html`) and every `#fragment` to an id in
/// that page. Relative addresses are resolved from the page's folder;
/// addresses from the root (`/…`) are allowed only on `404.html` (served at
/// any depth) and must start with `root_path` (the path of `base_url`).
pub fn link_problems(root: &Path, root_path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids.entry(file.to_owned())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
                let doc = Html::parse_document(&text);
                doc.select(&sel("[id]")).filter_map(|e| e.value().attr("id").map(str::to_owned)).collect()
            })
            .clone()
    };
    for (page, html) in pages(root) {
        let dir = match page.rfind('/') {
            Some(i) => &page[..=i],
            None => "",
        };
        for (what, href) in addresses(&html) {
            if is_external(&href) {
                continue;
            }
            let (rest, fragment) = match href.split_once('#') {
                Some((r, f)) => (r, Some(f)),
                None => (href.as_str(), None),
            };
            let rest = rest.split('?').next().unwrap_or_default();
            let joined = if let Some(abs) = rest.strip_prefix('/') {
                if page != "404.html" {
                    problems.push(format!("{page}: {what} {href:?} is not relative"));
                    continue;
                }
                match format!("/{abs}").strip_prefix(root_path) {
                    Some(r) => r.to_owned(),
                    None => {
                        problems.push(format!("{page}: {what} {href:?} is outside the site's path {root_path}"));
                        continue;
                    }
                }
            } else if rest.is_empty() {
                page.clone()
            } else {
                format!("{dir}{rest}")
            };
            let mut parts: Vec<String> = Vec::new();
            let mut escaped = false;
            let decoded = String::from_utf8_lossy(&percent_decode(&joined)).into_owned();
            for seg in decoded.split('/') {
                match seg {
                    "." | "" => {}
                    ".." => escaped |= parts.pop().is_none(),
                    s => parts.push(s.to_owned()),
                }
            }
            if escaped {
                problems.push(format!("{page}: {what} {href:?} leads above the site's root"));
                continue;
            }
            let mut target = parts.join("/");
            let is_dir = target.is_empty() || joined.ends_with('/') || root.join(&target).is_dir();
            if is_dir {
                target = if target.is_empty() { "index.html".to_owned() } else { format!("{target}/index.html") };
            }
            if !root.join(&target).is_file() {
                problems.push(format!("{page}: {what} {href:?} → {target} does not exist (404)"));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let f = String::from_utf8_lossy(&percent_decode(f)).into_owned();
                if !target.ends_with(".html") || !ids_of(&target).contains(&f) {
                    problems.push(format!("{page}: {what} {href:?}: no id {f:?} in {target}"));
                }
            }
        }
    }
    problems
}

/// The path of a site's root on its server, from its base URL
/// (`https://x.se/protokoll` → `/protokoll/`).
pub fn root_path(base_url: &str) -> String {
    let after = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after.find('/').map_or("/", |i| &after[i..]);
    if path.ends_with('/') { path.to_owned() } else { format!("{path}/") }
}
