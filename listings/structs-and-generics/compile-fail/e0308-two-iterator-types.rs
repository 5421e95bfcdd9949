//! `-> impl Iterator` stands for one concrete type, chosen by the function.
//! Two branches that build two different iterator types do not agree on
//! it. E0308.

fn numbers(odd: bool, limit: u32) -> impl Iterator<Item = u32> {
    if odd {
        (0..limit).filter(|n| n % 2 == 1)
    } else {
        (0..limit).step_by(2)
    }
}

fn main() {
    println!("{:?}", numbers(true, 10).collect::<Vec<_>>());
}
