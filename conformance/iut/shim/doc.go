// Package shim is the conformance adapter for any implementation that
// speaks the mpin-shim/1 protocol of spec/shim.md: it starts the shim as a
// subprocess (or any other process-like peer a LaunchFunc provides),
// exchanges one JSON object per line over the peer's standard input and
// output, keeps the peer's standard error for the reports, enforces the
// protocol's timeouts, and restarts the peer after a fatal error or a
// timeout.
package shim
