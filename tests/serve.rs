//! `anslag serve` on a temp copy of a fixture site: edit a file and see the
//! page change; break it and see the problems over the last good page; fix
//! it and see them go. Also: only GET and HEAD, nothing outside the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(content: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_anslag"))
        .args(["serve", "--port", "0", "--today", "2026-11-25", "--lang", "en", "--content"])
        .arg(content)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start anslag serve");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("the address line");
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect("an address").to_owned();
    Server { child, addr }
}

/// A raw HTTP/1.1 request; returns the status and the body.
fn request(addr: &str, method: &str, path: &str) -> (u16, String) {
    let (status, _, body) = exchange(addr, method, path);
    (status, body)
}

/// A raw HTTP/1.1 request; returns the status, the head and the body.
fn exchange(addr: &str, method: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_owned(), body.to_owned())
}

/// Polls `path` until `pred` holds on its body (or 15 s pass).
fn wait_for(addr: &str, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = request(addr, "GET", path);
        if pred(&body) {
            return body;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting for {what}; last body:\n{body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

#[test]
fn edits_show_up_and_problems_are_shown_over_the_last_good_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal"), &content);
    let server = start(&content);
    let page = "/kommunstyrelsen/2026-11-09/1/";
    let (status, body) = request(&server.addr, "GET", page);
    assert_eq!(status, 200);
    assert!(body.contains("Budget 2027") && body.contains("EventSource"), "{body}");

    let file = content.join("kommunstyrelsen/2026-11-09/01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{text}\nEn ny mening PLOVERSTONE.\n")).expect("edit");
    wait_for(&server.addr, page, "the edit", |b| b.contains("PLOVERSTONE"));

    std::fs::write(&file, format!("{}\nEn ny mening PLOVERSTONE.\n", text.replace("number: 1", "numbr: 1")))
        .expect("break");
    let broken = wait_for(&server.addr, page, "the problems", |b| b.contains("anslag-problems"));
    assert!(broken.contains("PLOVERSTONE"), "the last good page stays");
    assert!(broken.contains("did you mean `number`"), "{broken}");

    std::fs::write(&file, &text).expect("fix");
    let fixed =
        wait_for(&server.addr, page, "the fix", |b| !b.contains("anslag-problems") && !b.contains("PLOVERSTONE"));
    assert!(fixed.contains("Budget 2027"));
}

#[test]
fn only_get_and_head_and_nothing_outside_the_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal"), &content);
    std::fs::write(tmp.path().join("secret.txt"), "TOPSECRET").expect("secret");

    let server = start(&content);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        assert_eq!(request(&server.addr, method, "/").0, 405, "{method}");
    }
    assert_eq!(request(&server.addr, "HEAD", "/").0, 200);
    // Links in content that point outside it are never followed (E030), so
    // never served: the rebuild fails and the last good site stays.
    std::os::unix::fs::symlink(tmp.path(), content.join("link-out")).expect("link");
    let bilagor = content.join("kommunstyrelsen/2026-11-09/bilagor");
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), bilagor.join("outside.txt")).expect("link");
    wait_for(&server.addr, "/", "the rebuild", |b| b.contains("anslag-problems") && b.contains("E030"));
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/..\\secret.txt",
        "/content/../secret.txt",
        "/kommunstyrelsen/../../secret.txt",
        "/kommunstyrelsen/%2e%2e/%2e%2e/secret.txt",
        "/%00/secret.txt",
        "/secret.txt%00.html",
        "//secret.txt",
        "/./secret.txt",
        "/%2e/secret.txt",
        "/site.yaml",
        "/kommunstyrelsen/_body.yaml",
        "/kommunstyrelsen/2026-11-09/01-budget.md",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/%2f%2e%2e%2fsecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/..%c0%afsecret.txt",
        "/%uff0e%uff0e/secret.txt",
        "/．．/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/...//secret.txt",
        "/..../secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/kommunstyrelsen/..;/..;/secret.txt",
        "/kommunstyrelsen/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/kommunstyrelsen/%252e%252e%252f%252e%252e%252fsecret.txt",
        "/kommunstyrelsen/....//....//secret.txt",
        "/%5c%2e%2e%5csecret.txt",
        "/C:/secret.txt",
        "/C:%5csecret.txt",
        "/%00",
        "/index.html%00",
        "/%0a/secret.txt",
        "/%0d%0a/secret.txt",
        "/ /secret.txt",
        "/%20../secret.txt",
        "/../",
        "/..",
        "/%2e%2e",
        "/kommunstyrelsen/2026-11-09/bilagor/../../../../secret.txt",
        "/kommunstyrelsen/2026-11-09/bilagor/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/link-out/secret.txt",
        "/link-out",
        "/kommunstyrelsen/2026-11-09/bilagor/outside.txt",
    ];
    assert!(attempts.len() >= 50, "{} variants", attempts.len());
    for path in attempts {
        let (status, body) = request(&server.addr, "GET", path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("TOPSECRET") && !body.contains("root:"), "{path} leaked");
    }
}

/// 10 000 requests at 64-way concurrency while rebuilds are triggered (a new
/// stylesheet in the theme, then an edited paragraph): no errors, no
/// response mixes two builds (the build in the header is the build written
/// into the page), and no page links to the stylesheet of another build (the
/// `?v=` of its link is the hash of the stylesheet served in its build).
#[test]
fn ten_thousand_requests_during_a_rebuild() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal"), &content);
    let theme = tmp.path().join("themes/default/static");
    std::fs::create_dir_all(&theme).expect("theme folder");
    let server = start(&content);
    let addr = server.addr.clone();
    let file = content.join("kommunstyrelsen/2026-11-09/01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let trigger = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        let css =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"));
        std::fs::write(theme.join("style.css"), css.expect("css") + "\n/* changed under load */\n").expect("css");
        std::thread::sleep(Duration::from_millis(150));
        std::fs::write(&file, format!("{text}\nÄndrad under lasten.\n")).expect("edit");
    });
    let paths = ["/", "/anslagstavla/", "/kommunstyrelsen/2026-11-09/", "/kommunstyrelsen/2026-11-09/1/", "/style.css"];
    let workers: Vec<_> = (0..64)
        .map(|w| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut problems = Vec::new();
                // (build, what the page's stylesheet link asks for / the hash of the stylesheet served)
                let (mut pages, mut styles) = (Vec::new(), Vec::new());
                for i in 0..157 {
                    let path = paths[(w + i) % paths.len()];
                    let (status, head, body) = exchange(&addr, "GET", path);
                    if status != 200 {
                        problems.push(format!("{path}: {status}"));
                        continue;
                    }
                    let build = head
                        .lines()
                        .find_map(|l| l.to_ascii_lowercase().strip_prefix("x-anslag-build: ").map(str::to_owned))
                        .unwrap_or_default()
                        .trim()
                        .to_owned();
                    if path == "/style.css" {
                        use sha2::Digest;
                        let hash = sha2::Sha256::digest(body.as_bytes());
                        let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
                        styles.push((build, hex));
                        continue;
                    }
                    if !body.contains(&format!("data-anslag-build=\"{build}\"")) {
                        problems.push(format!("{path}: header build {build} not the page's"));
                    }
                    let asks = body.split("style.css?v=").nth(1).and_then(|r| r.split('"').next());
                    pages.push((build, asks.unwrap_or("(no stylesheet link)").to_owned()));
                }
                (problems, pages, styles)
            })
        })
        .collect();
    let results: Vec<_> = workers.into_iter().map(|w| w.join().expect("worker")).collect();
    trigger.join().expect("trigger");
    let problems: Vec<&String> = results.iter().flat_map(|r| &r.0).collect();
    assert!(problems.is_empty(), "{} problems, e.g. {:?}", problems.len(), &problems[..problems.len().min(5)]);
    let pages: Vec<&(String, String)> = results.iter().flat_map(|r| &r.1).collect();
    let styles: std::collections::BTreeMap<&String, &String> =
        results.iter().flat_map(|r| &r.2).map(|(b, h)| (b, h)).collect();
    assert_eq!(pages.len() + results.iter().map(|r| r.2.len()).sum::<usize>(), 64 * 157);
    let mut checked = 0;
    for (build, asks) in &pages {
        if let Some(served) = styles.get(build) {
            assert_eq!(asks, *served, "a page of build {build} links another build's stylesheet");
            checked += 1;
        }
    }
    let builds: std::collections::BTreeSet<&String> = pages.iter().map(|p| &p.0).collect();
    let hashes: std::collections::BTreeSet<&String> = styles.values().copied().collect();
    assert!(builds.len() >= 2, "no rebuild happened during the load: builds {builds:?}");
    assert!(hashes.len() >= 2, "the new stylesheet was not served during the load: {hashes:?}");
    assert!(checked > 1000, "too few pages could be paired with their build's stylesheet: {checked}");
}

/// Ctrl-C (SIGINT) stops the server cleanly, with exit code 0.
#[test]
fn ctrl_c_stops_cleanly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal"), &content);
    let mut server = start(&content);
    assert_eq!(request(&server.addr, "GET", "/").0, 200);
    // An open page keeps its reload connection open; it must not hold the server up.
    let mut events = TcpStream::connect(&server.addr).expect("connect");
    write!(events, "GET /__anslag/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    std::thread::sleep(Duration::from_millis(200));
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().expect("kill");
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the server did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

/// A raw GET; returns the status and the body's bytes.
fn get_bytes(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    let head = String::from_utf8_lossy(&raw[..end]);
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, raw[end..].to_vec())
}

/// The page without what serve adds (the preview badge and reload script,
/// and on the search page a note while the search index is being rebuilt).
fn without_preview(body: &[u8]) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(body).into_owned();
    if let Some(start) = text.find("\n<p class=\"anslag-preview\" role=\"status\"") {
        let end = text[start..].find("</p>").expect("the note's end") + start + "</p>".len();
        text.replace_range(start..end, "");
    }
    let start = text.find("<p class=\"anslag-preview\"").expect("the preview badge");
    let end = text[start..].find("</script>\n").expect("the reload script") + start + "</script>\n".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// Every file `anslag build` writes is served with the same bytes (pages
/// apart from the preview's badge and script), also after an edit.
#[test]
fn serves_what_build_writes_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = tmp.path().join("content");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
    let server = start(&content);
    let compare = |round: &str| {
        let out = tmp.path().join(format!("out-{round}"));
        let built = Command::new(env!("CARGO_BIN_EXE_anslag"))
            .args(["build", "--today", "2026-11-25", "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&out)
            .output()
            .expect("build");
        assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
        let mut files = 0;
        for e in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let rel = e.path().strip_prefix(&out).expect("inside").to_string_lossy().replace('\\', "/");
            if rel == ".anslag-output" {
                continue;
            }
            let url = format!(
                "/{}",
                rel.split('/')
                    .map(|s| s.replace('%', "%25").replace(' ', "%20").replace('#', "%23").replace('?', "%3F"))
                    .collect::<Vec<_>>()
                    .join("/")
            );
            let (status, body) = get_bytes(&server.addr, &url);
            let expected = std::fs::read(e.path()).expect("read");
            let served = if rel.ends_with(".html") { without_preview(&body) } else { body };
            assert_eq!(status, 200, "{round}: {url}");
            assert!(served == expected, "{round}: {url} is not what build wrote");
            files += 1;
        }
        assert!(files > 100, "{round}: only {files} files");
    };
    compare("first");
    let file = content.join("kommunstyrelsen/2025-06-16/102-markanvisning-larkan.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{text}\nTillägg PLOVERSTONE.\n")).expect("edit");
    let page = "/kommunstyrelsen/2025-06-16/102/";
    wait_for(&server.addr, page, "the edit", |b| b.contains("PLOVERSTONE"));
    // The search index is made again in the background (the search page
    // says so meanwhile, and the earlier index answers): wait for it.
    let stale = |b: &str| b.contains("<p class=\"anslag-preview\" role=\"status\"");
    wait_for(&server.addr, "/sok/", "the new search index", |b| !stale(b));
    compare("after-edit");
}
