//! Pushes onto a vector while a `for` loop is walking it, the way Go code
//! appends inside `range`. rustc refuses: E0502.

fn main() {
    let mut nums = vec![1, 2, 3, 4];
    for n in &nums {
        if n % 2 == 0 {
            nums.push(n * 10);
        }
    }
    println!("{nums:?}");
}
