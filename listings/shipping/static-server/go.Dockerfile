# A container image holding only the Go server, built with cgo off so the
# binary is static. Not built by the book's tests (they need no Docker
# engine); the chapter "Shipping static binaries" explains each step. Build
# from this directory:
#
#   docker build -f go.Dockerfile -t static-server-go .

# ANCHOR: dockerfile
FROM golang:1.27 AS build
WORKDIR /src
COPY go.mod *.go ./
RUN CGO_ENABLED=0 go build -trimpath -o /static-server .

FROM scratch
COPY --from=build /static-server /static-server
USER 65534:65534
EXPOSE 8080
ENTRYPOINT ["/static-server", "--addr", "0.0.0.0:8080"]
# ANCHOR_END: dockerfile
