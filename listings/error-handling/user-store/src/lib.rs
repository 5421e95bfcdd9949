//! A small user store whose errors are a library's errors: one enum with a
//! variant for each case a caller may want to handle on its own, built with
//! thiserror, and a source chain that keeps the low-level cause of a
//! storage failure. Users live in a text file, one name per line, the line
//! number being the user's id, so that storage can fail the way real
//! storage does: the disk refuses, or the bytes on it are not text.

use std::error::Error;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A user of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: u64,
    pub name: String,
}

// ANCHOR: errors
/// Everything that can go wrong with the store, one variant per case a
/// caller might treat differently.
#[derive(Debug, Error)]
pub enum UserError {
    #[error("no user with id {0}")]
    NotFound(u64),
    #[error("a user named {0:?} already exists")]
    AlreadyExists(String),
    #[error("a user name must be one non-empty line, not {0:?}")]
    InvalidName(String),
    /// The message stays short: the cause is the next error in the chain,
    /// not part of this one's text.
    #[error("the user store failed")]
    Storage(#[from] StorageError),
}

/// The file behind the store could not be used. `std::io::Error` does not
/// say which file; this error does.
#[derive(Debug, Error)]
#[error("cannot {action} {}", path.display())]
pub struct StorageError {
    action: &'static str,
    path: PathBuf,
    /// thiserror makes a field named `source` the error's `source()`.
    source: io::Error,
}
// ANCHOR_END: errors

impl StorageError {
    /// A closure for `map_err` that adds what was being done, and to which
    /// file, to an I/O error.
    fn on(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StorageError {
        let path = path.to_owned();
        move |source| StorageError {
            action,
            path,
            source,
        }
    }
}

/// Users kept in memory and appended to a file as they are added.
#[derive(Debug)]
pub struct UserStore {
    path: PathBuf,
    names: Vec<String>,
}

// ANCHOR: store
impl UserStore {
    /// Opens the store kept in `path`; a missing file is an empty store.
    pub fn open(path: impl Into<PathBuf>) -> Result<UserStore, UserError> {
        let path = path.into();
        let text = match fs::read_to_string(&path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
            // `?` turns the StorageError into a UserError through the
            // `From` impl that `#[from]` generated.
            read => read.map_err(StorageError::on("read", &path))?,
        };
        let names = text.lines().map(str::to_owned).collect();
        Ok(UserStore { path, names })
    }

    /// The user with the given id.
    pub fn get(&self, id: u64) -> Result<User, UserError> {
        let index = usize::try_from(id).ok().and_then(|id| id.checked_sub(1));
        match index.and_then(|i| self.names.get(i)) {
            Some(name) => Ok(User {
                id,
                name: name.clone(),
            }),
            None => Err(UserError::NotFound(id)),
        }
    }

    /// Adds a user and writes it to the file before anyone can see it.
    pub fn add(&mut self, name: &str) -> Result<User, UserError> {
        if name.is_empty() || name.contains(['\n', '\r']) {
            return Err(UserError::InvalidName(name.to_owned()));
        }
        if self.names.iter().any(|known| known == name) {
            return Err(UserError::AlreadyExists(name.to_owned()));
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(StorageError::on("open", &self.path))?;
        writeln!(file, "{name}").map_err(StorageError::on("append to", &self.path))?;
        // Dropping a File ignores any error from closing it; `sync_all` is
        // how std lets a program see a failed write-back, where the Go twin
        // checks the error of `Close`.
        file.sync_all()
            .map_err(StorageError::on("sync", &self.path))?;
        self.names.push(name.to_owned());
        Ok(User {
            id: self.names.len() as u64,
            name: name.to_owned(),
        })
    }
}
// ANCHOR_END: store

// ANCHOR: report
/// An error followed by its chain of causes, outermost first, joined by
/// ": ", the way Go's wrapped errors read.
pub fn report(error: &dyn Error) -> String {
    std::iter::successors(Some(error), |&e| e.source())
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The kind of the first `std::io::Error` in an error's chain, found by
/// `downcast_ref`: what `errors.As` does in Go.
pub fn io_error_kind(error: &(dyn Error + 'static)) -> Option<io::ErrorKind> {
    std::iter::successors(Some(error), |&e| e.source())
        .find_map(|e| e.downcast_ref::<io::Error>())
        .map(io::Error::kind)
}
// ANCHOR_END: report

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let cases = [
            (UserError::NotFound(7), "no user with id 7"),
            (
                UserError::AlreadyExists("ana".into()),
                r#"a user named "ana" already exists"#,
            ),
            (
                UserError::InvalidName("a\nb".into()),
                r#"a user name must be one non-empty line, not "a\nb""#,
            ),
        ];
        for (error, want) in cases {
            assert_eq!(error.to_string(), want, "{error:?}");
        }
    }

    #[test]
    fn errors_callers_can_tell_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut store = UserStore::open(dir.join("users.txt")).unwrap();
        assert_eq!(store.add("ana").unwrap().id, 1);

        // Each case says which variant it expects, as errors.Is would in Go,
        // and the message.
        type Case = (
            &'static str,
            UserError,
            fn(&UserError) -> bool,
            &'static str,
        );
        let cases: [Case; 4] = [
            (
                "unknown id",
                store.get(7).unwrap_err(),
                |e| matches!(e, UserError::NotFound(7)),
                "no user with id 7",
            ),
            (
                "id zero",
                store.get(0).unwrap_err(),
                |e| matches!(e, UserError::NotFound(0)),
                "no user with id 0",
            ),
            (
                "same name twice",
                store.add("ana").unwrap_err(),
                |e| matches!(e, UserError::AlreadyExists(name) if name == "ana"),
                r#"a user named "ana" already exists"#,
            ),
            (
                "empty name",
                store.add("").unwrap_err(),
                |e| matches!(e, UserError::InvalidName(_)),
                r#"a user name must be one non-empty line, not """#,
            ),
        ];
        for (case, error, is_expected, want) in cases {
            assert!(is_expected(&error), "{case}: {error:?}");
            assert_eq!(report(&error), want, "{case}");
        }
        // Nothing failed halfway: the file holds exactly the one user.
        assert_eq!(fs::read_to_string(dir.join("users.txt")).unwrap(), "ana\n");
    }

    #[test]
    fn users_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.txt");
        let mut store = UserStore::open(&path).unwrap();
        store.add("ana").unwrap();
        store.add("bo").unwrap();
        let store = UserStore::open(&path).unwrap();
        let want = User {
            id: 2,
            name: "bo".into(),
        };
        assert_eq!(store.get(2).unwrap(), want);
    }

    #[test]
    fn storage_failures_keep_their_cause() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let not_text = dir.join("not-text.txt");
        fs::write(&not_text, b"ana\n\xff\xfe\n").unwrap();
        let no_dir = dir.join("missing").join("users.txt");

        let unreadable = UserStore::open(&not_text).unwrap_err();
        let unwritable = UserStore::open(&no_dir).unwrap().add("ana").unwrap_err();

        let cases = [
            (
                unreadable,
                format!("the user store failed: cannot read {}", not_text.display()),
                io::ErrorKind::InvalidData,
            ),
            (
                unwritable,
                format!("the user store failed: cannot open {}", no_dir.display()),
                io::ErrorKind::NotFound,
            ),
        ];
        for (error, want_prefix, want_kind) in cases {
            assert!(matches!(error, UserError::Storage(_)), "{error:?}");
            let text = report(&error);
            // The last link is the operating system's own message, whose
            // wording differs between systems; its kind does not.
            assert!(text.starts_with(&format!("{want_prefix}: ")), "{text}");
            assert_eq!(io_error_kind(&error), Some(want_kind), "{text}");
        }
    }
}
// ANCHOR_END: tests
