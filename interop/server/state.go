package server

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/reference/channel"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// SessionIDSize is the length of a two-pass session ID.
const SessionIDSize = 16

// SessionID names a two-pass session: random, drawn by the server.
type SessionID [SessionIDSize]byte

// Challenge is the state of one two-pass login between its passes: what
// the client sent in pass 1 and what the server answered. W is the
// server's secret M-Pin Full scalar w and must be protected like a key by
// any store that keeps Challenges outside the process.
//
// The exported fields are the serialisable form: a store that keeps
// Challenges outside the process (a database shared by replicas) keeps
// them, and pass 2 rebuilds the M-Pin state from them with
// mpin.Server.ResumeSession, which decodes U, UT and R again with every
// check (subgroup membership included) and maps the identity again: such
// a store is not known to be the server's own, so what comes out of it is
// input. A store that keeps the *Challenge itself in this process, as
// MemoryChallengeStore does, also keeps the unexported session made in
// pass 1 (the decoded first pass, H*, y, w and W), and pass 2 then only
// decodes V, checks and derives the key.
type Challenge struct {
	Suite    string    // the suite string
	ID       []byte    // the identity
	U        []byte    // U as received
	UT       []byte    // UT as received, or nil
	Day      int       // the permit day as received, or 0
	Y        []byte    // the challenge y
	Full     bool      // an M-Pin Full run
	R        []byte    // the client's key share (Full)
	W        []byte    // the server's secret scalar w (Full; secret)
	KeyShare []byte    // the server's key share W = w H* (Full)
	Issued   time.Time // when pass 1 was answered: the server's "now"

	// sess is pass 1's M-Pin state, in process only; nil in a Challenge
	// that was serialised and read back. It holds w (secret).
	sess *mpin.ServerSession
}

// session returns the M-Pin state of c for pass 2: the one pass 1 made, or
// one rebuilt from the serialisable fields. Either way c no longer holds
// it.
func (c *Challenge) session(ms *mpin.Server) (*mpin.ServerSession, error) {
	if ss := c.sess; ss != nil {
		c.sess = nil
		return ss, nil
	}
	m := &mpin.Pass1{ID: c.ID, U: c.U, UT: c.UT, Day: c.Day}
	if !c.Full {
		return ms.ResumeSession(m, nil, c.Y, nil, nil)
	}
	return ms.ResumeSession(m, c.R, c.Y, c.W, c.KeyShare)
}

// wipe erases the secrets of c: w and the session holding it.
func (c *Challenge) wipe() {
	clear(c.W)
	if c.sess != nil {
		c.sess.Destroy()
		c.sess = nil
	}
}

// Errors of challenge stores. Both mean the same to the client: REPLAY
// (REQ-MPIN-7.6).
var (
	// ErrSessionUnknown reports a session the store does not hold: never
	// opened, or already answered.
	ErrSessionUnknown = errors.New("server: unknown or closed session")
	// ErrSessionExpired reports a session past its expiry.
	ErrSessionExpired = errors.New("server: session expired")
	// ErrStoreFull reports a store at its capacity.
	ErrStoreFull = errors.New("server: state store full")
)

// ChallengeStore keeps the open two-pass sessions. It is the seam that
// lets replicas of the server share their sessions (a store in a shared
// database): the server only ever puts a session once and takes it once.
// Implementations are safe for concurrent use.
type ChallengeStore interface {
	// Put files c under id until expires. It fails with ErrStoreFull when
	// the store cannot take more.
	Put(ctx context.Context, id SessionID, c *Challenge, expires time.Time) error
	// Take removes the session id and returns it, if it is held and not
	// past its expiry at now; otherwise it returns ErrSessionUnknown or
	// ErrSessionExpired. A session can be taken once.
	Take(ctx context.Context, id SessionID, now time.Time) (*Challenge, error)
}

// ReplayStore remembers accepted one-pass messages (REQ-MPIN-8.5).
// Implementations are safe for concurrent use.
type ReplayStore interface {
	// Reserve records key until the given time and reports true, or
	// reports false if key is already recorded and not past its time.
	Reserve(ctx context.Context, key string, until time.Time, now time.Time) (bool, error)
	// Release forgets key (a reserved message that then failed).
	Release(ctx context.Context, key string) error
}

// LockoutStore counts consecutive wrong PINs per identity (REQ-MPIN-10.5).
// Implementations are safe for concurrent use.
type LockoutStore interface {
	// Failures returns the current count for key.
	Failures(ctx context.Context, key string) (int, error)
	// Fail adds one to the count for key and returns the new count.
	Fail(ctx context.Context, key string) (int, error)
	// Reset sets the count for key to zero.
	Reset(ctx context.Context, key string) error
}

// expiring is a FIFO of keys with expiry times. Every store below files
// entries with a constant lifetime, so expiry order is insertion order
// and sweeping pops from the front.
type expiring[K comparable] struct {
	q    []expEntry[K]
	head int
}

type expEntry[K comparable] struct {
	key K
	exp time.Time
}

func (e *expiring[K]) push(k K, exp time.Time) { e.q = append(e.q, expEntry[K]{k, exp}) }

// sweep pops entries expired at now and calls drop for each.
func (e *expiring[K]) sweep(now time.Time, drop func(K, time.Time)) {
	for e.head < len(e.q) && !e.q[e.head].exp.After(now) {
		drop(e.q[e.head].key, e.q[e.head].exp)
		e.q[e.head] = expEntry[K]{}
		e.head++
	}
	if e.head > 1024 && e.head*2 > len(e.q) {
		e.q = append(e.q[:0:0], e.q[e.head:]...)
		e.head = 0
	}
}

// MemoryChallengeStore is the in-memory ChallengeStore: a map bounded in
// size, swept of expired sessions on every Put.
type MemoryChallengeStore struct {
	mu    sync.Mutex
	m     map[SessionID]memChallenge
	exp   expiring[SessionID]
	max   int
	grace time.Duration
}

type memChallenge struct {
	c       *Challenge
	expires time.Time
}

// NewMemoryChallengeStore returns a store of at most max sessions
// (max <= 0 means 1<<20). Expired sessions are kept a little longer so
// that a late answer is reported as expired rather than unknown.
func NewMemoryChallengeStore(max int) *MemoryChallengeStore {
	if max <= 0 {
		max = 1 << 20
	}
	return &MemoryChallengeStore{m: make(map[SessionID]memChallenge), max: max, grace: time.Minute}
}

// Put implements ChallengeStore. c.Issued is taken as the current time.
func (s *MemoryChallengeStore) Put(_ context.Context, id SessionID, c *Challenge, expires time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// c.Issued is the server's time now: sessions that expired more than
	// the grace before it are dropped.
	s.exp.sweep(c.Issued.Add(-s.grace), func(k SessionID, exp time.Time) {
		if e, ok := s.m[k]; ok && e.expires.Equal(exp) {
			e.c.wipe()
			delete(s.m, k)
		}
	})
	if len(s.m) >= s.max {
		return ErrStoreFull
	}
	s.m[id] = memChallenge{c: c, expires: expires}
	s.exp.push(id, expires)
	return nil
}

// Take implements ChallengeStore.
func (s *MemoryChallengeStore) Take(_ context.Context, id SessionID, now time.Time) (*Challenge, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	if !ok {
		return nil, ErrSessionUnknown
	}
	delete(s.m, id)
	if !now.Before(e.expires) {
		e.c.wipe()
		return nil, ErrSessionExpired
	}
	return e.c, nil
}

// Len returns the number of sessions held (expired ones not yet swept
// included).
func (s *MemoryChallengeStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// MemoryReplayStore is the in-memory ReplayStore, bounded in size.
type MemoryReplayStore struct {
	mu  sync.Mutex
	m   map[string]time.Time
	exp expiring[string]
	max int
}

// NewMemoryReplayStore returns a store of at most max keys (max <= 0 means
// 1<<20).
func NewMemoryReplayStore(max int) *MemoryReplayStore {
	if max <= 0 {
		max = 1 << 20
	}
	return &MemoryReplayStore{m: make(map[string]time.Time), max: max}
}

// Reserve implements ReplayStore.
func (s *MemoryReplayStore) Reserve(_ context.Context, key string, until, now time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.exp.sweep(now, func(k string, exp time.Time) {
		if t, ok := s.m[k]; ok && t.Equal(exp) {
			delete(s.m, k)
		}
	})
	if t, ok := s.m[key]; ok && t.After(now) {
		return false, nil
	}
	if len(s.m) >= s.max {
		return false, ErrStoreFull
	}
	s.m[key] = until
	s.exp.push(key, until)
	return true, nil
}

// Release implements ReplayStore.
func (s *MemoryReplayStore) Release(_ context.Context, key string) error {
	s.mu.Lock()
	delete(s.m, key)
	s.mu.Unlock()
	return nil
}

// MemoryLockoutStore is the in-memory LockoutStore. Only wrong PINs
// entered with a genuine token create entries, so it grows with the
// number of real users who mistype, and an OK or a re-registration
// removes the entry.
type MemoryLockoutStore struct {
	mu sync.Mutex
	m  map[string]int
}

// NewMemoryLockoutStore returns an empty store.
func NewMemoryLockoutStore() *MemoryLockoutStore {
	return &MemoryLockoutStore{m: make(map[string]int)}
}

// Failures implements LockoutStore.
func (s *MemoryLockoutStore) Failures(_ context.Context, key string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key], nil
}

// Fail implements LockoutStore.
func (s *MemoryLockoutStore) Fail(_ context.Context, key string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key]++
	return s.m[key], nil
}

// Reset implements LockoutStore.
func (s *MemoryLockoutStore) Reset(_ context.Context, key string) error {
	s.mu.Lock()
	delete(s.m, key)
	s.mu.Unlock()
	return nil
}

// channelTable holds the channel keys of recent M-Pin Full logins,
// indexed by PSK identity, each for a fixed lifetime. Bounded in size.
type channelTable struct {
	mu  sync.Mutex
	m   map[[channel.IdentitySize]byte]channelEntry
	exp expiring[[channel.IdentitySize]byte]
	max int
	now func() time.Time
}

type channelEntry struct {
	keys    channel.Keys
	expires time.Time
}

func newChannelTable(max int, now func() time.Time) *channelTable {
	return &channelTable{m: make(map[[channel.IdentitySize]byte]channelEntry), max: max, now: now}
}

func (t *channelTable) sweepLocked(now time.Time) {
	t.exp.sweep(now, func(k [channel.IdentitySize]byte, exp time.Time) {
		if e, ok := t.m[k]; ok && e.expires.Equal(exp) {
			e.keys.Wipe()
			delete(t.m, k)
		}
	})
}

// add files keys until expires; false when the table is full.
func (t *channelTable) add(keys channel.Keys, expires time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweepLocked(t.now())
	if len(t.m) >= t.max {
		return false
	}
	t.m[keys.Identity] = channelEntry{keys: keys, expires: expires}
	t.exp.push(keys.Identity, expires)
	return true
}

// lookup returns the keys filed under identity, if any and not expired.
func (t *channelTable) lookup(identity []byte) (channel.Keys, bool) {
	if len(identity) != channel.IdentitySize {
		return channel.Keys{}, false
	}
	var id [channel.IdentitySize]byte
	copy(id[:], identity)
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[id]
	if !ok || !t.now().Before(e.expires) {
		return channel.Keys{}, false
	}
	return e.keys, true
}

// wipe forgets every key.
func (t *channelTable) wipe() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k, e := range t.m {
		e.keys.Wipe()
		delete(t.m, k)
	}
	t.exp = expiring[[channel.IdentitySize]byte]{}
}
