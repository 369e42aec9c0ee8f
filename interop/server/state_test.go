package server

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
)

func TestMemoryChallengeStore(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryChallengeStore(3)
	t0 := fixedNow
	put := func(b byte, at time.Time) error {
		return s.Put(ctx, SessionID{b}, &Challenge{Issued: at, Y: []byte{b}}, at.Add(time.Minute))
	}
	for b := byte(1); b <= 3; b++ {
		if err := put(b, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := put(4, t0); !errors.Is(err, ErrStoreFull) {
		t.Fatalf("fourth session in a store of three: %v", err)
	}
	c, err := s.Take(ctx, SessionID{1}, t0.Add(time.Second))
	if err != nil || c.Y[0] != 1 {
		t.Fatalf("Take: %v %v", c, err)
	}
	if _, err := s.Take(ctx, SessionID{1}, t0.Add(time.Second)); !errors.Is(err, ErrSessionUnknown) {
		t.Fatalf("second Take: %v", err)
	}
	if _, err := s.Take(ctx, SessionID{2}, t0.Add(time.Minute)); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("Take at expiry: %v", err)
	}
	// Long after: a Put sweeps the expired sessions, so the store has room.
	later := t0.Add(10 * time.Minute)
	for b := byte(5); b <= 7; b++ {
		if err := put(b, later); err != nil {
			t.Fatalf("Put after expiry: %v", err)
		}
	}
	if n := s.Len(); n != 3 {
		t.Fatalf("%d sessions held, want 3", n)
	}
}

func TestMemoryReplayStore(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryReplayStore(2)
	ok, err := s.Reserve(ctx, "a", fixedNow.Add(time.Minute), fixedNow)
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, _ := s.Reserve(ctx, "a", fixedNow.Add(time.Minute), fixedNow); ok {
		t.Fatal("a key reserved twice")
	}
	s.Release(ctx, "a")
	if ok, _ := s.Reserve(ctx, "a", fixedNow.Add(time.Minute), fixedNow); !ok {
		t.Fatal("released key still held")
	}
	s.Reserve(ctx, "b", fixedNow.Add(time.Minute), fixedNow)
	if _, err := s.Reserve(ctx, "c", fixedNow.Add(time.Minute), fixedNow); !errors.Is(err, ErrStoreFull) {
		t.Fatalf("full store: %v", err)
	}
	if ok, err := s.Reserve(ctx, "a", fixedNow.Add(3*time.Minute), fixedNow.Add(2*time.Minute)); !ok || err != nil {
		t.Fatalf("after expiry: %v %v", ok, err)
	}
}

func TestChannelTable(t *testing.T) {
	now := fixedNow
	tab := newChannelTable(2, func() time.Time { return now })
	var k1, k2, k3 channel.Keys
	k1.Identity[0], k2.Identity[0], k3.Identity[0] = 1, 2, 3
	k1.PSK[0] = 9
	if !tab.add(k1, now.Add(time.Minute)) || !tab.add(k2, now.Add(time.Minute)) {
		t.Fatal("add")
	}
	if tab.add(k3, now.Add(time.Minute)) {
		t.Fatal("a full table took more keys")
	}
	if got, ok := tab.lookup(k1.Identity[:]); !ok || got.PSK[0] != 9 {
		t.Fatal("lookup")
	}
	if _, ok := tab.lookup([]byte{1}); ok {
		t.Fatal("short identity found")
	}
	now = now.Add(time.Minute)
	if _, ok := tab.lookup(k1.Identity[:]); ok {
		t.Fatal("expired keys found")
	}
	if !tab.add(k3, now.Add(time.Minute)) {
		t.Fatal("expired keys were not swept")
	}
}
