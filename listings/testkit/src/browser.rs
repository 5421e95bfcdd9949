//! Headless Chromium for browser tests: a thin layer over the `fantoccini`
//! WebDriver client and Debian's `chromedriver`.
//!
//! The book's web programs ship pages that run JavaScript, and the only honest
//! test of such a page is a real browser loading it from a real server. A
//! [`Browser`] is one chromedriver process; each [`Page`] is a WebDriver
//! session of its own, that is one Chromium with a fresh profile (its own
//! storage, like a private window). What this module adds to the WebDriver
//! commands is what the book's tests need and WebDriver lacks:
//!
//! - **The page has finished** ([`Page::settle`]): a script installed before
//!   the page's own ones counts what is under way (timers, animation frames,
//!   requests, resources added by scripts, fonts, running animations), and
//!   every navigation, click and keystroke waits until nothing is. A test
//!   never sleeps, and reads a page only once it has stopped moving.
//! - **What went wrong** ([`Page::problems`]): console errors, uncaught
//!   exceptions and failed requests, each with the URL, line and column it
//!   came from, from chromedriver's browser log.
//! - **Printing** ([`Page::pdf`]): the same script replaces `window.print`,
//!   so a page that asks to be printed (mdBook's print page does, after load)
//!   is recorded ([`Page::print_requests`]) and printed to PDF by the test,
//!   never by a race with the page.
//!
//! Every call is bounded by a timeout, so a broken page fails a test with a
//! message instead of hanging it. Dropping a [`Browser`] kills chromedriver
//! and every Chromium it started, and removes their profiles.
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
//! let problems = page.problems().await?;
//! assert!(problems.is_empty(), "{problems:?}");
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::error::{CmdError, NewSessionError};
use fantoccini::wd::{PrintConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use serde_json::{Value, json};
use tempfile::TempDir;

pub use fantoccini::key::Key;

/// Where Debian's `chromium` package puts the browser.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// Where Debian's `chromium-driver` package puts chromedriver.
pub const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long one command, a navigation or the launch may take by default:
/// only a hang should reach it, on a 2-core machine busy with builds too.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long printing to PDF may take: the book's print page makes some 270
/// pages, which took over 30 s on 2 cores at load 16.
const PRINT_TIMEOUT: Duration = Duration::from_secs(300);

/// How often [`Page::wait_for`] and [`Page::settle`] look again.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// How many lines of chromedriver's output are kept for error messages.
const LOG_LINES: usize = 200;

/// The script every document runs first; see its own comments.
const SETTLE_JS: &str = include_str!("browser/settle.js");

/// Everything that can go wrong while driving the browser.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{} is not installed (set {variable} to use another binary); `.ci/run` installs \
         it: apt-get install chromium chromium-driver",
        program.display()
    )]
    NotInstalled {
        program: PathBuf,
        variable: &'static str,
    },

    #[error("chromedriver did not start: {reason}\n--- its output ---\n{log}")]
    Launch { reason: String, log: String },

    #[error("Chromium did not start: {source}\n--- chromedriver's output ---\n{log}")]
    Session {
        source: Box<NewSessionError>,
        log: String,
    },

    #[error("timed out after {after:?} waiting for {what}")]
    Timeout { what: String, after: Duration },

    #[error("{what}: {source}")]
    WebDriver { what: String, source: Box<CmdError> },

    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },

    #[error("Chromium could not print {url} to PDF: {reason}")]
    Print { url: String, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How often [`Browser::launch_with`] starts chromedriver when the port it
/// picked was taken before it could bind it.
pub const LAUNCH_ATTEMPTS: u32 = 3;

/// How to start the browser; [`Options::default`] is what tests normally want.
#[derive(Clone, Debug)]
pub struct Options {
    /// The browser: `$CHROMIUM` if set, else [`DEFAULT_CHROMIUM`].
    pub chromium: PathBuf,
    /// The driver, of the same version: `$CHROMEDRIVER` if set, else
    /// [`DEFAULT_CHROMEDRIVER`].
    pub chromedriver: PathBuf,
    /// The bound on every command, on each page load and on the launch.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Options {
        let from_env = |variable, default| {
            std::env::var_os(variable)
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(default))
        };
        Options {
            chromium: from_env("CHROMIUM", DEFAULT_CHROMIUM),
            chromedriver: from_env("CHROMEDRIVER", DEFAULT_CHROMEDRIVER),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// A running chromedriver. Dropping it kills chromedriver's process group,
/// which holds every Chromium it started, and removes their profiles.
pub struct Browser {
    driver: Child,
    url: String,
    options: Options,
    profiles: TempDir,
    pages: AtomicU64,
    version: Mutex<Option<String>>,
    log: Arc<Mutex<VecDeque<String>>>,
}

impl Browser {
    /// Starts chromedriver with [`Options::default`].
    pub async fn launch() -> Result<Browser> {
        Browser::launch_with(Options::default()).await
    }

    /// Starts chromedriver on a free loopback port and waits until it
    /// listens. Asked for port 0, chromedriver picks a port itself, and it
    /// has exited with "IPv4 port not available" when that port was taken
    /// before it could listen on it (once, in a CI run whose other tests
    /// held many loopback ports); a launch that fails that way is tried
    /// again, up to [`LAUNCH_ATTEMPTS`] times.
    pub async fn launch_with(options: Options) -> Result<Browser> {
        let mut attempt = 1;
        loop {
            match Browser::launch_once(options.clone()).await {
                Err(Error::Launch { log, .. })
                    if attempt < LAUNCH_ATTEMPTS && log.contains("port not available") =>
                {
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// One start of chromedriver, for [`Browser::launch_with`].
    async fn launch_once(options: Options) -> Result<Browser> {
        for (program, variable) in [
            (&options.chromium, "CHROMIUM"),
            (&options.chromedriver, "CHROMEDRIVER"),
        ] {
            if !program.is_file() {
                return Err(Error::NotInstalled {
                    program: program.clone(),
                    variable,
                });
            }
        }
        let launch_error = |reason: String| Error::Launch {
            reason,
            log: String::new(),
        };
        let profiles = tempfile::Builder::new()
            .prefix("testkit-chromium-")
            .tempdir()
            .map_err(|e| launch_error(format!("cannot create a profile directory: {e}")))?;
        let spawned = Command::new(&options.chromedriver)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // Its own process group, which the browsers it starts join, so
            // that one signal on drop reaches them all.
            .process_group(0)
            .spawn();
        let mut driver = match spawned {
            Ok(driver) => driver,
            Err(e) => {
                return Err(launch_error(format!(
                    "cannot run {}: {e}",
                    options.chromedriver.display()
                )));
            }
        };
        let log = Arc::new(Mutex::new(VecDeque::new()));
        let port = read_output(driver.stdout.take().expect("stdout is piped"), &log);
        // From here on, `browser`'s drop cleans up whatever fails.
        let mut browser = Browser {
            driver,
            url: String::new(),
            options,
            profiles,
            pages: AtomicU64::new(0),
            version: Mutex::default(),
            log,
        };
        let timeout = browser.options.timeout;
        browser.url = match tokio::time::timeout(timeout, port).await {
            Ok(Ok(port)) => format!("http://127.0.0.1:{port}"),
            Ok(Err(_)) => {
                return Err(Error::Launch {
                    reason: "it exited before saying which port it listens on".into(),
                    log: browser.log(),
                });
            }
            Err(_) => {
                return Err(Error::Launch {
                    reason: format!("no `started successfully on port` line within {timeout:?}"),
                    log: browser.log(),
                });
            }
        };
        Ok(browser)
    }

    /// Starts a Chromium with a fresh profile and opens a blank page in it.
    /// Prints the page at `url` to a PDF file at `out` with Chromium's own
    /// headless printing (`--print-to-pdf`), in a fresh profile: once the
    /// page has loaded, as a reader's browser prints it. Not through the
    /// driver: chromedriver gives `Page.printToPDF` ten seconds, which a
    /// book of several hundred printed pages needs on an idle machine and
    /// exceeds on a busy one ("Timed out receiving message from renderer:
    /// 10.000"). Bounded only by a limit that catches a hang.
    pub async fn print_to_pdf(&self, url: &str, out: &Path) -> Result<()> {
        let number = self.pages.fetch_add(1, Ordering::Relaxed);
        let profile = self.profiles.path().join(format!("print-{number}"));
        let print_error = |reason: String| Error::Print {
            url: url.to_owned(),
            reason,
        };
        let child = tokio::process::Command::new(&self.options.chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-crash-reporter",
                "--no-pdf-header-footer",
                "--lang=en",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                print_error(format!(
                    "cannot start {}: {e}",
                    self.options.chromium.display()
                ))
            })?;
        let output = tokio::time::timeout(PRINT_TIMEOUT, child.wait_with_output())
            .await
            .map_err(|_| Error::Timeout {
                what: format!("Chromium to print {url} to PDF"),
                after: PRINT_TIMEOUT,
            })?
            .map_err(|e| print_error(e.to_string()))?;
        if !output.status.success() || !out.is_file() {
            return Err(print_error(format!(
                "it exited with {} and wrote no PDF\n--- its output ---\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        Ok(())
    }

    pub async fn new_page(&self) -> Result<Page> {
        let number = self.pages.fetch_add(1, Ordering::Relaxed);
        let profile = self.profiles.path().join(format!("page-{number}"));
        let timeout_ms = self.options.timeout.as_millis() as u64;
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": self.options.chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-crash-reporter",
                    "--lang=en",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
            "timeouts": { "pageLoad": timeout_ms, "script": timeout_ms },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let connect = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await;
        let client = connect.map_err(|source| Error::Session {
            source: Box::new(source),
            log: self.log(),
        })?;
        let version = client
            .capabilities()
            .and_then(|c| c.get("browserVersion"))
            .and_then(Value::as_str);
        *self.version.lock().unwrap() = version.map(str::to_owned);
        let page = Page {
            client,
            timeout: self.options.timeout,
            problems: Mutex::default(),
        };
        page.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": SETTLE_JS }),
        )
        .await?;
        // The session's first document predates the script; start afresh.
        page.navigate("about:blank").await?;
        Ok(page)
    }

    /// Chromium's version, such as `156.0.8078.108`, once a page is open.
    pub fn version(&self) -> Option<String> {
        self.version.lock().unwrap().clone()
    }

    /// The last lines chromedriver printed, for failure messages.
    pub fn log(&self) -> String {
        let log = self.log.lock().unwrap();
        log.iter().map(|line| format!("{line}\n")).collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = killpg(Pid::from_raw(self.driver.id() as i32), Signal::SIGKILL);
        let _ = self.driver.wait();
        // `profiles` is removed after this, once the browsers are gone.
    }
}

/// One page: a WebDriver session, that is one Chromium with its own profile.
pub struct Page {
    client: Client,
    timeout: Duration,
    /// Every problem read from the browser log so far (reading drains it).
    problems: Mutex<Vec<Problem>>,
}

/// Something that went wrong in a page: a console error, an uncaught
/// exception or unhandled rejection, or a request that failed (no response,
/// or an HTTP error status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `javascript` (an exception), `console-api` (`console.error`),
    /// `network` (a request), or another source of the browser's log.
    pub source: String,
    /// The script or document the problem came from, or the failed request.
    pub url: Option<String>,
    /// Where in `url`, 1-based, when the browser says.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The message, such as `Uncaught Error: boom` or `Failed to load
    /// resource: the server responded with a status of 404 (Not Found)`.
    pub text: String,
}

impl Problem {
    /// Parses one entry of chromedriver's browser log: `URL - TEXT` for a
    /// request, `URL LINE:COLUMN TEXT` (0-based) for a script's.
    fn from_log(source: &str, message: &str) -> Problem {
        let mut problem = Problem {
            source: source.to_owned(),
            url: None,
            line: None,
            column: None,
            text: message.to_owned(),
        };
        let Some((url, rest)) = message.split_once(' ') else {
            return problem;
        };
        if !url.contains(':') {
            return problem;
        }
        problem.url = Some(url.to_owned());
        if let Some(text) = rest.strip_prefix("- ") {
            problem.text = text.to_owned();
        } else if let Some((place, text)) = rest.split_once(' ')
            && let Some((line, column)) = place.split_once(':')
            && let (Ok(line), Ok(column)) = (line.parse::<u32>(), column.parse::<u32>())
        {
            problem.line = Some(line + 1);
            problem.column = Some(column + 1);
            problem.text = text.to_owned();
        } else {
            problem.text = rest.to_owned();
        }
        problem
    }

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

/// `URL:LINE:COLUMN: TEXT (SOURCE)`, as compilers print a place.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(url) = &self.url {
            write!(f, "{url}")?;
            if let (Some(line), Some(column)) = (self.line, self.column) {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{} ({})", self.text, self.source)
    }
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

impl Page {
    /// Loads `url`, waits for its `load` event, then until it has settled.
    pub async fn navigate(&self, url: &str) -> Result<()> {
        self.bounded(format!("loading {url}"), self.client.goto(url))
            .await?;
        self.settle().await
    }

    /// Waits until the page has finished what it started: the document and
    /// its fonts are loaded, and no timer, animation frame, request,
    /// resource added by a script, or finite animation is pending.
    /// Navigations, clicks and keystrokes call it themselves.
    pub async fn settle(&self) -> Result<()> {
        self.settle_within(self.timeout).await
    }

    /// [`settle`](Self::settle), giving up after `within`. Each look at the
    /// page is still one command bounded by the page's own timeout, so a
    /// loaded machine slows the answer down but cannot change it: a short
    /// `within` fails naming what is still pending, never a command that
    /// was cut short.
    pub async fn settle_within(&self, within: Duration) -> Result<()> {
        let deadline = Instant::now() + within;
        let mut last;
        loop {
            let pending = self
                .evaluate(
                    "return window.__testkit ? window.__testkit.pending() \
                     : ['the testkit script is missing from this document']",
                )
                .await;
            match pending {
                Ok(Value::Array(pending)) if pending.is_empty() => return Ok(()),
                Ok(pending) => last = format!("still pending: {pending}"),
                // Between two documents after a click on a link.
                Err(Error::WebDriver { source, .. })
                    if matches!(*source, CmdError::Standard(_)) =>
                {
                    last = source.to_string();
                }
                Err(other) => return Err(other),
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout {
                    what: format!("the page to settle ({last})"),
                    after: within,
                });
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Runs `script` as the body of a function in the page (`return` gives
    /// its value, as JSON; a returned promise is awaited). A thrown exception
    /// or a rejected promise is an error.
    pub async fn evaluate(&self, script: &str) -> Result<Value> {
        self.bounded(
            format!("running `{script}`"),
            self.client.execute(script, Vec::new()),
        )
        .await
    }

    /// Evaluates the JavaScript expression `condition` until its value is
    /// truthy and returns that value. An exception meanwhile counts as "not
    /// yet" (the element is not there yet, or the page is between two
    /// documents). Fails with the last value or error after `timeout`.
    pub async fn wait_for(&self, condition: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        let script = format!("return ({condition});");
        let mut last = String::from("never evaluated");
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(remaining, self.evaluate(&script)).await {
                Ok(Ok(value)) if truthy(&value) => return Ok(value),
                Ok(Ok(value)) => last = format!("it was {value}"),
                Ok(Err(Error::WebDriver { source, .. }))
                    if matches!(*source, CmdError::Standard(_)) =>
                {
                    last = format!("it failed: {source}");
                }
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

    /// The rendered text of the first element matching a CSS selector.
    pub async fn text(&self, selector: &str) -> Result<String> {
        let element = self.find(selector).await?;
        self.bounded(format!("the text of {selector}"), element.text())
            .await
    }

    /// Types `text` into the element matching `selector`, one key at a
    /// time as a keyboard would, then waits for the page to settle.
    pub async fn type_text(&self, selector: &str, text: &str) -> Result<()> {
        let element = self.find(selector).await?;
        self.bounded(format!("typing into {selector}"), element.send_keys(text))
            .await?;
        self.settle().await
    }

    /// Presses a key in whatever has the focus, then waits for the page to
    /// settle.
    pub async fn press(&self, key: Key) -> Result<()> {
        let focused = self
            .bounded("the focused element".into(), self.client.active_element())
            .await?;
        self.bounded(format!("pressing {key:?}"), focused.send_keys(&key))
            .await?;
        self.settle().await
    }

    /// Clicks the middle of the element matching `selector` with the mouse,
    /// after scrolling it into view; fails if something else covers it.
    /// Then waits for the page (or the page the click opened) to settle.
    pub async fn click(&self, selector: &str) -> Result<()> {
        let element = self.find(selector).await?;
        self.bounded(format!("clicking {selector}"), element.click())
            .await?;
        self.settle().await
    }

    /// Emulates a screen size; [`Viewport::PHONE`] also makes the page see
    /// a mobile device.
    pub async fn set_viewport(&self, viewport: Viewport) -> Result<()> {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": viewport.scale,
                "mobile": viewport.mobile,
            }),
        )
        .await?;
        self.settle().await
    }

    /// The visible part of the page as PNG bytes.
    pub async fn screenshot_png(&self) -> Result<Vec<u8>> {
        self.bounded("a screenshot".into(), self.client.screenshot())
            .await
    }

    /// Saves [`Page::screenshot_png`] to `path`, creating its directory.
    pub async fn screenshot(&self, path: impl AsRef<Path>) -> Result<PathBuf> {
        let png = self.screenshot_png().await?;
        write_file(path.as_ref(), &png)
    }

    /// The page printed to PDF (A4-ish Letter, no backgrounds), as the
    /// browser's "Save as PDF" would.
    pub async fn pdf(&self) -> Result<Vec<u8>> {
        let print = self.client.print(PrintConfiguration::default());
        bounded(
            PRINT_TIMEOUT.max(self.timeout),
            "printing to PDF".into(),
            print,
        )
        .await
    }

    /// How many times the current document called `window.print()`; the
    /// calls are recorded instead of opening a print dialog.
    pub async fn print_requests(&self) -> Result<u64> {
        let count = self
            .evaluate("return window.__testkit.printRequests()")
            .await?;
        Ok(count.as_u64().unwrap_or(0))
    }

    /// Every problem the page has had so far, oldest first: errors in the
    /// console, uncaught exceptions and failed requests (tests assert that
    /// this is empty). A 404 for `/favicon.ico` is left out: Chromium asks
    /// for it by itself when a page names no icon.
    pub async fn problems(&self) -> Result<Vec<Problem>> {
        let entries = self
            .bounded(
                "the browser log".into(),
                self.client.issue_cmd(SessionPost {
                    path: "se/log",
                    body: json!({ "type": "browser" }),
                }),
            )
            .await?;
        let mut problems = self.problems.lock().unwrap();
        for entry in entries.as_array().into_iter().flatten() {
            if entry["level"] != "SEVERE" {
                continue;
            }
            let problem = Problem::from_log(
                entry["source"].as_str().unwrap_or("other"),
                entry["message"].as_str().unwrap_or_default(),
            );
            if !problem.is_favicon_guess() {
                problems.push(problem);
            }
        }
        Ok(problems.clone())
    }

    /// Ends the session: its Chromium exits and its profile is removed.
    pub async fn close(self) -> Result<()> {
        bounded(self.timeout, "closing the page".into(), self.client.close()).await
    }

    /// Sends a DevTools Protocol command through chromedriver, for what
    /// WebDriver has no command for.
    async fn devtools(&self, method: &str, params: Value) -> Result<Value> {
        self.bounded(
            format!("the DevTools command {method}"),
            self.client.issue_cmd(SessionPost {
                path: "goog/cdp/execute",
                body: json!({ "cmd": method, "params": params }),
            }),
        )
        .await
    }

    async fn find(&self, selector: &str) -> Result<fantoccini::elements::Element> {
        self.bounded(
            format!("finding {selector}"),
            self.client.find(Locator::Css(selector)),
        )
        .await
    }

    async fn bounded<T>(
        &self,
        what: String,
        command: impl Future<Output = Result<T, CmdError>>,
    ) -> Result<T> {
        bounded(self.timeout, what, command).await
    }
}

/// Awaits one WebDriver command, at most `timeout`.
async fn bounded<T>(
    timeout: Duration,
    what: String,
    command: impl Future<Output = Result<T, CmdError>>,
) -> Result<T> {
    match tokio::time::timeout(timeout, command).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(source)) => Err(Error::WebDriver {
            what,
            source: Box::new(source),
        }),
        Err(_) => Err(Error::Timeout {
            what,
            after: timeout,
        }),
    }
}

/// A chromedriver command outside the W3C standard: a POST with a JSON
/// body to `/session/{id}/{path}`.
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session}/{}", self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// JavaScript's truthiness, for the JSON a condition returned.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
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

/// The width and height in a PNG's header, for checking screenshots.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if png.len() < 24 || &png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
    Some((width, height))
}

/// The port in chromedriver's `ChromeDriver was started successfully on
/// port 41235.` line.
fn started_on(line: &str) -> Option<u16> {
    let rest = &line[line.find("started successfully on port ")? + 29..];
    rest.trim().trim_end_matches('.').parse().ok()
}

/// Drains chromedriver's output on a thread for as long as it runs (a full
/// pipe would stall it), keeping the last lines for error messages; the
/// returned receiver gets the port once it is printed.
fn read_output(
    output: std::process::ChildStdout,
    log: &Arc<Mutex<VecDeque<String>>>,
) -> tokio::sync::oneshot::Receiver<u16> {
    let (found_tx, found) = tokio::sync::oneshot::channel();
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        let mut found_tx = Some(found_tx);
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            if let Some(port) = started_on(&line)
                && let Some(tx) = found_tx.take()
            {
                let _ = tx.send(port);
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

#[cfg(test)]
mod tests;
