//! Measures `cargo xtask serve`'s save-to-reload time in headless Chromium:
//! opens a chapter, marks the page's window, appends a line to the chapter
//! file, and times until the page has reloaded (the mark is gone) and shows
//! the new line. Start `cargo xtask serve --port PORT` first, then
//! `cargo run -p xtask --example reload_latency -- PORT CHAPTER.md [RUNS]`.
//! The chapter file is restored afterwards.

use std::time::{Duration, Instant};

use testkit::browser::Browser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = &args[0];
    let chapter = &args[1];
    let runs: usize = args.get(2).map_or(Ok(5), |r| r.parse())?;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let file = root.join("src").join(chapter);
    let original = std::fs::read_to_string(&file)?;
    let page_url = format!(
        "http://127.0.0.1:{port}/{}",
        chapter.replace(".md", ".html")
    );
    let browser = Browser::launch().await?;
    let page = browser.new_page().await?;
    page.navigate(&page_url).await?;
    let mut times = Vec::new();
    for run in 0..runs {
        // Let the reload socket connect before the edit.
        tokio::time::sleep(Duration::from_millis(500)).await;
        page.evaluate("window.__beforeSave = true").await?;
        let marker = format!("reload-marker-{run}");
        let saved = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n"))?;
        page.wait_for(
            &format!(
                "!window.__beforeSave && document.readyState === 'complete' \
                 && document.body.innerText.includes('{marker}')"
            ),
            Duration::from_secs(20),
        )
        .await?;
        let took = saved.elapsed();
        println!(
            "run {run}: saved to reloaded page in {:.2}s",
            took.as_secs_f64()
        );
        times.push(took);
        std::fs::write(&file, &original)?;
        // The restore triggers a rebuild and reload too; wait for it.
        page.wait_for(
            &format!("!document.body.innerText.includes('{marker}')"),
            Duration::from_secs(20),
        )
        .await?;
    }
    std::fs::write(&file, &original)?;
    times.sort();
    println!(
        "median {:.2}s, max {:.2}s over {runs} runs",
        times[runs / 2].as_secs_f64(),
        times[runs - 1].as_secs_f64()
    );
    Ok(())
}
