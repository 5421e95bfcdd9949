//! In edition 2024, changing the process's environment is unsafe: another
//! thread (another test, under `cargo test`) may be reading it.

fn use_port_9000() {
    std::env::set_var("PORT", "9000");
}

fn main() {
    use_port_9000();
    assert_eq!(std::env::var("PORT").as_deref(), Ok("9000"));
}
