//! Function colouring: a plain `fn` cannot `.await`. To call an async
//! function, the caller must be async too, all the way up to the runtime.

async fn fetch_greeting() -> String {
    "hello".to_owned()
}

fn greeting_len() -> usize {
    fetch_greeting().await.len()
}

fn main() {
    println!("{}", greeting_len());
}
