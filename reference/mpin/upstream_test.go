package mpin

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The upstream Milagro M-Pin known-answer tests (testdata/upstream), run
// through this package's API: every intermediate value byte for byte, and
// the server's verdict with the PIN error recovered.

const upstreamDir = "../../testdata/upstream"

// upstreamRecord is one record of any of the upstream files, in a common
// shape. Hex fields are compared as lower-case strings.
type upstreamRecord struct {
	n             int
	id            []byte
	hashedID      string // "" when the file has none
	ms1, ms2      []byte
	ss1, ss2, ss  string
	cs1, cs2, cs  string
	day           int // 0: no time permits
	tp1, tp2, tp  string
	pin1, pin2    int
	token         string
	x, y          []byte
	u, ut, sec, v string
	result        int // 0 accept, -19 bad PIN
}

// bnRecord is the schema of BN254_CX.json and MPIN_BN254CX.json.
type bnRecord struct {
	TestNo       int    `json:"test_no"`
	MPINIDHex    string `json:"MPIN_ID_HEX"`
	HashMPINID   string `json:"HASH_MPIN_ID_HEX"`
	MS1          string `json:"MS1"`
	MS2          string `json:"MS2"`
	SS1          string `json:"SS1"`
	SS2          string `json:"SS2"`
	ServerSecret string `json:"SERVER_SECRET"`
	CS1          string `json:"CS1"`
	CS2          string `json:"CS2"`
	ClientSecret string `json:"CLIENT_SECRET"`
	Date         int    `json:"DATE"`
	TP1          string `json:"TP1"`
	TP2          string `json:"TP2"`
	TimePermit   string `json:"TIME_PERMIT"`
	PIN1         int    `json:"PIN1"`
	PIN2         int    `json:"PIN2"`
	Token        string `json:"TOKEN"`
	X            string `json:"X"`
	Y            string `json:"Y"`
	U            string `json:"U"`
	UT           string `json:"UT"`
	SEC          string `json:"SEC"`
	V            string `json:"V"`
	ServerOutput *int   `json:"SERVER_OUTPUT"`
}

// blsRecord is the schema of BLS381.json.
type blsRecord struct {
	Test       int    `json:"TEST"`
	MPINID     string `json:"MPINId"`
	MS1        string `json:"MS1"`
	MS2        string `json:"MS2"`
	PIN1       int    `json:"PIN1"`
	PIN2       int    `json:"PIN2"`
	SS1        string `json:"SS1"`
	SS2        string `json:"SS2"`
	SS         string `json:"SS"`
	CS1        string `json:"CS1"`
	CS2        string `json:"CS2"`
	CS         string `json:"CS"`
	Token      string `json:"TOKEN"`
	X          string `json:"X"`
	U          string `json:"U"`
	Y          string `json:"Y"`
	V          string `json:"V"`
	AuthResult *int   `json:"AuthResult"`
}

func mustUnhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func readJSON(t *testing.T, rel string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(upstreamDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func loadBN(t *testing.T, rel string) []upstreamRecord {
	var in []bnRecord
	readJSON(t, rel, &in)
	out := make([]upstreamRecord, len(in))
	for i, r := range in {
		if r.ServerOutput == nil {
			t.Fatalf("%s record %d: no SERVER_OUTPUT", rel, i)
		}
		out[i] = upstreamRecord{
			n: r.TestNo, id: mustUnhex(t, r.MPINIDHex), hashedID: r.HashMPINID,
			ms1: mustUnhex(t, r.MS1), ms2: mustUnhex(t, r.MS2),
			ss1: r.SS1, ss2: r.SS2, ss: r.ServerSecret,
			cs1: r.CS1, cs2: r.CS2, cs: r.ClientSecret,
			day: r.Date, tp1: r.TP1, tp2: r.TP2, tp: r.TimePermit,
			pin1: r.PIN1, pin2: r.PIN2, token: r.Token,
			x: mustUnhex(t, r.X), y: mustUnhex(t, r.Y),
			u: r.U, ut: r.UT, sec: r.SEC, v: r.V, result: *r.ServerOutput,
		}
	}
	return out
}

func loadBLS(t *testing.T, rel string) []upstreamRecord {
	var in []blsRecord
	readJSON(t, rel, &in)
	out := make([]upstreamRecord, len(in))
	for i, r := range in {
		if r.AuthResult == nil {
			t.Fatalf("%s record %d: no AuthResult", rel, i)
		}
		out[i] = upstreamRecord{
			n: r.Test, id: mustUnhex(t, r.MPINID),
			ms1: mustUnhex(t, r.MS1), ms2: mustUnhex(t, r.MS2),
			ss1: r.SS1, ss2: r.SS2, ss: r.SS,
			cs1: r.CS1, cs2: r.CS2, cs: r.CS,
			pin1: r.PIN1, pin2: r.PIN2, token: r.Token,
			x: mustUnhex(t, r.X), y: mustUnhex(t, r.Y),
			u: r.U, v: r.V, result: *r.AuthResult,
		}
	}
	return out
}

// upstreamCounts tallies what a file's run checked.
type upstreamCounts struct {
	records, values, verdicts, accepts, badPINs int
}

func TestUpstreamBN254CX(t *testing.T) {
	t.Parallel()
	c := runUpstream(t, mustLookup(t, BN254CXMilagro), loadBN(t, "incubator-milagro-crypto-c/BN254_CX.json"))
	if !testing.Short() && (c.records != 300 || c.verdicts != 300 || c.accepts != 200 || c.badPINs != 100) {
		t.Errorf("counts %+v, want 300 records, 200 accepted, 100 bad PIN", c)
	}
}

func TestUpstreamBLS381(t *testing.T) {
	t.Parallel()
	c := runUpstream(t, mustLookup(t, BLS12381Milagro), loadBLS(t, "incubator-milagro-crypto-c/BLS381.json"))
	if !testing.Short() && (c.records != 150 || c.verdicts != 150 || c.accepts != 100 || c.badPINs != 50) {
		t.Errorf("counts %+v, want 150 records, 100 accepted, 50 bad PIN", c)
	}
}

func TestUpstreamMPINBN254CXJS(t *testing.T) {
	t.Parallel()
	c := runUpstream(t, mustLookup(t, BN254CXMilagro), loadBN(t, "incubator-milagro-crypto-js/MPIN_BN254CX.json"))
	if c.records != 21 {
		t.Errorf("counts %+v, want 21 records", c)
	}
}

func mustLookup(t testing.TB, name string) *Profile {
	t.Helper()
	p, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shortVerdicts is how many records per file get the pairing-based verdict
// check under -short.
const shortVerdicts = 20

func runUpstream(t *testing.T, p *Profile, recs []upstreamRecord) upstreamCounts {
	var c upstreamCounts
	for i, r := range recs {
		verdict := !testing.Short() || i < shortVerdicts
		c.values += checkUpstreamRecord(t, p, r, verdict)
		c.records++
		if verdict {
			c.verdicts++
			if r.result == 0 {
				c.accepts++
			} else {
				c.badPINs++
			}
		}
		if t.Failed() {
			t.Fatalf("stopping after record %d", r.n)
		}
	}
	t.Logf("%s: %d records, %d values matched byte for byte, %d verdicts (%d accept, %d bad PIN)",
		p.Name(), c.records, c.values, c.verdicts, c.accepts, c.badPINs)
	return c
}

// checkUpstreamRecord checks one record and returns how many values it
// compared.
func checkUpstreamRecord(t *testing.T, p *Profile, r upstreamRecord, verdict bool) int {
	t.Helper()
	n := 0
	eq := func(field string, got []byte, err error, want string) []byte {
		t.Helper()
		if err != nil {
			t.Errorf("record %d %s: %v", r.n, field, err)
			return nil
		}
		if g := hex.EncodeToString(got); g != want {
			t.Errorf("record %d %s:\n got %s\nwant %s", r.n, field, g, want)
		}
		n++
		return got
	}

	hid, err := p.HashID(r.id)
	if r.hashedID != "" {
		eq("HASH_MPIN_ID", hid, err, r.hashedID)
	}

	ss1, err := p.ServerSecretShare(r.ms1)
	eq("SS1", ss1, err, r.ss1)
	ss2, err := p.ServerSecretShare(r.ms2)
	eq("SS2", ss2, err, r.ss2)
	ss, err := p.RecombineG2(ss1, ss2)
	eq("SERVER_SECRET", ss, err, r.ss)

	cs1, err := p.ClientSecretShare(r.ms1, hid)
	eq("CS1", cs1, err, r.cs1)
	cs2, err := p.ClientSecretShare(r.ms2, hid)
	eq("CS2", cs2, err, r.cs2)
	cs, err := p.RecombineG1(cs1, cs2)
	eq("CLIENT_SECRET", cs, err, r.cs)

	var permit *TimePermit
	if r.day != 0 {
		tp1, err := p.TimePermitShare(r.ms1, hid, r.day)
		eq("TP1", tp1, err, r.tp1)
		tp2, err := p.TimePermitShare(r.ms2, hid, r.day)
		eq("TP2", tp2, err, r.tp2)
		tp, err := p.RecombineG1(tp1, tp2)
		eq("TIME_PERMIT", tp, err, r.tp)
		permit = &TimePermit{Day: r.day, Point: tp}
	}

	token, err := p.ExtractPIN(cs, r.id, r.pin1)
	eq("TOKEN", token, err, r.token)
	back, err := p.RestorePIN(token, r.id, r.pin1)
	if err != nil || !bytes.Equal(back, cs) {
		t.Errorf("record %d: RestorePIN does not give the client secret back (%v)", r.n, err)
	}
	if t.Failed() {
		return n
	}

	client, err := p.NewClient(r.id, token)
	if err != nil {
		t.Fatalf("record %d: NewClient: %v", r.n, err)
	}
	sess, err := client.Pass1WithX(r.x, r.pin2, permit)
	if err != nil {
		t.Fatalf("record %d: Pass1WithX: %v", r.n, err)
	}
	msg := sess.Message()
	eq("U", msg.U, nil, r.u)
	if r.day != 0 {
		eq("UT", msg.UT, nil, r.ut)
		eq("SEC", sess.Secret(), nil, r.sec)
	}
	v, err := sess.Pass2(r.y)
	eq("V", v, err, r.v)
	if t.Failed() || !verdict {
		return n
	}

	// The server decodes the upstream bytes, not ours.
	server, err := p.NewServer(mustUnhex(t, r.ss), ServerConfig{TimePermits: r.day != 0})
	if err != nil {
		t.Fatalf("record %d: NewServer: %v", r.n, err)
	}
	in := &Pass1{ID: r.id, U: mustUnhex(t, r.u)}
	if r.day != 0 {
		in.UT, in.Day = mustUnhex(t, r.ut), r.day
	}
	now := int64(r.day)*SecondsPerDay + 12*3600
	err = server.Verify(now, in, r.y, mustUnhex(t, r.v))
	switch r.result {
	case 0:
		if r.pin1 != r.pin2 || err != nil {
			t.Errorf("record %d: want accept (PIN1 %d, PIN2 %d), got %v", r.n, r.pin1, r.pin2, err)
		}
	case -19:
		var wp *WrongPINError
		if !errors.As(err, &wp) || !errors.Is(err, ErrBadPIN) || wp.Delta != r.pin2-r.pin1 {
			t.Errorf("record %d: want a wrong PIN by %d, got %v", r.n, r.pin2-r.pin1, err)
		}
	default:
		t.Errorf("record %d: unexpected expected result %d", r.n, r.result)
	}
	return n
}
