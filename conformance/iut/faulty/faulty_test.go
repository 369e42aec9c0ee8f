package faulty

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
)

func TestFaultList(t *testing.T) {
	if len(Faults) < 15 {
		t.Errorf("%d faults, want at least 15", len(Faults))
	}
	seen := map[string]bool{}
	for _, f := range Faults {
		if seen[f.Name] || f.Defect == "" || !strings.HasPrefix(f.Tags, "@REQ-MPIN-") {
			t.Errorf("fault %+v: duplicate, undescribed or untargeted", f)
		}
		seen[f.Name] = true
		w, err := Wrap(inproc.New(inproc.Options{}), f.Name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := w.Capabilities(context.Background())
		if err != nil || !strings.HasSuffix(c.Implementation.Name, "with fault "+f.Name) {
			t.Errorf("%s: capabilities %v %v", f.Name, c, err)
		}
	}
	if _, err := Wrap(inproc.New(inproc.Options{}), "no-such-fault"); !errors.Is(err, ErrUnknownFault) {
		t.Errorf("unknown fault: %v", err)
	}
	if len(Names()) != len(Faults) {
		t.Error("Names")
	}
}
