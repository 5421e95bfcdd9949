//! The shared black-box suite against this crate's `notes` binary.

web_services_conformance::suite!(testkit::Twin::rust(env!("CARGO_BIN_EXE_notes")));
