package server

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/mpinkit/mpinkit/reference/channel"
)

// TranscriptLabel starts the login transcript hash.
const TranscriptLabel = "mpinkit interop v1 transcript"

// Transcript is what both ends of an M-Pin Full login saw, as sent on the
// wire (decoded from hex): the input of the channel key schedule.
type Transcript struct {
	Suite string // the suite string
	ID    []byte // the identity
	U     []byte // U
	UT    []byte // UT; nil when not sent
	Day   int    // the permit day; 0 when not sent
	R     []byte // the client's key share
	W     []byte // the server's key share
	Y     []byte // the challenge
	V     []byte // V
}

// Hash returns the 32-byte transcript hash
//
//	SHA-256(TranscriptLabel || lp(suite) || lp(ID) || lp(U) || lp(UT) || be32(day) || lp(R) || lp(W) || lp(y) || lp(V))
//
// with lp(x) = be16(len(x)) || x, UT empty and day 0 when they were not
// sent. Every field is at most 2048 octets; a longer one is an error.
func (t *Transcript) Hash() ([]byte, error) {
	h := sha256.New()
	h.Write([]byte(TranscriptLabel))
	var b [4]byte
	lp := func(x []byte) error {
		if len(x) > 2048 {
			return fmt.Errorf("transcript field of %d bytes", len(x))
		}
		binary.BigEndian.PutUint16(b[:2], uint16(len(x)))
		h.Write(b[:2])
		h.Write(x)
		return nil
	}
	for _, x := range [][]byte{[]byte(t.Suite), t.ID, t.U, t.UT} {
		if err := lp(x); err != nil {
			return nil, err
		}
	}
	if t.Day < 0 || t.Day > 1<<31-1 {
		return nil, fmt.Errorf("transcript day %d", t.Day)
	}
	binary.BigEndian.PutUint32(b[:], uint32(t.Day))
	h.Write(b[:])
	for _, x := range [][]byte{t.R, t.W, t.Y, t.V} {
		if err := lp(x); err != nil {
			return nil, err
		}
	}
	return h.Sum(nil), nil
}

// ChannelKeys runs the channel key schedule (reference/channel) on the
// M-Pin Full session key and this transcript.
func (t *Transcript) ChannelKeys(sessionKey []byte) (channel.Keys, error) {
	th, err := t.Hash()
	if err != nil {
		return channel.Keys{}, err
	}
	return channel.Derive(sessionKey, th, t.Suite)
}
