//! `#[tokio::test]` reports a paused clock asked of the multi-threaded
//! runtime as a compile error without an error code, so this listing is
//! checked here rather than by book-doctests, whose harness keys listings
//! by error code. The committed `.stderr` is what the chapter shows; refresh
//! it with `TRYBUILD=overwrite cargo test -p testing-test-model --test flavour`.

#[test]
fn start_paused_needs_the_current_thread_runtime() {
    trybuild::TestCases::new().compile_fail("tests/ui/start-paused-multi-thread.rs");
}
