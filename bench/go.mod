module github.com/mpinkit/mpinkit/bench

go 1.26.8

replace github.com/mpinkit/mpinkit => ../

require (
	github.com/cloudflare/circl v1.6.5
	github.com/consensys/gnark-crypto v0.22.0
	github.com/mpinkit/mpinkit v0.0.0-00010101000000-000000000000
)

require (
	github.com/bits-and-blooms/bitset v1.25.0 // indirect
	golang.org/x/crypto v0.57.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)
