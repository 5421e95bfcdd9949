//! Holds two mutable references into one slice at once, as the Go twin
//! holds two pointers. rustc refuses: E0499.

fn transfer(balances: &mut [i64], from: usize, to: usize, amount: i64) {
    let src = &mut balances[from];
    let dst = &mut balances[to];
    *src -= amount;
    *dst += amount;
}

fn main() {
    let mut balances = vec![100, 0];
    transfer(&mut balances, 0, 1, 30);
    println!("{balances:?}");
}
