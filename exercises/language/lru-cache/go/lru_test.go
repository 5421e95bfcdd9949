package lru

import (
	"slices"
	"strings"
	"testing"
)

// The Rust tests of this exercise (../tests/cases.rs) mirror these cases
// one for one, under the same names.

func TestCache(t *testing.T) {
	t.Run("get_of_a_missing_key_is_none", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		if value, ok := cache.Get("b"); ok {
			t.Errorf(`Get("b") = %d, true; want 0, false`, value)
		}
	})

	t.Run("put_then_get_returns_the_value", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		cache.Put("b", 2)
		if value, ok := cache.Get("a"); !ok || value != 1 {
			t.Errorf(`Get("a") = %d, %v; want 1, true`, value, ok)
		}
	})

	t.Run("put_of_a_present_key_replaces_its_value", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		cache.Put("b", 2)
		if key, evicted := cache.Put("a", 10); evicted {
			t.Errorf(`Put("a", 10) on a full cache holding "a" evicted %q`, key)
		}
		if value, ok := cache.Get("a"); !ok || value != 10 || cache.Len() != 2 {
			t.Errorf(`Get("a") = %d, %v with Len %d; want 10, true with Len 2`, value, ok, cache.Len())
		}
	})

	t.Run("the_least_recently_used_is_evicted", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		cache.Put("b", 2)
		if key, evicted := cache.Put("c", 3); !evicted || key != "a" {
			t.Errorf(`Put("c", 3) on a full cache evicted %q, %v; want "a", true`, key, evicted)
		}
		if _, ok := cache.Get("a"); ok {
			t.Errorf(`Get("a") after its eviction found it`)
		}
	})

	t.Run("get_makes_a_key_recent", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		cache.Put("b", 2)
		cache.Get("a")
		if key, evicted := cache.Put("c", 3); !evicted || key != "b" {
			t.Errorf(`Put("c", 3) after Get("a") evicted %q, %v; want "b", true`, key, evicted)
		}
	})

	t.Run("replacing_makes_a_key_recent", func(t *testing.T) {
		cache := New[string, int](2)
		cache.Put("a", 1)
		cache.Put("b", 2)
		cache.Put("a", 10)
		if key, evicted := cache.Put("c", 3); !evicted || key != "b" {
			t.Errorf(`Put("c", 3) after Put("a", 10) evicted %q, %v; want "b", true`, key, evicted)
		}
	})

	t.Run("keys_are_listed_most_recent_first", func(t *testing.T) {
		cache := New[int, string](3)
		for _, key := range []int{1, 2, 3} {
			cache.Put(key, "x")
		}
		cache.Get(2)
		if got, want := cache.Keys(), []int{2, 3, 1}; !slices.Equal(got, want) {
			t.Errorf("Keys() = %v, want %v", got, want)
		}
	})

	t.Run("len_never_exceeds_the_capacity", func(t *testing.T) {
		cache := New[int, int](3)
		for key := range 10 {
			cache.Put(key, key*key)
		}
		if got, want := cache.Keys(), []int{9, 8, 7}; cache.Len() != 3 || !slices.Equal(got, want) {
			t.Errorf("after ten puts: Len() = %d, Keys() = %v; want 3, %v", cache.Len(), got, want)
		}
	})

	t.Run("zero_capacity_panics", func(t *testing.T) {
		defer func() {
			message, _ := recover().(string)
			if !strings.Contains(message, "capacity") {
				t.Errorf("New(0) panicked with %q; want a message about the capacity", message)
			}
		}()
		New[int, int](0)
	})
}
