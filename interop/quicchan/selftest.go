package quicchan

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// selfTestTimeout bounds one in-memory handshake of the self-test.
const selfTestTimeout = 5 * time.Second

// maxPumpRounds bounds the message exchanges of an in-memory handshake; a
// TLS 1.3 handshake needs three flights.
const maxPumpRounds = 16

// SelfTest checks that the crypto/tls linked into this binary supports the
// PSK profile: it runs in-memory QUIC-TLS handshakes (crypto/tls's
// QUICClient and QUICServer, no network) with the profile's own
// configurations and checks that
//
//   - a session built by hand from a random PSK is resumed on both sides
//     (DidResume), over TLS 1.3 with a key exchange;
//   - the client saw no server certificate (its peer certificate is its
//     own placeholder) and the server never looked for one;
//   - both sides derive the same exporter value;
//   - a client with the right identity but a wrong PSK fails.
//
// Listen and Dial in ModePSK run it once per process and refuse to work
// with ErrSelfTest if it fails. It takes a few milliseconds.
func SelfTest() error {
	var keys channel.Keys
	if _, err := io.ReadFull(rand.Reader, keys.PSK[:]); err != nil {
		return fmt.Errorf("%w: %w", ErrSelfTest, err)
	}
	if _, err := io.ReadFull(rand.Reader, keys.Identity[:]); err != nil {
		return fmt.Errorf("%w: %w", ErrSelfTest, err)
	}
	lookup := func(id []byte) (channel.Keys, bool) {
		return keys, bytes.Equal(id, keys.Identity[:])
	}
	quiet := slog.New(slog.DiscardHandler)
	now := time.Now()

	ccfg, ph, err := pskClientTLS(&keys, now)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSelfTest, err)
	}
	scfg := pskServerTLS(lookup, quiet, time.Now)
	certAsked := false
	wrapCertificateHook(scfg, &certAsked)
	ctx, cancel := context.WithTimeout(context.Background(), selfTestTimeout)
	defer cancel()
	ci := &connInfo{}
	cs, ss, err := memoryHandshake(context.WithValue(ctx, connInfoKey{}, ci), ccfg, scfg)
	if err != nil {
		return fmt.Errorf("%w: handshake with a synthetic session: %w", ErrSelfTest, err)
	}
	switch {
	case !cs.DidResume || !ss.DidResume:
		return fmt.Errorf("%w: session not resumed (client %t, server %t)", ErrSelfTest, cs.DidResume, ss.DidResume)
	case cs.Version != tls.VersionTLS13 || ss.Version != tls.VersionTLS13:
		return fmt.Errorf("%w: not TLS 1.3", ErrSelfTest)
	case cs.CurveID == 0 || ss.CurveID == 0:
		return fmt.Errorf("%w: no key exchange", ErrSelfTest)
	case certAsked:
		return fmt.Errorf("%w: the server looked for a certificate", ErrSelfTest)
	case len(cs.PeerCertificates) != 1 || !cs.PeerCertificates[0].Equal(ph.cert):
		return fmt.Errorf("%w: the client holds a certificate other than its placeholder", ErrSelfTest)
	case !bytes.Equal(ci.getIdentity(), keys.Identity[:]):
		return fmt.Errorf("%w: the server did not record the identity", ErrSelfTest)
	}
	ce, err1 := cs.ExportKeyingMaterial(channel.ExporterLabel, nil, channel.ExporterSize)
	se, err2 := ss.ExportKeyingMaterial(channel.ExporterLabel, nil, channel.ExporterSize)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("%w: exporter: %w", ErrSelfTest, err)
	}
	if !bytes.Equal(ce, se) {
		return fmt.Errorf("%w: exporters differ", ErrSelfTest)
	}

	// Same identity, another PSK: the binder must not verify.
	wrong := keys
	wrong.PSK[0] ^= 0x80
	ccfg, _, err = pskClientTLS(&wrong, now)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSelfTest, err)
	}
	if _, _, err := memoryHandshake(ctx, ccfg, pskServerTLS(lookup, quiet, time.Now)); err == nil {
		return fmt.Errorf("%w: a wrong PSK was accepted", ErrSelfTest)
	}
	return nil
}

// selfTestOnce runs SelfTest at most once per process.
var selfTestOnce = sync.OnceValue(SelfTest)

// wrapCertificateHook makes cfg (a pskServerTLS config) set *asked when
// crypto/tls asks any of its per-connection configs for a certificate.
func wrapCertificateHook(cfg *tls.Config, asked *bool) {
	gcfc := cfg.GetConfigForClient
	cfg.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		c, err := gcfc(hello)
		if c != nil {
			get := c.GetCertificate
			c.GetCertificate = func(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
				*asked = true
				return get(h)
			}
		}
		return c, err
	}
}

// memoryHandshake runs a QUIC-TLS handshake between two crypto/tls
// QUICConns in memory, passing each side's handshake bytes to the other,
// and returns both connection states. Session events are enabled, as
// quic-go enables them.
func memoryHandshake(ctx context.Context, ccfg, scfg *tls.Config) (cs, ss tls.ConnectionState, err error) {
	cli := tls.QUICClient(&tls.QUICConfig{TLSConfig: ccfg, EnableSessionEvents: true})
	srv := tls.QUICServer(&tls.QUICConfig{TLSConfig: scfg, EnableSessionEvents: true})
	defer cli.Close()
	defer srv.Close()
	cli.SetTransportParameters(nil)

	if err := srv.Start(ctx); err != nil {
		return cs, ss, fmt.Errorf("server start: %w", err)
	}
	if err := cli.Start(ctx); err != nil {
		return cs, ss, fmt.Errorf("client start: %w", err)
	}
	var cliDone, srvDone bool
	// drain handles every pending event of from, feeding written bytes to
	// to. It reports whether anything happened.
	drain := func(from, to *tls.QUICConn, done *bool, name string) (bool, error) {
		moved := false
		for {
			ev := from.NextEvent()
			switch ev.Kind {
			case tls.QUICNoEvent:
				return moved, nil
			case tls.QUICWriteData:
				moved = true
				data := append([]byte(nil), ev.Data...)
				if err := to.HandleData(ev.Level, data); err != nil {
					return moved, fmt.Errorf("%s's peer rejected its data: %w", name, err)
				}
			case tls.QUICTransportParametersRequired:
				moved = true
				from.SetTransportParameters(nil)
			case tls.QUICHandshakeDone:
				moved = true
				*done = true
			case tls.QUICErrorEvent:
				return moved, fmt.Errorf("%s: %w", name, ev.Err)
			default:
				// Secrets, transport parameters, resume/store session
				// events: nothing to do in memory.
			}
		}
	}
	for round := 0; round < maxPumpRounds && !(cliDone && srvDone); round++ {
		if err := ctx.Err(); err != nil {
			return cs, ss, err
		}
		m1, err := drain(cli, srv, &cliDone, "client")
		if err != nil {
			return cs, ss, err
		}
		m2, err := drain(srv, cli, &srvDone, "server")
		if err != nil {
			return cs, ss, err
		}
		if !m1 && !m2 {
			break
		}
	}
	if !cliDone || !srvDone {
		return cs, ss, fmt.Errorf("handshake did not complete (client %t, server %t)", cliDone, srvDone)
	}
	return cli.ConnectionState(), srv.ConnectionState(), nil
}
