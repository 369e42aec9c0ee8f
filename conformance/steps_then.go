package conformance

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/pairing"
	"github.com/mpinkit/mpinkit/pairing/bls12381"
	"github.com/mpinkit/mpinkit/pairing/bn254"
)

// Then steps: outcomes, known answers, and the harness's own checks.

func thenSteps(sc *godog.ScenarioContext) {
	then := func(pattern string, f any) { sc.Then(pattern, f) }

	then(`^it is accepted$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.expectOK()
	})
	then(`^the login succeeds$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.expectOK()
	})
	then(`^(?:it is rejected|the login fails) with ([A-Z_]+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.expectError(name)
	})
	then(`^it is rejected with ([A-Z_]+) and a PIN error of (-?\w+)$`, func(ctx context.Context, name, delta string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectError(name); err != nil {
			return err
		}
		return w.checkDelta(delta)
	})
	then(`^it is rejected with a canonical error$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.err == nil {
			return w.failf("%s was accepted, expected a rejection", w.op)
		}
		return nil // call() already failed anything that is not canonical
	})
	then(`^it ends in a result or a canonical error$`, func(ctx context.Context) error {
		_, err := use(ctx)
		return err // call() fails crashes, hangs and unmapped names
	})
	then(`^the outcome is the case's result$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.kc == nil || w.kc.Result == "OK" {
			return w.expectOK()
		}
		return w.expectError(w.kc.Result)
	})
	then(`^the outcome is the case's result with its PIN error$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.kc == nil || w.kc.Result == "OK" {
			return w.expectOK()
		}
		if err := w.expectError(w.kc.Result); err != nil {
			return err
		}
		return w.checkDelta("DELTA")
	})
	then(`^the PIN error is (-?\w+)$`, func(ctx context.Context, delta string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectOK(); err != nil {
			return err
		}
		want, err := w.n(delta)
		if err != nil {
			return err
		}
		if got := w.resInts["DELTA"]; got != want {
			return w.failf("PIN error %d, expected %d", got, want)
		}
		return nil
	})

	// Known answers.
	then(`^the result is (\w+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.compare("", name, true)
	})
	then(`^the result is not (\w+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.compare("", name, false)
	})
	then(`^the result (\w+) is (\w+)$`, func(ctx context.Context, out, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.compare(out, name, true)
	})
	then(`^the results are (\w+(?:, \w+)*(?: and \w+)?)$`, func(ctx context.Context, list string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectOK(); err != nil {
			return err
		}
		for _, n := range names(list) {
			want, ok := w.vals[n]
			got, has := w.res[n]
			switch {
			case !ok && has:
				return w.failf("%s returned %s, which the case does not have", w.op, n)
			case ok && !has:
				return w.failf("%s returned no %s", w.op, n)
			case ok && !bytes.Equal(got, want):
				return w.failf("%s: %s is %x, expected %x", w.op, n, got, want)
			}
		}
		return nil
	})
	then(`^the result is kept as (\w+)$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result("")
		if err != nil {
			return err
		}
		w.vals[name] = b
		return nil
	})
	then(`^the result (\w+) is kept as (\w+)$`, func(ctx context.Context, out, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result(out)
		if err != nil {
			return err
		}
		w.vals[name] = b
		return nil
	})
	then(`^the outputs are kept$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectOK(); err != nil {
			return err
		}
		for k, v := range w.res {
			w.vals[k] = v
		}
		return nil
	})
	then(`^(\w+) and (\w+) (differ|are equal)$`, func(ctx context.Context, a, b, rel string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		x, err := w.v(a)
		if err != nil {
			return err
		}
		y, err := w.v(b)
		if err != nil {
			return err
		}
		if bytes.Equal(x, y) != (rel == "are equal") {
			return w.failf("%s = %x and %s = %x: expected them to %s", a, x, b, y, strings.TrimPrefix(rel, "are "))
		}
		return nil
	})
	then(`^the results? (?:(\w+) )?(?:is|are) what our reference computes$`, func(ctx context.Context, out string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectOK(); err != nil {
			return err
		}
		res, ints, err := w.replay(ctx, w.h.ref)
		if err != nil {
			return w.failf("our reference refused the same %s: %v", w.op, err)
		}
		keys := sortedKeys(res)
		if out != "" {
			keys = []string{out}
		}
		for _, k := range keys {
			if !bytes.Equal(w.res[k], res[k]) {
				return w.failf("%s: %s is %x, our reference computes %x", w.op, k, w.res[k], res[k])
			}
		}
		for k, v := range ints {
			if w.resInts[k] != v {
				return w.failf("%s: %s is %d, our reference computes %d", w.op, k, w.resInts[k], v)
			}
		}
		return nil
	})

	// Encodings.
	then(`^the result (?:(\w+) )?is a canonical (scalar|nonzero scalar|g1|g2|gt|hid|key)$`, func(ctx context.Context, out, kind string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result(out)
		if err != nil {
			return err
		}
		if msg := w.canonical(kind, b); msg != "" {
			return w.failf("%s output %x is not a canonical %s: %s", w.op, b, kind, msg)
		}
		return nil
	})
	then(`^the result is the generator of G2 in the suite's encoding$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result("")
		if err != nil {
			return err
		}
		want, err := w.cv.SpecG2Generator()
		if err != nil {
			return w.failf("%v", err)
		}
		if !bytes.Equal(b, want) {
			return w.failf("s Q for s = 1 is %x, the generator of spec/mpin.md REQ-MPIN-2.3 is %x", b, want)
		}
		return nil
	})

	// Hashes the harness recomputes itself.
	then(`^the result HID is mhashit\(0, ID\)$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result("HID")
		if err != nil {
			return err
		}
		if want := w.cv.Mhashit(0, w.opt("ID")); !bytes.Equal(b, want) {
			return w.failf("HID is %x, mhashit(0, ID) is %x", b, want)
		}
		return nil
	})
	then(`^the result Y1 is mhashit\(TV, U\* ‖ MSG\) mod r$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		y, err := w.result("Y1")
		if err != nil {
			return err
		}
		ustar := w.opt("U1")
		if ut := w.res["UT1"]; ut != nil {
			ustar = ut
		} else if ut := w.opt("UT1"); ut != nil && w.ints["DAY"] != 0 {
			ustar = ut
		}
		if u := w.res["U1"]; u != nil && w.res["UT1"] == nil && w.ints["DAY"] == 0 {
			ustar = u
		}
		if want := w.cv.HashToScalar(w.ints["TV"], ustar, w.opt("MSG")); !bytes.Equal(y, want) {
			return w.failf("the one-pass challenge is %x, mhashit(TV, U* || M) mod r is %x", y, want)
		}
		return nil
	})
	then(`^the result is mhashit\(0, HID ‖ U\* ‖ V ‖ Y ‖ R ‖ WPOINT\) mod r$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		h, err := w.result("")
		if err != nil {
			return err
		}
		ustar := w.opt("U")
		if w.ints["DAY"] != 0 && w.opt("UT") != nil {
			ustar = w.opt("UT")
		}
		want := w.cv.HashToScalar(0, w.opt("HID"), ustar, w.opt("V"), w.opt("Y"), w.opt("R"), w.opt("WPOINT"))
		if !bytes.Equal(h, want) {
			return w.failf("h is %x, the harness computes %x", h, want)
		}
		return nil
	})
	then(`^the result is OS2IP\(expand_message_xmd\(SEED, DST_S, L\)\) mod r$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.result("")
		if err != nil {
			return err
		}
		if want := w.cv.SeededShare(w.opt("SEED")); !bytes.Equal(b, want) {
			return w.failf("the seeded share is %x, the harness derives %x", b, want)
		}
		return nil
	})
	then(`^the result A is not the point of ID under the tag "([^"]+)"$`, func(ctx context.Context, dst string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		a, err := w.result("A")
		if err != nil {
			return err
		}
		var s pairing.Suite = bn254.Suite()
		if w.cv.Cofactor {
			s = bls12381.Suite()
		}
		p, err := s.EncodeToG1(w.opt("ID"), []byte(dst))
		if err != nil {
			return w.failf("hashing with the tag: %v", err)
		}
		x, y, _ := p.Coordinates()
		if bytes.Equal(a, append(append([]byte{4}, x...), y...)) {
			return w.failf("A is the point of the tag %q", dst)
		}
		return nil
	})

	// Interop outcomes.
	then(`^both parties hold the same key$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if err := w.expectOK(); err != nil {
			return err
		}
		if len(w.sess.keyC) != 16 || !w.keysAgree() {
			return w.failf("client key %x, server key %x: expected the same 16 octets", w.sess.keyC, w.sess.keyS)
		}
		return nil
	})
	then(`^the parties do not share a key$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.keysAgree() {
			return w.failf("both parties derived the key %x", w.sess.keyC)
		}
		return nil
	})
	then(`^the server releases no key$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		if w.sess.keyS != nil && w.err != nil {
			return w.failf("the server released a key with a failed verification")
		}
		if w.err == nil {
			return w.failf("the verification succeeded")
		}
		return nil
	})

	// Claims.
	then(`^its claim for the suite is well formed$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		c := w.claim
		if len(c.Roles) == 0 {
			return w.failf("the claim for %s names no role", w.suite)
		}
		for _, r := range c.Roles {
			if r != iut.RoleAuthority && r != iut.RoleClient && r != iut.RoleServer {
				return w.failf("unknown role %q", r)
			}
		}
		if (c.HasRole(iut.RoleClient) || c.HasRole(iut.RoleServer)) && !c.HasMode(iut.ModeTwoPass) {
			return w.failf("two-pass is mandatory for the client and server roles (REQ-MPIN-2.6)")
		}
		for _, m := range c.Modes {
			if m != iut.ModeTwoPass && m != iut.ModeOnePass {
				return w.failf("unknown mode %q", m)
			}
		}
		return nil
	})
	then(`^every suite it does not claim is refused with UNSUPPORTED$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		for _, s := range append(append([]string{}, iut.Suites...), "MPIN-BLS12377-SHA256-MODERN") {
			if w.h.caps.Claim(s) != nil {
				continue
			}
			_, err := w.h.iut.HashID(ctx, &iut.HashIDRequest{Suite: s, Identity: iut.Hex("alice")})
			if e, ok := err.(*iut.Error); !ok || w.h.cfg.mapError(e).Name != iut.Unsupported {
				return w.failf("hash_id under the unclaimed suite %s: %v, expected UNSUPPORTED", s, err)
			}
		}
		return nil
	})

	// Secret hygiene.
	then(`^the IUT's log shows none of (.+)$`, func(ctx context.Context, list string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		src, ok := w.h.iut.(iut.StderrSource)
		if !ok {
			return nil // an in-process IUT has no separate log
		}
		log := strings.ToLower(src.StderrSinceReset())
		for _, n := range names(list) {
			b := w.opt(n)
			if len(b) == 0 {
				continue
			}
			if strings.Contains(log, hex.EncodeToString(b)) {
				return w.failf("the IUT's log contains %s", n)
			}
		}
		return nil
	})
}

// compare checks an output against a named value.
func (w *world) compare(out, name string, equal bool) error {
	got, err := w.result(out)
	if err != nil {
		return err
	}
	want, err := w.v(name)
	if err != nil {
		return err
	}
	if bytes.Equal(got, want) != equal {
		label := out
		if label == "" {
			label = w.primary
		}
		if equal {
			return w.failf("%s: %s is %x, expected %s = %x", w.op, label, got, name, want)
		}
		return w.failf("%s: %s equals %s (%x)", w.op, label, name, got)
	}
	return nil
}

// checkDelta compares the PIN error carried by the last rejection.
func (w *world) checkDelta(delta string) error {
	want, err := w.n(delta)
	if err != nil {
		return err
	}
	e, ok := w.err.(*iut.Error)
	if !ok || e.Delta == nil {
		return w.failf("%s: the rejection carries no PIN error, expected %d", w.op, want)
	}
	if int64(*e.Delta) != want {
		return w.failf("%s: PIN error %d, expected %d", w.op, *e.Delta, want)
	}
	return nil
}

// canonical checks an output's encoding with the harness's own curve
// code; it returns "" when the value is canonical.
func (w *world) canonical(kind string, b []byte) string {
	c := w.cv
	switch kind {
	case "scalar", "nonzero scalar":
		if len(b) != c.MB {
			return fmt.Sprintf("%d octets, want %d", len(b), c.MB)
		}
		v := new(big.Int).SetBytes(b)
		if v.Cmp(c.R) >= 0 {
			return "not below r"
		}
		if kind == "nonzero scalar" && v.Sign() == 0 {
			return "zero"
		}
	case "g1":
		if len(b) != c.G1Size() || b[0] != 4 {
			return "wrong length or prefix"
		}
		x, y, _ := c.DecodeG1Raw(b)
		if x.Cmp(c.P) >= 0 || y.Cmp(c.P) >= 0 {
			return "coordinate not below p"
		}
		if !c.OnCurveG1(b) {
			return "not on the curve"
		}
	case "g2":
		if len(b) != c.G2Size() || (c.Modern && b[0] != 4) {
			return "wrong length or prefix"
		}
		if !c.OnTwistG2(b) || !bytes.Equal(c.ReduceG2(b), b) {
			return "not a reduced point of the twist"
		}
	case "gt":
		if len(b) != c.GTSize() {
			return "wrong length"
		}
		for i := 0; i < 12; i++ {
			if new(big.Int).SetBytes(b[i*c.MB:(i+1)*c.MB]).Cmp(c.P) >= 0 {
				return "coefficient not below p"
			}
		}
	case "hid":
		if len(b) != c.HIDSize() {
			return fmt.Sprintf("%d octets, want %d", len(b), c.HIDSize())
		}
		if c.Modern {
			return w.canonical("g1", b)
		}
		if c.MB > 32 && !bytes.Equal(b[:c.MB-32], make([]byte, c.MB-32)) {
			return "no zero padding"
		}
	case "key":
		if len(b) != 16 {
			return fmt.Sprintf("%d octets, want 16", len(b))
		}
	}
	return ""
}

var _ = curvemath.Defects
