//! Which function of a twin handles which route or message, read from the
//! twin's source each time it is asked, so a renamed handler or a new route
//! can never leave the answer out of date.
//!
//! What is read:
//! - Go: `mux.HandleFunc("METHOD /path", handler)` (or `Handle`) in the
//!   `.go` files (tests excluded) at the top of the twin's directory, and
//!   the `func` that `handler` names;
//! - Rust: `.route("/path", get(handler).post(other))` in `src/**/*.rs`
//!   (each file up to its `#[cfg(test)]`), and the `fn` each method router
//!   names;
//! - protocol messages, where the twin has them: in Rust, the variants of
//!   the `#[serde(tag = "type", rename_all = "snake_case")]` enum named
//!   [`RUST_MESSAGES`], and each match arm on one of them; in Go, each
//!   `case "kind":` of a value `switch` that returns a composite literal, that type,
//!   and each `case thatType:` of a type switch.
//!
//! A handler written inline (a Go `func(w, r)` literal, a Rust closure) is
//! reported at the line of its route.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Sent, relative};
use crate::book_root;

/// The Rust enum whose variants are the messages a client sends.
pub const RUST_MESSAGES: &str = "ClientMessage";

/// A line of the book's source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Relative to the book's root.
    pub file: PathBuf,
    /// Counted from 1.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// The function that handles a route or a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handler {
    /// Its declaration (or, for an inline handler, the route's line).
    pub at: Location,
    /// `func (s *server) submit`, `async fn submit`, `an inline func`.
    pub name: String,
}

impl fmt::Display for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.at, self.name)
    }
}

/// A route (or a message type) of a twin and what handles it.
#[derive(Clone, Debug)]
pub struct Route {
    /// The pattern: `POST /jobs`, `GET /jobs/{id}`, or a message type.
    pub sent: Sent,
    /// Where the route is declared.
    pub at: Location,
    /// Its handler, or why it cannot be found.
    pub handler: Result<Handler, String>,
    /// A Go pattern ending in `/` matches every path under it.
    prefix: bool,
    /// A handler for requests no route takes: a Go pattern with no method
    /// (or one not written as a literal), axum's `fallback` and
    /// `method_not_allowed_fallback`. Fallbacks answer what the contract
    /// leaves to "any other request", so the twins need not declare the
    /// same ones; each must still resolve to its handler.
    pub fallback: bool,
}

impl Route {
    /// Whether what a case sent is served by this route.
    pub fn matches(&self, sent: &Sent) -> bool {
        match (&self.sent, sent) {
            (Sent::Message(pattern), Sent::Message(kind)) => pattern == kind,
            (Sent::Request { path, .. }, Sent::Request { .. })
                if self.fallback && path.is_empty() =>
            {
                true
            }
            (
                Sent::Request { method, path },
                Sent::Request {
                    method: sent_method,
                    path: sent_path,
                },
            ) => {
                (method.is_empty() || method == sent_method)
                    && path_matches(path, sent_path, self.prefix)
            }
            _ => false,
        }
    }
}

/// `/jobs/{id}` against `/jobs/7`; `{$}` ends an exact Go pattern and
/// `{rest...}` takes the remaining segments.
fn path_matches(pattern: &str, path: &str, prefix: bool) -> bool {
    let pattern = pattern.trim_end_matches("{$}");
    let mut want = pattern.split('/');
    let mut got = path.split('/');
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(""), Some(_)) if prefix && want.clone().next().is_none() => return true,
            (Some(w), Some(_)) if w.starts_with('{') && w.ends_with("...}") => return true,
            (Some(w), Some(g)) if w.starts_with('{') && w.ends_with('}') && !g.is_empty() => {}
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// One source file, read whole.
struct File {
    path: PathBuf,
    lines: Vec<String>,
}

impl File {
    fn at(&self, index: usize) -> Location {
        Location {
            file: relative(&self.path),
            line: index + 1,
        }
    }
}

/// The routes and messages of the `language` (`"rust"` or `"go"`) twin in
/// `twins`, a directory of the book; or what could not be read.
pub fn handlers(twins: &Path, language: &str) -> Result<Vec<Route>, Vec<String>> {
    let dir = book_root().join(twins);
    let files = match language {
        "go" => go_files(&dir),
        "rust" => rust_files(&dir.join("src")),
        other => return Err(vec![format!("no twin is written in {other:?}")]),
    }
    .map_err(|e| vec![format!("cannot read {}: {e}", dir.display())])?;
    if files.is_empty() {
        return Err(vec![format!("no {language} source in {}", dir.display())]);
    }
    Ok(match language {
        "go" => [go_routes(&files), go_messages(&files)].concat(),
        _ => [rust_routes(&files), rust_messages(&files)].concat(),
    })
}

fn read(path: PathBuf) -> std::io::Result<File> {
    let text = fs::read_to_string(&path)?;
    Ok(File {
        lines: text.lines().map(str::to_owned).collect(),
        path,
    })
}

/// The Go files of the package at the top of `dir`, tests excluded.
fn go_files(dir: &Path) -> std::io::Result<Vec<File>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        name.ends_with(".go") && !name.ends_with("_test.go")
    });
    paths.sort();
    paths.into_iter().map(read).collect()
}

/// The Rust files under `dir`, each cut at its `#[cfg(test)]`.
fn rust_files(dir: &Path) -> std::io::Result<Vec<File>> {
    let mut paths = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut files: Vec<File> = paths.into_iter().map(read).collect::<Result<_, _>>()?;
    for file in &mut files {
        if let Some(end) = file.lines.iter().position(|l| l.trim() == "#[cfg(test)]") {
            file.lines.truncate(end);
        }
    }
    Ok(files)
}

/// The text of the first string literal in `text`.
fn first_string(text: &str) -> Option<&str> {
    let start = text.find('"')? + 1;
    let len = text[start..].find('"')?;
    Some(&text[start..start + len])
}

/// The identifier (or path) at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == ':'))
        .unwrap_or(text.len());
    &text[..end]
}

fn code(line: &str) -> bool {
    !line.trim_start().starts_with("//")
}

fn go_routes(files: &[File]) -> Vec<Route> {
    let mut routes = Vec::new();
    for file in files {
        for (i, line) in file.lines.iter().enumerate().filter(|(_, l)| code(l)) {
            let Some(call) = [".HandleFunc(", ".Handle("]
                .iter()
                .find_map(|call| Some(&line[line.find(call)? + call.len()..]))
            else {
                continue;
            };
            // The pattern is the first argument; one that is not a string
            // literal (a loop's variable) can match any path.
            let literal = call.trim_start().starts_with('"');
            let (pattern, handler) = if literal {
                let Some(pattern) = first_string(call) else {
                    continue;
                };
                (
                    pattern,
                    &call[call.find('"').unwrap_or(0) + pattern.len() + 2..],
                )
            } else {
                let Some(comma) = call.find(',') else {
                    continue;
                };
                ("", &call[comma..])
            };
            let (method, path) = match pattern.split_once(' ') {
                Some((method, path)) => (method.to_owned(), path.trim().to_owned()),
                None => (String::new(), pattern.to_owned()),
            };
            let handler = handler.trim_start_matches([',', ' ']).trim();
            let handler = if handler.starts_with("func(") {
                Ok(Handler {
                    at: file.at(i),
                    name: "an inline func".to_owned(),
                })
            } else {
                let expr = ident(handler);
                match expr.rsplit_once('.') {
                    // `s.submit`: a method value.
                    Some((_, name)) => go_func(files, file, name, true),
                    // `submit` or `submit(q, limit)`: a function, or one
                    // that makes the handler.
                    None => go_func(files, file, expr, false),
                }
            };
            routes.push(Route {
                prefix: path.ends_with('/'),
                fallback: method.is_empty(),
                sent: Sent::Request { method, path },
                at: file.at(i),
                handler,
            });
        }
    }
    routes
}

/// The declaration of Go function (or method) `name`, looked for in `first`
/// and then in the other files of the package.
fn go_func(files: &[File], first: &File, name: &str, method: bool) -> Result<Handler, String> {
    let order = std::iter::once(first).chain(files.iter().filter(|f| f.path != first.path));
    for file in order {
        for (i, line) in file.lines.iter().enumerate() {
            let Some(rest) = line.strip_prefix("func ") else {
                continue;
            };
            let (receiver, rest) = match rest.strip_prefix('(') {
                Some(after) => match after.split_once(") ") {
                    Some((receiver, rest)) => (Some(receiver), rest),
                    None => continue,
                },
                None => (None, rest),
            };
            if receiver.is_some() == method && rest.starts_with(&format!("{name}(")) {
                let name = match receiver {
                    Some(receiver) => format!("func ({receiver}) {name}"),
                    None => format!("func {name}"),
                };
                return Ok(Handler {
                    at: file.at(i),
                    name,
                });
            }
        }
    }
    let kind = if method { "method" } else { "func" };
    Err(format!("no {kind} `{name}` in the package"))
}

fn go_messages(files: &[File]) -> Vec<Route> {
    let mut routes = Vec::new();
    for file in files {
        // A `switch` on a value (not a type switch) whose `case "kind":`
        // returns a composite literal is the one that reads messages.
        let mut in_value_switch = false;
        for (i, line) in file.lines.iter().enumerate() {
            let code = line.trim();
            if code.starts_with("switch ") {
                in_value_switch = !code.contains(".(type)");
                continue;
            }
            if !in_value_switch || !code.starts_with("case \"") {
                continue;
            }
            let Some(kind) = first_string(code) else {
                continue;
            };
            // The type this case returns, before the next case.
            let returned = file.lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .take_while(|l| !l.starts_with("case ") && !l.starts_with("default"))
                .find_map(|l| {
                    let value = l.strip_prefix("return ")?.trim_start_matches('&');
                    let name = ident(value);
                    value[name.len()..].starts_with('{').then_some(name)
                });
            let Some(returned) = returned else {
                continue;
            };
            let handler = go_type_cases(files, returned);
            for handler in
                handler.map_or_else(|e| vec![Err(e)], |hs| hs.into_iter().map(Ok).collect())
            {
                routes.push(Route {
                    sent: Sent::Message(kind.to_owned()),
                    at: file.at(i),
                    handler,
                    prefix: false,
                    fallback: false,
                });
            }
        }
    }
    routes
}

/// Each `case name:` of a type switch, reported as its line and the
/// function it is in.
fn go_type_cases(files: &[File], name: &str) -> Result<Vec<Handler>, String> {
    let mut found = Vec::new();
    for file in files {
        for (i, line) in file.lines.iter().enumerate() {
            if line.trim() == format!("case {name}:") {
                let func = file.lines[..i]
                    .iter()
                    .rev()
                    .find_map(|l| go_signature_name(l))
                    .unwrap_or_default();
                found.push(Handler {
                    at: file.at(i),
                    name: func,
                });
            }
        }
    }
    if found.is_empty() {
        return Err(format!("no `case {name}:` in a type switch"));
    }
    Ok(found)
}

/// `func (s *server) submit` from a whole Go declaration line.
fn go_signature_name(line: &str) -> Option<String> {
    let rest = line.strip_prefix("func ")?;
    let (receiver, rest) = match rest.strip_prefix('(') {
        Some(after) => {
            let (receiver, rest) = after.split_once(") ")?;
            (Some(receiver), rest)
        }
        None => (None, rest),
    };
    let name = ident(rest);
    Some(match receiver {
        Some(receiver) => format!("func ({receiver}) {name}"),
        None => format!("func {name}"),
    })
}

/// Axum's method routers, as they are called in a `.route`.
const METHOD_ROUTERS: [&str; 8] = [
    "get", "post", "put", "delete", "patch", "head", "options", "any",
];

fn rust_routes(files: &[File]) -> Vec<Route> {
    let mut routes = Vec::new();
    for file in files {
        for (i, line) in file.lines.iter().enumerate().filter(|(_, l)| code(l)) {
            if let Some(handler) = [".fallback(", ".method_not_allowed_fallback("]
                .iter()
                .find_map(|call| Some(line[line.find(call)? + call.len()..].trim_start()))
            {
                routes.push(Route {
                    sent: Sent::Request {
                        method: String::new(),
                        path: String::new(),
                    },
                    at: file.at(i),
                    handler: rust_handler(files, file, i, handler),
                    prefix: false,
                    fallback: true,
                });
                continue;
            }
            let Some(start) = line.find(".route(") else {
                continue;
            };
            // The route's arguments may span lines (rustfmt breaks long
            // ones); read up to the parenthesis that closes `.route(`.
            let mut depth = 0;
            let mut parts: Vec<(usize, String)> = Vec::new();
            'lines: for (j, text) in file.lines.iter().enumerate().skip(i) {
                let text = if j == i {
                    &text[start + ".route".len()..]
                } else {
                    text
                };
                let mut taken = String::new();
                for c in text.chars() {
                    taken.push(c);
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                parts.push((j, taken));
                                break 'lines;
                            }
                        }
                        _ => {}
                    }
                }
                parts.push((j, taken));
            }
            let Some(path) = parts.iter().find_map(|(_, text)| first_string(text)) else {
                continue;
            };
            for (j, text) in &parts {
                for method in METHOD_ROUTERS {
                    let call = format!("{method}(");
                    let mut from = 0;
                    while let Some(found) = text[from..].find(&call) {
                        let at = from + found;
                        from = at + call.len();
                        let before = text[..at].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                            continue;
                        }
                        let handler = rust_handler(files, file, *j, text[from..].trim_start());
                        routes.push(Route {
                            sent: Sent::Request {
                                method: method.to_uppercase(),
                                path: path.to_owned(),
                            },
                            at: file.at(*j),
                            handler,
                            prefix: false,
                            fallback: false,
                        });
                    }
                }
            }
        }
    }
    routes
}

/// The handler named at the start of `text`, on line `index` of `file`: a
/// closure there, or the `fn` its last path segment names.
fn rust_handler(files: &[File], file: &File, index: usize, text: &str) -> Result<Handler, String> {
    if text.starts_with('|') || text.starts_with("async") || text.starts_with("move") {
        Ok(Handler {
            at: file.at(index),
            name: "a closure".to_owned(),
        })
    } else {
        let name = ident(text).rsplit("::").next().unwrap_or_default();
        rust_fn(files, file, name)
    }
}

/// `async fn submit` if `line` declares a function, with its name.
fn rust_fn_decl(line: &str) -> Option<(String, &str)> {
    let mut rest = line.trim_start();
    let mut words = Vec::new();
    for word in ["pub(crate) ", "pub ", "const ", "async ", "unsafe "] {
        if let Some(after) = rest.strip_prefix(word) {
            if !word.starts_with("pub") {
                words.push(word.trim());
            }
            rest = after;
        }
    }
    let rest = rest.strip_prefix("fn ")?;
    let name = ident(rest);
    words.push("fn");
    Some((format!("{} {name}", words.join(" ")), name))
}

/// The declaration of Rust function `name`, looked for in `first` and then
/// in the crate's other files.
fn rust_fn(files: &[File], first: &File, name: &str) -> Result<Handler, String> {
    let order = std::iter::once(first).chain(files.iter().filter(|f| f.path != first.path));
    for file in order {
        for (i, line) in file.lines.iter().enumerate() {
            if let Some((decl, found)) = rust_fn_decl(line)
                && found == name
            {
                return Ok(Handler {
                    at: file.at(i),
                    name: decl,
                });
            }
        }
    }
    Err(format!("no `fn {name}` in the crate"))
}

fn rust_messages(files: &[File]) -> Vec<Route> {
    let mut routes = Vec::new();
    for file in files {
        let Some(start) = file
            .lines
            .iter()
            .position(|l| l.contains(&format!("enum {RUST_MESSAGES} {{")))
        else {
            continue;
        };
        let tagged = file.lines[..start]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#[") || l.trim_start().starts_with("///"))
            .any(|l| l.contains("tag = \"type\"") && l.contains("rename_all = \"snake_case\""));
        for (i, line) in file.lines.iter().enumerate().skip(start + 1) {
            let code = line.trim();
            if code.starts_with('}') {
                break;
            }
            let variant = ident(code);
            if variant.is_empty() || code.starts_with("//") || code.starts_with("#") {
                continue;
            }
            let handler = if tagged {
                rust_arms(files, variant)
            } else {
                Err(format!(
                    "`enum {RUST_MESSAGES}` is not `#[serde(tag = \"type\", rename_all = \"snake_case\")]`"
                ))
            };
            for handler in
                handler.map_or_else(|e| vec![Err(e)], |hs| hs.into_iter().map(Ok).collect())
            {
                routes.push(Route {
                    sent: Sent::Message(snake_case(variant)),
                    at: file.at(i),
                    handler,
                    prefix: false,
                    fallback: false,
                });
            }
        }
    }
    routes
}

/// Each match arm on `ClientMessage::variant`, reported as its line and
/// the function it is in.
fn rust_arms(files: &[File], variant: &str) -> Result<Vec<Handler>, String> {
    let pattern = format!("{RUST_MESSAGES}::{variant}");
    let mut found = Vec::new();
    for file in files {
        for (i, line) in file.lines.iter().enumerate() {
            let Some(at) = line.find(&pattern) else {
                continue;
            };
            let after = &line[at + pattern.len()..];
            if !after.starts_with(|c: char| c.is_alphanumeric() || c == '_') && line.contains("=>")
            {
                let func = file.lines[..i]
                    .iter()
                    .rev()
                    .find_map(|l| rust_fn_decl(l))
                    .map(|(decl, _)| decl)
                    .unwrap_or_default();
                found.push(Handler {
                    at: file.at(i),
                    name: func,
                });
            }
        }
    }
    if found.is_empty() {
        return Err(format!("no match arm on `{pattern}`"));
    }
    Ok(found)
}

/// `snake_case` as serde's `rename_all` spells a variant.
fn snake_case(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn matches_paths_as_both_routers_do() {
        assert!(path_matches("/jobs/{id}", "/jobs/7", false));
        assert!(!path_matches("/jobs/{id}", "/jobs/", false));
        assert!(!path_matches("/jobs/{id}", "/jobs/7/x", false));
        assert!(path_matches("/{$}", "/", false));
        assert!(!path_matches("/{$}", "/ws", false));
        assert!(path_matches("/", "/", false));
        assert!(!path_matches("/", "/ws", false));
        assert!(path_matches("/static/", "/static/a.css", true));
        assert!(path_matches("/files/{rest...}", "/files/a/b", false));
    }
}
