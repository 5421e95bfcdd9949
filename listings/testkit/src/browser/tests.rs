use super::*;

#[test]
fn reads_the_port_chromedriver_listens_on() {
    let cases = [
        (
            "ChromeDriver was started successfully on port 45759.",
            Some(45759),
        ),
        ("Starting ChromeDriver 156.0.8078.108 on port 0", None),
        ("Only local connections are allowed.", None),
    ];
    for (line, want) in cases {
        assert_eq!(started_on(line), want, "{line}");
    }
}

#[test]
fn parses_the_browser_log() {
    let cases = [
        (
            "javascript",
            "http://127.0.0.1:5/late.js 2:8 Uncaught Error: late",
            "http://127.0.0.1:5/late.js:3:9: Uncaught Error: late (javascript)",
        ),
        (
            "console-api",
            "http://127.0.0.1:5/ 3:8 \"it broke\" 2",
            "http://127.0.0.1:5/:4:9: \"it broke\" 2 (console-api)",
        ),
        (
            "network",
            "http://127.0.0.1:5/x.css - Failed to load resource: the server responded \
             with a status of 404 (Not Found)",
            "http://127.0.0.1:5/x.css: Failed to load resource: the server responded \
             with a status of 404 (Not Found) (network)",
        ),
        (
            "javascript",
            "Uncaught SyntaxError: Unexpected token",
            "Uncaught SyntaxError: Unexpected token (javascript)",
        ),
    ];
    for (source, message, want) in cases {
        assert_eq!(Problem::from_log(source, message).to_string(), want);
    }
    let favicon = Problem::from_log(
        "network",
        "http://127.0.0.1:5/favicon.ico - Failed to load resource: 404",
    );
    assert!(favicon.is_favicon_guess());
    assert!(!Problem::from_log("network", "http://127.0.0.1:5/a.ico - Failed").is_favicon_guess());
}

#[test]
fn follows_javascript_truthiness() {
    let cases = [
        (json!(null), false),
        (json!(false), false),
        (json!(0), false),
        (json!(""), false),
        (json!(true), true),
        (json!(2), true),
        (json!("no"), true),
        (json!([]), true),
        (json!({}), true),
    ];
    for (value, want) in cases {
        assert_eq!(truthy(&value), want, "{value}");
    }
}

#[test]
fn reads_png_dimensions() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&1280u32.to_be_bytes());
    png.extend_from_slice(&800u32.to_be_bytes());
    assert_eq!(png_size(&png), Some((1280, 800)));
    assert_eq!(png_size(b"GIF89a"), None);
}

#[tokio::test]
async fn a_missing_browser_says_how_to_install_it() {
    // Both missing, as on a machine without the packages: the browser is
    // named first.
    let options = Options {
        chromium: "/nonexistent/chromium".into(),
        chromedriver: "/nonexistent/chromedriver".into(),
        ..Options::default()
    };
    let error = Browser::launch_with(options)
        .await
        .err()
        .expect("no driver");
    let message = error.to_string();
    assert!(
        matches!(error, Error::NotInstalled { .. })
            && message.contains("/nonexistent/chromium")
            && message.contains("CHROMIUM")
            && message.contains("apt-get install chromium chromium-driver"),
        "{message}"
    );
}

/// A stand-in for chromedriver: a script that, like the real one when
/// the port it picked is taken, exits saying so `failures` times (counted
/// in a file beside it), then says it started and waits.
fn driver_that_fails(dir: &std::path::Path, failures: u32) -> Options {
    use std::os::unix::fs::PermissionsExt as _;
    let script = dir.join("chromedriver");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             count=$(cat \"$0.runs\" 2>/dev/null || echo 0)\n\
             echo $((count + 1)) > \"$0.runs\"\n\
             if [ \"$count\" -lt {failures} ]; then\n\
               echo 'IPv4 port not available. Exiting...'\n\
               exit 1\n\
             fi\n\
             echo 'ChromeDriver was started successfully on port 4444.'\n\
             exec sleep 60\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    Options {
        chromium: script.clone(), // only checked to exist
        chromedriver: script,
        ..Options::default()
    }
}

fn runs(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("chromedriver.runs"))
        .unwrap()
        .trim()
        .to_owned()
}

#[tokio::test]
async fn a_port_taken_before_chromedriver_binds_it_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let options = driver_that_fails(dir.path(), LAUNCH_ATTEMPTS - 1);
    let browser = Browser::launch_with(options)
        .await
        .expect("the last try starts");
    assert_eq!(browser.url, "http://127.0.0.1:4444");
    assert_eq!(runs(dir.path()), LAUNCH_ATTEMPTS.to_string());
}

#[tokio::test]
async fn a_port_taken_every_time_fails_after_the_last_try() {
    let dir = tempfile::tempdir().unwrap();
    let options = driver_that_fails(dir.path(), LAUNCH_ATTEMPTS);
    let error = Browser::launch_with(options)
        .await
        .err()
        .expect("no try starts");
    let message = error.to_string();
    assert!(
        matches!(error, Error::Launch { .. }) && message.contains("IPv4 port not available"),
        "{message}"
    );
    assert_eq!(runs(dir.path()), LAUNCH_ATTEMPTS.to_string());
}

/// Integration tests against a real Chromium and pages served by a tiny
/// HTTP server on a loopback port. They need Chromium and chromedriver, so
/// a plain `cargo test` skips them; `cargo xtask test` runs them.
mod chromium {
    use super::*;
    use std::io::{Read as _, Write as _};
    use std::net::{SocketAddr, TcpListener};

    /// The test page: a form whose submissions are listed, a button, and a
    /// change that lands 300 ms after load.
    const PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><title>testkit page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<form id="form"><input id="entry" autocomplete="off"><button id="send">Send</button></form>
<ul id="items"></ul>
<p id="clicks">0</p>
<button id="count">Count</button>
<a id="next" href="/next">next page</a>
<script>
  document.getElementById('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const item = document.createElement('li');
    item.textContent = document.getElementById('entry').value;
    document.getElementById('items').append(item);
    document.getElementById('entry').value = '';
  });
  document.getElementById('count').addEventListener('click', () => {
    setTimeout(() => {
      const clicks = document.getElementById('clicks');
      clicks.textContent = String(Number(clicks.textContent) + 1);
    }, 100);
  });
  window.addEventListener('load', () => {
    setTimeout(() => { document.body.dataset.late = 'landed'; }, 300);
  });
  localStorage.setItem('opened', String(Number(localStorage.getItem('opened') ?? 0) + 1));
</script>
</body></html>"#;

    /// A page with one problem of each kind; the exception comes from line
    /// 3 of /late.js, 300 ms after load, and the page asks to be printed.
    const TROUBLED: &str = r#"<!doctype html>
<html><head><link rel="stylesheet" href="/missing.css"></head><body>
<script>
  console.error('it broke', 2);
  window.addEventListener('load', () => setTimeout(window.print, 100));
</script>
<script src="/late.js"></script>
</body></html>"#;

    const LATE_JS: &str = "window.addEventListener('load', () => {\n  setTimeout(() => {\n    throw new Error('late');\n  }, 300);\n});\n";

    /// Serves the pages above on a thread, for the rest of the test process;
    /// each test gets its own port.
    fn serve() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let mut request = Vec::new();
                    let mut buf = [0; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let request = String::from_utf8_lossy(&request);
                    let path = request.split(' ').nth(1).unwrap_or("/");
                    let (status, kind, body) = match path {
                        "/favicon.ico" => ("204 No Content", "text/plain", ""),
                        "/missing.css" => ("404 Not Found", "text/plain", "no"),
                        "/troubled" => ("200 OK", "text/html", TROUBLED),
                        "/late.js" => ("200 OK", "text/javascript", LATE_JS),
                        _ => ("200 OK", "text/html", PAGE),
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                });
            }
        });
        addr
    }

    /// Processes of a process group that are not zombies, from `/proc`.
    fn running_in_group(group: i32) -> Vec<i32> {
        let mut running = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue; // it exited meanwhile
            };
            // After the parenthesised command name: state, ppid, pgrp.
            let Some((_, rest)) = stat.rsplit_once(") ") else {
                continue;
            };
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if fields.len() > 2 && fields[2] == group.to_string() && fields[0] != "Z" {
                running.push(pid);
            }
        }
        running
    }

    const SHORT: Duration = Duration::from_secs(10);

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
    async fn navigates_settles_and_evaluates() {
        let server = serve();
        let browser = Browser::launch().await.unwrap();
        let page = browser.new_page().await.unwrap();
        assert!(browser.version().is_some_and(|v| v.contains('.')));
        page.navigate(&format!("http://{server}/")).await.unwrap();
        // The change 300 ms after load has landed: navigate settles.
        assert_eq!(
            page.evaluate("return document.body.dataset.late")
                .await
                .unwrap(),
            "landed"
        );
        assert_eq!(
            page.evaluate("return new Promise((r) => setTimeout(() => r({ n: 42 }), 20))")
                .await
                .unwrap(),
            json!({ "n": 42 })
        );
        let error = page
            .evaluate("return Promise.reject(new Error('refused'))")
            .await
            .unwrap_err();
        assert!(error.to_string().contains("refused"), "{error}");

        page.evaluate("setTimeout(() => { window.ready = 'yes'; }, 200)")
            .await
            .unwrap();
        page.settle().await.unwrap();
        assert_eq!(page.evaluate("return window.ready").await.unwrap(), "yes");
        let started = Instant::now();
        let error = page
            .wait_for(
                "document.querySelector('#never').id",
                Duration::from_millis(300),
            )
            .await
            .unwrap_err();
        assert!(started.elapsed() < SHORT, "the wait was bounded");
        let message = error.to_string();
        assert!(
            matches!(error, Error::Timeout { .. }) && message.contains("#never"),
            "{message}"
        );
        // A timer that never ends in time is named in the failure.
        page.evaluate("setTimeout(() => {}, 600000)").await.unwrap();
        let error = page
            .settle_within(Duration::from_millis(300))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("a 600000 ms timer set at"),
            "{error}"
        );
    }

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
    async fn types_presses_and_clicks() {
        let server = serve();
        let browser = Browser::launch().await.unwrap();
        let page = browser.new_page().await.unwrap();
        page.navigate(&format!("http://{server}/")).await.unwrap();

        page.type_text("#entry", "first <b>item</b>").await.unwrap();
        page.press(Key::Enter).await.unwrap();
        page.type_text("#entry", "second ü").await.unwrap();
        page.click("#send").await.unwrap();
        assert_eq!(
            page.text("#items").await.unwrap(),
            "first <b>item</b>\nsecond ü"
        );
        // The counter changes 100 ms after each click; clicks settle.
        page.click("#count").await.unwrap();
        page.click("#count").await.unwrap();
        assert_eq!(page.text("#clicks").await.unwrap(), "2");

        // A click that leaves the document settles on the next one.
        page.click("#next").await.unwrap();
        assert_eq!(
            page.evaluate("return location.pathname").await.unwrap(),
            "/next"
        );
        assert_eq!(page.text("#clicks").await.unwrap(), "0");

        let error = page.click("#missing").await.unwrap_err();
        assert!(error.to_string().contains("#missing"), "{error}");
        assert_eq!(page.problems().await.unwrap(), []);
    }

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
    async fn reports_each_problem_at_its_place() {
        let server = serve();
        let browser = Browser::launch().await.unwrap();
        let page = browser.new_page().await.unwrap();
        page.navigate(&format!("http://{server}/troubled"))
            .await
            .unwrap();
        let problems: Vec<String> = page
            .problems()
            .await
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        for expected in [
            format!("http://{server}/missing.css: Failed to load resource"),
            format!("http://{server}/troubled:4:11: \"it broke\" 2 (console-api)"),
            format!("http://{server}/late.js:3:11: Uncaught Error: late (javascript)"),
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(&expected)),
                "{expected} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 3, "{problems:#?}");
        // The page's own print request was recorded, not carried out.
        assert_eq!(page.print_requests().await.unwrap(), 1);

        let nobody = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let error = page
            .navigate(&format!("http://{nobody}/"))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("ERR_CONNECTION_REFUSED"),
            "{error}"
        );
    }

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
    async fn screenshots_and_prints() {
        let server = serve();
        let browser = Browser::launch().await.unwrap();
        let page = browser.new_page().await.unwrap();
        for viewport in [Viewport::PHONE, Viewport::DESKTOP] {
            page.set_viewport(viewport).await.unwrap();
            page.navigate(&format!("http://{server}/")).await.unwrap();
            assert_eq!(
                page.evaluate("return window.innerWidth").await.unwrap(),
                viewport.width
            );
            let png = page.screenshot_png().await.unwrap();
            assert_eq!(png_size(&png), Some((viewport.width, viewport.height)));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = page.screenshot(dir.path().join("page.png")).await.unwrap();
        assert_eq!(png_size(&std::fs::read(&path).unwrap()), Some((1280, 800)));
        let pdf = page.pdf().await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    }

    #[tokio::test]
    #[ignore = "needs Chromium and chromedriver; cargo xtask test runs it with --ignored"]
    async fn pages_are_isolated_and_dropping_cleans_up() {
        let server = serve();
        let browser = Browser::launch().await.unwrap();
        let (one, two) = (
            browser.new_page().await.unwrap(),
            browser.new_page().await.unwrap(),
        );
        for page in [&one, &two] {
            page.navigate(&format!("http://{server}/")).await.unwrap();
        }
        // Each page's script counted its own visit in its own storage.
        for page in [&one, &two] {
            assert_eq!(
                page.evaluate("return localStorage.getItem('opened')")
                    .await
                    .unwrap(),
                "1"
            );
        }
        two.close().await.unwrap();
        assert_eq!(one.evaluate("return 1 + 1").await.unwrap(), 2);

        let group = browser.driver.id() as i32;
        let profiles = browser.profiles.path().to_owned();
        assert!(profiles.join("page-0").is_dir());
        assert!(
            running_in_group(group).len() > 1,
            "the probe sees chromedriver and a browser"
        );
        drop(browser);
        assert!(!profiles.exists(), "the profiles are removed");
        // chromedriver is reaped on drop; the browsers, orphaned by the same
        // signal, die at once but are left for init to reap, so what must be
        // gone is every one that still runs.
        let deadline = Instant::now() + SHORT;
        loop {
            let running = running_in_group(group);
            if running.is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "processes {running:?} of the browser's group still run after {SHORT:?}"
            );
            tokio::time::sleep(POLL_INTERVAL).await;
        }
        assert!(one.evaluate("return 1").await.is_err());
    }
}
