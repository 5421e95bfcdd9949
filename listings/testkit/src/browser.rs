//! Headless Chromium for browser tests, driven over the Chrome DevTools
//! Protocol (CDP).
//!
//! The book's web programs ship pages that run JavaScript, and the only honest
//! test of such a page is a real browser loading it from a real server. This
//! module starts Debian's Chromium with a throwaway profile, talks to it over
//! one WebSocket, and gives tests a small typed API: open a page, navigate,
//! evaluate JavaScript, wait for a condition, type, click, take screenshots,
//! and read what went wrong in the page (console errors, uncaught exceptions,
//! failed requests).
//!
//! Every await is bounded by a timeout, so a broken page fails a test with a
//! message instead of hanging it. Dropping a [`Browser`] kills Chromium and
//! removes its profile.
//!
//! ```no_run
//! # async fn demo() -> Result<(), testkit::browser::Error> {
//! use std::time::Duration;
//! use testkit::browser::{Browser, Viewport};
//!
//! let browser = Browser::launch().await?;
//! let page = browser.new_page().await?;
//! page.set_viewport(Viewport::PHONE).await?;
//! page.navigate("http://127.0.0.1:8080/").await?;
//! page.type_text("#name", "ana").await?;
//! page.click("#join").await?;
//! page.wait_for("document.querySelector('#log').children.length > 0", Duration::from_secs(5))
//!     .await?;
//! page.screenshot(testkit::browser::screenshot_dir().join("joined.png")).await?;
//! assert!(page.problems().is_empty(), "{:?}", page.problems());
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use futures_util::{SinkExt as _, StreamExt as _};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

/// Where Debian's `chromium` package puts its launcher.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// How long one protocol call, a navigation or the launch may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How often [`Page::wait_for`] re-evaluates its condition.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// How many lines of Chromium's stderr are kept for error messages.
const LOG_LINES: usize = 200;

/// Everything that can go wrong while driving the browser.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "Chromium is not installed at {}: {source}; `cargo xtask test` installs it \
         (apt-get install chromium), or set CHROMIUM to another binary",
        program.display()
    )]
    NotInstalled { program: PathBuf, source: io::Error },

    #[error("Chromium did not start: {reason}\n--- its stderr ---\n{log}")]
    Launch { reason: String, log: String },

    #[error("timed out after {after:?} waiting for {what}")]
    Timeout { what: String, after: Duration },

    #[error("the browser refused {method}: {message} (code {code})")]
    Protocol {
        method: String,
        code: i64,
        message: String,
    },

    #[error("the page threw while evaluating `{expression}`: {message}")]
    Evaluate { expression: String, message: String },

    #[error("navigating to {url} failed: {reason}")]
    Navigate { url: String, reason: String },

    #[error("unexpected reply to {method}: {reply}")]
    Unexpected { method: String, reply: String },

    #[error("the connection to Chromium is closed\n--- its stderr ---\n{log}")]
    Closed { log: String },

    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How to start Chromium; [`Options::default`] is what tests normally want.
#[derive(Clone, Debug)]
pub struct Options {
    /// The browser binary: `$CHROMIUM` if set, else [`DEFAULT_CHROMIUM`].
    pub program: PathBuf,
    /// The bound on every protocol call, on each navigation's load and on
    /// the launch itself.
    pub timeout: Duration,
    /// Arguments added after the fixed ones (`--lang=en`, window size...).
    pub extra_args: Vec<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            program: std::env::var_os("CHROMIUM")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CHROMIUM)),
            timeout: DEFAULT_TIMEOUT,
            extra_args: Vec::new(),
        }
    }
}

/// A running headless Chromium with a fresh profile. Dropping it kills the
/// browser's whole process group and deletes the profile directory.
pub struct Browser {
    child: Option<Child>,
    profile: PathBuf,
    cdp: Arc<Connection>,
}

impl Browser {
    /// Starts Chromium with [`Options::default`].
    pub async fn launch() -> Result<Browser> {
        Browser::launch_with(Options::default()).await
    }

    /// Starts Chromium, waits for its DevTools endpoint and connects to it.
    pub async fn launch_with(options: Options) -> Result<Browser> {
        if !options.program.exists() {
            return Err(Error::NotInstalled {
                program: options.program,
                source: io::Error::from(io::ErrorKind::NotFound),
            });
        }
        let profile = fresh_profile_dir().map_err(|e| Error::Launch {
            reason: format!("cannot create a profile directory: {e}"),
            log: String::new(),
        })?;
        let mut command = Command::new(&options.program);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("--remote-debugging-port=0")
            .args(&options.extra_args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            // Its own process group, so that one signal on drop reaches the
            // renderer and utility processes too.
            .process_group(0);
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(source) => {
                let _ = std::fs::remove_dir_all(&profile);
                return Err(if source.kind() == io::ErrorKind::NotFound {
                    Error::NotInstalled {
                        program: options.program,
                        source,
                    }
                } else {
                    Error::Launch {
                        reason: format!("cannot run {}: {source}", options.program.display()),
                        log: String::new(),
                    }
                });
            }
        };
        let log = Arc::new(Mutex::new(VecDeque::new()));
        let endpoint = read_stderr(child.stderr.take().expect("stderr is piped"), &log);
        // From here on, `browser`'s drop cleans up whatever fails.
        let mut browser = Browser {
            child: Some(child),
            profile,
            cdp: Arc::new(Connection::detached(options.timeout, Arc::clone(&log))),
        };
        let url = match tokio::time::timeout(options.timeout, endpoint).await {
            Ok(Ok(url)) => url,
            Ok(Err(_)) => {
                return Err(Error::Launch {
                    reason: "it exited before printing its DevTools address".into(),
                    log: tail(&log),
                });
            }
            Err(_) => {
                return Err(Error::Launch {
                    reason: format!(
                        "no `DevTools listening on ws://...` line within {:?}",
                        options.timeout
                    ),
                    log: tail(&log),
                });
            }
        };
        let socket =
            match tokio::time::timeout(options.timeout, tokio_tungstenite::connect_async(&url))
                .await
            {
                Ok(Ok((socket, _response))) => socket,
                Ok(Err(e)) => {
                    return Err(Error::Launch {
                        reason: format!("cannot connect to {url}: {e}"),
                        log: tail(&log),
                    });
                }
                Err(_) => {
                    return Err(Error::Launch {
                        reason: format!("connecting to {url} took over {:?}", options.timeout),
                        log: tail(&log),
                    });
                }
            };
        browser.cdp = Arc::new(Connection::start(socket, options.timeout, log));
        Ok(browser)
    }

    /// Opens a blank page in a browser context of its own (its own cookies
    /// and storage, like a private window), with console, exception and
    /// network reporting turned on.
    pub async fn new_page(&self) -> Result<Page> {
        let cdp = &self.cdp;
        let context = string_field(
            "Target.createBrowserContext",
            &cdp.call("Target.createBrowserContext", json!({}), None)
                .await?,
            "browserContextId",
        )?;
        let target = string_field(
            "Target.createTarget",
            &cdp.call(
                "Target.createTarget",
                json!({ "url": "about:blank", "browserContextId": context }),
                None,
            )
            .await?,
            "targetId",
        )?;
        let session = string_field(
            "Target.attachToTarget",
            &cdp.call(
                "Target.attachToTarget",
                json!({ "targetId": target, "flatten": true }),
                None,
            )
            .await?,
            "sessionId",
        )?;
        let (events_tx, events) = watch::channel(PageEvents::default());
        cdp.shared
            .sessions
            .lock()
            .unwrap()
            .insert(session.clone(), events_tx);
        let page = Page {
            cdp: Arc::clone(cdp),
            context,
            target,
            session,
            events,
        };
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            page.call(domain, json!({})).await?;
        }
        page.call("Page.setLifecycleEventsEnabled", json!({ "enabled": true }))
            .await?;
        Ok(page)
    }

    /// The browser's product string, such as `HeadlessChrome/156.0.8078.79`.
    pub async fn version(&self) -> Result<String> {
        let reply = self.cdp.call("Browser.getVersion", json!({}), None).await?;
        string_field("Browser.getVersion", &reply, "product")
    }

    /// The process id of the browser (the leader of its process group).
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the browser is running").id()
    }

    /// The throwaway profile directory, removed on drop.
    pub fn profile_dir(&self) -> &Path {
        &self.profile
    }

    /// The last lines Chromium printed to stderr, for failure messages.
    pub fn log(&self) -> String {
        tail(&self.cdp.shared.log)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// One tab, attached over its own protocol session.
pub struct Page {
    cdp: Arc<Connection>,
    context: String,
    target: String,
    session: String,
    events: watch::Receiver<PageEvents>,
}

/// A message the page logged: `console.*` calls and the browser's own log
/// entries (a resource that failed to load, a deprecation, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleMessage {
    pub level: Level,
    /// `console` for `console.*` calls; otherwise the browser's log source
    /// (`network`, `javascript`, `security`, ...).
    pub source: String,
    pub text: String,
    /// The resource a browser log entry is about, if any.
    pub url: Option<String>,
}

impl ConsoleMessage {
    /// Chromium asks every site for `/favicon.ico` on its own, unless the
    /// page names an icon; a 404 for it is the browser's guess failing,
    /// not the page's fault.
    fn is_favicon_guess(&self) -> bool {
        self.source == "network"
            && self
                .url
                .as_deref()
                .is_some_and(|url| url.ends_with("/favicon.ico"))
    }
}

/// How serious a console message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warning,
    Error,
}

/// A request that got no response at all (refused, aborted, blocked); an
/// HTTP error status is a response and is not listed here.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedRequest {
    pub url: String,
    /// Chromium's reason, such as `net::ERR_CONNECTION_REFUSED`.
    pub error: String,
    /// Cancelled by the page or by a navigation away, rather than failed.
    pub canceled: bool,
}

/// A viewport to emulate: CSS pixels, the device pixel ratio, and whether
/// the page is told it runs on a phone (which enables the meta viewport tag).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    pub scale: f64,
    pub mobile: bool,
}

impl Viewport {
    /// A laptop screen; screenshots are 1280 pixels wide.
    pub const DESKTOP: Viewport = Viewport {
        width: 1280,
        height: 800,
        scale: 1.0,
        mobile: false,
    };
    /// A current phone held upright; screenshots are 390 pixels wide.
    pub const PHONE: Viewport = Viewport {
        width: 390,
        height: 844,
        scale: 1.0,
        mobile: true,
    };
}

/// Keys that [`Page::press`] can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Enter,
    Tab,
    Escape,
    Backspace,
}

impl Key {
    /// (`key`, `code`, Windows virtual key code, the text the key types).
    fn describe(self) -> (&'static str, &'static str, u32, &'static str) {
        match self {
            Key::Enter => ("Enter", "Enter", 13, "\r"),
            Key::Tab => ("Tab", "Tab", 9, ""),
            Key::Escape => ("Escape", "Escape", 27, ""),
            Key::Backspace => ("Backspace", "Backspace", 8, ""),
        }
    }
}

impl Page {
    /// Loads `url` and waits for its `load` event. A same-document
    /// navigation (only the `#fragment` changes) has no load to wait for.
    pub async fn navigate(&self, url: &str) -> Result<()> {
        let reply = self.call("Page.navigate", json!({ "url": url })).await?;
        if let Some(reason) = reply["errorText"].as_str().filter(|r| !r.is_empty()) {
            return Err(Error::Navigate {
                url: url.to_owned(),
                reason: reason.to_owned(),
            });
        }
        let Some(loader) = reply["loaderId"].as_str() else {
            return Ok(());
        };
        let mut events = self.events.clone();
        let loaded = events.wait_for(|events| events.loaded.contains(loader));
        match tokio::time::timeout(self.cdp.timeout, loaded).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(_)) => Err(self.cdp.closed()),
            Err(_) => Err(Error::Timeout {
                what: format!("{url} to load"),
                after: self.cdp.timeout,
            }),
        }
    }

    /// Evaluates a JavaScript expression in the page, waits for it if it is a
    /// promise, and returns its value as JSON (`undefined` becomes `null`;
    /// `NaN`, `Infinity` and BigInts become strings). A thrown exception or
    /// a rejected promise is an [`Error::Evaluate`].
    pub async fn evaluate(&self, expression: &str) -> Result<Value> {
        let reply = self
            .call(
                "Runtime.evaluate",
                json!({
                    "expression": expression,
                    "awaitPromise": true,
                    "returnByValue": true,
                    "userGesture": true,
                }),
            )
            .await?;
        evaluation_result(expression, &reply)
    }

    /// Re-evaluates `condition` until its value is truthy and returns that
    /// value. Errors meanwhile count as "not yet": the script threw (the
    /// element is not there yet), or the browser refused because the page
    /// is between two documents after a click on a link. Fails with the last
    /// value or error after `timeout`.
    pub async fn wait_for(&self, condition: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        let mut last = String::from("never evaluated");
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(remaining, self.evaluate(condition)).await {
                Ok(Ok(value)) if truthy(&value) => return Ok(value),
                Ok(Ok(value)) => last = format!("it was {value}"),
                Ok(Err(Error::Evaluate { message, .. })) => last = format!("it threw {message}"),
                Ok(Err(refused @ Error::Protocol { .. })) => last = refused.to_string(),
                Ok(Err(other)) => return Err(other),
                Err(_) => {}
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout {
                    what: format!("`{condition}` to become true ({last})"),
                    after: timeout,
                });
            }
            tokio::time::sleep(POLL_INTERVAL.min(remaining)).await;
        }
    }

    /// The rendered text (`innerText`) of the first element matching a CSS
    /// selector.
    pub async fn text(&self, selector: &str) -> Result<String> {
        let value = self
            .evaluate(&format!("{}.innerText", query(selector)))
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Focuses the element matching `selector` and types `text` into it, as
    /// an input method would (one `input` event).
    pub async fn type_text(&self, selector: &str, text: &str) -> Result<()> {
        self.evaluate(&format!("{}.focus()", query(selector)))
            .await?;
        self.call("Input.insertText", json!({ "text": text }))
            .await?;
        Ok(())
    }

    /// Focuses the element matching `selector` and types `text` one key at
    /// a time, so that the page sees `keydown`, `input` and `keyup` for each
    /// character, as it would from a keyboard (for pages that react to keys,
    /// like a search box).
    pub async fn type_keys(&self, selector: &str, text: &str) -> Result<()> {
        self.evaluate(&format!("{}.focus()", query(selector)))
            .await?;
        for c in text.chars() {
            let key = c.to_string();
            for kind in ["keyDown", "keyUp"] {
                let mut event = json!({ "type": kind, "key": key });
                if kind == "keyDown" {
                    event["text"] = key.clone().into();
                    event["unmodifiedText"] = key.clone().into();
                }
                self.call("Input.dispatchKeyEvent", event).await?;
            }
        }
        Ok(())
    }

    /// Presses and releases a key in whatever has the focus.
    pub async fn press(&self, key: Key) -> Result<()> {
        let (name, code, key_code, text) = key.describe();
        let mut down = json!({
            "type": "keyDown",
            "key": name,
            "code": code,
            "windowsVirtualKeyCode": key_code,
            "nativeVirtualKeyCode": key_code,
        });
        if !text.is_empty() {
            down["text"] = text.into();
            down["unmodifiedText"] = text.into();
        }
        self.call("Input.dispatchKeyEvent", down).await?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({
                "type": "keyUp",
                "key": name,
                "code": code,
                "windowsVirtualKeyCode": key_code,
                "nativeVirtualKeyCode": key_code,
            }),
        )
        .await?;
        Ok(())
    }

    /// Scrolls the element matching `selector` into view and clicks the
    /// middle of it with the mouse, so whatever is on top there gets the
    /// click, as it would for a person.
    pub async fn click(&self, selector: &str) -> Result<()> {
        let center = self
            .evaluate(&format!(
                "(() => {{ const el = {}; el.scrollIntoView({{ block: 'center' }}); \
                 const r = el.getBoundingClientRect(); \
                 return [r.left + r.width / 2, r.top + r.height / 2, r.width * r.height]; }})()",
                query(selector)
            ))
            .await?;
        let (Some(x), Some(y), Some(area)) =
            (center[0].as_f64(), center[1].as_f64(), center[2].as_f64())
        else {
            return Err(Error::Unexpected {
                method: format!("click({selector})"),
                reply: center.to_string(),
            });
        };
        if area <= 0.0 {
            return Err(Error::Evaluate {
                expression: format!("click({selector})"),
                message: "the element has no size (hidden?)".into(),
            });
        }
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )
            .await?;
        }
        Ok(())
    }

    /// Emulates a screen size; [`Viewport::PHONE`] also makes the page see
    /// a mobile device.
    pub async fn set_viewport(&self, viewport: Viewport) -> Result<()> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": viewport.scale,
                "mobile": viewport.mobile,
            }),
        )
        .await?;
        Ok(())
    }

    /// The visible part of the page as PNG bytes.
    pub async fn screenshot_png(&self) -> Result<Vec<u8>> {
        let reply = self
            .call("Page.captureScreenshot", json!({ "format": "png" }))
            .await?;
        decode_png("Page.captureScreenshot", &reply)
    }

    /// The whole page, scrolled or not, as PNG bytes.
    pub async fn full_page_png(&self) -> Result<Vec<u8>> {
        let metrics = self.call("Page.getLayoutMetrics", json!({})).await?;
        let size = &metrics["cssContentSize"];
        let (Some(width), Some(height)) = (size["width"].as_f64(), size["height"].as_f64()) else {
            return Err(Error::Unexpected {
                method: "Page.getLayoutMetrics".into(),
                reply: metrics.to_string(),
            });
        };
        let reply = self
            .call(
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
                }),
            )
            .await?;
        decode_png("Page.captureScreenshot", &reply)
    }

    /// Saves [`Page::screenshot_png`] to `path`, creating its directory.
    pub async fn screenshot(&self, path: impl AsRef<Path>) -> Result<PathBuf> {
        let png = self.screenshot_png().await?;
        write_file(path.as_ref(), &png)
    }

    /// Saves [`Page::full_page_png`] to `path`, creating its directory.
    pub async fn screenshot_full_page(&self, path: impl AsRef<Path>) -> Result<PathBuf> {
        let png = self.full_page_png().await?;
        write_file(path.as_ref(), &png)
    }

    /// Every console message so far, oldest first.
    pub fn console(&self) -> Vec<ConsoleMessage> {
        self.events.borrow().console.clone()
    }

    /// Every uncaught exception and unhandled rejection so far.
    pub fn exceptions(&self) -> Vec<String> {
        self.events.borrow().exceptions.clone()
    }

    /// Every request that got no response so far.
    pub fn failed_requests(&self) -> Vec<FailedRequest> {
        self.events.borrow().failed_requests.clone()
    }

    /// What a clean page never has, one line each: console messages at
    /// [`Level::Error`], uncaught exceptions, and failed requests that were
    /// not merely cancelled. Tests assert that this is empty.
    ///
    /// One error is left out (it stays in [`Page::console`]): a 404 for
    /// `/favicon.ico`, which Chromium requests by itself when the page names
    /// no icon.
    pub fn problems(&self) -> Vec<String> {
        self.events.borrow().problems()
    }

    /// Sends any protocol command to this page's session, for what the typed
    /// methods do not cover.
    pub async fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.cdp.call(method, params, Some(&self.session)).await
    }

    /// Closes the tab and its browser context, and waits until it is gone.
    pub async fn close(self) -> Result<()> {
        self.cdp
            .call(
                "Target.closeTarget",
                json!({ "targetId": self.target }),
                None,
            )
            .await?;
        self.cdp
            .call(
                "Target.disposeBrowserContext",
                json!({ "browserContextId": self.context }),
                None,
            )
            .await?;
        Ok(())
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.cdp
            .shared
            .sessions
            .lock()
            .unwrap()
            .remove(&self.session);
        // Best effort, without waiting: after `close` these are no-ops the
        // browser answers with an error nobody reads.
        self.cdp
            .send_and_forget("Target.closeTarget", json!({ "targetId": self.target }));
        self.cdp.send_and_forget(
            "Target.disposeBrowserContext",
            json!({ "browserContextId": self.context }),
        );
    }
}

/// What one page has reported so far; updated by the connection's reader.
#[derive(Clone, Debug, Default)]
struct PageEvents {
    console: Vec<ConsoleMessage>,
    exceptions: Vec<String>,
    failed_requests: Vec<FailedRequest>,
    /// Loader ids (one per navigation) whose `load` event has fired.
    loaded: HashSet<String>,
    /// Request ids to URLs, to name the URL when a request fails.
    requests: HashMap<String, String>,
}

impl PageEvents {
    /// See [`Page::problems`].
    fn problems(&self) -> Vec<String> {
        let console = self
            .console
            .iter()
            .filter(|m| m.level == Level::Error && !m.is_favicon_guess())
            .map(|m| match &m.url {
                Some(url) => format!("console error ({}): {} ({url})", m.source, m.text),
                None => format!("console error ({}): {}", m.source, m.text),
            });
        let exceptions = self
            .exceptions
            .iter()
            .map(|e| format!("uncaught exception: {e}"));
        let failed = self
            .failed_requests
            .iter()
            .filter(|r| !r.canceled)
            .map(|r| format!("request failed: {} ({})", r.url, r.error));
        console.chain(exceptions).chain(failed).collect()
    }

    /// Records one protocol event of this page's session.
    fn record(&mut self, method: &str, params: &Value) {
        match method {
            "Page.lifecycleEvent" if params["name"] == "load" => {
                if let Some(loader) = params["loaderId"].as_str() {
                    self.loaded.insert(loader.to_owned());
                }
            }
            "Runtime.consoleAPICalled" => self.console.push(ConsoleMessage {
                level: match params["type"].as_str() {
                    Some("error" | "assert") => Level::Error,
                    Some("warning") => Level::Warning,
                    Some("debug") => Level::Debug,
                    _ => Level::Info,
                },
                source: "console".into(),
                url: None,
                text: params["args"]
                    .as_array()
                    .map(|args| args.iter().map(remote_object_text).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .join(" "),
            }),
            "Log.entryAdded" => {
                let entry = &params["entry"];
                self.console.push(ConsoleMessage {
                    level: match entry["level"].as_str() {
                        Some("error") => Level::Error,
                        Some("warning") => Level::Warning,
                        Some("verbose") => Level::Debug,
                        _ => Level::Info,
                    },
                    source: entry["source"].as_str().unwrap_or("other").to_owned(),
                    text: entry["text"].as_str().unwrap_or_default().to_owned(),
                    url: entry["url"].as_str().map(str::to_owned),
                });
            }
            "Runtime.exceptionThrown" => {
                self.exceptions
                    .push(exception_text(&params["exceptionDetails"]));
            }
            "Network.requestWillBeSent" => {
                if let (Some(id), Some(url)) = (
                    params["requestId"].as_str(),
                    params["request"]["url"].as_str(),
                ) {
                    self.requests.insert(id.to_owned(), url.to_owned());
                }
            }
            "Network.loadingFailed" => {
                let id = params["requestId"].as_str().unwrap_or_default();
                self.failed_requests.push(FailedRequest {
                    url: self
                        .requests
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| format!("request {id}")),
                    error: params["errorText"].as_str().unwrap_or_default().to_owned(),
                    canceled: params["canceled"].as_bool().unwrap_or(false),
                });
            }
            _ => {}
        }
    }
}

/// One WebSocket to the browser, shared by the [`Browser`] and its pages.
/// Replies are matched to calls by id; events go to their page's session.
struct Connection {
    outgoing: mpsc::UnboundedSender<Message>,
    next_id: AtomicU64,
    timeout: Duration,
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

/// The part of the connection its reader task also holds.
struct Shared {
    calls: Mutex<Calls>,
    sessions: Mutex<HashMap<String, watch::Sender<PageEvents>>>,
    log: Arc<Mutex<VecDeque<String>>>,
}

#[derive(Default)]
struct Calls {
    /// Set once the reader has stopped; no reply will ever come after.
    closed: bool,
    waiting: HashMap<u64, oneshot::Sender<Result<Value, RemoteError>>>,
}

/// An error object in a reply.
#[derive(Debug, PartialEq)]
struct RemoteError {
    code: i64,
    message: String,
}

impl Connection {
    /// A connection that is already closed: what a [`Browser`] holds while
    /// it is still starting.
    fn detached(timeout: Duration, log: Arc<Mutex<VecDeque<String>>>) -> Connection {
        let (outgoing, _) = mpsc::unbounded_channel();
        Connection {
            outgoing,
            next_id: AtomicU64::new(1),
            timeout,
            shared: Arc::new(Shared {
                calls: Mutex::new(Calls {
                    closed: true,
                    waiting: HashMap::new(),
                }),
                sessions: Mutex::default(),
                log,
            }),
            tasks: Vec::new(),
        }
    }

    fn start<S>(socket: S, timeout: Duration, log: Arc<Mutex<VecDeque<String>>>) -> Connection
    where
        S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
            + futures_util::Sink<Message>
            + Send
            + Unpin
            + 'static,
    {
        let (mut sink, mut stream) = socket.split();
        let (outgoing, mut queue) = mpsc::unbounded_channel::<Message>();
        let shared = Arc::new(Shared {
            calls: Mutex::default(),
            sessions: Mutex::default(),
            log,
        });
        let writer = tokio::spawn(async move {
            while let Some(message) = queue.recv().await {
                if sink.send(message).await.is_err() {
                    break;
                }
            }
        });
        let reader_shared = Arc::clone(&shared);
        let reader = tokio::spawn(async move {
            while let Some(Ok(message)) = stream.next().await {
                if let Message::Text(text) = message {
                    reader_shared.dispatch(text.as_str());
                }
            }
            let mut calls = reader_shared.calls.lock().unwrap();
            calls.closed = true;
            // Dropping the senders wakes every waiting call with "closed".
            calls.waiting.clear();
        });
        Connection {
            outgoing,
            next_id: AtomicU64::new(1),
            timeout,
            shared,
            tasks: vec![writer, reader],
        }
    }

    /// Sends a command and waits, at most `self.timeout`, for its reply.
    async fn call(&self, method: &str, params: Value, session: Option<&str>) -> Result<Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (reply_tx, reply) = oneshot::channel();
        {
            let mut calls = self.shared.calls.lock().unwrap();
            if calls.closed {
                return Err(self.closed());
            }
            calls.waiting.insert(id, reply_tx);
        }
        if self
            .outgoing
            .send(Message::text(command(id, method, &params, session)))
            .is_err()
        {
            return Err(self.closed());
        }
        match tokio::time::timeout(self.timeout, reply).await {
            Ok(Ok(Ok(result))) => Ok(result),
            Ok(Ok(Err(RemoteError { code, message }))) => Err(Error::Protocol {
                method: method.to_owned(),
                code,
                message,
            }),
            Ok(Err(_)) => Err(self.closed()),
            Err(_) => {
                self.shared.calls.lock().unwrap().waiting.remove(&id);
                Err(Error::Timeout {
                    what: format!("the browser to answer {method}"),
                    after: self.timeout,
                })
            }
        }
    }

    /// Sends a browser-level command whose reply nobody waits for.
    fn send_and_forget(&self, method: &str, params: Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let _ = self
            .outgoing
            .send(Message::text(command(id, method, &params, None)));
    }

    fn closed(&self) -> Error {
        Error::Closed {
            log: tail(&self.shared.log),
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Shared {
    /// Routes one incoming message: a reply to its waiting call, an event to
    /// its page. Anything else (events of the browser session, replies to
    /// forgotten commands, text that is not a protocol message) is dropped.
    fn dispatch(&self, text: &str) {
        match parse_incoming(text) {
            Some(Incoming::Reply { id, result }) => {
                if let Some(waiting) = self.calls.lock().unwrap().waiting.remove(&id) {
                    let _ = waiting.send(result);
                }
            }
            Some(Incoming::Event {
                method,
                params,
                session: Some(session),
            }) => {
                if let Some(events) = self.sessions.lock().unwrap().get(&session) {
                    events.send_modify(|events| events.record(&method, &params));
                }
            }
            _ => {}
        }
    }
}

/// A message from the browser, as far as routing is concerned.
#[derive(Debug, PartialEq)]
enum Incoming {
    Reply {
        id: u64,
        result: Result<Value, RemoteError>,
    },
    Event {
        method: String,
        params: Value,
        session: Option<String>,
    },
}

fn parse_incoming(text: &str) -> Option<Incoming> {
    let mut message: Value = serde_json::from_str(text).ok()?;
    if let Some(id) = message["id"].as_u64() {
        let result = match message.get_mut("error") {
            Some(error) => Err(RemoteError {
                code: error["code"].as_i64().unwrap_or(0),
                message: error["message"].as_str().unwrap_or_default().to_owned(),
            }),
            None => Ok(message["result"].take()),
        };
        return Some(Incoming::Reply { id, result });
    }
    Some(Incoming::Event {
        method: message["method"].as_str()?.to_owned(),
        params: message["params"].take(),
        session: message["sessionId"].as_str().map(str::to_owned),
    })
}

/// The JSON text of one command.
fn command(id: u64, method: &str, params: &Value, session: Option<&str>) -> String {
    let mut message = json!({ "id": id, "method": method, "params": params });
    if let Some(session) = session {
        message["sessionId"] = session.into();
    }
    message.to_string()
}

/// The value of a `Runtime.evaluate` reply, or the exception it reports.
fn evaluation_result(expression: &str, reply: &Value) -> Result<Value> {
    if let Some(details) = reply.get("exceptionDetails") {
        return Err(Error::Evaluate {
            expression: expression.to_owned(),
            message: exception_text(details),
        });
    }
    let result = &reply["result"];
    if let Some(special) = result["unserializableValue"].as_str() {
        return Ok(Value::String(special.to_owned()));
    }
    Ok(result.get("value").cloned().unwrap_or(Value::Null))
}

/// A one-line account of `exceptionDetails`: the exception's own
/// description (`Error: boom` and its stack) when there is one.
fn exception_text(details: &Value) -> String {
    let exception = &details["exception"];
    let what = exception["description"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| exception.get("value").map(|v| v.to_string()))
        .unwrap_or_default();
    let text = details["text"].as_str().unwrap_or("exception");
    let mut line = if what.is_empty() {
        text.to_owned()
    } else {
        format!("{text} {what}")
    };
    if let Some(url) = details["url"].as_str().filter(|u| !u.is_empty()) {
        let row = details["lineNumber"].as_u64().unwrap_or(0) + 1;
        line.push_str(&format!(" at {url}:{row}"));
    }
    line
}

/// How a `console.*` argument reads: strings as they are, other values as
/// JSON, objects by their description.
fn remote_object_text(object: &Value) -> String {
    match object.get("value") {
        Some(Value::String(s)) => s.clone(),
        Some(value) => value.to_string(),
        None => object["unserializableValue"]
            .as_str()
            .or_else(|| object["description"].as_str())
            .or_else(|| object["type"].as_str())
            .unwrap_or_default()
            .to_owned(),
    }
}

/// JavaScript's truthiness, for the JSON a condition returned.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty() && s != "NaN" && s != "-0" && s != "0n",
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `document.querySelector(...)` for a selector, throwing a readable error
/// when nothing matches.
fn query(selector: &str) -> String {
    let quoted = Value::String(selector.to_owned()).to_string();
    format!(
        "(document.querySelector({quoted}) ?? (() => {{ throw new Error('no element matches ' + {quoted}); }})())"
    )
}

fn string_field(method: &str, reply: &Value, field: &str) -> Result<String> {
    reply[field]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| Error::Unexpected {
            method: method.to_owned(),
            reply: reply.to_string(),
        })
}

fn decode_png(method: &str, reply: &Value) -> Result<Vec<u8>> {
    let data = string_field(method, reply, "data")?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| Error::Unexpected {
            method: method.to_owned(),
            reply: format!("data that is not base64: {e}"),
        })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let write = || -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)
    };
    write().map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(path.to_owned())
}

/// `<book>/artifacts/screenshots`, the git-ignored place for screenshots
/// that tests take (created on first write).
pub fn screenshot_dir() -> PathBuf {
    crate::book_root().join("artifacts").join("screenshots")
}

/// The width and height in an PNG's header, for checking screenshots.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if png.len() < 24 || &png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
    Some((width, height))
}

/// The `ws://` address in Chromium's `DevTools listening on ws://...` line.
fn devtools_url(line: &str) -> Option<&str> {
    let rest = line[line.find("DevTools listening on ")? + "DevTools listening on ".len()..].trim();
    rest.starts_with("ws://").then_some(rest)
}

/// Drains Chromium's stderr on a thread for as long as it runs (a full pipe
/// would stall the browser), keeping the last lines for error messages;
/// the returned receiver gets the DevTools address once it is printed.
fn read_stderr(
    stderr: std::process::ChildStderr,
    log: &Arc<Mutex<VecDeque<String>>>,
) -> oneshot::Receiver<String> {
    let (found_tx, found) = oneshot::channel();
    let log = Arc::clone(log);
    thread::spawn(move || {
        let mut found_tx = Some(found_tx);
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = devtools_url(&line)
                && let Some(tx) = found_tx.take()
            {
                let _ = tx.send(url.to_owned());
            }
            let mut log = log.lock().unwrap();
            if log.len() == LOG_LINES {
                log.pop_front();
            }
            log.push_back(line);
        }
    });
    found
}

fn tail(log: &Mutex<VecDeque<String>>) -> String {
    let log = log.lock().unwrap();
    log.iter().map(|line| format!("{line}\n")).collect()
}

/// A new, empty directory under the system's temporary directory.
fn fresh_profile_dir() -> io::Result<PathBuf> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    loop {
        let dir = std::env::temp_dir().join(format!(
            "testkit-chromium-{}-{}-{nanos}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        match std::fs::create_dir(&dir) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            result => return result.map(|()| dir),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_devtools_address() {
        let cases = [
            (
                "DevTools listening on ws://127.0.0.1:39117/devtools/browser/8a1b-77",
                Some("ws://127.0.0.1:39117/devtools/browser/8a1b-77"),
            ),
            (
                "[1123/161500.123:INFO] DevTools listening on ws://127.0.0.1:9222/devtools/browser/x \r",
                Some("ws://127.0.0.1:9222/devtools/browser/x"),
            ),
            ("DevTools listening on ", None),
            ("[WARNING:dbus] Failed to connect to the bus", None),
        ];
        for (line, want) in cases {
            assert_eq!(devtools_url(line), want, "{line}");
        }
    }

    #[test]
    fn parses_replies_errors_and_events() {
        let cases = [
            (
                r#"{"id":7,"result":{"frameId":"F"}}"#,
                Some(Incoming::Reply {
                    id: 7,
                    result: Ok(json!({ "frameId": "F" })),
                }),
            ),
            (
                r#"{"id":8,"error":{"code":-32601,"message":"'Nope.nope' wasn't found"}}"#,
                Some(Incoming::Reply {
                    id: 8,
                    result: Err(RemoteError {
                        code: -32601,
                        message: "'Nope.nope' wasn't found".into(),
                    }),
                }),
            ),
            (
                r#"{"method":"Page.loadEventFired","params":{"timestamp":1.5},"sessionId":"S1"}"#,
                Some(Incoming::Event {
                    method: "Page.loadEventFired".into(),
                    params: json!({ "timestamp": 1.5 }),
                    session: Some("S1".into()),
                }),
            ),
            (
                r#"{"method":"Target.targetCreated","params":{}}"#,
                Some(Incoming::Event {
                    method: "Target.targetCreated".into(),
                    params: json!({}),
                    session: None,
                }),
            ),
            (r#"{"neither":true}"#, None),
            ("not json", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_incoming(text), want, "{text}");
        }
    }

    #[test]
    fn commands_carry_their_session() {
        let with: Value =
            serde_json::from_str(&command(3, "Page.enable", &json!({}), Some("S"))).unwrap();
        assert_eq!(
            with,
            json!({ "id": 3, "method": "Page.enable", "params": {}, "sessionId": "S" })
        );
        let without: Value =
            serde_json::from_str(&command(4, "Browser.getVersion", &json!({}), None)).unwrap();
        assert_eq!(without.get("sessionId"), None);
    }

    #[test]
    fn records_what_a_page_reports() {
        let mut events = PageEvents::default();
        let log = [
            (
                "Runtime.consoleAPICalled",
                json!({ "type": "log", "args": [
                    { "type": "string", "value": "count" },
                    { "type": "number", "value": 3 },
                    { "type": "object", "description": "HTMLDivElement" },
                    { "type": "number", "unserializableValue": "NaN" },
                ] }),
            ),
            (
                "Runtime.consoleAPICalled",
                json!({ "type": "error", "args": [{ "type": "string", "value": "bad" }] }),
            ),
            (
                "Log.entryAdded",
                json!({ "entry": { "source": "network", "level": "error",
                    "text": "Failed to load resource", "url": "http://127.0.0.1:1/x" } }),
            ),
            (
                "Log.entryAdded",
                json!({ "entry": { "source": "network", "level": "error",
                    "text": "Failed to load resource", "url": "http://127.0.0.1:1/favicon.ico" } }),
            ),
            (
                "Runtime.exceptionThrown",
                json!({ "exceptionDetails": { "text": "Uncaught",
                    "exception": { "description": "Error: boom" },
                    "url": "http://127.0.0.1:5/", "lineNumber": 9 } }),
            ),
            (
                "Network.requestWillBeSent",
                json!({ "requestId": "R1", "request": { "url": "http://127.0.0.1:1/api" } }),
            ),
            (
                "Network.loadingFailed",
                json!({ "requestId": "R1", "errorText": "net::ERR_CONNECTION_REFUSED" }),
            ),
            (
                "Network.loadingFailed",
                json!({ "requestId": "R2", "errorText": "net::ERR_ABORTED", "canceled": true }),
            ),
            (
                "Page.lifecycleEvent",
                json!({ "name": "DOMContentLoaded", "loaderId": "L1" }),
            ),
            (
                "Page.lifecycleEvent",
                json!({ "name": "load", "loaderId": "L2" }),
            ),
        ];
        for (method, params) in &log {
            events.record(method, params);
        }
        assert_eq!(
            events.console,
            [
                ConsoleMessage {
                    level: Level::Info,
                    source: "console".into(),
                    text: "count 3 HTMLDivElement NaN".into(),
                    url: None,
                },
                ConsoleMessage {
                    level: Level::Error,
                    source: "console".into(),
                    text: "bad".into(),
                    url: None,
                },
                ConsoleMessage {
                    level: Level::Error,
                    source: "network".into(),
                    text: "Failed to load resource".into(),
                    url: Some("http://127.0.0.1:1/x".into()),
                },
                ConsoleMessage {
                    level: Level::Error,
                    source: "network".into(),
                    text: "Failed to load resource".into(),
                    url: Some("http://127.0.0.1:1/favicon.ico".into()),
                },
            ]
        );
        assert_eq!(
            events.exceptions,
            ["Uncaught Error: boom at http://127.0.0.1:5/:10"]
        );
        assert_eq!(
            events.failed_requests,
            [
                FailedRequest {
                    url: "http://127.0.0.1:1/api".into(),
                    error: "net::ERR_CONNECTION_REFUSED".into(),
                    canceled: false,
                },
                FailedRequest {
                    url: "request R2".into(),
                    error: "net::ERR_ABORTED".into(),
                    canceled: true,
                },
            ]
        );
        assert_eq!(events.loaded, HashSet::from(["L2".to_owned()]));
        assert_eq!(
            events.problems(),
            [
                "console error (console): bad",
                "console error (network): Failed to load resource (http://127.0.0.1:1/x)",
                "uncaught exception: Uncaught Error: boom at http://127.0.0.1:5/:10",
                "request failed: http://127.0.0.1:1/api (net::ERR_CONNECTION_REFUSED)",
            ],
            "neither the favicon guess nor the cancelled request is a problem"
        );
    }

    #[test]
    fn turns_evaluation_replies_into_values_or_errors() {
        let cases = [
            (
                json!({ "result": { "type": "number", "value": 42 } }),
                Ok(json!(42)),
            ),
            (
                json!({ "result": { "type": "undefined" } }),
                Ok(Value::Null),
            ),
            (
                json!({ "result": { "type": "number", "unserializableValue": "Infinity" } }),
                Ok(json!("Infinity")),
            ),
            (
                json!({ "result": { "type": "object", "value": { "a": [1] } } }),
                Ok(json!({ "a": [1] })),
            ),
            (
                json!({ "result": { "type": "object" }, "exceptionDetails": {
                    "text": "Uncaught", "exception": { "description": "TypeError: x is null" } } }),
                Err("Uncaught TypeError: x is null".to_owned()),
            ),
        ];
        for (reply, want) in cases {
            let got = evaluation_result("x", &reply).map_err(|e| match e {
                Error::Evaluate { message, .. } => message,
                other => panic!("unexpected error {other}"),
            });
            assert_eq!(got, want, "{reply}");
        }
    }

    #[test]
    fn follows_javascript_truthiness() {
        let cases = [
            (json!(null), false),
            (json!(false), false),
            (json!(0), false),
            (json!(0.0), false),
            (json!(""), false),
            (json!("NaN"), false),
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
        let options = Options {
            program: "/nonexistent/chromium".into(),
            ..Options::default()
        };
        let error = Browser::launch_with(options)
            .await
            .err()
            .expect("no browser");
        assert!(matches!(error, Error::NotInstalled { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains("cargo xtask test") && message.contains("apt-get install chromium"),
            "{message}"
        );
    }

    /// Integration tests against a real Chromium and a page served by a
    /// tiny HTTP server on a loopback port.
    mod chromium {
        use super::super::*;
        use std::io::{Read as _, Write as _};
        use std::net::{SocketAddr, TcpListener};

        /// The test page: a form whose submissions are listed, a button,
        /// and hooks that produce each kind of problem on demand.
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
  const form = document.getElementById('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const item = document.createElement('li');
    item.textContent = document.getElementById('entry').value;
    document.getElementById('items').append(item);
    document.getElementById('entry').value = '';
  });
  document.getElementById('count').addEventListener('click', () => {
    const clicks = document.getElementById('clicks');
    clicks.textContent = String(Number(clicks.textContent) + 1);
  });
  window.keyups = 0;
  document.getElementById('entry').addEventListener('keyup', () => { window.keyups += 1; });
  localStorage.setItem('opened', String(Number(localStorage.getItem('opened') ?? 0) + 1));
</script>
</body></html>"#;

        /// Serves `PAGE` at every path, on a thread, for the rest of the
        /// test process; each test gets its own port.
        fn serve_page() -> SocketAddr {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    thread::spawn(move || {
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                        let mut request = Vec::new();
                        let mut buf = [0; 1024];
                        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                            match stream.read(&mut buf) {
                                Ok(0) | Err(_) => return,
                                Ok(n) => request.extend_from_slice(&buf[..n]),
                            }
                        }
                        let favicon = request.starts_with(b"GET /favicon.ico ");
                        let (status, body) = if favicon {
                            ("204 No Content", "")
                        } else {
                            ("200 OK", PAGE)
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
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

        /// A loopback port with nothing listening on it.
        fn closed_port() -> SocketAddr {
            TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
        }

        const SHORT: Duration = Duration::from_secs(10);

        #[tokio::test]
        async fn loads_evaluates_and_waits() {
            let server = serve_page();
            let browser = Browser::launch().await.unwrap();
            assert!(
                browser.version().await.unwrap().contains("Chrome"),
                "{}",
                browser.log()
            );
            let page = browser.new_page().await.unwrap();
            page.navigate(&format!("http://{server}/")).await.unwrap();

            assert_eq!(
                page.evaluate("document.title").await.unwrap(),
                "testkit page"
            );
            assert_eq!(
                page.evaluate("new Promise((r) => setTimeout(() => r({ n: 42 }), 20))")
                    .await
                    .unwrap(),
                json!({ "n": 42 })
            );
            assert_eq!(page.evaluate("undefined").await.unwrap(), Value::Null);
            let error = page
                .evaluate("Promise.reject(new Error('refused'))")
                .await
                .unwrap_err();
            assert!(error.to_string().contains("refused"), "{error}");
            let error = page.evaluate("syntax error here").await.unwrap_err();
            assert!(matches!(error, Error::Evaluate { .. }), "{error:?}");

            page.evaluate("setTimeout(() => { window.ready = 'yes'; }, 200)")
                .await
                .unwrap();
            assert_eq!(page.wait_for("window.ready", SHORT).await.unwrap(), "yes");
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
            assert_eq!(page.problems(), Vec::<String>::new());

            // A same-document navigation has no load event to wait for.
            page.navigate(&format!("http://{server}/#below"))
                .await
                .unwrap();
            assert_eq!(page.evaluate("location.hash").await.unwrap(), "#below");
        }

        #[tokio::test]
        async fn types_presses_and_clicks() {
            let server = serve_page();
            let browser = Browser::launch().await.unwrap();
            let page = browser.new_page().await.unwrap();
            page.navigate(&format!("http://{server}/")).await.unwrap();

            page.type_text("#entry", "first <b>item</b>").await.unwrap();
            page.press(Key::Enter).await.unwrap();
            page.type_text("#entry", "second").await.unwrap();
            page.click("#send").await.unwrap();
            // type_text is one input event; type_keys is a key per character.
            assert_eq!(page.evaluate("window.keyups").await.unwrap(), 1);
            page.type_keys("#entry", "3rd ü").await.unwrap();
            assert_eq!(page.evaluate("window.keyups").await.unwrap(), 6);
            page.press(Key::Enter).await.unwrap();
            page.wait_for("document.querySelectorAll('#items li').length === 3", SHORT)
                .await
                .unwrap();
            assert_eq!(
                page.text("#items").await.unwrap(),
                "first <b>item</b>\nsecond\n3rd ü"
            );

            page.click("#count").await.unwrap();
            page.click("#count").await.unwrap();
            page.wait_for(
                "document.getElementById('clicks').textContent === '2'",
                SHORT,
            )
            .await
            .unwrap();

            // A click that leaves the document: wait for the next one.
            page.click("#next").await.unwrap();
            page.wait_for(
                "location.pathname === '/next' && document.readyState === 'complete'",
                SHORT,
            )
            .await
            .unwrap();
            assert_eq!(page.text("#clicks").await.unwrap(), "0");

            let error = page.click("#missing").await.unwrap_err();
            assert!(
                error.to_string().contains("no element matches #missing"),
                "{error}"
            );
            assert_eq!(page.problems(), Vec::<String>::new());
        }

        #[tokio::test]
        async fn reports_console_exceptions_and_failed_requests() {
            let server = serve_page();
            let nobody = closed_port();
            let browser = Browser::launch().await.unwrap();
            let page = browser.new_page().await.unwrap();
            page.navigate(&format!("http://{server}/")).await.unwrap();

            page.evaluate("console.log('hello', 2); console.error('it broke')")
                .await
                .unwrap();
            page.evaluate("setTimeout(() => { throw new Error('boom'); }, 0)")
                .await
                .unwrap();
            page.evaluate(&format!(
                "fetch('http://{nobody}/api').catch(() => {{}}); null"
            ))
            .await
            .unwrap();
            page.wait_for("new Promise((r) => setTimeout(() => r(true), 300))", SHORT)
                .await
                .unwrap();

            let console = page.console();
            assert!(
                console.contains(&ConsoleMessage {
                    level: Level::Info,
                    source: "console".into(),
                    text: "hello 2".into(),
                    url: None,
                }),
                "{console:?}"
            );
            let exceptions = page.exceptions();
            assert!(
                exceptions.iter().any(|e| e.contains("Error: boom")),
                "{exceptions:?}"
            );
            let failed = page.failed_requests();
            assert!(
                failed
                    .iter()
                    .any(|r| r.url == format!("http://{nobody}/api")
                        && r.error == "net::ERR_CONNECTION_REFUSED"),
                "{failed:?}"
            );
            let problems = page.problems();
            for expected in ["console error (console): it broke", "Error: boom", "/api"] {
                assert!(
                    problems.iter().any(|p| p.contains(expected)),
                    "{expected} in {problems:?}"
                );
            }

            let error = page
                .navigate(&format!("http://{nobody}/"))
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("net::ERR_CONNECTION_REFUSED"),
                "{error}"
            );
        }

        #[tokio::test]
        async fn screenshots_phone_and_desktop_widths() {
            let server = serve_page();
            let browser = Browser::launch().await.unwrap();
            let page = browser.new_page().await.unwrap();
            for viewport in [Viewport::PHONE, Viewport::DESKTOP] {
                page.set_viewport(viewport).await.unwrap();
                page.navigate(&format!("http://{server}/")).await.unwrap();
                assert_eq!(
                    page.evaluate("window.innerWidth").await.unwrap(),
                    viewport.width
                );
                let png = page.screenshot_png().await.unwrap();
                assert_eq!(png_size(&png), Some((viewport.width, viewport.height)));
                let full = page.full_page_png().await.unwrap();
                assert_eq!(png_size(&full).map(|(w, _)| w), Some(viewport.width));
            }
            let dir = std::env::temp_dir().join(format!("testkit-shot-{}", std::process::id()));
            let path = page.screenshot(dir.join("page.png")).await.unwrap();
            let saved = std::fs::read(&path).unwrap();
            assert_eq!(png_size(&saved), Some((1280, 800)));
            std::fs::remove_dir_all(dir).unwrap();
        }

        #[tokio::test]
        async fn pages_are_isolated_and_dropping_cleans_up() {
            let server = serve_page();
            let browser = Browser::launch().await.unwrap();
            let (one, two) = (
                browser.new_page().await.unwrap(),
                browser.new_page().await.unwrap(),
            );
            for page in [&one, &two] {
                page.navigate(&format!("http://{server}/")).await.unwrap();
            }
            // Each page's script counted its own visit in its own storage.
            assert_eq!(
                one.evaluate("localStorage.getItem('opened')")
                    .await
                    .unwrap(),
                "1"
            );
            assert_eq!(
                two.evaluate("localStorage.getItem('opened')")
                    .await
                    .unwrap(),
                "1"
            );
            two.close().await.unwrap();
            assert_eq!(one.evaluate("1 + 1").await.unwrap(), 2);

            let pid = Pid::from_raw(browser.pid() as i32);
            let profile = browser.profile_dir().to_owned();
            assert!(profile.is_dir());
            assert!(
                running_in_group(pid.as_raw()).contains(&pid.as_raw()),
                "the probe sees the running browser"
            );
            drop(browser);
            assert!(!profile.exists(), "the profile is removed");
            // The leader is reaped on drop; its helpers, orphaned by the
            // same signal, die at once but are left for init to reap, so
            // what must be gone is every one that still runs.
            let deadline = Instant::now() + SHORT;
            loop {
                let running = running_in_group(pid.as_raw());
                if running.is_empty() {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "processes {running:?} of the browser's group still run after {SHORT:?}"
                );
                tokio::time::sleep(POLL_INTERVAL).await;
            }
            let error = one.evaluate("1").await.unwrap_err();
            assert!(matches!(error, Error::Closed { .. }), "{error:?}");
        }
    }
}
