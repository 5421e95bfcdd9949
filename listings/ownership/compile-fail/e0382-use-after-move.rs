//! Uses a vector after moving it into a function. rustc refuses: E0382.

fn shout(mut names: Vec<String>) -> Vec<String> {
    for name in &mut names {
        name.push('!');
    }
    names
}

fn main() {
    let names = vec!["ana".to_string(), "bo".to_string()];
    let loud = shout(names);
    println!("{names:?} became {loud:?}");
}
