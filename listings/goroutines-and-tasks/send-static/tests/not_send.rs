//! A value that is not `Send`, kept alive across an `.await`, makes the whole
//! future `!Send`, and `tokio::spawn` refuses it. rustc reports this without
//! an error code ("future cannot be sent between threads safely"), so these
//! listings are checked here rather than by book-doctests, whose harness
//! keys listings by error code. The committed `.stderr` files are what the
//! chapter shows; refresh them with
//! `TRYBUILD=overwrite cargo test -p goroutines-and-tasks-send-static --test not_send`.

#[test]
fn an_rc_held_across_await_makes_the_future_not_send() {
    trybuild::TestCases::new().compile_fail("tests/ui/rc-across-await.rs");
}

#[test]
fn a_refcell_borrow_held_across_await_makes_the_future_not_send() {
    trybuild::TestCases::new().compile_fail("tests/ui/refcell-borrow-across-await.rs");
}
