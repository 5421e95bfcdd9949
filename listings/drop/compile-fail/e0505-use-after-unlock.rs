//! Unlocks a mutex and keeps reading through a reference into it, as Go
//! code may keep a pointer after `Unlock`. The reference borrows from the
//! guard, so dropping the guard is refused: E0505.

use std::sync::Mutex;

fn first_len(names: &Mutex<Vec<String>>) -> usize {
    let guard = names.lock().unwrap();
    let first = &guard[0];
    drop(guard);
    first.len()
}

fn main() {
    let names = Mutex::new(vec![String::from("gopher")]);
    println!("{}", first_len(&names));
}
