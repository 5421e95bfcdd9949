//! `Option` where Go has nil: an employee may have no manager, and the type
//! says so. The functions show each way of getting at the value inside:
//! `map`, `?`, `and_then`, `ok_or`, `if let` and `let ... else`. The Go twin
//! has the same functions over a `*Employee` and a test for the panic that
//! an unchecked nil causes.

use std::rc::Rc;

// ANCHOR: employee
/// An employee. `manager` is `None` at the top of the chart; `Rc` lets
/// several employees share one manager, as Go pointers do.
#[derive(Debug, Default)]
pub struct Employee {
    pub name: String,
    pub email: Option<String>,
    pub manager: Option<Rc<Employee>>,
}
// ANCHOR_END: employee

// ANCHOR: combinators
/// The manager's name, if there is a manager: `map` changes the value
/// inside a `Some` and passes `None` through.
pub fn manager_name(e: &Employee) -> Option<&str> {
    e.manager.as_deref().map(|m| m.name.as_str())
}

/// The manager's manager: `and_then` chains a step that may itself find
/// nothing.
pub fn skip_level(e: &Employee) -> Option<&Employee> {
    e.manager.as_deref().and_then(|m| m.manager.as_deref())
}

/// The manager's email. `?` returns `None` from the whole function when
/// the value before it is `None`, like an early `return nil`.
pub fn manager_email(e: &Employee) -> Option<&str> {
    let manager = e.manager.as_deref()?;
    manager.email.as_deref()
}

/// The error for an employee without a manager.
#[derive(Debug, PartialEq)]
pub struct NoManager;

/// The manager, or an error: `ok_or` turns an `Option` into a `Result`,
/// ready for `?` in a function that returns errors.
pub fn require_manager(e: &Employee) -> Result<&Employee, NoManager> {
    e.manager.as_deref().ok_or(NoManager)
}
// ANCHOR_END: combinators

// ANCHOR: if-let
/// One sentence about the reporting line: `if let` handles both cases.
pub fn describe(e: &Employee) -> String {
    if let Some(manager) = &e.manager {
        format!("{} reports to {}", e.name, manager.name)
    } else {
        format!("{} reports to nobody", e.name)
    }
}
// ANCHOR_END: if-let

// ANCHOR: let-else
/// Who to write to about a problem. `let ... else` unpacks a value or
/// leaves the function, so the happy path stays unindented, like Go's
/// `if x == nil { return ... }`.
pub fn escalation(e: &Employee) -> String {
    let Some(manager) = &e.manager else {
        return format!("{} decides alone", e.name);
    };
    let Some(email) = &manager.email else {
        return format!("talk to {}", manager.name);
    };
    format!("mail {email}")
}
// ANCHOR_END: let-else

// ANCHOR: main
fn main() {
    let ceo = Rc::new(Employee {
        name: "Ada".into(),
        ..Default::default()
    });
    let cto = Rc::new(Employee {
        name: "Grace".into(),
        email: Some("grace@example.com".into()),
        manager: Some(Rc::clone(&ceo)),
    });
    let dev = Employee {
        name: "Linus".into(),
        email: None,
        manager: Some(Rc::clone(&cto)),
    };

    assert_eq!(manager_name(&dev), Some("Grace"));
    assert_eq!(manager_name(&ceo), None); // no panic, no check forgotten
    assert_eq!(skip_level(&dev).map(|e| e.name.as_str()), Some("Ada"));
    assert_eq!(manager_email(&dev), Some("grace@example.com"));
    assert_eq!(require_manager(&ceo).err(), Some(NoManager));
    assert_eq!(describe(&cto), "Grace reports to Ada");
    assert_eq!(escalation(&dev), "mail grace@example.com");
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    fn employee(name: &str, email: Option<&str>, manager: Option<&Rc<Employee>>) -> Rc<Employee> {
        Rc::new(Employee {
            name: name.into(),
            email: email.map(String::from),
            manager: manager.cloned(),
        })
    }

    #[test]
    fn every_way_of_looking_up_the_manager() {
        let ceo = employee("Ada", None, None);
        let cto = employee("Grace", Some("grace@example.com"), Some(&ceo));
        let dev = employee("Linus", None, Some(&cto));
        let cases = [
            ("the CEO", &ceo, None, None, None, "Ada decides alone"),
            ("the CTO", &cto, Some("Ada"), None, None, "talk to Ada"),
            (
                "a developer",
                &dev,
                Some("Grace"),
                Some("Ada"),
                Some("grace@example.com"),
                "mail grace@example.com",
            ),
        ];
        for (case, e, manager, skip, email, escalate) in cases {
            assert_eq!(manager_name(e), manager, "{case}: manager_name");
            assert_eq!(
                skip_level(e).map(|s| s.name.as_str()),
                skip,
                "{case}: skip_level"
            );
            assert_eq!(manager_email(e), email, "{case}: manager_email");
            assert_eq!(
                require_manager(e).is_ok(),
                manager.is_some(),
                "{case}: require_manager"
            );
            assert_eq!(escalation(e), escalate, "{case}: escalation");
        }
    }

    // ANCHOR: niche
    #[test]
    fn option_of_a_pointer_costs_nothing() {
        use std::mem::size_of;
        // None is stored as the null pointer, which a reference, a Box or
        // an Rc can never be, so the Option needs no extra space.
        assert_eq!(size_of::<Option<&Employee>>(), size_of::<&Employee>());
        assert_eq!(
            size_of::<Option<Box<Employee>>>(),
            size_of::<Box<Employee>>()
        );
        assert_eq!(size_of::<Option<Rc<Employee>>>(), size_of::<Rc<Employee>>());
    }
    // ANCHOR_END: niche
}
// ANCHOR_END: tests
