//! The config-errors exercise's tests, case for case the Go tests of
//! `go/config_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask
//! exercise config-errors` runs it against yours.

use config_errors::{Config, ConfigError, parse};

/// Checks that `parse(text)` gives `want`, reporting at the case's line.
#[track_caller]
fn check_ok(text: &str, name: &str, port: u16, debug: bool) {
    let want = Config {
        name: name.to_owned(),
        port,
        debug,
    };
    assert_eq!(parse(text), Ok(want), "parse({text:?})");
}

/// Checks that `parse(text)` fails with `want`, whose message is `message`
/// (Go's `err.Error()`), reporting at the case's line.
#[track_caller]
fn check_err(text: &str, want: ConfigError, message: &str) {
    let got = parse(text);
    assert_eq!(got, Err(want), "parse({text:?})");
    if let Err(error) = got {
        assert_eq!(error.to_string(), message, "the message of {error:?}");
    }
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn parses_every_key() {
    check_ok("name = web\nport = 8080\ndebug = true\n", "web", 8080, true);
}

#[test]
fn comments_and_blank_lines_are_skipped() {
    check_ok(
        "# the service\n\nname = web\n   \nport = 80\n",
        "web",
        80,
        false,
    );
}

#[test]
fn spaces_around_keys_and_values_are_ignored() {
    check_ok("  name=  my app \nport   =443", "my app", 443, false);
}

#[test]
fn a_key_given_twice_keeps_its_last_value() {
    check_ok("name = a\nport = 1\nname = b", "b", 1, false);
}

#[test]
fn a_line_without_equals_is_an_error() {
    check_err(
        "name = web\nport 8080\n",
        ConfigError::NoEquals { line: 2 },
        "line 2: expected key = value",
    );
}

#[test]
fn an_unknown_key_is_an_error() {
    check_err(
        "name = web\ncolour = blue\nport = 1",
        ConfigError::UnknownKey {
            line: 2,
            key: s("colour"),
        },
        r#"line 2: unknown key "colour""#,
    );
}

#[test]
fn a_port_out_of_range_is_a_bad_value() {
    check_err(
        "name = web\n\nport = 70000",
        ConfigError::BadValue {
            line: 3,
            key: s("port"),
            value: s("70000"),
        },
        r#"line 3: bad value "70000" for port"#,
    );
}

#[test]
fn debug_is_true_or_false() {
    check_err(
        "debug = yes\nname = web\nport = 1",
        ConfigError::BadValue {
            line: 1,
            key: s("debug"),
            value: s("yes"),
        },
        r#"line 1: bad value "yes" for debug"#,
    );
}

#[test]
fn an_empty_name_is_a_bad_value() {
    check_err(
        "name =\nport = 1",
        ConfigError::BadValue {
            line: 1,
            key: s("name"),
            value: s(""),
        },
        r#"line 1: bad value "" for name"#,
    );
}

#[test]
fn a_missing_port_is_an_error() {
    check_err(
        "name = web",
        ConfigError::Missing { key: s("port") },
        r#"missing key "port""#,
    );
}
