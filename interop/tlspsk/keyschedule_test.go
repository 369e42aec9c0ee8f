package tlspsk

import (
	"bytes"
	"crypto/ecdh"
	"encoding/hex"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func checkHex(t *testing.T, name string, got []byte, want string) {
	t.Helper()
	if w := strings.Join(strings.Fields(want), ""); hex.EncodeToString(got) != w {
		t.Errorf("%s:\n got %x\nwant %s", name, got, w)
	}
}

// The "Resumed 0-RTT Handshake" of RFC 8448 §4 is the only trace in the
// RFC with a PSK and an X25519 exchange, i.e. psk_dhe_ke. Its PSK is a
// resumption PSK, so its binder uses the "res binder" label where external
// PSKs use "ext binder"; everything else in the schedule is the same code.
const (
	rfc8448PSK        = "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3"
	rfc8448ClientPriv = "bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df"
	rfc8448ClientPub  = "e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b"
	// ClientHello with its binder (512 octets).
	rfc8448ClientHello = `010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d95000006130113031302010001cd000000
	0b0009000006736572766572ff01000100000a00140012001d00170018001901000101010201030104003300260024001d0020e4ffb6
	8ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a0000002b0003020304000d0020001e0403050306030203
	08040805080604010501060102010402050206020202002d00020101001c000240010015005700000000000000000000000000000000
	000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
	0000000000000000000000000000000000002900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa
	90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce
	145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf2
	97b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb0021203add4fb2d8fd
	f822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d`
	rfc8448ServerHello = `0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d00130100003400290002000000
	330024001d0020121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31002b00020304`
	rfc8448EncryptedExtensions = "080000280026000a00140012001d00170018001901000101010201030104001c0002400100000000002a0000"
	rfc8448ServerFinished      = "1400002048d3e0e1b3d907c6acff145e16090388c77b05c050b634ab1a88bbd0dd1a34b2"
	rfc8448EndOfEarlyData      = "05000000"
	rfc8448ClientFinished      = "140000207230a9c952c25cd6138fc5e6628308c41c5335dd81b9f96bcea50fd32bda416d"
)

func TestRFC8448KeySchedule(t *testing.T) {
	psk := unhex(t, rfc8448PSK)
	early := earlySecret(psk)
	checkHex(t, "early secret", early, "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c")
	bk := binderKey(early, labelResBinder)
	checkHex(t, "binder key", bk, "69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256")
	bfk := finishedKey(bk)
	checkHex(t, "binder finished key", bfk, "5588673e72cb59c87d220caffe94f2dea9a3b1609f7d50e90a48227db9ed7eaa")

	// Parse the RFC's ClientHello and recompute its binder over the
	// partial ClientHello.
	chRaw := unhex(t, rfc8448ClientHello)
	ch, err := parseClientHello(chRaw)
	if err != nil {
		t.Fatalf("parseClientHello: %v", err)
	}
	if !ch.hasPSK || len(ch.identities) != 1 || len(ch.binders) != 1 || !ch.earlyData {
		t.Fatalf("parsed ClientHello: psk=%v identities=%d binders=%d early=%v", ch.hasPSK, len(ch.identities), len(ch.binders), ch.earlyData)
	}
	if len(ch.identities[0].identity) != 0xb2 || ch.identities[0].age != 0xfad6aacb {
		t.Errorf("identity: %d bytes, age %#x", len(ch.identities[0].identity), ch.identities[0].age)
	}
	if len(ch.keyShares) != 1 || ch.keyShares[0].group != groupX25519 {
		t.Fatalf("key shares: %+v", ch.keyShares)
	}
	checkHex(t, "client key share", ch.keyShares[0].data, rfc8448ClientPub)
	if !bytes.Equal(ch.pskModes, []byte{pskModeDHEKE}) {
		t.Errorf("psk modes %v", ch.pskModes)
	}
	checkHex(t, "partial ClientHello hash", sha256Sum(chRaw[:ch.bindersAt]), "63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14")
	var tr transcript
	binder := finishedMAC(bfk, tr.sum(chRaw[:ch.bindersAt]))
	checkHex(t, "binder", binder, "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d")
	checkHex(t, "binder in ClientHello", ch.binders[0], "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d")

	shRaw := unhex(t, rfc8448ServerHello)
	sh, err := parseServerHello(shRaw)
	if err != nil {
		t.Fatalf("parseServerHello: %v", err)
	}
	if sh.isRetry || sh.suite != TLS_AES_128_GCM_SHA256 || !sh.hasPSK || sh.selectedPSK != 0 ||
		!sh.hasVersion || sh.version != VersionTLS13 || len(sh.unexpectedExts) != 0 {
		t.Fatalf("parsed ServerHello: %+v", sh)
	}

	priv, err := ecdh.X25519().NewPrivateKey(unhex(t, rfc8448ClientPriv))
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "client public key", priv.PublicKey().Bytes(), rfc8448ClientPub)
	shared, err := x25519Shared(priv, sh.keyShare.data)
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "ECDHE", shared, "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e")

	checkHex(t, "derived", deriveSecret(early, labelDerived, emptyHash), "5f1790bbd82c5e7d376ed2e1e52f8e6038c9346db61b43be9a52f77ef3998e80")
	hs := handshakeSecret(early, shared)
	checkHex(t, "handshake secret", hs, "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6")

	tr.add(chRaw)
	tr.add(shRaw)
	helloHash := tr.sum(nil)
	checkHex(t, "hash(CH..SH)", helloHash, "f736cb34fe25e701551bee6fd24c1cc7102a7daf9405cb15d97aafe16f757d03")
	cHS := deriveSecret(hs, labelClientHS, helloHash)
	sHS := deriveSecret(hs, labelServerHS, helloHash)
	checkHex(t, "c hs traffic", cHS, "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f")
	checkHex(t, "s hs traffic", sHS, "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803")
	suite := suiteByID(TLS_AES_128_GCM_SHA256)
	k, iv := suite.trafficKey(sHS)
	checkHex(t, "server handshake key", k, "27c6bdc0a3dcea39a47326d79bc9e4ee")
	checkHex(t, "server handshake iv", iv, "9569ecdd4d0536705e9ef725")
	k, iv = suite.trafficKey(cHS)
	checkHex(t, "client handshake key", k, "b1530806f4adfeac83f1413032bbfa82")
	checkHex(t, "client handshake iv", iv, "eb50c16be7654abf99dd06d9")

	ee := unhex(t, rfc8448EncryptedExtensions)
	tr.add(ee)
	sfin := finishedMAC(finishedKey(sHS), tr.sum(nil))
	checkHex(t, "server Finished", marshalHandshake(typeFinished, sfin), rfc8448ServerFinished)
	tr.add(unhex(t, rfc8448ServerFinished))

	full := tr.sum(nil)
	ms := masterSecret(hs)
	checkHex(t, "master secret", ms, "e2d32d4ed66dd37897a0e80c84107503ce58bf8aad4cb55a5002d77ecb890ece")
	cAP := deriveSecret(ms, labelClientAP, full)
	sAP := deriveSecret(ms, labelServerAP, full)
	checkHex(t, "c ap traffic", cAP, "2abbf2b8e381d23dbebe1dd2a7d16a8bf484cb4950d23fb7fb7fa8547062d9a1")
	checkHex(t, "s ap traffic", sAP, "cc21f1bf8feb7dd5fa505bd9c4b468a9984d554a993dc49e6d285598fb672691")
	checkHex(t, "exp master", deriveSecret(ms, labelExporterMaster, full), "3fd93d4ffddc98e64b14dd107aedf8ee4add23f4510f58a4592d0b201bee56b4")
	k, iv = suite.trafficKey(sAP)
	checkHex(t, "server app key", k, "e857c690a34c5a9129d833619684f95e")
	checkHex(t, "server app iv", iv, "0685d6b561aab9ef1013faf9")
	k, iv = suite.trafficKey(cAP)
	checkHex(t, "client app key", k, "3cf122f301c6358ca7989553250efd72")
	checkHex(t, "client app iv", iv, "ab1aec26aa78b8fc1176b9ac")

	// The client's Finished covers EndOfEarlyData in that trace.
	tr.add(unhex(t, rfc8448EndOfEarlyData))
	cfin := finishedMAC(finishedKey(cHS), tr.sum(nil))
	checkHex(t, "client Finished", marshalHandshake(typeFinished, cfin), rfc8448ClientFinished)
}

// byteConn is a net.Conn reading from a fixed byte string and discarding
// writes; it drives the record layer and the handshakes from canned input.
type byteConn struct {
	nopConn
	r *bytes.Reader
}

func (b *byteConn) Read(p []byte) (int, error) { return b.r.Read(p) }

func newByteConn(data []byte) *byteConn { return &byteConn{r: bytes.NewReader(data)} }

// TestRFC8448Records decrypts the protected records of RFC 8448 §4 through
// the record layer.
func TestRFC8448Records(t *testing.T) {
	suite := suiteByID(TLS_AES_128_GCM_SHA256)
	secrets := map[string]string{
		"s hs": "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803",
		"c hs": "2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f",
		"c ap": "2abbf2b8e381d23dbebe1dd2a7d16a8bf484cb4950d23fb7fb7fa8547062d9a1",
		"s ap": "cc21f1bf8feb7dd5fa505bd9c4b468a9984d554a993dc49e6d285598fb672691",
	}
	appData := make([]byte, 50)
	for i := range appData {
		appData[i] = byte(i)
	}
	cases := []struct {
		name, secret string
		records      string
		want         [][]byte // plaintext per record
		types        []uint8
	}{
		{"server EE+Finished", "s hs",
			`1703030061dc48237b4b879f50d0d4d262ea8b4716eb40ddc1eb957e11126e8a7149c2d012d37a7115957e64ce30008b9e0323f2c05a
			9c1c77b4f37849a695ab255060a33fee770ca95cb8486bfd0843b87024865ca35cc41c4e515c64dcb1369f98635bc7a5`,
			[][]byte{append(unhex(t, rfc8448EncryptedExtensions), unhex(t, rfc8448ServerFinished)...)},
			[]uint8{recordHandshake}},
		{"client Finished", "c hs",
			`170303003500f8b467d14cf22a4b3f0b6ae0d8e6cc8d08e0db3515ef5c2bdf1922eafbb70009964716d834fb70c3d2a56c5b1f5f6bdba6c333cf`,
			[][]byte{unhex(t, rfc8448ClientFinished)}, []uint8{recordHandshake}},
		{"client data and close_notify", "c ap",
			`1703030043b1cebce242aa201be9ae5e1cb2a9aa4b33d4e866af1edb068919237741aa031d7a74d491c99b9d4e232b74206bc6fbaa04fe78be44a9b4f54320a17eb76992afac3103
			17030300130facce3246bdfc6369838d6a82ae6de5d422dc`,
			[][]byte{appData, {1, 0}}, []uint8{recordApplicationData, recordAlert}},
		{"server data and close_notify", "s ap",
			`1703030043275e9f20acff57bc000657d3867df039cccf79047884cf75771746f740b5a83f462a0954c3581393a203a25a7dd14141ef1a37900cdb62ff62dee1ba39ab2590cbf194
			17030300135b18af444e8e1eec7158fb62d8f2577d37ba5d`,
			[][]byte{appData, {1, 0}}, []uint8{recordApplicationData, recordAlert}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newConn(newByteConn(unhex(t, tc.records)), &Config{}, true)
			c.hsDone.Store(true)
			if err := c.inHalf.setKey(suite, unhex(t, secrets[tc.secret])); err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.want {
				typ, got, err := c.readRecord()
				if err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
				if typ != tc.types[i] || !bytes.Equal(got, want) {
					t.Fatalf("record %d: type %d %x, want type %d %x", i, typ, got, tc.types[i], want)
				}
			}
		})
	}
}

func TestHelloRetryRandom(t *testing.T) {
	checkHex(t, "HelloRetryRequest random", helloRetryRandom,
		"cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")
}

func TestExpandLabelLimits(t *testing.T) {
	if _, err := expandLabel(zeroHash, strings.Repeat("x", 250), nil, 32); err == nil {
		t.Error("label of 256 bytes accepted")
	}
	if _, err := expandLabel(zeroHash, "x", make([]byte, 256), 32); err == nil {
		t.Error("context of 256 bytes accepted")
	}
	if _, err := expandLabel(zeroHash, "x", nil, 255*32+1); err == nil {
		t.Error("over-long output accepted")
	}
	if _, err := exportKeyingMaterial(zeroHash, strings.Repeat("x", 250), nil, 32); err == nil {
		t.Error("over-long exporter label accepted")
	}
}
