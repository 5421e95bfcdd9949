//! The `browser` stage: the rendered book, tested in headless Chromium.
//!
//! The built book (`book/html`) is served on loopback under `/go-to-rust/`,
//! the path it is published at, and Chromium visits every page. A page fails
//! on any console error, uncaught exception or failed request (the browser
//! has no network, so a font or script fetched from a CDN fails too); a
//! chapter is also opened straight from disk, as `file://`. Then
//! the things a reader touches are exercised: search, the Go|Rust switch and
//! its memory, the copy button, the theme menu, the 404 page and the print
//! page, which is also printed to PDF and rasterised with pdftoppm.
//! Screenshots land in `artifacts/screenshots/`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail, ensure};
use axum::Router;
use base64::Engine as _;
use serde_json::json;
use testkit::browser::{Browser, Page, Viewport, screenshot_dir};
use tower_http::services::{ServeDir, ServeFile};

/// Where the published book lives; book.toml's `site-url` says the same.
const BASE: &str = "/go-to-rust";

/// How long a page may take to react to a click or a keystroke.
const REACTION: Duration = Duration::from_secs(10);

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
            let site = format!("http://{addr}{BASE}");
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
                let outcome = clean_page(&browser, &format!("{site}/{page}")).await;
                record(&format!("{page} loads cleanly"), outcome);
            }
            // Readers also open the built book straight from disk.
            let from_disk = format!("file://{}", html.join("toolchain.html").display());
            record(
                "the book works from disk (file://) too",
                clean_page(&browser, &from_disk).await,
            );
            record(
                "search finds a chapter and opens it",
                search(&browser, &site).await,
            );
            record(
                "the Go|Rust switch works and is remembered",
                pairs(&browser, &site).await,
            );
            record(
                "copy buttons copy the code without hidden lines",
                copy(&browser, &site).await,
            );
            record(
                "the theme menu changes the theme and keeps it",
                theme(&browser, &site).await,
            );
            record(
                "a missing page shows the 404 page",
                not_found(&browser, &site).await,
            );
            record(
                "the print page holds the whole book and prints",
                print(&browser, &site, &pages).await,
            );
            record(
                "screenshots of key pages",
                screenshots(&browser, &site).await,
            );
            eprintln!(
                "  {} pages visited in Chromium {}",
                pages.len(),
                browser.version().await?
            );
            if failures.is_empty() {
                Ok(())
            } else {
                bail!("{}", failures.join("\n"))
            }
        })
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

/// Opens `url` in a fresh tab and fails on anything that went wrong in it.
async fn clean_page(browser: &Browser, url: &str) -> Result<()> {
    let page = browser.new_page().await?;
    page.navigate(url).await?;
    // Let the page's scripts (search index, pairs, highlighting) finish.
    page.wait_for("document.readyState === 'complete'", REACTION)
        .await?;
    let problems = page.problems();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("; "));
    Ok(())
}

async fn open(browser: &Browser, url: &str) -> Result<Page> {
    let page = browser.new_page().await?;
    page.navigate(url).await?;
    page.wait_for("document.readyState === 'complete'", REACTION)
        .await?;
    Ok(page)
}

/// Typing a term from the toolchain chapter into the search bar lists that
/// chapter, and following the result opens it.
async fn search(browser: &Browser, site: &str) -> Result<()> {
    let page = open(browser, &format!("{site}/introduction.html")).await?;
    page.click("#mdbook-search-toggle").await?;
    page.wait_for(
        "document.activeElement && document.activeElement.id === 'mdbook-searchbar'",
        REACTION,
    )
    .await
    .context("the search bar does not open")?;
    page.type_text("#mdbook-searchbar", "clippy").await?;
    // mdBook searches on keyup; typed text may arrive as one input event.
    page.evaluate("document.querySelector('#mdbook-searchbar').dispatchEvent(new KeyboardEvent('keyup', { key: 'y' }))")
        .await?;
    let result = "document.querySelector('#mdbook-searchresults a[href*=\"toolchain.html\"]')";
    page.wait_for(&format!("{result} !== null"), REACTION)
        .await
        .context("searching for `clippy` does not list the toolchain chapter")?;
    page.evaluate(&format!("{result}.click()")).await?;
    page.wait_for("location.pathname.endsWith('/toolchain.html')", REACTION)
        .await
        .context("the search result does not open the chapter")?;
    let problems = page.problems();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("; "));
    Ok(())
}

/// Whether the first pair's Go and Rust columns are displayed.
const COLUMNS_SHOWN: &str = "(() => { const shown = c => getComputedStyle(c).display !== 'none'; \
    const p = document.querySelector('.pair'); \
    return [shown(p.querySelector('.pair-column.go')), shown(p.querySelector('.pair-column.rust'))]; })()";

/// "Rust" hides the Go column of every pair, survives a move to another
/// page, and "Side by side" brings both back.
async fn pairs(browser: &Browser, site: &str) -> Result<()> {
    let page = open(browser, &format!("{site}/toolchain.html")).await?;
    page.set_viewport(Viewport::DESKTOP).await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([true, true]),
        "a pair does not start with both languages"
    );
    page.click(".pair-switch button[data-mode='rust']").await?;
    ensure!(
        page.evaluate(COLUMNS_SHOWN).await? == json!([false, true]),
        "\"Rust\" does not hide the Go column"
    );
    page.navigate(&format!("{site}/introduction.html")).await?;
    page.wait_for("document.querySelector('.pair-column') !== null", REACTION)
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
    page.close().await?;
    Ok(())
}

/// The copy button of the toolchain chapter's first Rust block copies what
/// the block shows: its hidden `# ` lines (the test module) stay out.
async fn copy(browser: &Browser, site: &str) -> Result<()> {
    let page = open(browser, &format!("{site}/toolchain.html")).await?;
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
    let problems = page.problems();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("; "));
    Ok(())
}

/// Choosing "Navy" in the theme menu applies it, and a reload keeps it.
async fn theme(browser: &Browser, site: &str) -> Result<()> {
    let page = open(browser, &format!("{site}/introduction.html")).await?;
    page.click("#mdbook-theme-toggle").await?;
    page.click("#mdbook-theme-navy").await?;
    page.wait_for(
        "document.documentElement.classList.contains('navy')",
        REACTION,
    )
    .await
    .context("choosing Navy does not apply the navy theme")?;
    page.navigate(&format!("{site}/toolchain.html")).await?;
    page.wait_for(
        "document.documentElement.classList.contains('navy')",
        REACTION,
    )
    .await
    .context("the theme is not kept on the next page")?;
    // Leave the default theme for the screenshots.
    page.click("#mdbook-theme-toggle").await?;
    page.click("#mdbook-theme-light").await?;
    page.close().await?;
    Ok(())
}

/// A page that does not exist gets the book's own 404 page, styled.
async fn not_found(browser: &Browser, site: &str) -> Result<()> {
    let page = browser.new_page().await?;
    page.navigate(&format!("{site}/no-such-chapter.html"))
        .await?;
    page.wait_for("document.readyState === 'complete'", REACTION)
        .await?;
    let heading = page.text("main h1").await?;
    ensure!(
        heading.contains("This page is not here"),
        "the 404 page is not the book's: {heading:?}"
    );
    let styled = page
        .evaluate("getComputedStyle(document.querySelector('nav.sidebar, #mdbook-sidebar, .sidebar')).display !== 'inline'")
        .await?;
    ensure!(
        styled == json!(true),
        "the 404 page loads without the book's styles"
    );
    // The 404 status itself is expected; anything else is not.
    let problems: Vec<String> = page
        .problems()
        .into_iter()
        .filter(|p| !p.contains("404"))
        .collect();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("; "));
    Ok(())
}

/// print.html holds every chapter; printed to PDF it makes pages that
/// pdftoppm can rasterise.
async fn print(browser: &Browser, site: &str, pages: &[String]) -> Result<()> {
    let page = open(browser, &format!("{site}/print.html")).await?;
    let text = page
        .evaluate("document.querySelector('main').innerText")
        .await?;
    let text = text.as_str().unwrap_or_default();
    for title in [
        "Your toolchain, translated",
        "Ownership and borrowing",
        "The job queue",
        "The chat server",
    ] {
        ensure!(
            text.contains(title),
            "print.html lacks the chapter {title:?}"
        );
    }
    let reply = page
        .call(
            "Page.printToPDF",
            json!({ "printBackground": false, "preferCSSPageSize": true }),
        )
        .await?;
    let pdf = base64::engine::general_purpose::STANDARD.decode(
        reply["data"]
            .as_str()
            .ok_or_else(|| anyhow!("Page.printToPDF returned no data"))?,
    )?;
    let problems = page.problems();
    page.close().await?;
    ensure!(problems.is_empty(), "{}", problems.join("; "));

    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    let pdf_path = dir.join("book.pdf");
    std::fs::write(&pdf_path, &pdf)?;
    let count = pdf_pages(&pdf_path)?;
    ensure!(
        count >= pages.len(),
        "the printed book has {count} pages for {} chapters",
        pages.len()
    );
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

/// The page count pdfinfo reports.
fn pdf_pages(pdf: &Path) -> Result<usize> {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .context("pdfinfo (Debian package poppler-utils) is needed to check the printed book")?;
    ensure!(
        output.status.success(),
        "pdfinfo cannot read {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse::<usize>()))
        .ok_or_else(|| anyhow!("pdfinfo printed no page count"))?
        .context("pdfinfo's page count")
}

/// Desktop and phone screenshots of a few pages, for people to look at.
async fn screenshots(browser: &Browser, site: &str) -> Result<()> {
    for name in ["introduction", "toolchain", "job-queue", "chat-server"] {
        for (label, viewport) in [("desktop", Viewport::DESKTOP), ("phone", Viewport::PHONE)] {
            let page = browser.new_page().await?;
            page.set_viewport(viewport).await?;
            page.navigate(&format!("{site}/{name}.html")).await?;
            page.wait_for("document.readyState === 'complete'", REACTION)
                .await?;
            page.screenshot(screenshot_dir().join(format!("book-{name}-{label}.png")))
                .await?;
            page.close().await?;
        }
    }
    Ok(())
}
