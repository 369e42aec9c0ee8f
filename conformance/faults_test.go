package conformance

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/faulty"
	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
	"github.com/mpinkit/mpinkit/conformance/iut/shimserver"
)

// faultSuites are the suites the fault runs use: one of each curve and
// family, so that the faults that concern one family only are exercised.
var faultSuites = []string{"MPIN-BN254CX-SHA256-MILAGRO", "MPIN-BLS12381-SHA256-MODERN"}

// pipeShim serves a faulty reference over os.Pipe pairs: the shim
// adapter, the JSON framing and the shim server all run, without a
// process per fault.
func pipeShim(t *testing.T, fault string) *shim.Adapter {
	t.Helper()
	launch := shimserver.Launcher(func() iut.IUT {
		w, err := faulty.Wrap(inproc.New(inproc.Options{}), fault)
		if err != nil {
			panic(err) // the fault name comes from faulty.Faults
		}
		return w
	}, shimserver.Options{})
	a, err := shim.Start(context.Background(), shim.Options{Launch: launch})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close(context.Background()) })
	return a
}

// TestFaults runs the suite, filtered by each fault's tags, against the
// reference with that fault, and requires at least one failing scenario
// per fault. The fault-free run is TestConformanceShim. With
// MPIN_CONFORMANCE_FULL_FAULTS=1 every fault runs the whole suite instead
// (slower; every fault is caught that way too).
func TestFaults(t *testing.T) {
	full := os.Getenv("MPIN_CONFORMANCE_FULL_FAULTS") == "1"
	caught, ran := 0, 0
	var lines []string
	for _, f := range faulty.Faults {
		t.Run(f.Name, func(t *testing.T) {
			ran++
			tags := f.Tags
			if full {
				tags = ""
			}
			res, err := Run(context.Background(), Options{IUT: pipeShim(t, f.Name), Suites: faultSuites, Tags: tags})
			if err != nil {
				t.Fatal(err)
			}
			failed := res.Count(Failed)
			lines = append(lines, fmt.Sprintf("%-34s %3d of %3d scenario runs failed", f.Name, failed, len(res.Outcomes)))
			if failed == 0 {
				t.Errorf("fault %s (%s) was not caught by the scenarios tagged %s", f.Name, f.Defect, f.Tags)
				return
			}
			caught++
		})
	}
	t.Logf("faults caught: %d / %d\n%s", caught, ran, strings.Join(lines, "\n"))
	if caught != ran {
		t.Errorf("score %d / %d", caught, ran)
	}
}

// TestFaultSubprocess checks `mpin shim --fault NAME` end to end: a real
// subprocess with a defect fails the scenarios that concern it, and only
// through the real suite.
func TestFaultSubprocess(t *testing.T) {
	a := startShim(t, "--fault", "accept-wrong-pin", "--quiet")
	caps, err := a.Capabilities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(caps.Implementation.Name, "accept-wrong-pin") {
		t.Errorf("implementation %q does not name its fault", caps.Implementation.Name)
	}
	res, err := Run(context.Background(), Options{IUT: a, Suites: faultSuites[:1], Tags: "@REQ-MPIN-9.4"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(Failed) == 0 {
		t.Fatalf("accept-wrong-pin was not caught (%d runs)", len(res.Outcomes))
	}
	if res.OK() {
		t.Error("a run with failures reports OK")
	}
}
