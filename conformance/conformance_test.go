package conformance

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
)

// requireClean fails the test for every failed or skipped scenario: the
// reference claims everything, so nothing may be skipped either.
func requireClean(t *testing.T, res *Result) {
	t.Helper()
	for _, o := range res.Outcomes {
		if o.Status != Passed {
			t.Errorf("%s %s: %s: %s: %s", o.Suite, o.Scenario.Feature, o.Scenario.Name, o.Status, o.Reason)
		}
		if o.Scenario.Line == 0 || !contains(o.Scenario.Suites([]string{o.Suite}), o.Suite) {
			t.Errorf("%s %q: outcome not matched to its scenario in the inventory", o.Suite, o.Scenario.Name)
		}
	}
	if res.Aborted != nil {
		t.Errorf("aborted: %v", res.Aborted)
	}
	if len(res.Outcomes) == 0 {
		t.Error("no scenario ran")
	}
	t.Logf("%s: %d scenario runs passed in %v", res.Label, res.Count(Passed), res.Elapsed)
}

// TestConformanceInproc runs the suite against the reference in process.
func TestConformanceInproc(t *testing.T) {
	res, err := Run(context.Background(), Options{IUT: inproc.New(inproc.Options{}), Suites: testSuites(), T: t})
	if err != nil {
		t.Fatal(err)
	}
	requireClean(t, res)
}

// TestConformanceShim runs the suite against the reference started as a
// subprocess shim (`mpin shim`), end to end, and checks the reports.
func TestConformanceShim(t *testing.T) {
	a := startShim(t)
	out := t.TempDir()
	res, err := Run(context.Background(), Options{IUT: a, Suites: testSuites(), T: t, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	requireClean(t, res)
	checkReports(t, out, res)
}

// checkReports parses the files a run wrote.
func checkReports(t *testing.T, dir string, res *Result) {
	t.Helper()
	var junit junitSuites
	b, err := os.ReadFile(filepath.Join(dir, JUnitFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, &junit); err != nil {
		t.Fatalf("junit.xml: %v", err)
	}
	if junit.Tests != len(res.Outcomes) || junit.Failures != res.Count(Failed) || junit.Skipped != res.Count(Skipped) {
		t.Errorf("junit.xml counts %d/%d/%d, result %d/%d/%d", junit.Tests, junit.Failures, junit.Skipped,
			len(res.Outcomes), res.Count(Failed), res.Count(Skipped))
	}
	tagged := false
	for _, s := range junit.Suites {
		for _, c := range s.Cases {
			for _, p := range c.Properties {
				if p.Name == "tag" && strings.HasPrefix(p.Value, "@REQ-MPIN-") {
					tagged = true
				}
			}
		}
	}
	if !tagged {
		t.Error("junit.xml carries no requirement tags")
	}
	var cuc []map[string]any
	b, err = os.ReadFile(filepath.Join(dir, CucumberFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cuc); err != nil {
		t.Fatalf("cucumber.json: %v", err)
	}
	if len(cuc) == 0 {
		t.Error("cucumber.json has no features")
	}
	for _, name := range []string{TraceMarkdown, TraceHTML} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range requirements {
			if !strings.Contains(string(b), r.ID) {
				t.Errorf("%s does not mention %s", name, r.ID)
			}
		}
		if !strings.Contains(string(b), "REQ-MPIN-9.2") || !strings.Contains(string(b), "multi-pairing") {
			t.Errorf("%s does not list the gaps with their reasons", name)
		}
	}
}
