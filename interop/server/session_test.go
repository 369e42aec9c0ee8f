package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// jsonStore is a ChallengeStore that keeps Challenges serialised, as a
// store shared between replicas would: pass 2 gets a Challenge without
// pass 1's in-process session and must rebuild it.
type jsonStore struct {
	mu   sync.Mutex
	m    map[SessionID][]byte
	puts int
}

func (s *jsonStore) Put(_ context.Context, id SessionID, c *Challenge, _ time.Time) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[id] = b
	s.puts++
	return nil
}

func (s *jsonStore) Take(_ context.Context, id SessionID, _ time.Time) (*Challenge, error) {
	s.mu.Lock()
	b, ok := s.m[id]
	delete(s.m, id)
	s.mu.Unlock()
	if !ok {
		return nil, ErrSessionUnknown
	}
	c := new(Challenge)
	if err := json.Unmarshal(b, c); err != nil {
		return nil, err
	}
	return c, nil
}

// TestSerialisedChallenges runs two-pass and M-Pin Full logins, right and
// wrong PIN, through a store that serialises Challenges, and through the
// memory store: the same outcomes, and in Full the client's channel keys.
func TestSerialisedChallenges(t *testing.T) {
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		for _, serialised := range []bool{false, true} {
			name := suite + "/memory"
			if serialised {
				name = suite + "/serialised"
			}
			t.Run(name, func(t *testing.T) {
				store := &jsonStore{m: map[SessionID][]byte{}}
				f := newFx(t, suite, true, func(c *Config) {
					c.MaxPINFailures = -1
					if serialised {
						c.Challenges = store
					}
				})
				for _, full := range []bool{false, true} {
					for _, pin := range []int{testPIN, testPIN + 5} {
						sess, r1 := f.pass1(t, pin, full)
						y := unhexT(t, r1.Y)
						var v, key, w []byte
						var err error
						if full {
							w = unhexT(t, r1.KeyShare)
							v, key, err = sess.FullPass2(y, w)
						} else {
							v, err = sess.Pass2(y)
						}
						if err != nil {
							t.Fatal(err)
						}
						var r2 LoginResponse
						code, eb := f.post(t, PathPass2, Pass2Request{Suite: suite, Session: r1.Session, V: h(v)}, &r2)
						o := f.nextOutcome(t)
						if pin != testPIN {
							if code != http.StatusUnauthorized || eb.Error != "BAD_PIN" || o.Delta != 5 {
								t.Fatalf("full %v, wrong PIN: %d %+v %+v", full, code, eb, o)
							}
							continue
						}
						if code != 200 || r2.Full != full {
							t.Fatalf("full %v: %d %+v", full, code, eb)
						}
						if !full {
							continue
						}
						m := sess.Message()
						tr := Transcript{Suite: suite, ID: m.ID, U: m.U, UT: m.UT, Day: m.Day, R: sess.R(), W: w, Y: y, V: v}
						keys, err := tr.ChannelKeys(key)
						if err != nil {
							t.Fatal(err)
						}
						if got, ok := f.s.chans.lookup(keys.Identity[:]); !ok || got != keys {
							t.Fatal("client and server channel keys differ")
						}
					}
				}
				if serialised && store.puts != 4 {
					t.Fatalf("%d sessions went through the serialising store", store.puts)
				}
			})
		}
	}
}

// TestMemoryStoreKeepsAndWipesSessions checks that the memory store keeps
// pass 1's session and that expiry erases w.
func TestMemoryStoreKeepsAndWipesSessions(t *testing.T) {
	f := newFx(t, mpin.BLS12381Modern, false, nil)
	store := f.s.cfg.Challenges.(*MemoryChallengeStore)
	_, r1 := f.pass1(t, testPIN, true)
	var held *Challenge
	store.mu.Lock()
	for _, e := range store.m {
		held = e.c
	}
	store.mu.Unlock()
	if held == nil || held.sess == nil || !held.sess.Full() || len(held.W) == 0 {
		t.Fatal("the memory store does not hold pass 1's session")
	}
	if !bytes.Equal(held.sess.KeyShare(), unhexT(t, r1.KeyShare)) {
		t.Fatal("the held session answered another W")
	}
	// Long after expiry, the next pass 1 sweeps the session and erases w.
	f.clk.add(time.Hour)
	f.pass1(t, testPIN, false)
	if held.sess != nil || !bytes.Equal(held.W, make([]byte, len(held.W))) {
		t.Fatal("an expired session kept w")
	}
	var r2 LoginResponse
	if code, eb := f.post(t, PathPass2, Pass2Request{Suite: f.p.Name(), Session: r1.Session, V: h(make([]byte, 97))}, &r2); code != http.StatusConflict || eb.Error != "REPLAY" {
		t.Fatalf("pass 2 of a swept session: %d %+v", code, eb)
	}
}
