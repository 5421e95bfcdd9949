//! `Box<dyn Trait>` where a type parameter says more. Go programmers reach
//! for a trait object because it looks like an interface value; in Rust it
//! also hides the concrete type from the code that built it, which the
//! tests below run into. A generic struct keeps the type. A collection of
//! different notifiers is where `dyn` belongs. Part of the "Sharp edges"
//! chapter.

use std::cell::RefCell;
use std::rc::Rc;

// ANCHOR: trait
/// Something that can deliver an alert.
pub trait Notifier {
    fn notify(&mut self, message: &str);
}

/// Keeps what it was asked to send, the way an outbox table would.
#[derive(Debug, Default)]
pub struct Outbox {
    pub sent: Vec<String>,
}

impl Notifier for Outbox {
    fn notify(&mut self, message: &str) {
        self.sent.push(message.to_owned());
    }
}
// ANCHOR_END: trait

// ANCHOR: boxed
/// Raises alerts through a boxed notifier: any type fits, and once boxed,
/// nobody can get the concrete type back without `Any` and a downcast.
pub struct BoxedAlerts {
    notifier: Box<dyn Notifier>,
}

impl BoxedAlerts {
    pub fn new(notifier: Box<dyn Notifier>) -> Self {
        BoxedAlerts { notifier }
    }

    pub fn disk_full(&mut self, disk: &str) {
        self.notifier.notify(&format!("disk {disk} is full"));
    }
}
// ANCHOR_END: boxed

// ANCHOR: generic
/// The same, generic over the notifier: the compiler makes one copy per
/// type used, and the caller keeps the type, so it can take the notifier
/// back out.
pub struct Alerts<N: Notifier> {
    pub notifier: N,
}

impl<N: Notifier> Alerts<N> {
    pub fn disk_full(&mut self, disk: &str) {
        self.notifier.notify(&format!("disk {disk} is full"));
    }
}
// ANCHOR_END: generic

// ANCHOR: fan-out
/// Where `dyn` is right: notifiers of different types in one list, chosen
/// at run time (from a config file, say).
pub fn notify_all(notifiers: &mut [Box<dyn Notifier>], message: &str) {
    for notifier in notifiers {
        notifier.notify(message);
    }
}
// ANCHOR_END: fan-out

// ANCHOR: shared-outbox
/// To look inside a boxed notifier afterwards, a test has to keep a second
/// handle to its state: shared ownership and interior mutability, only
/// because the type was erased.
#[derive(Clone, Default)]
pub struct SharedOutbox(pub Rc<RefCell<Vec<String>>>);

impl Notifier for SharedOutbox {
    fn notify(&mut self, message: &str) {
        self.0.borrow_mut().push(message.to_owned());
    }
}
// ANCHOR_END: shared-outbox

fn main() {
    let mut alerts = Alerts {
        notifier: Outbox::default(),
    };
    alerts.disk_full("/var");
    println!("{:?}", alerts.notifier.sent);
}

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generic_version_gives_the_notifier_back() {
        let mut alerts = Alerts {
            notifier: Outbox::default(),
        };
        alerts.disk_full("/var");
        assert_eq!(alerts.notifier.sent, ["disk /var is full"]);
    }

    #[test]
    fn the_boxed_version_needs_a_second_handle_to_look_inside() {
        let outbox = SharedOutbox::default();
        let mut alerts = BoxedAlerts::new(Box::new(outbox.clone()));
        alerts.disk_full("/var");
        assert_eq!(*outbox.0.borrow(), ["disk /var is full"]);
    }

    #[test]
    fn a_list_of_different_notifiers_is_what_dyn_is_for() {
        let shared = SharedOutbox::default();
        let mut notifiers: Vec<Box<dyn Notifier>> =
            vec![Box::new(Outbox::default()), Box::new(shared.clone())];
        notify_all(&mut notifiers, "deploy finished");
        assert_eq!(*shared.0.borrow(), ["deploy finished"]);
    }
}
// ANCHOR_END: tests
