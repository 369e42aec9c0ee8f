package mpin

import (
	"fmt"

	"github.com/mpinkit/mpinkit/pairing"
)

// M-Pin Full key derivation on explicit inputs (spec REQ-MPIN-11.4 to
// 11.6), for test vectors and conformance harnesses that check a key
// schedule apart from a protocol run. ClientSession.FullPass2 and the
// server's VerifyFull and ServerSession.Full derive their keys with the
// same code.

// FullClientKey returns the M-Pin Full client key
//
//	Kc = KDF(Tr((gToken gID^pin)^(z + h)), x W)
//
// from the encoded precomputed pairings gToken = e(T, Q) and
// gID = e(H1(ID), Q) (each checked to lie in GT), the PIN (reduced mod
// MaxPIN; negative gives ErrInvalidPIN), the encoded secrets z and x, the
// transcript hash h = HashAll(...) and the server's key share W (checked
// like every decoded point). z + h = 0 mod r gives ErrInvalidScalar; x W
// at infinity gives ErrIdentity. The key is KeySize bytes.
//
// The exponentiations and the multiplication by x are the suite's
// constant-time ones; decoding and the checks are not constant time in
// the public inputs.
func (p *Profile) FullClientKey(gToken, gID []byte, pin int, z, x, h, w []byte) ([]byte, error) {
	f, err := reducePIN(pin)
	if err != nil {
		return nil, err
	}
	g1, err := p.DecodeGT(gToken)
	if err != nil {
		return nil, fmt.Errorf("e(T, Q): %w", err)
	}
	g2, err := p.DecodeGT(gID)
	if err != nil {
		return nil, fmt.Errorf("e(H1(ID), Q): %w", err)
	}
	var ks [3]pairing.Scalar
	for i, v := range []struct {
		name string
		b    []byte
	}{{"z", z}, {"x", x}, {"h", h}} {
		if ks[i], err = p.DecodeScalar(v.b); err != nil {
			return nil, fmt.Errorf("%s: %w", v.name, err)
		}
	}
	defer ks[0].SetUint64(0)
	defer ks[1].SetUint64(0)
	wp, err := p.DecodeG1(w)
	if err != nil {
		return nil, fmt.Errorf("server key share: %w", err)
	}
	pinK := p.suite.NewScalar().SetUint64(f)
	defer pinK.SetUint64(0)
	return p.clientKey(g1, g2, pinK, ks[0], ks[2], ks[1], wp)
}

// clientKey is KDF(Tr((g1 g2^pin)^(z + h)), x W) (REQ-MPIN-11.4).
// (g1 g2^pin)^(z+h) = e(T + pin A, Q)^(z+h) = e(A, Q)^(s (z+h)).
func (p *Profile) clientKey(g1, g2 pairing.GT, pin, z, h, x pairing.Scalar, w pairing.G1) ([]byte, error) {
	e := p.suite.NewScalar().Add(z, h)
	defer e.SetUint64(0)
	if e.IsZero() {
		return nil, fmt.Errorf("%w: z + h = 0", ErrInvalidScalar)
	}
	g := p.suite.NewGT().Exp(g2, pin)
	g.Mul(g, g1)
	g.Exp(g, e)
	return p.sessionKey(g, p.suite.NewG1().ScalarMult(x, w))
}

// FullServerKey returns the M-Pin Full server key
//
//	Ks = KDF(Tr(e(R + h H1(ID), sQ)), w U*)
//
// for an identity, the encoded server secret sQ, the client's key share
// R, the server's secret w, the transcript hash h and the first-pass U
// and UT (U* is UT when ut is not empty, U otherwise; both are checked).
// It does no verification: a server derives this key only after the check
// passed (REQ-MPIN-11.7). R + h H1(ID) or w U* at infinity gives
// ErrIdentity.
func (p *Profile) FullServerKey(id, serverSecret, r, w, h, u, ut []byte) ([]byte, error) {
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	sq, err := p.DecodeG2(serverSecret)
	if err != nil {
		return nil, fmt.Errorf("server secret: %w", err)
	}
	rp, err := p.DecodeG1(r)
	if err != nil {
		return nil, fmt.Errorf("R: %w", err)
	}
	wk, err := p.DecodeScalar(w)
	if err != nil {
		return nil, fmt.Errorf("w: %w", err)
	}
	defer wk.SetUint64(0)
	hk, err := p.DecodeScalar(h)
	if err != nil {
		return nil, fmt.Errorf("h: %w", err)
	}
	us, err := p.DecodeG1(u)
	if err != nil {
		return nil, fmt.Errorf("U: %w", err)
	}
	if len(ut) != 0 {
		if us, err = p.DecodeG1(ut); err != nil {
			return nil, fmt.Errorf("UT: %w", err)
		}
	}
	return p.serverKey(a, rp, hk, wk, us, func(pt pairing.G1) (pairing.GT, error) {
		return p.suite.Pair(pt, sq)
	})
}

// serverKey is KDF(Tr(e(R + h A, sQ)), w U*) (REQ-MPIN-11.5), with the
// pairing against sQ done by pairSQ.
func (p *Profile) serverKey(a, rp pairing.G1, h, w pairing.Scalar, uStar pairing.G1, pairSQ func(pairing.G1) (pairing.GT, error)) ([]byte, error) {
	ra := p.suite.NewG1().ScalarMultVarTime(h, a) // h is public
	ra.Add(ra, rp)
	if ra.IsIdentity() {
		return nil, fmt.Errorf("%w: R + h H1(ID)", ErrIdentity)
	}
	g, err := pairSQ(ra)
	if err != nil {
		return nil, err
	}
	return p.sessionKey(g, p.suite.NewG1().ScalarMult(w, uStar))
}
