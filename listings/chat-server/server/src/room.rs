//! The one chat room: who is in it, and the broadcast channel that carries
//! every message to every member.
//!
//! `tokio::sync::broadcast` keeps the last `--buffer` messages in one ring
//! shared by all receivers. A receiver that falls further behind than that
//! is not given more memory: its next `recv` reports `Lagged(n)` and skips
//! to the oldest message still kept. So the room's memory is bounded by the
//! buffer, however slowly anyone reads.

use std::collections::BTreeSet;
use std::sync::Mutex;

use tokio::sync::broadcast;

use crate::limits::validate_name;
use crate::protocol::{ErrorCode, ServerMessage};

pub struct Room {
    members: Mutex<BTreeSet<String>>,
    events: broadcast::Sender<ServerMessage>,
}

/// A member's view of the room after a successful join.
pub struct Membership {
    /// Every broadcast from the moment of joining on, the join itself first.
    pub events: broadcast::Receiver<ServerMessage>,
    /// Everyone present, sorted, the new member included.
    pub members: Vec<String>,
}

impl Room {
    pub fn new(buffer: usize) -> Room {
        Room {
            members: Mutex::new(BTreeSet::new()),
            events: broadcast::channel(buffer).0,
        }
    }

    // ANCHOR: join
    /// Adds `name` to the room and announces it. The lock is held while
    /// subscribing and announcing, so the new member's receiver starts
    /// exactly at its own `joined`, and no one else can take the name.
    pub fn join(&self, name: &str) -> Result<Membership, ServerMessage> {
        validate_name(name).map_err(|why| ServerMessage::error(ErrorCode::InvalidName, why))?;
        let mut members = self
            .members
            .lock()
            .expect("no code panics while holding the lock");
        if !members.insert(name.to_owned()) {
            let why = format!("{name} is taken");
            return Err(ServerMessage::error(ErrorCode::NameTaken, why));
        }
        let events = self.events.subscribe();
        self.publish(ServerMessage::Joined {
            name: name.to_owned(),
            members: None,
        });
        Ok(Membership {
            events,
            members: members.iter().cloned().collect(),
        })
    }
    // ANCHOR_END: join

    pub fn say(&self, from: &str, text: String) {
        self.publish(ServerMessage::Message {
            from: from.to_owned(),
            text,
        });
    }

    pub fn leave(&self, name: &str) {
        let mut members = self
            .members
            .lock()
            .expect("no code panics while holding the lock");
        if members.remove(name) {
            self.publish(ServerMessage::Left {
                name: name.to_owned(),
            });
        }
    }

    /// Sending fails only when no one is subscribed, and then no one
    /// needed the message.
    fn publish(&self, message: ServerMessage) {
        let _ = self.events.send(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<Membership, ServerMessage>) -> Option<ErrorCode> {
        match result {
            Ok(_) => None,
            Err(ServerMessage::Error { code, .. }) => Some(code),
            Err(other) => panic!("join failed with {other:?}"),
        }
    }

    #[test]
    fn names_are_checked_and_unique_until_their_owner_leaves() {
        let room = Room::new(8);
        let ada = room.join("ada").expect("a free, valid name");
        assert_eq!(ada.members, ["ada"]);
        assert_eq!(code(room.join("ada")), Some(ErrorCode::NameTaken));
        assert_eq!(code(room.join("no spaces")), Some(ErrorCode::InvalidName));
        assert_eq!(room.join("bob").expect("free").members, ["ada", "bob"]);
        room.leave("ada");
        assert_eq!(code(room.join("ada")), None);
    }

    #[test]
    fn a_member_hears_its_own_join_then_everything_after() {
        let room = Room::new(8);
        let mut ada = room.join("ada").unwrap().events;
        room.say("ada", "hi".into());
        let bob = room.join("bob").unwrap();
        room.leave("bob");
        drop(bob);
        let heard: Vec<ServerMessage> = std::iter::from_fn(|| ada.try_recv().ok()).collect();
        assert_eq!(
            heard,
            [
                ServerMessage::Joined {
                    name: "ada".into(),
                    members: None
                },
                ServerMessage::Message {
                    from: "ada".into(),
                    text: "hi".into()
                },
                ServerMessage::Joined {
                    name: "bob".into(),
                    members: None
                },
                ServerMessage::Left { name: "bob".into() },
            ]
        );
    }

    #[test]
    fn a_slow_member_is_told_how_much_it_missed() {
        let room = Room::new(2);
        let mut slow = room.join("slow").unwrap().events;
        for i in 0..5 {
            room.say("ada", i.to_string());
        }
        // six broadcasts (the join and five messages), two kept
        assert_eq!(
            slow.try_recv(),
            Err(broadcast::error::TryRecvError::Lagged(4))
        );
        assert_eq!(
            slow.try_recv(),
            Ok(ServerMessage::Message {
                from: "ada".into(),
                text: "3".into()
            })
        );
    }
}
