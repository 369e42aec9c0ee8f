package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallVectorFiles are quick to generate: the CLI tests use them.
var smallVectorFiles = []string{"mpin_bn254cx_milagro_hash.json", "mpin_bls12381_modern_pairing.json"}

func TestVectorsGenAndCheck(t *testing.T) {
	dir := t.TempDir()
	only := strings.Join(smallVectorFiles, ",")
	var out, errOut bytes.Buffer
	if code := run([]string{"vectors", "gen", "--dir", dir, "--only", only}, &out, &errOut); code != 0 {
		t.Fatalf("gen exited %d; stderr:\n%s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(smallVectorFiles)+1 {
		t.Fatalf("gen printed %d lines, want one per file and a total:\n%s", len(lines), out.String())
	}
	for i, name := range smallVectorFiles {
		if !strings.Contains(lines[i], name) || !strings.Contains(lines[i], "tests") {
			t.Errorf("progress line %q does not report %s", lines[i], name)
		}
		// What gen writes is the committed file, byte for byte.
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "vectors", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: generated file differs from the committed one", name)
		}
	}

	out.Reset()
	errOut.Reset()
	if code := run([]string{"vectors", "check", "--dir", dir, "--only", only}, &out, &errOut); code != 0 {
		t.Fatalf("check of fresh files exited %d; stderr:\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("check output %q", out.String())
	}

	// A changed file makes check exit 1 and name it.
	path := filepath.Join(dir, smallVectorFiles[0])
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"vectors", "check", "--dir", dir, "--only", only}, &out, &errOut); code != exitStale {
		t.Fatalf("check of a changed file exited %d, want %d", code, exitStale)
	}
	if !strings.Contains(errOut.String(), smallVectorFiles[0]) || strings.Contains(errOut.String(), smallVectorFiles[1]) {
		t.Errorf("check did not list exactly the changed file:\n%s", errOut.String())
	}
}

// TestVectorsCheckCommitted runs `mpin vectors check` on the committed
// files, as make vectors-check does.
func TestVectorsCheckCommitted(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"vectors", "check", "--dir", filepath.Join("..", "..", "vectors")}, &out, &errOut); code != 0 {
		t.Fatalf("check exited %d; stderr:\n%s", code, errOut.String())
	}
}

func TestVectorsUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"vectors"}, exitUsage},
		{[]string{"vectors", "make"}, exitUsage},
		{[]string{"vectors", "gen", "extra"}, exitUsage},
		{[]string{"vectors", "check", "--nonsense"}, exitUsage},
		{[]string{"vectors", "gen", "--only", "no_such_file.json", "--dir", t.TempDir()}, exitStale},
		{[]string{"vectors", "-h"}, 0},
		{[]string{"help", "vectors"}, 0},
	} {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != tt.code {
			t.Errorf("mpin %v exited %d, want %d; stderr:\n%s", tt.args, code, tt.code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	run([]string{"help", "vectors"}, &out, &errOut)
	for _, want := range []string{"gen", "check", "-dir"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help vectors lacks %q:\n%s", want, out.String())
		}
	}
}
