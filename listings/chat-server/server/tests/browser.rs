//! The chat client page (`static/index.html`) in a real headless Chromium,
//! against the real server: two people join from two pages, talk, and a
//! message full of markup shows up as text and runs nothing.
//!
//! The same steps run against both twins. Both are ignored in a plain
//! `cargo test`, which needs neither Chromium nor Go, like every suite that
//! needs a tool beyond Rust; `cargo xtask test` runs them with `--ignored`
//! (by hand: `cargo test -p chat-server --test browser -- --ignored`, with
//! `cargo xtask go-env`'s `GO` set for the Go one). Screenshots at a desktop
//! and a phone width land in `artifacts/screenshots/`.

use std::time::Duration;

use testkit::Twin;
use testkit::browser::{Browser, Key, Page, Viewport, screenshot_dir};

/// Generous: only a broken page or server should ever reach it.
const WAIT: Duration = Duration::from_secs(15);

/// A message that would run script if the page ever put it into the DOM
/// as HTML instead of as text.
const HOSTILE: &str = r#"<script>window.pwned=1</script><img src=x onerror="window.pwned=1">"#;

/// True once the page has been welcomed into the room.
const JOINED: &str = "document.getElementById('status').dataset.state === 'joined'";

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
async fn two_pages_chat_and_markup_stays_text_rust() {
    chat_in_two_pages(Twin::rust(env!("CARGO_BIN_EXE_chat-server"))).await;
}

#[tokio::test]
#[ignore = "needs Go, Chromium and chromedriver; cargo xtask test runs it with --ignored"]
async fn two_pages_chat_and_markup_stays_text_go() {
    chat_in_two_pages(Twin::go("listings/chat-server/server")).await;
}

async fn chat_in_two_pages(twin: Twin) {
    let server = twin.start();
    let browser = Browser::launch().await.unwrap_or_else(|e| panic!("{e}"));
    // ada reads on a laptop, bob on a phone: one screenshot of each width.
    // The page is short, so ada's window is too (the book shows her view).
    let laptop = Viewport {
        height: 480,
        ..Viewport::DESKTOP
    };
    let ada = open(&browser, &server.url("/"), laptop).await;
    let bob = open(&browser, &server.url("/"), Viewport::PHONE).await;

    // ada joins with the button, bob with Enter in the name field.
    ada.type_text("#name", "ada").await.unwrap();
    ada.click("#join").await.unwrap();
    wait(&ada, JOINED).await;
    bob.type_text("#name", "bob").await.unwrap();
    bob.press(Key::Enter).await.unwrap();
    wait(&bob, JOINED).await;
    assert_eq!(bob.text("#status").await.unwrap(), "joined as bob");
    wait_for_line(&ada, "joined", "bob joined").await;

    say(&ada, "hi bob, does this reach you?").await;
    wait_for_line(&bob, "message", "ada: hi bob, does this reach you?").await;
    say(&bob, "loud and clear").await;
    wait_for_line(&ada, "message", "bob: loud and clear").await;

    say(&bob, HOSTILE).await;
    let line = format!("bob: {HOSTILE}");
    for page in [&ada, &bob] {
        wait_for_line(page, "message", &line).await;
        // The markup is on screen as characters...
        let shown = page.text("#messages").await.unwrap();
        assert!(shown.contains(&line), "{shown}");
        // ...and never became elements, so no handler of theirs ran (the
        // page has settled: an image's load or error would have been
        // waited for).
        let elements = page
            .evaluate("return document.querySelectorAll('#messages script, #messages img').length")
            .await
            .unwrap();
        assert_eq!(elements, 0);
        page.settle().await.unwrap();
        let pwned = page.evaluate("return typeof window.pwned").await.unwrap();
        assert_eq!(pwned, "undefined", "the message ran as script");
    }

    let dir = screenshot_dir();
    let lang = twin.language;
    ada.screenshot(dir.join(format!("chat-{lang}-desktop.png")))
        .await
        .unwrap();
    bob.screenshot(dir.join(format!("chat-{lang}-phone.png")))
        .await
        .unwrap();

    for (who, page) in [("ada", &ada), ("bob", &bob)] {
        let problems = page.problems().await.unwrap();
        assert!(
            problems.is_empty(),
            "{who}'s page had problems:\n{}\nthe {lang} server said:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            server.log()
        );
    }
}

/// A page of its own (own storage, own WebSocket) on the chat client.
async fn open(browser: &Browser, url: &str, viewport: Viewport) -> Page {
    let page = browser.new_page().await.unwrap();
    page.set_viewport(viewport).await.unwrap();
    page.navigate(url).await.unwrap();
    assert_eq!(page.text("#status").await.unwrap(), "not connected");
    page
}

/// Types a message and sends it with the Send button.
async fn say(page: &Page, text: &str) {
    page.type_text("#text", text).await.unwrap();
    page.click("#send").await.unwrap();
    // The page clears the field once the frame is on its way.
    wait(page, "document.getElementById('text').value === ''").await;
}

/// Waits until `#messages` holds a line of `kind` whose text is exactly `text`.
async fn wait_for_line(page: &Page, kind: &str, text: &str) {
    let condition = format!(
        "[...document.querySelectorAll('#messages li[data-type={kind}]')]\
         .some((li) => li.textContent === {})",
        serde_json::Value::from(text)
    );
    wait(page, &condition).await;
}

async fn wait(page: &Page, condition: &str) {
    if let Err(e) = page.wait_for(condition, WAIT).await {
        let shown = page.text("body").await.unwrap_or_default();
        panic!("{e}\n--- the page shows ---\n{shown}");
    }
}
