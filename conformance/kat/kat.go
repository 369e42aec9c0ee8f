package kat

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Case is one known-answer case.
type Case struct {
	// Name is "seed-N" or "upstream-N".
	Name string
	// Suite is the suite string.
	Suite string
	// Source describes where the values come from.
	Source string
	// Values holds the octet-string values by name.
	Values map[string][]byte
	// Ints holds the integer values by name: PIN1 (registered), PIN2
	// (entered), DAY (0 without permits), NOW (the server's time), TV
	// (one-pass time value), DELTA (entered - registered, when they
	// differ).
	Ints map[string]int64
	// Result is the canonical outcome of the two-pass verification:
	// "OK" or "BAD_PIN".
	Result string
}

// Has reports whether the case carries a value or integer.
func (c *Case) Has(name string) bool {
	if _, ok := c.Values[name]; ok {
		return true
	}
	_, ok := c.Ints[name]
	return ok
}

// ErrNoCase reports a case name that no source provides.
var ErrNoCase = errors.New("kat: no such case")

// ErrNoUpstream reports that the upstream files were not found.
var ErrNoUpstream = errors.New("kat: upstream vector files not found (testdata/upstream)")

var (
	mu    sync.Mutex
	cache = map[string]*Case{}
)

// Get returns a case of a suite by name. Cases are computed once per
// process.
func Get(suite, name string) (*Case, error) {
	key := suite + "/" + name
	mu.Lock()
	defer mu.Unlock()
	if c, ok := cache[key]; ok {
		return c, nil
	}
	var c *Case
	var err error
	switch {
	case strings.HasPrefix(name, "seed-"):
		n, perr := strconv.Atoi(strings.TrimPrefix(name, "seed-"))
		if perr != nil || n < 1 {
			return nil, fmt.Errorf("%w: %q", ErrNoCase, name)
		}
		c, err = generate(suite, n)
	case strings.HasPrefix(name, "upstream-"):
		n, perr := strconv.Atoi(strings.TrimPrefix(name, "upstream-"))
		if perr != nil || n < 0 {
			return nil, fmt.Errorf("%w: %q", ErrNoCase, name)
		}
		c, err = upstream(suite, n)
	default:
		return nil, fmt.Errorf("%w: %q", ErrNoCase, name)
	}
	if err != nil {
		return nil, err
	}
	c.Name = name
	cache[key] = c
	return c, nil
}

// Seed plans: which seeds use permits and which PINs are entered.
type plan struct {
	permits    bool
	pin1, pin2 int
}

// plans fixes the character of the first seeds; later seeds alternate
// permits and use the right PIN.
var plans = map[int]plan{
	1: {permits: true, pin1: 1234, pin2: 1234},
	2: {permits: true, pin1: 888, pin2: 888},
	3: {permits: false, pin1: 4321, pin2: 4321},
	4: {permits: true, pin1: 1235, pin2: 1234},
	5: {permits: false, pin1: 0, pin2: 9999},
	6: {permits: true, pin1: 9999, pin2: 0},
	7: {permits: false, pin1: 7000, pin2: 7142},
}

// BaseDay is the permit day of seed 1 (2024-06-01); seed N uses BaseDay +
// N - 1.
const BaseDay = 19875

// generate computes a case with the reference.
func generate(suite string, n int) (*Case, error) {
	p, err := mpin.Lookup(suite)
	if err != nil {
		return nil, err
	}
	pl, ok := plans[n]
	if !ok {
		pl = plan{permits: n%2 == 1, pin1: 1000 + n, pin2: 1000 + n}
	}
	var key [32]byte
	binary.BigEndian.PutUint64(key[:], uint64(n))
	copy(key[8:], suite)
	rng := rand.NewChaCha8(key)

	c := &Case{Suite: suite, Source: fmt.Sprintf("reference/mpin, seed %d", n), Values: map[string][]byte{}, Ints: map[string]int64{}}
	v, iv := c.Values, c.Ints
	id := []byte(fmt.Sprintf(`{"userID":"user%d@example.org","issued":"2024-06-01T12:00:00Z","case":%d}`, n, n))
	v["ID"] = id
	day := int64(0)
	if pl.permits {
		day = BaseDay + int64(n) - 1
	}
	now := int64(BaseDay+n-1)*mpin.SecondsPerDay + 43200
	iv["DAY"], iv["NOW"], iv["TV"] = day, now, now
	iv["PIN1"], iv["PIN2"] = int64(pl.pin1), int64(pl.pin2)

	// The first error of the reference on its own values fails the
	// case; later steps may run on nil values but are not reported.
	var firstErr error
	must := func(b []byte, err error) []byte {
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("kat: generating %s seed %d: %w", suite, n, err)
		}
		return b
	}
	draw := func() []byte { return must(p.GenerateMasterShare(rng)) }

	v["MS1"], v["MS2"] = draw(), draw()
	v["SS1"], v["SS2"] = must(p.ServerSecretShare(v["MS1"])), must(p.ServerSecretShare(v["MS2"]))
	v["SQ"] = must(p.RecombineG2(v["SS1"], v["SS2"]))
	v["HID"] = must(p.HashID(id))
	v["A"] = must(p.MapID(id))
	v["CS1"], v["CS2"] = must(p.ClientSecretShare(v["MS1"], v["HID"])), must(p.ClientSecretShare(v["MS2"], v["HID"]))
	v["CS"] = must(p.RecombineG1(v["CS1"], v["CS2"]))
	v["TOKEN"] = must(p.ExtractPIN(v["CS"], id, pl.pin1))

	var permit *mpin.TimePermit
	if pl.permits {
		v["TP1"] = must(p.TimePermitShare(v["MS1"], v["HID"], int(day)))
		v["TP2"] = must(p.TimePermitShare(v["MS2"], v["HID"], int(day)))
		v["TP"] = must(p.RecombineG1(v["TP1"], v["TP2"]))
		v["AT"] = must(p.PermitPoint(v["HID"], int(day)))
		permit = &mpin.TimePermit{Day: int(day), Point: v["TP"]}
	}

	if firstErr != nil {
		return nil, firstErr
	}
	client, err := p.NewClient(id, v["TOKEN"])
	if err != nil {
		return nil, err
	}
	server, err := p.NewServer(v["SQ"], mpin.ServerConfig{TimePermits: pl.permits})
	if err != nil {
		return nil, err
	}

	// Two-pass, with the Full ephemerals riding along (V is the same).
	v["X"], v["Y"], v["Z"], v["W"] = draw(), draw(), draw(), draw()
	sess, err := client.FullPass1WithX(v["X"], v["Z"], pl.pin2, permit)
	if err != nil {
		return nil, err
	}
	m := sess.Message()
	v["U"], v["SEC"], v["R"] = m.U, sess.Secret(), sess.R()
	if m.UT != nil {
		v["UT"] = m.UT
	}
	v["WPOINT"] = must(server.KeyShare(now, m, v["W"]))
	vv, kc, err := sess.FullPass2(v["Y"], v["WPOINT"])
	if err != nil {
		return nil, err
	}
	v["V"], v["KC"] = vv, kc
	v["H"] = p.HashAll(v["HID"], m.U, m.UT, vv, v["Y"], v["R"], v["WPOINT"])
	c.Result = "OK"
	if ks, err := server.VerifyFull(now, m, v["R"], v["Y"], v["W"], vv); err == nil {
		v["KS"] = ks
	} else {
		var wp *mpin.WrongPINError
		if !errors.As(err, &wp) {
			return nil, fmt.Errorf("kat: seed %d: %v", n, err)
		}
		c.Result = "BAD_PIN"
		iv["DELTA"] = int64(wp.Delta)
	}
	e, f, err := server.PINErrorValues(now, m, v["Y"], vv)
	if err != nil {
		return nil, err
	}
	v["E"], v["F"] = e, f
	if err := gtValues(p, c); err != nil {
		return nil, err
	}

	// One-pass, with its own x and a message.
	v["MSG"] = []byte(fmt.Sprintf("one-pass message of case %d", n))
	for {
		x1 := draw()
		op, err := client.OnePassWithX(x1, pl.pin2, permit, now, v["MSG"])
		if errors.Is(err, mpin.ErrInvalidScalar) {
			continue
		}
		if err != nil {
			return nil, err
		}
		v["X1"], v["U1"], v["V1"] = x1, op.U, op.V
		if op.UT != nil {
			v["UT1"] = op.UT
		}
		v["Y1"] = must(p.OnePassChallenge(now, op.U, op.UT, op.Message))
		break
	}
	return c, firstErr
}

// gtValues adds e(T, Q) and e(A, Q) (REQ-MPIN-11.1).
func gtValues(p *mpin.Profile, c *Case) error {
	s := p.Suite()
	t, err := p.DecodeG1(c.Values["TOKEN"])
	if err != nil {
		return err
	}
	a, err := p.DecodeG1(c.Values["A"])
	if err != nil {
		return err
	}
	gt, err := s.Pair(t, s.G2Generator())
	if err != nil {
		return err
	}
	ga, err := s.Pair(a, s.G2Generator())
	if err != nil {
		return err
	}
	c.Values["GTTOKEN"], c.Values["GTID"] = p.EncodeGT(gt), p.EncodeGT(ga)
	return nil
}

// UpstreamDir is where upstream looks for testdata/upstream; empty means
// searching from the working directory upwards.
var UpstreamDir = ""

func upstreamRoot() (string, error) {
	if UpstreamDir != "" {
		return UpstreamDir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, "testdata", "upstream")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoUpstream
		}
		dir = parent
	}
}

// upstream loads record n of the Milagro file of a suite.
func upstream(suite string, n int) (*Case, error) {
	var file string
	switch suite {
	case mpin.BN254CXMilagro:
		file = "incubator-milagro-crypto-c/BN254_CX.json"
	case mpin.BLS12381Milagro:
		file = "incubator-milagro-crypto-c/BLS381.json"
	default:
		return nil, fmt.Errorf("%w: upstream cases exist only for the milagro suites, not %s", ErrNoCase, suite)
	}
	root, err := upstreamRoot()
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(filepath.Join(root, file))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoUpstream, err)
	}
	defer fh.Close()
	data, err := io.ReadAll(fh)
	if err != nil {
		return nil, err
	}
	var recs []map[string]any
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("kat: %s: %v", file, err)
	}
	if n >= len(recs) {
		return nil, fmt.Errorf("%w: %s has %d records", ErrNoCase, file, len(recs))
	}
	r := recs[n]
	c := &Case{Suite: suite, Source: fmt.Sprintf("testdata/upstream/%s record %d", file, n), Values: map[string][]byte{}, Ints: map[string]int64{}}
	names := map[string]string{ // upstream field -> case name
		"MPIN_ID_HEX": "ID", "MPINId": "ID", "HASH_MPIN_ID_HEX": "HID",
		"MS1": "MS1", "MS2": "MS2", "SS1": "SS1", "SS2": "SS2", "SERVER_SECRET": "SQ", "SS": "SQ",
		"CS1": "CS1", "CS2": "CS2", "CLIENT_SECRET": "CS", "CS": "CS",
		"TP1": "TP1", "TP2": "TP2", "TIME_PERMIT": "TP", "TOKEN": "TOKEN",
		"X": "X", "Y": "Y", "U": "U", "UT": "UT", "SEC": "SEC", "V": "V",
	}
	for from, to := range names {
		s, ok := r[from].(string)
		if !ok {
			continue
		}
		b, err := hex.DecodeString(strings.ToLower(s))
		if err != nil {
			return nil, fmt.Errorf("kat: %s record %d field %s: %v", file, n, from, err)
		}
		c.Values[to] = b
	}
	num := func(k string) (int64, bool) {
		f, ok := r[k].(float64)
		return int64(f), ok
	}
	pin1, _ := num("PIN1")
	pin2, _ := num("PIN2")
	c.Ints["PIN1"], c.Ints["PIN2"] = pin1, pin2
	day, _ := num("DATE")
	c.Ints["DAY"] = day
	now := int64(1432036800) // 2015-05-19, the upstream files' day
	if day > 0 {
		now = day*mpin.SecondsPerDay + 43200
	}
	c.Ints["NOW"] = now
	c.Result = "OK"
	res, ok := num("SERVER_OUTPUT")
	if !ok {
		res, _ = num("AuthResult")
	}
	if res != 0 {
		c.Result = "BAD_PIN"
		c.Ints["DELTA"] = pin2%mpin.MaxPIN - pin1%mpin.MaxPIN
	}
	// What the file leaves out and the reference derives from its values:
	// the hashed identity (BLS381.json) and SEC = TOKEN + PIN2 A without
	// a permit (BLS381.json), so that the client's passes can be checked
	// against the file's U and V.
	p, err := mpin.Lookup(suite)
	if err != nil {
		return nil, err
	}
	if _, ok := c.Values["HID"]; !ok {
		if c.Values["HID"], err = p.HashID(c.Values["ID"]); err != nil {
			return nil, err
		}
	}
	if _, ok := c.Values["SEC"]; !ok && day == 0 {
		if c.Values["SEC"], err = p.RestorePIN(c.Values["TOKEN"], c.Values["ID"], int(pin2)); err != nil {
			return nil, err
		}
		c.Source += " (SEC derived by the reference from TOKEN and PIN2)"
	}
	return c, nil
}
