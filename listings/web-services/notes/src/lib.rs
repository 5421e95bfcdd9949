//! A small notes service: create, get and list notes over JSON, stored in
//! SQLite. The library holds everything but process startup, so tests can
//! drive the router in memory as well as through the real binary.

pub mod api;
pub mod error;
pub mod note;
pub mod store;
