// Package literals shows Go's composite literals: fields by name, the ones
// left out set to their zero values, and a copy changed field by field.
// The structs and generics chapter sets them beside Rust's struct
// literals, field init shorthand and struct update syntax.
package literals

// ANCHOR: endpoint
// Endpoint is where a client sends its requests.
type Endpoint struct {
	Host    string
	Port    int
	TLS     bool
	Retries int
}

// NewEndpoint names the two fields every endpoint needs; TLS and Retries
// are left out, so they are false and 0.
func NewEndpoint(host string, port int) Endpoint {
	return Endpoint{Host: host, Port: port}
}

// Secure returns base on port 443 with TLS. Assignment copies the struct,
// so base itself is unchanged.
func Secure(base Endpoint) Endpoint {
	e := base
	e.Port = 443
	e.TLS = true
	return e
}

// ANCHOR_END: endpoint
