module github.com/mpinkit/mpinkit/bench/load

go 1.26.0

replace github.com/mpinkit/mpinkit => ../../

require (
	github.com/mpinkit/mpinkit v0.0.0-00010101000000-000000000000
	golang.org/x/sys v0.47.0
)

require (
	github.com/quic-go/quic-go v0.65.0 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/crypto v0.54.0 // indirect
	golang.org/x/net v0.56.0 // indirect
)
