package quicchan

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// FuzzReadOpening feeds arbitrary bytes to the server's parser of the
// client's opening message: it must not panic, must fail with ErrProtocol
// or succeed, and on success must consume exactly the message.
func FuzzReadOpening(f *testing.F) {
	good := append([]byte{openingVersion}, bytes.Repeat([]byte{0xaa}, channel.IdentitySize+channel.MACSize)...)
	f.Add(good, true)
	f.Add(append(good, "trailing data"...), true)
	f.Add([]byte{openingVersion}, false)
	f.Add([]byte{0x02}, false)
	f.Add([]byte{}, true)
	f.Add(good[:20], true)
	f.Fuzz(func(t *testing.T, data []byte, binding bool) {
		mode := ModePSK
		want := 1
		if binding {
			mode, want = ModeBinding, bindingOpeningSize
		}
		r := bytes.NewReader(data)
		id, mac, err := readOpening(r, mode)
		if err != nil {
			if !errors.Is(err, ErrProtocol) {
				t.Fatalf("error %v does not match ErrProtocol", err)
			}
			return
		}
		rest, _ := io.ReadAll(r)
		if len(data)-len(rest) != want {
			t.Fatalf("consumed %d bytes, want %d", len(data)-len(rest), want)
		}
		if binding && (!bytes.Equal(id, data[1:1+channel.IdentitySize]) || !bytes.Equal(mac, data[1+channel.IdentitySize:want])) {
			t.Fatal("fields do not match the input")
		}
		if !binding && (id != nil || mac != nil) {
			t.Fatal("PSK opening returned fields")
		}
	})
}
