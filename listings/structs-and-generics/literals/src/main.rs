//! Struct literals: every field named, field init shorthand when a variable
//! has the field's name, `..Default::default()` for the fields left out,
//! and `..other` to take the rest from another value.

// ANCHOR: endpoint
/// Where a client sends its requests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub retries: u32,
}

impl Endpoint {
    /// `host` and `port` are variables named like the fields, so the
    /// literal names each once (field init shorthand); `..` fills in the
    /// rest from `Endpoint::default()`.
    pub fn new(host: &str, port: u16) -> Self {
        let host = host.to_string();
        Self {
            host,
            port,
            ..Default::default()
        }
    }

    /// Takes `self` and returns it on port 443 with TLS: `..self` moves
    /// the fields not named (`host`, `retries`) into the new value.
    pub fn secure(self) -> Self {
        Self {
            port: 443,
            tls: true,
            ..self
        }
    }
}
// ANCHOR_END: endpoint

// ANCHOR: main
fn main() {
    let base = Endpoint::new("api.example.com", 8080);
    println!("{base:?}");
    // `secure` takes its receiver by value; clone to keep `base`.
    let secure = base.clone().secure();
    println!("{secure:?}");
    println!("{}", base.port);
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        let cases = [
            (
                "fields left out are the defaults",
                Endpoint::new("api.example.com", 8080),
                Endpoint {
                    host: "api.example.com".to_string(),
                    port: 8080,
                    tls: false,
                    retries: 0,
                },
            ),
            (
                "the default is the zero of each field",
                Endpoint::default(),
                Endpoint {
                    host: String::new(),
                    port: 0,
                    tls: false,
                    retries: 0,
                },
            ),
            (
                "the rest taken from another value",
                Endpoint {
                    retries: 3,
                    ..Endpoint::new("h", 80)
                }
                .secure(),
                Endpoint {
                    host: "h".to_string(),
                    port: 443,
                    tls: true,
                    retries: 3,
                },
            ),
        ];
        for (name, got, want) in cases {
            assert_eq!(got, want, "{name}");
        }
    }
}
// ANCHOR_END: tests
