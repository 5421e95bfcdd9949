// Package splitting takes strings apart with the strings package: Cut,
// Split, TrimSpace, Fields and Join. The strings chapter sets it beside the
// methods of Rust's str.
package splitting

import "strings"

// ANCHOR: header
// ParseHeader splits a "Name: value" line and trims both parts; ok is false
// when there is no colon.
func ParseHeader(line string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(line, ":")
	if !ok {
		return "", "", false
	}
	return strings.TrimSpace(name), strings.TrimSpace(value), true
}

// ANCHOR_END: header

// ANCHOR: tags
// Tags splits a comma-separated list, trims and lowercases each tag, and
// drops the empty ones.
func Tags(list string) []string {
	var tags []string
	for _, t := range strings.Split(list, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, strings.ToLower(t))
		}
	}
	return tags
}

// ANCHOR_END: tags
