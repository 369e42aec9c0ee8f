package channel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The tests check Derive against a second implementation of the schedule
// written here from the description in doc.go, with crypto/hmac alone
// (HKDF from RFC 5869 by hand, the info string built by hand), and against
// values pinned from a third one (Python's hmac and hashlib).

func refHMAC(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// refExpand is RFC 5869 HKDF-Expand with SHA-256.
func refExpand(prk, info []byte, n int) []byte {
	var out, t []byte
	for i := byte(1); len(out) < n; i++ {
		t = refHMAC(prk, t, info, []byte{i})
		out = append(out, t...)
	}
	return out[:n]
}

func refInfo(label string, suite string, transcript []byte) []byte {
	var b bytes.Buffer
	b.WriteByte(byte(len(label)))
	b.WriteString(label)
	b.WriteByte(byte(len(suite)))
	b.WriteString(suite)
	b.WriteByte(byte(len(transcript)))
	b.Write(transcript)
	return b.Bytes()
}

func refDerive(key, transcript []byte, suite string) (psk, id, binding []byte) {
	prk := refHMAC([]byte("mpinkit channel v1 extract"), key) // HKDF-Extract(salt, IKM)
	psk = refExpand(prk, refInfo("mpinkit channel v1 psk", suite, transcript), 32)
	id = refExpand(prk, refInfo("mpinkit channel v1 identity", suite, transcript), 16)
	binding = refExpand(prk, refInfo("mpinkit channel v1 binding", suite, transcript), 32)
	return psk, id, binding
}

func seq(from, to int) []byte {
	b := make([]byte, 0, to-from)
	for i := from; i < to; i++ {
		b = append(b, byte(i))
	}
	return b
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRefHKDF checks the test's own HKDF against RFC 5869, appendix A.1.
func TestRefHKDF(t *testing.T) {
	ikm := bytes.Repeat([]byte{0x0b}, 22)
	salt := seq(0x00, 0x0d)
	info := seq(0xf0, 0xfa)
	prk := refHMAC(salt, ikm)
	if got, want := hex.EncodeToString(prk), "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"; got != want {
		t.Fatalf("PRK = %s, want %s", got, want)
	}
	okm := refExpand(prk, info, 42)
	want := "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
	if got := hex.EncodeToString(okm); got != want {
		t.Fatalf("OKM = %s, want %s", got, want)
	}
}

var kats = []struct {
	key, transcript  []byte
	suite            string
	psk, id, binding string
}{
	{
		key: seq(0x00, 0x10), transcript: seq(0x20, 0x40), suite: "MPIN-BN254CX-SHA256-MILAGRO",
		psk:     "1741847638693093de244064bd5f832048840c17937e02cb35b20d33e3fc7a21",
		id:      "4af511b8f1b0c1feef2c6d6b832c5e84",
		binding: "ba659a0c02fd2c162d322ae2396c55f3bcd9e16031044e674a23be4a7275a157",
	},
	{
		key: seq(0xa0, 0xc0), transcript: seq(0x40, 0x70), suite: "MPIN-BLS12381-SHA256-MODERN",
		psk:     "43aaa4f09410f78eb78cdc79277bdcbe45a020cc7b59a5d1989a296486d43ecf",
		id:      "8eef78b80b912623baf0c67631c29be5",
		binding: "40bef588a5d2d136848b26e83d38632bf5a2c899db5aed01d9bbf21224c84269",
	},
}

func TestDeriveKnownAnswers(t *testing.T) {
	for i, v := range kats {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			k, err := Derive(v.key, v.transcript, v.suite)
			if err != nil {
				t.Fatal(err)
			}
			psk, id, binding := refDerive(v.key, v.transcript, v.suite)
			for _, c := range []struct {
				name      string
				got, ref  []byte
				pinnedHex string
			}{
				{"PSK", k.PSK[:], psk, v.psk},
				{"Identity", k.Identity[:], id, v.id},
				{"Binding", k.Binding[:], binding, v.binding},
			} {
				if !bytes.Equal(c.got, c.ref) {
					t.Errorf("%s = %x, independent HMAC code gives %x", c.name, c.got, c.ref)
				}
				if !bytes.Equal(c.got, unhex(t, c.pinnedHex)) {
					t.Errorf("%s = %x, pinned %s", c.name, c.got, c.pinnedHex)
				}
			}
		})
	}
}

func TestBindingMACKnownAnswers(t *testing.T) {
	k, err := Derive(kats[0].key, kats[0].transcript, kats[0].suite)
	if err != nil {
		t.Fatal(err)
	}
	exporter := seq(0x80, 0xa0)
	for _, c := range []struct {
		role Role
		want string
	}{
		{RoleClient, "5106d9455a1bd4a0f10e4eb1db9b1d75cf6043718f5c4e4b89b59e0fd4877b34"},
		{RoleServer, "3dfd01fd4e3759649de87a3fa4de58d251d681eeaba8e4f4a376d32686a1669c"},
	} {
		mac, err := BindingMAC(k.Binding, c.role, exporter)
		if err != nil {
			t.Fatal(err)
		}
		ref := refHMAC(k.Binding[:], []byte("mpinkit channel v1 binding mac"), []byte{byte(c.role)}, exporter)
		if !bytes.Equal(mac[:], ref) || hex.EncodeToString(mac[:]) != c.want {
			t.Errorf("%s MAC = %x, independent %x, pinned %s", c.role, mac, ref, c.want)
		}
		if err := VerifyBindingMAC(k.Binding, c.role, exporter, mac[:]); err != nil {
			t.Errorf("VerifyBindingMAC(%s) = %v", c.role, err)
		}
	}
}

func TestBindingMACRejects(t *testing.T) {
	var key [BindingKeySize]byte
	exporter := make([]byte, ExporterSize)
	mac, err := BindingMAC(key, RoleClient, exporter)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBindingMAC(key, RoleServer, exporter, mac[:]); !errors.Is(err, ErrBindingMAC) {
		t.Errorf("client MAC accepted as the server's: %v", err)
	}
	bad := mac
	bad[7] ^= 1
	if err := VerifyBindingMAC(key, RoleClient, exporter, bad[:]); !errors.Is(err, ErrBindingMAC) {
		t.Errorf("flipped bit accepted: %v", err)
	}
	if err := VerifyBindingMAC(key, RoleClient, exporter, mac[:31]); !errors.Is(err, ErrBindingMAC) {
		t.Errorf("short MAC accepted: %v", err)
	}
	if err := VerifyBindingMAC(key, RoleClient, exporter, nil); !errors.Is(err, ErrBindingMAC) {
		t.Errorf("empty MAC accepted: %v", err)
	}
	if _, err := BindingMAC(key, Role(3), exporter); !errors.Is(err, ErrRole) {
		t.Errorf("role 3: %v", err)
	}
	if _, err := BindingMAC(key, RoleClient, exporter[:31]); !errors.Is(err, ErrExporter) {
		t.Errorf("31-byte exporter: %v", err)
	}
}

func TestDeriveRejectsBadInputs(t *testing.T) {
	key, tr, suite := seq(0, 16), seq(0, 32), "S"
	for _, c := range []struct {
		name  string
		key   []byte
		tr    []byte
		suite string
		want  error
	}{
		{"nil key", nil, tr, suite, ErrShortKey},
		{"15-byte key", key[:15], tr, suite, ErrShortKey},
		{"nil transcript", key, nil, suite, ErrTranscript},
		{"15-byte transcript", key, tr[:15], suite, ErrTranscript},
		{"256-byte transcript", key, make([]byte, 256), suite, ErrTranscript},
		{"empty suite", key, tr, "", ErrSuite},
		{"256-byte suite", key, tr, strings.Repeat("x", 256), ErrSuite},
	} {
		k, err := Derive(c.key, c.tr, c.suite)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		if k != (Keys{}) {
			t.Errorf("%s: non-zero Keys returned with an error", c.name)
		}
	}
	// The edges that are allowed.
	for _, c := range []struct {
		key, tr []byte
		suite   string
	}{
		{seq(0, 16), seq(0, 16), "S"},
		{seq(0, 200), seq(0, 255), strings.Repeat("x", 255)},
	} {
		if _, err := Derive(c.key, c.tr, c.suite); err != nil {
			t.Errorf("Derive(len %d, len %d, len %d) = %v", len(c.key), len(c.tr), len(c.suite), err)
		}
	}
}

func TestKeysRedacted(t *testing.T) {
	k, err := Derive(kats[0].key, kats[0].transcript, kats[0].suite)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		out := fmt.Sprintf(verb, k)
		for _, secret := range [][]byte{k.PSK[:], k.Binding[:]} {
			h := hex.EncodeToString(secret)
			if strings.Contains(out, h[:16]) || strings.Contains(out, string(secret)) {
				t.Errorf("%s prints a secret: %s", verb, out)
			}
		}
	}
	if !strings.Contains(k.String(), kats[0].id) {
		t.Errorf("String() lacks the identity: %s", k)
	}
	k.Wipe()
	if k != (Keys{}) {
		t.Error("Wipe left data")
	}
}

// Property tests.

func genKey(t *rapid.T) []byte {
	return rapid.SliceOfN(rapid.Byte(), MinKeySize, 64).Draw(t, "key")
}

func genTranscript(t *rapid.T, name string) []byte {
	return rapid.SliceOfN(rapid.Byte(), MinTranscriptSize, 64).Draw(t, name)
}

func genSuite(t *rapid.T, name string) string {
	return rapid.StringMatching(`[A-Z0-9-]{1,40}`).Draw(t, name)
}

func mustDerive(t *rapid.T, key, tr []byte, suite string) Keys {
	k, err := Derive(key, tr, suite)
	if err != nil {
		t.Fatalf("Derive: %v", err)
	}
	return k
}

// allDistinct reports whether the three outputs of a and b differ pairwise.
func allDistinct(a, b Keys) bool {
	return a.PSK != b.PSK && a.Identity != b.Identity && a.Binding != b.Binding
}

func TestPropertyDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key, tr, suite := genKey(t), genTranscript(t, "transcript"), genSuite(t, "suite")
		a := mustDerive(t, key, tr, suite)
		b := mustDerive(t, bytes.Clone(key), bytes.Clone(tr), suite)
		if a != b {
			t.Fatal("two runs on equal inputs differ")
		}
		psk, id, binding := refDerive(key, tr, suite)
		if !bytes.Equal(a.PSK[:], psk) || !bytes.Equal(a.Identity[:], id) || !bytes.Equal(a.Binding[:], binding) {
			t.Fatal("Derive disagrees with the independent HMAC code")
		}
	})
}

func TestPropertyOutputsIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := mustDerive(t, genKey(t), genTranscript(t, "transcript"), genSuite(t, "suite"))
		if bytes.Equal(k.PSK[:], k.Binding[:]) || bytes.Contains(k.PSK[:], k.Identity[:]) ||
			bytes.Contains(k.Binding[:], k.Identity[:]) {
			t.Fatal("outputs of one derivation overlap")
		}
	})
}

func TestPropertyDifferentInputsDiffer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key, tr, suite := genKey(t), genTranscript(t, "transcript"), genSuite(t, "suite")
		base := mustDerive(t, key, tr, suite)

		tr2 := genTranscript(t, "transcript2")
		if !bytes.Equal(tr, tr2) && !allDistinct(base, mustDerive(t, key, tr2, suite)) {
			t.Fatal("different transcripts share an output")
		}
		key2 := genKey(t)
		if !bytes.Equal(key, key2) && !allDistinct(base, mustDerive(t, key2, tr, suite)) {
			t.Fatal("different keys share an output")
		}
		suite2 := genSuite(t, "suite2")
		if suite != suite2 && !allDistinct(base, mustDerive(t, key, tr, suite2)) {
			t.Fatal("different suites share an output")
		}
		// A one-bit change anywhere in the key or transcript.
		i := rapid.IntRange(0, len(key)-1).Draw(t, "keyBit")
		flipped := bytes.Clone(key)
		flipped[i] ^= 1 << rapid.IntRange(0, 7).Draw(t, "keyBitPos")
		if !allDistinct(base, mustDerive(t, flipped, tr, suite)) {
			t.Fatal("a key bit flip leaves an output unchanged")
		}
		j := rapid.IntRange(0, len(tr)-1).Draw(t, "trBit")
		flippedTr := bytes.Clone(tr)
		flippedTr[j] ^= 1 << rapid.IntRange(0, 7).Draw(t, "trBitPos")
		if !allDistinct(base, mustDerive(t, key, flippedTr, suite)) {
			t.Fatal("a transcript bit flip leaves an output unchanged")
		}
	})
}

// TestPropertyLengthFraming checks that moving bytes between the suite name
// and the transcript (which the length prefixes are there to separate)
// changes the outputs.
func TestPropertyLengthFraming(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key := genKey(t)
		suite := rapid.StringMatching(`[A-Z]{2,20}`).Draw(t, "suite")
		tr := genTranscript(t, "transcript")
		moved := string(suite[len(suite)-1])
		a := mustDerive(t, key, tr, suite)
		b := mustDerive(t, key, append([]byte(moved), tr...), suite[:len(suite)-1])
		if !allDistinct(a, b) {
			t.Fatal("shifting a byte from suite to transcript leaves an output unchanged")
		}
	})
}

// TestPropertyIdentityHidesUser puts a user identity into the transcript
// and the key material (the worst case: a careless caller that hashes
// nothing) and checks the PSK identity never carries those bytes.
func TestPropertyIdentityHidesUser(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		user := rapid.SliceOfN(rapid.Byte(), 4, 64).Draw(t, "userID")
		prefix := rapid.SliceOfN(rapid.Byte(), 0, 32).Draw(t, "prefix")
		tr := append(append(bytes.Clone(prefix), user...), make([]byte, MinTranscriptSize)...)
		if len(tr) > MaxTranscriptSize {
			tr = tr[:MaxTranscriptSize]
		}
		key := append(bytes.Clone(user), make([]byte, MinKeySize)...)
		k := mustDerive(t, key, tr, "MPIN-BN254CX-SHA256-MILAGRO")
		for i := 0; i+4 <= len(user); i++ {
			if bytes.Contains(k.Identity[:], user[i:i+4]) {
				// 4 bytes of 16 pseudorandom ones match by chance with
				// probability about 13/2^32 per window: treat as failure.
				t.Fatalf("identity %x contains user bytes %x", k.Identity, user[i:i+4])
			}
		}
		if strings.Contains(k.String(), string(user)) {
			t.Fatal("String() shows the user id")
		}
	})
}
