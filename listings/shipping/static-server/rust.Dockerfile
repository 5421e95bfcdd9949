# A container image holding only the Rust server, statically linked with
# musl. Not built by the book's tests (they need no Docker engine); the
# chapter "Shipping static binaries" explains each step. Build from the top
# of the book, because the crate is part of its Cargo workspace:
#
#   docker build -f listings/shipping/static-server/rust.Dockerfile -t static-server-rust .

# ANCHOR: dockerfile
FROM rust:1.95 AS build
RUN rustup target add x86_64-unknown-linux-musl
WORKDIR /book
COPY . .
RUN cargo build --release --locked -p shipping-static-server \
        --target x86_64-unknown-linux-musl

# An empty image: no shell, no libc, no package manager. The binary needs
# none of them, and a smaller image has less to patch.
FROM scratch
COPY --from=build /book/target/x86_64-unknown-linux-musl/release/static-server /static-server
# Any unprivileged user id works; scratch has no /etc/passwd to name one.
USER 65534:65534
EXPOSE 8080
ENTRYPOINT ["/static-server", "--addr", "0.0.0.0:8080"]
# ANCHOR_END: dockerfile
