//! The paused clock is a feature of the current-thread runtime: asked for
//! on the multi-threaded one, `#[tokio::test]` refuses at compile time.

#[tokio::test(flavor = "multi_thread", start_paused = true)]
async fn an_hour_in_no_time() {
    tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
}

fn main() {}
