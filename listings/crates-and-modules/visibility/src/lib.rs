//! A crate root: it declares the crate's modules and chooses what the
//! outside sees. `slug` stays private, as a Go `internal/` package would;
//! `Store` is re-exported, so callers write `visibility::Store`.

// ANCHOR: root
mod slug; // src/slug.rs, visible to this crate only
mod store; // src/store.rs

pub use store::Store; // the public path is crate::Store
// ANCHOR_END: root
