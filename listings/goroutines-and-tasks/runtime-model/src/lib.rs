//! What a runtime does with a future, shown from below: a future written by
//! hand that returns `Poll::Pending` and keeps the waker, then tasks that
//! give their thread back only when they are pending, and what that means
//! for a task that never is. The Rust side of "the runtime model" in the
//! "goroutines and tasks" chapter, beside the Go files of this directory.

pub mod gate;
pub mod hog;
pub mod steal;
