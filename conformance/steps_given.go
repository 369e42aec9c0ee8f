package conformance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"math/big"
	"strings"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/kat"
)

// Given steps: the values a scenario starts from, and the changes it makes
// to them before anything is computed.

func givenSteps(sc *godog.ScenarioContext) {
	sc.Given(`^the known-answer case "([^"]+)"$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		return w.loadCase(name)
	})

	sc.Given(`^(\w+) is replaced by (.+)$`, func(ctx context.Context, name, defect string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		kind := kindOf(name)
		if kind == "" || kind == "bytes" || kind == "key" {
			return w.failf("cannot replace %s: unknown kind", name)
		}
		orig := w.vals[name]
		if orig == nil {
			orig = sampleOf(w, kind)
		}
		if defect == curvemath.DefectOtherFamily {
			other, err := otherFamily(w, kind, orig)
			if err != nil {
				return err
			}
			w.vals[name] = other
			return nil
		}
		b, err := w.cv.Mutate(kind, defect, orig)
		var na *curvemath.ErrNotApplicable
		if errors.As(err, &na) {
			return w.failf("%v (the scenario's suite tags are wrong)", na)
		}
		if err != nil {
			return w.failf("%v", err)
		}
		w.vals[name] = b
		delete(w.absent, name)
		return nil
	})

	sc.Given(`^(\w+) is taken from the known-answer case "([^"]+)"$`, func(ctx context.Context, name, other string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		c, err := kat.Get(w.suite, other)
		if err != nil {
			return w.failf("known-answer case %s: %v", other, err)
		}
		if v, ok := c.Values[name]; ok {
			w.vals[name] = bytes.Clone(v)
			return nil
		}
		if v, ok := c.Ints[name]; ok {
			w.ints[name] = v
			return nil
		}
		return w.failf("case %s has no %s", other, name)
	})

	sc.Given(`^(\w+) is the negation of (\w+)$`, func(ctx context.Context, dst, src string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		b, err := w.v(src)
		if err != nil {
			return err
		}
		switch kindOf(src) {
		case "g1":
			w.vals[dst] = w.cv.NegG1(b)
		case "g2":
			w.vals[dst] = w.cv.NegG2(b)
		case "scalar":
			w.vals[dst] = w.cv.NegScalar(b)
		default:
			return w.failf("cannot negate %s", src)
		}
		return nil
	})

	sc.Given(`^(\w+) is the sum of (\w+) and (\w+)$`, func(ctx context.Context, dst, a, b string) error {
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
		if kindOf(a) != "scalar" || kindOf(b) != "scalar" {
			return w.failf("the harness adds scalars only")
		}
		w.vals[dst] = w.cv.AddScalars(x, y)
		return nil
	})

	sc.Given(`^(\w+) is the scalar (\d+)$`, func(ctx context.Context, name string, v int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = w.cv.Scalar(big.NewInt(v))
		return nil
	})

	sc.Given(`^(\w+) is the generator of G2$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = w.cv.G2Gen
		return nil
	})

	sc.Given(`^(\w+) is (-?\d+)$`, func(ctx context.Context, name string, v int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.ints[name] = v
		return nil
	})

	sc.Given(`^(\w+) is (\w+) ([+-]) (\d+)$`, func(ctx context.Context, name, base, sign string, d int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		v, err := w.n(base)
		if err != nil {
			return err
		}
		if sign == "-" {
			d = -d
		}
		w.ints[name] = v + d
		return nil
	})

	sc.Given(`^NOW is (\d+) seconds into the day after DAY$`, func(ctx context.Context, s int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.ints["NOW"] = (w.ints["DAY"]+1)*86400 + s
		return nil
	})

	sc.Given(`^(\w+) is the text "(.*)"$`, func(ctx context.Context, name, text string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = []byte(text)
		delete(w.absent, name)
		return nil
	})

	sc.Given(`^(\w+) is (\d+) octets of "(.)"$`, func(ctx context.Context, name string, n int, c string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = bytes.Repeat([]byte(c), n)
		delete(w.absent, name)
		return nil
	})

	sc.Given(`^(\w+) is (\d+) pseudo-random octets$`, func(ctx context.Context, name string, n int) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = pseudoRandom(name+w.suite, n)
		delete(w.absent, name)
		return nil
	})

	sc.Given(`^(\w+) is empty$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.vals[name] = []byte{}
		delete(w.absent, name)
		return nil
	})

	sc.Given(`^(\w+) is absent$`, func(ctx context.Context, name string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.absent[name] = true
		return nil
	})

	// Roles and the server's policy.
	sc.Given(`^our reference plays the (client|server|authority)$`, func(ctx context.Context, role string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.roles[role] = "reference"
		return nil
	})
	sc.Given(`^the (IUT|reference) plays the client and the (IUT|reference) the server$`, func(ctx context.Context, c, s string) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.roles["client"], w.roles["server"] = c, s
		return nil
	})
	sc.Given(`^the server requires permits$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.permits, w.srv.permitsSet = true, true
		return nil
	})
	sc.Given(`^the server detects wrong PINs$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.analyse = true
		return nil
	})
	sc.Given(`^the server locks an identity after (\d+) wrong PINs$`, func(ctx context.Context, n int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.lockout = n
		return nil
	})
	sc.Given(`^both parties run M-Pin Full$`, func(ctx context.Context) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.full, w.fullC = true, true
		return nil
	})
	sc.Given(`^the server keeps sessions open for (\d+) seconds$`, func(ctx context.Context, n int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.ttl = n
		return nil
	})
	sc.Given(`^the server's grace period is (\d+) seconds$`, func(ctx context.Context, n int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.grace = n
		w.ints["GRACE"] = n
		return nil
	})
	sc.Given(`^the server's freshness window is (\d+) seconds$`, func(ctx context.Context, n int64) error {
		w, err := use(ctx)
		if err != nil {
			return err
		}
		w.srv.window = n
		w.ints["WINDOW"] = n
		return nil
	})
}

// sampleOf returns a valid value of a kind, for defects that only need the
// sizes.
func sampleOf(w *world, kind string) []byte {
	switch kind {
	case "g1", "hid":
		return w.cv.G1Gen
	case "g2":
		return w.cv.G2Gen
	case "gt":
		return make([]byte, w.cv.GTSize())
	}
	return make([]byte, w.cv.MB)
}

// otherFamily writes a G2 value in the layout of the other suite family
// (REQ-MPIN-2.2: values are never converted between suites).
func otherFamily(w *world, kind string, b []byte) ([]byte, error) {
	if kind != "g2" {
		return nil, w.failf("the other family's layout exists for G2 values only")
	}
	x, y, ok := w.cv.DecodeG2Raw(b)
	if !ok {
		return nil, w.failf("not a G2 encoding")
	}
	other := *w.cv
	other.Modern = !w.cv.Modern
	return other.EncodeG2(x, y), nil
}

// pseudoRandom returns n deterministic octets derived from a label.
func pseudoRandom(label string, n int) []byte {
	var out []byte
	for i := 0; len(out) < n; i++ {
		h := sha256.Sum256([]byte(label + strings.Repeat("#", i)))
		out = append(out, h[:]...)
	}
	return out[:n]
}
