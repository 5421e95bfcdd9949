package option

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// ANCHOR: panic
func TestManagerNamePanicsAtTheTop(t *testing.T) {
	defer func() {
		err, ok := recover().(runtime.Error)
		if !ok || !strings.Contains(err.Error(), "nil pointer dereference") {
			t.Errorf("recovered %v, want a nil pointer dereference", err)
		}
	}()
	ManagerName(&Employee{Name: "Ada"})
	t.Error("ManagerName returned instead of panicking")
}

// ANCHOR_END: panic

// ANCHOR: tests
func TestLookingUpTheManager(t *testing.T) {
	ceo := &Employee{Name: "Ada"}
	cto := &Employee{Name: "Grace", Email: "grace@example.com", Manager: ceo}
	dev := &Employee{Name: "Linus", Manager: cto}
	cases := []struct {
		name                     string
		e                        *Employee
		manager, skip, email     string
		escalation               string
		hasManager, hasSkipLevel bool
	}{
		{"the CEO", ceo, "", "", "", "Ada decides alone", false, false},
		{"the CTO", cto, "Ada", "", "", "talk to Ada", true, false},
		{"a developer", dev, "Grace", "Ada", "grace@example.com",
			"mail grace@example.com", true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got, ok := LookupManagerName(tc.e); got != tc.manager || ok != tc.hasManager {
				t.Errorf("LookupManagerName = %q, %v", got, ok)
			}
			skip := SkipLevel(tc.e)
			if (skip != nil) != tc.hasSkipLevel || (skip != nil && skip.Name != tc.skip) {
				t.Errorf("SkipLevel = %+v", skip)
			}
			if got := ManagerEmail(tc.e); got != tc.email {
				t.Errorf("ManagerEmail = %q, want %q", got, tc.email)
			}
			if _, err := RequireManager(tc.e); errors.Is(err, ErrNoManager) == tc.hasManager {
				t.Errorf("RequireManager error = %v", err)
			}
			if got := Escalation(tc.e); got != tc.escalation {
				t.Errorf("Escalation = %q, want %q", got, tc.escalation)
			}
		})
	}
}

// ANCHOR_END: tests
