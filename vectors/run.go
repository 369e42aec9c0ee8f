package vectors

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// checker runs the reference on one case of a group type and reports how
// it differs from the case; nil when it reproduces it.
type checker func(p *mpin.Profile, g *Group, t *Test) error

// groupTypes maps every group type to its checker.
var groupTypes map[string]checker

func init() {
	groupTypes = map[string]checker{
		"IdentityMap":         checkIdentityMap,
		"PermitPoint":         checkPermitPoint,
		"OnePassChallenge":    checkOnePassChallenge,
		"HashAll":             checkHashAll,
		"Pairing":             checkPairing,
		"Decoding":            checkDecoding,
		"MasterShareFromSeed": checkMasterShareFromSeed,
		"DtaIssuance":         checkDtaIssuance,
		"ServerSecretShare":   checkServerSecretShare,
		"ClientSecretShare":   checkClientSecretShare,
		"TimePermitShare":     checkTimePermitShare,
		"RecombineG1":         checkRecombine,
		"RecombineG2":         checkRecombine,
		"ExtractPin":          checkExtractPin,
		"ExtractFactor":       checkExtractFactor,
		"TwoPass":             checkTwoPass,
		"TwoPassServer":       checkTwoPassServer,
		"TwoPassClient":       checkTwoPassClient,
		"OnePass":             checkOnePass,
		"OnePassServer":       checkOnePassServer,
		"OnePassClient":       checkOnePassClient,
		"WrongPin":            checkWrongPin,
		"MpinFull":            checkFull,
		"MpinFullServer":      checkFullServer,
		"MpinFullClient":      checkFullClient,
	}
}

// GroupTypes returns the names of every group type, sorted.
func GroupTypes() []string {
	out := make([]string, 0, len(groupTypes))
	for n := range groupTypes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Failure is one case the reference did not reproduce.
type Failure struct {
	// TcID is the case's number.
	TcID int
	// Type is the case's group type.
	Type string
	// Comment is the case's comment.
	Comment string
	// Err says how the outcome differs.
	Err error
}

// RunError is Run's report of the cases that failed.
type RunError struct {
	// Suite is the file's suite string.
	Suite string
	// Algorithm is the file's algorithm.
	Algorithm string
	// Failures lists the failed cases in file order.
	Failures []Failure
}

// Error lists the failed cases.
func (e *RunError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "vectors: %s %s: %d cases failed", e.Algorithm, e.Suite, len(e.Failures))
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n\ttcId %d (%s, %s): %v", f.TcID, f.Type, f.Comment, f.Err)
	}
	return b.String()
}

// ErrMismatch is wrapped by every Failure's Err: the reference's outcome
// differs from the vector.
var ErrMismatch = errors.New("vectors: outcome differs from the vector")

// Run replays every case of f against the reference implementation under
// the file's suite. A valid case must succeed and reproduce every output
// the case lists, octet for octet; an invalid case must fail with the
// canonical error it names (mpin.ErrorName), or, flagged KeyMismatch,
// succeed with the two different keys it lists. It returns a *RunError
// listing the cases that did not, nil when all did, and an
// mpin.ErrUnsupported error for an unknown suite.
func Run(f *File) error {
	p, err := mpin.Lookup(f.Suite)
	if err != nil {
		return err
	}
	re := &RunError{Suite: f.Suite, Algorithm: f.Algorithm}
	for _, g := range f.TestGroups {
		if g == nil {
			return fmt.Errorf("%w: a group is null", ErrSchema)
		}
		check, ok := groupTypes[g.Type]
		if !ok {
			return fmt.Errorf("%w: unknown group type %q", ErrSchema, g.Type)
		}
		for _, t := range g.Tests {
			if t == nil {
				return fmt.Errorf("%w: a %s test is null", ErrSchema, g.Type)
			}
			if err := check(p, g, t); err != nil {
				re.Failures = append(re.Failures, Failure{t.TcID, g.Type, t.Comment, fmt.Errorf("%w: %w", ErrMismatch, err)})
			}
		}
	}
	if len(re.Failures) != 0 {
		return re
	}
	return nil
}

// rejected reports whether err, the error of a step, is the outcome the
// case expects: nil when the case is invalid and names err's canonical
// name, otherwise a description of the difference.
func rejected(t *Test, err error) error {
	name := mpin.ErrorName(err)
	if t.Result != Invalid {
		return fmt.Errorf("valid case rejected with %s (%v)", name, err)
	}
	if name != t.Error {
		return fmt.Errorf("rejected with %s (%v), want %s", name, err, t.Error)
	}
	return nil
}

// accepted reports whether success is the outcome the case expects.
func accepted(t *Test) error {
	if t.Result == Invalid && t.Error != "" {
		return fmt.Errorf("accepted, want %s", t.Error)
	}
	return nil
}

// same compares an output with the case's value, when the case lists one.
func same(name string, got []byte, want HexBytes) error {
	if want == nil || bytes.Equal(got, want) {
		return nil
	}
	return fmt.Errorf("%s = %x, want %x", name, got, []byte(want))
}

// output is a computed value and the case's expectation.
type output struct {
	name string
	got  []byte
	want HexBytes
}

// sameAll is same over several outputs; it reports the first difference.
func sameAll(outs ...output) error {
	for _, o := range outs {
		if err := same(o.name, o.got, o.want); err != nil {
			return err
		}
	}
	return nil
}

// need reports a missing input.
func need(name string, ok bool) error {
	if ok {
		return nil
	}
	return fmt.Errorf("%w: input %s missing", ErrSchema, name)
}

// intOf returns *v, or 0 for nil.
func intOf(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}
