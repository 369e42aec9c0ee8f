module github.com/mpinkit/mpinkit

go 1.26.0

require pgregory.net/rapid v1.3.0

require (
	github.com/cloudflare/circl v1.6.5
	github.com/quic-go/quic-go v0.65.0
	golang.org/x/crypto v0.54.0
	golang.org/x/net v0.56.0 // indirect
	golang.org/x/sys v0.47.0
)
