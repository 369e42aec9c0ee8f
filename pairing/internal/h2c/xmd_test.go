package h2c

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// The messages used throughout RFC 9380, Appendix K.
var rfcMessages = []string{
	"",
	"abc",
	"abcdef0123456789",
	"q128_" + strings.Repeat("q", 128),
	"a512_" + strings.Repeat("a", 512),
}

type xmdVector struct {
	msg     int // index into rfcMessages
	outLen  int
	uniform string
}

// RFC 9380, Appendix K.1: expand_message_xmd(SHA-256) with
// DST = "QUUX-V01-CS02-with-expander-SHA256-128".
var xmdShortDST = []xmdVector{
	{0, 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"},
	{1, 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"},
	{2, 0x20, "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1"},
	{3, 0x20, "b23a1d2b4d97b2ef7785562a7e8bac7eed54ed6e97e29aa51bfe3f12ddad1ff9"},
	{4, 0x20, "4623227bcc01293b8c130bf771da8c298dede7383243dc0993d2d94823958c4c"},
	{0, 0x80, "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced"},
	{1, 0x80, "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a647e6c3163d40b76a73cf6a5674ef1d890f95b664ee0afa5359a5c4e07985635bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40"},
	{2, 0x80, "ef904a29bffc4cf9ee82832451c946ac3c8f8058ae97d8d629831a74c6572bd9ebd0df635cd1f208e2038e760c4994984ce73f0d55ea9f22af83ba4734569d4bc95e18350f740c07eef653cbb9f87910d833751825f0ebefa1abe5420bb52be14cf489b37fe1a72f7de2d10be453b2c9d9eb20c7e3f6edc5a60629178d9478df"},
	{3, 0x80, "80be107d0884f0d881bb460322f0443d38bd222db8bd0b0a5312a6fedb49c1bbd88fd75d8b9a09486c60123dfa1d73c1cc3169761b17476d3c6b7cbbd727acd0e2c942f4dd96ae3da5de368d26b32286e32de7e5a8cb2949f866a0b80c58116b29fa7fabb3ea7d520ee603e0c25bcaf0b9a5e92ec6a1fe4e0391d1cdbce8c68a"},
	{4, 0x80, "546aff5444b5b79aa6148bd81728704c32decb73a3ba76e9e75885cad9def1d06d6792f8a7d12794e90efed817d96920d728896a4510864370c207f99bd4a608ea121700ef01ed879745ee3e4ceef777eda6d9e5e38b90c86ea6fb0b36504ba4a45d22e86f6db5dd43d98a294bebb9125d5b794e9d2a81181066eb954966a487"},
}

// RFC 9380, Appendix K.1, second group: the same expander with a 256-byte
// tag, which is hashed down by the oversize-DST rule of section 5.3.3.
var xmdLongDST = []xmdVector{
	{0, 0x20, "e8dc0c8b686b7ef2074086fbdd2f30e3f8bfbd3bdf177f73f04b97ce618a3ed3"},
	{1, 0x20, "52dbf4f36cf560fca57dedec2ad924ee9c266341d8f3d6afe5171733b16bbb12"},
	{2, 0x20, "35387dcf22618f3728e6c686490f8b431f76550b0b2c61cbc1ce7001536f4521"},
	{3, 0x20, "01b637612bb18e840028be900a833a74414140dde0c4754c198532c3a0ba42bc"},
	{4, 0x20, "20cce7033cabc5460743180be6fa8aac5a103f56d481cf369a8accc0c374431b"},
	{0, 0x80, "14604d85432c68b757e485c8894db3117992fc57e0e136f71ad987f789a0abc287c47876978e2388a02af86b1e8d1342e5ce4f7aaa07a87321e691f6fba7e0072eecc1218aebb89fb14a0662322d5edbd873f0eb35260145cd4e64f748c5dfe60567e126604bcab1a3ee2dc0778102ae8a5cfd1429ebc0fa6bf1a53c36f55dfc"},
	{1, 0x80, "1a30a5e36fbdb87077552b9d18b9f0aee16e80181d5b951d0471d55b66684914aef87dbb3626eaabf5ded8cd0686567e503853e5c84c259ba0efc37f71c839da2129fe81afdaec7fbdc0ccd4c794727a17c0d20ff0ea55e1389d6982d1241cb8d165762dbc39fb0cee4474d2cbbd468a835ae5b2f20e4f959f56ab24cd6fe267"},
	{2, 0x80, "d2ecef3635d2397f34a9f86438d772db19ffe9924e28a1caf6f1c8f15603d4028f40891044e5c7e39ebb9b31339979ff33a4249206f67d4a1e7c765410bcd249ad78d407e303675918f20f26ce6d7027ed3774512ef5b00d816e51bfcc96c3539601fa48ef1c07e494bdc37054ba96ecb9dbd666417e3de289d4f424f502a982"},
	{3, 0x80, "ed6e8c036df90111410431431a232d41a32c86e296c05d426e5f44e75b9a50d335b2412bc6c91e0a6dc131de09c43110d9180d0a70f0d6289cb4e43b05f7ee5e9b3f42a1fad0f31bac6a625b3b5c50e3a83316783b649e5ecc9d3b1d9471cb5024b7ccf40d41d1751a04ca0356548bc6e703fca02ab521b505e8e45600508d32"},
	{4, 0x80, "78b53f2413f3c688f07732c10e5ced29a17c6a16f717179ffbe38d92d6c9ec296502eb9889af83a1928cd162e845b0d3c5424e83280fed3d10cffb2f8431f14e7a23f4c68819d40617589e4c41169d0b56e0e3535be1fd71fbb08bb70c5b5ffed953d6c14bf7618b35fc1f4c4b30538236b4b08c9fbf90462447a8ada60be495"},
}

const shortDST = "QUUX-V01-CS02-with-expander-SHA256-128"

var longDST = "QUUX-V01-CS02-with-expander-SHA256-128-long-DST-" + strings.Repeat("1", 208)

func runXMDVectors(t *testing.T, dst string, vs []xmdVector) {
	t.Helper()
	for i, v := range vs {
		want, err := hex.DecodeString(v.uniform)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]byte, v.outLen)
		if err := ExpandMessageXMD(out, []byte(rfcMessages[v.msg]), []byte(dst)); err != nil {
			t.Fatalf("vector %d: %v", i, err)
		}
		if !bytes.Equal(out, want) {
			t.Errorf("vector %d (msg %q..., len %#x):\n got %x\nwant %x", i,
				truncate(rfcMessages[v.msg]), v.outLen, out, want)
		}
	}
}

func truncate(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

func TestExpandMessageXMDVectors(t *testing.T) {
	runXMDVectors(t, shortDST, xmdShortDST)
}

func TestExpandMessageXMDLongDSTVectors(t *testing.T) {
	if len(longDST) != 256 {
		t.Fatalf("long tag has %d bytes, want 256", len(longDST))
	}
	// DST_prime from the RFC for this group: the hashed tag and its length.
	wantPrime := "412717974da474d0f8c420f320ff81e8432adb7c927d9bd082b4fb4d16c0a236" + "20"
	h := sha256.Sum256([]byte(oversizePrefix + longDST))
	if got := hex.EncodeToString(append(h[:], byte(len(h)))); got != wantPrime {
		t.Fatalf("DST_prime = %s, want %s", got, wantPrime)
	}
	runXMDVectors(t, longDST, xmdLongDST)
}

func TestExpandMessageXMDErrors(t *testing.T) {
	out := make([]byte, MaxXMDOutput+1)
	if err := ExpandMessageXMD(out, nil, []byte("tag")); !errors.Is(err, ErrOutputTooLong) {
		t.Fatalf("oversized output: err = %v, want ErrOutputTooLong", err)
	}
	for _, b := range out {
		if b != 0 {
			t.Fatal("output written on error")
		}
	}
	if err := ExpandMessageXMD(out[:MaxXMDOutput], nil, []byte("tag")); err != nil {
		t.Fatalf("maximal output: %v", err)
	}
	if err := ExpandMessageXMD(nil, []byte("m"), []byte("tag")); err != nil {
		t.Fatalf("empty output: %v", err)
	}
	// Oversized tags are not an error: they are hashed down.
	if err := ExpandMessageXMD(make([]byte, 32), nil, make([]byte, 1000)); err != nil {
		t.Fatalf("long tag: %v", err)
	}
}

// naiveXMD transcribes RFC 9380, section 5.3.1, by building every hash input
// as one byte string: a second code path for the property test.
func naiveXMD(msg, dst []byte, n int) []byte {
	if len(dst) > 255 {
		d := sha256.Sum256(append([]byte("H2C-OVERSIZE-DST-"), dst...))
		dst = d[:]
	}
	dstPrime := append(append([]byte{}, dst...), byte(len(dst)))
	ell := (n + 31) / 32
	var in []byte
	in = append(in, make([]byte, 64)...)
	in = append(in, msg...)
	in = append(in, byte(n>>8), byte(n), 0)
	in = append(in, dstPrime...)
	b0 := sha256.Sum256(in)
	b := sha256.Sum256(append(append(append([]byte{}, b0[:]...), 1), dstPrime...))
	out := append([]byte{}, b[:]...)
	for i := 2; i <= ell; i++ {
		var x [32]byte
		for j := range x {
			x[j] = b0[j] ^ b[j]
		}
		b = sha256.Sum256(append(append(x[:], byte(i)), dstPrime...))
		out = append(out, b[:]...)
	}
	return out[:n]
}

func TestExpandMessageXMDMatchesNaive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		msg := rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "msg")
		dst := rapid.SliceOfN(rapid.Byte(), 0, 400).Draw(t, "dst")
		n := rapid.IntRange(0, MaxXMDOutput).Draw(t, "n")
		out := make([]byte, n)
		if err := ExpandMessageXMD(out, msg, dst); err != nil {
			t.Fatal(err)
		}
		if want := naiveXMD(msg, dst, n); !bytes.Equal(out, want) {
			t.Fatalf("mismatch:\n got %x\nwant %x", out, want)
		}
	})
}

func TestExpandMessageXMDDomainSeparation(t *testing.T) {
	msg := []byte("alice@example.com")
	var a, b, c [64]byte
	_ = ExpandMessageXMD(a[:], msg, []byte("DST-A"))
	_ = ExpandMessageXMD(b[:], msg, []byte("DST-B"))
	_ = ExpandMessageXMD(c[:], msg, []byte("DST-A"))
	if a == b {
		t.Error("different tags gave the same output")
	}
	if a != c {
		t.Error("expansion is not deterministic")
	}
	// The output length is bound into the result: a shorter request is not a
	// prefix of a longer one.
	var short [32]byte
	_ = ExpandMessageXMD(short[:], msg, []byte("DST-A"))
	if bytes.Equal(short[:], a[:32]) {
		t.Error("32-byte output is a prefix of the 64-byte output")
	}
}

func TestFieldElementLength(t *testing.T) {
	bls, _ := new(big.Int).SetString("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16)
	bn, _ := new(big.Int).SetString("2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3", 16)
	if got := FieldElementLength(bls, 128); got != 64 {
		t.Errorf("BLS12-381: L = %d, want 64", got)
	}
	if got := FieldElementLength(bn, 128); got != 48 {
		t.Errorf("BN254CX: L = %d, want 48", got)
	}
	// A power of two: ceil(log2 2^8) = 8, so L = (8+8)/8 = 2.
	if got := FieldElementLength(big.NewInt(256), 8); got != 2 {
		t.Errorf("p = 2^8: L = %d, want 2", got)
	}
	if FieldElementLength(big.NewInt(1), 128) != 0 || FieldElementLength(nil, 128) != 0 ||
		FieldElementLength(bls, -1) != 0 {
		t.Error("bad inputs should give 0")
	}
}

func TestHashToFieldLayout(t *testing.T) {
	msg, dst := []byte("abc"), []byte("QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_")
	const count, m, L = 2, 2, 64
	whole := make([]byte, count*m*L)
	if err := ExpandMessageXMD(whole, msg, dst); err != nil {
		t.Fatal(err)
	}
	calls := 0
	err := HashToField(msg, dst, count, m, L, func(i, j int, b []byte) {
		off := L * (j + i*m)
		if off != calls*L {
			t.Errorf("call %d got (%d,%d): out of order", calls, i, j)
		}
		if !bytes.Equal(b, whole[off:off+L]) {
			t.Errorf("(%d,%d): wrong bytes", i, j)
		}
		calls++
	})
	if err != nil || calls != count*m {
		t.Fatalf("err = %v, calls = %d", err, calls)
	}
	noop := func(int, int, []byte) {}
	for _, bad := range [][3]int{{0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {-1, 1, 1}} {
		if err := HashToField(msg, dst, bad[0], bad[1], bad[2], noop); !errors.Is(err, ErrBadParameters) {
			t.Errorf("%v: err = %v, want ErrBadParameters", bad, err)
		}
	}
	if err := HashToField(msg, dst, 1, 1, 1, nil); !errors.Is(err, ErrBadParameters) {
		t.Errorf("nil callback: err = %v", err)
	}
	if err := HashToField(msg, dst, 100, 2, 64, noop); !errors.Is(err, ErrOutputTooLong) {
		t.Errorf("too long: err = %v", err)
	}
	if err := HashToField(msg, dst, 2, 2000, 2000, noop); !errors.Is(err, ErrOutputTooLong) {
		t.Errorf("too long: err = %v", err)
	}
	if err := HashToField(msg, dst, 1<<30, 1<<30, 1<<30, noop); !errors.Is(err, ErrOutputTooLong) {
		t.Errorf("overflowing sizes: err = %v", err)
	}
	// A large request that does not fit the stack buffer still works.
	if err := HashToField(msg, dst, 10, 2, 64, noop); err != nil {
		t.Errorf("1280 bytes: %v", err)
	}
}
