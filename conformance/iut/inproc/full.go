package inproc

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// M-Pin Full known answers (spec/mpin.md section 11). The reference runs
// Full only inside its sessions; these operations take every input
// explicitly and compute with the reference's decoders and the pairing
// suite, so that a stack's outputs can be compared one formula at a time.

// identityPoint decodes H(ID) for a non-empty identity.
func identityPoint(p *mpin.Profile, id []byte) (pairing.G1, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	enc, err := p.MapID(id)
	if err != nil {
		return nil, fail(err)
	}
	a, err := p.DecodeG1(enc)
	if err != nil {
		return nil, fail(err)
	}
	return a, nil
}

// FullPrecompute returns e(T, Q) and e(A, Q) (REQ-MPIN-11.1).
func (a *Adapter) FullPrecompute(_ context.Context, r *iut.FullPrecomputeRequest) (*iut.FullPrecomputeResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	ida, err := identityPoint(p, r.Identity)
	if err != nil {
		return nil, err
	}
	t, err := p.DecodeG1(r.Token)
	if err != nil {
		return nil, fail(fmt.Errorf("token: %w", err))
	}
	s := p.Suite()
	gt, err := s.Pair(t, s.G2Generator())
	if err != nil {
		return nil, iut.Errorf(iut.Internal, "pairing: %v", err)
	}
	ga, err := s.Pair(ida, s.G2Generator())
	if err != nil {
		return nil, iut.Errorf(iut.Internal, "pairing: %v", err)
	}
	return &iut.FullPrecomputeResult{GTToken: p.EncodeGT(gt), GTID: p.EncodeGT(ga)}, nil
}

// scalarOrDraw decodes a supplied scalar or draws one.
func (a *Adapter) scalarOrDraw(p *mpin.Profile, b []byte, name string) ([]byte, pairing.Scalar, error) {
	if b == nil {
		var err error
		if b, err = a.draw(p); err != nil {
			return nil, nil, err
		}
	}
	k, err := p.DecodeScalar(b)
	if err != nil {
		return nil, nil, fail(fmt.Errorf("%s: %w", name, err))
	}
	return b, k, nil
}

// FullClientEphemeral returns z and R = z A (REQ-MPIN-11.2).
func (a *Adapter) FullClientEphemeral(_ context.Context, r *iut.FullClientEphemeralRequest) (*iut.FullClientEphemeralResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	ida, err := identityPoint(p, r.Identity)
	if err != nil {
		return nil, err
	}
	zb, z, err := a.scalarOrDraw(p, r.Z, "z")
	if err != nil {
		return nil, err
	}
	return &iut.FullClientEphemeralResult{Z: zb, R: p.EncodeG1(p.Suite().NewG1().ScalarMult(z, ida))}, nil
}

// hStar returns A, or A + AT(day) for a day.
func hStar(p *mpin.Profile, id []byte, ida pairing.G1, day int64) (pairing.G1, error) {
	h := p.Suite().NewG1().Set(ida)
	if day == 0 {
		return h, nil
	}
	d, err := intDay(day)
	if err != nil {
		return nil, err
	}
	hid, err := p.HashID(id)
	if err != nil {
		return nil, fail(err)
	}
	atEnc, err := p.PermitPoint(hid, d)
	if err != nil {
		return nil, fail(err)
	}
	at, err := p.DecodeG1(atEnc)
	if err != nil {
		return nil, fail(err)
	}
	return h.Add(h, at), nil
}

// FullServerEphemeral returns w and W = w H* (REQ-MPIN-11.2).
func (a *Adapter) FullServerEphemeral(_ context.Context, r *iut.FullServerEphemeralRequest) (*iut.FullServerEphemeralResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	ida, err := identityPoint(p, r.Identity)
	if err != nil {
		return nil, err
	}
	h, err := hStar(p, r.Identity, ida, r.Day)
	if err != nil {
		return nil, err
	}
	wb, w, err := a.scalarOrDraw(p, r.W, "w")
	if err != nil {
		return nil, err
	}
	return &iut.FullServerEphemeralResult{W: wb, WPoint: p.EncodeG1(p.Suite().NewG1().ScalarMult(w, h))}, nil
}

// checkHID validates a hashed identity as an authority does
// (REQ-MPIN-3.6).
func checkHID(p *mpin.Profile, hid []byte) error {
	if _, err := p.PermitPoint(hid, 1); err != nil {
		return fail(fmt.Errorf("hid: %w", err))
	}
	return nil
}

// FullHash returns h of REQ-MPIN-11.3 after validating every input.
func (a *Adapter) FullHash(_ context.Context, r *iut.FullHashRequest) (*iut.FullHashResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	if err := checkHID(p, r.HID); err != nil {
		return nil, err
	}
	for _, v := range []struct {
		name string
		b    []byte
	}{{"u", r.U}, {"ut", r.UT}, {"v", r.V}, {"r_point", r.R}, {"w_point", r.WPoint}} {
		if v.b == nil && v.name == "ut" {
			continue
		}
		if _, err := p.DecodeG1(v.b); err != nil {
			return nil, fail(fmt.Errorf("%s: %w", v.name, err))
		}
	}
	if _, err := p.DecodeScalar(r.Y); err != nil {
		return nil, fail(fmt.Errorf("y: %w", err))
	}
	return &iut.FullHashResult{H: p.HashAll(r.HID, r.U, r.UT, r.V, r.Y, r.R, r.WPoint)}, nil
}

// FullClientKey returns K_C = KDF(Tr((e(T,Q) e(A,Q)^pin)^(z+h)), x W)
// (REQ-MPIN-11.4, 11.6).
func (a *Adapter) FullClientKey(_ context.Context, r *iut.FullClientKeyRequest) (*iut.KeyResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	gt, err := p.DecodeGT(r.GTToken)
	if err != nil {
		return nil, fail(fmt.Errorf("gt_token: %w", err))
	}
	ga, err := p.DecodeGT(r.GTID)
	if err != nil {
		return nil, fail(fmt.Errorf("gt_id: %w", err))
	}
	var ks [3]pairing.Scalar
	for i, v := range []struct {
		name string
		b    []byte
	}{{"z", r.Z}, {"x", r.X}, {"h", r.H}} {
		if ks[i], err = p.DecodeScalar(v.b); err != nil {
			return nil, fail(fmt.Errorf("%s: %w", v.name, err))
		}
	}
	z, x, h := ks[0], ks[1], ks[2]
	w, err := p.DecodeG1(r.WPoint)
	if err != nil {
		return nil, fail(fmt.Errorf("w_point: %w", err))
	}
	s := p.Suite()
	e := s.NewScalar().Add(z, h)
	if e.IsZero() {
		return nil, iut.Errorf(iut.InvalidScalar, "z + h = 0 mod r")
	}
	g := s.NewGT().Exp(ga, s.NewScalar().SetUint64(uint64(pin%mpin.MaxPIN)))
	g.Mul(g, gt)
	g.Exp(g, e)
	key, err := kdf(p, g, s.NewG1().ScalarMult(x, w))
	if err != nil {
		return nil, err
	}
	return &iut.KeyResult{Key: key}, nil
}

// FullServerKey returns K_S = KDF(Tr(e(R + h A, sQ)), w U*) without a
// verification (REQ-MPIN-11.5, 11.6).
func (a *Adapter) FullServerKey(_ context.Context, r *iut.FullServerKeyRequest) (*iut.KeyResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	ida, err := identityPoint(p, r.Identity)
	if err != nil {
		return nil, err
	}
	sq, err := p.DecodeG2(r.ServerSecret)
	if err != nil {
		return nil, fail(fmt.Errorf("server_secret: %w", err))
	}
	rp, err := p.DecodeG1(r.R)
	if err != nil {
		return nil, fail(fmt.Errorf("r_point: %w", err))
	}
	w, err := p.DecodeScalar(r.W)
	if err != nil {
		return nil, fail(fmt.Errorf("w: %w", err))
	}
	h, err := p.DecodeScalar(r.H)
	if err != nil {
		return nil, fail(fmt.Errorf("h: %w", err))
	}
	us := r.U
	if r.UT != nil {
		us = r.UT
	}
	if _, err := p.DecodeG1(r.U); err != nil {
		return nil, fail(fmt.Errorf("u: %w", err))
	}
	u, err := p.DecodeG1(us)
	if err != nil {
		return nil, fail(fmt.Errorf("ut: %w", err))
	}
	s := p.Suite()
	pt := s.NewG1().ScalarMultVarTime(h, ida)
	pt.Add(pt, rp)
	if pt.IsIdentity() {
		return nil, iut.Errorf(iut.IdentityPoint, "R + h A is the identity")
	}
	g, err := s.Pair(pt, sq)
	if err != nil {
		return nil, iut.Errorf(iut.Internal, "pairing: %v", err)
	}
	key, err := kdf(p, g, s.NewG1().ScalarMult(w, u))
	if err != nil {
		return nil, err
	}
	return &iut.KeyResult{Key: key}, nil
}

// kdf is REQ-MPIN-11.6: the Fp4 trace of g, 3 g_{0,0} + 3 g_{1,1} s, as
// four Fp values, then the affine coordinates of d, hashed with SHA-256
// and cut to 16 octets. g_{j,k} is the Fp2 coefficient of v^k w^j, which
// GT.Coefficients places at 2(3j+k) (real part) and 2(3j+k)+1.
func kdf(p *mpin.Profile, g pairing.GT, d pairing.G1) ([]byte, error) {
	x, y, ok := d.Coordinates()
	if !ok {
		return nil, iut.Errorf(iut.IdentityPoint, "key-agreement point is the identity")
	}
	mod := fieldModulus(p)
	mb := p.ScalarSize()
	c := g.Coefficients()
	h := sha256.New()
	for _, i := range []int{0, 1, 8, 9} {
		v := new(big.Int).SetBytes(c[i])
		v.Mul(v, big.NewInt(3)).Mod(v, mod)
		h.Write(v.FillBytes(make([]byte, mb)))
	}
	h.Write(x)
	h.Write(y)
	return h.Sum(nil)[:mpin.KeySize], nil
}

// Base-field moduli of the two curves (spec/mpin.md REQ-MPIN-2.3).
var (
	pBN254CX, _  = new(big.Int).SetString("2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3", 16)
	pBLS12381, _ = new(big.Int).SetString("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16)
)

func fieldModulus(p *mpin.Profile) *big.Int {
	if p.Suite().Name() == "BN254CX" {
		return pBN254CX
	}
	return pBLS12381
}
