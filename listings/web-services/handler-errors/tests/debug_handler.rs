//! What `#[axum::debug_handler]` says about the two handlers that the
//! chapter's compile-fail listings (`e0277-handler-*`) route without it.
//! Its errors have no code, so they are checked here rather than by
//! book-doctests, whose harness keys listings by error code. Refresh the
//! committed `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p web-services-handler-errors --test debug_handler`.

#[test]
fn debug_handler_names_a_body_extractor_that_is_not_last() {
    trybuild::TestCases::new().compile_fail("tests/ui/body-not-last.rs");
}

#[test]
fn debug_handler_names_a_future_that_is_not_send() {
    trybuild::TestCases::new().compile_fail("tests/ui/guard-across-await.rs");
}
