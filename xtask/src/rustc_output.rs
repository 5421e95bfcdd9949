//! The compiler's output for a compile-fail listing as rustc prints it.
//!
//! trybuild checks each `listings/<chapter>/compile-fail/eNNNN-what.rs`
//! against its committed `.stderr`, which it writes normalised: the path
//! starts with `$WORKSPACE/`, and for that file the `-->` line loses its
//! `:line:column` and the gutter its line numbers, so the test does not
//! break each time a line moves. A reader should see what rustc shows them,
//! so the captions preprocessor renders each such `.stderr` with the path
//! relative to the repository (as rustc prints it when run from there), the
//! `-->` line's line and column, and the gutter's numbers, all read back
//! from the listing itself: a source line of the output is the line of the
//! file it quotes, and the primary span (`^`) gives the column. Lines in
//! other files (`$RUST/…`, `$CARGO/…`) stay as trybuild wrote them: their
//! numbers change with every toolchain.
//!
//! Nothing is stored twice, so nothing can drift: trybuild checks the text,
//! and the rendering fails, naming the `.stderr` line, when it cannot find
//! the quoted lines in the listing (the unit test below runs it over every
//! committed file). Compared with what rustc 1.95 printed for the 49
//! listings (`cargo check --message-format=json` in trybuild's project),
//! 47 came out identical outside the `$RUST`/`$CARGO` lines; the gutter of
//! the two whose diagnostic also quotes axum (line 167 of a file of its
//! own) is one column narrower than rustc's, which sizes it for that line. Compared with what rustc 1.95 printed for the 49
//! listings (`cargo check --message-format=json` in trybuild's project),
//! 47 came out identical outside the `$RUST`/`$CARGO` lines; the gutter of
//! the two whose diagnostic also quotes axum (line 167 of a file of its
//! own) is one column narrower than rustc's, which sizes it for that line.

use std::path::Path;

use anyhow::{Result, bail};

/// The `.stderr` text `normalised` as rustc prints it, its `$WORKSPACE`
/// listings read from under `root`. `name` is the file's path, for errors.
pub fn real_shape(root: &Path, name: &str, normalised: &str) -> Result<String> {
    let lines: Vec<&str> = normalised.lines().collect();
    // What each line becomes, before the gutter is widened: the arrow's
    // new text, or a quoted line's number.
    let mut arrows: Vec<Option<String>> = vec![None; lines.len()];
    let mut numbers: Vec<Option<usize>> = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let Some((width, arrow, rel)) = location(lines[i]) else {
            i += 1;
            continue;
        };
        let source = match std::fs::read_to_string(root.join(rel)) {
            Ok(text) => text,
            Err(e) => bail!("{name}:{}: cannot read {rel}: {e}", i + 1),
        };
        let source: Vec<String> = source
            .lines()
            .map(|l| l.replace('\t', "    ").trim_end().to_owned())
            .collect();
        let end = (i + 1..lines.len())
            .find(|&j| {
                let l = lines[j];
                location(l).is_some()
                    || l.trim_start().starts_with(":::")
                    || !(l.starts_with(' ') || l.starts_with("..."))
            })
            .unwrap_or(lines.len());
        let section = &lines[i + 1..end];
        let Some(resolved) = (0..4)
            .filter_map(|depth| resolve(width, depth, section, &source))
            .enumerate()
            // The most lines found; of equals, the fewest margin columns.
            .max_by_key(|(depth, r)| {
                (
                    r.numbers.iter().flatten().count(),
                    std::cmp::Reverse(*depth),
                )
            })
            .map(|(_, r)| r)
        else {
            bail!(
                "{name}:{}: none of the lines under this arrow is a line of {rel}; \
                 has the listing changed since the .stderr was written?",
                i + 1
            );
        };
        let Some((line, column)) = resolved.primary else {
            bail!(
                "{name}:{}: no primary span (`^`) under a line of {rel} found",
                i + 1
            );
        };
        // rustc opens a snippet, and resumes it after `...`, with a quoted
        // line: one that is not in the listing means the two have parted.
        let gutter = format!("{} |", " ".repeat(width));
        let mut opening = true;
        for (k, l) in section.iter().enumerate() {
            if l.starts_with("...") {
                opening = true;
            } else if let Some(rest) = l.strip_prefix(gutter.as_str())
                && !rest.trim().is_empty()
            {
                if opening && resolved.numbers[k].is_none() {
                    bail!(
                        "{name}:{}: this line quotes {rel}, but no line of {rel} reads{rest}",
                        i + 2 + k
                    );
                }
                opening = false;
            }
        }
        arrows[i] = Some(format!("{arrow} {rel}:{line}:{column}"));
        numbers[i + 1..end].copy_from_slice(&resolved.numbers);
        i = end;
    }
    // rustc sizes the gutter for the longest line number of a whole
    // diagnostic (its notes and help included); trybuild narrows each part
    // whose numbers it removed to one column.
    let mut out = Vec::with_capacity(lines.len());
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&j| j == 0 || lines[j].starts_with("error") || lines[j].starts_with("warning"))
        .chain([lines.len()])
        .collect();
    for pair in starts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let parts = part_widths(&lines[from..to]);
        let shown = (from..to)
            .filter_map(|j| {
                numbers[j].or_else(|| {
                    let l = lines[j];
                    let digits = l.trim_start().split(' ').next()?;
                    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| digits.parse().ok())?
                })
            })
            .map(|n: usize| n.to_string().len());
        let width = parts.iter().copied().chain(shown).max().unwrap_or(1);
        // Indented lines straight under a heading continue its text; the
        // rest of a part hangs from the gutter.
        let mut gutter = false;
        for j in from..to {
            let l = lines[j];
            let part = parts[j - from];
            let marks = l.len() > part && l[part..].starts_with([' ', '=', '-', ':']);
            if !l.starts_with(' ') {
                gutter = false;
            }
            if let Some(arrow) = &arrows[j] {
                out.push(format!("{}{arrow}", " ".repeat(width)));
                gutter = true;
            } else if marks && l[..part].bytes().all(|b| b == b' ' || b.is_ascii_digit()) && {
                let mark = &l[part..];
                [" |", " +", " -", " ~", " =", "-->", ":::"]
                    .iter()
                    .any(|m| {
                        mark.starts_with(m)
                            && (mark.len() == m.len() || mark[m.len()..].starts_with(' '))
                    })
            } {
                let number =
                    numbers[j].map_or_else(|| l[..part].trim().to_owned(), |n| n.to_string());
                out.push(format!("{number:>width$}{}", &l[part..]));
                gutter = true;
            } else if l.starts_with(' ') && gutter {
                out.push(format!("{}{l}", " ".repeat(width - part)));
            } else {
                out.push(l.to_owned());
            }
        }
    }
    let mut text = out.join("\n").replace("$WORKSPACE/", "");
    if normalised.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// For each line of a diagnostic, the gutter width of its part (the
/// heading line and the indented lines under it): the indentation of the
/// part's first `-->`, or of its first `|` less one.
fn part_widths(lines: &[&str]) -> Vec<usize> {
    let mut widths = vec![0; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&j| !(lines[j].starts_with(' ') || lines[j].starts_with("...")))
            .unwrap_or(lines.len());
        let width = lines[start + 1..end]
            .iter()
            .find_map(|l| {
                let rest = l.trim_start_matches(' ');
                let indent = l.len() - rest.len();
                if rest.starts_with("--> ") || rest.starts_with("::: ") {
                    Some(indent)
                } else if rest.starts_with('|') {
                    Some(indent.saturating_sub(1))
                } else {
                    None
                }
            })
            .unwrap_or(1);
        widths[start..end].fill(width);
        start = end;
    }
    widths
}

/// A `--> $WORKSPACE/path` (or `::: $WORKSPACE/path`) line: the gutter
/// width (its indentation), the arrow, and the path.
fn location(line: &str) -> Option<(usize, &str, &str)> {
    let rest = line.trim_start_matches(' ');
    let width = line.len() - rest.len();
    let (arrow, path) = rest.split_once(' ')?;
    let rel = path.strip_prefix("$WORKSPACE/")?;
    (matches!(arrow, "-->" | ":::") && width > 0).then_some((width, arrow, rel))
}

/// Which line of the listing each line of a section quotes, and where its
/// primary span starts.
struct Resolved {
    numbers: Vec<Option<usize>>,
    primary: Option<(usize, usize)>,
}

/// Reads a section supposing its code sits after `depth` levels of
/// multi-line span margin (two columns each). Consecutive quoted lines are
/// consecutive lines of the file unless rustc elided some (`...`).
fn resolve(width: usize, depth: usize, section: &[&str], source: &[String]) -> Option<Resolved> {
    let offset = 1 + 2 * depth;
    let gutter = format!("{} |", " ".repeat(width));
    let mut numbers = vec![None; section.len()];
    let mut last: Option<usize> = None;
    let mut elided = false;
    for (k, l) in section.iter().enumerate() {
        if l.starts_with("...") {
            elided = true;
            continue;
        }
        let Some(rest) = l.strip_prefix(gutter.as_str()) else {
            continue;
        };
        let Some(code) = code(rest, offset) else {
            continue;
        };
        let matches = |n: usize| {
            source.get(n - 1).is_some_and(|s| {
                s == code && (!s.is_empty() || rest[..rest.len().min(offset)].contains('|'))
            })
        };
        let found = match last {
            Some(n) if !elided => matches(n + 1).then_some(n + 1),
            _ => (last.map_or(1, |n| n + 1)..=source.len()).find(|&n| matches(n)),
        };
        if let Some(n) = found {
            numbers[k] = Some(n);
            last = Some(n);
            elided = false;
        }
    }
    if numbers.iter().all(Option::is_none) {
        return None;
    }
    let primary = primary(width, offset, section, &numbers, source);
    Some(Resolved { numbers, primary })
}

/// The code after the gutter's `| ` and `offset - 1` columns of margin, or
/// None when the margin holds anything but multi-line span art.
fn code(rest: &str, offset: usize) -> Option<&str> {
    if rest.is_empty() {
        return Some("");
    }
    let margin = rest.get(..offset.min(rest.len()))?;
    // The margin is `| ` or `/ ` per open span: art at odd columns only.
    let art = margin
        .char_indices()
        .all(|(p, c)| c == ' ' || p % 2 == 1 && matches!(c, '|' | '/'));
    if !margin.starts_with(' ') || !art {
        return None;
    }
    Some(rest.get(offset..).unwrap_or("").trim_end())
}

/// The line and column (1-based) where the first primary span of the
/// section starts: a `^` under a quoted line, the `_^` that marks where a
/// multi-line primary span starts within its line, or the `/` beside a
/// line whose multi-line span ends in `|_^` (or in `|_` leading to a label
/// whose `^` stands above it).
fn primary(
    width: usize,
    offset: usize,
    section: &[&str],
    numbers: &[Option<usize>],
    source: &[String],
) -> Option<(usize, usize)> {
    let gutter = format!("{} |", " ".repeat(width));
    let rests: Vec<Option<&str>> = section
        .iter()
        .map(|l| l.strip_prefix(gutter.as_str()))
        .collect();
    // Candidates: (index in the section where the span starts, line, column).
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    // Carets that end a multi-line span rather than mark one of their own.
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    // Multi-line spans open at a line's first character: the margin column
    // of their `/`, and where they start.
    let mut open: Vec<(usize, (usize, usize, usize))> = Vec::new();
    for (k, rest) in rests.iter().enumerate() {
        let Some(rest) = *rest else { continue };
        if let Some(n) = numbers[k] {
            current = Some((k, n));
            for (p, c) in rest.char_indices().take(offset) {
                if c == '/' {
                    let text = &source[n - 1];
                    let first = text.len() - text.trim_start().len();
                    open.push((p, (k, n, first + 1)));
                }
            }
            continue;
        }
        let Some((line_k, n)) = current else { continue };
        // A run of `_` in the margin: the end of a multi-line span when a
        // `|` stands before it, else the start of one within this line.
        if let Some(run) = rest.find('_').filter(|&u| u < offset + 1) {
            let after = run + rest[run..].len() - rest[run..].trim_start_matches('_').len();
            let mut mark = rest[after..].chars().next();
            if !matches!(mark, Some('^' | '-')) {
                // The label hangs below: the mark is above, in this column.
                mark = rests[line_k + 1..k]
                    .iter()
                    .flatten()
                    .filter_map(|r| r[after..].chars().next())
                    .find(|c| matches!(c, '^' | '-'));
            }
            ends.push((k, after));
            if run > 0 && rest[..run].ends_with('|') {
                let p = run - 1;
                if mark == Some('^')
                    && let Some(&(_, start)) = open.iter().rev().find(|(q, _)| *q == p)
                {
                    found.push(start);
                }
            } else if mark == Some('^') {
                found.push((line_k, n, after - offset + 1));
            }
            continue;
        }
        if let Some(caret) = rest.find('^').filter(|&c| c >= offset) {
            found.push((k, n, caret - offset + 1));
        }
    }
    // A lone caret in the column where a multi-line span's end leads is
    // that span's end, not a span of its own.
    found.retain(|&(k, _, column)| {
        numbers[k].is_some()
            || !ends
                .iter()
                .any(|&(e, after)| e > k && after == column + offset - 1)
    });
    found
        .into_iter()
        .min_by_key(|&(k, ..)| k)
        .map(|(_, n, c)| (n, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_owned()
    }

    /// What rustc 1.95 printed for a listing (run from the repository, as
    /// trybuild runs it), and the same output as trybuild normalises it.
    #[test]
    fn rebuilds_what_rustc_printed() {
        let dir = std::env::temp_dir().join(format!("rustc-output-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("l")).unwrap();
        std::fs::write(
            dir.join("l/e.rs"),
            "fn shout(mut names: Vec<String>) -> Vec<String> {\n    names\n}\n\n\
             fn main() {\n    let names = vec![String::new()];\n    let loud = shout(names);\n\
             \x20   println!(\"{names:?} became {loud:?}\");\n}\n",
        )
        .unwrap();
        let normalised = "\
error[E0382]: borrow of moved value: `names`
 --> $WORKSPACE/l/e.rs
  |
  |     let names = vec![String::new()];
  |         ----- move occurs because `names` has type `Vec<String>`
  |     let loud = shout(names);
  |                      ----- value moved here
  |     println!(\"{names:?} became {loud:?}\");
  |                ^^^^^ value borrowed here after move
  |
note: consider changing this parameter type
 --> $WORKSPACE/l/e.rs
  |
  | fn shout(mut names: Vec<String>) -> Vec<String> {
  |    -----            ^^^^^^^^^^^ this parameter takes ownership of the value
help: consider cloning the value
  |
7 |     let loud = shout(names.clone());
  |                           ++++++++
";
        let printed = "\
error[E0382]: borrow of moved value: `names`
 --> l/e.rs:8:16
  |
6 |     let names = vec![String::new()];
  |         ----- move occurs because `names` has type `Vec<String>`
7 |     let loud = shout(names);
  |                      ----- value moved here
8 |     println!(\"{names:?} became {loud:?}\");
  |                ^^^^^ value borrowed here after move
  |
note: consider changing this parameter type
 --> l/e.rs:1:21
  |
1 | fn shout(mut names: Vec<String>) -> Vec<String> {
  |    -----            ^^^^^^^^^^^ this parameter takes ownership of the value
help: consider cloning the value
  |
7 |     let loud = shout(names.clone());
  |                           ++++++++
";
        let shown = real_shape(&dir, "e.stderr", normalised);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(shown.unwrap(), printed);
    }

    /// A multi-line primary span that starts mid-line, and one that starts
    /// at its line's first character.
    #[test]
    fn finds_where_a_multi_line_span_starts() {
        let source: Vec<String> = [
            "fn main() {",
            "    let h = spawn(async {",
            "        x",
            "    });",
            "}",
        ]
        .map(String::from)
        .to_vec();
        let mid = [
            "  |       let h = spawn(async {",
            "  |  ___________________^",
            "  | |         x",
            "  | |     });",
            "  | |______^ not Send",
        ];
        let r = resolve(1, 1, &mid, &source).unwrap();
        assert_eq!(r.numbers, [Some(2), None, Some(3), Some(4), None]);
        assert_eq!(r.primary, Some((2, 19)));
        let whole = [
            "  | /     let h = spawn(async {",
            "  | |         x",
            "  | |     });",
            "  | |_______^ not Send",
        ];
        let r = resolve(1, 1, &whole, &source).unwrap();
        assert_eq!(r.primary, Some((2, 5)));
    }

    /// Every compile-fail listing's `.stderr` renders: each arrow into the
    /// listing finds its lines and its primary span.
    #[test]
    fn every_compile_fail_stderr_renders() {
        let root = root();
        let mut seen = 0;
        for chapter in std::fs::read_dir(root.join("listings")).unwrap().flatten() {
            let Ok(entries) = std::fs::read_dir(chapter.path().join("compile-fail")) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "stderr") {
                    let name = path.strip_prefix(&root).unwrap().display().to_string();
                    let text = std::fs::read_to_string(&path).unwrap();
                    let shown = real_shape(&root, &name, &text).unwrap_or_else(|e| panic!("{e:#}"));
                    assert!(
                        !shown.contains("$WORKSPACE"),
                        "{name}: a $WORKSPACE path is left"
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "no compile-fail .stderr found under listings/");
    }
}
