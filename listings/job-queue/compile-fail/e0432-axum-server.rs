//! Code written for axum 0.6 started its server with `axum::Server::bind`.
//! That type left axum in 0.7; `axum::serve` with a tokio listener took its
//! place, so the old import no longer resolves.

use axum::Server;

fn main() {}
