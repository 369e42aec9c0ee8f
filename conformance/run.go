package conformance

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
	"github.com/mpinkit/mpinkit/features"
)

// Options configure a run of the suite.
type Options struct {
	// IUT is the implementation under test; required.
	IUT iut.IUT
	// Reference plays the other party in interop scenarios and answers
	// "what our reference computes"; nil means a fresh in-process
	// reference.
	Reference iut.IUT
	// Suites narrows the suites run (besides the IUT's claim and the
	// configuration); empty means every claimed suite.
	Suites []string
	// Tags is a godog tag expression: alternatives separated by ",",
	// each a conjunction of tags (or ~tags) joined by "&&".
	Tags string
	// Config is the per-stack configuration, or nil.
	Config *Config
	// Features holds the feature files and GAPS.md; nil means the
	// embedded features.FS.
	Features fs.FS
	// OutDir receives the reports; empty writes none.
	OutDir string
	// Progress receives a line per suite and a mark per scenario; nil
	// discards it.
	Progress io.Writer
	// T, when set, runs every scenario as a subtest of T (under a subtest
	// per suite).
	T *testing.T
	// Label names the run in reports (default: the IUT's name).
	Label string
}

// Outcome is what happened to one scenario under one suite.
type Outcome struct {
	Suite    string
	Scenario Scenario
	// Status is "passed", "failed" or "skipped".
	Status string
	// Reason explains a failure or a skip.
	Reason string
	// Coarse lists the passes that relied on equivalent_errors.
	Coarse []string
	// Stderr is the IUT's stderr while the scenario ran.
	Stderr   string
	Duration time.Duration
}

// Outcome statuses.
const (
	Passed  = "passed"
	Failed  = "failed"
	Skipped = "skipped"
)

// Result is the outcome of a run.
type Result struct {
	// Implementation is the IUT as it named itself.
	Implementation iut.Implementation
	// Label names the run.
	Label string
	// Suites are the suites run.
	Suites []string
	// NotClaimed are suites of the spec the IUT does not claim.
	NotClaimed []string
	// Outcomes, in run order.
	Outcomes []Outcome
	// Scenarios is the inventory of the feature files.
	Scenarios []Scenario
	// Gaps are the requirements listed in GAPS.md.
	Gaps []Gap
	// Warnings are problems that do not fail the run (unused disabled
	// selectors, for example).
	Warnings []string
	// Started and Elapsed time the run.
	Started time.Time
	Elapsed time.Duration
	// Aborted is set when the run stopped early.
	Aborted error
}

// Count returns the number of outcomes with a status.
func (r *Result) Count(status string) int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Status == status {
			n++
		}
	}
	return n
}

// OK reports whether the run passed: no failed scenario and no abort.
func (r *Result) OK() bool { return r.Aborted == nil && r.Count(Failed) == 0 }

// pass is the state of one suite's run.
type pass struct {
	suite string
	claim *iut.SuiteClaim
	curve *curvemath.Curve
	iut   iut.IUT
	ref   iut.IUT
	caps  *iut.Capabilities
	cfg   *Config
	// underTest is set when scenarios run as subtests of go test.
	underTest bool

	run *runState
}

// runState collects outcomes across passes.
type runState struct {
	mu        sync.Mutex
	res       *Result
	byKey     map[string]*Scenario
	progress  io.Writer
	column    int
	usedSel   map[string]bool
	aborted   error
	stderrLen int
}

// Run runs the suite against an IUT and, with OutDir, writes the reports.
// The returned error reports a run that could not happen at all; scenario
// failures are in the Result.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.IUT == nil {
		return nil, errors.New("conformance: no IUT")
	}
	fsys := opts.Features
	if fsys == nil {
		fsys = features.FS
	}
	ref := opts.Reference
	if ref == nil {
		ref = inproc.New(inproc.Options{})
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	caps, err := opts.IUT.Capabilities(ctx)
	if err != nil {
		return nil, fmt.Errorf("conformance: capabilities: %w", err)
	}
	if caps.Shim != iut.Protocol {
		return nil, fmt.Errorf("conformance: the IUT speaks %q, the harness %q", caps.Shim, iut.Protocol)
	}
	scenarios, err := Inventory(fsys)
	if err != nil {
		return nil, err
	}
	gaps, err := Gaps(fsys)
	if err != nil {
		return nil, fmt.Errorf("conformance: GAPS.md: %w", err)
	}
	res := &Result{
		Implementation: caps.Implementation, Label: opts.Label, Scenarios: scenarios, Gaps: gaps,
		Started: time.Now(),
	}
	if res.Label == "" {
		res.Label = caps.Implementation.Name + " " + caps.Implementation.Version
		if opts.Config != nil && opts.Config.Name != "" {
			res.Label = opts.Config.Name
		}
	}
	rs := &runState{res: res, byKey: map[string]*Scenario{}, progress: progress, usedSel: map[string]bool{}}
	for i := range scenarios {
		rs.byKey[scenarios[i].Key] = &scenarios[i]
	}

	// The suites: the spec's, claimed, narrowed by the configuration and
	// the options.
	for _, s := range iut.Suites {
		switch {
		case caps.Claim(s) == nil:
			res.NotClaimed = append(res.NotClaimed, s)
		case opts.Config != nil && len(opts.Config.Suites) > 0 && !contains(opts.Config.Suites, s):
		case len(opts.Suites) > 0 && !contains(opts.Suites, s):
		default:
			res.Suites = append(res.Suites, s)
		}
	}
	for _, s := range opts.Suites {
		if !contains(iut.Suites, s) {
			return nil, fmt.Errorf("conformance: unknown suite %q", s)
		}
	}
	tags, err := parseTags(opts.Tags)
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "mpin-conformance-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	files, order, err := featureFiles(fsys)
	if err != nil {
		return nil, err
	}
	var contents []godog.Feature
	for _, uri := range order {
		contents = append(contents, godog.Feature{Name: uri, Contents: files[uri]})
	}

	var cucumber []string
	for _, suite := range res.Suites {
		if rs.aborted != nil {
			break
		}
		cv, err := curvemath.Lookup(suite)
		if err != nil {
			return nil, err
		}
		p := &pass{suite: suite, claim: caps.Claim(suite), curve: cv, iut: opts.IUT, ref: ref, caps: caps, cfg: opts.Config, run: rs, underTest: opts.T != nil}
		fmt.Fprintf(progress, "%s%s\n", rs.newline(), suite)
		cucumberFile := filepath.Join(tmp, "cucumber-"+suite+".json")
		cucumber = append(cucumber, cucumberFile)
		runSuite := func(t *testing.T) {
			suiteRun := godog.TestSuite{
				Name:                suite,
				ScenarioInitializer: p.initScenario,
				Options: &godog.Options{
					Format:          "cucumber:" + cucumberFile,
					Output:          io.Discard,
					FeatureContents: contents,
					Tags:            suiteTags(suite, tags),
					Strict:          true,
					Concurrency:     1,
					TestingT:        t,
					DefaultContext:  ctx,
					NoColors:        true,
				},
			}
			suiteRun.Run()
		}
		if opts.T != nil {
			opts.T.Run(suite, runSuite)
		} else {
			runSuite(nil)
		}
	}
	fmt.Fprint(progress, rs.newline())
	res.Aborted = rs.aborted
	res.Elapsed = time.Since(res.Started)
	for _, sel := range opts.Config.unusedSelectors(rs.usedSel) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("disabled selector %q matched no scenario", sel))
	}
	if opts.OutDir != "" {
		if err := writeReports(opts.OutDir, res, cucumber); err != nil {
			return res, err
		}
	}
	return res, nil
}

// newline ends a line of progress marks.
func (rs *runState) newline() string {
	if rs.column == 0 {
		return ""
	}
	rs.column = 0
	return "\n"
}

// parseTags checks a godog tag expression and splits it into its
// alternatives.
func parseTags(expr string) ([][]string, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, nil
	}
	var out [][]string
	for _, alt := range strings.Split(expr, ",") {
		var conj []string
		for _, t := range strings.Split(alt, "&&") {
			t = strings.TrimSpace(t)
			name := strings.TrimPrefix(strings.TrimPrefix(t, "~"), "@")
			if name == "" || strings.ContainsAny(name, " ()|!") {
				return nil, fmt.Errorf("conformance: bad tag %q in %q (use @a&&~@b,@c)", t, expr)
			}
			if !strings.HasPrefix(strings.TrimPrefix(t, "~"), "@") {
				t = strings.Replace(t, name, "@"+name, 1)
			}
			conj = append(conj, t)
		}
		out = append(out, conj)
	}
	return out, nil
}

// suiteTags combines the suite filter (@all-suites or the suite's tag)
// with the user's expression, distributing the conjunctions over the
// alternatives (godog's expressions have no parentheses).
func suiteTags(suite string, user [][]string) string {
	base := []string{"@all-suites", "@" + suite}
	if len(user) == 0 {
		return strings.Join(base, ",")
	}
	var alts []string
	for _, b := range base {
		for _, conj := range user {
			alts = append(alts, strings.Join(append([]string{b}, conj...), "&&"))
		}
	}
	return strings.Join(alts, ",")
}

// gated lists the tags that need a claim.
var gated = []string{"authority", "client", "server", "permits", "one-pass", "wrong-pin", "full", "factors", "seeded-shares", "lockout"}

// initScenario registers the hooks and steps for one scenario.
func (p *pass) initScenario(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		w := newWorld(p)
		w.started = time.Now()
		w.scenario = p.run.scenarioOf(s)
		ctx = context.WithValue(ctx, worldKey{}, w)
		for _, name := range gated {
			if contains(w.scenario.Tags, "@"+name) && !p.claim.Has(name) {
				w.skip = fmt.Sprintf("not claimed: %s (skipped, not claimed)", name)
				return ctx, nil
			}
		}
		if sel, reason, ok := p.cfg.disabled(w.scenario.Tags, w.scenario.FullName()); ok {
			p.run.mu.Lock()
			p.run.usedSel[sel] = true
			p.run.mu.Unlock()
			w.skip = fmt.Sprintf("disabled by %q: %s", sel, reason)
			return ctx, nil
		}
		if p.run.aborted != nil {
			w.skip = "the run was aborted: " + p.run.aborted.Error()
			return ctx, nil
		}
		if err := p.iut.Reset(ctx); err != nil {
			if errors.Is(err, iut.ErrAborted) {
				p.run.aborted = err
			}
			w.broken = "reset: " + err.Error()
		}
		if err := p.ref.Reset(ctx); err != nil {
			w.broken = "reference reset: " + err.Error()
		}
		return ctx, nil
	})
	sc.After(func(ctx context.Context, s *godog.Scenario, err error) (context.Context, error) {
		w := getWorld(ctx)
		if w == nil {
			return ctx, nil
		}
		o := Outcome{Suite: p.suite, Scenario: *w.scenario, Coarse: w.coarse, Duration: time.Since(w.started)}
		switch {
		case w.failed != "":
			o.Status, o.Reason = Failed, w.failed
		case err != nil && !errors.Is(err, godog.ErrSkip):
			o.Status, o.Reason = Failed, err.Error()
		case w.skip != "":
			o.Status, o.Reason = Skipped, w.skip
		default:
			o.Status = Passed
		}
		if src, ok := p.iut.(iut.StderrSource); ok {
			o.Stderr = src.StderrSinceReset()
			if o.Stderr != "" && o.Status == Failed {
				ctx = godog.Attach(ctx, godog.Attachment{Body: []byte(o.Stderr), FileName: "shim-stderr.txt", MediaType: "text/plain"})
			}
		}
		if p.underTest {
			// godog.Logf goes to the subtest's log under go test (and to
			// stdout otherwise, which the command keeps for its summary).
			if o.Status == Skipped {
				godog.Logf(ctx, "skipped: %s", o.Reason)
			}
			if len(o.Coarse) > 0 {
				godog.Logf(ctx, "passed with a coarse error: %s", strings.Join(o.Coarse, "; "))
			}
		}
		p.run.record(o)
		return ctx, nil
	})
	givenSteps(sc)
	opSteps(sc)
	sessionSteps(sc)
	thenSteps(sc)
	vectorSteps(sc)
}

// scenarioOf finds a godog scenario in the inventory.
func (rs *runState) scenarioOf(s *godog.Scenario) *Scenario {
	if sc, ok := rs.byKey[pickleKey(s.Uri, s.Name, s.Tags, s.Steps)]; ok {
		return sc
	}
	out := &Scenario{URI: s.Uri, Name: s.Name}
	for _, t := range s.Tags {
		out.Tags = append(out.Tags, t.Name)
	}
	return out
}

// record stores an outcome and prints its progress mark.
func (rs *runState) record(o Outcome) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.res.Outcomes = append(rs.res.Outcomes, o)
	mark := map[string]string{Passed: ".", Failed: "F", Skipped: "S"}[o.Status]
	if o.Status == Passed && len(o.Coarse) > 0 {
		mark = "c"
	}
	fmt.Fprint(rs.progress, mark)
	rs.column++
	if rs.column == 72 {
		fmt.Fprint(rs.progress, rs.newline())
	}
}
