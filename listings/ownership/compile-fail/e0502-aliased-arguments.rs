//! Passes one vector as both the destination and the source, the call that
//! gives the Go twin a wrong answer. rustc refuses: E0502.

fn offsets(dst: &mut [i32], src: &[i32]) {
    let Some(&first) = src.first() else { return };
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s - first;
    }
}

fn main() {
    let mut xs = vec![5, 7, 9];
    offsets(&mut xs, &xs);
    println!("{xs:?}");
}
