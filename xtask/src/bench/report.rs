//! Turns the benchmarks' rows into what the measurements chapter shows:
//! `src/measurements/results.json` (the data, with the machine, the tool
//! versions and how the servers were pinned), `machine.md` (when, where and
//! how), and for each benchmark a table `<name>.md` and a chart of its
//! Rust/Go ratios `<name>.svg`, which the table file includes inline so the
//! chart takes the page's colours in every mdBook theme.
//! Nothing in them is typed by hand; `cargo xtask bench all` rewrites them,
//! then checks that the sentences of the book that read them still hold
//! (see `claims.rs`). `cargo xtask bench render` regenerates the tables and
//! charts from the committed results.json, for a change of this file.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};

use super::{BENCHES, Better, Context, Range, Row, first_line};

/// Reads every benchmark's results from `target/bench/`, writes
/// `src/measurements/`, then checks the book's claims against it.
pub fn run(ctx: &Context) -> Result<()> {
    let out = measurements_dir(&ctx.root);
    write(ctx, &out)?;
    super::claims::check(&ctx.root)
}

/// `src/measurements/` of the book at `root`.
fn measurements_dir(root: &Path) -> PathBuf {
    root.join("src").join("measurements")
}

/// Reads every benchmark's results from `ctx.out_dir` and writes
/// results.json, the tables and the charts into `out`.
pub fn write(ctx: &Context, out: &Path) -> Result<()> {
    fs::create_dir_all(out)?;
    let mut data = serde_json::Map::new();
    for bench in BENCHES {
        let path = ctx.out_dir.join(format!("{}.json", bench.name));
        let text = fs::read_to_string(&path).with_context(|| {
            format!(
                "no results at {}; run `cargo xtask bench {}`",
                path.display(),
                bench.name
            )
        })?;
        let value: Value = serde_json::from_str(&text)?;
        rows_of(&value).with_context(|| format!("{}", path.display()))?;
        data.insert(bench.name.to_owned(), value);
    }
    let machine = machine(ctx, &data)?;
    let results = json!({ "machine": machine, "benchmarks": data });
    write_files(out, &results)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// `cargo xtask bench render`: the tables and charts again from the
/// committed results.json, which it does not change.
pub fn render(root: &Path) -> Result<()> {
    let out = measurements_dir(root);
    let text = fs::read_to_string(out.join(RESULTS))?;
    let results: Value = serde_json::from_str(&text)?;
    for (file, contents) in generate(&results)? {
        fs::write(out.join(file), contents)?;
    }
    println!("regenerated the tables and charts of {}", out.display());
    super::claims::check(root)
}

fn write_files(out: &Path, results: &Value) -> Result<()> {
    for (file, contents) in generate(results)? {
        fs::write(out.join(file), contents)?;
    }
    fs::write(
        out.join(RESULTS),
        serde_json::to_string_pretty(results)? + "\n",
    )?;
    Ok(())
}

/// The data file under `src/measurements/` the rest is generated from.
const RESULTS: &str = "results.json";

/// The rows of one benchmark's results, `{"rows": [Row, …]}`; at least one.
fn rows_of(value: &Value) -> Result<Vec<Row>> {
    let rows: Vec<Row> = serde_json::from_value(value["rows"].clone())
        .context("does not hold {\"rows\": [Row, …]} (see bench/mod.rs)")?;
    if rows.is_empty() {
        bail!("has no rows");
    }
    Ok(rows)
}

/// What machine.md says about how the figures were made.
fn method(results: &Value) -> String {
    let machine = &results["machine"];
    let runs = BENCHES
        .iter()
        .filter_map(|b| rows_of(&results["benchmarks"][b.name]).ok())
        .flatten()
        .filter_map(|row| row.samples)
        .max();
    let mut text = match runs {
        Some(n) => format!(
            "Each figure is the median of up to {n} runs of its case within one `cargo xtask \
             bench all` on that machine (each row's count is in results.json), with the lowest \
             and highest in brackets; a figure without brackets was measured once, as a size \
             is.\n\
             Rerun the command to measure yours.\n"
        ),
        None => "Each figure comes from one run of `cargo xtask bench all` on that machine;\n\
                 rerun it to measure yours.\n"
            .into(),
    };
    let pinning = &machine["pinning"];
    if let Some(server) = pinning["server_cpus"].as_str() {
        let _ = write!(
            text,
            "\nServers under load ran on CPU {server} with GOMAXPROCS={} and \
             TOKIO_WORKER_THREADS={}, their load generators on CPU {} (`taskset`, \
             and `sched_setaffinity` for the chat's clients in the benchmark's own process).\n",
            pinning["GOMAXPROCS"],
            pinning["TOKIO_WORKER_THREADS"],
            pinning["load_cpus"].as_str().unwrap_or("?")
        );
    }
    if let Some(build) = results["benchmarks"]["chat"]["run"]["xtask"].as_str() {
        let _ = writeln!(
            text,
            "The chat server's clients are the benchmark's own code, run from xtask's {build}; \
             oha, the job queue's and the notes service's load generator, is a release build."
        );
    }
    if let Some(steal) = machine["steal_percent"].as_object() {
        let parts: Vec<String> = steal
            .iter()
            .map(|(name, p)| {
                format!(
                    "{name} {}",
                    p.as_f64().map_or("?".into(), |p| format!("{p:.1} %"))
                )
            })
            .collect();
        let _ = writeln!(
            text,
            "CPU time stolen by the hypervisor while each benchmark ran: {}.",
            parts.join(", ")
        );
    }
    text
}

/// Every file of `src/measurements/` but results.json itself, as (name,
/// contents), generated from what results.json holds: `machine.md`, and a
/// table `<name>.md` and a chart `<name>.svg` per benchmark.
fn generate(results: &Value) -> Result<Vec<(String, String)>> {
    let machine = &results["machine"];
    let header = format!(
        "<!-- Generated by `cargo xtask bench all` on {date}; do not edit. -->\n\n\
         Measured on {date} on {machine_line}, with {tools}.\n{method}",
        date = machine["date"].as_str().unwrap_or_default(),
        machine_line = machine["summary"].as_str().unwrap_or_default(),
        tools = machine["tools"].as_str().unwrap_or_default(),
        method = method(results),
    );
    let mut files = vec![("machine.md".to_owned(), header)];
    for bench in BENCHES {
        let (name, title) = (bench.name, bench.title);
        // A benchmark added since the last full run has no results yet;
        // its section says so rather than show figures from elsewhere.
        if results["benchmarks"].get(name).is_none() {
            files.push((
                format!("{name}.md"),
                format!(
                    "<!-- Generated by `cargo xtask bench all`; do not edit. -->\n\n### {title}\n\n\
                     Not measured yet on the machine above: this benchmark was added after \
                     the last full run. `cargo xtask bench {name}` measures it on yours, and \
                     the next `cargo xtask bench all` adds its table here.\n"
                ),
            ));
            continue;
        }
        let rows = rows_of(&results["benchmarks"][name])
            .with_context(|| format!("the benchmark {name} in {RESULTS}"))?;
        let mut tables = format!(
            "<!-- Generated by `cargo xtask bench all`; do not edit. -->\n\n### {title}\n\n\
             {{{{#include {name}.svg}}}}\n\n"
        );
        tables.push_str(
            "| case | measure | Rust | Go | Rust/Go |\n| --- | --- | ---: | ---: | ---: |\n",
        );
        for row in &rows {
            writeln!(
                tables,
                "| {} | {} ({}) | {} | {} | {} |",
                row.case,
                row.metric,
                row.unit,
                with_range(row.rust, row.rust_range),
                with_range(row.go, row.go_range),
                ratio(row)
            )?;
        }
        let curve = latency_curve(&rows);
        if curve.is_some() {
            tables = tables.replacen(
                &format!("{{{{#include {name}.svg}}}}\n"),
                &format!("{{{{#include {name}.svg}}}}\n\n{{{{#include {name}-latency.svg}}}}\n"),
                1,
            );
        }
        files.push((format!("{name}.md"), tables));
        files.push((
            format!("{name}.svg"),
            sourced(&format!("{name}.svg"), chart(title, &rows)),
        ));
        if let Some(curve) = curve {
            let file = format!("{name}-latency.svg");
            files.push((file.clone(), sourced(&file, curve)));
        }
    }
    Ok(files)
}

/// `svg` naming its file (`data-source`), so the browser stage can say
/// which chart a misplaced label belongs to once the page includes it.
fn sourced(file: &str, svg: String) -> String {
    svg.replacen(
        "<svg ",
        &format!("<svg data-source=\"src/measurements/{file}\" "),
        1,
    )
}

/// A figure, with its range in brackets when it has one.
fn with_range(value: f64, range: Option<Range>) -> String {
    match range {
        Some(r) => format!("{} ({}–{})", figure(value), figure(r.min), figure(r.max)),
        None => figure(value),
    }
}

/// Date, hardware, tool versions and the run's conditions, as facts read
/// off this machine and the benchmarks' results.
fn machine(ctx: &Context, data: &serde_json::Map<String, Value>) -> Result<Value> {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| (kib / 1024.0 / 1024.0).round());
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let rustc = first_line(Command::new("rustc").arg("--version"));
    let go = ctx.go_version();
    let date = first_line(Command::new("date").args(["-u", "+%Y-%m-%d"]));
    let kernel = first_line(Command::new("uname").arg("-r"));
    let oha = data["job-queue"]["settings"]["oha_version"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mold = first_line(Command::new("mold").arg("--version"));
    let mut steal = serde_json::Map::new();
    for (name, bench) in data {
        steal.insert(name.clone(), bench["run"]["steal_percent"].clone());
    }
    let mut tools = format!("{rustc} and {go}");
    for extra in [&oha, &mold] {
        if !extra.is_empty() {
            let _ = write!(tools, ", {extra}");
        }
    }
    Ok(json!({
        "date": date,
        "cores": cores,
        "memory_gib": memory_gib,
        "cpu": cpu,
        "kernel": kernel,
        "rustc": rustc,
        "go": go,
        "oha": oha,
        "mold": mold,
        "pinning": data["job-queue"]["pinning"],
        "steal_percent": steal,
        "summary": format!("{cores} cores ({cpu}) and {memory_gib} GiB of memory, Linux {kernel}"),
        "tools": tools,
    }))
}

/// The chart's geometry, in SVG units: narrow enough that a phone (390 px,
/// about 358 px of prose column) shows it at nearly its own size, so its
/// 11-unit text stays about 11 px high. Each row is its lines of text
/// (what, then the figures, wrapped to fit) above its bar; the ratio axis
/// is logarithmic and centred on parity, from 1/[`Scale::bound`] to `bound`.
const WIDTH: f64 = 360.0;
const MARGIN: f64 = 8.0;
const HEADER: f64 = 70.0;
/// Offsets within a row: the first text baseline, the step to the next
/// line, the bar's band below the last line, and the gap to the next row.
const LINE_1: f64 = 12.0;
const LINE: f64 = 14.0;
const BAND_GAP: f64 = 6.0;
const BAND: f64 = 12.0;
const ROW_GAP: f64 = 2.0;
/// How many characters a line of the chart holds within its margins: at
/// 11 units a sans-serif character takes about 6.1 units (6.8 in bold).
/// The browser stage measures every drawn label against the chart's box.
const CHARS: usize = 52;
const BOLD_CHARS: usize = 44;
/// The colours of the twin that did better (Rust's and Go's brand colours,
/// mid-tones that read on light and dark themes alike), and of neither.
const RUST_BETTER: &str = "#d5652c";
const GO_BETTER: &str = "#00a7d0";
const NEITHER: &str = "#8c8c8c";

/// A logarithmic ratio axis centred on 1.
struct Scale {
    /// The axis runs from 1/bound to bound, a power of two, at least 2.
    bound: f64,
}

impl Scale {
    /// The smallest power of two (at least 2) that holds every ratio and
    /// whisker end in `values` and their inverses.
    fn holding(values: impl IntoIterator<Item = f64>) -> Scale {
        let widest = values
            .into_iter()
            .filter(|v| v.is_finite() && *v > 0.0)
            .map(|v| v.log2().abs())
            .fold(1.0_f64, f64::max);
        Scale {
            bound: 2f64.powi(widest.ceil() as i32),
        }
    }

    fn centre() -> f64 {
        WIDTH / 2.0
    }

    /// Where `ratio` sits: parity in the middle, `bound` at the right edge,
    /// `1/bound` at the left.
    fn x(&self, ratio: f64) -> f64 {
        let half = WIDTH / 2.0 - MARGIN;
        let clamped = ratio.clamp(1.0 / self.bound, self.bound);
        Self::centre() + clamped.log2() / self.bound.log2() * half
    }

    /// The ticks: every power of two from 1/bound to bound, at most five.
    fn ticks(&self) -> Vec<f64> {
        let n = self.bound.log2() as i32;
        let step = (n + 1) / 2;
        (-n..=n)
            .filter(|k| k % step.max(1) == 0)
            .map(|k| 2f64.powi(k))
            .collect()
    }
}

/// The ratio range a row's samples allow: from the lowest Rust over the
/// highest Go to the highest Rust over the lowest Go.
fn ratio_range(row: &Row) -> (f64, f64) {
    let (r, g) = (row.rust_range(), row.go_range());
    (r.min / g.max, r.max / g.min)
}

/// Which twin did better on `row`, when their ranges do not overlap and
/// the metric has a better direction: "rust", "go", or None.
pub(super) fn winner(row: &Row) -> Option<&'static str> {
    let (r, g) = (row.rust_range(), row.go_range());
    let rust_lower = r.max < g.min;
    let go_lower = g.max < r.min;
    match row.better()? {
        Better::Lower if rust_lower => Some("rust"),
        Better::Lower if go_lower => Some("go"),
        Better::Higher if go_lower => Some("rust"),
        Better::Higher if rust_lower => Some("go"),
        _ => None,
    }
}

/// `parts` joined by `separator` into lines of at most `limit` characters,
/// breaking between parts, or between words of a part too long for a line.
fn wrap(parts: &[String], separator: &str, limit: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let fits = |line: &str, more: &str, joint: &str| {
        line.is_empty()
            || line.chars().count() + joint.chars().count() + more.chars().count() <= limit
    };
    for part in parts {
        let whole = if line.is_empty() {
            part.chars().count() <= limit
        } else {
            fits(&line, part, separator)
        };
        if whole {
            if !line.is_empty() {
                line.push_str(separator);
            }
            line.push_str(part);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for word in part.split(' ') {
            if !fits(&line, word, " ") {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A row's text: what it measures (bold), then its figures.
fn row_lines(row: &Row) -> (Vec<String>, Vec<String>) {
    let what = wrap(&[format!("{} — {}", row.case, row.metric)], " ", BOLD_CHARS);
    let figures = wrap(
        &[
            format!("Rust {}", with_range(row.rust, row.rust_range)),
            format!("Go {} {}", with_range(row.go, row.go_range), row.unit),
            format!("Rust/Go {:.2}", row.rust / row.go),
        ],
        " · ",
        CHARS,
    );
    (what, figures)
}

/// The height of a row with `lines` lines of text.
fn row_height(lines: usize) -> f64 {
    LINE_1 + LINE * (lines.max(1) - 1) as f64 + BAND_GAP + BAND + ROW_GAP
}

/// A bar per row on a logarithmic Rust/Go axis centred on 1, coloured by
/// the twin that did better (grey where the ranges overlap or neither
/// direction is better), with the figures and units above it and the
/// samples' range as a whisker. Text and rules use `currentColor`, so the
/// chart, included inline, takes the theme's text colour; there is no
/// background.
fn chart(title: &str, rows: &[Row]) -> String {
    // A ratio of 0/0 (no errors in either twin) has no bar to draw, a
    // figure with no better direction (a share of answers) no colour, and
    // the open-loop latencies have a chart of their own (the curve).
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| (r.rust / r.go).is_finite() && r.rust > 0.0 && r.go > 0.0)
        .filter(|r| r.better().is_some())
        .filter(|r| !(offered_percent(&r.case).is_some() && r.metric.starts_with("latency")))
        .collect();
    // The bars set the scale; a whisker that reaches past it stops at the
    // edge (its figures are written above the bar).
    let scale = Scale::holding(rows.iter().map(|r| r.rust / r.go));
    let texts: Vec<(Vec<String>, Vec<String>)> = rows.iter().map(|r| row_lines(r)).collect();
    let height = HEADER
        + texts
            .iter()
            .map(|(a, b)| row_height(a.len() + b.len()))
            .sum::<f64>()
        + 8.0;
    let title = escape(title);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" style=\"max-width:{max}px\" font-family=\"sans-serif\" font-size=\"11\" \
         fill=\"currentColor\" role=\"img\" aria-label=\"{title}: Rust/Go ratios\">\n\
         <text x=\"{MARGIN}\" y=\"15\" font-size=\"14\" font-weight=\"bold\">{title}</text>\n\
         <text x=\"{MARGIN}\" y=\"31\">Rust/Go ratio, log scale; whiskers: range of runs</text>\n\
         <rect x=\"{MARGIN}\" y=\"38\" width=\"9\" height=\"9\" fill=\"{RUST_BETTER}\"/>\
         <text x=\"{l1}\" y=\"46\">Rust better</text>\n\
         <rect x=\"{l2}\" y=\"38\" width=\"9\" height=\"9\" fill=\"{GO_BETTER}\"/>\
         <text x=\"{l2t}\" y=\"46\">Go better</text>\n\
         <rect x=\"{l3}\" y=\"38\" width=\"9\" height=\"9\" fill=\"{NEITHER}\"/>\
         <text x=\"{l3t}\" y=\"46\">no measurable difference</text>\n",
        max = WIDTH * 1.5,
        l1 = MARGIN + 13.0,
        l2 = MARGIN + 90.0,
        l2t = MARGIN + 103.0,
        l3 = MARGIN + 170.0,
        l3t = MARGIN + 183.0,
    );
    for tick in scale.ticks() {
        let label = if tick == 1.0 {
            "Go = 1".to_owned()
        } else if tick > 1.0 {
            format!("×{tick}")
        } else {
            format!("×1/{}", 1.0 / tick)
        };
        let anchor = if tick == 1.0 / scale.bound {
            "start"
        } else if tick == scale.bound {
            "end"
        } else {
            "middle"
        };
        let _ = writeln!(
            svg,
            "<text x=\"{x:.1}\" y=\"{y}\" text-anchor=\"{anchor}\" class=\"tick\">{label}</text>",
            x = scale.x(tick),
            y = HEADER - 8.0,
        );
    }
    let mut top = HEADER;
    for (row, (what, figures)) in rows.iter().zip(&texts) {
        let ratio = row.rust / row.go;
        let lines = what.len() + figures.len();
        let band_top = LINE_1 + LINE * (lines - 1) as f64 + BAND_GAP;
        for (k, line) in what.iter().chain(figures).enumerate() {
            let style = if k < what.len() {
                " font-weight=\"bold\""
            } else {
                " opacity=\"0.8\""
            };
            let _ = writeln!(
                svg,
                "<text x=\"{MARGIN}\" y=\"{y}\"{style}>{}</text>",
                escape(line),
                y = top + LINE_1 + LINE * k as f64,
            );
        }
        let colour = match winner(row) {
            Some("rust") => RUST_BETTER,
            Some(_) => GO_BETTER,
            None => NEITHER,
        };
        let (one, at) = (scale.x(1.0), scale.x(ratio));
        let _ = writeln!(
            svg,
            "<rect class=\"bar\" x=\"{bx:.1}\" y=\"{by}\" width=\"{bw:.1}\" height=\"{BAND}\" \
             fill=\"{colour}\"/>",
            bx = one.min(at),
            by = top + band_top,
            bw = (at - one).abs().max(1.0),
        );
        if row.rust_range.is_some() || row.go_range.is_some() {
            let (lo, hi) = ratio_range(row);
            let (x1, x2) = (scale.x(lo), scale.x(hi));
            let mid = top + band_top + BAND / 2.0;
            let _ = writeln!(
                svg,
                "<path class=\"whisker\" d=\"M{x1:.1} {mid}H{x2:.1}M{x1:.1} {a}V{b}M{x2:.1} {a}V{b}\" \
                 stroke=\"currentColor\" fill=\"none\"/>",
                a = mid - 4.0,
                b = mid + 4.0,
            );
        }
        let _ = writeln!(
            svg,
            "<line class=\"parity\" x1=\"{one:.1}\" y1=\"{a}\" x2=\"{one:.1}\" y2=\"{b}\" \
             stroke=\"currentColor\" stroke-dasharray=\"3 2\"/>",
            a = top + band_top - 2.0,
            b = top + band_top + BAND + 1.0,
        );
        top += row_height(lines);
    }
    svg.push_str("</svg>\n");
    svg
}

/// The offered rate, in percent of capacity, of an open-loop case of the
/// job-queue benchmark ("open loop at 50 % (2961/s)").
fn offered_percent(case: &str) -> Option<f64> {
    let rest = case.strip_prefix("open loop at ")?;
    rest.split_once(" %")?.0.trim().parse().ok()
}

/// The plot area of the latency curve, in SVG units.
const CURVE_LEFT: f64 = 52.0;
const CURVE_RIGHT: f64 = WIDTH - 24.0;
const CURVE_TOP: f64 = 62.0;
const CURVE_BOTTOM: f64 = 232.0;

/// Latency of accepted answers against the offered rate, one line per twin
/// and percentile (p99 solid, p50 dashed), the runs' range as whiskers, on
/// a logarithmic millisecond axis: the open-loop runs as a curve. None when
/// the rows hold fewer than two open-loop rates.
fn latency_curve(rows: &[Row]) -> Option<String> {
    let series = |metric: &str| -> Vec<(f64, &Row)> {
        let mut points: Vec<(f64, &Row)> = rows
            .iter()
            .filter(|r| r.metric == metric)
            .filter_map(|r| Some((offered_percent(&r.case)?, r)))
            .collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        points
    };
    let p99 = series("latency p99, accepted");
    let p50 = series("latency p50, accepted");
    if p99.len() < 2 {
        return None;
    }
    let values: Vec<f64> = p99
        .iter()
        .chain(&p50)
        .flat_map(|(_, r)| {
            let (a, b) = (r.rust_range(), r.go_range());
            [a.min, a.max, b.min, b.max]
        })
        .filter(|v| *v > 0.0)
        .collect();
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(0.0_f64, f64::max);
    let (low, high) = (
        low.log10().floor(),
        high.log10().ceil().max(low.log10().floor() + 1.0),
    );
    let y = |ms: f64| {
        let v = ms.max(10f64.powf(low)).log10();
        CURVE_BOTTOM - (v - low) / (high - low) * (CURVE_BOTTOM - CURVE_TOP)
    };
    let x = |percent: f64| CURVE_LEFT + percent / 100.0 * (CURVE_RIGHT - CURVE_LEFT);
    let height = CURVE_BOTTOM + 34.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" style=\"max-width:{max}px\" font-family=\"sans-serif\" font-size=\"11\" \
         fill=\"currentColor\" role=\"img\" \
         aria-label=\"Job queue: latency of accepted jobs against the offered rate\">\n\
         <text x=\"{MARGIN}\" y=\"15\" font-size=\"14\" font-weight=\"bold\">Latency against offered load (open loop)</text>\n\
         <text x=\"{MARGIN}\" y=\"31\">accepted jobs, ms, log scale; whiskers: range of runs</text>\n\
         <rect x=\"{MARGIN}\" y=\"38\" width=\"9\" height=\"9\" fill=\"{RUST_BETTER}\"/>\
         <text x=\"{l1}\" y=\"46\">Rust</text>\n\
         <rect x=\"{l2}\" y=\"38\" width=\"9\" height=\"9\" fill=\"{GO_BETTER}\"/>\
         <text x=\"{l2t}\" y=\"46\">Go</text>\n\
         <text x=\"{l3t}\" y=\"46\">solid p99, dashed p50</text>\n\
         <path class=\"axes\" d=\"M{CURVE_LEFT} {CURVE_TOP}V{CURVE_BOTTOM}H{CURVE_RIGHT}\" \
         stroke=\"currentColor\" fill=\"none\"/>\n",
        max = WIDTH * 1.5,
        l1 = MARGIN + 13.0,
        l2 = MARGIN + 60.0,
        l2t = MARGIN + 73.0,
        l3t = MARGIN + 120.0,
    );
    for decade in (low as i32)..=(high as i32) {
        let ms = 10f64.powi(decade);
        let _ = writeln!(
            svg,
            "<text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\">{label}</text>\
             <path d=\"M{CURVE_LEFT} {ty0:.1}H{CURVE_RIGHT}\" stroke=\"currentColor\" opacity=\"0.15\"/>",
            tx = CURVE_LEFT - 4.0,
            ty = y(ms) + 4.0,
            ty0 = y(ms),
            label = if decade < 0 {
                format!("{ms:.prec$}", prec = (-decade) as usize)
            } else {
                format!("{ms:.0}")
            },
        );
    }
    for (percent, _) in &p99 {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{percent} %</text>",
            x(*percent),
            CURVE_BOTTOM + 15.0
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">offered rate, % of the slower twin's capacity</text>",
        (CURVE_LEFT + CURVE_RIGHT) / 2.0,
        CURVE_BOTTOM + 30.0
    );
    for (points, dash) in [(&p99, ""), (&p50, " stroke-dasharray=\"4 3\"")] {
        for (twin, colour) in [(0, RUST_BETTER), (1, GO_BETTER)] {
            let value = |r: &Row| if twin == 0 { r.rust } else { r.go };
            let range = |r: &Row| {
                if twin == 0 {
                    r.rust_range()
                } else {
                    r.go_range()
                }
            };
            let line: Vec<String> = points
                .iter()
                .map(|(p, r)| format!("{:.1},{:.1}", x(*p), y(value(r))))
                .collect();
            let _ = writeln!(
                svg,
                "<polyline class=\"curve\" points=\"{}\" stroke=\"{colour}\" stroke-width=\"2\" \
                 fill=\"none\"{dash}/>",
                line.join(" ")
            );
            for (p, r) in points.iter() {
                let (px, range) = (x(*p), range(r));
                let _ = writeln!(
                    svg,
                    "<path class=\"whisker\" d=\"M{px:.1} {:.1}V{:.1}\" stroke=\"{colour}\"/>",
                    y(range.min),
                    y(range.max)
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

/// A measured value with as many digits as a reader can use: none above
/// 100, one above 10, two below.
fn figure(value: f64) -> String {
    let digits = if value.abs() >= 100.0 {
        0
    } else if value.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.digits$}")
}

/// Rust/Go, or a dash where it means nothing (0/0, or Go measured 0).
fn ratio(row: &Row) -> String {
    let r = row.rust / row.go;
    if r.is_finite() {
        format!("{r:.2}")
    } else {
        "–".into()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use crate::bench::round2;

    use super::*;

    /// Where `committed` and `generated` first differ: the 1-based line and
    /// both versions of it.
    fn first_difference(committed: &str, generated: &str) -> Option<(usize, String, String)> {
        // split, not lines: a lost final newline is a difference too.
        let mut committed_lines = committed.split('\n');
        let mut generated_lines = generated.split('\n');
        for line in 1.. {
            match (committed_lines.next(), generated_lines.next()) {
                (None, None) => return None,
                (a, b) if a == b => {}
                (a, b) => {
                    let show = |l: Option<&str>| {
                        l.map_or("(end of file)".to_owned(), |l| format!("{l:?}"))
                    };
                    return Some((line, show(a), show(b)));
                }
            }
        }
        unreachable!()
    }

    fn row(rust: f64, go: f64) -> Row {
        Row::once("a <case>", "size", "MiB", rust, go)
    }

    /// Every `<tag …>` of `svg` whose text contains `marker`, as the
    /// numbers of its attributes `names`.
    fn elements(svg: &str, marker: &str, names: &[&str]) -> Vec<Vec<f64>> {
        svg.lines()
            .filter(|line| line.contains(marker))
            .map(|tag| {
                names
                    .iter()
                    .map(|name| {
                        let needle = format!(" {name}=\"");
                        let at = tag
                            .find(&needle)
                            .unwrap_or_else(|| panic!("no {name} in {tag}"))
                            + needle.len();
                        let value = &tag[at..at + tag[at..].find('"').unwrap()];
                        value
                            .parse()
                            .unwrap_or_else(|_| panic!("{name}={value:?} in {tag}"))
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_chart_has_a_bar_and_the_figures_with_units_per_row() {
        let svg = chart("T", &[row(1.0, 2.0), row(3.0, 1.0)]);
        assert_eq!(svg.matches("class=\"bar\"").count(), 2, "{svg}");
        assert!(
            svg.contains(">Rust 1.00 · Go 2.00 MiB · Rust/Go 0.50<")
                && svg.contains(">Rust 3.00 · Go 1.00 MiB · Rust/Go 3.00<"),
            "{svg}"
        );
        assert!(
            svg.contains("a &lt;case&gt; — size"),
            "labels are escaped: {svg}"
        );
    }

    #[test]
    fn figures_keep_useful_digits_and_meaningless_ratios_are_dashes() {
        assert_eq!(figure(22032.61), "22033");
        assert_eq!(figure(20.34375), "20.3");
        assert_eq!(figure(0.508073), "0.51");
        assert_eq!(ratio(&row(0.0, 0.0)), "–");
        assert_eq!(ratio(&row(1.0, 4.0)), "0.25");
        let sampled = Row::sampled("c", "m", "ms", &[1.0, 2.0, 3.0], &[4.0, 5.0], round2);
        assert_eq!(
            with_range(sampled.rust, sampled.rust_range),
            "2.00 (1.00–3.00)"
        );
    }

    /// Where a ratio must sit, computed here on its own: the axis runs from
    /// 1/B to B, B the smallest power of two of at least 2 that holds every
    /// ratio, with 1 in the middle and equal steps for equal factors.
    fn expected_x(ratio: f64, ratios: &[f64]) -> f64 {
        let widest = ratios.iter().map(|r| r.log2().abs()).fold(1.0, f64::max);
        let bound_log2 = widest.ceil();
        WIDTH / 2.0 + ratio.log2() / bound_log2 * (WIDTH / 2.0 - MARGIN)
    }

    #[test]
    fn the_ratio_axis_is_logarithmic_and_centred_on_parity() {
        for ratios in [
            vec![0.1],
            vec![0.02, 0.5],
            vec![3.0, 0.5],
            vec![1.0],
            vec![0.26, 3.61],
        ] {
            let rows: Vec<Row> = ratios.iter().map(|&r| row(r * 10.0, 10.0)).collect();
            let svg = chart("T", &rows);
            let bars = elements(&svg, "class=\"bar\"", &["x", "width"]);
            let parity = elements(&svg, "class=\"parity\"", &["x1", "x2"]);
            assert_eq!(bars.len(), ratios.len(), "{svg}");
            for ((ratio, bar), line) in ratios.iter().zip(&bars).zip(&parity) {
                let one = WIDTH / 2.0;
                assert!(
                    (line[0] - one).abs() < 0.1 && line[0] == line[1],
                    "ratios {ratios:?}: parity at x={} instead of the middle, {one}: {svg}",
                    line[0]
                );
                // The bar runs from parity to the ratio, on either side.
                let far = if *ratio < 1.0 {
                    bar[0]
                } else {
                    bar[0] + bar[1]
                };
                let want = expected_x(*ratio, &ratios);
                if (ratio - 1.0).abs() > 1e-9 {
                    assert!(
                        (far - want).abs() < 0.2,
                        "ratios {ratios:?}: the bar of {ratio} ends at x={far:.1}, \
                         where a log axis centred on 1 puts it is {want:.1}: {svg}"
                    );
                }
                assert!(
                    (MARGIN - 0.1..=WIDTH - MARGIN + 0.1).contains(&far),
                    "ratios {ratios:?}: the bar of {ratio} leaves the chart at x={far}: {svg}"
                );
            }
        }
        // A ratio and its inverse are as far from parity on either side.
        let svg = chart("T", &[row(4.0, 1.0), row(1.0, 4.0)]);
        let bars = elements(&svg, "class=\"bar\"", &["x", "width"]);
        assert!((bars[0][1] - bars[1][1]).abs() < 0.1, "{bars:?}");
    }

    #[test]
    fn the_colour_says_which_twin_did_better_or_that_neither_measurably_did() {
        let sampled =
            |unit: &str, rust: &[f64], go: &[f64]| Row::sampled("c", "m", unit, rust, go, round2);
        let colour = |row: Row| {
            let svg = chart("T", &[row]);
            let bar = svg
                .lines()
                .find(|l| l.contains("class=\"bar\""))
                .unwrap()
                .to_owned();
            bar[bar.find("fill=\"").unwrap() + 6..]
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(colour(sampled("ms", &[1.0, 1.2], &[2.0, 2.5])), RUST_BETTER);
        assert_eq!(colour(sampled("ms", &[3.0, 3.2], &[2.0, 2.5])), GO_BETTER);
        assert_eq!(
            colour(sampled("jobs/s", &[1.0, 1.2], &[2.0, 2.5])),
            GO_BETTER
        );
        assert_eq!(
            colour(sampled("jobs/s", &[3.0, 3.2], &[2.0, 2.5])),
            RUST_BETTER
        );
        assert_eq!(
            colour(sampled("ms", &[1.0, 2.1], &[2.0, 2.5])),
            NEITHER,
            "overlapping ranges"
        );
        let undirected = chart("T", &[sampled("%", &[1.0], &[2.0])]);
        assert!(
            !undirected.contains("class=\"bar\""),
            "a figure with no better direction has no bar: {undirected}"
        );
    }

    #[test]
    fn the_latency_curve_rises_with_latency_on_a_log_axis() {
        let rows: Vec<Row> = [(25, 1.0, 2.0), (50, 10.0, 2.0), (100, 100.0, 2.0)]
            .iter()
            .map(|&(p, rust, go)| {
                Row::once(
                    &format!("open loop at {p} % (x/s)"),
                    "latency p99, accepted",
                    "ms",
                    rust,
                    go,
                )
            })
            .collect();
        let svg = latency_curve(&rows).unwrap();
        let line = svg.lines().find(|l| l.contains("class=\"curve\"")).unwrap();
        let points: Vec<(f64, f64)> = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        // 1, 10 and 100 ms: equal steps up the log axis, at 25, 50, 100 %.
        let step = points[0].1 - points[1].1;
        assert!(step > 0.0, "higher latency is drawn higher: {points:?}");
        assert!(
            ((points[1].1 - points[2].1) - step).abs() < 0.2,
            "each tenfold is the same height: {points:?}"
        );
        assert!(
            ((points[2].0 - points[1].0) - 2.0 * (points[1].0 - points[0].0)).abs() < 0.2,
            "the rate axis is linear: {points:?}"
        );
        assert!(latency_curve(&rows[..1]).is_none(), "one rate is no curve");
    }

    #[test]
    fn the_chart_follows_the_theme_and_keeps_labels_off_the_parity_line() {
        let rows = [
            Row::sampled("c", "m", "ms", &[1.0, 1.5], &[2.0, 2.4], round2),
            row(3.0, 1.0),
        ];
        let svg = chart("T", &rows);
        assert!(
            !svg.contains("white") && !svg.contains("<rect width=\"100%\""),
            "{svg}"
        );
        assert!(
            svg.lines()
                .next()
                .unwrap()
                .contains("fill=\"currentColor\""),
            "{svg}"
        );
        assert_eq!(
            svg.matches("class=\"whisker\"").count(),
            1,
            "only sampled rows: {svg}"
        );
        assert!(svg.contains(">Go = 1<"), "{svg}");
        let parity = elements(&svg, "class=\"parity\"", &["y1", "y2"]);
        let texts = elements(&svg, "<text x=", &["y"]);
        for line in &parity {
            for text in &texts {
                // A text's glyphs reach about 12 units above its baseline
                // and 3 below.
                let (top, bottom) = (text[0] - 12.0, text[0] + 3.0);
                assert!(
                    bottom < line[0] || top > line[1],
                    "a label at y={} crosses the parity line from {} to {}: {svg}",
                    text[0],
                    line[0],
                    line[1]
                );
            }
        }
    }

    /// The committed tables and charts are what results.json generates, so
    /// a hand edit (or a generator change without `bench report`) fails.
    #[test]
    fn the_committed_tables_and_charts_are_generated_from_results_json() {
        let dir = measurements_dir(&crate::root());
        let text = fs::read_to_string(dir.join(RESULTS)).unwrap();
        let results: Value = serde_json::from_str(&text).unwrap();
        let files = generate(&results).unwrap();
        assert!(files.len() > 2 * BENCHES.len());
        let mut stale = Vec::new();
        for (name, generated) in &files {
            let committed = fs::read_to_string(dir.join(name)).unwrap_or_default();
            if let Some((line, was, now)) = first_difference(&committed, generated) {
                stale.push(format!(
                    "src/measurements/{name}:{line}: not what src/measurements/{RESULTS} \
                     generates (xtask/src/bench/report.rs): the file has {was}, the data gives \
                     {now}. These files are never edited by hand: restore it, or rerun \
                     `cargo xtask bench all`"
                ));
            }
        }
        assert!(stale.is_empty(), "{}", stale.join("\n"));
    }

    /// Every committed figure was measured by a release build of xtask
    /// (whose own code is the chat server's clients), not by the debug
    /// build `cargo xtask` starts in.
    #[test]
    fn the_committed_measurements_come_from_an_optimized_xtask() {
        let path = measurements_dir(&crate::root()).join(RESULTS);
        let text = fs::read_to_string(&path).unwrap();
        let results: Value = serde_json::from_str(&text).unwrap();
        for bench in BENCHES {
            let build = &results["benchmarks"][bench.name]["run"]["xtask"];
            let line = text
                .lines()
                .position(|l| l.contains("\"xtask\"") && l.contains(&build.to_string()))
                .map_or(0, |i| i + 1);
            assert_eq!(
                build.as_str(),
                Some("release build"),
                "src/measurements/{RESULTS}:{line}: the {} benchmark's run was made by xtask's \
                 {build}; rerun it with `cargo xtask bench`, which runs from a release build",
                bench.name
            );
        }
    }

    #[test]
    fn the_first_difference_is_found_with_its_line() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        assert_eq!(
            first_difference("a\nb\nc\n", "a\nB\nc\n"),
            Some((2, "\"b\"".into(), "\"B\"".into()))
        );
        assert_eq!(
            first_difference("a\n", "a"),
            Some((2, "\"\"".into(), "(end of file)".into()))
        );
    }
}
