//! The one compile-fail listing rustc reports without an error code ("future
//! cannot be sent between threads safely"), so it is checked here rather
//! than by book-doctests, whose harness keys listings by error code. The
//! committed `.stderr` is what the chapter shows; refresh it with
//! `TRYBUILD=overwrite cargo test -p shared-state-async-mutex --test not_send`.

#[test]
fn a_std_guard_held_across_await_makes_the_future_not_send() {
    trybuild::TestCases::new().compile_fail("tests/ui/guard-across-await.rs");
}
