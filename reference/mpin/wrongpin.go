package mpin

import (
	"fmt"
	"strings"

	"github.com/mpinkit/mpinkit/pairing"
)

// babySteps is the baby-step table size of the PIN-error search: about
// the square root of the 2*MaxPIN - 1 candidates, which balances the
// table against the giant steps.
const babySteps = 142

// recoverPINError finds delta with 0 < |delta| < MaxPIN and e = f^(-delta),
// or reports false. It is a baby-step giant-step search (Shanks) in GT:
// with g = 1/f, a table of g^j for 0 <= j < m, and giant steps
// e g^(-i m) for i from -ceil((MaxPIN-1)/m) up, a hit gives delta = i m + j.
// That is about 2 sqrt(2 MaxPIN) = 283 multiplications in GT and no
// exponentiation. Milagro uses a Pollard kangaroo with a trap, which can
// miss an existing delta; this search cannot (spec REQ-MPIN-10.3).
// Variable time: its inputs are public verification values.
func recoverPINError(s pairing.Suite, e, f pairing.GT) (int, bool) {
	const n = MaxPIN - 1 // largest |delta|
	const m = babySteps
	if e.IsOne() || f.IsOne() {
		return 0, false
	}
	g := s.NewGT().Inverse(f)
	table := make(map[string]int, m)
	cur := s.NewGT()
	for j := range m {
		table[gtKey(cur)] = j
		cur.Mul(cur, g)
	}
	// cur = g^m.
	const steps = (n + m - 1) / m // giant steps on each side
	t := s.NewGT().Mul(e, gtPow(s, cur, steps))
	giant := s.NewGT().Inverse(cur)
	for i := -steps; i*m <= n; i++ {
		if j, ok := table[gtKey(t)]; ok {
			d := i*m + j
			if d != 0 && d >= -n && d <= n {
				return d, true
			}
			return 0, false
		}
		t.Mul(t, giant)
	}
	return 0, false
}

// gtKey returns the coefficients of g as a map key.
func gtKey(g pairing.GT) string {
	var b strings.Builder
	for _, c := range g.Coefficients() {
		b.Write(c)
	}
	return b.String()
}

// gtPow returns a^k for a small public k by square and multiply.
func gtPow(s pairing.Suite, a pairing.GT, k int) pairing.GT {
	out := s.NewGT()
	base := s.NewGT().Set(a)
	for ; k > 0; k >>= 1 {
		if k&1 == 1 {
			out.Mul(out, base)
		}
		base.Mul(base, base)
	}
	return out
}

// RecoverPINError finds the PIN error from the encoded values E and F of a
// failed check (see Server.PINErrorValues): the delta with
// 0 < |delta| < MaxPIN and E F^delta = 1, where delta = entered PIN -
// registered PIN. It returns ErrNotAClient when there is none, and
// decoding errors for inputs that are not GT values. The search is
// complete over the range (spec REQ-MPIN-10.3).
func (p *Profile) RecoverPINError(e, f []byte) (int, error) {
	eg, err := p.DecodeGT(e)
	if err != nil {
		return 0, fmt.Errorf("E: %w", err)
	}
	fg, err := p.DecodeGT(f)
	if err != nil {
		return 0, fmt.Errorf("F: %w", err)
	}
	if d, ok := recoverPINError(p.suite, eg, fg); ok {
		return d, nil
	}
	return 0, ErrNotAClient
}
