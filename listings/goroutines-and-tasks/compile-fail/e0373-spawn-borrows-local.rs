//! A spawned task may outlive the function that spawned it, so its future
//! cannot borrow that function's locals.

#[tokio::main]
async fn main() {
    let names = vec!["ping".to_owned(), "pong".to_owned()];
    let handle = tokio::spawn(async { names.len() });
    println!("{}", handle.await.unwrap());
}
