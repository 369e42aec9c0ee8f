package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// When the test binary is started with MPIN_TEST_AS_SHIM=1 it is `mpin
// shim` (with MPIN_TEST_SHIM_FAULT as its --fault), so that the
// conformance command can be tested against a real subprocess without
// building the command.
func init() {
	if os.Getenv("MPIN_TEST_AS_SHIM") != "1" {
		return
	}
	args := []string{"-quiet"}
	if f := os.Getenv("MPIN_TEST_SHIM_FAULT"); f != "" {
		args = append(args, "-fault", f)
	}
	os.Exit(runShim(args, os.Stdout, os.Stderr))
}

func withStdin(t *testing.T, s string) {
	t.Helper()
	old := shimStdin
	shimStdin = strings.NewReader(s)
	t.Cleanup(func() { shimStdin = old })
}

func TestShimServes(t *testing.T) {
	withStdin(t, `{"id":0,"op":"capabilities","shim":"mpin-shim/1","harness":{"name":"t","version":"1"}}`+"\n"+
		`{"id":1,"op":"hash_id","suite":"MPIN-BN254CX-SHA256-MILAGRO","identity":"616c696365"}`+"\n"+
		`{"id":2,"op":"shutdown"}`+"\n")
	var out, errOut bytes.Buffer
	if code := run([]string{"shim"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("responses %q", lines)
	}
	var caps map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &caps); err != nil || caps["shim"] != "mpin-shim/1" {
		t.Errorf("capabilities %s", lines[0])
	}
	if !strings.Contains(lines[1], `"hid":"2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90"`) {
		t.Errorf("hash_id %s", lines[1])
	}
	if !strings.Contains(errOut.String(), "#1 hash_id: ok") {
		t.Errorf("the log on stderr lacks the request: %q", errOut.String())
	}
}

func TestShimFatalExitsNonZero(t *testing.T) {
	withStdin(t, "this is not json\n")
	var out, errOut bytes.Buffer
	if code := run([]string{"shim", "-quiet"}, &out, &errOut); code != 1 {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(out.String(), `"fatal":true`) {
		t.Errorf("no fatal line: %q", out.String())
	}
}

func TestShimFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"shim", "-list-faults"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "skip-subgroup-check") {
		t.Errorf("-list-faults: exit %d, %q", code, out.String())
	}
	if n := strings.Count(out.String(), "\n"); n < 15 {
		t.Errorf("%d faults listed", n)
	}
	errOut.Reset()
	if code := run([]string{"shim", "-fault", "nope"}, &out, &errOut); code != exitUsage {
		t.Errorf("unknown fault: exit %d", code)
	}
	if code := run([]string{"shim", "extra"}, &out, &errOut); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
}
