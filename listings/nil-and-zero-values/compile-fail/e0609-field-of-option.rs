//! Reads a field through an `Option` as if the manager were certainly
//! there, the Rust spelling of Go's unchecked `e.Manager.Name`.
//! rustc refuses: E0609.

use std::rc::Rc;

struct Employee {
    name: String,
    manager: Option<Rc<Employee>>,
}

fn manager_name(e: &Employee) -> &str {
    &e.manager.name
}

fn main() {
    let ceo = Employee {
        name: "Ada".into(),
        manager: None,
    };
    println!("{} reports to {}", ceo.name, manager_name(&ceo));
}
