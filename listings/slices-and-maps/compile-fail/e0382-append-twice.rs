//! Grows one base vector twice, as the Go test appends twice to one slice.
//! The first call takes the vector; the second finds it moved. rustc
//! refuses: E0382.

fn with_suffix(mut path: Vec<String>, elem: &str) -> Vec<String> {
    path.push(elem.to_string());
    path
}

fn main() {
    let base = vec!["home".to_string(), "gopher".to_string()];
    let docs = with_suffix(base, "docs");
    let music = with_suffix(base, "music");
    println!("{docs:?} {music:?}");
}
