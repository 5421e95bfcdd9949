//! Code shaped for tests that run in parallel: settings read through a
//! lookup function rather than from the process's environment, a reminder
//! sent through a `Mailer` trait that a test can fake, and a delay that a
//! paused clock skips. The Rust side of "the test model" in the "testing
//! side by side" chapter, beside the Go files of this directory.

use std::time::Duration;

// ANCHOR: settings
/// What the service reads from its environment.
#[derive(Debug, PartialEq)]
pub struct Settings {
    pub port: u16,
}

impl Settings {
    /// Reads the settings through `lookup`: `std::env::var` in `main`, a
    /// closure over a table in the tests, so no test touches the process's
    /// environment, which every test thread shares.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let port = match lookup("PORT") {
            None => 8080,
            Some(text) => text.parse().map_err(|e| format!("PORT={text}: {e}"))?,
        };
        Ok(Settings { port })
    }
}
// ANCHOR_END: settings

// ANCHOR: mailer
/// Whatever sends mail. The service gets a real one; a test, a fake.
pub trait Mailer {
    fn send(&mut self, to: &str, body: &str);
}

/// Waits `delay`, then reminds every user.
pub async fn remind_later(mailer: &mut impl Mailer, users: &[&str], delay: Duration) {
    tokio::time::sleep(delay).await;
    for user in users {
        mailer.send(user, "your trial ends tomorrow");
    }
}
// ANCHOR_END: mailer

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    // ANCHOR: test-settings
    #[test]
    fn settings_come_from_the_lookup_not_the_environment() {
        let cases = [
            ("unset", vec![], Ok(Settings { port: 8080 })),
            ("set", vec![("PORT", "9000")], Ok(Settings { port: 9000 })),
            (
                "not a port",
                vec![("PORT", "http")],
                Err("PORT=http: invalid digit found in string".to_owned()),
            ),
        ];
        for (name, vars, want) in cases {
            let vars: HashMap<_, _> = vars.into_iter().collect();
            let got = Settings::from_lookup(|key| vars.get(key).map(|v| v.to_string()));
            assert_eq!(got, want, "{name}");
        }
    }
    // ANCHOR_END: test-settings

    // ANCHOR: test-files
    #[test]
    fn each_test_writes_in_a_directory_of_its_own() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "port = 9000\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "port = 9000\n");
        // `dir` is removed when dropped, here or when the test panics.
    }
    // ANCHOR_END: test-files

    // ANCHOR: fake
    /// Records what would have been sent.
    #[derive(Default)]
    struct FakeMailer {
        sent: Vec<(String, String)>,
    }

    impl Mailer for FakeMailer {
        fn send(&mut self, to: &str, body: &str) {
            self.sent.push((to.to_owned(), body.to_owned()));
        }
    }
    // ANCHOR_END: fake

    // ANCHOR: test-paused
    #[tokio::test(start_paused = true)]
    async fn the_reminder_goes_out_after_an_hour_of_paused_time() {
        let mut mailer = FakeMailer::default();
        let started = tokio::time::Instant::now();
        remind_later(&mut mailer, &["ana", "bo"], Duration::from_secs(3600)).await;
        assert_eq!(started.elapsed(), Duration::from_secs(3600));
        let to: Vec<_> = mailer.sent.iter().map(|(to, _)| to.as_str()).collect();
        assert_eq!(to, ["ana", "bo"]);
    }
    // ANCHOR_END: test-paused
}
