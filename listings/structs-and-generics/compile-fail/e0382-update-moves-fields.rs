//! Struct update syntax moves the fields it takes: after `..base`, the
//! `String` in `base.host` belongs to `secure`, while `base.port`, a
//! `Copy` field that was named instead, is still there. E0382.

struct Endpoint {
    host: String,
    port: u16,
    tls: bool,
}

fn main() {
    let base = Endpoint {
        host: "api.example.com".to_string(),
        port: 80,
        tls: false,
    };
    let secure = Endpoint {
        port: 443,
        tls: true,
        ..base
    };
    println!("{} {}", base.port, secure.tls);
    println!("{}", base.host);
}
