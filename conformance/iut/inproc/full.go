package inproc

import (
	"context"
	"fmt"

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
// (REQ-MPIN-11.4, 11.6) with the reference's key schedule on the given
// values.
func (a *Adapter) FullClientKey(_ context.Context, r *iut.FullClientKeyRequest) (*iut.KeyResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	key, err := p.FullClientKey(r.GTToken, r.GTID, pin, r.Z, r.X, r.H, r.WPoint)
	if err != nil {
		return nil, fail(err)
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
	if err := checkID(r.Identity); err != nil {
		return nil, err
	}
	key, err := p.FullServerKey(r.Identity, r.ServerSecret, r.R, r.W, r.H, r.U, r.UT)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.KeyResult{Key: key}, nil
}
