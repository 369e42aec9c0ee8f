package quicchan

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// These tests pin the crypto/tls behaviour the PSK profile relies on, with
// in-memory QUIC-TLS handshakes (crypto/tls's QUICClient/QUICServer, as
// quic-go drives them, but without a network). If a Go release changes any
// of it, they say which assumption broke. The file and function names in
// the comments are those of Go 1.26's src/crypto/tls.

func randomKeys(t testing.TB) channel.Keys {
	t.Helper()
	var k channel.Keys
	for _, b := range [][]byte{k.PSK[:], k.Identity[:], k.Binding[:]} {
		if _, err := io.ReadFull(rand.Reader, b); err != nil {
			t.Fatal(err)
		}
	}
	return k
}

func lookupOf(keys ...channel.Keys) func([]byte) (channel.Keys, bool) {
	return func(id []byte) (channel.Keys, bool) {
		for _, k := range keys {
			if bytes.Equal(id, k.Identity[:]) {
				return k, true
			}
		}
		return channel.Keys{}, false
	}
}

var quiet = slog.New(slog.DiscardHandler)

func memCtx(t *testing.T) (context.Context, *connInfo) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	ci := &connInfo{}
	return context.WithValue(ctx, connInfoKey{}, ci), ci
}

func pskPair(t *testing.T, client, server channel.Keys) (*tls.Config, *placeholder, *tls.Config) {
	t.Helper()
	ccfg, ph, err := pskClientTLS(&client, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ccfg, ph, pskServerTLS(lookupOf(server), quiet, time.Now)
}

// ticket.go ParseSessionState + NewResumptionState accept a session built
// by hand (the SessionState.Bytes layout); handshake_client.go loadSession
// offers it and handshake_server_tls13.go checkForResumption accepts it from
// UnwrapSession: both ends report DidResume over TLS 1.3.
func TestPinHandBuiltSessionResumes(t *testing.T) {
	keys := randomKeys(t)
	ccfg, _, scfg := pskPair(t, keys, keys)
	ctx, ci := memCtx(t)
	cs, ss, err := memoryHandshake(ctx, ccfg, scfg)
	if err != nil {
		t.Fatal(err)
	}
	if !cs.DidResume || !ss.DidResume {
		t.Fatalf("DidResume client %t server %t", cs.DidResume, ss.DidResume)
	}
	if cs.Version != tls.VersionTLS13 || cs.NegotiatedProtocol != ALPNPSK {
		t.Fatalf("version %#x ALPN %q", cs.Version, cs.NegotiatedProtocol)
	}
	if !bytes.Equal(ci.getIdentity(), keys.Identity[:]) {
		t.Fatalf("server recorded identity %x", ci.getIdentity())
	}
}

// checkForResumption verifies the binder under the PSK from UnwrapSession
// and aborts on a mismatch ("invalid PSK binder", alert decrypt_error).
func TestPinWrongPSKFailsBinder(t *testing.T) {
	keys := randomKeys(t)
	wrong := keys
	wrong.PSK[31] ^= 1
	ccfg, _, scfg := pskPair(t, wrong, keys)
	ctx, _ := memCtx(t)
	_, _, err := memoryHandshake(ctx, ccfg, scfg)
	if err == nil || !strings.Contains(err.Error(), "invalid PSK binder") {
		t.Fatalf("err = %v, want the binder check to fail", err)
	}
}

// An error from UnwrapSession aborts the handshake (checkForResumption
// returns it), so an unknown identity never falls back to anything.
func TestPinUnknownIdentityAborts(t *testing.T) {
	ccfg, _, scfg := pskPair(t, randomKeys(t), randomKeys(t))
	ctx, _ := memCtx(t)
	_, _, err := memoryHandshake(ctx, ccfg, scfg)
	if err == nil || !strings.Contains(err.Error(), ErrUnknownIdentity.Error()) {
		t.Fatalf("err = %v, want %v", err, ErrUnknownIdentity)
	}
}

// On resumption the server does not pick a certificate (pickCertificate
// returns early when usingPSK) and sends none; the client reads none
// (readServerCertificate returns early, calling only VerifyConnection) and
// reports the session's remembered certificate, our placeholder.
func TestPinServerCertificateNotUsed(t *testing.T) {
	keys := randomKeys(t)
	ccfg, ph, scfg := pskPair(t, keys, keys)
	var asked bool
	wrapCertificateHook(scfg, &asked)
	var verifyConn atomic.Int32
	vc := ccfg.VerifyConnection
	ccfg.VerifyConnection = func(st tls.ConnectionState) error {
		verifyConn.Add(1)
		return vc(st)
	}
	ctx, _ := memCtx(t)
	cs, ss, err := memoryHandshake(ctx, ccfg, scfg)
	if err != nil {
		t.Fatal(err)
	}
	if asked {
		t.Error("the server asked for a certificate")
	}
	if len(cs.PeerCertificates) != 1 || !cs.PeerCertificates[0].Equal(ph.cert) {
		t.Errorf("client peer certificates: %d, not just the placeholder", len(cs.PeerCertificates))
	}
	if len(ss.PeerCertificates) != 0 {
		t.Errorf("server has %d client certificates", len(ss.PeerCertificates))
	}
	if verifyConn.Load() != 1 {
		t.Errorf("VerifyConnection ran %d times on resumption, want 1", verifyConn.Load())
	}
}

// The profile never falls back to certificates. A client that offers no
// PSK makes the certificate-less server fail (GetCertificate refuses); a
// PSK client facing an ordinary certificate server fails too (the server
// cannot decrypt our "ticket", does a full handshake, and the client
// trusts only its placeholder and refuses every certificate).
func TestPinFullHandshakeRefused(t *testing.T) {
	keys := randomKeys(t)
	t.Run("plain client, PSK server", func(t *testing.T) {
		scfg := pskServerTLS(lookupOf(keys), quiet, time.Now)
		ccfg := &tls.Config{MinVersion: tls.VersionTLS13, ServerName: pskServerName,
			NextProtos: []string{ALPNPSK}, InsecureSkipVerify: true}
		ctx, _ := memCtx(t)
		_, _, err := memoryHandshake(ctx, ccfg, scfg)
		if err == nil || !strings.Contains(err.Error(), ErrFullHandshake.Error()) {
			t.Fatalf("err = %v, want %v", err, ErrFullHandshake)
		}
	})
	t.Run("PSK client, certificate server", func(t *testing.T) {
		cert, key, err := selfSigned(pskServerName, time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		scfg := &tls.Config{MinVersion: tls.VersionTLS13, NextProtos: []string{ALPNPSK},
			Certificates: []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key}}}
		ccfg, _, err := pskClientTLS(&keys, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ctx, _ := memCtx(t)
		cs, _, err := memoryHandshake(ctx, ccfg, scfg)
		if err == nil || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
			t.Fatalf("err = %v (DidResume %t), want the server certificate refused", err, cs.DidResume)
		}
	})
	t.Run("PSK client, certificate server, chain verification off", func(t *testing.T) {
		// Even if someone turned on InsecureSkipVerify, VerifyPeerCertificate
		// (called regardless, handshake_client.go verifyServerCertificate)
		// refuses the certificate.
		cert, key, err := selfSigned(pskServerName, time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		scfg := &tls.Config{MinVersion: tls.VersionTLS13, NextProtos: []string{ALPNPSK},
			Certificates: []tls.Certificate{{Certificate: [][]byte{cert.Raw}, PrivateKey: key}}}
		ccfg, _, err := pskClientTLS(&keys, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ccfg.InsecureSkipVerify = true
		ctx, _ := memCtx(t)
		_, _, err = memoryHandshake(ctx, ccfg, scfg)
		if err == nil || !strings.Contains(err.Error(), ErrFullHandshake.Error()) {
			t.Fatalf("err = %v, want %v", err, ErrFullHandshake)
		}
	})
}

// ParseSessionState refuses a client session without a server certificate
// ("no server certificates in client session"), which is why the client
// carries a placeholder.
func TestPinClientSessionNeedsCertificate(t *testing.T) {
	b := appendSessionHead(nil, 2, time.Now(), make([]byte, 32))
	b = appendUint24(b, 0) // no certificates
	b = appendUint24(b, 0) // no chains
	b = appendUint64(b, uint64(time.Now().Add(time.Hour).Unix()))
	b = append(b, 0, 0, 0, 0)
	if _, err := tls.ParseSessionState(b); err == nil {
		t.Fatal("a client session without certificates parsed")
	}
	// The server layout needs none.
	if _, err := serverSession(make([]byte, 32), time.Now()); err != nil {
		t.Fatal(err)
	}
}

// loadSession (handshake_client.go) drops a remembered session whose
// verified chains do not check out against RootCAs, unless
// InsecureSkipVerify: without the placeholder chain the PSK is never
// offered, so UnwrapSession is never called.
func TestPinUnverifiedSessionNotOffered(t *testing.T) {
	keys := randomKeys(t)
	ph, err := newPlaceholder(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	raw := ph.cert.Raw
	b := appendSessionHead(nil, 2, time.Now(), keys.PSK[:])
	b = appendUint24(b, 3+len(raw)+2)
	b = appendUint24(b, len(raw))
	b = append(b, raw...)
	b = append(b, 0, 0)
	b = appendUint24(b, 0) // no verified chains
	b = appendUint64(b, uint64(time.Now().Add(time.Hour).Unix()))
	b = append(b, 0, 0, 0, 0)
	state, err := tls.ParseSessionState(b)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := tls.NewResumptionState(keys.Identity[:], state)
	if err != nil {
		t.Fatal(err)
	}
	ccfg, _, err := pskClientTLS(&keys, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ccfg.ClientSessionCache = oneSession{cs}
	var unwrapped atomic.Int32
	scfg := pskServerTLS(func(id []byte) (channel.Keys, bool) {
		unwrapped.Add(1)
		return keys, true
	}, quiet, time.Now)
	ctx, _ := memCtx(t)
	if _, _, err := memoryHandshake(ctx, ccfg, scfg); err == nil || !strings.Contains(err.Error(), ErrFullHandshake.Error()) {
		t.Fatalf("err = %v, want a refused fallback to certificates", err)
	}
	if unwrapped.Load() != 0 {
		t.Fatal("the client offered a session without a verified chain")
	}
}

// The resumption is psk_dhe_ke: loadSession offers only pskModeDHE, and
// the server always runs the key exchange, so two handshakes with the same
// PSK agree on different exporters and report a key-exchange group.
func TestPinECDHE(t *testing.T) {
	keys := randomKeys(t)
	var exporters [][]byte
	for range 2 {
		ccfg, _, scfg := pskPair(t, keys, keys)
		ctx, _ := memCtx(t)
		cs, ss, err := memoryHandshake(ctx, ccfg, scfg)
		if err != nil {
			t.Fatal(err)
		}
		if cs.CurveID == 0 || cs.CurveID != ss.CurveID {
			t.Fatalf("CurveID client %v server %v", cs.CurveID, ss.CurveID)
		}
		ce, err1 := cs.ExportKeyingMaterial(channel.ExporterLabel, nil, 32)
		se, err2 := ss.ExportKeyingMaterial(channel.ExporterLabel, nil, 32)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ce, se) {
			t.Fatal("client and server exporters differ")
		}
		exporters = append(exporters, ce)
	}
	if bytes.Equal(exporters[0], exporters[1]) {
		t.Fatal("two handshakes with one PSK gave the same exporter: no fresh key exchange")
	}
}

// The server refuses a session older than crypto/tls's ticket lifetime
// (seven days, checkForResumption), so the synthetic session is stamped
// with the time of the handshake, not of the login.
func TestPinStaleSessionIgnored(t *testing.T) {
	keys := randomKeys(t)
	ccfg, _, err := pskClientTLS(&keys, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	old := func() time.Time { return time.Now().Add(-8 * 24 * time.Hour) }
	scfg := pskServerTLS(lookupOf(keys), quiet, old)
	ctx, _ := memCtx(t)
	if _, _, err := memoryHandshake(ctx, ccfg, scfg); err == nil || !strings.Contains(err.Error(), ErrFullHandshake.Error()) {
		t.Fatalf("err = %v, want a refused fallback to certificates", err)
	}
}

func TestSelfTest(t *testing.T) {
	if err := SelfTest(); err != nil {
		t.Fatal(err)
	}
}
