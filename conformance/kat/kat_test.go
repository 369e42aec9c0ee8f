package kat

import (
	"bytes"
	"errors"
	"testing"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

func TestSeedCases(t *testing.T) {
	for _, p := range mpin.Profiles() {
		for _, name := range []string{"seed-1", "seed-3", "seed-4", "seed-9"} {
			c, err := Get(p.Name(), name)
			if err != nil {
				t.Fatalf("%s %s: %v", p.Name(), name, err)
			}
			for _, v := range []string{"ID", "HID", "A", "MS1", "SQ", "CS", "TOKEN", "X", "Y", "U", "SEC", "V", "E", "F", "H", "KC", "GTTOKEN", "U1", "Y1", "V1"} {
				if !c.Has(v) {
					t.Errorf("%s %s lacks %s", p.Name(), name, v)
				}
			}
			if (c.Ints["DAY"] != 0) != c.Has("TP") {
				t.Errorf("%s %s: DAY %d and TP disagree", p.Name(), name, c.Ints["DAY"])
			}
			wantResult := "OK"
			if c.Ints["PIN1"] != c.Ints["PIN2"] {
				wantResult = "BAD_PIN"
			}
			if c.Result != wantResult {
				t.Errorf("%s %s: result %s", p.Name(), name, c.Result)
			}
		}
	}
	a, _ := Get(mpin.BN254CXMilagro, "seed-1")
	b, _ := generate(mpin.BN254CXMilagro, 1)
	if !bytes.Equal(a.Values["V"], b.Values["V"]) || !bytes.Equal(a.Values["KC"], b.Values["KC"]) {
		t.Error("seed cases are not deterministic")
	}
	if _, err := Get(mpin.BN254CXMilagro, "seed-x"); !errors.Is(err, ErrNoCase) {
		t.Errorf("seed-x: %v", err)
	}
}

func TestUpstreamCases(t *testing.T) {
	c, err := Get(mpin.BN254CXMilagro, "upstream-0")
	if errors.Is(err, ErrNoUpstream) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if c.Ints["DAY"] != 16574 || c.Result != "OK" || len(c.Values["SQ"]) != 128 {
		t.Errorf("upstream-0: %+v", c.Ints)
	}
	c, err = Get(mpin.BLS12381Milagro, "upstream-100")
	if err != nil {
		t.Fatal(err)
	}
	if c.Result != "BAD_PIN" || c.Ints["DELTA"] != c.Ints["PIN2"]-c.Ints["PIN1"] || c.Values["SEC"] == nil {
		t.Errorf("BLS upstream-100: %s %+v", c.Result, c.Ints)
	}
	if _, err := Get(mpin.BN254CXModern, "upstream-0"); !errors.Is(err, ErrNoCase) {
		t.Errorf("upstream case for a modern suite: %v", err)
	}
}
