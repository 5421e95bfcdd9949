//! Serves the fixed router: `cargo run -p sharp-edges-unwrap-in-handlers --
//! --addr 127.0.0.1:8080`, then `curl '127.0.0.1:8080/square?n=7'`.

use sharp_edges_unwrap_in_handlers::app;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let addr = match args.iter().position(|a| a == "--addr") {
        Some(i) => args.get(i + 1).cloned().unwrap_or_default(),
        None => "127.0.0.1:8080".to_owned(),
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
