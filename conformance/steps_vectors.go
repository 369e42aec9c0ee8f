package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/vectors"
)

// Steps that drive the published vectors (vectors/, spec/vectors.md)
// through the IUT: one scenario per group type and suite runs every case of
// that type, step by step as spec/vectors.md section 6 orders them, and
// fails with the list of cases whose outcome differs.

var (
	vectorsOnce  sync.Once
	vectorFiles  []*vectors.File
	vectorsError error
)

func loadVectors() ([]*vectors.File, error) {
	vectorsOnce.Do(func() { vectorFiles, vectorsError = vectors.LoadAll() })
	return vectorFiles, vectorsError
}

// vcase is the run of one vector case.
type vcase struct {
	w   *world
	ctx context.Context
	g   *vectors.Group
	t   *vectors.Test
	// done is set once the case's outcome is decided.
	done bool
	// problem is the case's failure, if any.
	problem string
}

func vectorSteps(sc *godog.ScenarioContext) {
	sc.When(`^the published (\w+) vectors of the suite are run through the IUT$`, func(ctx context.Context, typ string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		run, ok := vectorRunners[typ]
		if !ok {
			return w.failf("no runner for vector group type %s", typ)
		}
		files, err := loadVectors()
		if err != nil {
			return w.failf("loading the vectors: %v", err)
		}
		var problems []string
		n := 0
		for _, f := range files {
			if f.Suite != w.suite {
				continue
			}
			for _, g := range f.TestGroups {
				if g.Type != typ {
					continue
				}
				for _, t := range g.Tests {
					n++
					c := &vcase{w: w, ctx: ctx, g: g, t: t}
					if err := run(c); err != nil {
						return err // a broken shim, an unimplemented core op, or a skip
					}
					c.finish()
					if c.problem != "" {
						problems = append(problems, fmt.Sprintf("tcId %d (%s): %s", t.TcID, t.Comment, c.problem))
					}
				}
			}
		}
		if n == 0 {
			return w.failf("the vectors have no %s cases for %s", typ, w.suite)
		}
		w.ints["VECTOR_CASES"] = int64(n)
		if len(problems) > 0 {
			shown := problems
			if len(shown) > 8 {
				shown = append(shown[:8:8], fmt.Sprintf("... and %d more", len(problems)-8))
			}
			return w.failf("%d of %d %s cases failed:\n  %s", len(problems), n, typ, strings.Join(shown, "\n  "))
		}
		return nil
	})
	sc.Then(`^every vector case has its expected outcome$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.ints["VECTOR_CASES"] == 0 {
			return w.failf("no vector case was run")
		}
		return nil
	})
}

// do runs one step of a case. It returns false when the case's outcome is
// decided (the step was rejected, as expected or not) and the runner must
// stop, and an error when the scenario itself must stop.
func (c *vcase) do(role, op string, f opFunc) (bool, error) {
	if c.done {
		return false, nil
	}
	if err := c.w.call(c.ctx, role, op, "", f); err != nil {
		return false, err
	}
	if c.w.err == nil {
		return true, nil
	}
	c.done = true
	got := iut.ErrorName(c.w.err)
	want := c.expected()
	switch {
	case c.t.Result == vectors.Valid || want == "":
		c.problem = fmt.Sprintf("%s was rejected with %v", op, c.w.err)
	case got == want || c.w.h.cfg.coarseMatch(got, want):
		if got != want {
			c.w.coarse = append(c.w.coarse, fmt.Sprintf("tcId %d: %s answered %s where %s was expected", c.t.TcID, op, got, want))
		}
		if want == iut.BadPIN && c.t.Delta != nil && c.analyse() {
			var e *iut.Error
			if errors.As(c.w.err, &e) && (e.Delta == nil || int64(*e.Delta) != *c.t.Delta) {
				c.problem = fmt.Sprintf("%s: BAD_PIN with PIN error %v, expected %d", op, deltaOf(e), *c.t.Delta)
			}
		}
	default:
		c.problem = fmt.Sprintf("%s was rejected with %v, expected %s", op, c.w.err, want)
	}
	return false, nil
}

func deltaOf(e *iut.Error) any {
	if e == nil || e.Delta == nil {
		return "none"
	}
	return *e.Delta
}

// expected is the canonical error the case names, adjusted for an IUT
// without wrong-PIN detection (every failed check is BAD_PIN then).
func (c *vcase) expected() string {
	if c.t.Error == iut.NotAClient && !c.analyse() {
		return iut.BadPIN
	}
	return c.t.Error
}

// analyse reports whether server checks run wrong-PIN detection.
func (c *vcase) analyse() bool { return c.w.claim.WrongPIN }

// finish decides a case whose steps all succeeded.
func (c *vcase) finish() {
	if c.done {
		return
	}
	c.done = true
	if c.t.Result == vectors.Invalid && c.t.Error != "" && c.problem == "" {
		c.problem = fmt.Sprintf("every step succeeded, expected %s", c.t.Error)
	}
}

// same compares an output with the case's value when the case lists it.
func (c *vcase) same(name string, got, want []byte) {
	if c.problem != "" || want == nil {
		return
	}
	if !bytes.Equal(got, want) {
		c.problem = fmt.Sprintf("%s is %x, expected %x", name, got, want)
	}
}

func (c *vcase) fail(format string, args ...any) {
	if c.problem == "" {
		c.problem = fmt.Sprintf(format, args...)
	}
}

func i64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func hx(b []byte) iut.Hex {
	if b == nil {
		return nil
	}
	return iut.Hex(b)
}

func hxs(list []vectors.HexBytes) []iut.Hex {
	out := make([]iut.Hex, len(list))
	for i, b := range list {
		out[i] = iut.Hex(b)
	}
	return out
}

// permitOf returns the client's permit and day.
func permitOf(t *vectors.Test) (iut.Hex, int64) {
	if t.TimePermit == nil {
		return nil, 0
	}
	return hx(t.TimePermit), i64(t.PermitDay)
}

var vectorRunners = map[string]func(c *vcase) error{
	"IdentityMap": func(c *vcase) error {
		var r *iut.HashIDResult
		_, err := c.do("client", iut.OpHashID, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.HashID(ctx, &iut.HashIDRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("hashedId", r.HID, c.t.HashedID)
			c.same("idPoint", r.A, c.t.IDPoint)
		}
		return err
	},
	"PermitPoint": func(c *vcase) error {
		var r *iut.PermitPointResult
		_, err := c.do("client", iut.OpPermitPoint, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.PermitPoint(ctx, &iut.PermitPointRequest{Suite: c.w.suite, HID: nonNil(c.t.HashedID), Day: i64(c.t.Day)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("permitPoint", r.AT, c.t.PermitPoint)
		}
		return err
	},
	"Decoding": func(c *vcase) error {
		kind := map[string]string{"G1": "g1", "G2": "g2", "Scalar": "nonzero_scalar", "GT": "gt"}[c.g.Kind]
		var r *iut.ValidateResult
		_, err := c.do("client", iut.OpValidate, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.Validate(ctx, &iut.ValidateRequest{Suite: c.w.suite, Kind: kind, Value: nonNil(c.t.Encoded)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("re-encoding", r.Canonical, c.t.Encoded)
		}
		return err
	},
	"Pairing": func(c *vcase) error {
		if c.w.claim.HasRole(iut.RoleAuthority) {
			// b Q is an authority's server-secret share of b.
			var ss *iut.ServerSecretShareResult
			ok, err := c.do("authority", iut.OpServerSecretShare, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
				var err error
				ss, err = p.ServerSecretShare(ctx, &iut.ServerSecretShareRequest{Suite: c.w.suite, Share: nonNil(c.t.B)})
				return nil, nil, err
			})
			if !ok {
				return err
			}
			c.same("g2 = b Q", ss.SS, c.t.G2)
		}
		var r *iut.PairResult
		_, err := c.do("server", iut.OpPair, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.Pair(ctx, &iut.PairRequest{Suite: c.w.suite, G1: nonNil(c.t.G1), G2: nonNil(c.t.G2)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("gt", r.GT, c.t.GT)
		}
		return err
	},
	"HashAll": func(c *vcase) error {
		var r *iut.FullHashResult
		_, err := c.do("client", iut.OpFullHash, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.FullHash(ctx, &iut.FullHashRequest{Suite: c.w.suite, HID: nonNil(c.t.HashedID), U: nonNil(c.t.U), UT: hx(c.t.UT),
				V: nonNil(c.t.V), Y: nonNil(c.t.Y), R: nonNil(c.t.ClientKeyShare), WPoint: nonNil(c.t.ServerKeyShare)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("h", r.H, c.t.H)
		}
		return err
	},
	"MasterShareFromSeed": func(c *vcase) error {
		var r *iut.MasterShareResult
		_, err := c.do("authority", iut.OpMasterShare, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			r, err = p.MasterShare(ctx, &iut.MasterShareRequest{Suite: c.w.suite, Seed: nonNil(c.t.Seed)})
			return nil, nil, err
		})
		if err == nil && r != nil {
			c.same("masterShare", r.Share, c.t.MasterShare)
		}
		return err
	},
	"ServerSecretShare": func(c *vcase) error {
		return c.share(func(ctx context.Context, p iut.IUT) ([]byte, error) {
			r, err := p.ServerSecretShare(ctx, &iut.ServerSecretShareRequest{Suite: c.w.suite, Share: nonNil(c.t.MasterShare)})
			if err != nil {
				return nil, err
			}
			return r.SS, nil
		}, iut.OpServerSecretShare)
	},
	"ClientSecretShare": func(c *vcase) error {
		return c.share(func(ctx context.Context, p iut.IUT) ([]byte, error) {
			r, err := p.ClientSecretShare(ctx, &iut.ClientSecretShareRequest{Suite: c.w.suite, Share: nonNil(c.t.MasterShare), HID: nonNil(c.t.HashedID)})
			if err != nil {
				return nil, err
			}
			return r.CS, nil
		}, iut.OpClientSecretShare)
	},
	"TimePermitShare": func(c *vcase) error {
		return c.share(func(ctx context.Context, p iut.IUT) ([]byte, error) {
			r, err := p.TimePermitShare(ctx, &iut.TimePermitShareRequest{Suite: c.w.suite, Share: nonNil(c.t.MasterShare), HID: nonNil(c.t.HashedID), Day: i64(c.t.Day)})
			if err != nil {
				return nil, err
			}
			return r.TP, nil
		}, iut.OpTimePermitShare)
	},
	"RecombineG1": func(c *vcase) error { return c.recombine(false) },
	"RecombineG2": func(c *vcase) error { return c.recombine(true) },
	"ExtractPin": func(c *vcase) error {
		var tok []byte
		ok, err := c.do("client", iut.OpExtractPIN, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractPIN(ctx, &iut.ExtractPINRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), Secret: nonNil(c.t.ClientSecret), PIN: i64(c.t.PIN)})
			if err == nil {
				tok = r.Token
			}
			return nil, nil, err
		})
		if !ok {
			return err
		}
		c.same("token", tok, c.t.Token)
		_, err = c.do("client", iut.OpRestorePIN, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.RestorePIN(ctx, &iut.RestorePINRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), Token: tok, PIN: i64(c.t.PIN)})
			if err == nil {
				c.same("restored clientSecret", r.Secret, c.t.ClientSecret)
			}
			return nil, nil, err
		})
		return err
	},
	"ExtractFactor": func(c *vcase) error {
		var tok []byte
		ok, err := c.do("client", iut.OpExtractFactor, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractFactor(ctx, &iut.ExtractFactorRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), Secret: nonNil(c.t.Secret), Factor: i64(c.t.Factor), Bits: i64(c.t.Bits)})
			if err == nil {
				tok = r.Token
			}
			return nil, nil, err
		})
		if !ok {
			return err
		}
		c.same("token", tok, c.t.Token)
		_, err = c.do("client", iut.OpRestoreFactor, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.RestoreFactor(ctx, &iut.RestoreFactorRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), Token: tok, Factor: i64(c.t.Factor), Bits: i64(c.t.Bits)})
			if err == nil {
				c.same("restored secret", r.Secret, c.t.Secret)
			}
			return nil, nil, err
		})
		return err
	},
	"DtaIssuance": func(c *vcase) error {
		// The D-TAs work from the hashed identity; a stack that plays the
		// client also computes it from the identity, and the receivers'
		// recombinations are checked for the roles claimed.
		hid := iut.Hex(c.t.HashedID)
		if c.w.claim.HasRole(iut.RoleClient) || c.w.claim.HasRole(iut.RoleServer) {
			got, ok, err := c.hashID()
			if !ok {
				return err
			}
			c.same("hashedId", got, c.t.HashedID)
		}
		var ss, cs, tp []iut.Hex
		for _, ms := range c.t.MasterShares {
			ms := iut.Hex(ms)
			for _, step := range []struct {
				op  string
				f   func(ctx context.Context, p iut.IUT) ([]byte, error)
				out *[]iut.Hex
			}{
				{iut.OpServerSecretShare, func(ctx context.Context, p iut.IUT) ([]byte, error) {
					r, err := p.ServerSecretShare(ctx, &iut.ServerSecretShareRequest{Suite: c.w.suite, Share: ms})
					if err != nil {
						return nil, err
					}
					return r.SS, nil
				}, &ss},
				{iut.OpClientSecretShare, func(ctx context.Context, p iut.IUT) ([]byte, error) {
					r, err := p.ClientSecretShare(ctx, &iut.ClientSecretShareRequest{Suite: c.w.suite, Share: ms, HID: hid})
					if err != nil {
						return nil, err
					}
					return r.CS, nil
				}, &cs},
				{iut.OpTimePermitShare, func(ctx context.Context, p iut.IUT) ([]byte, error) {
					r, err := p.TimePermitShare(ctx, &iut.TimePermitShareRequest{Suite: c.w.suite, Share: ms, HID: hid, Day: i64(c.t.Day)})
					if err != nil {
						return nil, err
					}
					return r.TP, nil
				}, &tp},
			} {
				var b []byte
				ok, err := c.do("authority", step.op, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
					var err error
					b, err = step.f(ctx, p)
					return nil, nil, err
				})
				if !ok {
					return err
				}
				*step.out = append(*step.out, b)
			}
		}
		for _, sum := range []struct {
			name   string
			g2     bool
			shares []iut.Hex
			want   []vectors.HexBytes
			total  vectors.HexBytes
		}{
			{"serverSecret", true, ss, c.t.ServerSecretShares, c.t.ServerSecret},
			{"clientSecret", false, cs, c.t.ClientSecretShares, c.t.ClientSecret},
			{"timePermit", false, tp, c.t.TimePermitShares, c.t.TimePermit},
		} {
			for i := range sum.want {
				if i < len(sum.shares) {
					c.same(fmt.Sprintf("%s share %d", sum.name, i+1), sum.shares[i], sum.want[i])
				}
			}
			if !c.w.claim.HasRole(map[bool]string{true: iut.RoleServer, false: iut.RoleClient}[sum.g2]) {
				continue
			}
			got, err := c.sum(sum.g2, sum.shares)
			if got == nil {
				return err
			}
			c.same(sum.name, got, sum.total)
		}
		return nil
	},
	"TwoPass":       func(c *vcase) error { return c.twoPass(true) },
	"TwoPassClient": func(c *vcase) error { return c.twoPass(false) },
	"TwoPassServer": func(c *vcase) error {
		_, err := c.verify(c.t.U, c.t.UT, i64(c.t.Day), c.t.Y, c.t.V)
		return err
	},
	"OnePass":       func(c *vcase) error { return c.onePass(true) },
	"OnePassClient": func(c *vcase) error { return c.onePass(false) },
	"OnePassServer": func(c *vcase) error {
		_, err := c.verifyOnePass(c.t.U, c.t.UT, i64(c.t.Day), c.t.V, c.t.Message)
		return err
	},
	"WrongPin": func(c *vcase) error {
		u, ut, v, ok, err := c.clientPasses(c.t.Y)
		if !ok {
			return err
		}
		var ef *iut.WrongPINValuesResult
		permits := c.g.TimePermits != nil && *c.g.TimePermits
		ok, err = c.do("server", iut.OpWrongPINValues, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			var err error
			ef, err = p.WrongPINValues(ctx, &iut.WrongPINValuesRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), ServerSecret: nonNil(c.g.ServerSecret),
				U: u, UT: ut, Day: i64(c.t.PermitDay), Y: nonNil(c.t.Y), V: v, Permits: &permits, Now: i64(c.t.Now), Grace: i64(c.g.PermitGrace)})
			return nil, nil, err
		})
		if !ok {
			return err
		}
		c.same("e", ef.E, c.t.E)
		c.same("f", ef.F, c.t.F)
		var delta int
		ok, err = c.do("server", iut.OpWrongPINAnalysis, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.WrongPINAnalysis(ctx, &iut.WrongPINAnalysisRequest{Suite: c.w.suite, E: ef.E, F: ef.F})
			if err == nil {
				delta = r.Delta
			}
			return nil, nil, err
		})
		if !ok {
			return err
		}
		if c.t.Result == vectors.Invalid && c.t.Error == iut.BadPIN {
			if c.t.Delta != nil && int64(delta) != *c.t.Delta {
				c.fail("the analysis found %d, expected %d", delta, *c.t.Delta)
			}
			// The analysis succeeded; verification must fail with BAD_PIN.
			_, err = c.verify(u, ut, i64(c.t.PermitDay), c.t.Y, v)
			return err
		}
		if delta != 0 {
			c.fail("the analysis found %d for a case without a PIN error", delta)
		}
		_, err = c.verify(u, ut, i64(c.t.PermitDay), c.t.Y, v)
		return err
	},
	"MpinFull":       func(c *vcase) error { return c.full(true) },
	"MpinFullClient": func(c *vcase) error { return c.full(false) },
	"MpinFullServer": func(c *vcase) error { return c.fullServer() },
}

// share runs one share issuance.
func (c *vcase) share(f func(ctx context.Context, p iut.IUT) ([]byte, error), op string) error {
	var b []byte
	_, err := c.do("authority", op, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		b, err = f(ctx, p)
		return nil, nil, err
	})
	if err == nil && b != nil {
		c.same("share", b, c.t.Share)
	}
	return err
}

// sum runs a recombination; nil when it did not succeed.
func (c *vcase) sum(g2 bool, shares []iut.Hex) ([]byte, error) {
	op, role := iut.OpRecombineG1, "client"
	if g2 {
		op, role = iut.OpRecombineG2, "server"
	}
	var out []byte
	ok, err := c.do(role, op, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		req := &iut.RecombineRequest{Suite: c.w.suite, Points: shares}
		var r *iut.RecombineResult
		var err error
		if g2 {
			r, err = p.RecombineG2(ctx, req)
		} else {
			r, err = p.RecombineG1(ctx, req)
		}
		if err == nil {
			out = r.Point
		}
		return nil, nil, err
	})
	if !ok {
		return nil, err
	}
	return out, nil
}

func (c *vcase) recombine(g2 bool) error {
	shares := hxs(c.t.Shares)
	got, err := c.sum(g2, shares)
	if got == nil {
		return err
	}
	c.same("sum", got, c.t.Sum)
	rev := make([]iut.Hex, len(shares))
	for i, s := range shares {
		rev[len(shares)-1-i] = s
	}
	got, err = c.sum(g2, rev)
	if got != nil {
		c.same("sum in reverse order", got, c.t.Sum)
	}
	return err
}

// clientPasses extracts the token when the case gives a client secret,
// then runs both client passes with the case's x and y.
func (c *vcase) clientPasses(y vectors.HexBytes) (u, ut, v iut.Hex, ok bool, err error) {
	t := c.t
	if t.ClientSecretShares != nil {
		got, err := c.sum(false, hxs(t.ClientSecretShares))
		if got == nil {
			return nil, nil, nil, false, err
		}
		c.same("recombined clientSecret", got, t.ClientSecret)
	}
	if t.ClientSecret != nil && t.RegisteredPIN != nil {
		var tok []byte
		ok, err := c.do("client", iut.OpExtractPIN, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractPIN(ctx, &iut.ExtractPINRequest{Suite: c.w.suite, Identity: nonNil(t.ID), Secret: nonNil(t.ClientSecret), PIN: *t.RegisteredPIN})
			if err == nil {
				tok = r.Token
			}
			return nil, nil, err
		})
		if !ok {
			return nil, nil, nil, false, err
		}
		c.same("token", tok, t.Token)
	}
	permit, day := permitOf(t)
	var p1 *iut.ClientPass1Result
	ok, err = c.do("client", iut.OpClientPass1, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		p1, err = p.ClientPass1(ctx, &iut.ClientPass1Request{Suite: c.w.suite, Identity: nonNil(t.ID), Token: nonNil(t.Token), PIN: i64(t.PIN),
			Permit: permit, Day: day, X: nonNil(t.X)})
		return nil, nil, err
	})
	if !ok {
		return nil, nil, nil, false, err
	}
	c.same("sec", p1.SEC, t.Sec)
	c.same("u", p1.U, t.U)
	c.same("ut", p1.UT, t.UT)
	var p2 *iut.ClientPass2Result
	ok, err = c.do("client", iut.OpClientPass2, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		p2, err = p.ClientPass2(ctx, &iut.ClientPass2Request{Suite: c.w.suite, X: nonNil(t.X), Y: nonNil(y), SEC: p1.SEC})
		return nil, nil, err
	})
	if !ok {
		return nil, nil, nil, false, err
	}
	c.same("v", p2.V, t.V)
	return p1.U, p1.UT, p2.V, true, nil
}

// verify runs the group's server check of a two-pass transcript.
func (c *vcase) verify(u, ut []byte, day int64, y, v []byte) (bool, error) {
	permits := c.g.TimePermits != nil && *c.g.TimePermits
	return c.do("server", iut.OpServerVerify, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		return nil, nil, p.ServerVerify(ctx, &iut.ServerVerifyRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), ServerSecret: nonNil(c.g.ServerSecret),
			U: nonNil(u), UT: hx(ut), Day: day, Y: nonNil(y), V: nonNil(v), Permits: &permits, Now: i64(c.t.Now),
			Grace: i64(c.g.PermitGrace), Analyse: c.analyse()})
	})
}

func (c *vcase) twoPass(server bool) error {
	u, ut, v, ok, err := c.clientPasses(c.t.Y)
	if !ok || !server {
		return err
	}
	_, err = c.verify(u, ut, i64(c.t.PermitDay), c.t.Y, v)
	return err
}

// verifyOnePass runs the group's stateless one-pass check.
func (c *vcase) verifyOnePass(u, ut []byte, day int64, v, msg []byte) (bool, error) {
	permits := c.g.TimePermits != nil && *c.g.TimePermits
	var r *iut.ServerVerifyOnePassResult
	ok, err := c.do("server", iut.OpServerVerifyOnePass, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		r, err = p.ServerVerifyOnePass(ctx, &iut.ServerVerifyOnePassRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), ServerSecret: nonNil(c.g.ServerSecret),
			U: nonNil(u), UT: hx(ut), Day: day, V: nonNil(v), TimeValue: i64(c.t.TimeValue), Message: hx(msg), Permits: &permits,
			Now: i64(c.t.Now), Grace: i64(c.g.PermitGrace), Window: i64(c.g.OnePassWindow), Analyse: c.analyse()})
		return nil, nil, err
	})
	if ok && c.t.Y != nil {
		c.same("y", r.Y, c.t.Y)
	}
	return ok, err
}

func (c *vcase) onePass(server bool) error {
	t := c.t
	if t.ClientSecret != nil && t.RegisteredPIN != nil {
		var tok []byte
		ok, err := c.do("client", iut.OpExtractPIN, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractPIN(ctx, &iut.ExtractPINRequest{Suite: c.w.suite, Identity: nonNil(t.ID), Secret: nonNil(t.ClientSecret), PIN: *t.RegisteredPIN})
			if err == nil {
				tok = r.Token
			}
			return nil, nil, err
		})
		if !ok {
			return err
		}
		c.same("token", tok, t.Token)
	}
	permit, day := permitOf(t)
	var r *iut.ClientOnePassResult
	ok, err := c.do("client", iut.OpClientOnePass, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		r, err = p.ClientOnePass(ctx, &iut.ClientOnePassRequest{Suite: c.w.suite, Identity: nonNil(t.ID), Token: nonNil(t.Token), PIN: i64(t.PIN),
			Permit: permit, Day: day, X: nonNil(t.X), TimeValue: i64(t.TimeValue), Message: hx(t.Message)})
		return nil, nil, err
	})
	if !ok {
		return err
	}
	c.same("u", r.U, t.U)
	c.same("ut", r.UT, t.UT)
	c.same("y", r.Y, t.Y)
	c.same("v", r.V, t.V)
	if !server {
		return nil
	}
	_, err = c.verifyOnePass(r.U, r.UT, day, r.V, t.Message)
	return err
}

// full runs an M-Pin Full case: the whole run (server true) or the
// client's side against the case's W.
func (c *vcase) full(server bool) error {
	t := c.t
	hid, ok, err := c.hashID()
	if !ok {
		return err
	}
	c.same("hashedId", hid, t.HashedID)
	var z, rp []byte
	ok, err = c.do("client", iut.OpFullClientEphemeral, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullClientEphemeral(ctx, &iut.FullClientEphemeralRequest{Suite: c.w.suite, Identity: nonNil(t.ID), Z: nonNil(t.Z)})
		if err == nil {
			z, rp = r.Z, r.R
		}
		return nil, nil, err
	})
	if !ok {
		return err
	}
	c.same("clientKeyShare", rp, t.ClientKeyShare)
	wpt := iut.Hex(t.ServerKeyShare)
	if server {
		ok, err = c.do("server", iut.OpFullServerEphemeral, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullServerEphemeral(ctx, &iut.FullServerEphemeralRequest{Suite: c.w.suite, Identity: nonNil(t.ID), W: nonNil(t.W), Day: i64(t.PermitDay)})
			if err == nil {
				wpt = r.WPoint
			}
			return nil, nil, err
		})
		if !ok {
			return err
		}
		c.same("serverKeyShare", wpt, t.ServerKeyShare)
	}
	u, ut, v, ok, err := c.clientPasses(t.Y)
	if !ok {
		return err
	}
	kc, ok, err := c.clientKey(hid, u, ut, v, z, rp, wpt)
	if !ok {
		return err
	}
	if !server {
		c.keyCheck(kc, t.ClientKey, t.ServerKey)
		return nil
	}
	c.same("clientKey", kc, t.ClientKey)
	ok, err = c.verify(u, ut, i64(t.PermitDay), t.Y, v)
	if !ok {
		return err
	}
	ks, _, err := c.serverKey(hid, u, ut, v, rp, wpt)
	if ks != nil {
		c.same("serverKey", ks, t.ServerKey)
	}
	return err
}

func (c *vcase) hashID() (iut.Hex, bool, error) {
	var hid iut.Hex
	ok, err := c.do("client", iut.OpHashID, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.HashID(ctx, &iut.HashIDRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID)})
		if err == nil {
			hid = r.HID
		}
		return nil, nil, err
	})
	return hid, ok, err
}

// keyCheck applies KeyMismatch: the key is the case's own and differs
// from the other side's.
func (c *vcase) keyCheck(got, own, other []byte) {
	c.same("key", got, own)
	if c.t.Result == vectors.Invalid && c.t.Error == "" && other != nil && bytes.Equal(got, other) {
		c.fail("the two session keys agree, expected them to differ")
	}
}

func (c *vcase) clientKey(hid, u, ut, v, z, rp, wpt []byte) (iut.Hex, bool, error) {
	var h, kc iut.Hex
	var pre *iut.FullPrecomputeResult
	ok, err := c.do("client", iut.OpFullPrecompute, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		var err error
		pre, err = p.FullPrecompute(ctx, &iut.FullPrecomputeRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), Token: nonNil(c.t.Token)})
		return nil, nil, err
	})
	if !ok {
		return nil, false, err
	}
	ok, err = c.do("client", iut.OpFullHash, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullHash(ctx, &iut.FullHashRequest{Suite: c.w.suite, HID: hid, U: u, UT: ut, V: v, Y: nonNil(c.t.Y), R: rp, WPoint: nonNil(wpt)})
		if err == nil {
			h = r.H
		}
		return nil, nil, err
	})
	if !ok {
		return nil, false, err
	}
	c.same("h", h, c.t.H)
	ok, err = c.do("client", iut.OpFullClientKey, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullClientKey(ctx, &iut.FullClientKeyRequest{Suite: c.w.suite, GTToken: pre.GTToken, GTID: pre.GTID, PIN: i64(c.t.PIN),
			Z: nonNil(z), X: nonNil(c.t.X), H: h, WPoint: nonNil(wpt)})
		if err == nil {
			kc = r.Key
		}
		return nil, nil, err
	})
	return kc, ok, err
}

func (c *vcase) serverKey(hid, u, ut, v, rp, wpt []byte) (iut.Hex, bool, error) {
	var h, ks iut.Hex
	ok, err := c.do("server", iut.OpFullHash, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullHash(ctx, &iut.FullHashRequest{Suite: c.w.suite, HID: nonNil(hid), U: nonNil(u), UT: ut, V: nonNil(v), Y: nonNil(c.t.Y), R: nonNil(rp), WPoint: nonNil(wpt)})
		if err == nil {
			h = r.H
		}
		return nil, nil, err
	})
	if !ok {
		return nil, false, err
	}
	ok, err = c.do("server", iut.OpFullServerKey, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullServerKey(ctx, &iut.FullServerKeyRequest{Suite: c.w.suite, Identity: nonNil(c.t.ID), ServerSecret: nonNil(c.g.ServerSecret),
			R: nonNil(rp), W: nonNil(c.t.W), H: h, U: nonNil(u), UT: ut})
		if err == nil {
			ks = r.Key
		}
		return nil, nil, err
	})
	return ks, ok, err
}

// fullServer runs the server's side of a Full case on received values.
func (c *vcase) fullServer() error {
	t := c.t
	hid, ok, err := c.hashID()
	if !ok {
		return err
	}
	wpt := iut.Hex(t.ServerKeyShare)
	ok, err = c.do("server", iut.OpFullServerEphemeral, func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		r, err := p.FullServerEphemeral(ctx, &iut.FullServerEphemeralRequest{Suite: c.w.suite, Identity: nonNil(t.ID), W: nonNil(t.W), Day: i64(t.Day)})
		if err == nil {
			wpt = r.WPoint
		}
		return nil, nil, err
	})
	if !ok {
		return err
	}
	c.same("serverKeyShare", wpt, t.ServerKeyShare)
	ok, err = c.verify(t.U, t.UT, i64(t.Day), t.Y, t.V)
	if !ok {
		return err
	}
	ks, ok, err := c.serverKey(hid, t.U, t.UT, t.V, t.ClientKeyShare, wpt)
	if ok {
		c.keyCheck(ks, t.ServerKey, t.ClientKey)
	}
	return err
}
