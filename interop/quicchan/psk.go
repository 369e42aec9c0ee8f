package quicchan

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// This file is the PSK profile's use of crypto/tls: a TLS 1.3 session
// "resumption" whose resumption PSK is the M-Pin channel PSK. doc.go says
// which crypto/tls behaviour it relies on and why each piece is here.

const (
	// ALPNPSK is the ALPN protocol of the PSK profile.
	ALPNPSK = "mpinkit-psk-1"
	// ALPNBinding is the ALPN protocol of the channel-binding mode.
	ALPNBinding = "mpinkit-bind-1"

	// pskServerName is the SNI the PSK client sends and the DNS name of its
	// placeholder certificate. It names no host (RFC 6761 .invalid) and is
	// the same for every user.
	pskServerName = "mpinkit-psk.invalid"
	// bindingServerName is the SNI of the channel-binding mode.
	bindingServerName = "mpinkit-bind.invalid"

	// sessionCipherSuite is recorded in the synthetic session states. Only
	// its hash matters to crypto/tls (the PSK is usable with any TLS 1.3
	// suite of the same hash); SHA-256 is the hash of the channel PSK.
	sessionCipherSuite = tls.TLS_AES_128_GCM_SHA256
	// sessionLifetime bounds the client's synthetic ticket (use_by).
	sessionLifetime = time.Hour
	// placeholderValidity is how long the client's placeholder certificate
	// stays inside its validity period, around the time of the dial.
	placeholderValidity = time.Hour
)

// appendSessionHead encodes the fields common to both session types, in the
// layout of crypto/tls's SessionState.Bytes (ticket.go), TLS 1.3 only:
// version, type, cipher_suite, created_at, secret<1..255>, extra<0..2^24-1>
// (empty), ext_master_secret = 0, early_data = 0.
func appendSessionHead(b []byte, typ byte, createdAt time.Time, psk []byte) []byte {
	b = append(b, byte(tls.VersionTLS13>>8), byte(tls.VersionTLS13&0xff), typ)
	b = append(b, byte(sessionCipherSuite>>8), byte(sessionCipherSuite&0xff))
	b = appendUint64(b, uint64(createdAt.Unix()))
	b = append(b, byte(len(psk)))
	b = append(b, psk...)
	b = appendUint24(b, 0) // extra: none
	b = append(b, 0, 0)    // ext_master_secret, early_data
	return b
}

func appendUint64(b []byte, v uint64) []byte {
	return append(b, byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32),
		byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func appendUint24(b []byte, v int) []byte {
	return append(b, byte(v>>16), byte(v>>8), byte(v))
}

// serverSession builds the server half: a TLS 1.3 server SessionState
// whose secret is the PSK, with no client certificate and no verified
// chains. ParseSessionState is the only way to set the unexported secret.
func serverSession(psk []byte, now time.Time) (*tls.SessionState, error) {
	b := appendSessionHead(nil, 1, now, psk)
	b = appendUint24(b, 0) // certificate_list: empty
	b = appendUint24(b, 0) // verified_chains: none
	return tls.ParseSessionState(b)
}

// placeholder is the client's stand-in for the server certificate that a
// real resumed session would remember. crypto/tls insists on one
// (ParseSessionState rejects a client session without a certificate, and
// loadSession re-checks the remembered chain against RootCAs). It is
// self-signed by a key that is dropped at once, and it is the only root
// the PSK client trusts, so no server can ever authenticate to that client
// with a certificate.
type placeholder struct {
	cert *x509.Certificate
	pool *x509.CertPool
}

func newPlaceholder(now time.Time) (*placeholder, error) {
	cert, _, err := selfSigned(pskServerName, now, placeholderValidity)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &placeholder{cert: cert, pool: pool}, nil
}

// selfSigned makes an Ed25519 self-signed certificate for name, valid from
// an hour before now until now+validity.
func selfSigned(name string, now time.Time, validity time.Duration) (*x509.Certificate, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: name},
		DNSNames:              []string{name},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(validity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, priv)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	return cert, priv, nil
}

// clientSession builds the client half: a TLS 1.3 client SessionState with
// the PSK as secret, the placeholder as the "server certificate" and as a
// one-element verified chain, use_by an hour ahead and age_add 0, wrapped
// with the PSK identity as its ticket.
func clientSession(psk, identity []byte, ph *placeholder, now time.Time) (*tls.ClientSessionState, error) {
	raw := ph.cert.Raw
	b := appendSessionHead(nil, 2, now, psk)
	// certificate_list: one CertificateEntry (cert_data<1..2^24-1>,
	// extensions<0..2^16-1> empty).
	b = appendUint24(b, 3+len(raw)+2)
	b = appendUint24(b, len(raw))
	b = append(b, raw...)
	b = append(b, 0, 0)
	// verified_chains: one chain holding only the leaf, which the encoding
	// elides, so one empty certificate list.
	b = appendUint24(b, 3)
	b = appendUint24(b, 0)
	b = appendUint64(b, uint64(now.Add(sessionLifetime).Unix())) // use_by
	b = append(b, 0, 0, 0, 0)                                    // age_add
	state, err := tls.ParseSessionState(b)
	if err != nil {
		return nil, err
	}
	return tls.NewResumptionState(append([]byte(nil), identity...), state)
}

// oneSession is a ClientSessionCache that offers one synthetic session for
// any key and drops whatever the server sends (its tickets are useless).
type oneSession struct{ cs *tls.ClientSessionState }

func (o oneSession) Get(string) (*tls.ClientSessionState, bool) { return o.cs, o.cs != nil }
func (oneSession) Put(string, *tls.ClientSessionState)          {}

// pskClientTLS returns the client tls.Config of the PSK profile for keys.
// Certificate authentication is shut off three ways: the only trusted root
// is the placeholder (whose key nobody has), VerifyPeerCertificate refuses
// every certificate, and VerifyConnection refuses a connection that did not
// resume (crypto/tls calls it on resumption too). It also returns the
// placeholder, for the self-test.
func pskClientTLS(keys *channel.Keys, now time.Time) (*tls.Config, *placeholder, error) {
	ph, err := newPlaceholder(now)
	if err != nil {
		return nil, nil, fmt.Errorf("quicchan: placeholder certificate: %w", err)
	}
	cs, err := clientSession(keys.PSK[:], keys.Identity[:], ph, now)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: building the client session: %w", ErrSelfTest, err)
	}
	return &tls.Config{
		MinVersion:         tls.VersionTLS13,
		ServerName:         pskServerName,
		NextProtos:         []string{ALPNPSK},
		RootCAs:            ph.pool,
		ClientSessionCache: oneSession{cs},
		VerifyPeerCertificate: func([][]byte, [][]*x509.Certificate) error {
			return ErrFullHandshake
		},
		VerifyConnection: func(st tls.ConnectionState) error {
			if !st.DidResume {
				return ErrFullHandshake
			}
			return nil
		},
	}, ph, nil
}

// connInfoKey keys the *connInfo in a server connection's context.
type connInfoKey struct{}

// connInfo carries what the TLS callbacks learn about one server
// connection to the code that runs after the handshake.
type connInfo struct {
	mu       sync.Mutex
	identity []byte
	release  func() // set by the listener; frees the connection's slot
	once     sync.Once
}

func (ci *connInfo) setIdentity(id []byte) {
	ci.mu.Lock()
	ci.identity = append([]byte(nil), id...)
	ci.mu.Unlock()
}

func (ci *connInfo) getIdentity() []byte {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	return ci.identity
}

func (ci *connInfo) done() {
	ci.once.Do(func() {
		if ci.release != nil {
			ci.release()
		}
	})
}

// pskServerTLS returns the server tls.Config of the PSK profile. It has no
// certificate: GetCertificate refuses, and crypto/tls only asks for one
// when the handshake is not a resumption (pickCertificate in
// handshake_server_tls13.go), so every non-PSK ClientHello fails. Per
// connection, GetConfigForClient hands out a config whose UnwrapSession
// looks the identity up and records it in the connection's *connInfo
// (found through the ClientHelloInfo's context, which quic-go derives from
// the connection's context).
func pskServerTLS(lookup func([]byte) (channel.Keys, bool), log *slog.Logger, now func() time.Time) *tls.Config {
	refuse := func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return nil, ErrFullHandshake }
	perConn := func(ci *connInfo) *tls.Config {
		return &tls.Config{
			MinVersion:     tls.VersionTLS13,
			NextProtos:     []string{ALPNPSK},
			GetCertificate: refuse,
			UnwrapSession: func(identity []byte, _ tls.ConnectionState) (*tls.SessionState, error) {
				if len(identity) != channel.IdentitySize {
					log.Info("quicchan: PSK identity of the wrong length", "len", len(identity))
					return nil, fmt.Errorf("%w: %d-byte identity", ErrUnknownIdentity, len(identity))
				}
				keys, ok := lookup(identity)
				if !ok {
					log.Info("quicchan: unknown PSK identity", "identity", hex.EncodeToString(identity))
					return nil, ErrUnknownIdentity
				}
				defer keys.Wipe()
				ss, err := serverSession(keys.PSK[:], now())
				if err != nil {
					log.Error("quicchan: building the server session", "err", err)
					return nil, fmt.Errorf("%w: %w", ErrSelfTest, err)
				}
				if ci != nil {
					ci.setIdentity(identity)
				}
				return ss, nil
			},
			// The server must hand out a ticket when quic-go asks (an
			// error here would close the connection). It is random bytes
			// that UnwrapSession will never recognize.
			WrapSession: func(tls.ConnectionState, *tls.SessionState) ([]byte, error) {
				t := make([]byte, 2*channel.IdentitySize+1)
				_, err := rand.Read(t)
				return t, err
			},
		}
	}
	return &tls.Config{
		MinVersion:     tls.VersionTLS13,
		NextProtos:     []string{ALPNPSK},
		GetCertificate: refuse,
		GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
			ci, _ := contextInfo(hello.Context())
			return perConn(ci), nil
		},
	}
}

func contextInfo(ctx context.Context) (*connInfo, bool) {
	if ctx == nil {
		return nil, false
	}
	ci, ok := ctx.Value(connInfoKey{}).(*connInfo)
	return ci, ok
}
