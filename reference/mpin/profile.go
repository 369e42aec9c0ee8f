package mpin

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// Profile names, written as suite strings in the manner of RFC 9380:
// protocol, curve, hash, and the family of byte-level rules.
const (
	// BN254CXMilagro is the draft-era profile: BN254CX with the Milagro
	// hashing, try-and-increment map and encodings. It reproduces the
	// upstream BN254_CX.json vectors.
	BN254CXMilagro = "MPIN-BN254CX-SHA256-MILAGRO"
	// BLS12381Milagro is the Milagro rules on BLS12-381 ("BLS381" in
	// Milagro). It reproduces the upstream BLS381.json vectors.
	BLS12381Milagro = "MPIN-BLS12381-SHA256-MILAGRO"
	// BLS12381Modern is BLS12-381 with RFC 9380 encode_to_curve for
	// identities and the encodings of MIRACL core's M-Pin.
	BLS12381Modern = "MPIN-BLS12381-SHA256-MODERN"
	// BN254CXModern is the modern rules on BN254CX, with the SVDW map.
	BN254CXModern = "MPIN-BN254CX-SHA256-MODERN"
)

// Milagro's MAXPIN and PBLEN: PINs are reduced mod MaxPIN and fit in
// PINBits bits.
const (
	// MaxPIN bounds PINs: a PIN is reduced mod MaxPIN before use.
	MaxPIN = 10000
	// PINBits is the bit length Milagro uses for PIN multiplication.
	PINBits = 14
)

// SecondsPerDay is the length of a time-permit day: the day number of a
// Unix time t is floor(t / SecondsPerDay).
const SecondsPerDay = 86400

// curve holds what a profile needs to know about its curve beyond the
// pairing.Suite interface.
type curve struct {
	name string   // pairing.Suite.Name()
	p    *big.Int // base-field modulus
	b    *big.Int // G1: y^2 = x^3 + b
	// identityDST is the RFC 9380 tag of the modern identity map, and
	// permitDST that of the modern time-permit map.
	identityDST, permitDST string
	// seedLen is L of the seeded master-share derivation: the RFC 9380
	// hash_to_field length for the scalar field.
	seedLen int
}

func mustHex(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("mpin: bad constant " + s) // package constants only
	}
	return v
}

var curves = map[string]*curve{
	"BN254CX": {
		name:        "BN254CX",
		p:           mustHex("2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3"),
		b:           big.NewInt(2),
		identityDST: "BN254CXG1_XMD:SHA-256_SVDW_NU_MPIN",
		permitDST:   "BN254CXG1_XMD:SHA-256_SVDW_NU_MPIN_PERMIT",
		seedLen:     48,
	},
	"BLS12381": {
		name:        "BLS12381",
		p:           mustHex("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"),
		b:           big.NewInt(4),
		identityDST: "BLS12381G1_XMD:SHA-256_SSWU_NU_MPIN",
		permitDST:   "BLS12381G1_XMD:SHA-256_SSWU_NU_MPIN_PERMIT",
		seedLen:     64,
	},
}

// Profile fixes every choice of an M-Pin deployment: the pairing suite, how
// identities and time permits are hashed to G1, how points and scalars are
// written, and how the one-pass challenge, the M-Pin Full transcript hash
// and its key derivation are computed. A Profile is immutable and safe for
// concurrent use.
type Profile struct {
	name   string
	suite  pairing.Suite
	c      *curve
	modern bool

	fb, sb int        // field and scalar byte lengths
	pBytes []byte     // p, fb bytes big-endian
	q      pairing.G2 // the fixed generator of G2

	identityDST, permitDST, seedDST []byte
}

// NewProfile returns the profile called name computed with the given
// pairing suite, which must implement the curve the name asks for (its
// Name() must be "BN254CX" or "BLS12381"). It exists so that the same
// rules can run over another implementation of a curve, for example in
// differential tests; Lookup returns the profiles over this module's own
// suites. The error is ErrUnknownProfile.
func NewProfile(name string, s pairing.Suite) (*Profile, error) {
	parts := strings.Split(name, "-")
	if len(parts) != 4 || parts[0] != "MPIN" || parts[2] != "SHA256" {
		return nil, fmt.Errorf("%w: %q", ErrUnknownProfile, name)
	}
	c, ok := curves[parts[1]]
	if !ok {
		return nil, fmt.Errorf("%w: curve %q", ErrUnknownProfile, parts[1])
	}
	var modern bool
	switch parts[3] {
	case "MILAGRO":
	case "MODERN":
		modern = true
	default:
		return nil, fmt.Errorf("%w: rules %q", ErrUnknownProfile, parts[3])
	}
	if s == nil || s.Name() != c.name {
		return nil, fmt.Errorf("%w: %s needs a %s suite", ErrUnknownProfile, name, c.name)
	}
	fb, sb := s.FieldBytes(), s.ScalarBytes()
	if fb < sb || fb < 32 || c.p.BitLen() > 8*fb {
		return nil, fmt.Errorf("%w: suite %s has unexpected sizes", ErrUnknownProfile, s.Name())
	}
	p := &Profile{
		name:        name,
		suite:       s,
		c:           c,
		modern:      modern,
		fb:          fb,
		sb:          sb,
		pBytes:      c.p.FillBytes(make([]byte, fb)),
		q:           s.G2Generator(),
		identityDST: []byte(c.identityDST),
		permitDST:   []byte(c.permitDST),
		seedDST:     []byte("MPINKIT-V01-MASTER-SHARE_" + name),
	}
	return p, nil
}

var builtin = func() map[string]*Profile {
	m := make(map[string]*Profile)
	for _, e := range []struct {
		name string
		s    pairing.Suite
	}{
		{BN254CXMilagro, bn254.Suite()},
		{BLS12381Milagro, bls12381.Suite()},
		{BLS12381Modern, bls12381.Suite()},
		{BN254CXModern, bn254.Suite()},
	} {
		p, err := NewProfile(e.name, e.s)
		if err != nil {
			panic(err) // the table above is fixed
		}
		m[e.name] = p
	}
	return m
}()

// profileOrder lists the built-in profiles in the order Profiles returns
// them.
var profileOrder = []string{BN254CXMilagro, BLS12381Milagro, BLS12381Modern, BN254CXModern}

// Lookup returns the built-in profile with the given suite string, or
// ErrUnknownProfile.
func Lookup(name string) (*Profile, error) {
	if p, ok := builtin[name]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownProfile, name)
}

// Profiles returns every built-in profile: BN254CXMilagro,
// BLS12381Milagro, BLS12381Modern, BN254CXModern.
func Profiles() []*Profile {
	out := make([]*Profile, len(profileOrder))
	for i, n := range profileOrder {
		out[i] = builtin[n]
	}
	return out
}

// Name returns the profile's suite string, for example
// "MPIN-BN254CX-SHA256-MILAGRO".
func (p *Profile) Name() string { return p.name }

// String returns the profile's suite string.
func (p *Profile) String() string { return p.name }

// Suite returns the pairing suite the profile computes with.
func (p *Profile) Suite() pairing.Suite { return p.suite }

// Modern reports whether the profile uses the modern rules (RFC 9380
// hashing, MIRACL core encodings) rather than the Milagro ones.
func (p *Profile) Modern() bool { return p.modern }

// G1Size is the length of an encoded G1 point (uncompressed form).
func (p *Profile) G1Size() int { return 1 + 2*p.fb }

// G2Size is the length of an encoded G2 point.
func (p *Profile) G2Size() int {
	if p.modern {
		return 1 + 4*p.fb
	}
	return 4 * p.fb
}

// ScalarSize is the length of an encoded scalar: the field length
// (Milagro's MODBYTES), also on curves whose group order is shorter.
func (p *Profile) ScalarSize() int { return p.fb }

// HashedIDSize is the length of the hashed identity HashID returns.
func (p *Profile) HashedIDSize() int {
	if p.modern {
		return p.G1Size()
	}
	return p.fb
}

// KeySize is the length of the M-Pin Full session key (AES-128).
const KeySize = 16
