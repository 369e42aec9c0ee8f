package tlspsk

// Interop tests against the openssl and gnutls command-line tools. They
// are skipped when a tool is missing unless MPINKIT_REQUIRE_PEERS is set, in
// which case a missing tool fails the test. testdata/install-peers.sh
// installs the tools on Debian.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const peerTimeout = 15 * time.Second

var (
	interopPSK      = bytes.Repeat([]byte{0x5a, 0xc3}, 16)
	interopIdentity = "mpinkit-interop"
	interopPSKHex   = hex.EncodeToString(interopPSK)
	wrongPSKHex     = strings.Repeat("11", 32)
)

var suiteNames = map[uint16]struct{ openssl, gnutls string }{
	TLS_AES_128_GCM_SHA256:       {"TLS_AES_128_GCM_SHA256", "AES-128-GCM"},
	TLS_CHACHA20_POLY1305_SHA256: {"TLS_CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305"},
}

// needPeer returns the path of a peer tool, skipping the test when it is
// missing unless MPINKIT_REQUIRE_PEERS is set.
func needPeer(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("MPINKIT_REQUIRE_PEERS") != "" {
			t.Fatalf("%s not found and MPINKIT_REQUIRE_PEERS is set (run interop/tlspsk/testdata/install-peers.sh)", name)
		}
		t.Skipf("%s not installed; set MPINKIT_REQUIRE_PEERS=1 to make this a failure", name)
	}
	return path
}

// syncBuffer collects a peer's output.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// peer is a running openssl or gnutls process.
type peer struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   syncBuffer
	done  chan struct{}
	err   error
}

func startPeer(t *testing.T, tool string, args ...string) *peer {
	t.Helper()
	p := &peer{t: t, done: make(chan struct{})}
	p.cmd = exec.Command(needPeer(t, tool), args...)
	p.cmd.Stdout = &p.out
	p.cmd.Stderr = &p.out
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Logf("peer: %s %s", tool, strings.Join(args, " "))
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.stdin.Close()
		// Clients exit once their stdin closes; servers such as
		// gnutls-serv never do, so do not wait long.
		select {
		case <-p.done:
		case <-time.After(200 * time.Millisecond):
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("peer output:\n%s", p.out.String())
		}
	})
	return p
}

// waitFor waits until the peer's output matches re and returns the match.
func (p *peer) waitFor(re string) []string {
	p.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(peerTimeout)
	for time.Now().Before(deadline) {
		if m := rx.FindStringSubmatch(p.out.String()); m != nil {
			return m
		}
		select {
		case <-p.done:
			if m := rx.FindStringSubmatch(p.out.String()); m != nil {
				return m
			}
			p.t.Fatalf("peer exited (%v) before printing %q:\n%s", p.err, re, p.out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	p.t.Fatalf("peer did not print %q:\n%s", re, p.out.String())
	return nil
}

// wait waits for the peer to exit and returns its exit error.
func (p *peer) wait() error {
	p.t.Helper()
	select {
	case <-p.done:
		return p.err
	case <-time.After(peerTimeout):
		p.t.Fatalf("peer did not exit:\n%s", p.out.String())
		return nil
	}
}

func (p *peer) send(s string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, s); err != nil {
		p.t.Fatalf("peer stdin: %v", err)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

func interopConfig() *Config {
	return &Config{PSK: interopPSK, Identity: []byte(interopIdentity)}
}

// dialPeer connects our client to a peer server and runs the handshake.
func dialPeer(t *testing.T, port string, cfg *Config) (*Conn, error) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", port), peerTimeout)
	if err != nil {
		t.Fatal(err)
	}
	c := Client(conn, cfg)
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), peerTimeout)
	defer cancel()
	return c, c.Handshake(ctx)
}

// readLine reads one line (without the newline) with a deadline.
func readLine(t *testing.T, c *Conn, r *bufio.Reader) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(peerTimeout))
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("reading a line: %v (got %q)", err, line)
	}
	return strings.TrimRight(line, "\r\n")
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// opensslServer starts `openssl s_server` for one connection in -rev mode
// (it answers each line reversed) and returns its port.
func opensslServer(t *testing.T, suites string, extra ...string) (*peer, string) {
	port := freePort(t)
	args := []string{"s_server", "-tls1_3", "-nocert",
		"-psk", interopPSKHex, "-psk_identity", interopIdentity,
		"-accept", "127.0.0.1:" + port, "-naccept", "1", "-rev"}
	if suites != "" {
		args = append(args, "-ciphersuites", suites)
	}
	p := startPeer(t, "openssl", append(args, extra...)...)
	p.waitFor(`ACCEPT`)
	return p, port
}

func TestOpenSSLServer(t *testing.T) {
	t.Parallel()
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			t.Parallel()
			p, port := opensslServer(t, suiteNames[suite].openssl)
			c, err := dialPeer(t, port, interopConfig())
			if err != nil {
				t.Fatalf("handshake: %v", err)
			}
			if cs := c.ConnectionState(); cs.CipherSuite != suite {
				t.Fatalf("suite %s", CipherSuiteName(cs.CipherSuite))
			}
			r := bufio.NewReader(c)
			fmt.Fprintf(c, "hello openssl\n")
			if got := readLine(t, c, r); got != reverse("hello openssl") {
				t.Fatalf("reply %q", got)
			}
			// KeyUpdate asking the server to update as well; OpenSSL
			// answers with its own KeyUpdate before the next reply.
			before := c.inHalf.secret
			if err := c.KeyUpdate(true); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(c, "after key update\n")
			if got := readLine(t, c, r); got != reverse("after key update") {
				t.Fatalf("reply %q", got)
			}
			if bytes.Equal(c.inHalf.secret, before) {
				t.Fatal("OpenSSL did not answer the KeyUpdate request")
			}
			// s_server issues session tickets even for external PSKs; they
			// must have been dropped without harm.
			if c.ticketsSeen == 0 {
				t.Fatal("no NewSessionTicket seen")
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if err := p.wait(); err != nil {
				t.Fatalf("s_server: %v", err)
			}
		})
	}
}

func TestOpenSSLServerHelloRetry(t *testing.T) {
	t.Parallel()
	_, port := opensslServer(t, "")
	cfg := interopConfig()
	cfg.Faults = FaultDeferKeyShare
	c, err := dialPeer(t, port, cfg)
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	if !c.ConnectionState().DidHelloRetryRequest {
		t.Fatal("no HelloRetryRequest")
	}
	r := bufio.NewReader(c)
	fmt.Fprintf(c, "retried\n")
	if got := readLine(t, c, r); got != reverse("retried") {
		t.Fatalf("reply %q", got)
	}
}

func TestOpenSSLServerFragmented(t *testing.T) {
	t.Parallel()
	_, port := opensslServer(t, "")
	cfg := interopConfig()
	cfg.MaxRecordSize = 5
	cfg.testPadding = 40
	c, err := dialPeer(t, port, cfg)
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	r := bufio.NewReader(c)
	msg := strings.Repeat("fragmented and padded ", 20)
	fmt.Fprintf(c, "%s\n", msg)
	if got := readLine(t, c, r); got != reverse(msg) {
		t.Fatalf("reply %q", got)
	}
}

// TestOpenSSLServerRejectsFaults checks that s_server refuses each fault of
// our client.
func TestOpenSSLServerRejectsFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		faults Fault
		psk    []byte
		alert  Alert // 0: any alert
		late   bool  // the failure shows on the first Read
	}{
		// OpenSSL answers a binder that does not verify with
		// illegal_parameter (RFC 8446 §6.2 suggests decrypt_error).
		{name: "WrongBinder", faults: FaultWrongBinder, alert: AlertIllegalParameter},
		{name: "WrongPSK", psk: bytes.Repeat([]byte{1}, 32), alert: AlertIllegalParameter},
		// Without an acceptable PSK OpenSSL falls back to a certificate
		// handshake and misses signature_algorithms.
		{name: "UnknownIdentity", faults: FaultUnknownIdentity, alert: AlertMissingExtension},
		{name: "PSKKENoKeyShare", faults: FaultPSKKENoKeyShare, alert: AlertMissingExtension},
		{name: "BadFinished", faults: FaultBadFinished, alert: AlertDecryptError, late: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, port := opensslServer(t, "")
			cfg := interopConfig()
			cfg.Faults = tc.faults
			if tc.psk != nil {
				cfg.PSK = tc.psk
			}
			c, err := dialPeer(t, port, cfg)
			if tc.late {
				if err != nil {
					t.Fatalf("handshake: %v", err)
				}
				_ = c.SetReadDeadline(time.Now().Add(peerTimeout))
				_, err = c.Read(make([]byte, 1))
			}
			checkRejected(t, err, tc.alert)
		})
	}
}

// checkRejected asserts our side saw the peer reject the connection with an
// alert (want, unless zero).
func checkRejected(t *testing.T, err error, want Alert) {
	t.Helper()
	if err == nil {
		t.Fatal("peer accepted a faulty handshake")
	}
	var ae *AlertError
	if !errors.As(err, &ae) || !ae.Remote {
		t.Fatalf("want a peer alert, got %v", err)
	}
	if want != 0 && ae.Alert != want {
		t.Fatalf("peer sent %v, want %v", ae.Alert, want)
	}
	t.Logf("peer rejected with %v", ae.Alert)
}

// ourServer accepts one connection with our server and runs fn on it; the
// result arrives on the returned channel.
func ourServer(t *testing.T, cfg *Config, fn func(c *Conn) error) (string, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	errc := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			errc <- err
			return
		}
		c := Server(conn, cfg)
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), peerTimeout)
		defer cancel()
		if err := c.Handshake(ctx); err != nil {
			errc <- err
			return
		}
		_ = c.SetDeadline(time.Now().Add(peerTimeout))
		errc <- fn(c)
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port, errc
}

func waitServer(t *testing.T, errc <-chan error) error {
	t.Helper()
	select {
	case err := <-errc:
		return err
	case <-time.After(peerTimeout):
		t.Fatal("our server did not finish")
		return nil
	}
}

// echoLines answers n lines with "echo: <line>", reporting each line read
// on got, then closes with close_notify.
func echoLines(n int, got chan<- string, check func(c *Conn, i int) error) func(c *Conn) error {
	return func(c *Conn) error {
		r := bufio.NewReader(c)
		for i := 0; i < n; i++ {
			line, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("line %d: %w", i, err)
			}
			line = strings.TrimRight(line, "\r\n")
			if got != nil {
				got <- line
			}
			if check != nil {
				if err := check(c, i); err != nil {
					return err
				}
			}
			if _, err := fmt.Fprintf(c, "echo: %s\n", line); err != nil {
				return err
			}
		}
		return c.Close()
	}
}

const exporterLabel = "EXPERIMENTAL-mpinkit-interop"

// keyUpdateCheck verifies that after the first line the peer has rotated
// its key (our read key changed) and asked us to rotate ours.
func keyUpdateCheck(initial *[]byte) func(c *Conn, i int) error {
	return func(c *Conn, i int) error {
		switch i {
		case 0:
			*initial = c.inHalf.secret
		case 1:
			if bytes.Equal(c.inHalf.secret, *initial) {
				return errors.New("peer KeyUpdate not received")
			}
			if !c.keyUpdatePending.Load() {
				return errors.New("peer did not request a KeyUpdate")
			}
		}
		return nil
	}
}

func TestOpenSSLClient(t *testing.T) {
	t.Parallel()
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			t.Parallel()
			var exported []byte
			var initial []byte
			lines := make(chan string, 2)
			cfg := interopConfig()
			cfg.CipherSuites = []uint16{suite}
			port, errc := ourServer(t, cfg, func(c *Conn) error {
				var err error
				if exported, err = c.ConnectionState().ExportKeyingMaterial(exporterLabel, nil, 32); err != nil {
					return err
				}
				return echoLines(2, lines, keyUpdateCheck(&initial))(c)
			})
			p := startPeer(t, "openssl", "s_client", "-tls1_3",
				"-psk", interopPSKHex, "-psk_identity", interopIdentity,
				"-connect", "127.0.0.1:"+port, "-ciphersuites", suiteNames[suite].openssl,
				"-keymatexport", exporterLabel, "-keymatexportlen", "32")
			p.send("ping one\n")
			expectLine(t, lines, "ping one")
			// s_client's "K" command sends KeyUpdate(update_requested).
			p.send("K\n")
			p.waitFor(`KEYUPDATE`)
			p.send("ping two\n")
			expectLine(t, lines, "ping two")
			if err := waitServer(t, errc); err != nil {
				t.Fatalf("our server: %v", err)
			}
			_ = p.wait()
			out := p.out.String()
			for _, want := range []string{"echo: ping one", "echo: ping two"} {
				if !strings.Contains(out, want) {
					t.Fatalf("s_client output lacks %q:\n%s", want, out)
				}
			}
			m := regexp.MustCompile(`Keying material: ([0-9A-F]+)`).FindStringSubmatch(out)
			if m == nil || !strings.EqualFold(m[1], hex.EncodeToString(exported)) {
				t.Fatalf("exporter mismatch: ours %x, s_client %v", exported, m)
			}
		})
	}
}

func expectLine(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	select {
	case got := <-lines:
		if got != want {
			t.Fatalf("server read %q, want %q", got, want)
		}
	case <-time.After(peerTimeout):
		t.Fatalf("server did not read %q", want)
	}
}

func TestOpenSSLClientHelloRetry(t *testing.T) {
	t.Parallel()
	var retried bool
	port, errc := ourServer(t, interopConfig(), func(c *Conn) error {
		retried = c.ConnectionState().DidHelloRetryRequest
		return echoLines(1, nil, nil)(c)
	})
	// P-256 first: s_client sends only a P-256 share, so we must ask for
	// X25519.
	p := startPeer(t, "openssl", "s_client", "-tls1_3",
		"-psk", interopPSKHex, "-psk_identity", interopIdentity,
		"-connect", "127.0.0.1:"+port, "-groups", "P-256:X25519")
	p.send("retry\n")
	if err := waitServer(t, errc); err != nil {
		t.Fatalf("our server: %v", err)
	}
	_ = p.wait()
	if !retried || !strings.Contains(p.out.String(), "echo: retry") {
		t.Fatalf("retried=%v output:\n%s", retried, p.out.String())
	}
}

// TestOpenSSLClientRejected checks that our server refuses bad s_client
// handshakes with the right alert, and that s_client reports it.
func TestOpenSSLClientRejected(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		args  []string
		alert Alert
		base  error
	}{
		{"WrongKey", []string{"-psk", wrongPSKHex, "-psk_identity", interopIdentity}, AlertDecryptError, ErrBadBinder},
		{"UnknownIdentity", []string{"-psk", interopPSKHex, "-psk_identity", "somebody-else"}, AlertUnknownPSKIdentity, ErrUnknownIdentity},
		{"NoPSK", nil, AlertHandshakeFailure, ErrNoPSK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			port, errc := ourServer(t, interopConfig(), func(c *Conn) error { return nil })
			args := append([]string{"s_client", "-tls1_3", "-connect", "127.0.0.1:" + port}, tc.args...)
			p := startPeer(t, "openssl", args...)
			err := waitServer(t, errc)
			wantAlert(t, "our server", err, tc.alert, false, tc.base)
			if perr := p.wait(); perr == nil {
				t.Fatalf("s_client succeeded:\n%s", p.out.String())
			}
			if want := fmt.Sprintf("alert number %d", tc.alert); !strings.Contains(p.out.String(), want) {
				t.Fatalf("s_client output lacks %q:\n%s", want, p.out.String())
			}
		})
	}
}

// gnutlsPriority restricts GnuTLS to TLS 1.3 with ECDHE-PSK and, optionally,
// one cipher and a group order.
func gnutlsPriority(cipher, groups string) string {
	p := "NORMAL:-VERS-ALL:+VERS-TLS1.3:-KX-ALL:+ECDHE-PSK"
	if cipher != "" {
		p += ":-CIPHER-ALL:+" + cipher
	}
	if groups != "" {
		p += ":-GROUP-ALL:" + groups
	}
	return p
}

// gnutlsServer starts gnutls-serv in echo mode. gnutls-serv cannot be
// bound to one address: it listens on the wildcard address of the port.
func gnutlsServer(t *testing.T, priority string) (*peer, string) {
	port := freePort(t)
	pskFile := filepath.Join(t.TempDir(), "psk.txt")
	if err := os.WriteFile(pskFile, []byte(interopIdentity+":"+interopPSKHex+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPeer(t, "gnutls-serv", "--echo", "--pskpasswd", pskFile, "--priority", priority,
		"-p", port, "--keymatexport", exporterLabel, "--keymatexportsize", "32")
	p.waitFor(`listening on IPv4 .* port ` + port + `\.\.\.done`)
	return p, port
}

func TestGnuTLSServer(t *testing.T) {
	t.Parallel()
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			t.Parallel()
			p, port := gnutlsServer(t, gnutlsPriority(suiteNames[suite].gnutls, ""))
			c, err := dialPeer(t, port, interopConfig())
			if err != nil {
				t.Fatalf("handshake: %v", err)
			}
			if cs := c.ConnectionState(); cs.CipherSuite != suite {
				t.Fatalf("suite %s", CipherSuiteName(cs.CipherSuite))
			}
			r := bufio.NewReader(c)
			fmt.Fprintf(c, "hello gnutls\n")
			if got := readLine(t, c, r); got != "hello gnutls" {
				t.Fatalf("echo %q", got)
			}
			before := c.inHalf.secret
			if err := c.KeyUpdate(true); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(c, "after key update\n")
			if got := readLine(t, c, r); got != "after key update" {
				t.Fatalf("echo %q", got)
			}
			if bytes.Equal(c.inHalf.secret, before) {
				t.Fatal("GnuTLS did not answer the KeyUpdate request")
			}
			t.Logf("NewSessionTickets dropped: %d", c.ticketsSeen)
			ours, err := c.ConnectionState().ExportKeyingMaterial(exporterLabel, nil, 32)
			if err != nil {
				t.Fatal(err)
			}
			m := p.waitFor(`Key material: ([0-9a-fA-F]+)`)
			if !strings.EqualFold(m[1], hex.EncodeToString(ours)) {
				t.Fatalf("exporter mismatch: ours %x, gnutls-serv %s", ours, m[1])
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestGnuTLSServerMisc shares one gnutls-serv between the retry, the
// fragmentation and the fault cases.
func TestGnuTLSServerMisc(t *testing.T) {
	t.Parallel()
	_, port := gnutlsServer(t, gnutlsPriority("", ""))
	t.Run("HelloRetry", func(t *testing.T) {
		cfg := interopConfig()
		cfg.Faults = FaultDeferKeyShare
		c, err := dialPeer(t, port, cfg)
		if err != nil {
			t.Fatalf("handshake: %v", err)
		}
		if !c.ConnectionState().DidHelloRetryRequest {
			t.Fatal("no HelloRetryRequest")
		}
		r := bufio.NewReader(c)
		fmt.Fprintf(c, "retried\n")
		if got := readLine(t, c, r); got != "retried" {
			t.Fatalf("echo %q", got)
		}
		_ = c.Close()
	})
	t.Run("Fragmented", func(t *testing.T) {
		cfg := interopConfig()
		cfg.MaxRecordSize = 3
		cfg.testPadding = 100
		c, err := dialPeer(t, port, cfg)
		if err != nil {
			t.Fatalf("handshake: %v", err)
		}
		r := bufio.NewReader(c)
		msg := strings.Repeat("tiny records ", 30)
		fmt.Fprintf(c, "%s\n", msg)
		if got := readLine(t, c, r); got != strings.TrimRight(msg, " ") && got != msg {
			t.Fatalf("echo %q", got)
		}
		_ = c.Close()
	})
	faults := []struct {
		name   string
		faults Fault
		psk    []byte
		alert  Alert
		late   bool
	}{
		// GnuTLS answers a bad binder with illegal_parameter and treats an
		// unknown identity like a bad binder (no identity probing).
		{name: "WrongBinder", faults: FaultWrongBinder, alert: AlertIllegalParameter},
		{name: "WrongPSK", psk: bytes.Repeat([]byte{1}, 32), alert: AlertIllegalParameter},
		{name: "UnknownIdentity", faults: FaultUnknownIdentity, alert: AlertIllegalParameter},
		{name: "PSKKENoKeyShare", faults: FaultPSKKENoKeyShare, alert: AlertHandshakeFailure},
		{name: "BadFinished", faults: FaultBadFinished, alert: AlertDecryptError, late: true},
	}
	for _, tc := range faults {
		t.Run(tc.name, func(t *testing.T) {
			cfg := interopConfig()
			cfg.Faults = tc.faults
			if tc.psk != nil {
				cfg.PSK = tc.psk
			}
			c, err := dialPeer(t, port, cfg)
			if tc.late {
				if err != nil {
					t.Fatalf("handshake: %v", err)
				}
				_ = c.SetReadDeadline(time.Now().Add(peerTimeout))
				_, err = c.Read(make([]byte, 1))
			}
			checkRejected(t, err, tc.alert)
		})
	}
}

func TestGnuTLSClient(t *testing.T) {
	t.Parallel()
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			t.Parallel()
			var exported, initial []byte
			lines := make(chan string, 2)
			port, errc := ourServer(t, interopConfig(), func(c *Conn) error {
				if got := c.ConnectionState().CipherSuite; got != suite {
					return fmt.Errorf("suite %s", CipherSuiteName(got))
				}
				var err error
				if exported, err = c.ConnectionState().ExportKeyingMaterial(exporterLabel, nil, 32); err != nil {
					return err
				}
				return echoLines(2, lines, keyUpdateCheck(&initial))(c)
			})
			p := startPeer(t, "gnutls-cli", "--pskusername", interopIdentity, "--pskkey", interopPSKHex,
				"--priority", gnutlsPriority(suiteNames[suite].gnutls, ""), "-p", port,
				"--keymatexport", exporterLabel, "--keymatexportsize", "32",
				"--inline-commands", "127.0.0.1")
			p.send("ping one\n")
			expectLine(t, lines, "ping one")
			// ^rekey^ sends KeyUpdate(update_requested).
			p.send("^rekey^\n")
			p.waitFor(`Rekey was completed`)
			p.send("ping two\n")
			expectLine(t, lines, "ping two")
			if err := waitServer(t, errc); err != nil {
				t.Fatalf("our server: %v", err)
			}
			_ = p.wait()
			out := p.out.String()
			for _, want := range []string{"echo: ping one", "echo: ping two"} {
				if !strings.Contains(out, want) {
					t.Fatalf("gnutls-cli output lacks %q:\n%s", want, out)
				}
			}
			m := regexp.MustCompile(`Key material: ([0-9a-fA-F]+)`).FindStringSubmatch(out)
			if m == nil || !strings.EqualFold(m[1], hex.EncodeToString(exported)) {
				t.Fatalf("exporter mismatch: ours %x, gnutls-cli %v", exported, m)
			}
		})
	}
}

func TestGnuTLSClientHelloRetry(t *testing.T) {
	t.Parallel()
	var retried bool
	port, errc := ourServer(t, interopConfig(), func(c *Conn) error {
		retried = c.ConnectionState().DidHelloRetryRequest
		return echoLines(1, nil, nil)(c)
	})
	// GnuTLS sends one share per kind of group (here P-256 and X448, not
	// X25519), so we must ask for X25519.
	p := startPeer(t, "gnutls-cli", "--pskusername", interopIdentity, "--pskkey", interopPSKHex,
		"--priority", gnutlsPriority("", "+GROUP-SECP256R1:+GROUP-X448:+GROUP-X25519"), "-p", port, "127.0.0.1")
	p.send("retry\n")
	if err := waitServer(t, errc); err != nil {
		t.Fatalf("our server: %v", err)
	}
	_ = p.wait()
	if !retried || !strings.Contains(p.out.String(), "echo: retry") {
		t.Fatalf("retried=%v output:\n%s", retried, p.out.String())
	}
}

func TestGnuTLSClientRejected(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		args  []string
		alert Alert
		base  error
	}{
		{"WrongKey", []string{"--pskusername", interopIdentity, "--pskkey", wrongPSKHex, "--priority", gnutlsPriority("", "")}, AlertDecryptError, ErrBadBinder},
		{"UnknownIdentity", []string{"--pskusername", "somebody-else", "--pskkey", interopPSKHex, "--priority", gnutlsPriority("", "")}, AlertUnknownPSKIdentity, ErrUnknownIdentity},
		// +PSK alone is psk_ke: no (EC)DHE, no forward secrecy.
		{"PSKKEOnly", []string{"--pskusername", interopIdentity, "--pskkey", interopPSKHex, "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3:-KX-ALL:+PSK"}, AlertHandshakeFailure, ErrNoDHE},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			port, errc := ourServer(t, interopConfig(), func(c *Conn) error { return nil })
			p := startPeer(t, "gnutls-cli", append(tc.args, "-p", port, "127.0.0.1")...)
			err := waitServer(t, errc)
			wantAlert(t, "our server", err, tc.alert, false, tc.base)
			if perr := p.wait(); perr == nil {
				t.Fatalf("gnutls-cli succeeded:\n%s", p.out.String())
			}
		})
	}
}
