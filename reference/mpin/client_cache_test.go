package mpin

import (
	"errors"
	"testing"
)

// TestPermitCache checks that the client's cache of its last permit never
// serves a stale one: logins alternate between two days' permits (each
// must pass on its own day and fail on the other), and a corrupted permit
// is rejected even right after the good one was cached.
func TestPermitCache(t *testing.T) {
	for _, p := range Profiles() {
		t.Run(p.Name(), func(t *testing.T) {
			rng := seeded(41)
			a := newAuthority(t, p, rng, 2)
			id := []byte("cache@example.com")
			c := a.register(t, id, 4321)
			s := a.server(t, ServerConfig{TimePermits: true})
			today, yesterday := a.permit(t, id, testDay), a.permit(t, id, testDay-1)
			for i := range 4 {
				if err := login(t, rng, c, s, 4321, today, testNow); err != nil {
					t.Fatalf("round %d, today's permit: %v", i, err)
				}
				if err := login(t, rng, c, s, 4321, yesterday, testNow); !errors.Is(err, ErrExpiredPermit) {
					t.Fatalf("round %d, yesterday's permit today: %v", i, err)
				}
				if err := login(t, rng, c, s, 4321, yesterday, testNow-SecondsPerDay); err != nil {
					t.Fatalf("round %d, yesterday's permit yesterday: %v", i, err)
				}
			}
			// Same day, other point: the cache is keyed by the point too.
			wrong := &TimePermit{Day: testDay, Point: yesterday.Point}
			if err := login(t, rng, c, s, 4321, wrong, testNow); err == nil {
				t.Fatal("a permit of another day was accepted under today's")
			}
			bad := &TimePermit{Day: testDay, Point: flip(today.Point, len(today.Point)-1, 1)}
			if _, err := c.Pass1(rng, 4321, bad); err == nil {
				t.Fatal("a corrupted permit was accepted after a good one was cached")
			}
			if err := login(t, rng, c, s, 4321, today, testNow); err != nil {
				t.Fatalf("today's permit after a bad one: %v", err)
			}
		})
	}
}
