// Package option works with a nullable *Employee the Go way: a nil check
// before every dereference, and a panic when one is forgotten. The chapter
// on nil sets it beside Rust's Option.
package option

import "errors"

// ANCHOR: employee
// Employee is an employee. Manager is nil at the top of the chart, and
// Email is "" when unknown.
type Employee struct {
	Name    string
	Email   string
	Manager *Employee
}

// ANCHOR_END: employee

// ANCHOR: unchecked
// ManagerName returns the name of e's manager, trusting that there is one.
// For the top of the chart it dereferences nil and panics.
func ManagerName(e *Employee) string {
	return e.Manager.Name
}

// ANCHOR_END: unchecked

// ANCHOR: checked
// LookupManagerName is the checked version, with the comma-ok idiom.
func LookupManagerName(e *Employee) (string, bool) {
	if e.Manager == nil {
		return "", false
	}
	return e.Manager.Name, true
}

// SkipLevel returns the manager's manager, or nil.
func SkipLevel(e *Employee) *Employee {
	if e.Manager == nil {
		return nil
	}
	return e.Manager.Manager
}

// ManagerEmail returns the manager's email, or "" when there is no manager
// or no address.
func ManagerEmail(e *Employee) string {
	if e.Manager == nil {
		return ""
	}
	return e.Manager.Email
}

// ErrNoManager is returned for an employee without a manager.
var ErrNoManager = errors.New("no manager")

// RequireManager returns the manager, or ErrNoManager.
func RequireManager(e *Employee) (*Employee, error) {
	if e.Manager == nil {
		return nil, ErrNoManager
	}
	return e.Manager, nil
}

// Escalation says who to write to about a problem.
func Escalation(e *Employee) string {
	if e.Manager == nil {
		return e.Name + " decides alone"
	}
	if e.Manager.Email == "" {
		return "talk to " + e.Manager.Name
	}
	return "mail " + e.Manager.Email
}

// ANCHOR_END: checked
