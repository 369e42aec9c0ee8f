package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConformanceInprocSubset(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"conformance", "run", "--inproc", "--suite", "MPIN-BLS12381-SHA256-MODERN", "--tags", "@REQ-MPIN-7.4,@REQ-MPIN-3.7", "--out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	for _, f := range []string{"junit.xml", "cucumber.json", "traceability.md", "traceability.html"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if !strings.Contains(stdout.String(), "0 failed") || !strings.Contains(stderr.String(), "MPIN-BLS12381-SHA256-MODERN") {
		t.Errorf("summary %q, progress %q", stdout.String(), stderr.String())
	}
}

// TestConformanceAgainstShim runs the command against the test binary
// acting as `mpin shim` (see shim_test.go), without and with a fault.
func TestConformanceAgainstShim(t *testing.T) {
	t.Setenv("MPIN_TEST_AS_SHIM", "1")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"conformance", "run", "--shim", "'" + self + "'", "--suite", "MPIN-BN254CX-SHA256-MILAGRO", "--tags", "@REQ-MPIN-10.2", "--quiet"}

	var stdout, stderr bytes.Buffer
	if code := run(append(args, "--out", t.TempDir()), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}

	t.Setenv("MPIN_TEST_SHIM_FAULT", "wrong-pin-delta-sign")
	stdout.Reset()
	if code := run(append(args, "--out", t.TempDir()), &stdout, &stderr); code != 1 {
		t.Fatalf("a faulty shim: exit %d\n%s", code, stdout.String())
	}
	if !strings.Contains(stdout.String(), "FAIL ") {
		t.Errorf("no failure listed: %s", stdout.String())
	}
}

func TestConformanceUsage(t *testing.T) {
	dir := t.TempDir()
	badCfg := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badCfg, []byte(`{"format":"nope"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"conformance"},
		{"conformance", "run"},
		{"conformance", "run", "--inproc", "--suite", "MPIN-NOPE"},
		{"conformance", "run", "--config", badCfg, "--inproc"},
		{"conformance", "run", "--shim", "'unterminated"},
		{"conformance", "run", "--inproc", "--shim", "x"},
		{"conformance", "run", "--inproc", "--tags", "(@a)"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code == 0 {
			t.Errorf("%q: exit 0", args)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"conformance", "-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "--shim") {
		t.Errorf("help: exit %d %q", code, stdout.String())
	}
}
