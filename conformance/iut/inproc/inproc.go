package inproc

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Name is the implementation name the adapter reports.
const Name = "mpinkit reference (reference/mpin)"

// Version is the adapter's version string.
const Version = "inproc adapter 1"

// Options configure an Adapter.
type Options struct {
	// Rand is the randomness source for values the IUT draws (x, y, z, w,
	// shares); nil means crypto/rand.
	Rand io.Reader
}

// Adapter is the in-process IUT. It is safe for concurrent use.
type Adapter struct {
	rand io.Reader

	mu sync.Mutex
	// nextClient and nextServer number the handles c1, c2, ... and s1,
	// s2, ...
	nextClient, nextServer int
	clients                map[string]*client
	servers                map[string]*server
}

// New returns an adapter with no handles.
func New(opts Options) *Adapter {
	r := opts.Rand
	if r == nil {
		r = rand.Reader
	}
	a := &Adapter{rand: r}
	a.clear()
	return a
}

var _ iut.IUT = (*Adapter)(nil)

func (a *Adapter) clear() {
	a.clients = map[string]*client{}
	a.servers = map[string]*server{}
}

// profile looks a suite string up (REQ-MPIN-2.1: an unknown suite is
// UNSUPPORTED, with no fallback).
func profile(suite string) (*mpin.Profile, error) {
	p, err := mpin.Lookup(suite)
	if err != nil {
		return nil, iut.Errorf(iut.Unsupported, "suite %q is not offered", suite)
	}
	return p, nil
}

// fail turns an error of the reference into an *iut.Error named by
// mpin.ErrorName; a WrongPINError keeps its delta.
func fail(err error) error {
	if err == nil {
		return nil
	}
	var e *iut.Error
	if errors.As(err, &e) {
		return err
	}
	name := mpin.ErrorName(err)
	if name == "" {
		return iut.Errorf(iut.Internal, "%v", err)
	}
	out := &iut.Error{Name: name, Detail: err.Error()}
	var wp *mpin.WrongPINError
	if errors.As(err, &wp) {
		d := wp.Delta
		out.Delta = &d
	}
	return out
}

// Capabilities claims every suite, role, mode and feature.
func (a *Adapter) Capabilities(context.Context) (*iut.Capabilities, error) {
	c := &iut.Capabilities{
		Shim:           iut.Protocol,
		Implementation: iut.Implementation{Name: Name, Version: Version},
	}
	for _, s := range iut.Suites {
		c.Suites = append(c.Suites, iut.SuiteClaim{
			Suite:        s,
			Roles:        []string{iut.RoleAuthority, iut.RoleClient, iut.RoleServer},
			Modes:        []string{iut.ModeTwoPass, iut.ModeOnePass},
			Permits:      true,
			WrongPIN:     true,
			Full:         true,
			Factors:      true,
			SeededShares: true,
			Lockout:      true,
		})
	}
	return c, nil
}

// Reset drops every handle, session, replay memory and lockout counter.
func (a *Adapter) Reset(context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.clear()
	return nil
}

// Close is Reset: an in-process adapter holds nothing else.
func (a *Adapter) Close(ctx context.Context) error { return a.Reset(ctx) }

// CloseHandle releases a client, server or session handle.
func (a *Adapter) CloseHandle(_ context.Context, r *iut.CloseRequest) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.clients[r.Handle]; ok {
		delete(a.clients, r.Handle)
		return nil
	}
	if _, ok := a.servers[r.Handle]; ok {
		delete(a.servers, r.Handle)
		return nil
	}
	for _, c := range a.clients {
		if _, ok := c.sessions[r.Handle]; ok {
			delete(c.sessions, r.Handle)
			return nil
		}
	}
	for _, s := range a.servers {
		if _, ok := s.sessions[r.Handle]; ok {
			delete(s.sessions, r.Handle)
			return nil
		}
	}
	return iut.Errorf(iut.BadRequest, "unknown handle %q", r.Handle)
}

// draw returns the encoding of a fresh scalar in [1, r).
func (a *Adapter) draw(p *mpin.Profile) ([]byte, error) {
	b, err := p.GenerateMasterShare(a.rand)
	if err != nil {
		return nil, iut.Errorf(iut.Internal, "randomness: %v", err)
	}
	return b, nil
}

// ---- values ----

// Validate decodes a value of a kind with every check and re-encodes it.
func (a *Adapter) Validate(_ context.Context, r *iut.ValidateRequest) (*iut.ValidateResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	var out []byte
	switch r.Kind {
	case "scalar", "nonzero_scalar":
		if r.Kind == "scalar" && len(r.Value) == p.ScalarSize() && allZero(r.Value) {
			out = r.Value
			break
		}
		k, err := p.DecodeScalar(r.Value)
		if err != nil {
			return nil, fail(err)
		}
		out = p.EncodeScalar(k)
	case "g1":
		pt, err := p.DecodeG1(r.Value)
		if err != nil {
			return nil, fail(err)
		}
		out = p.EncodeG1(pt)
	case "g2":
		pt, err := p.DecodeG2(r.Value)
		if err != nil {
			return nil, fail(err)
		}
		out = p.EncodeG2(pt)
	case "gt":
		g, err := p.DecodeGT(r.Value)
		if err != nil {
			return nil, fail(err)
		}
		out = p.EncodeGT(g)
	case "hid":
		// PermitPoint runs the authority's checks on HID (REQ-MPIN-3.6).
		if _, err := p.PermitPoint(r.Value, 1); err != nil {
			return nil, fail(err)
		}
		out = r.Value
	default:
		return nil, iut.Errorf(iut.BadRequest, "unknown kind %q", r.Kind)
	}
	return &iut.ValidateResult{Canonical: out}, nil
}

func allZero(b []byte) bool {
	for _, v := range b {
		if v != 0 {
			return false
		}
	}
	return true
}

// checkID applies REQ-MPIN-4.1 to an identity.
func checkID(id []byte) error {
	if len(id) == 0 {
		return iut.Errorf(iut.InvalidArgument, "empty identity")
	}
	return nil
}

// HashID returns HID and A.
func (a *Adapter) HashID(_ context.Context, r *iut.HashIDRequest) (*iut.HashIDResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	if err := checkID(r.Identity); err != nil {
		return nil, err
	}
	hid, err := p.HashID(r.Identity)
	if err != nil {
		return nil, fail(err)
	}
	pt, err := p.MapID(r.Identity)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.HashIDResult{HID: hid, A: pt}, nil
}

// PermitPoint returns AT.
func (a *Adapter) PermitPoint(_ context.Context, r *iut.PermitPointRequest) (*iut.PermitPointResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	day, err := intDay(r.Day)
	if err != nil {
		return nil, err
	}
	at, err := p.PermitPoint(r.HID, day)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.PermitPointResult{AT: at}, nil
}

// intDay range-checks a day before it is narrowed to int (REQ-MPIN-6.1).
func intDay(d int64) (int, error) {
	if d < 1 || d > 1<<31-1 {
		return 0, iut.Errorf(iut.InvalidArgument, "day %d out of range", d)
	}
	return int(d), nil
}

// Pair returns e(P, Q').
func (a *Adapter) Pair(_ context.Context, r *iut.PairRequest) (*iut.PairResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	g1, err := p.DecodeG1(r.G1)
	if err != nil {
		return nil, fail(fmt.Errorf("g1: %w", err))
	}
	g2, err := p.DecodeG2(r.G2)
	if err != nil {
		return nil, fail(fmt.Errorf("g2: %w", err))
	}
	g, err := p.Suite().Pair(g1, g2)
	if err != nil {
		return nil, iut.Errorf(iut.Internal, "pairing: %v", err)
	}
	return &iut.PairResult{GT: p.EncodeGT(g)}, nil
}

// ---- authority ----

// MasterShare adopts a scalar, derives a share from a seed, or draws one.
func (a *Adapter) MasterShare(_ context.Context, r *iut.MasterShareRequest) (*iut.MasterShareResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Scalar != nil && r.Seed != nil:
		return nil, iut.Errorf(iut.BadRequest, "both scalar and seed")
	case r.Scalar != nil:
		k, err := p.DecodeScalar(r.Scalar)
		if err != nil {
			return nil, fail(fmt.Errorf("master share: %w", err))
		}
		return &iut.MasterShareResult{Share: p.EncodeScalar(k)}, nil
	case r.Seed != nil:
		s, err := p.MasterShareFromSeed(r.Seed)
		if err != nil {
			return nil, fail(err)
		}
		return &iut.MasterShareResult{Share: s}, nil
	}
	s, err := a.draw(p)
	if err != nil {
		return nil, err
	}
	return &iut.MasterShareResult{Share: s}, nil
}

// ServerSecretShare returns s_i Q.
func (a *Adapter) ServerSecretShare(_ context.Context, r *iut.ServerSecretShareRequest) (*iut.ServerSecretShareResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	ss, err := p.ServerSecretShare(r.Share)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ServerSecretShareResult{SS: ss}, nil
}

// ClientSecretShare returns s_i A.
func (a *Adapter) ClientSecretShare(_ context.Context, r *iut.ClientSecretShareRequest) (*iut.ClientSecretShareResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	cs, err := p.ClientSecretShare(r.Share, r.HID)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ClientSecretShareResult{CS: cs}, nil
}

// TimePermitShare returns s_i AT; with Now it applies the issuance window
// of REQ-MPIN-6.7 (today and tomorrow), which the reference leaves to its
// caller.
func (a *Adapter) TimePermitShare(_ context.Context, r *iut.TimePermitShareRequest) (*iut.TimePermitShareResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	day, err := intDay(r.Day)
	if err != nil {
		return nil, err
	}
	tp, err := p.TimePermitShare(r.Share, r.HID, day)
	if err != nil {
		return nil, fail(err)
	}
	if r.Now != 0 {
		today := r.Now / mpin.SecondsPerDay
		if r.Day != today && r.Day != today+1 {
			return nil, iut.Errorf(iut.WrongDay, "permit for day %d requested on day %d", r.Day, today)
		}
	}
	return &iut.TimePermitShareResult{TP: tp}, nil
}

// RecombineG1 adds G1 shares.
func (a *Adapter) RecombineG1(_ context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pt, err := p.RecombineG1(hexes(r.Points)...)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.RecombineResult{Point: pt}, nil
}

// RecombineG2 adds G2 shares.
func (a *Adapter) RecombineG2(_ context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pt, err := p.RecombineG2(hexes(r.Points)...)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.RecombineResult{Point: pt}, nil
}

func hexes(h []iut.Hex) [][]byte {
	out := make([][]byte, len(h))
	for i, v := range h {
		out[i] = v
	}
	return out
}

// ---- factors ----

// pinArg narrows a PIN to int (REQ-MPIN-5.1: negative PINs are refused by
// the reference; values beyond 2^31 - 1 are refused here).
func pinArg(pin int64) (int, error) {
	if pin < 0 || pin > 1<<31-1 {
		return 0, iut.Errorf(iut.InvalidArgument, "PIN %d out of range", pin)
	}
	return int(pin), nil
}

// ExtractPIN returns S - (pin mod 10000) A.
func (a *Adapter) ExtractPIN(_ context.Context, r *iut.ExtractPINRequest) (*iut.ExtractPINResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	t, err := p.ExtractPIN(r.Secret, r.Identity, pin)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ExtractPINResult{Token: t}, nil
}

// RestorePIN returns T + (pin mod 10000) A.
func (a *Adapter) RestorePIN(_ context.Context, r *iut.RestorePINRequest) (*iut.RestorePINResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	pin, err := pinArg(r.PIN)
	if err != nil {
		return nil, err
	}
	s, err := p.RestorePIN(r.Token, r.Identity, pin)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.RestorePINResult{Secret: s}, nil
}

// factorArgs range-checks a factor and its width (REQ-MPIN-5.5).
func factorArgs(f, bits int64) (uint64, int, error) {
	if f < 0 || bits < 1 || bits > mpin.MaxFactorBits || f >= 1<<uint(bits) {
		return 0, 0, iut.Errorf(iut.InvalidArgument, "factor %d of %d bits out of range", f, bits)
	}
	return uint64(f), int(bits), nil
}

// ExtractFactor returns S - f A.
func (a *Adapter) ExtractFactor(_ context.Context, r *iut.ExtractFactorRequest) (*iut.ExtractFactorResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	f, bits, err := factorArgs(r.Factor, r.Bits)
	if err != nil {
		return nil, err
	}
	t, err := p.ExtractFactor(r.Secret, r.Identity, f, bits)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.ExtractFactorResult{Token: t}, nil
}

// RestoreFactor returns T + f A.
func (a *Adapter) RestoreFactor(_ context.Context, r *iut.RestoreFactorRequest) (*iut.RestoreFactorResult, error) {
	p, err := profile(r.Suite)
	if err != nil {
		return nil, err
	}
	f, bits, err := factorArgs(r.Factor, r.Bits)
	if err != nil {
		return nil, err
	}
	s, err := p.RestoreFactor(r.Token, r.Identity, f, bits)
	if err != nil {
		return nil, fail(err)
	}
	return &iut.RestoreFactorResult{Secret: s}, nil
}
