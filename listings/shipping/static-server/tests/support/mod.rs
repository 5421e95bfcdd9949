//! What the linking tests share: reading an executable's ELF program
//! headers, and asking a running server for `/healthz`.

use std::path::Path;

// ANCHOR: interp
/// The program interpreter an x86-64 ELF executable asks for, if any.
pub fn interpreter(path: &Path) -> Option<String> {
    let elf = std::fs::read(path).expect("the binary is readable");
    assert_eq!(&elf[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(elf[4], 2, "not a 64-bit ELF file");
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap());
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap()) as usize;

    // ELF64 header: program headers start at e_phoff (offset 32), each
    // e_phentsize (54) bytes long, e_phnum (56) of them.
    let (phoff, phentsize, phnum) = (u64_at(32), usize::from(u16_at(54)), usize::from(u16_at(56)));
    const PT_INTERP: u32 = 3;
    (0..phnum)
        .map(|i| phoff + i * phentsize)
        .find(|&ph| u32_at(ph) == PT_INTERP)
        .map(|ph| {
            // p_offset (8) and p_filesz (32): where the path is, NUL included.
            let (offset, size) = (u64_at(ph + 8), u64_at(ph + 32));
            String::from_utf8_lossy(&elf[offset..offset + size - 1]).into_owned()
        })
}
// ANCHOR_END: interp

/// Asks a running server for /healthz over a plain TCP connection.
pub fn healthz(server: &testkit::Server) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connects");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .expect("sends");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    response
}
