package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

func TestDTAInit(t *testing.T) {
	dir := t.TempDir()
	share := filepath.Join(dir, "share.json")
	apps := filepath.Join(dir, "apps.json")
	passFile := filepath.Join(dir, "pass")
	if err := os.WriteFile(passFile, []byte("a long passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	args := []string{"dta", "init", "-share", share, "-suite", mpin.BN254CXModern, "-name", "dta-x",
		"-passphrase-file", passFile, "-apps", apps, "-kdf-log2n", "10"}
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	ms, err := dta.ReadShareFile(share, []byte("a long passphrase"))
	if err != nil || ms.Suite != mpin.BN254CXModern || ms.Authority != "dta-x" {
		t.Fatalf("share file: %v %v", ms, err)
	}
	if a, err := dta.ReadApps(apps); err != nil || len(a["interop"]) != dta.MinAppKeySize {
		t.Fatalf("apps file: %v", err)
	}
	// Never overwrite a share.
	errOut.Reset()
	if code := run(args, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "exists") {
		t.Fatalf("second init: exit %d: %s", code, errOut.String())
	}
	// A passphrase from the environment; a short seed is refused.
	t.Setenv(passphraseEnv, "environment passphrase")
	seed := filepath.Join(dir, "seed")
	os.WriteFile(seed, []byte("short"), 0o600)
	errOut.Reset()
	if code := run([]string{"dta", "init", "-share", filepath.Join(dir, "s2"), "-name", "n", "-seed-file", seed}, &out, &errOut); code != 1 {
		t.Fatalf("short seed: exit %d: %s", code, errOut.String())
	}
}

func TestDTAUsage(t *testing.T) {
	for _, args := range [][]string{
		{"dta"},
		{"dta", "bogus"},
		{"dta", "init"},
		{"dta", "init", "-share", "x"},
		{"dta", "init", "-share", "x", "-name", "n", "-suite", "nope"},
		{"dta", "serve"},
		{"dta", "serve", "-share", "x"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"dta", "serve", "-h"}, &out, &errOut); code != 0 || !strings.Contains(errOut.String(), "-store") {
		t.Errorf("dta serve -h: exit %d: %s", code, errOut.String())
	}
}
