package conformance

import (
	"context"
	"strings"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// When steps that run one stateless operation: authority, hashing, factor
// and known-answer protocol operations. Each reads its inputs from the
// scenario's named values and records its outputs by name.

type outs = map[string][]byte

func opSteps(sc *godog.ScenarioContext) {
	step := func(pattern string, f any) { sc.When(pattern, f) }

	// ---- authority ----
	step(`^the authority adopts (\w+) as its master share$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		s, err := w.v(name)
		if err != nil {
			return err
		}
		return w.call(ctx, "authority", iut.OpMasterShare, "SHARE", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.MasterShare(ctx, &iut.MasterShareRequest{Suite: w.suite, Scalar: nonNil(s)})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SHARE": r.Share}, nil, nil
		})
	})
	step(`^the authority derives its master share from (\w+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		seed, err := w.v(name)
		if err != nil {
			return err
		}
		return w.call(ctx, "authority", iut.OpMasterShare, "SHARE", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.MasterShare(ctx, &iut.MasterShareRequest{Suite: w.suite, Seed: nonNil(seed)})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SHARE": r.Share}, nil, nil
		})
	})
	step(`^the authority draws a master share$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.call(ctx, "authority", iut.OpMasterShare, "SHARE", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.MasterShare(ctx, &iut.MasterShareRequest{Suite: w.suite})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SHARE": r.Share}, nil, nil
		})
	})
	step(`^the authority issues the server-secret share of (\w+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		s, err := w.v(name)
		if err != nil {
			return err
		}
		return w.call(ctx, "authority", iut.OpServerSecretShare, "SS", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ServerSecretShare(ctx, &iut.ServerSecretShareRequest{Suite: w.suite, Share: s})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SS": r.SS}, nil, nil
		})
	})
	step(`^the authority issues the client-secret share of (\w+) for HID$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		s, err := w.v(name)
		if err != nil {
			return err
		}
		hid, err := w.v("HID")
		if err != nil {
			return err
		}
		return w.call(ctx, "authority", iut.OpClientSecretShare, "CS", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientSecretShare(ctx, &iut.ClientSecretShareRequest{Suite: w.suite, Share: s, HID: hid})
			if err != nil {
				return nil, nil, err
			}
			return outs{"CS": r.CS}, nil, nil
		})
	})
	permitShare := func(ctx context.Context, name string, withNow bool) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		s, err := w.v(name)
		if err != nil {
			return err
		}
		hid, err := w.v("HID")
		if err != nil {
			return err
		}
		day, err := w.n("DAY")
		if err != nil {
			return err
		}
		var now int64
		if withNow {
			if now, err = w.n("NOW"); err != nil {
				return err
			}
		}
		return w.call(ctx, "authority", iut.OpTimePermitShare, "TP", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.TimePermitShare(ctx, &iut.TimePermitShareRequest{Suite: w.suite, Share: s, HID: hid, Day: day, Now: now})
			if err != nil {
				return nil, nil, err
			}
			return outs{"TP": r.TP}, nil, nil
		})
	}
	step(`^the authority issues the time-permit share of (\w+) for HID and DAY$`, func(ctx context.Context, name string) error {
		return permitShare(ctx, name, false)
	})
	step(`^the authority issues the time-permit share of (\w+) for HID and DAY at NOW$`, func(ctx context.Context, name string) error {
		return permitShare(ctx, name, true)
	})
	step(`^the shares (.+) are recombined$`, func(ctx context.Context, list string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		ns := names(list)
		var pts []iut.Hex
		for _, n := range ns {
			b, err := w.v(n)
			if err != nil {
				return err
			}
			pts = append(pts, b)
		}
		return w.recombine(ctx, kindOf(ns[0]) == "g2", pts)
	})
	step(`^an empty list of (G1|G2) shares is recombined$`, func(ctx context.Context, group string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.recombine(ctx, group == "G2", []iut.Hex{})
	})

	// ---- hashing and values ----
	hash := func(ctx context.Context, suite string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		id, err := w.v("ID")
		if err != nil {
			return err
		}
		return w.call(ctx, "client", iut.OpHashID, "HID", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.HashID(ctx, &iut.HashIDRequest{Suite: suite, Identity: nonNil(id)})
			if err != nil {
				return nil, nil, err
			}
			return outs{"HID": r.HID, "A": r.A}, nil, nil
		})
	}
	step(`^the identity ID is hashed$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return hash(ctx, w.suite)
	})
	step(`^ID is hashed under the suite string "([^"]*)"$`, func(ctx context.Context, s string) error {
		return hash(ctx, s)
	})
	step(`^ID is hashed under the suite string in lower case$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return hash(ctx, strings.ToLower(w.suite))
	})
	step(`^the permit point of HID for DAY is computed$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		hid, err := w.v("HID")
		if err != nil {
			return err
		}
		day, err := w.n("DAY")
		if err != nil {
			return err
		}
		return w.call(ctx, "client", iut.OpPermitPoint, "AT", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.PermitPoint(ctx, &iut.PermitPointRequest{Suite: w.suite, HID: hid, Day: day})
			if err != nil {
				return nil, nil, err
			}
			return outs{"AT": r.AT}, nil, nil
		})
	})
	step(`^the value (\w+) is validated as (?:a |an )?(scalar|nonzero_scalar|g1|g2|gt|hid)$`, func(ctx context.Context, name, kind string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.v(name)
		if err != nil {
			return err
		}
		return w.call(ctx, "client", iut.OpValidate, "CANONICAL", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.Validate(ctx, &iut.ValidateRequest{Suite: w.suite, Kind: kind, Value: nonNil(b)})
			if err != nil {
				return nil, nil, err
			}
			return outs{"CANONICAL": r.Canonical}, nil, nil
		})
	})
	step(`^the pairing of (\w+) and (\w+) is computed$`, func(ctx context.Context, a, b string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		g1, err := w.v(a)
		if err != nil {
			return err
		}
		g2, err := w.v(b)
		if err != nil {
			return err
		}
		return w.call(ctx, "server", iut.OpPair, "GT", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.Pair(ctx, &iut.PairRequest{Suite: w.suite, G1: g1, G2: g2})
			if err != nil {
				return nil, nil, err
			}
			return outs{"GT": r.GT}, nil, nil
		})
	})

	// ---- factors ----
	step(`^the client extracts (\w+) from (\w+)$`, func(ctx context.Context, pinName, from string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n(pinName)
		if err != nil {
			return err
		}
		s, err := w.v(from)
		if err != nil {
			return err
		}
		id := w.opt("ID")
		return w.call(ctx, "client", iut.OpExtractPIN, "TOKEN", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractPIN(ctx, &iut.ExtractPINRequest{Suite: w.suite, Identity: nonNil(id), Secret: s, PIN: pin})
			if err != nil {
				return nil, nil, err
			}
			return outs{"TOKEN": r.Token}, nil, nil
		})
	})
	step(`^the client restores (\w+) to (\w+)$`, func(ctx context.Context, pinName, from string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n(pinName)
		if err != nil {
			return err
		}
		t, err := w.v(from)
		if err != nil {
			return err
		}
		id := w.opt("ID")
		return w.call(ctx, "client", iut.OpRestorePIN, "SECRET", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.RestorePIN(ctx, &iut.RestorePINRequest{Suite: w.suite, Identity: nonNil(id), Token: t, PIN: pin})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SECRET": r.Secret}, nil, nil
		})
	})
	step(`^the client extracts the factor (\w+) of (\w+) bits from (\w+)$`, func(ctx context.Context, fn, bn, from string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		f, err := w.n(fn)
		if err != nil {
			return err
		}
		bits, err := w.n(bn)
		if err != nil {
			return err
		}
		s, err := w.v(from)
		if err != nil {
			return err
		}
		id := w.opt("ID")
		return w.call(ctx, "client", iut.OpExtractFactor, "TOKEN", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ExtractFactor(ctx, &iut.ExtractFactorRequest{Suite: w.suite, Identity: nonNil(id), Secret: s, Factor: f, Bits: bits})
			if err != nil {
				return nil, nil, err
			}
			return outs{"TOKEN": r.Token}, nil, nil
		})
	})
	step(`^the client restores the factor (\w+) of (\w+) bits to (\w+)$`, func(ctx context.Context, fn, bn, from string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		f, err := w.n(fn)
		if err != nil {
			return err
		}
		bits, err := w.n(bn)
		if err != nil {
			return err
		}
		t, err := w.v(from)
		if err != nil {
			return err
		}
		id := w.opt("ID")
		return w.call(ctx, "client", iut.OpRestoreFactor, "SECRET", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.RestoreFactor(ctx, &iut.RestoreFactorRequest{Suite: w.suite, Identity: nonNil(id), Token: t, Factor: f, Bits: bits})
			if err != nil {
				return nil, nil, err
			}
			return outs{"SECRET": r.Secret}, nil, nil
		})
	})

	// ---- two-pass, known answers ----
	pass1 := func(ctx context.Context, withX bool) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n("PIN2")
		if err != nil {
			return err
		}
		permit, day := w.permit()
		var x []byte
		if withX {
			if x, err = w.v("X"); err != nil {
				return err
			}
		}
		id, token := w.opt("ID"), w.opt("TOKEN")
		return w.call(ctx, "client", iut.OpClientPass1, "U", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientPass1(ctx, &iut.ClientPass1Request{Suite: w.suite, Identity: nonNil(id), Token: nonNil(token), PIN: pin, Permit: permit, Day: day, X: x})
			if err != nil {
				return nil, nil, err
			}
			return present(outs{"X": r.X, "U": r.U, "UT": r.UT, "SEC": r.SEC}), nil, nil
		})
	}
	step(`^the client computes its first pass$`, func(ctx context.Context) error { return pass1(ctx, true) })
	step(`^the client computes its first pass with an x of its own$`, func(ctx context.Context) error { return pass1(ctx, false) })
	step(`^the client computes its second pass$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.call(ctx, "client", iut.OpClientPass2, "V", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientPass2(ctx, &iut.ClientPass2Request{Suite: w.suite, X: nonNil(w.opt("X")), Y: nonNil(w.opt("Y")), SEC: nonNil(w.opt("SEC"))})
			if err != nil {
				return nil, nil, err
			}
			return outs{"V": r.V}, nil, nil
		})
	})
	step(`^the client computes both passes$`, func(ctx context.Context) error {
		if err := pass1(ctx, true); err != nil {
			return err
		}
		w := getWorld(ctx)
		if err := w.expectOK(); err != nil {
			return err
		}
		for k, v := range w.res {
			w.vals[k] = v
		}
		return w.call(ctx, "client", iut.OpClientPass2, "V", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientPass2(ctx, &iut.ClientPass2Request{Suite: w.suite, X: nonNil(w.opt("X")), Y: nonNil(w.opt("Y")), SEC: nonNil(w.opt("SEC"))})
			if err != nil {
				return nil, nil, err
			}
			w.vals["V"] = r.V
			return outs{"V": r.V}, nil, nil
		})
	})

	verify := func(ctx context.Context, mode string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		req := &iut.ServerVerifyRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), ServerSecret: nonNil(w.opt("SQ")),
			U: nonNil(w.opt("U")), Y: nonNil(w.opt("Y")), V: nonNil(w.opt("V")), Now: w.ints["NOW"], Grace: w.ints["GRACE"]}
		if d := w.ints["DAY"]; d != 0 {
			req.UT, req.Day = w.opt("UT"), d
		}
		t, f := true, false
		switch mode {
		case "with wrong-PIN detection":
			req.Analyse = true
		case "without permits":
			req.Permits = &f
		case "requiring permits":
			req.Permits = &t
		case "without stating the day":
			req.Day = 0
		}
		if req.Permits == nil {
			p := req.UT != nil || w.ints["DAY"] != 0
			req.Permits = &p
		}
		return w.call(ctx, "server", iut.OpServerVerify, "", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			return nil, nil, p.ServerVerify(ctx, req)
		})
	}
	step(`^the server verifies the run$`, func(ctx context.Context) error { return verify(ctx, "") })
	step(`^the server verifies the run (with wrong-PIN detection|without permits|requiring permits|without stating the day)$`, verify)

	// ---- one-pass, known answers ----
	step(`^the client computes its one-pass message$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n("PIN2")
		if err != nil {
			return err
		}
		permit, day := w.permit()
		req := &iut.ClientOnePassRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), Token: nonNil(w.opt("TOKEN")), PIN: pin,
			Permit: permit, Day: day, X: w.opt("X1"), TimeValue: w.ints["TV"], Message: w.opt("MSG")}
		if req.Message == nil && !w.absent["MSG"] && w.vals["MSG"] != nil {
			req.Message = iut.Hex{}
		}
		return w.call(ctx, "client", iut.OpClientOnePass, "V1", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ClientOnePass(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return present(outs{"X1": r.X, "U1": r.U, "UT1": r.UT, "Y1": r.Y, "V1": r.V}), nil, nil
		})
	})
	step(`^the server verifies the one-pass message$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		req := &iut.ServerVerifyOnePassRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), ServerSecret: nonNil(w.opt("SQ")),
			U: nonNil(w.opt("U1")), V: nonNil(w.opt("V1")), TimeValue: w.ints["TV"], Message: w.opt("MSG"),
			Now: w.ints["NOW"], Grace: w.ints["GRACE"], Window: w.ints["WINDOW"]}
		if d := w.ints["DAY"]; d != 0 {
			req.UT, req.Day = w.opt("UT1"), d
		}
		return w.call(ctx, "server", iut.OpServerVerifyOnePass, "Y1", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.ServerVerifyOnePass(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"Y1": r.Y}, nil, nil
		})
	})

	// ---- wrong-PIN detection ----
	step(`^the server computes E and F$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		req := &iut.WrongPINValuesRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), ServerSecret: nonNil(w.opt("SQ")),
			U: nonNil(w.opt("U")), Y: nonNil(w.opt("Y")), V: nonNil(w.opt("V")), Now: w.ints["NOW"]}
		if d := w.ints["DAY"]; d != 0 {
			req.UT, req.Day = w.opt("UT"), d
		}
		return w.call(ctx, "server", iut.OpWrongPINValues, "E", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.WrongPINValues(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"E": r.E, "F": r.F}, nil, nil
		})
	})
	step(`^the server analyses E and F$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		e, f := w.opt("E"), w.opt("F")
		return w.call(ctx, "server", iut.OpWrongPINAnalysis, "", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.WrongPINAnalysis(ctx, &iut.WrongPINAnalysisRequest{Suite: w.suite, E: nonNil(e), F: nonNil(f)})
			if err != nil {
				return nil, nil, err
			}
			return nil, map[string]int64{"DELTA": int64(r.Delta)}, nil
		})
	})

	// ---- M-Pin Full, known answers ----
	step(`^the client precomputes its pairings$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		id, t := w.opt("ID"), w.opt("TOKEN")
		return w.call(ctx, "client", iut.OpFullPrecompute, "GTTOKEN", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullPrecompute(ctx, &iut.FullPrecomputeRequest{Suite: w.suite, Identity: nonNil(id), Token: nonNil(t)})
			if err != nil {
				return nil, nil, err
			}
			return outs{"GTTOKEN": r.GTToken, "GTID": r.GTID}, nil, nil
		})
	})
	step(`^the client computes its key share from Z$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		id, z := w.opt("ID"), w.opt("Z")
		return w.call(ctx, "client", iut.OpFullClientEphemeral, "R", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullClientEphemeral(ctx, &iut.FullClientEphemeralRequest{Suite: w.suite, Identity: nonNil(id), Z: z})
			if err != nil {
				return nil, nil, err
			}
			return outs{"Z": r.Z, "R": r.R}, nil, nil
		})
	})
	step(`^the server computes its key share from W$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		id, ws, day := w.opt("ID"), w.opt("W"), w.ints["DAY"]
		return w.call(ctx, "server", iut.OpFullServerEphemeral, "WPOINT", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullServerEphemeral(ctx, &iut.FullServerEphemeralRequest{Suite: w.suite, Identity: nonNil(id), W: ws, Day: day})
			if err != nil {
				return nil, nil, err
			}
			return outs{"W": r.W, "WPOINT": r.WPoint}, nil, nil
		})
	})
	step(`^the (client|server) computes the transcript hash$`, func(ctx context.Context, role string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		req := &iut.FullHashRequest{Suite: w.suite, HID: nonNil(w.opt("HID")), U: nonNil(w.opt("U")), UT: w.opt("UT"),
			V: nonNil(w.opt("V")), Y: nonNil(w.opt("Y")), R: nonNil(w.opt("R")), WPoint: nonNil(w.opt("WPOINT"))}
		if w.ints["DAY"] == 0 {
			req.UT = nil
		}
		return w.call(ctx, role, iut.OpFullHash, "H", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullHash(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"H": r.H}, nil, nil
		})
	})
	step(`^the client derives its key$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		pin, err := w.n("PIN2")
		if err != nil {
			return err
		}
		req := &iut.FullClientKeyRequest{Suite: w.suite, GTToken: nonNil(w.opt("GTTOKEN")), GTID: nonNil(w.opt("GTID")), PIN: pin,
			Z: nonNil(w.opt("Z")), X: nonNil(w.opt("X")), H: nonNil(w.opt("H")), WPoint: nonNil(w.opt("WPOINT"))}
		return w.call(ctx, "client", iut.OpFullClientKey, "KC", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullClientKey(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"KC": r.Key}, nil, nil
		})
	})
	step(`^the server derives its key$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		req := &iut.FullServerKeyRequest{Suite: w.suite, Identity: nonNil(w.opt("ID")), ServerSecret: nonNil(w.opt("SQ")),
			R: nonNil(w.opt("R")), W: nonNil(w.opt("W")), H: nonNil(w.opt("H")), U: nonNil(w.opt("U")), UT: w.opt("UT")}
		if w.ints["DAY"] == 0 {
			req.UT = nil
		}
		return w.call(ctx, "server", iut.OpFullServerKey, "KS", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
			r, err := p.FullServerKey(ctx, req)
			if err != nil {
				return nil, nil, err
			}
			return outs{"KS": r.Key}, nil, nil
		})
	})
}

// recombine runs recombine_g1 or recombine_g2.
func (w *world) recombine(ctx context.Context, g2 bool, pts []iut.Hex) error {
	op, role := iut.OpRecombineG1, "client"
	if g2 {
		op, role = iut.OpRecombineG2, "server"
	}
	return w.call(ctx, role, op, "POINT", func(ctx context.Context, p iut.IUT) (outs, map[string]int64, error) {
		req := &iut.RecombineRequest{Suite: w.suite, Points: pts}
		var r *iut.RecombineResult
		var err error
		if g2 {
			r, err = p.RecombineG2(ctx, req)
		} else {
			r, err = p.RecombineG1(ctx, req)
		}
		if err != nil {
			return nil, nil, err
		}
		return outs{"POINT": r.Point}, nil, nil
	})
}

// nonNil turns a nil value into an empty one, for required fields: the
// harness sends "" rather than leaving the field out.
func nonNil(b []byte) iut.Hex {
	if b == nil {
		return iut.Hex{}
	}
	return b
}

// present drops outputs the IUT left out.
func present(m outs) outs {
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	return m
}
