package client

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// DemoSuite is the suite RunDemo uses.
const DemoSuite = mpin.BLS12381Modern

// RunDemo runs the whole interop flow in this process, on loopback, and
// prints each step to w: three in-process authorities, the M-Pin server
// with its TLS-PSK and QUIC listeners, registration of a client with the
// three authorities, a PIN, two-pass logins with the right and a wrong
// PIN, a one-pass login, an M-Pin Full login, then a TLS-PSK echo and two
// QUIC echoes keyed by it. It stops everything before it returns, and
// returns the first failure.
func RunDemo(ctx context.Context, w io.Writer) error {
	return RunDemoSuite(ctx, w, DemoSuite)
}

// RunDemoSuite is RunDemo in the given suite.
func RunDemoSuite(ctx context.Context, w io.Writer, suite string) (err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	step := func(n int, format string, args ...any) {
		fmt.Fprintf(w, "%2d. %s\n", n, fmt.Sprintf(format, args...))
	}
	detail := func(format string, args ...any) { fmt.Fprintf(w, "      %s\n", fmt.Sprintf(format, args...)) }
	fp := func(b []byte) string { h := sha256.Sum256(b); return fmt.Sprintf("%x", h[:6]) }

	fmt.Fprintf(w, "mpinkit interop demo: M-Pin (%s), three D-TAs, TLS-PSK and QUIC channels, all on loopback\n\n", suite)

	auths, err := server.StartLocalAuthorities(ctx, suite, 3, nil)
	if err != nil {
		return err
	}
	defer func() {
		cancel()
		err = errors.Join(err, auths.Wait())
	}()
	step(1, "started 3 independent authorities, each with its own random master share:")
	for _, a := range auths.Configs {
		detail("%s at %s", a.Name, a.URL)
	}

	var mu sync.Mutex
	var last server.Outcome
	srv, err := server.New(ctx, server.Config{
		Suite:       suite,
		Authorities: auths.Configs,
		OnOutcome: func(o server.Outcome) {
			mu.Lock()
			last = o
			mu.Unlock()
		},
	})
	if err != nil {
		return err
	}
	if err := srv.Listen(server.LoopbackAddrs); err != nil {
		return err
	}
	serveDone := make(chan error, 1)
	go func() { serveDone <- srv.Serve(ctx) }()
	defer func() {
		cancel()
		err = errors.Join(err, <-serveDone)
	}()
	a := srv.Addrs()
	step(2, "M-Pin server up: fetched a server-secret share from each authority and added them up (sQ)")
	detail("HTTP API     %s", srv.URL())
	detail("TLS-PSK      %s (TCP)", a.TLSPSK)
	detail("QUIC-PSK     %s (UDP)", a.QUICPSK)
	detail("QUIC-binding %s (UDP)", a.QUICBinding)

	c := &Client{URL: srv.URL(), HTTP: &http.Client{Timeout: 30 * time.Second}}
	id := []byte("alice@example.org")
	const pin = 4321
	cr, err := c.Register(ctx, suite, id, pin)
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	step(3, "registered %q: the server signed one request per authority, the client fetched", id)
	detail("the 3 client-secret shares itself, added them up and took out PIN %d", pin)
	detail("token kept by the client: %d bytes, fingerprint %s (the PIN is not stored)", len(cr.Token), fp(cr.Token))

	if _, err := c.Login(ctx, cr, pin, TwoPass); err != nil {
		return fmt.Errorf("two-pass login: %w", err)
	}
	step(4, "two-pass login with PIN %d: OK", pin)

	_, err = c.Login(ctx, cr, pin+7, TwoPass)
	if !errors.Is(err, server.ErrBadPIN) {
		return fmt.Errorf("login with a wrong PIN: got %v, want BAD_PIN", err)
	}
	mu.Lock()
	o := last
	mu.Unlock()
	step(5, "two-pass login with PIN %d: refused, %s", pin+7, errName(err))
	detail("the server's wrong-PIN detection found delta = %+d; it is kept by the server (lockout count %d),", o.Delta, o.Failures)
	detail("never sent to the client")
	if o.Delta != 7 {
		return fmt.Errorf("wrong-PIN detection: delta %d, want 7", o.Delta)
	}

	if _, err := c.Login(ctx, cr, pin, OnePass); err != nil {
		return fmt.Errorf("one-pass login: %w", err)
	}
	step(6, "one-pass login (challenge from the time value): OK")

	l, err := c.Login(ctx, cr, pin, Full)
	if err != nil {
		return fmt.Errorf("M-Pin Full login: %w", err)
	}
	defer l.Wipe()
	step(7, "M-Pin Full login: OK, session key agreed (%d bytes, fingerprint %s)", len(l.Key), fp(l.Key))
	detail("channel keys from the key and the transcript hash %x...", l.TranscriptHash[:8])
	detail("PSK identity %x (pseudorandom, names the login on the wire)", l.Keys.Identity)

	for i, k := range Kinds {
		ch, err := l.Open(ctx, k)
		if err != nil {
			return fmt.Errorf("%s channel: %w", k, err)
		}
		msg := fmt.Appendf(nil, "hello over %s", k)
		err = ch.Echo(msg)
		cerr := ch.Close()
		if err != nil {
			return fmt.Errorf("%s echo: %w", k, err)
		}
		if cerr != nil {
			return fmt.Errorf("%s close: %w", k, cerr)
		}
		step(8+i, "%s channel: %q echoed, server's MAC over the connection's exporter verified", k, msg)
		detail("%s", ch.Detail)
	}
	fmt.Fprintf(w, "\nall steps passed; shutting down\n")
	return nil
}

func errName(err error) string {
	var e *server.Error
	if errors.As(err, &e) {
		return e.Name
	}
	return err.Error()
}
