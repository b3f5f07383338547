//! `anslag serve` on a temp copy of a fixture site: edit a file and see the
//! page change; break it and see the problems over the last good page; fix
//! it and see them go. Also: only GET and HEAD, nothing outside the site,
//! nothing for another host name, idle connections closed, no confidential
//! text in the overlay.

use crate::common::output::files;
use crate::common::{Site, TODAY, command, hex, repo, wait_until};
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

/// The reload stream of the server at `addr`, its status line read (200).
fn open_events(addr: &str) -> BufReader<TcpStream> {
    let mut events = TcpStream::connect(addr).expect("connect");
    write!(events, "GET /__anslag/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut events = BufReader::new(events);
    let mut status = String::new();
    events.read_line(&mut status).expect("the events' status line");
    assert!(status.contains(" 200 "), "{status}");
    events
}

fn start(content: &Path) -> Server {
    start_with(content, "en", Stdio::null())
}

/// `anslag serve` in `lang`, its terminal output (stderr) going to `stderr`.
fn start_with(content: &Path, lang: &str, stderr: Stdio) -> Server {
    // In the content's parent folder: what serve finds by default (the
    // publishing record in `output/`) is the test's, never the checkout's.
    let mut child = command()
        .args(["serve", "--port", "0", "--today", TODAY, "--lang", lang, "--content"])
        .arg(content)
        .current_dir(content.parent().expect("the content's parent"))
        .stdout(Stdio::piped())
        .stderr(stderr)
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
    raw_exchange(addr, &closing(addr, method, path))
}

/// `method path` for `addr`, asking the server to close the connection after its answer.
fn closing(addr: &str, method: &str, path: &str) -> String {
    format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
}

/// Sends `raw` as it is; returns what comes back until the server closes
/// the connection (or 30 s pass without a byte).
fn send(addr: &str, raw: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    s.write_all(raw.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    bytes
}

/// Polls `path` until `pred` holds on its body (or 15 s pass).
fn wait_for(addr: &str, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let polled = wait_until(Duration::from_secs(15), Duration::from_millis(100), || {
        let (_, body) = request(addr, "GET", path);
        if pred(&body) { Ok(body) } else { Err(body) }
    });
    polled.unwrap_or_else(|body| panic!("timed out waiting for {what}; last body:\n{body}"))
}

#[test]
fn edits_show_up_and_problems_are_shown_over_the_last_good_page() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
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
    let site = Site::fixture("good/minimal");
    let content = site.content();
    std::fs::write(site.root().join("secret.txt"), "TOPSECRET").expect("secret");

    let server = start(&content);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        assert_eq!(request(&server.addr, method, "/").0, 405, "{method}");
    }
    assert_eq!(request(&server.addr, "HEAD", "/").0, 200);
    // Links in content that point outside it are never followed (E030), so
    // never served: the rebuild fails and the last good site stays.
    std::os::unix::fs::symlink(site.root(), content.join("link-out")).expect("link");
    let bilagor = content.join("kommunstyrelsen/2026-11-09/bilagor");
    std::os::unix::fs::symlink(site.root().join("secret.txt"), bilagor.join("outside.txt")).expect("link");
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
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let theme = site.root().join("themes/default/static");
    std::fs::create_dir_all(&theme).expect("theme folder");
    let server = start(&content);
    let addr = server.addr.clone();
    let file = content.join("kommunstyrelsen/2026-11-09/01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    // The changes are made on events, not after a time: the first once the
    // workers have had 500 answers, the second once the server serves the
    // first (its new stylesheet), so both rebuilds happen under load on any
    // machine, however slow.
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = answered.clone();
    let trigger_addr = addr.clone();
    let trigger = std::thread::spawn(move || {
        let start = Instant::now();
        while seen.load(std::sync::atomic::Ordering::Relaxed) < 500 {
            assert!(start.elapsed() < Duration::from_secs(60), "the workers got no answers");
            std::thread::yield_now();
        }
        let css = std::fs::read_to_string(repo().join("themes/default/static/style.css"));
        std::fs::write(theme.join("style.css"), css.expect("css") + "\n/* changed under load */\n").expect("css");
        wait_for(&trigger_addr, "/style.css", "the new stylesheet", |css| css.contains("changed under load"));
        std::fs::write(&file, format!("{text}\nÄndrad under lasten.\n")).expect("edit");
    });
    let paths = ["/", "/anslagstavla/", "/kommunstyrelsen/2026-11-09/", "/kommunstyrelsen/2026-11-09/1/", "/style.css"];
    let workers: Vec<_> = (0..64)
        .map(|w| {
            let addr = addr.clone();
            let answered = answered.clone();
            std::thread::spawn(move || {
                let mut problems = Vec::new();
                // (build, what the page's stylesheet link asks for / the hash of the stylesheet served)
                let (mut pages, mut styles) = (Vec::new(), Vec::new());
                for i in 0..157 {
                    let path = paths[(w + i) % paths.len()];
                    let (status, head, body) = exchange(&addr, "GET", path);
                    answered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
                        styles.push((build, hex(&hash[..6])));
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
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let mut server = start(&content);
    assert_eq!(request(&server.addr, "GET", "/").0, 200);
    // An open page keeps its reload connection open; it must not hold the server up.
    let mut events = TcpStream::connect(&server.addr).expect("connect");
    write!(events, "GET /__anslag/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).expect("send");
    // Open once the server has answered it (the stream's head arrives at once).
    events.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let head = read_response(&mut events);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().expect("kill");
    assert!(sent.success());
    let stopped = wait_until(Duration::from_secs(10), Duration::from_millis(50), || {
        server.child.try_wait().expect("wait").ok_or(())
    });
    let status = stopped.unwrap_or_else(|()| panic!("the server did not stop on SIGINT"));
    assert!(status.success(), "{status:?}");
}

/// A raw GET; returns the status and the body's bytes.
fn get_bytes(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let raw = send(addr, &closing(addr, "GET", path));
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
    let site = Site::example();
    let content = site.content();
    let server = start(&content);
    let compare = |round: &str| {
        let out = site.root().join(format!("out-{round}"));
        let built = command()
            .args(["build", "--today", TODAY, "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&out)
            .output()
            .expect("build");
        assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
        let mut served_files = 0;
        for (rel, expected) in files(&out) {
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
            let served = if rel.ends_with(".html") { without_preview(&body) } else { body };
            assert_eq!(status, 200, "{round}: {url}");
            assert!(served == expected, "{round}: {url} is not what build wrote");
            served_files += 1;
        }
        assert!(served_files > 100, "{round}: only {served_files} files");
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

/// Sends `raw` as it is; returns the status, the head and the body (read
/// until the server closes the connection).
fn raw_exchange(addr: &str, raw: &str) -> (u16, String, String) {
    let text = String::from_utf8_lossy(&send(addr, raw)).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_owned(), body.to_owned())
}

/// DNS rebinding: a page of another site whose name resolves to 127.0.0.1
/// sends its own name as `Host`. Only localhost, 127.0.0.1 and [::1] (and
/// the `--bind` address) are answered; anything else gets 421 and a short
/// text, nothing of the site, not the reload events either.
#[test]
fn only_requests_for_our_own_names_are_answered() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let server = start(&content);
    let port = server.addr.rsplit(':').next().expect("a port").to_owned();
    let page = "/kommunstyrelsen/2026-11-09/1/";
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}"), "LOCALHOST".into()]
    {
        let (status, _, body) =
            raw_exchange(&server.addr, &format!("GET {page} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("Budget 2027"), "{host}: {body}");
    }
    let refused = [
        format!("GET {page} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        format!("GET {page} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
        format!("GET {page} HTTP/1.1\r\nHost: localhost.evil.example:{port}\r\nConnection: close\r\n\r\n"),
        format!("GET {page} HTTP/1.1\r\nHost: 127.0.0.1.nip.io:{port}\r\nConnection: close\r\n\r\n"),
        format!("HEAD {page} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        format!("POST {page} HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        format!("GET /__anslag/events HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
        // Another name in an absolute request address, or two names.
        format!("GET http://evil.example{page} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        format!("GET {page} HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        // No name at all.
        format!("GET {page} HTTP/1.0\r\n\r\n"),
        format!("GET {page} HTTP/1.1\r\nConnection: close\r\n\r\n"),
    ];
    for raw in &refused {
        let (status, head, body) = raw_exchange(&server.addr, raw);
        let first = raw.lines().next().unwrap_or_default();
        assert_eq!(status, 421, "{first}: {head}");
        assert!(!head.to_ascii_lowercase().contains("event-stream"), "{first}: {head}");
        assert!(!head.to_ascii_lowercase().contains("x-anslag-build"), "{first}: {head}");
        for site in ["Budget", "<html", "EventSource", "kommunstyrelsen", "anslag-problems"] {
            assert!(!body.contains(site), "{first}: {site} in {body}");
        }
        if !raw.starts_with("HEAD") {
            assert!(body.contains("localhost") && body.len() < 300, "{first}: a short text, got {body:?}");
        }
    }
}

/// Reads from `s` until the server closes it; how long that took (`None`:
/// still open after `limit`).
fn closed_within(mut s: TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    s.set_read_timeout(Some(limit)).expect("timeout");
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(start.elapsed()),
            Err(_) => return None,
        }
        if start.elapsed() > limit {
            return None;
        }
    }
}

/// Reads one response with a `Content-Length` from a kept-alive connection.
fn read_response(s: &mut TcpStream) -> String {
    let mut reader = BufReader::new(s.try_clone().expect("clone"));
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a head line");
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().expect("a length");
        }
        head.push_str(&line);
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the body");
    assert!(reader.buffer().is_empty(), "nothing after the response");
    head + &String::from_utf8_lossy(&body)
}

/// The server's idle time (`anslag::serve::IDLE`, 5 s).
const IDLE: Duration = Duration::from_secs(5);

/// A connection that sends nothing, one kept alive after a response, and
/// one that trickles its request head a byte a second are all closed after
/// the idle time; a page's reload stream, open all the while, still brings
/// the next rebuild.
#[test]
fn idle_connections_are_closed_but_the_reload_stream_stays() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let server = start(&content);
    let addr = server.addr.clone();
    let mut events = open_events(&addr);

    let limit = IDLE * 2;
    let silent = TcpStream::connect(&addr).expect("connect");
    let silent = std::thread::spawn(move || closed_within(silent, limit));
    let mut kept = TcpStream::connect(&addr).expect("connect");
    write!(kept, "GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
    let first = read_response(&mut kept);
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");
    let kept = std::thread::spawn(move || closed_within(kept, limit));
    let slow_addr = addr.clone();
    let slow = std::thread::spawn(move || {
        let mut s = TcpStream::connect(&slow_addr).expect("connect");
        let start = Instant::now();
        let head = format!("GET / HTTP/1.1\r\nHost: {slow_addr}\r\nX-Slow: {}\r\n\r\n", "a".repeat(30));
        for b in head.bytes() {
            if s.write_all(&[b]).is_err() || start.elapsed() > limit {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        let rest = limit.saturating_sub(start.elapsed()).max(Duration::from_millis(100));
        closed_within(s, rest).map(|_| start.elapsed())
    });
    for (what, t) in [("silent", silent), ("kept alive", kept), ("slow", slow)] {
        let took = t.join().expect("thread");
        let took = took.unwrap_or_else(|| panic!("the {what} connection was still open after {limit:?}"));
        assert!(took >= IDLE - Duration::from_millis(500), "the {what} connection was closed early: {took:?}");
    }

    // The reload stream outlived them all.
    let file = content.join("kommunstyrelsen/2026-11-09/01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{text}\nEn ny mening.\n")).expect("edit");
    events.get_ref().set_read_timeout(Some(Duration::from_secs(15))).expect("timeout");
    let mut line = String::new();
    while !line.starts_with("data:") {
        line.clear();
        let n = events.read_line(&mut line).expect("the reload event (the stream was closed or timed out)");
        assert!(n > 0, "the reload stream was closed");
    }
}

/// A content error inside a confidential paragraph's private field: the
/// terminal shows the line (the clerk may read it), the overlay on every
/// page only the code, the place and the message without the value; its
/// heading and note are in the language of `--lang`.
#[test]
fn the_overlay_never_shows_a_confidential_paragraphs_private_text() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let log = site.root().join("stderr.txt");
    let server = start_with(&content, "sv", Stdio::from(std::fs::File::create(&log).expect("log")));
    let page = "/kommunstyrelsen/2026-11-09/1/";
    assert_eq!(request(&server.addr, "GET", page).0, 200);
    let secret = "---
number: 3
title: Bistånd till Ploversecret Ek
confidential: 26 kap. 1 § OSL
public_title: Individärende
documents:
  - title: Utredning om Ploversecret Ek
    date: 2026-13-45
    file: bilagor/utredning-ploversecret.pdf
---
Hemlig text om Ploversecret.
";
    std::fs::write(content.join("kommunstyrelsen/2026-11-09/03-individ.md"), secret).expect("write");
    let body = wait_for(&server.addr, page, "the problems", |b| b.contains("anslag-problems"));
    let overlay = &body[body.find("<section id=\"anslag-problems\"").expect("the overlay")..];
    assert!(overlay.contains("03-individ.md:8:11"), "the place is shown:\n{overlay}");
    assert!(overlay.contains("E011"), "the code is shown:\n{overlay}");
    assert!(overlay.contains("sekretessbelagd paragraf"), "the note, in Swedish:\n{overlay}");
    assert!(overlay.contains("anslag: fel"), "the heading, in Swedish:\n{overlay}");
    assert!(!overlay.contains("anslag: errors"), "{overlay}");
    for private in ["ploversecret", "2026-13-45", "Utredning", "Hemlig", "Bistånd"] {
        assert!(!overlay.to_lowercase().contains(&private.to_lowercase()), "{private} in the overlay:\n{overlay}");
    }
    // The same problem in the terminal, with its line: the overlay really left it out.
    let terminal = wait_until(Duration::from_secs(15), Duration::from_millis(50), || {
        let t = std::fs::read_to_string(&log).expect("log");
        if t.contains("03-individ.md:8:11") { Ok(t) } else { Err(t) }
    })
    .unwrap_or_else(|t| t);
    assert!(terminal.contains("Ploversecret") && terminal.contains("2026-13-45"), "{terminal}");
}

/// An attachment whose name holds `%` (and one with a decomposed `ä`, as
/// macOS writes names) is served at the address its link gives.
#[test]
fn file_names_with_percent_and_decomposed_letters_are_served() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let meeting = content.join("kommunstyrelsen/2026-11-09");
    let names = ["Rapport 50%.pdf", "Bila\u{308}ga 100%25.pdf"];
    for (i, name) in names.iter().enumerate() {
        std::fs::write(meeting.join("bilagor").join(name), format!("%PDF-1.4 attachment {i}\n")).expect("write");
    }
    let file = meeting.join("01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let more = names.iter().map(|n| format!("  - title: {n}\n    file: bilagor/{n}\n")).collect::<String>();
    std::fs::write(&file, text.replacen("---\n## ", &format!("{more}---\n## "), 1)).expect("edit");
    let server = start(&content);
    let (status, page) = request(&server.addr, "GET", "/kommunstyrelsen/2026-11-09/1/");
    assert_eq!(status, 200, "{page}");
    for (i, encoded) in ["Rapport%2050%25.pdf", "Bila%CC%88ga%20100%2525.pdf"].iter().enumerate() {
        assert!(page.contains(encoded), "the page links {encoded}:\n{page}");
        let (status, body) = get_bytes(&server.addr, &format!("/kommunstyrelsen/2026-11-09/bilagor/{encoded}"));
        assert_eq!(status, 200, "{encoded}");
        assert_eq!(body, format!("%PDF-1.4 attachment {i}\n").into_bytes(), "{encoded}");
    }
    // Encoded twice, a traversal is still refused.
    assert_eq!(request(&server.addr, "GET", "/kommunstyrelsen/%252e%252e/%252e%252e/site.yaml").0, 400);
}

/// Issue 16, finding 10: the whole protocol and its PDF are served for a
/// meeting whose text nests right up to the limits; an edit that nests far
/// past them (5 000 `>`, which used to overflow the stack and end the
/// preview when the whole protocol was asked for, and 100 000 `<div>`s)
/// shows E049 over the last good page, and the server goes on answering.
#[test]
fn deep_nesting_never_takes_the_preview_down() {
    let site = Site::fixture("good/minimal");
    let content = site.content();
    let file = content.join("kommunstyrelsen/2026-11-09/02-bidrag.md");
    let text = std::fs::read_to_string(&file).expect("read");
    let at_the_limit = format!(
        "{text}\n{}DJUPASTCITAT\n\nUr ansökan: {}DJUPASTHTML{}\n",
        "> ".repeat(16) + &"- ".repeat(16),
        "<span>".repeat(32),
        "</span>".repeat(32)
    );
    std::fs::write(&file, &at_the_limit).expect("write");
    let server = start(&content);
    let page = "/kommunstyrelsen/2026-11-09/protokoll/";
    let (status, body) = request(&server.addr, "GET", page);
    assert_eq!(status, 200);
    assert!(body.contains("DJUPASTCITAT") && body.contains("DJUPASTHTML"), "{body}");
    let (status, pdf) = get_bytes(&server.addr, "/kommunstyrelsen/2026-11-09/protokoll.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));

    let too_deep = format!(
        "{at_the_limit}\n{}x\n\n{}y{}\n",
        "> ".repeat(5_000),
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&file, too_deep).expect("break");
    let broken = wait_for(&server.addr, page, "the problems", |b| b.contains("anslag-problems") && b.contains("E049"));
    assert!(broken.contains("DJUPASTCITAT"), "the last good page stays");
    assert_eq!(request(&server.addr, "GET", "/").0, 200, "the server still answers");
    assert_eq!(get_bytes(&server.addr, "/kommunstyrelsen/2026-11-09/protokoll.pdf").0, 200);

    std::fs::write(&file, &text).expect("fix");
    wait_for(&server.addr, page, "the fix", |b| !b.contains("anslag-problems") && !b.contains("DJUPASTCITAT"));
}

/// Issue 18: `serve` started on content with an error has no good build to
/// show: every address is a page with the problems (file:line:col, in the
/// language of `--lang`, headings included), and the page's reload stream
/// brings the fixed site. Synchronised by the reload event, not by time.
#[test]
fn started_on_broken_content_every_page_shows_the_problems_and_reloads_when_fixed() {
    let site = Site::fixture("bad/yaml-missing-space");
    let content = site.content();
    let server = start_with(&content, "sv", Stdio::null());
    let page = "/kommunstyrelsen/2026-11-09/1/";
    for path in ["/", page, "/anslagstavla/", "/nosuch/"] {
        let (status, body) = request(&server.addr, "GET", path);
        assert_eq!(status, 503, "{path}: {body}");
        for w in [
            "<html lang=\"sv\"",
            "Webbplatsen kan inte visas än",
            "anslag: fel – webbplatsen kan inte visas förrän de är rättade",
            "kommunstyrelsen/2026-11-09/01-budget.md:4:4",
            "efter kolonet i `dnr:` behövs ett mellanslag",
            "EventSource",
        ] {
            assert!(body.contains(w), "{path}: no {w:?} in\n{body}");
        }
        for english in ["errors", "the last good", "preview, build", "malformed", "help:"] {
            assert!(!body.contains(english), "{path}: English {english:?} in\n{body}");
        }
    }

    let addr = server.addr.clone();
    let mut events = open_events(&addr);

    let file = content.join("kommunstyrelsen/2026-11-09/01-budget.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("dnr:KS/2026:12", "dnr: KS/2026:12")).expect("fix");
    events.get_ref().set_read_timeout(Some(Duration::from_secs(15))).expect("timeout");
    // A save may come as more than one change (emptied, then written): each
    // rebuild sends an event; the page is good after one of them.
    let (status, body) = loop {
        let mut line = String::new();
        while !line.starts_with("data:") {
            line.clear();
            let n = events.read_line(&mut line).expect("the reload event (the stream was closed or timed out)");
            assert!(n > 0, "the reload stream was closed");
        }
        let (status, body) = request(&server.addr, "GET", page);
        if status != 503 {
            break (status, body);
        }
    };
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Budget 2027") && !body.contains("anslag-problems"), "{body}");
    assert!(body.contains("EventSource"), "the fixed page reloads on the next edit too");
}
