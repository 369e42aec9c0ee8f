package faulty

import (
	"context"
	"encoding/binary"
	"math/big"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// ---- values ----

// Validate applies the decoding faults.
func (f *IUT) Validate(ctx context.Context, r *iut.ValidateRequest) (*iut.ValidateResult, error) {
	rr := *r
	switch r.Kind {
	case "g1", "hid":
		rr.Value = f.reduceG1(r.Suite, r.Value)
	case "g2":
		rr.Value = f.g2In(r.Suite, r.Value)
	}
	res, err := f.IUT.Validate(ctx, &rr)
	var g1, g2 []iut.Hex
	if r.Kind == "g2" {
		g2 = []iut.Hex{r.Value}
	} else {
		g1 = []iut.Hex{r.Value}
	}
	if f.acceptsBad(r.Suite, err, g1, g2) {
		return &iut.ValidateResult{Canonical: r.Value}, nil
	}
	if err == nil && r.Kind == "g2" {
		res.Canonical = f.swapG2(r.Suite, res.Canonical)
	}
	return res, err
}

// wrongDST maps an identity with the tag a careless port would use: the
// SVDW tag on BLS12-381 (the MIRACL core example's, REQ-MPIN-4.7) and a
// tag without the MPIN suffix on BN254CX.
func wrongDST(suite string, id []byte) (iut.Hex, bool) {
	c := curve(suite)
	if c == nil || !c.Modern {
		return nil, false
	}
	var s pairing.Suite
	var dst string
	if c.Cofactor {
		s, dst = bls12381.Suite(), "BLS12381G1_XMD:SHA-256_SVDW_NU_MPIN"
	} else {
		s, dst = bn254.Suite(), "BN254CXG1_XMD:SHA-256_SVDW_NU_"
	}
	a, err := s.EncodeToG1(id, []byte(dst))
	if err != nil {
		return nil, false
	}
	x, y, ok := a.Coordinates()
	if !ok {
		return nil, false
	}
	return append(append(iut.Hex{4}, x...), y...), true
}

// HashID applies wrong-dst and odd-y-in-legacy-map.
func (f *IUT) HashID(ctx context.Context, r *iut.HashIDRequest) (*iut.HashIDResult, error) {
	res, err := f.IUT.HashID(ctx, r)
	if err != nil {
		return res, err
	}
	c := curve(r.Suite)
	switch {
	case f.is("wrong-dst"):
		if a, ok := wrongDST(r.Suite, r.Identity); ok {
			return &iut.HashIDResult{HID: a, A: a}, nil
		}
	case f.is("odd-y-in-legacy-map") && c != nil && !c.Modern:
		return &iut.HashIDResult{HID: res.HID, A: c.NegG1(res.A)}, nil
	}
	return res, nil
}

// Pair applies the G2 input faults.
func (f *IUT) Pair(ctx context.Context, r *iut.PairRequest) (*iut.PairResult, error) {
	rr := *r
	rr.G1 = f.reduceG1(r.Suite, r.G1)
	rr.G2 = f.g2In(r.Suite, r.G2)
	return f.IUT.Pair(ctx, &rr)
}

// ---- authority ----

// MasterShare applies accept-zero-share.
func (f *IUT) MasterShare(ctx context.Context, r *iut.MasterShareRequest) (*iut.MasterShareResult, error) {
	res, err := f.IUT.MasterShare(ctx, r)
	if f.is("accept-zero-share") && r.Scalar != nil && allZero(r.Scalar) {
		return &iut.MasterShareResult{Share: r.Scalar}, nil
	}
	return res, err
}

func allZero(b []byte) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return len(b) > 0
}

// ServerSecretShare applies accept-zero-share and swap-g2-coordinates.
func (f *IUT) ServerSecretShare(ctx context.Context, r *iut.ServerSecretShareRequest) (*iut.ServerSecretShareResult, error) {
	if f.is("accept-zero-share") && allZero(r.Share) {
		if c := curve(r.Suite); c != nil {
			z := curvemath.Fp2{A: new(big.Int), B: new(big.Int)}
			return &iut.ServerSecretShareResult{SS: c.EncodeG2(z, z)}, nil
		}
	}
	res, err := f.IUT.ServerSecretShare(ctx, r)
	if err == nil {
		res.SS = f.swapG2(r.Suite, res.SS)
	}
	return res, err
}

// ClientSecretShare applies the decoding faults to a modern HID.
func (f *IUT) ClientSecretShare(ctx context.Context, r *iut.ClientSecretShareRequest) (*iut.ClientSecretShareResult, error) {
	rr := *r
	if c := curve(r.Suite); c != nil && c.Modern {
		rr.HID = f.reduceG1(r.Suite, r.HID)
	}
	res, err := f.IUT.ClientSecretShare(ctx, &rr)
	if c := curve(r.Suite); c != nil && c.Modern && f.acceptsBad(r.Suite, err, []iut.Hex{r.HID}, nil) {
		return &iut.ClientSecretShareResult{CS: r.HID}, nil
	}
	return res, err
}

// recombine applies the faults of both recombinations.
func (f *IUT) recombine(ctx context.Context, r *iut.RecombineRequest, g2 bool) (*iut.RecombineResult, error) {
	rr := *r
	rr.Points = make([]iut.Hex, len(r.Points))
	for i, p := range r.Points {
		if g2 {
			rr.Points[i] = f.g2In(r.Suite, p)
		} else {
			rr.Points[i] = f.reduceG1(r.Suite, p)
		}
	}
	if f.is("mis-recombine-shares") && len(rr.Points) > 1 {
		rr.Points = rr.Points[:len(rr.Points)-1]
	}
	var res *iut.RecombineResult
	var err error
	if g2 {
		res, err = f.IUT.RecombineG2(ctx, &rr)
	} else {
		res, err = f.IUT.RecombineG1(ctx, &rr)
	}
	var p1, p2 []iut.Hex
	if g2 {
		p2 = r.Points
	} else {
		p1 = r.Points
	}
	if f.acceptsBad(r.Suite, err, p1, p2) && len(r.Points) > 0 {
		return &iut.RecombineResult{Point: r.Points[len(r.Points)-1]}, nil
	}
	if err == nil && g2 {
		res.Point = f.swapG2(r.Suite, res.Point)
	}
	return res, err
}

// RecombineG1 applies the recombination faults.
func (f *IUT) RecombineG1(ctx context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	return f.recombine(ctx, r, false)
}

// RecombineG2 applies the recombination faults.
func (f *IUT) RecombineG2(ctx context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	return f.recombine(ctx, r, true)
}

// ExtractPIN applies leak-noncanonical-encoding.
func (f *IUT) ExtractPIN(ctx context.Context, r *iut.ExtractPINRequest) (*iut.ExtractPINResult, error) {
	rr := *r
	rr.Secret = f.reduceG1(r.Suite, r.Secret)
	return f.IUT.ExtractPIN(ctx, &rr)
}

// ---- two-pass and one-pass, known answers ----

// ClientPass1 applies drop-time-permit and leak-noncanonical-encoding.
func (f *IUT) ClientPass1(ctx context.Context, r *iut.ClientPass1Request) (*iut.ClientPass1Result, error) {
	rr := *r
	rr.Token = f.reduceG1(r.Suite, r.Token)
	rr.Permit = f.reduceG1(r.Suite, r.Permit)
	if f.is("drop-time-permit") && r.Permit != nil {
		rr.Permit, rr.Day = nil, 0
		res, err := f.IUT.ClientPass1(ctx, &rr)
		if err == nil {
			res.UT = res.U
		}
		return res, err
	}
	return f.IUT.ClientPass1(ctx, &rr)
}

// ClientPass2 applies zero-y-accepted and no-x-plus-y-check.
func (f *IUT) ClientPass2(ctx context.Context, r *iut.ClientPass2Request) (*iut.ClientPass2Result, error) {
	res, err := f.IUT.ClientPass2(ctx, r)
	c := curve(r.Suite)
	if err == nil || c == nil || !named(err, iut.InvalidScalar) || len(r.Y) != c.MB || len(r.X) != c.MB {
		return res, err
	}
	switch {
	case f.is("zero-y-accepted") && allZero(r.Y):
		// V = -(x + 0) SEC, computed as -((x - 1) + 1) SEC.
		one := c.Scalar(big.NewInt(1))
		return f.IUT.ClientPass2(ctx, &iut.ClientPass2Request{Suite: r.Suite, X: c.AddScalars(r.X, c.NegScalar(one)), Y: one, SEC: r.SEC})
	case f.is("no-x-plus-y-check") && allZero(c.AddScalars(r.X, r.Y)):
		return &iut.ClientPass2Result{V: c.EncodeG1(new(big.Int), new(big.Int))}, nil
	}
	return res, err
}

// ServerVerify applies the server-side faults of a two-pass check.
func (f *IUT) ServerVerify(ctx context.Context, r *iut.ServerVerifyRequest) error {
	rr := *r
	rr.ServerSecret = f.g2In(r.Suite, r.ServerSecret)
	rr.U = f.reduceG1(r.Suite, r.U)
	rr.UT = f.reduceG1(r.Suite, r.UT)
	rr.V = f.reduceG1(r.Suite, r.V)
	err := f.IUT.ServerVerify(ctx, &rr)
	if f.is("ignore-permit-day") && r.Day != 0 && named(err, iut.WrongDay, iut.ExpiredPermit) {
		rr.Now = r.Day*86400 + r.Now%86400
		err = f.IUT.ServerVerify(ctx, &rr)
	}
	if f.acceptsBad(r.Suite, err, []iut.Hex{r.U, r.UT, r.V}, []iut.Hex{r.ServerSecret}) {
		return nil
	}
	if f.is("accept-wrong-pin") && named(err, iut.BadPIN) {
		return nil
	}
	return f.negateDelta(err)
}

// WrongPINValues applies the G2 input faults.
func (f *IUT) WrongPINValues(ctx context.Context, r *iut.WrongPINValuesRequest) (*iut.WrongPINValuesResult, error) {
	rr := *r
	rr.ServerSecret = f.g2In(r.Suite, r.ServerSecret)
	return f.IUT.WrongPINValues(ctx, &rr)
}

// WrongPINAnalysis applies wrong-pin-delta-sign.
func (f *IUT) WrongPINAnalysis(ctx context.Context, r *iut.WrongPINAnalysisRequest) (*iut.WrongPINAnalysisResult, error) {
	res, err := f.IUT.WrongPINAnalysis(ctx, r)
	if err == nil && f.is("wrong-pin-delta-sign") {
		res.Delta = -res.Delta
	}
	return res, err
}

// littleEndianY is the one-pass challenge with the time value written
// little-endian: the wrong-hash-prefix defect.
func littleEndianY(c *curvemath.Curve, tv int64, ustar, msg []byte) iut.Hex {
	var pre [4]byte
	binary.LittleEndian.PutUint32(pre[:], uint32(tv))
	return c.HashToScalar(0, pre[:], ustar, msg)
}

// ClientOnePass applies wrong-hash-prefix and drop-time-permit.
func (f *IUT) ClientOnePass(ctx context.Context, r *iut.ClientOnePassRequest) (*iut.ClientOnePassResult, error) {
	rr := *r
	if f.is("drop-time-permit") && r.Permit != nil {
		rr.Permit, rr.Day = nil, 0
		res, err := f.IUT.ClientOnePass(ctx, &rr)
		if err == nil {
			res.UT = res.U
		}
		return res, err
	}
	res, err := f.IUT.ClientOnePass(ctx, &rr)
	c := curve(r.Suite)
	if err != nil || !f.is("wrong-hash-prefix") || c == nil {
		return res, err
	}
	p1, err := f.IUT.ClientPass1(ctx, &iut.ClientPass1Request{Suite: r.Suite, Identity: r.Identity, Token: r.Token, PIN: r.PIN, Permit: r.Permit, Day: r.Day, X: res.X})
	if err != nil {
		return nil, err
	}
	ustar := p1.U
	if p1.UT != nil {
		ustar = p1.UT
	}
	y := littleEndianY(c, r.TimeValue, ustar, r.Message)
	p2, err := f.IUT.ClientPass2(ctx, &iut.ClientPass2Request{Suite: r.Suite, X: res.X, Y: y, SEC: p1.SEC})
	if err != nil {
		return nil, err
	}
	return &iut.ClientOnePassResult{X: res.X, U: p1.U, UT: p1.UT, Y: y, V: p2.V}, nil
}

// ServerVerifyOnePass applies wrong-hash-prefix, accept-stale-timevalue,
// accept-wrong-pin and wrong-pin-delta-sign.
func (f *IUT) ServerVerifyOnePass(ctx context.Context, r *iut.ServerVerifyOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	rr := *r
	rr.ServerSecret = f.g2In(r.Suite, r.ServerSecret)
	if f.is("accept-stale-timevalue") {
		rr.Now = r.TimeValue
	}
	res, err := f.IUT.ServerVerifyOnePass(ctx, &rr)
	c := curve(r.Suite)
	if f.is("wrong-hash-prefix") && c != nil && (err == nil || named(err, iut.BadPIN, iut.NotAClient)) {
		ustar := r.U
		if r.UT != nil && (r.Permits == nil || *r.Permits) {
			ustar = r.UT
		}
		y := littleEndianY(c, r.TimeValue, ustar, r.Message)
		verr := f.IUT.ServerVerify(ctx, &iut.ServerVerifyRequest{
			Suite: r.Suite, Identity: r.Identity, ServerSecret: rr.ServerSecret, U: r.U, UT: r.UT, Day: r.Day,
			Y: y, V: r.V, Permits: r.Permits, Now: rr.Now, Grace: r.Grace, Analyse: r.Analyse,
		})
		if verr != nil {
			return nil, verr
		}
		return &iut.ServerVerifyOnePassResult{Y: y}, nil
	}
	if f.is("accept-wrong-pin") && named(err, iut.BadPIN) {
		return &iut.ServerVerifyOnePassResult{}, nil
	}
	return res, f.negateDelta(err)
}

// ---- M-Pin Full ----

// FullHash applies full-key-without-transcript-hash.
func (f *IUT) FullHash(ctx context.Context, r *iut.FullHashRequest) (*iut.FullHashResult, error) {
	res, err := f.IUT.FullHash(ctx, r)
	if c := curve(r.Suite); err == nil && c != nil && f.is("full-key-without-transcript-hash") {
		return &iut.FullHashResult{H: c.HashToScalar(0, r.HID)}, nil
	}
	return res, err
}

// FullServerKey applies the G2 input faults.
func (f *IUT) FullServerKey(ctx context.Context, r *iut.FullServerKeyRequest) (*iut.KeyResult, error) {
	rr := *r
	rr.ServerSecret = f.g2In(r.Suite, r.ServerSecret)
	return f.IUT.FullServerKey(ctx, &rr)
}
