//! `move` cannot help when what the task needs is itself a borrow: the task
//! may outlive the call, and the slice may not.

async fn lengths(names: &[String]) -> Vec<usize> {
    let mut handles = Vec::new();
    for name in names {
        handles.push(tokio::spawn(async move { name.len() }));
    }
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::main]
async fn main() {
    let names = vec!["ping".to_owned(), "pong".to_owned()];
    println!("{:?}", lengths(&names).await);
}
