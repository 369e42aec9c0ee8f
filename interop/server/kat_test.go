package server

import (
	"encoding/hex"
	"testing"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// Known answers of spec/interop.md section 4.6, computed independently
// with Python's hashlib and hmac from the definitions in the spec.
func TestInteropKnownAnswers(t *testing.T) {
	seq := func(a, n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(a + i)
		}
		return b
	}
	tr := Transcript{Suite: "MPIN-BN254CX-SHA256-MILAGRO", ID: []byte("alice@example.org"), U: seq(0x10, 65),
		R: seq(0x20, 65), W: seq(0x30, 65), Y: seq(0x40, 32), V: seq(0x50, 65)}
	th, err := tr.Hash()
	if err != nil {
		t.Fatal(err)
	}
	keys, err := tr.ChannelKeys(seq(0x60, 16))
	if err != nil {
		t.Fatal(err)
	}
	exp := seq(0x70, 32)
	for _, c := range []struct {
		name string
		got  []byte
		want string
	}{
		{"transcript hash", th, "cd64bc8ec266e0fa2c48713296b391b67582e9edd4c1a1e17f30f8f71147c37f"},
		{"PSK", keys.PSK[:], "083e33d64f95cb0c8f43172e566259c15068782276b6149dd7e6d07afec14ded"},
		{"identity", keys.Identity[:], "4247531ecf1698d8db08b23f60655d9b"},
		{"binding key", keys.Binding[:], "bb4c106b6d5151bf6f2eb96727bbb8919bccb9d3cde7fbae2856b096c5ee72a0"},
		{"client echo MAC", EchoMAC(keys.Binding, channel.RoleClient, 0, exp, []byte("hello")), "5a0b45018d82f567341866287ed92edbe8dfde9ac591161360e763e767690989"},
		{"server echo MAC", EchoMAC(keys.Binding, channel.RoleServer, 0, exp, []byte("hello")), "19501333bcf9f4b8711d58757475bf002c8417d30c7e0f48e34f2ec6dc5420db"},
	} {
		if hex.EncodeToString(c.got) != c.want {
			t.Errorf("%s = %x, want %s", c.name, c.got, c.want)
		}
	}
}
