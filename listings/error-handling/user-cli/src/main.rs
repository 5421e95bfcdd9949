//! `users`, a command-line program over the user store. The library
//! returns its own `UserError`; the program does not need to tell most
//! errors apart, only to say what it was doing when one happened, so it
//! uses `anyhow::Error` and adds context on the way up: what the error
//! does not say already, such as the step, not the id it names.
//!
//! Usage: `users FILE add NAME` or `users FILE get ID`.

use std::process::ExitCode;

use anyhow::{Context, bail};
use error_handling_user_store::{UserError, UserStore};

// ANCHOR: run
/// Does what the arguments ask and returns what to print.
fn run(args: &[&str]) -> anyhow::Result<String> {
    let [path, command, arg] = args else {
        bail!("usage: users FILE (add NAME | get ID)");
    };
    // "the user store failed: cannot read FILE: …" says it all already.
    let mut store = UserStore::open(path)?;
    match *command {
        "add" => {
            let user = store.add(arg).context("adding a user")?;
            Ok(format!("added user {}", user.id))
        }
        "get" => {
            // The parse error does not name the input.
            let id: u64 = arg
                .parse()
                .with_context(|| format!("{arg:?} is not a user id"))?;
            let user = store.get(id).context("looking up a user")?;
            Ok(user.name)
        }
        other => bail!("unknown command {other:?}"),
    }
}
// ANCHOR_END: run

// ANCHOR: main
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            // `{:#}` prints the whole chain on one line: "a: b: c".
            eprintln!("users: {err:#}");
            exit_code(&err)
        }
    }
}

/// Scripts may want to tell "no such user" from a real failure. The
/// `UserError` is still inside the `anyhow::Error`, and `chain()` visits
/// every cause until one is it: Go's `errors.Is` at the program's edge.
fn exit_code(err: &anyhow::Error) -> ExitCode {
    let not_found = err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<UserError>(),
            Some(UserError::NotFound(_))
        )
    });
    if not_found {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    /// A case: its name, the arguments, the output or the full error
    /// chain, and the exit code.
    type Case<'a> = (&'a str, &'a [&'a str], Result<&'a str, String>, u8);

    #[test]
    fn successes_and_full_error_chains() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let file = dir.join("users.txt");
        let file = file.to_str().unwrap();
        let bad_file = dir.join("not-text.txt");
        std::fs::write(&bad_file, b"\xff\n").unwrap();
        let bad_file = bad_file.to_str().unwrap();

        let cases: [Case; 7] = [
            ("add", &[file, "add", "ana"], Ok("added user 1"), 0),
            ("get", &[file, "get", "1"], Ok("ana"), 0),
            (
                "unknown user",
                &[file, "get", "9"],
                Err("looking up a user: no user with id 9".into()),
                2,
            ),
            (
                "not a number",
                &[file, "get", "x"],
                Err(r#""x" is not a user id: invalid digit found in string"#.into()),
                1,
            ),
            (
                "name taken",
                &[file, "add", "ana"],
                Err(r#"adding a user: a user named "ana" already exists"#.into()),
                1,
            ),
            (
                "storage",
                &[bad_file, "get", "1"],
                Err(format!(
                    "the user store failed: cannot read {bad_file}: \
                     stream did not contain valid UTF-8"
                )),
                1,
            ),
            (
                "usage",
                &[file],
                Err("usage: users FILE (add NAME | get ID)".into()),
                1,
            ),
        ];
        for (case, args, want, want_code) in cases {
            match (run(args), want) {
                (Ok(output), Ok(want)) => assert_eq!(output, want, "{case}"),
                (Err(err), Err(want)) => {
                    assert_eq!(format!("{err:#}"), want, "{case}");
                    assert_eq!(exit_code(&err), ExitCode::from(want_code), "{case}");
                }
                (got, want) => panic!("{case}: got {got:?}, want {want:?}"),
            }
        }
    }

    /// `{:?}`, which `fn main() -> anyhow::Result<()>` uses to report an
    /// error, puts each cause on its own line. (A backtrace may follow
    /// when RUST_BACKTRACE is set.)
    #[test]
    fn debug_format_lists_the_causes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.txt");
        let err = run(&[path.to_str().unwrap(), "get", "9"]).unwrap_err();
        let text = format!("{err:?}");
        let want = "looking up a user\n\nCaused by:\n    no user with id 9";
        assert!(text.starts_with(want), "{text}");
    }

    /// A `UserError` that is the cause of another error, not the error `?`
    /// converted, still gets its exit code: `chain()` walks every
    /// `source()`, where `downcast_ref` on the `anyhow::Error` does not.
    #[test]
    fn exit_code_looks_down_the_chain() {
        #[derive(Debug)]
        struct Batch(UserError);
        impl std::fmt::Display for Batch {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("batch failed")
            }
        }
        impl std::error::Error for Batch {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let err = anyhow::Error::new(Batch(UserError::NotFound(9))).context("nightly run");
        assert!(err.downcast_ref::<UserError>().is_none());
        assert_eq!(exit_code(&err), ExitCode::from(2));
    }
}
// ANCHOR_END: tests
