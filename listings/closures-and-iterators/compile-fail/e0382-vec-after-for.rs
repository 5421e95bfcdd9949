//! Loops over a vector by value and then uses it again, as Go code ranges
//! over a slice twice. `for x in v` moves `v` into the loop: E0382.

fn main() {
    let prices = vec![250, 120, 300];
    for price in prices {
        println!("{price}");
    }
    println!("{} prices", prices.len());
}
