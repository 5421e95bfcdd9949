//! How fast `parse` is on a typical query string, measured with divan:
//! `cargo bench -p testing-query`. The Go twin's `BenchmarkParse` measures
//! the same input.

fn main() {
    divan::main();
}

// ANCHOR: bench
/// The same input as the Go benchmark.
const QUERY: &str = "q=rust+for+gophers&page=2&limit=50&sort=-created&tag=%C3%A9t%C3%A9";

#[divan::bench]
fn parse() -> usize {
    // black_box keeps the compiler from computing the result at build time.
    testing_query::parse(divan::black_box(QUERY)).unwrap().len()
}
// ANCHOR_END: bench
