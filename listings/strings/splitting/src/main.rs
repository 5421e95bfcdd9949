//! Taking strings apart with the methods of `str`: `split_once`, `split`,
//! `trim`, `split_whitespace` and `join`, where Go has the strings package.
//! Every piece they return borrows from the input; nothing is copied.

// ANCHOR: header
/// Splits a "Name: value" line and trims both parts; `None` when there is
/// no colon.
fn parse_header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    Some((name.trim(), value.trim()))
}
// ANCHOR_END: header

// ANCHOR: tags
/// Splits a comma-separated list, trims and lowercases each tag, and drops
/// the empty ones.
fn tags(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}
// ANCHOR_END: tags

// ANCHOR: main
fn main() {
    if let Some((name, value)) = parse_header("Content-Type: text/plain") {
        println!("{name} = {value}");
    }
    println!("{}", tags(" Go, RUST,,  wasm ,").join(", "));
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headers() {
        let cases = [
            (
                "Content-Type: text/plain",
                Some(("Content-Type", "text/plain")),
            ),
            ("  Host :example.com  ", Some(("Host", "example.com"))),
            (
                "Date: Mon, 30 Nov 2026 09:00:00 GMT",
                Some(("Date", "Mon, 30 Nov 2026 09:00:00 GMT")),
            ),
            ("no colon here", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_header(line), want, "parse_header({line:?})");
        }
    }

    #[test]
    fn splits_tags() {
        let got = tags(" Go, RUST,,  wasm ,");
        assert_eq!(got, ["go", "rust", "wasm"]);
        assert_eq!(got.join(", "), "go, rust, wasm");
    }

    #[test]
    fn splitting_edges() {
        // A tab, a no-break space (U+00A0) and a next-line control (U+0085).
        let got: Vec<&str> = " a\tb\u{a0}c\u{85}d ".split_whitespace().collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        let got: Vec<&str> = "".split(',').collect();
        assert_eq!(got, [""], "one empty string, as in Go");
        let lines: Vec<&str> = "a\nb\r\nc".lines().collect();
        assert_eq!(lines, ["a", "b", "c"], "line endings dropped");
    }
}
// ANCHOR_END: tests
