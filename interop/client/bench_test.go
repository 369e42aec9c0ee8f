package client

import (
	"context"
	"testing"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// BenchmarkFullLoginTLS measures one M-Pin Full login followed by a
// TLS-PSK channel with one echo, client and server in this process (so
// the time is both sides'; bench/load separates them).
func BenchmarkFullLoginTLS(b *testing.B) {
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		b.Run(suite, func(b *testing.B) {
			ctx := context.Background()
			st := startStack(b, suite, nil)
			cr, err := st.c.Register(ctx, suite, []byte("bench"), pin)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				l, err := st.c.Login(ctx, cr, pin, Full)
				if err != nil {
					b.Fatal(err)
				}
				ch, err := l.Open(ctx, TLSPSK)
				if err != nil {
					b.Fatal(err)
				}
				if err := ch.Echo([]byte("x")); err != nil {
					b.Fatal(err)
				}
				ch.Close()
			}
		})
	}
}
