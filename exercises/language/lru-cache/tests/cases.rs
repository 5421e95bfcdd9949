//! The lru-cache exercise's tests, case for case the Go tests of
//! `go/lru_test.go` under the same names. Your port (`start/`) and the
//! reference solution (`solution/`) both run this file: `cargo xtask
//! exercise lru-cache` runs it against yours.

use lru_cache::LruCache;

/// A cache of capacity 2 that holds `"a"` (put first) and `"b"`.
fn a_and_b() -> LruCache<String, i32> {
    let mut cache = LruCache::new(2);
    cache.put("a".to_owned(), 1);
    cache.put("b".to_owned(), 2);
    cache
}

fn key(text: &str) -> String {
    text.to_owned()
}

#[test]
fn get_of_a_missing_key_is_none() {
    let mut cache = LruCache::new(2);
    cache.put(key("a"), 1);
    assert_eq!(cache.get(&key("b")), None, r#"get("b")"#);
}

#[test]
fn put_then_get_returns_the_value() {
    let mut cache = a_and_b();
    // A `&str` for the `String` key, as `HashMap::get` takes.
    assert_eq!(cache.get("a"), Some(&1), r#"get("a")"#);
}

#[test]
fn put_of_a_present_key_replaces_its_value() {
    let mut cache = a_and_b();
    assert_eq!(
        cache.put(key("a"), 10),
        None,
        r#"put("a", 10) on a full cache holding "a" evicts nothing"#
    );
    assert_eq!(
        (cache.get(&key("a")).copied(), cache.len()),
        (Some(10), 2),
        r#"get("a") and len() after put("a", 10)"#
    );
}

#[test]
fn the_least_recently_used_is_evicted() {
    let mut cache = a_and_b();
    assert_eq!(
        cache.put(key("c"), 3),
        Some(key("a")),
        r#"put("c", 3) on a full cache evicts"#
    );
    assert_eq!(cache.get(&key("a")), None, r#"get("a") after its eviction"#);
}

#[test]
fn get_makes_a_key_recent() {
    let mut cache = a_and_b();
    cache.get(&key("a"));
    assert_eq!(
        cache.put(key("c"), 3),
        Some(key("b")),
        r#"put("c", 3) after get("a") evicts"#
    );
}

#[test]
fn replacing_makes_a_key_recent() {
    let mut cache = a_and_b();
    cache.put(key("a"), 10);
    assert_eq!(
        cache.put(key("c"), 3),
        Some(key("b")),
        r#"put("c", 3) after put("a", 10) evicts"#
    );
}

#[test]
fn keys_are_listed_most_recent_first() {
    let mut cache = LruCache::new(3);
    for key in [1, 2, 3] {
        cache.put(key, "x");
    }
    cache.get(&2);
    assert_eq!(cache.keys(), [2, 3, 1], "keys()");
}

#[test]
fn len_never_exceeds_the_capacity() {
    let mut cache = LruCache::new(3);
    for key in 0..10 {
        cache.put(key, key * key);
    }
    assert_eq!(
        (cache.len(), cache.keys()),
        (3, vec![9, 8, 7]),
        "len() and keys() after ten puts"
    );
}

#[test]
#[should_panic(expected = "capacity")]
fn zero_capacity_panics() {
    LruCache::<i32, i32>::new(0);
}
