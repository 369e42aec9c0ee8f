package tlspsk

import (
	"bytes"
	"context"
	"io"
	"testing"
)

// captureConn records what a Conn writes and reads from a fixed input.
type captureConn struct {
	nopConn
	in  *bytes.Reader
	out bytes.Buffer
}

func (c *captureConn) Read(p []byte) (int, error)  { return c.in.Read(p) }
func (c *captureConn) Write(p []byte) (int, error) { return c.out.Write(p) }

// deterministicClientHello returns the ClientHello record a client with a
// fixed Rand sends, and its parsed form.
func deterministicClientHello(t testing.TB, faults Fault) ([]byte, *clientHello) {
	cfg := clientConfig()
	cfg.Rand = newDetRand(3)
	cfg.Faults = faults
	cc := &captureConn{in: bytes.NewReader(nil)}
	_ = Client(cc, cfg).Handshake(context.Background())
	rec := cc.out.Bytes()
	if len(rec) < 5 {
		t.Fatal("no ClientHello written")
	}
	n := int(rec[3])<<8 | int(rec[4])
	ch, err := parseClientHello(rec[5 : 5+n])
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(nil), rec[:5+n]...), ch
}

func FuzzParseClientHello(f *testing.F) {
	f.Add(unhex(f, rfc8448ClientHello))
	_, ch := deterministicClientHello(f, 0)
	f.Add(ch.raw)
	_, ch = deterministicClientHello(f, FaultDeferKeyShare|FaultPSKKENoKeyShare)
	f.Add(ch.raw)
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		ch, err := parseClientHello(data)
		if err != nil {
			return
		}
		if ch.hasPSK {
			if ch.bindersAt <= 0 || ch.bindersAt > len(data) || len(ch.binders) != len(ch.identities) {
				t.Fatalf("bindersAt %d of %d", ch.bindersAt, len(data))
			}
		}
		// Validation on top of parsing must not panic either.
		c := newConn(nopConn{}, serverConfig(), false)
		_, _ = c.checkClientHello(ch)
	})
}

func FuzzParseServerHello(f *testing.F) {
	f.Add(unhex(f, rfc8448ServerHello))
	_, ch := deterministicClientHello(f, 0)
	f.Add(serverHelloFor(ch, nil))
	f.Add(serverHelloFor(ch, func(p *serverHelloParams) { p.random, p.retry = helloRetryRandom, true }))
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := parseServerHello(data)
		if err != nil {
			return
		}
		p := &clientHelloParams{sessionID: ch.sessionID, suites: []uint16{TLS_AES_128_GCM_SHA256}, keyShares: ch.keyShares}
		c := newConn(nopConn{}, clientConfig(), true)
		if sh.isRetry {
			_ = c.checkHelloRetry(sh, p)
		} else {
			_ = c.checkServerHello(sh, p)
		}
	})
}

func FuzzParseHandshakeMessages(f *testing.F) {
	f.Add(unhex(f, rfc8448EncryptedExtensions))
	f.Add(marshalHandshake(typeNewSessionTicket, unhex(f, "00001c20 01020304 02abcd 0003aabbcc 0000")))
	f.Add(marshalHandshake(typeKeyUpdate, []byte{1}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 {
			return
		}
		_ = parseEncryptedExtensions(data)
		_ = parseNewSessionTicket(data)
	})
}

// FuzzServerHandshake feeds arbitrary bytes to a server as the client's
// side of the connection.
func FuzzServerHandshake(f *testing.F) {
	ch := clientHelloBytes(f, nil)
	rec := rawRecord(recordHandshake, ch)
	f.Add(rec)
	f.Add(append(append([]byte(nil), rec...), rawRecord(recordChangeCipherSpec, []byte{1})...))
	retry := rawRecord(recordHandshake, clientHelloBytes(f, func(p *clientHelloParams) { p.keyShares = nil }))
	f.Add(append(retry, rec...))
	half := rawRecord(recordHandshake, ch[:20])
	f.Add(append(half, rawRecord(recordHandshake, ch[20:])...))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := serverConfig()
		cfg.Rand = newDetRand(4)
		c := Server(&captureConn{in: bytes.NewReader(data)}, cfg)
		_ = c.Handshake(context.Background())
		_, _ = c.Read(make([]byte, 64))
	})
}

// FuzzClientHandshake feeds arbitrary bytes to a client as the server's
// answer. The seed is a valid server flight for the client's deterministic
// ClientHello, so mutations reach the protected messages.
func FuzzClientHandshake(f *testing.F) {
	_, ch := deterministicClientHello(f, 0)
	ee := marshalHandshake(typeEncryptedExtensions, []byte{0, 0})
	good := scriptedFlight(f, ch, func(tr *transcript, sHS []byte) []byte {
		tr.add(ee)
		return append(ee, marshalHandshake(typeFinished, finishedMAC(finishedKey(sHS), tr.sum(nil)))...)
	})
	f.Add(good)
	f.Add(rawRecord(recordHandshake, serverHelloFor(ch, func(p *serverHelloParams) { p.random, p.retry = helloRetryRandom, true })))
	f.Add(rawRecord(recordAlert, []byte{2, 40}))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := clientConfig()
		cfg.Rand = newDetRand(3)
		c := Client(&captureConn{in: bytes.NewReader(data)}, cfg)
		_ = c.Handshake(context.Background())
		_, _ = c.Read(make([]byte, 64))
	})
}

// FuzzRecordLayer feeds a connection whose handshake is done with protected
// records whose inner plaintexts come from the input (each prefixed by a
// length byte), followed by any remaining bytes raw.
func FuzzRecordLayer(f *testing.F) {
	f.Add([]byte("\x06hello\x17"))
	f.Add(append([]byte{5}, append(marshalHandshake(typeKeyUpdate, []byte{1}), recordHandshake)...))
	f.Add([]byte("\x03\x01\x00\x15"))
	f.Add([]byte("\x04\x00\x00\x00\x00"))
	f.Add(append([]byte{byte(len(marshalHandshake(typeNewSessionTicket, unhex(f, "00001c20 01020304 02abcd 0003aabbcc 0000"))) + 1)},
		append(marshalHandshake(typeNewSessionTicket, unhex(f, "00001c20 01020304 02abcd 0003aabbcc 0000")), recordHandshake)...))
	f.Add([]byte{0x17, 3, 3, 0, 20, 1, 2, 3})
	suite := suiteByID(TLS_CHACHA20_POLY1305_SHA256)
	secret := bytes.Repeat([]byte{0x33}, 32)
	f.Fuzz(func(t *testing.T, data []byte) {
		sender := &Conn{}
		_ = sender.outHalf.setKey(suite, secret)
		var stream []byte
		rest := data
		for len(rest) > 0 {
			n := int(rest[0])
			if n == 0 || n > len(rest)-1 {
				break
			}
			stream = append(stream, sealRecord(sender, rest[1:1+n])...)
			rest = rest[1+n:]
		}
		stream = append(stream, rest...)
		c := newConn(&captureConn{in: bytes.NewReader(stream)}, clientConfig(), true)
		c.suite = suite
		_ = c.inHalf.setKey(suite, secret)
		_ = c.outHalf.setKey(suite, secret)
		c.hsRan = true
		c.hsDone.Store(true)
		buf := make([]byte, 100)
		for i := 0; i < 1000; i++ {
			if _, err := c.Read(buf); err != nil {
				if err == io.EOF {
					return
				}
				return
			}
		}
	})
}

// TestFuzzSeedsAreDeep checks that the FuzzClientHandshake seed is a
// complete, valid server flight, so the fuzzer starts past the decryption.
func TestFuzzSeedsAreDeep(t *testing.T) {
	_, ch := deterministicClientHello(t, 0)
	ee := marshalHandshake(typeEncryptedExtensions, []byte{0, 0})
	good := scriptedFlight(t, ch, func(tr *transcript, sHS []byte) []byte {
		tr.add(ee)
		return append(ee, marshalHandshake(typeFinished, finishedMAC(finishedKey(sHS), tr.sum(nil)))...)
	})
	cfg := clientConfig()
	cfg.Rand = newDetRand(3)
	c := Client(&captureConn{in: bytes.NewReader(good)}, cfg)
	if err := c.Handshake(context.Background()); err != nil {
		t.Fatal(err)
	}
}
