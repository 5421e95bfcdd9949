//! A trait with a generic method, a method returning `Self` and an
//! `async fn`: each one makes it impossible to build a vtable, so the trait
//! cannot be used as `dyn Shape`. E0038 names all three.

trait Shape {
    fn area(&self) -> f64;
    fn area_as<F: From<f64>>(&self) -> F;
    fn scaled(&self, factor: f64) -> Self;
    async fn load(&self) -> Vec<u8>;
}

fn main() {
    let shapes: Vec<Box<dyn Shape>> = Vec::new();
    println!("{}", shapes.len());
}
