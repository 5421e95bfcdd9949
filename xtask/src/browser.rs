//! The `browser` stage: the rendered book, tested in headless Chromium.
//!
//! The built book (`book/html`) is served on loopback under `/go-to-rust/`,
//! the path it is published at, and Chromium visits every page. A page fails
//! on any console error, uncaught exception or failed request (the browser
//! has no network, so a font or script fetched from a CDN fails too), each
//! reported at its file, line and column; a chapter is also opened straight
//! from disk, as `file://`. Then the things a reader touches are exercised:
//! search, the Go|Rust switch and its memory, the copy button, the theme
//! menu, the 404 page and the print page, which is printed to PDF and must
//! hold every chapter of `src/SUMMARY.md`. Screenshots land in
//! `artifacts/screenshots/`.
//!
//! Nothing here sleeps: testkit's pages wait after every navigation, click
//! and keystroke until the page has finished what it started (timers,
//! requests, animations), and every check reads the page's problems last.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use axum::Router;
use serde_json::json;
use testkit::browser::{Browser, Page, Problem, Viewport, screenshot_dir};
use tower_http::services::{ServeDir, ServeFile};

/// Where the published book lives; book.toml's `site-url` says the same.
const BASE: &str = "/go-to-rust";

/// How long a page may take to show what a click or a keystroke asked for.
const REACTION: Duration = Duration::from_secs(10);

/// The book being checked: where it is built and where it is served.
struct Site {
    root: PathBuf,
    url: String,
}

/// Runs the stage; every check that fails is reported, not only the first.
pub fn check(root: &Path) -> Result<()> {
    let html = root.join("book").join("html");
    ensure!(
        html.join("index.html").is_file(),
        "{} has no built book; the book stage builds it",
        html.display()
    );
    let pages = chapter_pages(&html)?;
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let addr = serve(html.clone()).await?;
            let site = Site {
                root: root.to_owned(),
                url: format!("http://{addr}{BASE}"),
            };
            let browser = Browser::launch().await?;
            let mut failures = Vec::new();
            let mut record = |what: &str, outcome: Result<()>| match outcome {
                Ok(()) => eprintln!("  ok    {what}"),
                Err(e) => {
                    eprintln!("  FAIL  {what}: {e:#}");
                    failures.push(format!("{what}: {e:#}"));
                }
            };
            for page in &pages {
                let url = format!("{}/{page}", site.url);
                let what = format!("{page} loads cleanly");
                let outcome = again_if_crashed(&what, || clean_page(&browser, &site, &url)).await;
                record(&what, outcome);
            }
            // Readers also open the built book straight from disk.
            let from_disk = format!("file://{}", html.join("toolchain.html").display());
            let what = "the book works from disk (file://) too";
            record(
                what,
                again_if_crashed(what, || clean_page(&browser, &site, &from_disk)).await,
            );
            let what = "search finds a chapter and opens it";
            record(
                what,
                again_if_crashed(what, || search(&browser, &site)).await,
            );
            record(
                "the search index holds no caption and no //! line",
                search_index_clean(&site),
            );
            let what = "the Go|Rust switch works and is remembered";
            record(
                what,
                again_if_crashed(what, || pairs(&browser, &site)).await,
            );
            let what = "every chapter has its own description and link-preview tags";
            record(
                what,
                again_if_crashed(what, || previews(&browser, &site, &pages)).await,
            );
            let what = "every pair fits its window, tables scroll in their box, charts fit";
            record(
                what,
                again_if_crashed(what, || fit(&browser, &site, &pages)).await,
            );
            let what = "copy buttons copy the code without hidden lines";
            record(what, again_if_crashed(what, || copy(&browser, &site)).await);
            let what = "the theme menu changes the theme and keeps it";
            record(
                what,
                again_if_crashed(what, || theme(&browser, &site)).await,
            );
            let what = "a missing page shows the 404 page, styled";
            record(
                what,
                again_if_crashed(what, || not_found(&browser, &site)).await,
            );
            let what = "the print page asks to print and its PDF holds every chapter";
            record(
                what,
                again_if_crashed(what, || print(&browser, &site)).await,
            );
            let what = "screenshots of key pages";
            record(
                what,
                again_if_crashed(what, || screenshots(&browser, &site)).await,
            );
            eprintln!(
                "  {} pages visited in Chromium {}",
                pages.len(),
                browser.version().as_deref().unwrap_or("(version unknown)")
            );
            if failures.is_empty() {
                Ok(())
            } else {
                bail!("{}", failures.join("\n"))
            }
        })
}

/// What chromedriver says when the browser behind a session has gone away:
/// the renderer crashed, which is the browser's failure, not the book's.
const BROWSER_CRASHED: &str = "browser has closed the connection";

/// Runs `check`, and once more in new sessions if the browser crashed under
/// it (seen once in about fifteen runs of this stage: "Unable to receive
/// message from renderer" while loading a page). The retry is printed; a
/// second crash, and every other failure, is reported as it is.
async fn again_if_crashed<F, Fut>(what: &str, mut check: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<()>>,
{
    match check().await {
        Err(e) if format!("{e:#}").contains(BROWSER_CRASHED) => {
            eprintln!("  again {what}: the browser crashed under it ({e:#})");
            check().await
        }
        outcome => outcome,
    }
}

/// The chapter pages mdBook wrote (not redirect stubs, not print or toc).
fn chapter_pages(html: &Path) -> Result<Vec<String>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(html)? {
        let path = entry?.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".html")
            || ["print.html", "toc.html", "404.html"].contains(&name.as_str())
        {
            continue;
        }
        if std::fs::read_to_string(&path)?.contains("http-equiv=\"refresh\"") {
            continue;
        }
        pages.push(name);
    }
    pages.sort();
    Ok(pages)
}

/// Serves `html` at `/go-to-rust/` on a free loopback port, with the 404
/// page (and status) for anything missing, as GitHub Pages does.
async fn serve(html: PathBuf) -> Result<SocketAddr> {
    let files = ServeDir::new(&html).not_found_service(ServeFile::new(html.join("404.html")));
    let app = Router::new().nest_service(BASE, files);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// Opens `url` in a fresh page (its own browser and profile).
async fn open(browser: &Browser, url: &str) -> Result<Page> {
    let page = browser.new_page().await?;
    page.navigate(url).await?;
    Ok(page)
}

/// Once the page has settled, closes it and fails on any problem it had
/// but those `expected` allows, each named by the book's file, line and
/// column.
async fn finish(page: Page, site: &Site, expected: impl Fn(&Problem) -> bool) -> Result<()> {
    page.settle().await?;
    let problems: Vec<String> = page
        .problems()
        .await?
        .iter()
        .filter(|p| !expected(p))
        .map(|p| site.locate(p))
        .collect();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("\n        "));
    Ok(())
}

impl Site {
    /// A problem with its URL turned into the file it came from: a file of
    /// the repository when mdBook copied it (`theme/pairs.js`, served as
    /// `theme/pairs-c1e9fd9d.js`), else the built page
    /// (`book/html/toolchain.html`).
    fn locate(&self, problem: &Problem) -> String {
        let Some(url) = &problem.url else {
            return problem.to_string();
        };
        let built = format!("file://{}/book/html/", self.root.display());
        let relative = url
            .strip_prefix(&format!("{}/", self.url))
            .or_else(|| url.strip_prefix(&built));
        let Some(relative) = relative.map(|r| r.split(['?', '#']).next().unwrap_or(r)) else {
            return problem.to_string();
        };
        let file = match unhashed(relative) {
            Some(source) if self.root.join(&source).is_file() => source,
            _ => format!("book/html/{relative}"),
        };
        let place = match (problem.line, problem.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => file,
        };
        format!("{place}: {} ({}, {url})", problem.text, problem.source)
    }
}

/// The file mdBook copied to `relative` under a fingerprinted name, as the
/// repository names it: `theme/pairs-c1e9fd9d.js` is `theme/pairs.js`.
fn unhashed(relative: &str) -> Option<String> {
    let (stem, extension) = relative.split_once('.')?;
    let (name, hash) = stem.rsplit_once('-')?;
    let fingerprint = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    fingerprint.then(|| format!("{name}.{extension}"))
}

/// Opens `url` in a fresh page; once it has settled, it must have had no
/// problem at all.
async fn clean_page(browser: &Browser, site: &Site, url: &str) -> Result<()> {
    let page = open(browser, url).await?;
    finish(page, site, |_| false).await
}

/// Typing a term from the toolchain chapter into the search bar lists that
/// chapter, and following the result opens it.
async fn search(browser: &Browser, site: &Site) -> Result<()> {
    let page = open(browser, &format!("{}/introduction.html", site.url)).await?;
    page.click("#mdbook-search-toggle").await?;
    page.wait_for(
        "document.activeElement && document.activeElement.id === 'mdbook-searchbar'",
        REACTION,
    )
    .await
    .context("the search bar does not open")?;
    page.type_text("#mdbook-searchbar", "clippy").await?;
    let result = "#mdbook-searchresults a[href*=\"toolchain.html\"]";
    page.wait_for(
        &format!("document.querySelector('{result}') !== null"),
        REACTION,
    )
    .await
    .context("searching for `clippy` does not list the toolchain chapter")?;
    page.click(result).await?;
    page.wait_for("location.pathname.endsWith('/toolchain.html')", REACTION)
        .await
        .context("the search result does not open the chapter")?;
    finish(page, site, |_| false).await
}

/// Whether the first pair's Go and Rust columns are displayed.
const COLUMNS_SHOWN: &str = "const shown = c => getComputedStyle(c).display !== 'none'; \
    const p = document.querySelector('.pair'); \
    return [shown(p.querySelector('.pair-column.go')), shown(p.querySelector('.pair-column.rust'))];";

/// "Rust" hides the Go column of every pair, survives a move to another
/// page, and "Side by side" brings both back.
async fn pairs(browser: &Browser, site: &Site) -> Result<()> {
    let page = browser.new_page().await?;
    page.set_viewport(Viewport::DESKTOP).await?;
    page.navigate(&format!("{}/toolchain.html", site.url))
        .await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([true, true]),
        "a pair does not start with both languages"
    );
    page.click(".pair-switch button[data-mode='rust']").await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([false, true]),
        "\"Rust\" does not hide the Go column"
    );
    page.navigate(&format!("{}/introduction.html", site.url))
        .await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([false, true]),
        "the choice of \"Rust\" is not remembered on the next page"
    );
    page.click(".pair-switch button[data-mode='both']").await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([true, true]),
        "\"Side by side\" does not show both again"
    );
    finish(page, site, |_| false).await
}

/// A window the book is read in: its size, and whether the sidebar (the
/// table of contents) is open. mdBook never opens it below 1080 px.
#[derive(Clone, Copy)]
struct Window {
    viewport: Viewport,
    sidebar: bool,
}

impl Window {
    const fn laptop(width: u32, sidebar: bool) -> Window {
        Window {
            viewport: Viewport {
                width,
                height: 900,
                scale: 1.0,
                mobile: false,
            },
            sidebar,
        }
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Viewport { width, height, .. } = self.viewport;
        let sidebar = if self.sidebar { "open" } else { "closed" };
        write!(f, "{width}x{height} with the sidebar {sidebar}")
    }
}

/// The windows every pair must fit: a phone, two laptops and a desktop
/// screen, with the sidebar open and closed.
const WINDOWS: [Window; 7] = [
    Window {
        viewport: Viewport::PHONE,
        sidebar: false,
    },
    Window::laptop(1280, true),
    Window::laptop(1280, false),
    Window::laptop(1440, true),
    Window::laptop(1440, false),
    Window::laptop(1920, true),
    Window::laptop(1920, false),
];

/// Below this width a pair's lines may wrap; at or above it they must not.
const WRAP_BELOW: u32 = 1000;

/// Every block of every pair, and the page's tables and charts, measured
/// once pairs.js has laid the page out: each entry is a problem found.
const MEASURE: &str = include_str!("browser/measure.js");

/// In each of [`WINDOWS`], every page: no block of a pair scrolls sideways
/// (its `scrollWidth` exceeds its `clientWidth`), no pair wraps its lines
/// on a laptop or wider, spills under the sidebar or the chapter arrows,
/// or says "Side by side" while it shows its languages stacked; the page
/// itself never scrolls sideways, no table hides columns past its box (a
/// wide one is reflowed), and charts fit. Each overflowing line is reported at its listing
/// file and line.
async fn fit(browser: &Browser, site: &Site, pages: &[String]) -> Result<()> {
    let mut problems = Vec::new();
    let mut pairs = 0;
    for window in WINDOWS {
        let page = browser.new_page().await?;
        page.set_viewport(window.viewport).await?;
        page.navigate(&format!("{}/index.html", site.url)).await?;
        let state = if window.sidebar { "visible" } else { "hidden" };
        page.evaluate(&format!(
            "localStorage.setItem('mdbook-sidebar', '{state}')"
        ))
        .await?;
        for name in pages {
            page.navigate(&format!("{}/{name}", site.url)).await?;
            let width = window.viewport.width;
            page.wait_for(
                &format!(
                    "document.documentElement.dataset.pairsLayout === '{width}' \
                     && document.documentElement.dataset.tablesLayout === '{width}'"
                ),
                REACTION,
            )
            .await
            .with_context(|| {
                format!("{name}: pairs.js or tables.js never laid the page out at {window}")
            })?;
            let found = page
                .evaluate(&format!(
                    "const wrapBelow = {WRAP_BELOW}; const sidebar = {}; {MEASURE}",
                    window.sidebar
                ))
                .await?;
            let found: Measured = serde_json::from_value(found)?;
            pairs += found.pairs;
            for problem in found.problems {
                problems.push(format!(
                    "{}{name} at {window}: {}",
                    problem.place(&site.root),
                    problem.what
                ));
            }
        }
        finish(page, site, |_| false).await?;
    }
    eprintln!(
        "        {pairs} pairs measured in {} windows",
        WINDOWS.len()
    );
    ensure!(problems.is_empty(), "{}", problems.join("\n        "));
    Ok(())
}

/// What [`MEASURE`] returns.
#[derive(serde::Deserialize)]
struct Measured {
    pairs: usize,
    problems: Vec<Misfit>,
}

/// One problem on a page; when it is a line of a listing, the line and the
/// files the caption names, to find it in.
#[derive(serde::Deserialize)]
struct Misfit {
    what: String,
    #[serde(default)]
    line: Option<String>,
    #[serde(default)]
    files: Vec<String>,
}

impl Misfit {
    /// `listings/…/file.rs:42: ` for the listing line at fault, when one of
    /// the caption's files holds it; else nothing.
    fn place(&self, root: &Path) -> String {
        let Some(wanted) = self.line.as_deref() else {
            return String::new();
        };
        for file in &self.files {
            let Ok(text) = std::fs::read_to_string(root.join(file)) else {
                continue;
            };
            if let Some(n) = text
                .lines()
                .position(|l| !l.trim().is_empty() && l.trim() == wanted.trim())
            {
                return format!("{file}:{}: ", n + 1);
            }
        }
        String::new()
    }
}

/// The link-preview tags of a page, read in the browser.
const PREVIEW: &str = "const meta = (k, v) => { const m = document.querySelector(`meta[${k}=\"${v}\"]`); \
    return m ? m.content : null; }; \
    return { description: meta('name', 'description'), title: meta('property', 'og:title'), \
      og: meta('property', 'og:description'), url: meta('property', 'og:url'), \
      card: meta('name', 'twitter:card'), twitter: meta('name', 'twitter:description'), \
      h1: (document.querySelector('main h1') || {}).textContent || '' };";

/// Every chapter page has its own description (its first paragraph, not
/// the book's), and Open Graph and Twitter card tags that agree with it:
/// what a chat or a blog shows when someone links the page.
async fn previews(browser: &Browser, site: &Site, pages: &[String]) -> Result<()> {
    let book_toml = std::fs::read_to_string(site.root.join("book.toml"))?;
    let book_description = book_toml
        .lines()
        .find_map(|l| l.strip_prefix("description = "))
        .map(|d| d.trim_matches('"').to_owned())
        .unwrap_or_default();
    let page = browser.new_page().await?;
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    for name in pages {
        page.navigate(&format!("{}/{name}", site.url)).await?;
        let tags = page.evaluate(PREVIEW).await?;
        let get = |key: &str| tags[key].as_str().map(str::to_owned);
        let source = format!("src/{}", name.replace(".html", ".md"));
        let Some(description) = get("description").filter(|d| !d.is_empty()) else {
            problems.push(format!("{source}: {name} has no description"));
            continue;
        };
        if description == book_description {
            problems.push(format!(
                "{source}: {name} has the book's description, not its own first paragraph"
            ));
        }
        // index.html is the first chapter again, under the site's address.
        if let Some((other, _)) = seen
            .iter()
            .filter(|(other, _)| other != "index.html")
            .find(|(_, d)| *d == description)
        {
            problems.push(format!(
                "{source}: {name} has the same description as {other}"
            ));
        }
        for (key, tag) in [
            ("title", "og:title"),
            ("og", "og:description"),
            ("url", "og:url"),
            ("card", "twitter:card"),
            ("twitter", "twitter:description"),
        ] {
            if get(key).is_none_or(|v| v.is_empty()) {
                problems.push(format!("{source}: {name} has no {tag} tag"));
            }
        }
        if get("og").as_deref() != Some(description.as_str()) {
            problems.push(format!(
                "{source}: {name}'s og:description is not its description"
            ));
        }
        if get("url").is_some_and(|u| !u.ends_with(&format!("/go-to-rust/{name}"))) {
            problems.push(format!(
                "{source}: {name}'s og:url {:?} is not its address",
                get("url")
            ));
        }
        seen.push((name.clone(), description));
    }
    finish(page, site, |_| false).await?;
    ensure!(problems.is_empty(), "{}", problems.join("\n        "));
    Ok(())
}

/// The search index (`searchindex-*.js`) holds no caption (`listings/… ·
/// cargo …`) and no `//!` line: searches find the text, not the
/// plumbing under each listing (xtask/src/book.rs builds it so).
fn search_index_clean(site: &Site) -> Result<()> {
    let html = site.root.join("book").join("html");
    let index = std::fs::read_dir(&html)?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("searchindex"))
        })
        .context("the built book has no searchindex-*.js")?;
    let text = std::fs::read_to_string(&index)?;
    let mut problems = Vec::new();
    // A listing's number is "Listing " and a digit.
    let numbered = text
        .match_indices("Listing ")
        .find(|(at, _)| text[at + 8..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|(at, _)| at);
    for needle in [" · cargo ", " · cd listings/", "Listing N-M", "//!"] {
        let found = match needle {
            "Listing N-M" => numbered,
            _ => text.find(needle),
        };
        if let Some(at) = found {
            let from = text.floor_char_boundary(at.saturating_sub(60));
            let to = text.ceil_char_boundary((at + 60).min(text.len()));
            problems.push(format!(
                "{} holds {needle:?}: …{}…",
                index.display(),
                &text[from..to]
            ));
        }
    }
    eprintln!("        search index: {:.2} MB", text.len() as f64 / 1e6);
    ensure!(problems.is_empty(), "{}", problems.join("\n        "));
    Ok(())
}

/// The copy button of the toolchain chapter's first Rust block copies what
/// the block shows: its hidden `# ` lines (the test module) stay out.
async fn copy(browser: &Browser, site: &Site) -> Result<()> {
    let page = open(browser, &format!("{}/toolchain.html", site.url)).await?;
    // ClipboardJS copies by selecting a hidden textarea and calling
    // execCommand('copy'); record that selection instead of the clipboard.
    page.evaluate(
        "window.copied = null; document.execCommand = cmd => { \
           if (cmd === 'copy') { window.copied = (document.activeElement.value || String(getSelection())); } \
           return true; }",
    )
    .await?;
    let rust = "document.querySelector('pre code.language-rust').closest('pre')";
    page.evaluate(&format!("{rust}.querySelector('.clip-button').click()"))
        .await?;
    let copied = page
        .wait_for("window.copied", REACTION)
        .await
        .context("the copy button copies nothing")?;
    let copied = copied.as_str().unwrap_or_default();
    ensure!(
        copied.contains("pub fn greeting"),
        "the copied text lacks the visible code: {copied:?}"
    );
    ensure!(
        !copied.contains("mod tests"),
        "the copied text includes the block's hidden lines: {copied:?}"
    );
    finish(page, site, |_| false).await
}

/// Whether the page shows the navy theme.
const NAVY: &str = "document.documentElement.classList.contains('navy')";

/// Choosing "Navy" in the theme menu applies it, and the next page keeps it.
async fn theme(browser: &Browser, site: &Site) -> Result<()> {
    let page = open(browser, &format!("{}/introduction.html", site.url)).await?;
    page.click("#mdbook-theme-toggle").await?;
    page.click("#mdbook-theme-navy").await?;
    ensure!(
        page.evaluate(&format!("return {NAVY}")).await? == json!(true),
        "choosing Navy does not apply the navy theme"
    );
    page.navigate(&format!("{}/toolchain.html", site.url))
        .await?;
    ensure!(
        page.evaluate(&format!("return {NAVY}")).await? == json!(true),
        "the theme is not kept on the next page"
    );
    finish(page, site, |_| false).await
}

/// A page that does not exist gets the book's own 404 page, with the
/// book's styles and scripts, which it loads from book.toml's `site-url`.
async fn not_found(browser: &Browser, site: &Site) -> Result<()> {
    let missing = format!("{}/no-such-chapter.html", site.url);
    let page = open(browser, &missing).await?;
    let heading = page.text("main h1").await?;
    ensure!(
        heading.contains("This page is not here"),
        "the 404 page is not the book's: {heading:?}"
    );
    let site_url = site_url_line(&site.root);
    // The stylesheets mdBook links, all loaded (but the highlight themes
    // book.js disables); and the book's layout: the sidebar beside the
    // page, which only its CSS positions so.
    let styled = page
        .evaluate(
            "const sheets = [...document.querySelectorAll('link[rel=stylesheet]')]; \
             return sheets.length > 0 && sheets.every(l => l.disabled || l.sheet !== null) \
               && getComputedStyle(document.querySelector('#mdbook-sidebar')).position === 'fixed';",
        )
        .await?;
    // The 404 status of the missing page itself is the point; any other
    // failed request (a stylesheet or script under a wrong site-url) is not.
    let own_status = |p: &Problem| {
        p.source == "network"
            && p.url.as_deref() == Some(missing.as_str())
            && p.text.contains("status of 404")
    };
    finish(page, site, own_status).await.with_context(|| {
        format!("the 404 page loads its files from the wrong place ({site_url})")
    })?;
    ensure!(
        styled == json!(true),
        "the 404 page is not styled ({site_url})"
    );
    Ok(())
}

/// `book.toml:N: site-url = ...`, where the 404 page's links come from.
fn site_url_line(root: &Path) -> String {
    let book_toml = std::fs::read_to_string(root.join("book.toml")).unwrap_or_default();
    book_toml
        .lines()
        .enumerate()
        .find(|(_, line)| line.trim_start().starts_with("site-url"))
        .map(|(n, line)| format!("book.toml:{}: {}", n + 1, line.trim()))
        .unwrap_or_else(|| "book.toml has no site-url".into())
}

/// print.html asks the browser to print itself once loaded (the request is
/// recorded, not carried out); printed to PDF here (by Chromium itself, see
/// [`Browser::print_to_pdf`]), it holds the title of every chapter in
/// `src/SUMMARY.md`, in order.
async fn print(browser: &Browser, site: &Site) -> Result<()> {
    let page = open(browser, &format!("{}/print.html", site.url)).await?;
    ensure!(
        page.print_requests().await? > 0,
        "print.html no longer asks to be printed once loaded"
    );
    finish(page, site, |_| false).await?;

    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    let pdf_path = dir.join("book.pdf");
    let _ = std::fs::remove_file(&pdf_path);
    browser
        .print_to_pdf(&format!("{}/print.html", site.url), &pdf_path)
        .await?;
    let text = pdf_text(&pdf_path)?;
    let mut from = 0;
    for chapter in chapters(&site.root)? {
        match text[from..].find(&chapter.title) {
            Some(at) => from += at + chapter.title.len(),
            None => bail!(
                "{}:{}: the chapter {:?} is missing from the printed book {} \
                 (or out of order: looked after the previous chapter's title)",
                chapter.file,
                chapter.line,
                chapter.title,
                pdf_path.display()
            ),
        }
    }
    // The first page as an image, to look at.
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&pdf_path)
        .arg(dir.join("book-pdf-page"))
        .status()
        .context("pdftoppm (Debian package poppler-utils) is needed to check the printed book")?;
    ensure!(
        status.success(),
        "pdftoppm could not rasterise {}",
        pdf_path.display()
    );
    Ok(())
}

/// The text of a PDF, by pdftotext, with every run of whitespace made one
/// space (a long title may wrap in print).
fn pdf_text(pdf: &Path) -> Result<String> {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .context("pdftotext (Debian package poppler-utils) is needed to check the printed book")?;
    ensure!(
        output.status.success(),
        "pdftotext cannot read {}",
        pdf.display()
    );
    Ok(one_line(&String::from_utf8_lossy(&output.stdout)))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A chapter of the book: its file, and the title its first heading gives.
struct Chapter {
    file: String,
    line: usize,
    title: String,
}

/// The chapters `src/SUMMARY.md` links, in order, with their `# ` titles.
fn chapters(root: &Path) -> Result<Vec<Chapter>> {
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md"))?;
    let mut chapters = Vec::new();
    for line in summary.lines() {
        let Some(target) = line
            .split_once("](")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(target, _)| target)
            .filter(|t| t.ends_with(".md"))
        else {
            continue;
        };
        let file = format!("src/{target}");
        let text = std::fs::read_to_string(root.join(&file))
            .with_context(|| format!("src/SUMMARY.md links {file}"))?;
        let (line, title) = text
            .lines()
            .enumerate()
            .find_map(|(n, l)| l.strip_prefix("# ").map(|t| (n + 1, t)))
            .with_context(|| format!("{file} has no `# ` title"))?;
        chapters.push(Chapter {
            file,
            line,
            title: one_line(&title.replace('`', "")),
        });
    }
    Ok(chapters)
}

/// Desktop and phone screenshots of a few pages, for people to look at.
async fn screenshots(browser: &Browser, site: &Site) -> Result<()> {
    for name in ["introduction", "toolchain", "job-queue", "chat-server"] {
        for (label, viewport) in [("desktop", Viewport::DESKTOP), ("phone", Viewport::PHONE)] {
            let page = browser.new_page().await?;
            page.set_viewport(viewport).await?;
            page.navigate(&format!("{}/{name}.html", site.url)).await?;
            page.screenshot(screenshot_dir().join(format!("book-{name}-{label}.png")))
                .await?;
            finish(page, site, |_| false).await?;
        }
    }
    // Where the layout matters most: a long pair on a laptop, and the
    // measurements' tables and charts on a phone.
    let views = [
        (
            "job-queue",
            "submitting-without-waiting",
            ".pair",
            "job-queue-pair-1280",
            Viewport::DESKTOP,
        ),
        (
            "measurements",
            "",
            "table",
            "measurements-table-phone",
            Viewport::PHONE,
        ),
        (
            "measurements",
            "",
            "main svg",
            "measurements-chart-phone",
            Viewport::PHONE,
        ),
        (
            "measurements",
            "chat-server-connections-and-broadcast",
            "svg",
            "measurements-chat-chart-phone",
            Viewport::PHONE,
        ),
        (
            "measurements",
            "chat-server-connections-and-broadcast",
            "svg",
            "measurements-chat-chart-desktop",
            Viewport::DESKTOP,
        ),
    ];
    for (name, heading, selector, file, viewport) in views {
        let page = browser.new_page().await?;
        page.set_viewport(viewport).await?;
        page.navigate(&format!("{}/{name}.html", site.url)).await?;
        // The first `selector` after the heading (or on the page), at the top.
        page.evaluate(&format!(
            "const h = document.getElementById('{heading}'); \
             const all = [...document.querySelectorAll('{selector}')]; \
             const e = all.find(e => !h || (h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)); \
             e.scrollIntoView({{block: 'start'}}); window.scrollBy(0, -60);"
        ))
        .await?;
        page.settle().await?;
        page.screenshot(screenshot_dir().join(format!("book-{file}.png")))
            .await?;
        finish(page, site, |_| false).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_copied_files_as_the_repository_does() {
        let cases = [
            ("theme/pairs-c1e9fd9d.js", Some("theme/pairs.js")),
            ("book-609e4cb8.js", Some("book.js")),
            ("mark-09e88c2c.min.js", Some("mark.min.js")),
            ("go-to-rust.html", None),
            ("toolchain.html", None),
        ];
        for (relative, want) in cases {
            assert_eq!(unhashed(relative).as_deref(), want, "{relative}");
        }
    }
}

#[cfg(test)]
mod crash_tests {
    use std::cell::Cell;

    use anyhow::{Result, anyhow};

    use super::{BROWSER_CRASHED, again_if_crashed};

    /// A check that fails with each of `outcomes` in turn, counting calls.
    fn scripted(outcomes: &[Option<&'static str>]) -> (Cell<usize>, Vec<Option<&'static str>>) {
        (Cell::new(0), outcomes.to_vec())
    }

    async fn run(outcomes: &[Option<&'static str>]) -> (Result<()>, usize) {
        let (calls, script) = scripted(outcomes);
        let outcome = again_if_crashed("a check", || {
            let n = calls.get();
            calls.set(n + 1);
            let step = script[n];
            async move {
                match step {
                    None => Ok(()),
                    Some(message) => Err(anyhow!("{message}")),
                }
            }
        })
        .await;
        (outcome, calls.get())
    }

    const CRASH: &str =
        "invalid session id: session deleted as the browser has closed the connection";

    #[tokio::test]
    async fn a_crash_is_tried_once_more() {
        assert!(CRASH.contains(BROWSER_CRASHED));
        let (outcome, calls) = run(&[Some(CRASH), None]).await;
        assert!(outcome.is_ok());
        assert_eq!(calls, 2);
    }

    #[tokio::test]
    async fn a_second_crash_fails() {
        let (outcome, calls) = run(&[Some(CRASH), Some(CRASH)]).await;
        assert!(outcome.unwrap_err().to_string().contains(BROWSER_CRASHED));
        assert_eq!(calls, 2);
    }

    #[tokio::test]
    async fn any_other_failure_is_not_tried_again() {
        let (outcome, calls) = run(&[Some("console error at theme/pairs.js:85:23"), None]).await;
        assert!(outcome.is_err());
        assert_eq!(calls, 1);
    }
}
