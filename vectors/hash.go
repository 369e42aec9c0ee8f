package vectors

import (
	"fmt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// idCase is a sample identity.
type idCase struct {
	id      []byte
	comment string
	flags   []string
}

// sampleIDs returns the identities the hash vectors map: readable ones,
// a draft-era JSON document, binary ones and the length extremes.
func sampleIDs(rng *drbg) []idCase {
	salt := fmt.Sprintf("%x", rng.bytes(16))
	out := []idCase{
		{[]byte("alice@example.com"), "identity alice@example.com", nil},
		{[]byte("bob"), "identity bob", nil},
		{[]byte(`{"issued":"2026-01-01T09:30:00Z","mobile":1,"salt":"` + salt + `","userID":"carol@example.org"}`), "a JSON document as identity, hashed as the octets given", nil},
		{[]byte(`{"userID":"carol@example.org","mobile":1}`), "another JSON document, same user: a different identity", nil},
		{[]byte("Jos\u00e9 M\u00fcller"), "UTF-8 identity, not normalised", nil},
		{[]byte("Jose\u0301 Mu\u0308ller"), "the same name in decomposed UTF-8: a different identity", nil},
		{[]byte{0}, "one zero octet", []string{FlagEdgeValue}},
		{[]byte("a"), "one octet", []string{FlagEdgeValue}},
		{rng.bytes(32), "32 random octets", nil},
		{rng.bytes(36), "36 random octets", nil},
		{rng.bytes(52), "52 random octets", nil},
		{rng.bytes(200), "200 random octets", nil},
		{rng.bytes(1024), "1024 random octets: the longest identity every implementation must accept", []string{FlagEdgeValue}},
	}
	for i := range 4 {
		out = append(out, idCase{[]byte(fmt.Sprintf("user%04d@example.net", rng.intn(10000))), fmt.Sprintf("random user %d", i+1), nil})
	}
	return out
}

func buildHash(b *builder) {
	p := b.p
	c := newCurveMath(p)
	rng := b.rng.fork("IdentityMap")
	g := b.group(&Group{Type: "IdentityMap", Comment: "identity -> hashed identity HID and H(ID)"})
	ids := sampleIDs(rng)
	for _, ic := range ids {
		hid, err := p.HashID(ic.id)
		b.ok(err, "HashID")
		a, err := p.MapID(ic.id)
		b.ok(err, "MapID")
		b.valid(g, &Test{Comment: ic.comment, ID: ic.id, HashedID: hid, IDPoint: a}, idMapReqs(p), ic.flags...)
	}

	rng = b.rng.fork("PermitPoint")
	g = b.group(&Group{Type: "PermitPoint", Comment: "hashed identity and day -> permit point AT"})
	days := []struct {
		day     int64
		comment string
		flags   []string
	}{
		{baseDay, "day 20454 (2026-01-01)", nil},
		{baseDay + 1, "the next day", nil},
		{baseDay - 1, "the day before", nil},
		{16574, "day 16574 (2015-05-19)", nil},
		{1, "day 1, the first", []string{FlagEdgeValue}},
		{maxInt31, "day 2^31 - 1, the last", []string{FlagEdgeValue}},
	}
	for i := range 6 {
		days = append(days, struct {
			day     int64
			comment string
			flags   []string
		}{int64(1 + rng.intn(maxInt31)), fmt.Sprintf("random day %d", i+1), nil})
	}
	for i, d := range days {
		ic := ids[i%len(ids)]
		hid, err := p.HashID(ic.id)
		b.ok(err, "HashID")
		at, err := p.PermitPoint(hid, int(d.day))
		b.ok(err, "PermitPoint")
		b.valid(g, &Test{Comment: d.comment + ", " + ic.comment, HashedID: hid, Day: i64(d.day), PermitPoint: at}, permitReqs(p), d.flags...)
	}
	hid, err := p.HashID([]byte("alice@example.com"))
	b.ok(err, "HashID")
	for _, d := range []int64{0, -1, maxInt31 + 1} {
		_, err := p.PermitPoint(hid, int(d))
		b.invalid(g, &Test{Comment: fmt.Sprintf("day %d", d), HashedID: hid, Day: i64(d)}, err, "INVALID_ARGUMENT", reqs("6.1"), FlagDayOutOfRange)
	}
	for _, be := range badHashedIDs(c, rng, hid) {
		_, err := p.PermitPoint(be.enc, baseDay)
		b.invalid(g, &Test{Comment: "hashed identity: " + be.comment, HashedID: be.enc, Day: i64(baseDay)}, err, be.want, be.reqs, be.flags...)
	}

	rng = b.rng.fork("OnePassChallenge")
	g = b.group(&Group{Type: "OnePassChallenge", Comment: "y = mhashit(TimeValue, U* || message) mod r"})
	long := rng.bytes(128)
	tvs := []struct {
		tv      int64
		ut      bool
		msg     []byte
		comment string
		flags   []string
	}{
		{baseNoon, false, nil, "no permit, no message", nil},
		{baseNoon, true, nil, "with UT, no message", nil},
		{baseNoon, false, []byte{}, "no permit, empty message", []string{FlagEmptyMessage}},
		{baseNoon, true, []byte{}, "with UT, empty message", []string{FlagEmptyMessage}},
		{baseNoon + 1, false, []byte("pay 10 EUR to bob"), "no permit, a message", nil},
		{baseNoon + 2, true, []byte("pay 10 EUR to bob"), "with UT, a message", nil},
		{baseNoon, false, long, "a 128-octet message", nil},
		{1, false, nil, "time value 1", []string{FlagEdgeValue}},
		{maxInt31, true, nil, "time value 2^31 - 1", []string{FlagEdgeValue}},
		{1451606400, false, []byte{0}, "time value of 2016-01-01, message one zero octet", nil},
	}
	for _, tc := range tvs {
		u := b.randG1(rng)
		var ut []byte
		if tc.ut {
			ut = b.randG1(rng)
		}
		y, err := p.OnePassChallenge(tc.tv, u, ut, tc.msg)
		b.ok(err, "OnePassChallenge")
		b.valid(g, &Test{Comment: tc.comment, TimeValue: i64(tc.tv), U: u, UT: ut, Message: tc.msg, Y: y}, reqs("8.1", "4.2", "8.6"), tc.flags...)
	}
	u := b.randG1(rng)
	for _, tv := range []int64{0, -1, maxInt31 + 1} {
		_, err := p.OnePassChallenge(tv, u, nil, nil)
		b.invalid(g, &Test{Comment: fmt.Sprintf("time value %d", tv), TimeValue: i64(tv), U: u}, err, "INVALID_ARGUMENT", reqs("8.1"), FlagTimeValueOutOfRange)
	}

	rng = b.rng.fork("HashAll")
	g = b.group(&Group{Type: "HashAll", Comment: "M-Pin Full transcript hash h = mhashit(0, HID || U* || V || y || R || W) mod r"})
	for i := range 8 {
		ic := ids[rng.intn(len(ids))]
		hid, err := p.HashID(ic.id)
		b.ok(err, "HashID")
		t := &Test{Comment: fmt.Sprintf("random transcript %d, %s", i+1, ic.comment), HashedID: hid, U: b.randG1(rng)}
		if i%2 == 1 {
			t.Comment += ", with UT"
			t.UT = b.randG1(rng)
		}
		t.V, t.Y, t.ClientKeyShare, t.ServerKeyShare = b.randG1(rng), rng.scalar(p), b.randG1(rng), b.randG1(rng)
		t.H = p.HashAll(t.HashedID, t.U, t.UT, t.V, t.Y, t.ClientKeyShare, t.ServerKeyShare)
		b.valid(g, t, reqs("11.3", "4.2"))
	}
}

func idMapReqs(p *mpin.Profile) []string {
	if p.Modern() {
		return reqs("4.1", "4.5", "4.7", "12.5")
	}
	return reqs("4.1", "4.2", "4.3", "4.4", "12.5")
}

func permitReqs(p *mpin.Profile) []string {
	if p.Modern() {
		return reqs("4.6", "4.7", "6.1")
	}
	return reqs("4.6", "4.2", "4.4", "6.1")
}

// badHashedIDs returns malformed hashed identities: wrong lengths and, on
// BLS12-381 milagro suites, non-zero padding; in modern suites, where HID
// is a G1 encoding, one invalid G1 encoding per class.
func badHashedIDs(c *curveMath, rng *drbg, hid []byte) []badEnc {
	if c.p.Modern() {
		var out []badEnc
		for _, be := range c.badG1(rng, hid, false) {
			be.reqs = append(reqs("3.6"), be.reqs...)
			out = append(out, be)
		}
		return out
	}
	m := func(comment string, enc []byte, flags ...string) badEnc {
		return bad(comment, enc, "NON_CANONICAL", reqs("3.6"), append([]string{FlagMalformedHashedID}, flags...)...)
	}
	out := []badEnc{
		m("one octet short", hid[:len(hid)-1], FlagWrongLength),
		m("one octet too long", cat(hid, []byte{0}), FlagWrongLength),
		m("empty", []byte{}, FlagWrongLength),
	}
	if len(hid) > 32 {
		padded := cat(hid)
		padded[0] = 1
		out = append(out, m("non-zero padding before the digest", padded))
	}
	return out
}

func checkIdentityMap(p *mpin.Profile, g *Group, t *Test) error {
	hid, err := p.HashID(t.ID)
	if err != nil {
		return rejected(t, err)
	}
	a, err := p.MapID(t.ID)
	if err != nil {
		return rejected(t, err)
	}
	if err := sameAll(output{"hashedId", hid, t.HashedID}, output{"idPoint", a, t.IDPoint}); err != nil {
		return err
	}
	return accepted(t)
}

func checkPermitPoint(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("day", t.Day != nil); err != nil {
		return err
	}
	at, err := p.PermitPoint(t.HashedID, int(*t.Day))
	if err != nil {
		return rejected(t, err)
	}
	if err := same("permitPoint", at, t.PermitPoint); err != nil {
		return err
	}
	return accepted(t)
}

func checkOnePassChallenge(p *mpin.Profile, g *Group, t *Test) error {
	if err := need("timeValue", t.TimeValue != nil); err != nil {
		return err
	}
	y, err := p.OnePassChallenge(*t.TimeValue, t.U, t.UT, t.Message)
	if err != nil {
		return rejected(t, err)
	}
	if err := same("y", y, t.Y); err != nil {
		return err
	}
	return accepted(t)
}

func checkHashAll(p *mpin.Profile, g *Group, t *Test) error {
	h := p.HashAll(t.HashedID, t.U, t.UT, t.V, t.Y, t.ClientKeyShare, t.ServerKeyShare)
	if err := same("h", h, t.H); err != nil {
		return err
	}
	return accepted(t)
}
