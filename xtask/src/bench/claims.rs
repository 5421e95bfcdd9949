//! The sentences of the book that read the measurements ("the Rust twin's
//! clean build took longer"), each with the check that the generated
//! `src/measurements/results.json` still bears it out.
//!
//! `cargo xtask bench report` checks them after it rewrites the tables, and
//! a unit test checks the committed text against the committed results, so
//! a new run that turns a figure around fails until the sentence is
//! rewritten. A claim whose words are no longer in its chapter fails too:
//! edit the list when you edit the sentence.

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde_json::Value;

use super::Row;

/// One sentence of a chapter and the test of the figures it states.
struct Claim {
    chapter: &'static str,
    /// Words of the sentence, as they stand in the chapter (line breaks and
    /// runs of spaces count as one space).
    words: &'static str,
    holds: fn(&Results) -> bool,
}

const CLAIMS: &[Claim] = &[
    Claim {
        chapter: "when-to-stay-with-go.md",
        words: "In these runs the Rust twins came out ahead on every time, memory, size and \
                throughput figure of the two services.",
        holds: |r| {
            let costs: Vec<f64> = r
                .rows("job-queue")
                .chain(r.rows("chat"))
                .filter(|row| is_cost(row))
                .map(ratio)
                .collect();
            let throughput: Vec<f64> = r
                .rows("job-queue")
                .filter(|row| row.unit == "requests/s")
                .map(ratio)
                .collect();
            costs.len() >= 10
                && costs.iter().all(|&q| q < 1.0)
                && !throughput.is_empty()
                && throughput.iter().all(|&q| q > 1.0)
        },
    },
    Claim {
        chapter: "when-to-stay-with-go.md",
        words: "Rust twin's clean build took longer than the Go twin's",
        holds: |r| r.ratio("build", "clean debug build", "build time") > 1.0,
    },
    Claim {
        chapter: "when-to-stay-with-go.md",
        words: "after a one-line change the two rebuilt in comparable time",
        holds: |r| {
            let q = r.ratio("build", "rebuild after a one-line change", "build time");
            (2.0 / 3.0..=1.5).contains(&q)
        },
    },
    Claim {
        chapter: "when-to-stay-with-go.md",
        words: "in these runs the Rust twins needed less memory in every one of those rows",
        holds: |r| {
            let memory: Vec<&Row> = r
                .rows("tasks")
                .chain(r.rows("chat").filter(|row| row.unit.ends_with("iB")))
                .chain(
                    r.rows("build")
                        .filter(|row| row.metric == "resident memory when idle"),
                )
                .collect();
            memory.len() >= 3 && memory.iter().all(|row| ratio(row) < 1.0)
        },
    },
    Claim {
        chapter: "shipping.md",
        words: "linking glibc statically adds about a megabyte to the server, and musl adds almost nothing",
        holds: |r| {
            let rust = |case| r.row("static", case).map_or(f64::NAN, |row| row.rust);
            let dynamic = rust("dynamically linked");
            let glibc = rust("+crt-static") - dynamic;
            let musl = rust("musl") - dynamic;
            (0.5..=1.5).contains(&glibc) && (0.0..0.25).contains(&musl)
        },
    },
    Claim {
        chapter: "shipping.md",
        words: "turning cgo off changes little",
        holds: |r| {
            let go = |case| r.row("static", case).map_or(f64::NAN, |row| row.go);
            let (cgo, no_cgo) = (go("dynamically linked"), go("+crt-static"));
            ((cgo - no_cgo) / cgo).abs() < 0.05
        },
    },
];

/// The words of every claim in `chapter`.
pub(super) fn words_of(chapter: &str) -> impl Iterator<Item = &'static str> {
    CLAIMS
        .iter()
        .filter(move |claim| claim.chapter == chapter)
        .map(|claim| claim.words)
}

/// The rows of every benchmark in `results.json`.
struct Results {
    rows: Vec<(String, Row)>,
}

impl Results {
    fn load(path: &Path) -> Result<Results> {
        let text =
            fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let value: Value = serde_json::from_str(&text)?;
        let mut rows = Vec::new();
        let benchmarks = value["benchmarks"]
            .as_object()
            .with_context(|| format!("{} has no \"benchmarks\" object", path.display()))?;
        for (name, bench) in benchmarks {
            let bench_rows: Vec<Row> = serde_json::from_value(bench["rows"].clone())
                .with_context(|| format!("the rows of {name} in {}", path.display()))?;
            rows.extend(bench_rows.into_iter().map(|row| (name.clone(), row)));
        }
        Ok(Results { rows })
    }

    fn rows(&self, bench: &str) -> impl Iterator<Item = &Row> {
        let bench = bench.to_owned();
        self.rows
            .iter()
            .filter(move |(name, _)| *name == bench)
            .map(|(_, row)| row)
    }

    /// The first row of `bench` whose case contains `case`.
    fn row(&self, bench: &str, case: &str) -> Option<&Row> {
        self.rows(bench).find(|row| row.case.contains(case))
    }

    /// The Rust/Go ratio of the one row of `bench` whose case contains
    /// `case` and whose metric is `metric`; NaN if there is none, which no
    /// comparison holds for.
    fn ratio(&self, bench: &str, case: &str, metric: &str) -> f64 {
        self.rows(bench)
            .find(|row| row.case.contains(case) && row.metric == metric)
            .map_or(f64::NAN, ratio)
    }
}

/// Whether less is better for the twin in `row` (time, size, memory), and
/// it has a ratio to compare.
fn is_cost(row: &Row) -> bool {
    const COST_UNITS: &[&str] = &["s", "ms", "bytes", "KiB", "MiB"];
    COST_UNITS.contains(&row.unit.as_str()) && ratio(row).is_finite()
}

fn ratio(row: &Row) -> f64 {
    row.rust / row.go
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line of `source` on which `words` start, counting line breaks and
/// runs of spaces as one space, as [`squeeze`] does; 1 if they are not there.
fn line_of(source: &str, words: &str) -> usize {
    let mut squeezed = String::new();
    let mut lines_at = Vec::new();
    for (i, line) in source.lines().enumerate() {
        for word in line.split_whitespace() {
            if !squeezed.is_empty() {
                squeezed.push(' ');
            }
            lines_at.push((squeezed.len(), i + 1));
            squeezed.push_str(word);
        }
    }
    let Some(at) = squeezed.find(words) else {
        return 1;
    };
    lines_at
        .iter()
        .take_while(|(start, _)| *start <= at)
        .last()
        .map_or(1, |(_, line)| *line)
}

/// Every claim whose words are missing from its chapter, or whose figures
/// no longer hold, described for the reader of the log.
fn broken(root: &Path) -> Result<Vec<String>> {
    let results = Results::load(&root.join("src/measurements/results.json"))?;
    let mut broken = Vec::new();
    for claim in CLAIMS {
        let path = root.join("src").join(claim.chapter);
        let source =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let text = squeeze(&source);
        if !text.contains(claim.words) {
            broken.push(format!(
                "src/{} no longer says \"{}\": update the list in xtask/src/bench/claims.rs",
                claim.chapter, claim.words
            ));
        } else if !(claim.holds)(&results) {
            broken.push(format!(
                "src/{}:{} says \"{}\", but src/measurements/results.json no longer shows it: \
                 rewrite the sentence (and its entry in xtask/src/bench/claims.rs)",
                claim.chapter,
                line_of(&source, claim.words),
                claim.words
            ));
        }
    }
    Ok(broken)
}

/// Fails with every broken claim, and every sentence that compares the
/// languages with neither a claim here nor a reason in
/// [`super::comparisons`], one per line.
pub fn check(root: &Path) -> Result<()> {
    let mut broken = broken(root)?;
    broken.extend(super::comparisons::unchecked(root)?);
    if !broken.is_empty() {
        bail!(
            "the book's text and its measurements disagree:\n  {}",
            broken.join("\n  ")
        );
    }
    println!(
        "{} claims of the text hold for these measurements, and no other sentence compares \
         the languages unchecked",
        CLAIMS.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_claims_only_what_the_measurements_show() {
        let broken = broken(&crate::root()).unwrap();
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }

    #[test]
    fn a_claim_is_found_on_its_line_across_line_breaks() {
        let source = "# T\n\nFirst line. Neither\nlanguage   wins.\n";
        assert_eq!(line_of(source, "Neither language wins."), 3);
        assert_eq!(line_of(source, "wins."), 4);
        assert_eq!(line_of(source, "not there"), 1);
    }

    #[test]
    fn a_turned_figure_breaks_its_claim() {
        let row = |case: &str, metric: &str, unit: &str, rust, go| {
            (
                "build".to_owned(),
                Row {
                    case: case.into(),
                    metric: metric.into(),
                    unit: unit.into(),
                    rust,
                    go,
                },
            )
        };
        let longer = CLAIMS
            .iter()
            .find(|c| c.words.contains("clean build took longer"))
            .unwrap();
        let slower = Results {
            rows: vec![row("clean debug build", "build time", "s", 50.0, 30.0)],
        };
        let faster = Results {
            rows: vec![row("clean debug build", "build time", "s", 20.0, 30.0)],
        };
        assert!((longer.holds)(&slower));
        assert!(!(longer.holds)(&faster));
        let missing = Results { rows: vec![] };
        assert!(!(longer.holds)(&missing), "a missing row holds nothing");
    }
}
