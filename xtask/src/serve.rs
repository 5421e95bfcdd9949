//! `cargo xtask serve`: builds the HTML book in-process, serves it on
//! loopback, and rebuilds and reloads open pages when a source changes.
//!
//! The pages get mdBook's own live-reload script (`output.html.
//! live-reload-endpoint`): it opens a WebSocket to the server and reloads
//! the page when the server sends `reload`, which it does after each
//! rebuild. The served copy goes to `book/serve/html`, not `book/html`, so
//! the tests never read pages that carry the reload script.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use mdbook_html::HtmlHandlebars;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};

use crate::book::{self, SOURCES};

/// Where the pages ask for the reload socket.
const RELOAD_ENDPOINT: &str = "__livereload";

/// How long the watcher waits for a burst of file events (an editor's
/// save, a `git checkout`) to end before it rebuilds.
const DEBOUNCE: Duration = Duration::from_millis(200);

pub fn serve(root: &Path, addr: SocketAddr) -> Result<()> {
    let out = root.join("book").join("serve");
    let html = out.join("html");
    eprintln!("building the book into book/serve/html (a second or two)");
    let started = Instant::now();
    build_html(root, &out, addr)?;
    eprintln!("built in {:.1}s", started.elapsed().as_secs_f64());

    let (reload, _) = broadcast::channel::<()>(16);
    let _watcher = watch(root, out, addr, reload.clone())?;

    let files = ServeDir::new(&html).not_found_service(ServeFile::new(html.join("404.html")));
    let app = Router::new()
        .route(&format!("/{RELOAD_ENDPOINT}"), get(reload_socket))
        .fallback_service(files)
        .with_state(reload);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
                format!("cannot listen on {addr}; is another server there? (--port)")
            })?;
            eprintln!(
                "serving the book at http://{addr}/ (Ctrl-C stops)\n\
                 watching {}: a change rebuilds (a second or two) and reloads open pages",
                SOURCES.join(", ")
            );
            axum::serve(listener, app).await?;
            Ok(())
        })
}

/// Renders only the HTML output, with the reload script and the site at
/// `/`: each page's link-preview address (`og:url`, `canonical`) is its
/// address on this server, not the published one.
fn build_html(root: &Path, out: &Path, addr: SocketAddr) -> Result<()> {
    let mut book = book::load(root)?;
    book.config.build.build_dir = out.to_owned();
    book.config
        .set("output.html.live-reload-endpoint", RELOAD_ENDPOINT)?;
    // The published book lives under /go-to-rust/; here it is the whole site,
    // and the 404 page loads its styles from site-url.
    book.config.set("output.html.site-url", "/")?;
    book.execute_build_process(&HtmlHandlebars::new())
        .context("mdBook could not build the book")?;
    book::link_previews(&book, &out.join("html"), Some(&local_site(addr)))
}

/// The served site's address as a browser on this machine reaches it:
/// `--address 0.0.0.0` listens everywhere, and loopback is one of them.
fn local_site(addr: SocketAddr) -> String {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    format!("http://{addr}/")
}

/// Watches the book's sources; after each burst of changes, rebuilds and
/// tells every open page to reload.
fn watch(
    root: &Path,
    out: PathBuf,
    addr: SocketAddr,
    reload: broadcast::Sender<()>,
) -> Result<RecommendedWatcher> {
    let (events, changes) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(events)?;
    for source in SOURCES {
        let path = root.join(source);
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher
            .watch(&path, mode)
            .with_context(|| format!("cannot watch {}", path.display()))?;
    }
    let root = root.to_owned();
    std::thread::spawn(move || {
        // Only writes count: a build reads every listing, and reads must
        // not start another build.
        let is_write = |event: &notify::Result<Event>| {
            event.as_ref().is_ok_and(|e| {
                matches!(
                    e.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                )
            })
        };
        let paths = |event: notify::Result<Event>| event.map(|e| e.paths).unwrap_or_default();
        while let Ok(event) = changes.recv() {
            if !is_write(&event) {
                continue;
            }
            let mut changed = paths(event);
            // The rest of the burst: until the files are quiet for DEBOUNCE.
            while let Ok(event) = changes.recv_timeout(DEBOUNCE) {
                if is_write(&event) {
                    changed.extend(paths(event));
                }
            }
            changed.retain(|path| is_source(&root, path));
            changed.dedup();
            let Some(first) = changed.first() else {
                continue;
            };
            eprintln!(
                "{} changed{}; rebuilding",
                first.strip_prefix(&root).unwrap_or(first).display(),
                match changed.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                }
            );
            let started = Instant::now();
            match build_html(&root, &out, addr) {
                Ok(()) => {
                    eprintln!(
                        "rebuilt in {:.1}s; reloading open pages",
                        started.elapsed().as_secs_f64()
                    );
                    // No open page is no error.
                    let _ = reload.send(());
                }
                Err(e) => eprintln!("the book did not build: {e:#}\n(fix it and save again)"),
            }
        }
    });
    Ok(watcher)
}

/// Editors' swap and backup files and build output are not sources.
pub(crate) fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden_or_built = relative.components().any(|part| {
        let part = part.as_os_str().to_string_lossy();
        part.starts_with('.') || part == "target"
    });
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    !hidden_or_built && !name.ends_with('~') && !name.ends_with(".swp")
}

/// The WebSocket the reload script opens: `reload` after the next rebuild.
async fn reload_socket(
    ws: WebSocketUpgrade,
    State(reload): State<broadcast::Sender<()>>,
) -> Response {
    let mut rebuilt = reload.subscribe();
    ws.on_upgrade(async move |mut socket| {
        if rebuilt.recv().await.is_ok() {
            let _ = socket.send(Message::Text("reload".into())).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page `serve` writes names its address on this server in its
    /// link-preview tags; the published address is left to the built book
    /// (whose tags the browser stage checks).
    #[test]
    fn served_pages_carry_the_local_address() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let out = root
            .join("target")
            .join(format!("serve-test-{}", std::process::id()));
        let addr: SocketAddr = "0.0.0.0:3999".parse().unwrap();
        let built = build_html(root, &out, addr);
        let page = std::fs::read_to_string(out.join("html").join("toolchain.html"));
        let published = book::published_site(&book::load(root).unwrap()).unwrap();
        std::fs::remove_dir_all(&out).unwrap();
        built.unwrap();
        let page = page.unwrap();
        let published = published.expect("book.toml names the repository");
        let local = "http://127.0.0.1:3999/toolchain.html";
        for tag in [
            format!("<meta property=\"og:url\" content=\"{local}\">"),
            format!("<link rel=\"canonical\" href=\"{local}\">"),
        ] {
            assert!(
                page.contains(&tag),
                "book/serve's toolchain.html has no {tag}"
            );
        }
        assert!(
            !page.contains(&published),
            "book/serve's toolchain.html names the published site {published}"
        );
        assert!(published.starts_with("https://") && published.ends_with("/go-to-rust/"));
    }
}
