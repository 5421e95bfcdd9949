//! What the two channels cost in memory, counted by the allocator itself:
//! this test binary's global allocator keeps a running total of the bytes
//! allocated and not yet freed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use goroutines_and_tasks_backpressure::{MESSAGE_BYTES, produce_bounded, produce_unbounded};
use tokio::sync::mpsc;

/// The system allocator, counting the bytes in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's promises about `layout` are passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes allocated since `before`, in MiB.
fn mib_since(before: usize) -> f64 {
    IN_USE.load(Ordering::Relaxed).saturating_sub(before) as f64 / (1 << 20) as f64
}

// One test, so no other test allocates while it counts.
#[tokio::test(start_paused = true)]
async fn unbounded_memory_grows_and_bounded_memory_stays_put() {
    let n = 50_000;
    let sent_mib = (n * MESSAGE_BYTES) as f64 / (1 << 20) as f64;

    let before = IN_USE.load(Ordering::Relaxed);
    let (tx, rx) = mpsc::unbounded_channel();
    produce_unbounded(&tx, n);
    let unbounded = mib_since(before);
    assert!(
        unbounded >= sent_mib,
        "the unbounded queue holds {unbounded:.1} MiB, want all {sent_mib:.1} MiB sent"
    );
    drop((tx, rx));

    let before = IN_USE.load(Ordering::Relaxed);
    let (tx, rx) = mpsc::channel(64);
    let producer = tokio::spawn(produce_bounded(tx, n));
    // Every task waits once the buffer is full; the paused clock then
    // moves, and the sleep ends.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let bounded = mib_since(before);
    assert!(
        bounded < 1.0,
        "the bounded channel holds {bounded:.2} MiB with its receiver idle, want under 1 MiB"
    );
    assert!(!producer.is_finished());
    drop(rx);
    producer
        .await
        .expect("the producer stops once the receiver is gone");
    println!(
        "{n} messages of {MESSAGE_BYTES} B: unbounded {unbounded:.1} MiB, bounded {bounded:.2} MiB"
    );
}
