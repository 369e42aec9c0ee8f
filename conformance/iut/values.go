package iut

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Protocol is the version of the adapter protocol this package speaks.
const Protocol = "mpin-shim/1"

// Hex is an octet string written in JSON as lowercase hexadecimal without
// prefix or separators (spec/shim.md section 4.1). Decoding refuses odd
// lengths, non-hex characters and uppercase digits.
type Hex []byte

// MarshalJSON writes h as a lowercase hex string; nil is written "".
func (h Hex) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, 2+2*len(h))
	out = append(out, '"')
	out = hex.AppendEncode(out, h)
	return append(out, '"'), nil
}

// UnmarshalJSON reads a lowercase hex string.
func (h *Hex) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*h = nil // absent
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("hex field: %w", err)
	}
	v, err := ParseHex(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// String returns the lowercase hex form of h.
func (h Hex) String() string { return hex.EncodeToString(h) }

// ErrBadHex reports a hex string that is not of the protocol's form.
type ErrBadHex struct {
	// Reason says what is wrong.
	Reason string
}

func (e *ErrBadHex) Error() string { return "hex field: " + e.Reason }

// ParseHex decodes a lowercase hex string of even length. The empty
// string decodes to an empty, non-nil slice.
func ParseHex(s string) (Hex, error) {
	if len(s)%2 != 0 {
		return nil, &ErrBadHex{Reason: fmt.Sprintf("odd length %d", len(s))}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return nil, &ErrBadHex{Reason: fmt.Sprintf("character %q at %d is not a lowercase hex digit", c, i)}
		}
	}
	v := make([]byte, len(s)/2)
	if _, err := hex.Decode(v, []byte(s)); err != nil {
		return nil, &ErrBadHex{Reason: err.Error()}
	}
	return v, nil
}

// Suite strings of spec/mpin.md REQ-MPIN-2.1, in the order the harness
// runs them.
var Suites = []string{
	"MPIN-BN254CX-SHA256-MILAGRO",
	"MPIN-BLS12381-SHA256-MILAGRO",
	"MPIN-BN254CX-SHA256-MODERN",
	"MPIN-BLS12381-SHA256-MODERN",
}

// Role names of a capabilities claim.
const (
	RoleAuthority = "authority"
	RoleClient    = "client"
	RoleServer    = "server"
)

// Mode names of a capabilities claim.
const (
	ModeTwoPass = "two-pass"
	ModeOnePass = "one-pass"
)

// Implementation names the IUT in reports.
type Implementation struct {
	// Name of the implementation.
	Name string `json:"name"`
	// Version of the implementation.
	Version string `json:"version"`
}

// SuiteClaim is what an IUT claims for one suite (spec/shim.md section 6).
type SuiteClaim struct {
	// Suite is the suite string.
	Suite string `json:"suite"`
	// Roles lists the roles the IUT plays: authority, client, server.
	Roles []string `json:"roles"`
	// Modes lists two-pass and, optionally, one-pass.
	Modes []string `json:"modes"`
	// Permits claims time permits.
	Permits bool `json:"permits"`
	// WrongPIN claims wrong-PIN detection.
	WrongPIN bool `json:"wrong_pin"`
	// Full claims M-Pin Full key agreement.
	Full bool `json:"full"`
	// Factors claims general factor extraction.
	Factors bool `json:"factors"`
	// SeededShares claims seeded master shares.
	SeededShares bool `json:"seeded_shares"`
	// Lockout claims PIN lockout.
	Lockout bool `json:"lockout"`
}

// HasRole reports whether the claim includes a role.
func (c *SuiteClaim) HasRole(role string) bool { return contains(c.Roles, role) }

// HasMode reports whether the claim includes a mode.
func (c *SuiteClaim) HasMode(mode string) bool { return contains(c.Modes, mode) }

// Has reports whether the claim covers a feature or role named as in the
// scenario tags of spec/README.md: "authority", "client", "server",
// "permits", "one-pass", "wrong-pin", "full", "factors", "seeded-shares",
// "lockout". Unknown names are not claimed.
func (c *SuiteClaim) Has(name string) bool {
	switch name {
	case RoleAuthority, RoleClient, RoleServer:
		return c.HasRole(name)
	case ModeOnePass:
		return c.HasMode(ModeOnePass)
	case "permits":
		return c.Permits
	case "wrong-pin":
		return c.WrongPIN
	case "full":
		return c.Full
	case "factors":
		return c.Factors
	case "seeded-shares":
		return c.SeededShares
	case "lockout":
		return c.Lockout
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Harness names the harness in a capabilities request.
type Harness struct {
	// Name of the harness.
	Name string `json:"name"`
	// Version of the harness.
	Version string `json:"version"`
}

// CapabilitiesRequest opens every conversation with a shim.
type CapabilitiesRequest struct {
	// Shim is the protocol version the harness speaks.
	Shim string `json:"shim"`
	// Harness names the harness.
	Harness Harness `json:"harness"`
}

// Capabilities is the IUT's claim.
type Capabilities struct {
	// Shim is the protocol version the shim speaks.
	Shim string `json:"shim"`
	// Implementation names the IUT.
	Implementation Implementation `json:"implementation"`
	// Suites holds one claim per suite offered.
	Suites []SuiteClaim `json:"suites"`
	// Ops optionally lists the operations implemented.
	Ops []string `json:"ops,omitempty"`
}

// Claim returns the claim for a suite, or nil when the suite is not
// offered.
func (c *Capabilities) Claim(suite string) *SuiteClaim {
	for i := range c.Suites {
		if c.Suites[i].Suite == suite {
			return &c.Suites[i]
		}
	}
	return nil
}

// Implements reports whether the capabilities allow an operation: true
// when Ops is absent or lists it.
func (c *Capabilities) Implements(op string) bool {
	return len(c.Ops) == 0 || contains(c.Ops, op)
}
