package tlspsk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHandshakeSuites(t *testing.T) {
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			ccfg, scfg := clientConfig(), serverConfig()
			scfg.CipherSuites = []uint16{suite}
			cli, srv := mustPair(t, ccfg, scfg)
			for _, c := range []*Conn{cli, srv} {
				cs := c.ConnectionState()
				if !cs.HandshakeComplete || cs.CipherSuite != suite || cs.Version != VersionTLS13 ||
					string(cs.PSKIdentity) != testIdentity || cs.DidHelloRetryRequest {
					t.Fatalf("state %+v", cs)
				}
			}
			exchange(t, cli, srv, []byte("hello server"))
			exchange(t, srv, cli, []byte("hello client"))

			ce, err := cli.ConnectionState().ExportKeyingMaterial("EXPERIMENTAL test", []byte("ctx"), 42)
			if err != nil {
				t.Fatal(err)
			}
			se, _ := srv.ConnectionState().ExportKeyingMaterial("EXPERIMENTAL test", []byte("ctx"), 42)
			other, _ := srv.ConnectionState().ExportKeyingMaterial("EXPERIMENTAL other", []byte("ctx"), 42)
			if !bytes.Equal(ce, se) || len(ce) != 42 || bytes.Equal(ce, other) {
				t.Fatalf("exporter: %x %x %x", ce, se, other)
			}
			nilCtx, _ := cli.ConnectionState().ExportKeyingMaterial("x", nil, 16)
			emptyCtx, _ := cli.ConnectionState().ExportKeyingMaterial("x", []byte{}, 16)
			if !bytes.Equal(nilCtx, emptyCtx) {
				t.Fatal("nil and empty exporter contexts differ")
			}
		})
	}
}

func TestServerPrefersItsOrder(t *testing.T) {
	ccfg, scfg := clientConfig(), serverConfig()
	ccfg.CipherSuites = []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256}
	scfg.CipherSuites = []uint16{TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256}
	cli, _ := mustPair(t, ccfg, scfg)
	if got := cli.ConnectionState().CipherSuite; got != TLS_CHACHA20_POLY1305_SHA256 {
		t.Fatalf("suite %s", CipherSuiteName(got))
	}
}

func TestNoCommonSuite(t *testing.T) {
	ccfg, scfg := clientConfig(), serverConfig()
	ccfg.CipherSuites = []uint16{TLS_AES_128_GCM_SHA256}
	scfg.CipherSuites = []uint16{TLS_CHACHA20_POLY1305_SHA256}
	_, _, cerr, serr := pair(t, ccfg, scfg)
	wantAlert(t, "server", serr, AlertHandshakeFailure, false, ErrHandshakeFailure)
	wantAlert(t, "client", cerr, AlertHandshakeFailure, true, nil)
}

func TestDeterministicRand(t *testing.T) {
	// With fixed randomness the whole handshake is reproducible, which the
	// vector generator relies on.
	run := func() []byte {
		ccfg, scfg := clientConfig(), serverConfig()
		ccfg.Rand, scfg.Rand = newDetRand(1), newDetRand(2)
		cli, _ := mustPair(t, ccfg, scfg)
		out, err := cli.ConnectionState().ExportKeyingMaterial("det", nil, 32)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if a, b := run(), run(); !bytes.Equal(a, b) {
		t.Fatalf("handshakes with the same randomness differ: %x %x", a, b)
	}
}

func TestHelloRetryRequest(t *testing.T) {
	for _, suite := range []uint16{TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256} {
		t.Run(CipherSuiteName(suite), func(t *testing.T) {
			ccfg, scfg := clientConfig(), serverConfig()
			ccfg.Faults = FaultDeferKeyShare
			ccfg.CipherSuites = []uint16{suite}
			cli, srv := mustPair(t, ccfg, scfg)
			if !cli.ConnectionState().DidHelloRetryRequest || !srv.ConnectionState().DidHelloRetryRequest {
				t.Fatal("no HelloRetryRequest recorded")
			}
			exchange(t, cli, srv, []byte("after retry"))
			exchange(t, srv, cli, []byte("and back"))
		})
	}
}

func TestFragmentationAndPadding(t *testing.T) {
	for _, size := range []int{1, 7, 100} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			ccfg, scfg := clientConfig(), serverConfig()
			ccfg.MaxRecordSize, scfg.MaxRecordSize = size, size
			ccfg.testPadding, scfg.testPadding = 200, 13
			ccfg.Faults = FaultDeferKeyShare // fragment the retry path too
			cli, srv := mustPair(t, ccfg, scfg)
			exchange(t, cli, srv, bytes.Repeat([]byte("abc"), 500))
			exchange(t, srv, cli, bytes.Repeat([]byte("xyz"), 500))
			if err := cli.KeyUpdate(true); err != nil {
				t.Fatal(err)
			}
			exchange(t, cli, srv, []byte("fragmented key update"))
			exchange(t, srv, cli, []byte("answered"))
		})
	}
}

func TestLargeTransfer(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	big := make([]byte, 1<<20+17)
	for i := range big {
		big[i] = byte(i * 7)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	var e1, e2 error
	go func() { defer wg.Done(); _, e1 = cli.Write(big) }()
	go func() { defer wg.Done(); _, e2 = srv.Write(big) }()
	got1, got2 := make([]byte, len(big)), make([]byte, len(big))
	var r1, r2 error
	var rw sync.WaitGroup
	rw.Add(2)
	go func() { defer rw.Done(); _, r1 = io.ReadFull(srv, got1) }()
	go func() { defer rw.Done(); _, r2 = io.ReadFull(cli, got2) }()
	wg.Wait()
	rw.Wait()
	if e1 != nil || e2 != nil || r1 != nil || r2 != nil {
		t.Fatal(e1, e2, r1, r2)
	}
	if !bytes.Equal(got1, big) || !bytes.Equal(got2, big) {
		t.Fatal("data mismatch")
	}
}

func TestKeyUpdate(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	cIn, sIn := cli.inHalf.secret, srv.inHalf.secret

	// Client updates and asks the server to update too.
	if err := cli.KeyUpdate(true); err != nil {
		t.Fatal(err)
	}
	exchange(t, cli, srv, []byte("one"))
	if bytes.Equal(srv.inHalf.secret, sIn) {
		t.Fatal("server read key not rotated")
	}
	exchange(t, srv, cli, []byte("two"))
	if bytes.Equal(cli.inHalf.secret, cIn) {
		t.Fatal("server did not answer the update request")
	}

	// Server updates without asking; the client must not answer.
	sOut := srv.outHalf.secret
	cOut := cli.outHalf.secret
	if err := srv.KeyUpdate(false); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(srv.outHalf.secret, sOut) {
		t.Fatal("server write key not rotated")
	}
	exchange(t, srv, cli, []byte("three"))
	exchange(t, cli, srv, []byte("four"))
	if !bytes.Equal(cli.outHalf.secret, cOut) {
		t.Fatal("client answered an update that did not ask for one")
	}

	// Many updates in a row.
	for i := 0; i < 20; i++ {
		if err := srv.KeyUpdate(i%2 == 0); err != nil {
			t.Fatal(err)
		}
	}
	exchange(t, srv, cli, []byte("five"))
	exchange(t, cli, srv, []byte("six"))
}

func TestCloseNotify(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	go func() { _ = cli.Close() }()
	buf := make([]byte, 10)
	if n, err := srv.Read(buf); n != 0 || err != io.EOF {
		t.Fatalf("Read after close_notify: %d %v", n, err)
	}
	// The error is sticky.
	if _, err := srv.Read(buf); err != io.EOF {
		t.Fatalf("second Read: %v", err)
	}
}

func TestCloseWriteHalfClose(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	go func() {
		_, _ = cli.Write([]byte("request"))
		_ = cli.CloseWrite()
	}()
	req, err := io.ReadAll(srv)
	if err != nil || string(req) != "request" {
		t.Fatalf("ReadAll: %q %v", req, err)
	}
	if _, err := cli.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after CloseWrite: %v", err)
	}
	exchange(t, srv, cli, []byte("response after half-close"))
}

func TestTruncation(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	_ = cli.NetConn().Close()
	if _, err := srv.Read(make([]byte, 1)); !errors.Is(err, ErrTruncated) {
		t.Fatalf("Read after transport close: %v", err)
	}
}

func TestLookup(t *testing.T) {
	keys := map[string][]byte{
		"alice": bytes.Repeat([]byte{1}, 32),
		"bob":   bytes.Repeat([]byte{2}, 48),
	}
	scfg := &Config{Lookup: func(id []byte) ([]byte, bool) { k, ok := keys[string(id)]; return k, ok }}
	for id, key := range keys {
		cli, srv := mustPair(t, &Config{PSK: key, Identity: []byte(id)}, scfg)
		if got := string(srv.ConnectionState().PSKIdentity); got != id {
			t.Fatalf("server identity %q", got)
		}
		exchange(t, cli, srv, []byte(id))
	}
	_, _, cerr, serr := pair(t, &Config{PSK: keys["alice"], Identity: []byte("bob")}, scfg)
	wantAlert(t, "server", serr, AlertDecryptError, false, ErrBadBinder)
	wantAlert(t, "client", cerr, AlertDecryptError, true, nil)

	// A Lookup that returns an unusable key is an internal error.
	bad := &Config{Lookup: func([]byte) ([]byte, bool) { return []byte("short"), true }}
	_, _, _, serr = pair(t, clientConfig(), bad)
	wantAlert(t, "server", serr, AlertInternalError, false, ErrConfig)
}

// TestFaults runs every deliberate fault against our own peer.
func TestFaults(t *testing.T) {
	cases := []struct {
		name       string
		client     Fault
		server     Fault
		serverPSK  []byte
		wantServer Alert
		serverBase error
		lateClient bool // the client only learns of the failure on Read
	}{
		{name: "WrongBinder", client: FaultWrongBinder, wantServer: AlertDecryptError, serverBase: ErrBadBinder},
		{name: "WrongPSK", serverPSK: bytes.Repeat([]byte{9}, 32), wantServer: AlertDecryptError, serverBase: ErrBadBinder},
		{name: "PSKKENoKeyShare", client: FaultPSKKENoKeyShare, wantServer: AlertHandshakeFailure, serverBase: ErrNoDHE},
		{name: "UnknownIdentity", client: FaultUnknownIdentity, wantServer: AlertUnknownPSKIdentity, serverBase: ErrUnknownIdentity},
		{name: "ClientBadFinished", client: FaultBadFinished, wantServer: AlertDecryptError, serverBase: ErrBadFinished, lateClient: true},
		{name: "WrongBinderAfterRetry", client: FaultWrongBinder | FaultDeferKeyShare, wantServer: AlertDecryptError, serverBase: ErrBadBinder},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ccfg, scfg := clientConfig(), serverConfig()
			ccfg.Faults, scfg.Faults = tc.client, tc.server
			if tc.serverPSK != nil {
				scfg.PSK = tc.serverPSK
			}
			a, b := net.Pipe()
			cli, srv := Client(a, ccfg), Server(b, scfg)
			defer cli.Close()
			defer srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
			defer cancel()
			cerrc := make(chan error, 1)
			go func() {
				err := cli.Handshake(ctx)
				if err == nil && tc.lateClient {
					_, err = cli.Read(make([]byte, 1))
				}
				cerrc <- err
			}()
			serr := srv.Handshake(ctx)
			wantAlert(t, "server", serr, tc.wantServer, false, tc.serverBase)
			wantAlert(t, "client", <-cerrc, tc.wantServer, true, nil)
		})
	}

	t.Run("ServerBadFinished", func(t *testing.T) {
		scfg := serverConfig()
		scfg.Faults = FaultBadFinished
		_, _, cerr, serr := pair(t, clientConfig(), scfg)
		wantAlert(t, "client", cerr, AlertDecryptError, false, ErrBadFinished)
		wantAlert(t, "server", serr, AlertDecryptError, true, nil)
	})
}

func TestFaultString(t *testing.T) {
	if s := (FaultWrongBinder | FaultDeferKeyShare | 1<<20).String(); s != "WrongBinder|DeferKeyShare|0x100000" {
		t.Fatal(s)
	}
	if s := Fault(0).String(); s != "none" {
		t.Fatal(s)
	}
	if AlertUnknownPSKIdentity.String() != "unknown_psk_identity" || Alert(200).String() != "alert(200)" {
		t.Fatal("alert names")
	}
}

func TestConfigValidation(t *testing.T) {
	cases := map[string]*Config{
		"nil":         nil,
		"short PSK":   {PSK: []byte("short"), Identity: []byte("x")},
		"no identity": {PSK: testPSK},
		"long id":     {PSK: testPSK, Identity: make([]byte, MaxIdentityLen+1)},
		"bad suite":   {PSK: testPSK, Identity: []byte("x"), CipherSuites: []uint16{0x1302}},
		"record size": {PSK: testPSK, Identity: []byte("x"), MaxRecordSize: MaxPlaintext + 1},
		"neg timeout": {PSK: testPSK, Identity: []byte("x"), HandshakeTimeout: -1},
		"huge PSK":    {PSK: make([]byte, MaxPSKLen+1), Identity: []byte("x")},
		"suite spam":  {PSK: testPSK, Identity: []byte("x"), CipherSuites: make([]uint16, 17)},
	}
	for name, cfg := range cases {
		a, _ := net.Pipe()
		c := Client(a, cfg)
		if err := c.Handshake(context.Background()); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v", name, err)
		}
		// Read and Write report the same error instead of panicking.
		if _, err := c.Write([]byte("x")); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: Write %v", name, err)
		}
		_ = c.Close()
	}
}

func TestHandshakeTimeout(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	scfg := serverConfig()
	scfg.HandshakeTimeout = 50 * time.Millisecond
	srv := Server(b, scfg)
	start := time.Now()
	err := srv.Handshake(context.Background())
	if !errors.Is(err, ErrHandshakeTimeout) || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	// The deadline is cleared afterwards and the result is sticky.
	if err2 := srv.Handshake(context.Background()); err2 != err {
		t.Fatalf("second Handshake: %v", err2)
	}
}

func TestHandshakeContextCancel(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	srv := Server(b, serverConfig())
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	err := srv.Handshake(ctx)
	if !errors.Is(err, ErrHandshakeTimeout) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if err := Client(a, clientConfig()).Handshake(ctx2); !errors.Is(err, context.Canceled) {
		t.Fatalf("pre-cancelled: %v", err)
	}
}

func TestReadDeadlineRetry(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	_ = srv.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	if _, err := srv.Read(make([]byte, 4)); !isTimeout(err) {
		t.Fatalf("want timeout, got %v", err)
	}
	_ = srv.SetReadDeadline(time.Time{})
	exchange(t, cli, srv, []byte("still works"))
}

func TestConcurrentReadWrite(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	const rounds = 200
	var wg sync.WaitGroup
	for _, pair := range [][2]*Conn{{cli, srv}, {srv, cli}} {
		w, r := pair[0], pair[1]
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				if _, err := w.Write([]byte(fmt.Sprintf("%08d", i))); err != nil {
					t.Error(err)
					return
				}
				if i%50 == 0 {
					if err := w.KeyUpdate(true); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
		go func() {
			defer wg.Done()
			buf := make([]byte, 8)
			for i := 0; i < rounds; i++ {
				if _, err := io.ReadFull(r, buf); err != nil {
					t.Error(err)
					return
				}
				if string(buf) != fmt.Sprintf("%08d", i) {
					t.Errorf("got %q at %d", buf, i)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestNewSessionTicketIgnored checks that a client drops a well-formed
// ticket and rejects a malformed one.
func TestNewSessionTicketIgnored(t *testing.T) {
	cli, srv := mustPair(t, clientConfig(), serverConfig())
	nst := marshalHandshake(typeNewSessionTicket, unhex(t, "00001c20 01020304 02abcd 0003aabbcc 0000"))
	srv.out.Lock()
	rec := sealRecord(srv, append(append(nst, nst...), recordHandshake))
	srv.out.Unlock()
	go func() {
		_, _ = srv.NetConn().Write(rec)
		_, _ = srv.Write([]byte("data"))
	}()
	buf := make([]byte, 4)
	if _, err := io.ReadFull(cli, buf); err != nil || string(buf) != "data" {
		t.Fatalf("%q %v", buf, err)
	}

	bad := marshalHandshake(typeNewSessionTicket, []byte{1, 2, 3})
	srv.out.Lock()
	rec = sealRecord(srv, append(bad, recordHandshake))
	srv.out.Unlock()
	go func() { _, _ = srv.NetConn().Write(rec); _, _ = srv.Read(make([]byte, 1)) }()
	_, err := cli.Read(buf)
	wantAlert(t, "client", err, AlertDecodeError, false, ErrDecode)
}

// TestPostHandshakeViolations sends invalid protected records after the
// handshake and checks the alert the receiver sends back.
func TestPostHandshakeViolations(t *testing.T) {
	cases := []struct {
		name  string
		inner func(t *testing.T) []byte // TLSInnerPlaintext
		alert Alert
		base  error
	}{
		{"KeyUpdateBadValue", func(*testing.T) []byte {
			return append(marshalHandshake(typeKeyUpdate, []byte{2}), recordHandshake)
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"KeyUpdateBadLength", func(*testing.T) []byte {
			return append(marshalHandshake(typeKeyUpdate, []byte{0, 0}), recordHandshake)
		}, AlertDecodeError, ErrDecode},
		{"KeyUpdateNotAtRecordEnd", func(*testing.T) []byte {
			m := marshalHandshake(typeKeyUpdate, []byte{0})
			return append(append(m, m[:2]...), recordHandshake)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"ClientHelloAfterHandshake", func(*testing.T) []byte {
			return append(marshalHandshake(typeClientHello, []byte{0}), recordHandshake)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"TicketFromClient", func(*testing.T) []byte {
			return append(marshalHandshake(typeNewSessionTicket, []byte{0}), recordHandshake)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"AllPadding", func(*testing.T) []byte { return make([]byte, 30) }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"InnerCCS", func(*testing.T) []byte { return []byte{1, recordChangeCipherSpec} }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"InnerUnknownType", func(*testing.T) []byte { return []byte{1, 99} }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"InnerOverflow", func(*testing.T) []byte {
			return append(make([]byte, MaxPlaintext+1), recordApplicationData)
		}, AlertRecordOverflow, ErrRecordOverflow},
		{"EmptyHandshake", func(*testing.T) []byte { return []byte{recordHandshake} }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"AlertTooLong", func(*testing.T) []byte { return []byte{2, 10, 0, recordAlert} }, AlertDecodeError, ErrDecode},
		{"HugeHandshake", func(*testing.T) []byte {
			return []byte{typeFinished, 0x7f, 0xff, 0xff, recordHandshake}
		}, AlertIllegalParameter, ErrIllegalParameter},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cli, srv := mustPair(t, clientConfig(), serverConfig())
			cli.out.Lock()
			rec := sealRecord(cli, tc.inner(t))
			cli.out.Unlock()
			alertc := make(chan error, 1)
			go func() {
				_, _ = cli.NetConn().Write(rec)
				_, err := cli.Read(make([]byte, 1))
				alertc <- err
			}()
			_, err := srv.Read(make([]byte, 1))
			wantAlert(t, "server", err, tc.alert, false, tc.base)
			wantAlert(t, "client", <-alertc, tc.alert, true, nil)
			// Both directions are dead afterwards.
			if _, err := srv.Write([]byte("x")); err == nil {
				t.Fatal("Write after fatal alert succeeded")
			}
		})
	}
}

func TestBadRecordMAC(t *testing.T) {
	a, b := tcpPipe(t)
	h := &hookConn{Conn: a}
	cli, srv := Client(h, clientConfig()), Server(b, serverConfig())
	defer cli.Close()
	defer srv.Close()
	errc := make(chan error, 1)
	go func() { errc <- srv.Handshake(context.Background()) }()
	if err := cli.Handshake(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	h.onWrite = func(_ int, b []byte) []byte { b[len(b)-1] ^= 1; return b }
	h.mu.Unlock()
	go func() {
		_, _ = cli.Write([]byte("tampered"))
		_, err := cli.Read(make([]byte, 1))
		errc <- err
	}()
	_, err := srv.Read(make([]byte, 8))
	wantAlert(t, "server", err, AlertBadRecordMAC, false, ErrBadRecordMAC)
	wantAlert(t, "client", <-errc, AlertBadRecordMAC, true, nil)
}

// rawServer drives a Server from a scripted client: it writes records
// and returns the server's handshake error and the first alert it sent.
func rawServer(t *testing.T, scfg *Config, script func(c net.Conn)) (error, Alert) {
	t.Helper()
	a, b := tcpPipe(t)
	srv := Server(b, scfg)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- srv.Handshake(ctx) }()
	alertc := make(chan Alert, 1)
	go func() {
		defer a.Close()
		script(a)
		alertc <- readRawAlert(a)
	}()
	err := <-errc
	select {
	case al := <-alertc:
		return err, al
	case <-time.After(testTimeout):
		t.Fatal("no alert")
	}
	return err, 0
}

// clientHelloBytes builds a ClientHello with a valid binder for testPSK,
// after letting mod adjust the parameters.
func clientHelloBytes(t testing.TB, mod func(p *clientHelloParams)) []byte {
	priv, err := newX25519(newDetRand(9))
	if err != nil {
		t.Fatal(err)
	}
	p := &clientHelloParams{
		random:    make([]byte, 32),
		sessionID: make([]byte, 32),
		suites:    []uint16{TLS_AES_128_GCM_SHA256},
		keyShares: []keyShare{{groupX25519, priv.PublicKey().Bytes()}},
		pskModes:  []uint8{pskModeDHEKE},
		identity:  []byte(testIdentity),
	}
	if mod != nil {
		mod(p)
	}
	c := &Conn{cfg: clientConfig()}
	return c.clientHello(p, finishedKey(binderKey(earlySecret(testPSK), labelExtBinder)))
}

// editExtensions rewrites the extension list of a ClientHello.
func editExtensions(t *testing.T, ch []byte, edit func(exts [][2][]byte) [][2][]byte) []byte {
	t.Helper()
	r := reader{b: ch[4:]}
	r.bytes(2 + 32)
	r.vec8()
	r.vec16()
	r.vec8()
	head := ch[:len(ch)-len(r.b)]
	block, _ := r.vec16()
	br := reader{b: block}
	var exts [][2][]byte
	for !br.empty() {
		typ, _ := br.bytes(2)
		data, _ := br.vec16()
		exts = append(exts, [2][]byte{typ, data})
	}
	exts = edit(exts)
	var w builder
	w.raw(head)
	p := w.open(2)
	for _, e := range exts {
		w.raw(e[0])
		w.u16(uint16(len(e[1])))
		w.raw(e[1])
	}
	w.close(p, 2)
	out := w.b
	n := len(out) - 4
	out[1], out[2], out[3] = byte(n>>16), byte(n>>8), byte(n)
	return out
}

func dropExt(typ uint16) func([][2][]byte) [][2][]byte {
	return func(exts [][2][]byte) [][2][]byte {
		var out [][2][]byte
		for _, e := range exts {
			if uint16(e[0][0])<<8|uint16(e[0][1]) != typ {
				out = append(out, e)
			}
		}
		return out
	}
}

func TestServerRejectsClientHellos(t *testing.T) {
	withTLS12Only := func(p *clientHelloParams) {}
	cases := []struct {
		name  string
		ch    func(t *testing.T) []byte
		alert Alert
		base  error
	}{
		{"NoPSK", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), dropExt(extPreSharedKey))
		}, AlertHandshakeFailure, ErrNoPSK},
		{"NoPSKModes", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), dropExt(extPSKModes))
		}, AlertMissingExtension, ErrNoDHE},
		{"PSKKEOnly", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) { p.pskModes = []uint8{pskModeKE} })
		}, AlertHandshakeFailure, ErrNoDHE},
		{"MissingKeyShare", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), dropExt(extKeyShare))
		}, AlertMissingExtension, ErrMissingKeyShare},
		{"MissingGroups", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), dropExt(extSupportedGroups))
		}, AlertMissingExtension, ErrMissingKeyShare},
		{"NoSupportedVersions", func(t *testing.T) []byte {
			withTLS12Only(nil)
			return editExtensions(t, clientHelloBytes(t, nil), dropExt(extSupportedVersions))
		}, AlertProtocolVersion, ErrProtocolVersion},
		{"NoExtensions", func(t *testing.T) []byte {
			ch := clientHelloBytes(t, nil)
			r := reader{b: ch[4:]}
			r.bytes(34)
			r.vec8()
			r.vec16()
			r.vec8()
			out := append([]byte(nil), ch[:len(ch)-len(r.b)]...)
			n := len(out) - 4
			out[1], out[2], out[3] = byte(n>>16), byte(n>>8), byte(n)
			return out
		}, AlertProtocolVersion, ErrProtocolVersion},
		{"PSKNotLast", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), func(e [][2][]byte) [][2][]byte {
				return append(e, [2][]byte{{0xfa, 0xfa}, nil})
			})
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"DuplicateExtension", func(t *testing.T) []byte {
			return editExtensions(t, clientHelloBytes(t, nil), func(e [][2][]byte) [][2][]byte {
				return append([][2][]byte{e[0]}, e...)
			})
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"Compression", func(t *testing.T) []byte {
			ch := clientHelloBytes(t, nil)
			// legacy_compression_methods = {1}: same length, other value.
			i := 4 + 2 + 32 + 1 + 32 + 2 + 2 + 1
			ch[i] = 1
			return ch
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"UnknownIdentity", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) { p.identity = []byte("mallory") })
		}, AlertUnknownPSKIdentity, ErrUnknownIdentity},
		{"BadBinder", func(t *testing.T) []byte {
			ch := clientHelloBytes(t, nil)
			ch[len(ch)-1] ^= 0x10
			return ch
		}, AlertDecryptError, ErrBadBinder},
		{"ShareNotInGroups", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) {
				p.keyShares = append(p.keyShares, keyShare{0x0017, make([]byte, 65)})
			})
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"ShortX25519", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) { p.keyShares[0].data = p.keyShares[0].data[:31] })
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"LowOrderX25519", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) { p.keyShares[0].data = make([]byte, 32) })
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"NoCommonSuite", func(t *testing.T) []byte {
			return clientHelloBytes(t, func(p *clientHelloParams) { p.suites = []uint16{0x1302} })
		}, AlertHandshakeFailure, ErrHandshakeFailure},
		{"Truncated", func(t *testing.T) []byte {
			ch := clientHelloBytes(t, nil)
			ch = ch[:60]
			n := len(ch) - 4
			ch[1], ch[2], ch[3] = byte(n>>16), byte(n>>8), byte(n)
			return ch
		}, AlertDecodeError, ErrDecode},
		{"TrailingGarbage", func(t *testing.T) []byte {
			ch := append(clientHelloBytes(t, nil), 0)
			n := len(ch) - 4
			ch[1], ch[2], ch[3] = byte(n>>16), byte(n>>8), byte(n)
			return ch
		}, AlertDecodeError, ErrDecode},
		{"ServerHelloToServer", func(t *testing.T) []byte {
			return marshalServerHello(&serverHelloParams{random: make([]byte, 32), keyShare: make([]byte, 32)})
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch := tc.ch(t)
			err, al := rawServer(t, serverConfig(), func(c net.Conn) {
				_, _ = c.Write(rawRecord(recordHandshake, ch))
			})
			wantAlert(t, "server", err, tc.alert, false, tc.base)
			if al != tc.alert {
				t.Fatalf("alert on the wire %v", al)
			}
		})
	}
}

func TestServerRecordLayerErrors(t *testing.T) {
	ch := func(t *testing.T) []byte { return clientHelloBytes(t, nil) }
	cases := []struct {
		name  string
		recs  func(t *testing.T) []byte
		alert Alert
		base  error
	}{
		{"Overflow", func(t *testing.T) []byte {
			return rawRecord(recordHandshake, make([]byte, MaxPlaintext+1))
		}, AlertRecordOverflow, ErrRecordOverflow},
		{"UnknownType", func(t *testing.T) []byte { return rawRecord(99, []byte{1}) }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"NotTLS", func(t *testing.T) []byte { return []byte("GET / HTTP/1.1\r\n\r\n") }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"BadVersion", func(t *testing.T) []byte {
			r := rawRecord(recordHandshake, ch(t))
			r[1] = 7
			return r
		}, AlertDecodeError, ErrDecode},
		{"CCSFirst", func(t *testing.T) []byte { return rawRecord(recordChangeCipherSpec, []byte{1}) }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"PlainAppData", func(t *testing.T) []byte { return rawRecord(recordApplicationData, []byte("hi")) }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"EmptyHandshakeRecord", func(t *testing.T) []byte { return rawRecord(recordHandshake, nil) }, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"HugeMessage", func(t *testing.T) []byte {
			return rawRecord(recordHandshake, []byte{typeClientHello, 0x10, 0, 0})
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"AlertInsideFragment", func(t *testing.T) []byte {
			b := ch(t)
			return append(rawRecord(recordHandshake, b[:10]), rawRecord(recordAlert, []byte{2, 40})...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"DataAfterClientHello", func(t *testing.T) []byte {
			return rawRecord(recordHandshake, append(ch(t), 1, 2, 3, 4, 5))
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"BadCCS", func(t *testing.T) []byte {
			return append(rawRecord(recordHandshake, ch(t)), rawRecord(recordChangeCipherSpec, []byte{2})...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"PlainRecordAfterKeys", func(t *testing.T) []byte {
			return append(rawRecord(recordHandshake, ch(t)), rawRecord(recordHandshake, marshalHandshake(typeFinished, make([]byte, 32)))...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"GarbageCiphertext", func(t *testing.T) []byte {
			return append(rawRecord(recordHandshake, ch(t)), rawRecord(recordApplicationData, make([]byte, 40))...)
		}, AlertBadRecordMAC, ErrBadRecordMAC},
		{"CiphertextOverflow", func(t *testing.T) []byte {
			return append(rawRecord(recordHandshake, ch(t)), rawRecord(recordApplicationData, make([]byte, maxCiphertext+1))...)
		}, AlertRecordOverflow, ErrRecordOverflow},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.recs(t)
			err, al := rawServer(t, serverConfig(), func(c net.Conn) {
				_, _ = c.Write(data)
			})
			wantAlert(t, "server", err, tc.alert, false, tc.base)
			// After its flight the server's alerts are protected.
			if al != tc.alert && al != alertProtected {
				t.Fatalf("alert on the wire %v", al)
			}
		})
	}
}

// TestServerPeerAlert: a client alert during the handshake is reported as
// a remote AlertError.
func TestServerPeerAlert(t *testing.T) {
	a, b := net.Pipe()
	srv := Server(b, serverConfig())
	go func() { _, _ = a.Write(rawRecord(recordAlert, []byte{2, byte(AlertInternalError)})) }()
	err := srv.Handshake(context.Background())
	wantAlert(t, "server", err, AlertInternalError, true, nil)
	_ = a.Close()
}

// TestServerSkipsEarlyData: a client that attempts 0-RTT is served a 1-RTT
// handshake and its early records are skipped.
func TestServerSkipsEarlyData(t *testing.T) {
	for _, retry := range []bool{false, true} {
		t.Run(fmt.Sprint("retry=", retry), func(t *testing.T) {
			a, b := tcpPipe(t)
			h := &hookConn{Conn: a}
			ccfg := clientConfig()
			if retry {
				ccfg.Faults = FaultDeferKeyShare
			}
			cli, srv := Client(h, ccfg), Server(b, serverConfig())
			defer cli.Close()
			defer srv.Close()
			// Add early_data to the first ClientHello (the binder is then
			// stale, so fix it) and append a fake 0-RTT record.
			h.onWrite = func(n int, rec []byte) []byte {
				if n != 0 {
					return rec
				}
				ch := editExtensions(t, rec[5:], func(e [][2][]byte) [][2][]byte {
					last := e[len(e)-1]
					return append(append(e[:len(e)-1:len(e)-1], [2][]byte{{0, byte(extEarlyData)}, nil}), last)
				})
				parsed, err := parseClientHello(ch)
				if err != nil {
					t.Error(err)
					return rec
				}
				key := finishedKey(binderKey(earlySecret(testPSK), labelExtBinder))
				copy(ch[parsed.bindersAt+3:], finishedMAC(key, sha256Sum(ch[:parsed.bindersAt])))
				// Keep the client's transcript consistent with what it sent.
				cli.transcript.buf = append([]byte(nil), ch...)
				out := rawRecord(recordHandshake, ch)
				return append(out, rawRecord(recordApplicationData, bytes.Repeat([]byte{0xee}, 300))...)
			}
			errc := make(chan error, 1)
			go func() { errc <- srv.Handshake(context.Background()) }()
			if err := cli.Handshake(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
			exchange(t, cli, srv, []byte("1-RTT data"))
		})
	}
}

// rawClient drives a Client against a scripted server: serve receives the
// parsed ClientHello and returns the records to send back.
func rawClient(t *testing.T, ccfg *Config, serve func(ch *clientHello) []byte) (error, Alert) {
	t.Helper()
	a, b := tcpPipe(t)
	cli := Client(a, ccfg)
	defer cli.Close()
	alertc := make(chan Alert, 1)
	go func() {
		defer b.Close()
		typ, body, err := readRawRecord(b)
		if err != nil || typ != recordHandshake {
			t.Errorf("reading ClientHello: %v", err)
			return
		}
		ch, err := parseClientHello(body)
		if err != nil {
			t.Errorf("parsing ClientHello: %v", err)
			return
		}
		_, _ = b.Write(serve(ch))
		alertc <- readRawAlert(b)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	err := cli.Handshake(ctx)
	select {
	case al := <-alertc:
		return err, al
	case <-time.After(testTimeout):
		t.Fatal("no alert")
	}
	return err, 0
}

func serverHelloFor(ch *clientHello, mod func(p *serverHelloParams)) []byte {
	p := &serverHelloParams{
		random:    bytes.Repeat([]byte{7}, 32),
		sessionID: ch.sessionID,
		suite:     TLS_AES_128_GCM_SHA256,
		keyShare:  bytes.Repeat([]byte{9}, 32),
	}
	if mod != nil {
		mod(p)
	}
	return marshalServerHello(p)
}

func TestClientRejectsServerHellos(t *testing.T) {
	retry := func(p *serverHelloParams) { p.random, p.retry = helloRetryRandom, true }
	cases := []struct {
		name  string
		reply func(ch *clientHello) []byte
		alert Alert
		base  error
	}{
		{"TLS12", func(ch *clientHello) []byte {
			sh := serverHelloFor(ch, nil)
			// Cut the extensions: a TLS 1.2 ServerHello without any.
			sh = sh[:4+2+32+1+len(ch.sessionID)+2+1]
			n := len(sh) - 4
			sh[1], sh[2], sh[3] = byte(n>>16), byte(n>>8), byte(n)
			return rawRecord(recordHandshake, sh)
		}, AlertProtocolVersion, ErrProtocolVersion},
		{"SuiteNotOffered", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, serverHelloFor(ch, func(p *serverHelloParams) { p.suite = 0x1302 }))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"SessionIDNotEchoed", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, serverHelloFor(ch, func(p *serverHelloParams) { p.sessionID = nil }))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"WrongPSKIndex", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, serverHelloFor(ch, func(p *serverHelloParams) { p.pskIndex = 1 }))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"LowOrderShare", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, serverHelloFor(ch, func(p *serverHelloParams) { p.keyShare = make([]byte, 32) }))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"RetryForSentGroup", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, serverHelloFor(ch, retry))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"NotServerHello", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, marshalHandshake(typeEncryptedExtensions, []byte{0, 0}))
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"GarbageServerHello", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, marshalHandshake(typeServerHello, []byte{3, 3, 1}))
		}, AlertDecodeError, ErrDecode},
		{"ServerHelloNotAtRecordEnd", func(ch *clientHello) []byte {
			return rawRecord(recordHandshake, append(serverHelloFor(ch, nil), typeEncryptedExtensions, 0, 0, 2, 0, 0))
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"EncryptedGarbage", func(ch *clientHello) []byte {
			return append(rawRecord(recordHandshake, serverHelloFor(ch, nil)), rawRecord(recordApplicationData, make([]byte, 50))...)
		}, AlertBadRecordMAC, ErrBadRecordMAC},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err, al := rawClient(t, clientConfig(), tc.reply)
			wantAlert(t, "client", err, tc.alert, false, tc.base)
			if tc.name == "EncryptedGarbage" && al == alertProtected {
				return
			}
			if al != tc.alert {
				t.Fatalf("alert on the wire %v", al)
			}
		})
	}
}

// TestClientServerHelloExtensions uses hand-built ServerHellos for the
// extension checks the marshaller cannot express.
func TestClientServerHelloExtensions(t *testing.T) {
	build := func(ch *clientHello, random []byte, exts ...[]byte) []byte {
		var w builder
		w.u8(typeServerHello)
		body := w.open(3)
		w.u16(legacyVersion)
		w.raw(random)
		w.u8(uint8(len(ch.sessionID)))
		w.raw(ch.sessionID)
		w.u16(TLS_AES_128_GCM_SHA256)
		w.u8(0)
		p := w.open(2)
		for _, e := range exts {
			w.raw(e)
		}
		w.close(p, 2)
		w.close(body, 3)
		return rawRecord(recordHandshake, w.b)
	}
	sv := unhex(t, "002b 0002 0304")
	ks := append(unhex(t, "0033 0024 001d 0020"), bytes.Repeat([]byte{9}, 32)...)
	psk := unhex(t, "0029 0002 0000")
	random := bytes.Repeat([]byte{7}, 32)
	cases := []struct {
		name  string
		cfg   func(c *Config)
		reply func(ch *clientHello) []byte
		alert Alert
		base  error
	}{
		{"NoPSKSelected", nil, func(ch *clientHello) []byte { return build(ch, random, sv, ks) }, AlertHandshakeFailure, ErrNoPSK},
		{"NoKeyShare", nil, func(ch *clientHello) []byte { return build(ch, random, sv, psk) }, AlertMissingExtension, ErrMissingKeyShare},
		{"UnrequestedExtension", nil, func(ch *clientHello) []byte {
			return build(ch, random, sv, ks, psk, unhex(t, "0010 0000"))
		}, AlertUnsupportedExtension, ErrIllegalParameter},
		{"DuplicateExtension", nil, func(ch *clientHello) []byte { return build(ch, random, sv, ks, psk, psk) }, AlertIllegalParameter, ErrIllegalParameter},
		{"VersionTLS12", nil, func(ch *clientHello) []byte {
			return build(ch, random, unhex(t, "002b 0002 0303"), ks, psk)
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"OtherGroup", nil, func(ch *clientHello) []byte {
			return build(ch, random, sv, append(unhex(t, "0033 0024 0017 0020"), make([]byte, 32)...), psk)
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"RetryWithPSK", func(c *Config) { c.Faults = FaultDeferKeyShare }, func(ch *clientHello) []byte {
			return build(ch, helloRetryRandom, sv, unhex(t, "0033 0002 001d"), psk)
		}, AlertUnsupportedExtension, ErrIllegalParameter},
		{"RetryOtherGroup", func(c *Config) { c.Faults = FaultDeferKeyShare }, func(ch *clientHello) []byte {
			return build(ch, helloRetryRandom, sv, unhex(t, "0033 0002 0017"))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"RetryNoChange", func(c *Config) { c.Faults = FaultDeferKeyShare }, func(ch *clientHello) []byte {
			return build(ch, helloRetryRandom, sv)
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"SecondRetry", func(c *Config) { c.Faults = FaultDeferKeyShare }, func(ch *clientHello) []byte {
			hrr := build(ch, helloRetryRandom, sv, unhex(t, "0033 0002 001d"))
			return append(hrr, hrr...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := clientConfig()
			if tc.cfg != nil {
				tc.cfg(cfg)
			}
			err, al := rawClient(t, cfg, tc.reply)
			wantAlert(t, "client", err, tc.alert, false, tc.base)
			if al != tc.alert {
				t.Fatalf("alert on the wire %v", al)
			}
		})
	}
}

// scriptedFlight answers a ClientHello with a correct ServerHello and CCS,
// followed by protected handshake messages chosen by msgs, which gets the
// transcript so far and the server handshake traffic secret.
func scriptedFlight(t testing.TB, ch *clientHello, msgs func(tr *transcript, sHS []byte) []byte) []byte {
	priv, err := newX25519(newDetRand(5))
	if err != nil {
		t.Fatal(err)
	}
	shared, err := x25519Shared(priv, ch.keyShares[0].data)
	if err != nil {
		t.Fatal(err)
	}
	sh := serverHelloFor(ch, func(p *serverHelloParams) { p.keyShare = priv.PublicKey().Bytes() })
	var tr transcript
	tr.add(ch.raw)
	tr.add(sh)
	hs := handshakeSecret(earlySecret(testPSK), shared)
	sHS := deriveSecret(hs, labelServerHS, tr.sum(nil))
	tmp := &Conn{}
	if err := tmp.outHalf.setKey(suiteByID(TLS_AES_128_GCM_SHA256), sHS); err != nil {
		t.Fatal(err)
	}
	out := rawRecord(recordHandshake, sh)
	out = append(out, rawRecord(recordChangeCipherSpec, []byte{1})...)
	return append(out, sealRecord(tmp, append(msgs(&tr, sHS), recordHandshake))...)
}

// TestClientRejectsBadServerFlight checks the client's processing of the
// protected part of the server's flight.
func TestClientRejectsBadServerFlight(t *testing.T) {
	ee := marshalHandshake(typeEncryptedExtensions, []byte{0, 0})
	goodFinished := func(tr *transcript, sHS []byte) []byte {
		tr.add(ee)
		return marshalHandshake(typeFinished, finishedMAC(finishedKey(sHS), tr.sum(nil)))
	}
	cases := []struct {
		name  string
		msgs  func(tr *transcript, sHS []byte) []byte
		alert Alert
		base  error
	}{
		{"CertificateInsteadOfFinished", func(*transcript, []byte) []byte {
			return append(ee, marshalHandshake(typeCertificate, []byte{0, 0, 0, 0})...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"CertificateRequest", func(*transcript, []byte) []byte {
			return append(ee, marshalHandshake(typeCertificateRequest, []byte{0, 0, 0})...)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"FinishedFirst", func(*transcript, []byte) []byte {
			return marshalHandshake(typeFinished, make([]byte, 32))
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
		{"UnrequestedEEExtension", func(*transcript, []byte) []byte {
			return marshalHandshake(typeEncryptedExtensions, unhex(t, "0004 0000 0000"))
		}, AlertUnsupportedExtension, ErrIllegalParameter},
		{"KeyShareInEE", func(*transcript, []byte) []byte {
			return marshalHandshake(typeEncryptedExtensions, unhex(t, "0004 0033 0000"))
		}, AlertIllegalParameter, ErrIllegalParameter},
		{"BadEE", func(*transcript, []byte) []byte {
			return marshalHandshake(typeEncryptedExtensions, unhex(t, "0005 0033 0000"))
		}, AlertDecodeError, ErrDecode},
		{"ShortFinished", func(*transcript, []byte) []byte {
			return append(ee, marshalHandshake(typeFinished, make([]byte, 31))...)
		}, AlertDecodeError, ErrDecode},
		{"WrongFinished", func(*transcript, []byte) []byte {
			return append(ee, marshalHandshake(typeFinished, make([]byte, 32))...)
		}, AlertDecryptError, ErrBadFinished},
		{"DataAfterFinished", func(tr *transcript, sHS []byte) []byte {
			return append(append(ee, goodFinished(tr, sHS)...), typeKeyUpdate, 0, 0, 1, 0)
		}, AlertUnexpectedMessage, ErrUnexpectedMessage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err, al := rawClient(t, clientConfig(), func(ch *clientHello) []byte {
				return scriptedFlight(t, ch, tc.msgs)
			})
			wantAlert(t, "client", err, tc.alert, false, tc.base)
			// The client's alert is protected under its handshake key.
			if al != alertProtected {
				t.Fatalf("alert on the wire %v", al)
			}
		})
	}
}

func TestExporterErrors(t *testing.T) {
	var cs ConnectionState
	if _, err := cs.ExportKeyingMaterial("x", nil, 1); !errors.Is(err, ErrExporter) {
		t.Fatal(err)
	}
	cli, _ := mustPair(t, clientConfig(), serverConfig())
	st := cli.ConnectionState()
	if _, err := st.ExportKeyingMaterial(strings.Repeat("l", 250), nil, 1); !errors.Is(err, ErrExporter) {
		t.Fatal(err)
	}
	if _, err := st.ExportKeyingMaterial("x", nil, 255*32+1); !errors.Is(err, ErrExporter) {
		t.Fatal(err)
	}
	if out, err := st.ExportKeyingMaterial("x", nil, 0); err != nil || len(out) != 0 {
		t.Fatal(out, err)
	}
}
