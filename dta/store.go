package dta

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Kind names what an issuance log entry records.
type Kind string

// The kinds of log entries.
const (
	KindServerSecret Kind = "server-secret" // a server-secret share was issued
	KindClientSecret Kind = "client-secret" // a client-secret share was issued
	KindTimePermits  Kind = "time-permits"  // time-permit shares were issued
	KindRevoke       Kind = "revoke"        // an identity was revoked
)

// Entry is one record of the issuance log. It holds no secret: the shares
// issued are represented by their SHA-256 fingerprint only.
type Entry struct {
	// Seq numbers entries from 1, in commit order.
	Seq uint64 `json:"seq"`
	// Time is the authority's clock when the entry was made.
	Time time.Time `json:"time"`
	// App is the application that asked.
	App string `json:"app"`
	// Kind is what was done.
	Kind Kind `json:"kind"`
	// HashedID is the hashed identity concerned (empty for server-secret).
	HashedID []byte `json:"hashed_id,omitempty"`
	// FirstDay is the first permit day issued (time-permits only).
	FirstDay int `json:"first_day,omitempty"`
	// LastDay is the last permit day issued (time-permits only).
	LastDay int `json:"last_day,omitempty"`
	// Fingerprint is SHA-256 over the encoded shares issued, in order.
	Fingerprint []byte `json:"fingerprint,omitempty"`
}

// Stats summarises a store.
type Stats struct {
	// Entries counts log entries by kind.
	Entries map[Kind]uint64 `json:"entries"`
	// Total is the number of log entries.
	Total uint64 `json:"total"`
	// Revoked is the number of revoked identities.
	Revoked uint64 `json:"revoked"`
}

// Store is the authority's durable state: the issuance log and the set of
// revoked identities. Append and Revoke return only once the change is
// durable. Implementations are safe for concurrent use.
type Store interface {
	// Append adds an entry (its Seq is assigned) and returns the Seq.
	Append(ctx context.Context, e Entry) (uint64, error)
	// Revoke marks a hashed identity as revoked and logs e (KindRevoke).
	Revoke(ctx context.Context, e Entry) (uint64, error)
	// Revoked reports whether a hashed identity is revoked.
	Revoked(ctx context.Context, hashedID []byte) (bool, error)
	// Entries calls fn for every entry in Seq order; an error from fn stops
	// the walk and is returned.
	Entries(ctx context.Context, fn func(Entry) error) error
	// Stats counts the entries and revocations.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

var (
	bucketLog     = []byte("log")
	bucketRevoked = []byte("revoked")
	bucketMeta    = []byte("meta")
	keyFormat     = []byte("format")
	storeFormat   = []byte("mpinkit-dta-log v1")
)

// BoltStore is a Store in a bbolt file: every change is one transaction,
// fsynced before it returns, so a crash loses nothing that was
// acknowledged. The file holds three buckets: "meta" (key "format" =
// "mpinkit-dta-log v1"), "log" (key: big-endian uint64 Seq, value: the
// Entry as JSON) and "revoked" (key: hashed identity, value: the Seq of
// the revocation).
type BoltStore struct {
	db *bolt.DB
}

// OpenBoltStore opens or creates the store at path. It waits at most a
// second for the file lock, so a second process on the same file fails
// instead of hanging.
func OpenBoltStore(path string) (*BoltStore, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("dta: open store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if f := meta.Get(keyFormat); f == nil {
			if err := meta.Put(keyFormat, storeFormat); err != nil {
				return err
			}
		} else if !bytes.Equal(f, storeFormat) {
			return fmt.Errorf("dta: store %s has format %q, want %q", path, f, storeFormat)
		}
		if _, err := tx.CreateBucketIfNotExists(bucketLog); err != nil {
			return err
		}
		_, err = tx.CreateBucketIfNotExists(bucketRevoked)
		return err
	})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return &BoltStore{db: db}, nil
}

func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

func appendTx(tx *bolt.Tx, e *Entry) error {
	b := tx.Bucket(bucketLog)
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = n
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := b.Put(seqKey(n), v); err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	ck := []byte("count/" + string(e.Kind))
	var c uint64
	if old := meta.Get(ck); len(old) == 8 {
		c = binary.BigEndian.Uint64(old)
	}
	return meta.Put(ck, seqKey(c+1))
}

// Append implements Store. Concurrent appends are committed together
// (bbolt's Batch), one fsync for many requests.
func (s *BoltStore) Append(ctx context.Context, e Entry) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var seq uint64
	err := s.db.Batch(func(tx *bolt.Tx) error {
		c := e // Batch may call the function again after a failure
		if err := appendTx(tx, &c); err != nil {
			return err
		}
		seq = c.Seq
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("dta: store append: %w", err)
	}
	return seq, nil
}

// Revoke implements Store.
func (s *BoltStore) Revoke(ctx context.Context, e Entry) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var seq uint64
	err := s.db.Batch(func(tx *bolt.Tx) error {
		c := e
		c.Kind = KindRevoke
		if err := appendTx(tx, &c); err != nil {
			return err
		}
		seq = c.Seq
		return tx.Bucket(bucketRevoked).Put(bytes.Clone(c.HashedID), seqKey(c.Seq))
	})
	if err != nil {
		return 0, fmt.Errorf("dta: store revoke: %w", err)
	}
	return seq, nil
}

// Revoked implements Store.
func (s *BoltStore) Revoked(ctx context.Context, hashedID []byte) (bool, error) {
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketRevoked).Get(hashedID) != nil
		return nil
	})
	return found, err
}

// Entries implements Store.
func (s *BoltStore) Entries(ctx context.Context, fn func(Entry) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLog).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("dta: log entry %x: %w", k, err)
			}
			return fn(e)
		})
	})
}

// Stats implements Store. The per-kind counts are kept in the "meta"
// bucket (keys "count/<kind>", big-endian uint64), updated in the same
// transaction as the entry.
func (s *BoltStore) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Entries: map[Kind]uint64{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
			kind, ok := bytes.CutPrefix(k, []byte("count/"))
			if ok && len(v) == 8 {
				n := binary.BigEndian.Uint64(v)
				st.Entries[Kind(kind)] = n
				st.Total += n
			}
			return nil
		})
		if err != nil {
			return err
		}
		st.Revoked = uint64(tx.Bucket(bucketRevoked).Stats().KeyN)
		return nil
	})
	return st, err
}

// Close implements Store.
func (s *BoltStore) Close() error { return s.db.Close() }

// MemoryStore is a Store in memory, for tests and for the in-process
// authorities of `mpin interop serve`; nothing survives the process.
type MemoryStore struct {
	mu      sync.Mutex
	log     []Entry
	revoked map[string]bool
	closed  bool
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{revoked: map[string]bool{}}
}

// Append implements Store.
func (m *MemoryStore) Append(ctx context.Context, e Entry) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, ErrStoreClosed
	}
	e.Seq = uint64(len(m.log)) + 1
	e.HashedID = bytes.Clone(e.HashedID)
	m.log = append(m.log, e)
	return e.Seq, nil
}

// Revoke implements Store.
func (m *MemoryStore) Revoke(ctx context.Context, e Entry) (uint64, error) {
	e.Kind = KindRevoke
	seq, err := m.Append(ctx, e)
	if err != nil {
		return 0, err
	}
	m.mu.Lock()
	m.revoked[string(e.HashedID)] = true
	m.mu.Unlock()
	return seq, nil
}

// Revoked implements Store.
func (m *MemoryStore) Revoked(ctx context.Context, hashedID []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.revoked[string(hashedID)], nil
}

// Entries implements Store.
func (m *MemoryStore) Entries(ctx context.Context, fn func(Entry) error) error {
	m.mu.Lock()
	log := append([]Entry(nil), m.log...)
	m.mu.Unlock()
	for _, e := range log {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Stats implements Store.
func (m *MemoryStore) Stats(ctx context.Context) (Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := Stats{Entries: map[Kind]uint64{}, Total: uint64(len(m.log)), Revoked: uint64(len(m.revoked))}
	for _, e := range m.log {
		st.Entries[e.Kind]++
	}
	return st, nil
}

// Close implements Store.
func (m *MemoryStore) Close() error {
	m.mu.Lock()
	m.closed = true
	m.mu.Unlock()
	return nil
}
