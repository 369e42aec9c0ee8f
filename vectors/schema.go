package vectors

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Result values of a test case.
const (
	// Valid marks a case whose operations succeed and reproduce every
	// expected output.
	Valid = "valid"
	// Invalid marks a case that an implementation must reject, with the
	// canonical error named in the case's Error field.
	Invalid = "invalid"
)

// ErrSchema reports a vector file that does not follow spec/vectors.md:
// malformed JSON, a missing header field, a test count that does not add
// up, tcIds out of sequence, an unknown result, group type or flag.
var ErrSchema = errors.New("vectors: file does not follow the schema")

// HexBytes is an octet string written in JSON as a lowercase hexadecimal
// string. A nil HexBytes is an absent value; a non-nil empty one is
// written "" and read back as non-nil, so that "absent" and "empty"
// survive a round trip.
type HexBytes []byte

// MarshalText writes the bytes as lowercase hexadecimal.
func (h HexBytes) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(h)))
	hex.Encode(out, h)
	return out, nil
}

// UnmarshalText reads hexadecimal digits of either case.
func (h *HexBytes) UnmarshalText(b []byte) error {
	out := make([]byte, hex.DecodedLen(len(b)))
	if _, err := hex.Decode(out, b); err != nil {
		return fmt.Errorf("%w: hex value: %w", ErrSchema, err)
	}
	*h = out
	return nil
}

// String returns the lowercase hexadecimal form.
func (h HexBytes) String() string { return hex.EncodeToString(h) }

// File is one vector file: a header and its test groups.
type File struct {
	// Algorithm names the operation family, for example "MPIN-TWO-PASS".
	Algorithm string `json:"algorithm"`
	// Suite is the suite string (spec/mpin.md REQ-MPIN-2.1) every value
	// of the file is encoded for, for example "MPIN-BN254CX-SHA256-MILAGRO".
	Suite string `json:"suite"`
	// GeneratorVersion identifies the generator that wrote the file.
	GeneratorVersion string `json:"generatorVersion"`
	// NumberOfTests is the number of test cases over all groups.
	NumberOfTests int `json:"numberOfTests"`
	// Header is free text, one line per element.
	Header []string `json:"header"`
	// Notes maps every flag used in the file to its meaning.
	Notes map[string]string `json:"notes"`
	// Schema names the document that defines the layout: spec/vectors.md.
	Schema string `json:"schema"`
	// TestGroups holds the cases, grouped by type and shared parameters.
	TestGroups []*Group `json:"testGroups"`
}

// Group is a set of test cases of one type that share parameters. Which
// parameters a group carries depends on its type (spec/vectors.md).
type Group struct {
	// Type names the operation the group's cases exercise, for example
	// "TwoPass" or "Decoding"; it fixes the meaning of every field.
	Type string `json:"type"`
	// Comment describes the group.
	Comment string `json:"comment,omitzero"`
	// Kind is the value kind of a Decoding group: "G1", "G2", "Scalar"
	// or "GT".
	Kind string `json:"kind,omitzero"`
	// N is the number of D-TAs of a DtaIssuance group.
	N *int `json:"n,omitzero"`
	// MasterShares are the D-TAs' master-secret shares the group's secrets
	// were issued from (provenance; the server secret is their sum times Q).
	MasterShares []HexBytes `json:"masterShares,omitzero"`
	// ServerSecret is the server secret sQ the group's server holds.
	ServerSecret HexBytes `json:"serverSecret,omitzero"`
	// TimePermits tells whether the group's server requires time permits.
	TimePermits *bool `json:"timePermits,omitzero"`
	// PermitGrace is the server's day-boundary grace, in seconds.
	PermitGrace *int64 `json:"permitGrace,omitzero"`
	// OnePassWindow is the server's one-pass freshness window, in seconds.
	OnePassWindow *int64 `json:"onePassWindow,omitzero"`
	// Tests are the group's cases.
	Tests []*Test `json:"tests"`
}

// Test is one test case. It is the union of the fields of every group
// type; spec/vectors.md lists, per group type, which fields are inputs,
// which are expected outputs, and which may be absent. Octet strings are
// HexBytes, integers pointers so that an absent value differs from 0.
type Test struct {
	// TcID numbers the case: 1, 2, 3, ... through the file.
	TcID int `json:"tcId"`
	// Comment says what the case is.
	Comment string `json:"comment"`

	// Seed is a master-share seed (MasterShareFromSeed).
	Seed HexBytes `json:"seed,omitzero"`
	// A and B are the scalars of a pairing known answer.
	A HexBytes `json:"a,omitzero"`
	// B is the second pairing scalar.
	B HexBytes `json:"b,omitzero"`
	// Encoded is the encoding a Decoding case decodes.
	Encoded HexBytes `json:"encoded,omitzero"`
	// MasterShare is one D-TA's master-secret share.
	MasterShare HexBytes `json:"masterShare,omitzero"`
	// MasterShares are the master shares of N D-TAs.
	MasterShares []HexBytes `json:"masterShares,omitzero"`
	// ID is the client identity, as octets.
	ID HexBytes `json:"id,omitzero"`
	// HashedID is the hashed identity HID (REQ-MPIN-4.3, 4.5).
	HashedID HexBytes `json:"hashedId,omitzero"`
	// Day is a day number: the day of a permit an authority issues, or
	// the permit day a first-pass message states.
	Day *int64 `json:"day,omitzero"`
	// Shares are the encoded shares a recombination adds.
	Shares []HexBytes `json:"shares,omitzero"`
	// ClientSecretShares are the client-secret shares the case's client
	// secret was recombined from.
	ClientSecretShares []HexBytes `json:"clientSecretShares,omitzero"`
	// ClientSecret is the client secret s A.
	ClientSecret HexBytes `json:"clientSecret,omitzero"`
	// RegisteredPIN is the PIN extracted from the client secret at
	// registration.
	RegisteredPIN *int64 `json:"registeredPin,omitzero"`
	// Secret is the point a general factor is extracted from.
	Secret HexBytes `json:"secret,omitzero"`
	// Factor is a general factor (REQ-MPIN-5.5).
	Factor *int64 `json:"factor,omitzero"`
	// Bits is the declared bit length of Factor.
	Bits *int64 `json:"bits,omitzero"`
	// Token is the client's token T.
	Token HexBytes `json:"token,omitzero"`
	// PermitDay is the day of the time permit the client holds.
	PermitDay *int64 `json:"permitDay,omitzero"`
	// TimePermit is a time permit s AT (input of a client, output of an
	// issuance).
	TimePermit HexBytes `json:"timePermit,omitzero"`
	// PIN is the PIN entered for the run (or extracted, in ExtractPin).
	PIN *int64 `json:"pin,omitzero"`
	// X is the client's per-run scalar x.
	X HexBytes `json:"x,omitzero"`
	// Z is the client's M-Pin Full scalar z.
	Z HexBytes `json:"z,omitzero"`
	// Y is the challenge y.
	Y HexBytes `json:"y,omitzero"`
	// W is the server's M-Pin Full scalar w.
	W HexBytes `json:"w,omitzero"`
	// TimeValue is a one-pass time value, Unix seconds.
	TimeValue *int64 `json:"timeValue,omitzero"`
	// Message is the optional one-pass message.
	Message HexBytes `json:"message,omitzero"`
	// Now is the server's clock, Unix seconds.
	Now *int64 `json:"now,omitzero"`

	// IDPoint is A = H(ID), encoded.
	IDPoint HexBytes `json:"idPoint,omitzero"`
	// PermitPoint is AT, encoded.
	PermitPoint HexBytes `json:"permitPoint,omitzero"`
	// G1 is a·P, the first pairing input.
	G1 HexBytes `json:"g1,omitzero"`
	// G2 is b·Q, the second pairing input.
	G2 HexBytes `json:"g2,omitzero"`
	// GT is a pairing value e(G1, G2).
	GT HexBytes `json:"gt,omitzero"`
	// Share is the output of a single share issuance.
	Share HexBytes `json:"share,omitzero"`
	// Sum is the output of a recombination.
	Sum HexBytes `json:"sum,omitzero"`
	// ServerSecretShares are the D-TAs' server-secret shares s_i Q.
	ServerSecretShares []HexBytes `json:"serverSecretShares,omitzero"`
	// ServerSecret is the recombined server secret sQ.
	ServerSecret HexBytes `json:"serverSecret,omitzero"`
	// TimePermitShares are the D-TAs' time-permit shares s_i AT.
	TimePermitShares []HexBytes `json:"timePermitShares,omitzero"`
	// Sec is the client's secret for the run, SEC = T + pin A (+ TP).
	Sec HexBytes `json:"sec,omitzero"`
	// U is x A.
	U HexBytes `json:"u,omitzero"`
	// UT is x (A + AT).
	UT HexBytes `json:"ut,omitzero"`
	// V is -(x + y) SEC.
	V HexBytes `json:"v,omitzero"`
	// ClientKeyShare is the M-Pin Full key share R = z A.
	ClientKeyShare HexBytes `json:"clientKeyShare,omitzero"`
	// ServerKeyShare is the M-Pin Full key share W = w H*.
	ServerKeyShare HexBytes `json:"serverKeyShare,omitzero"`
	// H is the M-Pin Full transcript hash, as a scalar.
	H HexBytes `json:"h,omitzero"`
	// E is the failing verification product of a wrong-PIN diagnosis.
	E HexBytes `json:"e,omitzero"`
	// F is e(U + y A, Q), the base of the wrong-PIN search.
	F HexBytes `json:"f,omitzero"`
	// Delta is the PIN error: entered PIN minus registered PIN.
	Delta *int64 `json:"delta,omitzero"`
	// ClientKey is the client's M-Pin Full session key.
	ClientKey HexBytes `json:"clientKey,omitzero"`
	// ServerKey is the server's M-Pin Full session key.
	ServerKey HexBytes `json:"serverKey,omitzero"`

	// Result is Valid or Invalid.
	Result string `json:"result"`
	// Error is the canonical error name (spec/mpin.md section 13) an
	// invalid case fails with. It is empty only for an invalid M-Pin Full
	// case flagged KeyMismatch, where every step succeeds and the two
	// session keys differ.
	Error string `json:"error,omitzero"`
	// Reqs are the spec/mpin.md requirement IDs the case checks.
	Reqs []string `json:"reqs"`
	// Flags name the case's notable properties; each is defined in the
	// file's Notes.
	Flags []string `json:"flags"`
}

// Load reads and checks one vector file from disk.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// LoadFS reads and checks one vector file from a file system, for example
// the embedded copy Files returns.
func LoadFS(fsys fs.FS, name string) (*File, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// Parse decodes a vector file and checks its structure (ErrSchema): the
// header fields, the test count, tcIds numbered 1, 2, 3, ..., results,
// error names on invalid cases, group types, and flags defined in Notes.
func Parse(b []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSchema, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the top-level object", ErrSchema)
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// validate checks what Parse promises.
func (f *File) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrSchema, fmt.Sprintf(format, args...))
	}
	switch {
	case f.Algorithm == "":
		return bad("no algorithm")
	case f.Suite == "":
		return bad("no suite")
	case f.GeneratorVersion == "":
		return bad("no generatorVersion")
	case f.Schema == "":
		return bad("no schema")
	}
	n := 0
	for gi, g := range f.TestGroups {
		if g == nil {
			return bad("group %d is null", gi)
		}
		if _, ok := groupTypes[g.Type]; !ok {
			return bad("group %d: unknown type %q", gi, g.Type)
		}
		for _, t := range g.Tests {
			if t == nil {
				return bad("group %d: a test is null", gi)
			}
			n++
			if t.TcID != n {
				return bad("tcId %d where %d is due", t.TcID, n)
			}
			switch t.Result {
			case Valid:
				if t.Error != "" {
					return bad("tcId %d: valid case with an error name", t.TcID)
				}
			case Invalid:
				if t.Error == "" && !hasFlag(t, FlagKeyMismatch) {
					return bad("tcId %d: invalid case without an error name", t.TcID)
				}
				if t.Error != "" && !canonicalErrors[t.Error] {
					return bad("tcId %d: %q is not a canonical error name", t.TcID, t.Error)
				}
			default:
				return bad("tcId %d: result %q", t.TcID, t.Result)
			}
			for _, fl := range t.Flags {
				if _, ok := f.Notes[fl]; !ok {
					return bad("tcId %d: flag %q is not defined in notes", t.TcID, fl)
				}
			}
		}
	}
	if n != f.NumberOfTests {
		return bad("numberOfTests is %d, the groups hold %d", f.NumberOfTests, n)
	}
	return nil
}

// canonicalErrors are the names of spec/mpin.md section 13.
var canonicalErrors = map[string]bool{
	"NON_CANONICAL": true, "IDENTITY_POINT": true, "INVALID_POINT": true,
	"INVALID_SCALAR": true, "INVALID_ARGUMENT": true, "BAD_PIN": true,
	"NOT_A_CLIENT": true, "EXPIRED_PERMIT": true, "WRONG_DAY": true,
	"STALE_TIMEVALUE": true, "REPLAY": true, "LOCKED": true, "UNSUPPORTED": true,
}

func hasFlag(t *Test, flag string) bool {
	for _, f := range t.Flags {
		if f == flag {
			return true
		}
	}
	return false
}
