package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
	"github.com/mpinkit/mpinkit/conformance/iut/shimserver"
)

// Tests of the harness's own behaviour: configuration, error mapping,
// skips, claims. They use the reference with small changes made by the
// wrappers below.

// nativeErrors reports the decoding classes as the draft-era code did:
// one native name, "-14", for all three.
type nativeErrors struct{ iut.IUT }

func (n nativeErrors) native(err error) error {
	var e *iut.Error
	if errors.As(err, &e) && (e.Name == iut.InvalidPoint || e.Name == iut.NonCanonical || e.Name == iut.IdentityPoint) {
		return &iut.Error{Name: "-14", Detail: e.Detail}
	}
	return err
}

func (n nativeErrors) ServerVerify(ctx context.Context, r *iut.ServerVerifyRequest) error {
	return n.native(n.IUT.ServerVerify(ctx, r))
}

// withoutOps answers "unimplemented" to some operations.
type withoutOps struct {
	iut.IUT
	validate, pass2 bool
}

func (w withoutOps) Validate(ctx context.Context, r *iut.ValidateRequest) (*iut.ValidateResult, error) {
	if w.validate {
		return nil, &iut.UnimplementedError{Op: iut.OpValidate, Detail: "not wired"}
	}
	return w.IUT.Validate(ctx, r)
}

func (w withoutOps) ClientPass2(ctx context.Context, r *iut.ClientPass2Request) (*iut.ClientPass2Result, error) {
	if w.pass2 {
		return nil, &iut.UnimplementedError{Op: iut.OpClientPass2}
	}
	return w.IUT.ClientPass2(ctx, r)
}

// narrowClaim claims one suite and some roles and features, and refuses
// the other suites as a stack that does not offer them would.
type narrowClaim struct {
	iut.IUT
	claim iut.SuiteClaim
}

func (n narrowClaim) Capabilities(ctx context.Context) (*iut.Capabilities, error) {
	c, err := n.IUT.Capabilities(ctx)
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.Suites = []iut.SuiteClaim{n.claim}
	return &cc, nil
}

func (n narrowClaim) HashID(ctx context.Context, r *iut.HashIDRequest) (*iut.HashIDResult, error) {
	if r.Suite != n.claim.Suite {
		return nil, iut.Errorf(iut.Unsupported, "suite %q is not offered", r.Suite)
	}
	return n.IUT.HashID(ctx, r)
}

func run(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const oneSuite = "MPIN-BN254CX-SHA256-MILAGRO"

func TestNativeErrorsAndCoarseEquivalence(t *testing.T) {
	impl := nativeErrors{inproc.New(inproc.Options{})}
	opts := Options{IUT: impl, Suites: []string{oneSuite}, Tags: "@REQ-MPIN-14.4&&@server,@REQ-MPIN-14.5&&@server"}

	res := run(t, opts)
	if res.Count(Failed) == 0 {
		t.Fatal("native error names passed without a mapping")
	}
	for _, o := range res.Outcomes {
		if o.Status == Failed && !strings.Contains(o.Reason, "unmapped error") {
			t.Errorf("failure without an unmapped-error reason: %s", o.Reason)
			break
		}
	}

	opts.Config = &Config{Format: ConfigFormat, Errors: map[string]string{"-14": iut.InvalidPoint}}
	res = run(t, opts)
	if res.Count(Failed) == 0 {
		t.Fatal("INVALID_POINT passed where IDENTITY_POINT is expected, without equivalent_errors")
	}

	opts.Config.EquivalentErrors = map[string][]string{iut.InvalidPoint: {iut.NonCanonical, iut.IdentityPoint}}
	res = run(t, opts)
	coarse := 0
	for _, o := range res.Outcomes {
		if o.Status == Failed {
			t.Errorf("%s: %s", o.Scenario.Name, o.Reason)
		}
		coarse += len(o.Coarse)
	}
	if coarse == 0 {
		t.Error("no pass was reported as coarse")
	}
	if row := traceRow(res, "REQ-MPIN-14.4"); row.Coarse == 0 {
		t.Error("the traceability row of REQ-MPIN-14.4 shows no coarse pass")
	}
}

func traceRow(res *Result, id string) ReqRow {
	for _, r := range Trace(res) {
		if r.Req.ID == id {
			return r
		}
	}
	return ReqRow{}
}

func TestDisabledScenarios(t *testing.T) {
	cfg := &Config{Format: ConfigFormat, Disabled: map[string]string{
		"REQ-MPIN-10.5": "lockout is the service's",
		"@one-pass":     "one-pass is not offered by this build",
		"Input validation and canonical errors: Arbitrary octets*": "fuzzing is done elsewhere",
		"@no-such-tag": "stale entry",
	}}
	res := run(t, Options{IUT: inproc.New(inproc.Options{}), Suites: []string{oneSuite}, Config: cfg,
		Tags: "@REQ-MPIN-10.5,@one-pass&&@REQ-MPIN-8.4,@REQ-MPIN-13.3,@REQ-MPIN-7.4"})
	var skipped, passed int
	for _, o := range res.Outcomes {
		switch o.Status {
		case Skipped:
			skipped++
			if !strings.Contains(o.Reason, "disabled by") {
				t.Errorf("skip without the selector: %s", o.Reason)
			}
		case Passed:
			passed++
		default:
			t.Errorf("%s: %s", o.Scenario.Name, o.Reason)
		}
	}
	if skipped == 0 || passed == 0 {
		t.Errorf("%d skipped, %d passed: expected both", skipped, passed)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "@no-such-tag") {
		t.Errorf("warnings %q, expected one about @no-such-tag", res.Warnings)
	}
}

func TestUnimplementedOperations(t *testing.T) {
	base := inproc.New(inproc.Options{})
	res := run(t, Options{IUT: withoutOps{IUT: base, validate: true}, Suites: []string{oneSuite}, Tags: "@REQ-MPIN-14.6"})
	var skipped int
	for _, o := range res.Outcomes {
		if o.Status == Failed {
			t.Errorf("an unimplemented optional operation failed %s: %s", o.Scenario.Name, o.Reason)
		}
		if o.Status == Skipped && strings.Contains(o.Reason, "does not implement validate") {
			skipped++
		}
	}
	if skipped == 0 {
		t.Error("no scenario was skipped for the unimplemented validate")
	}

	res = run(t, Options{IUT: withoutOps{IUT: base, pass2: true}, Suites: []string{oneSuite}, Tags: "@REQ-MPIN-7.5&&@client"})
	if res.Count(Failed) == 0 {
		t.Error("an unimplemented core operation (client_pass2 for a client) did not fail")
	}
	for _, o := range res.Outcomes {
		if o.Status == Failed && !strings.Contains(o.Reason, "core") {
			t.Errorf("failure without the core-operation reason: %s", o.Reason)
		}
	}
}

// refusingProxy stands between the harness and a shim server and answers
// UNSUPPORTED to every operation that is not core for a claim (besides
// the meta and role-free optional ones), as spec/mpin.md REQ-MPIN-2.6
// asks of a stack that does not offer a role or feature.
func refusingProxy(claim iut.SuiteClaim) shim.LaunchFunc {
	inner := shimserver.Launcher(func() iut.IUT { return narrowClaim{IUT: inproc.New(inproc.Options{}), claim: claim} }, shimserver.Options{})
	free := map[string]bool{iut.OpCapabilities: true, iut.OpReset: true, iut.OpShutdown: true, iut.OpClose: true, iut.OpValidate: true, iut.OpPair: true}
	return func(ctx context.Context) (*shim.Process, error) {
		p, err := inner(ctx)
		if err != nil {
			return nil, err
		}
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		go func() {
			defer outW.Close()
			defer p.Stdin.Close()
			sc := bufio.NewScanner(inR)
			sc.Buffer(nil, 1<<21)
			resp := bufio.NewScanner(p.Stdout)
			resp.Buffer(nil, 1<<21)
			for sc.Scan() {
				var req struct {
					ID int64  `json:"id"`
					Op string `json:"op"`
				}
				_ = json.Unmarshal(sc.Bytes(), &req)
				if !free[req.Op] && !iut.IsCore(req.Op, &claim) {
					fmt.Fprintf(outW, `{"id":%d,"ok":false,"error":"UNSUPPORTED","detail":"not offered"}`+"\n", req.ID)
					continue
				}
				if _, err := p.Stdin.Write(append(sc.Bytes(), '\n')); err != nil || !resp.Scan() {
					return
				}
				if _, err := outW.Write(append(resp.Bytes(), '\n')); err != nil {
					return
				}
			}
		}()
		return &shim.Process{Stdin: inW, Stdout: outR, Stderr: p.Stderr, Wait: p.Wait, Signal: func(bool) { inW.Close() }, Describe: "refusing proxy"}, nil
	}
}

// TestNarrowClaims runs the whole suite against stacks that claim one
// role of one suite without optional features and refuse everything else
// with UNSUPPORTED: nothing may fail, since every scenario that needs more
// must be skipped as not claimed. This checks that every scenario carries
// the role and feature tags of the operations it uses.
func TestNarrowClaims(t *testing.T) {
	for _, role := range []string{iut.RoleAuthority, iut.RoleClient, iut.RoleServer} {
		t.Run(role, func(t *testing.T) {
			claim := iut.SuiteClaim{Suite: oneSuite, Roles: []string{role}, Modes: []string{iut.ModeTwoPass, iut.ModeOnePass},
				Permits: true, WrongPIN: true, Full: true, Factors: true, SeededShares: true, Lockout: true}
			a, err := shim.Start(context.Background(), shim.Options{Launch: refusingProxy(claim)})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close(context.Background())
			res := run(t, Options{IUT: a})
			if len(res.Suites) != 1 || len(res.NotClaimed) != 3 {
				t.Errorf("suites run %v, not claimed %v", res.Suites, res.NotClaimed)
			}
			for _, o := range res.Outcomes {
				if o.Status == Failed {
					t.Errorf("%s:%d %s: %s", o.Scenario.URI, o.Scenario.Line, o.Scenario.Name, o.Reason)
				}
			}
			if res.Count(Skipped) == 0 || res.Count(Passed) == 0 {
				t.Errorf("%d passed, %d skipped", res.Count(Passed), res.Count(Skipped))
			}
			t.Logf("claiming %s only: %d passed, %d skipped", role, res.Count(Passed), res.Count(Skipped))
		})
	}
}

// TestSpecConfigExample parses the configuration example of spec/shim.md.
func TestSpecConfigExample(t *testing.T) {
	b, err := os.ReadFile("../spec/shim.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)Example:\n\n```json\n(.*?)\n```").FindSubmatch(b)
	if m == nil {
		t.Fatal("no configuration example in spec/shim.md")
	}
	c, err := ParseConfig(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if c.Errors["MPIN_BAD_PIN"] != iut.BadPIN || c.ShimTimeouts().Startup.Seconds() != 20 {
		t.Errorf("parsed %+v", c)
	}
	if _, _, ok := c.disabled([]string{"@REQ-MPIN-10.3"}, "x: y"); !ok {
		t.Error("REQ selector does not match")
	}
	if _, _, ok := c.disabled(nil, "Input validation: G2 point outside the subgroup (SQ)"); !ok {
		t.Error("glob selector does not match")
	}
	for _, bad := range []string{
		`{"format":"mpin-shim-config/2"}`,
		`{"format":"mpin-shim-config/1","errors":{"X":"NOT_A_NAME"}}`,
		`{"format":"mpin-shim-config/1","disabled":{"@one-pass":" "}}`,
		`{"format":"mpin-shim-config/1","equivalent_errors":{"BAD_PIN":["INVALID_POINT"]}}`,
		`{"format":"mpin-shim-config/1","suites":["MPIN-X"]}`,
		`{"format":"mpin-shim-config/1","unknown":1}`,
	} {
		if _, err := ParseConfig([]byte(bad)); !errors.Is(err, ErrConfig) {
			t.Errorf("ParseConfig(%s) = %v", bad, err)
		}
	}
}
