//! `anslag serve`: the clerk's live preview. A thin front end over the same
//! load → validate → render as `build`, rendered into memory
//! ([`site::rebuild`]), served over HTTP on 127.0.0.1 by axum, rebuilt when
//! `content/` or the theme changes (notify; `--poll` for network shares and
//! WSL), with open pages reloaded by a small script (server-sent events).
//! When an edit breaks the content, the last good site stays and every page
//! shows the problems (never the text of a confidential paragraph:
//! [`overlay`]). Only requests for this server's own names are answered
//! ([`http::host_allowed`]), and idle connections are closed ([`IDLE`]).
//! Nothing is ever written to disk.

pub mod http;
pub mod overlay;
pub mod site;

use crate::i18n::Catalog;
use crate::model::Date;
use axum::response::IntoResponse;
use site::{Changes, Session, Snapshot};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub today: Date,
    pub poll: bool,
    /// The publishing record to show (read-only; never written).
    pub journal: PathBuf,
}

#[derive(Clone)]
struct State {
    site: Arc<RwLock<Snapshot>>,
    reload: tokio::sync::broadcast::Sender<u64>,
    texts: Arc<http::Texts>,
    /// The address given with `--bind` (a name requests may use).
    bind: std::net::IpAddr,
}

/// The preview could not run or stopped on an error (already reported).
#[derive(Debug)]
pub struct Failed;

/// Runs the preview until Ctrl-C.
pub fn run(opts: &Options, catalog: &Catalog) -> Result<(), Failed> {
    let mut session = Session::new(&opts.content, opts.today).with_journal(&opts.journal);
    let first = session.rebuild(&Snapshot::default(), &Changes::All, catalog);
    print_problems(&first);
    let (reload, _) = tokio::sync::broadcast::channel(16);
    let texts = Arc::new(http::Texts::new(catalog));
    let state = State { site: Arc::new(RwLock::new(first)), reload, texts, bind: opts.bind };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", catalog.get("error-serve", &[("reason", e.to_string())]));
            return Err(Failed);
        }
    };
    let watcher = watch(opts, session, state.clone(), catalog.lang());
    let result = runtime.block_on(listen(opts, state, catalog));
    drop(watcher);
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            eprintln!("{}", catalog.get("error-serve", &[("reason", e.to_string())]));
            Err(Failed)
        }
    }
}

/// The terminal shows the problems in full (only the clerk sees it).
fn print_problems(site: &Snapshot) {
    for p in &site.problems {
        eprint!("{}", p.full);
    }
}

/// How long a connection may go without a request (or take to send one)
/// before it is closed, so that connections left open by clients that went
/// quiet do not pile up. Short: on this machine a browser opens a new
/// connection at once when it needs one, and a page's reload connection is
/// not idle (it is inside its request until the client goes).
pub const IDLE: Duration = Duration::from_secs(5);

async fn listen(opts: &Options, state: State, catalog: &Catalog) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((opts.bind, opts.port)).await?;
    let addr = listener.local_addr()?;
    println!("{}", catalog.get("serving", &[("url", format!("http://{addr}/"))]));
    let app = axum::Router::new().fallback(handle).with_state(state);
    // Ctrl-C ends at once: open pages keep their reload connection open for
    // ever, so waiting for connections to finish would never end.
    tokio::select! {
        () = accept(listener, app) => Ok(()),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

/// Serves each connection on its own task with hyper's HTTP/1 server (the
/// one `axum::serve` uses), set up as `axum::serve` cannot be: with a timer
/// and [`IDLE`] as its header read timeout. That timeout runs whenever the
/// connection waits for a request's head, from the moment it is accepted and
/// again after every answer, and closes it if no whole head came in time: it
/// ends idle keep-alive connections and clients that send slowly alike. It
/// does not run while an answer is being sent, so a page's reload stream
/// stays open; hyper watches the reading side meanwhile and ends the stream
/// when the client closes, and a client that vanished without closing is
/// found by the stream's keep-alive comments failing to send.
async fn accept(listener: tokio::net::TcpListener, app: axum::Router) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file handles or the like, or a connection reset
                // before it was taken: go on after a moment, as
                // `axum::serve` does, rather than stop the preview.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(IDLE);
            // A failed connection is the client's (closed, timed out): nothing to report.
            let _ = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
        });
    }
}

/// Whether a request is for one of this server's names (exactly one `Host`,
/// and the authority of an absolute request address, if any, too).
fn for_us(headers: &axum::http::HeaderMap, uri: &axum::http::Uri, bind: std::net::IpAddr) -> bool {
    let mut hosts = headers.get_all(axum::http::header::HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.to_str().ok(),
        _ => None,
    };
    host.is_some_and(|h| http::host_allowed(h, bind))
        && uri.authority().is_none_or(|a| http::host_allowed(a.as_str(), bind))
}

async fn handle(
    axum::extract::State(state): axum::extract::State<State>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::http::{Method, StatusCode, header};
    // Before anything else, the reload events included: another site's page
    // gets nothing of this one.
    if !for_us(&headers, &uri, state.bind) {
        let headers = [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")];
        return (StatusCode::MISDIRECTED_REQUEST, headers, state.texts.misdirected.clone()).into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "").into_response();
    }
    if uri.path() == http::EVENTS {
        return events(state).into_response();
    }
    let site = match state.site.read() {
        Ok(s) => s.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    let a = http::answer(&site, uri.path(), &state.texts);
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = [
        (header::CONTENT_TYPE, a.content_type.to_owned()),
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (header::HeaderName::from_static("x-anslag-build"), site.build.to_string()),
    ];
    let body = if method == Method::HEAD { Vec::new() } else { a.body };
    (status, headers, body).into_response()
}

fn events(state: State) -> impl IntoResponse {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use tokio_stream::StreamExt;
    let stream = tokio_stream::wrappers::BroadcastStream::new(state.reload.subscribe())
        .filter_map(|r| r.ok())
        .map(|build| Ok::<_, std::convert::Infallible>(Event::default().data(build.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Events closer together than this are taken as one change (an editor's
/// save is often several); short, since it is part of every edit → page.
const QUIET: Duration = Duration::from_millis(10);

/// Watches the content and theme folders; rebuilds after a quiet [`QUIET`],
/// with the paths that changed in the meantime.
fn watch(
    opts: &Options,
    mut session: Session,
    state: State,
    lang: crate::i18n::Lang,
) -> Option<Box<dyn notify::Watcher + Send>> {
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let handler = move |e: notify::Result<notify::Event>| match e {
        Ok(e) if changes_content(&e.kind) => {
            let paths: Vec<PathBuf> = e.paths.into_iter().filter(|p| !is_ignored(p)).collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
        Ok(_) => {}
        // Events were lost (or the watcher failed): load everything.
        Err(_) => {
            let _ = tx.send(Vec::new());
        }
    };
    let mut watcher: Box<dyn notify::Watcher + Send> = if opts.poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        Box::new(notify::PollWatcher::new(handler, config).ok()?)
    } else {
        Box::new(notify::recommended_watcher(handler).ok()?)
    };
    // Watched by its canonical path, so that events name files as the load does.
    let content = std::fs::canonicalize(&opts.content).unwrap_or_else(|_| opts.content.clone());
    watcher.watch(&content, notify::RecursiveMode::Recursive).ok()?;
    let themes = opts.content.parent().unwrap_or(Path::new(".")).join("themes");
    if themes.is_dir() {
        let _ = watcher.watch(&themes, notify::RecursiveMode::Recursive);
    }
    std::thread::spawn(move || {
        let catalog = Catalog::new(lang);
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            while let Ok(more) = rx.recv_timeout(QUIET) {
                batch.push(more);
            }
            // An empty list stands for "unknown": load everything.
            let changes = if batch.iter().any(Vec::is_empty) {
                Changes::All
            } else {
                Changes::Paths(batch.into_iter().flatten().collect())
            };
            let previous = match state.site.read() {
                Ok(s) => s.clone(),
                Err(poisoned) => poisoned.into_inner().clone(),
            };
            let next = session.rebuild(&previous, &changes, &catalog);
            print_problems(&next);
            let build = next.build;
            match state.site.write() {
                Ok(mut s) => *s = next,
                Err(poisoned) => *poisoned.into_inner() = next,
            }
            let _ = state.reload.send(build);
        }
    });
    Some(watcher)
}

/// Whether an event can change what is built: writes, creations, removals
/// and renames; not reads (the rebuild's own reads would loop).
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    )
}

/// Editor swap files and the like do not trigger a rebuild.
fn is_ignored(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| crate::load::walk::is_ignored(&n) || n.ends_with('~') || n.ends_with(".swp"))
}
