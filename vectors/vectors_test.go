package vectors

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// TestReferenceAgainstAllVectors loads every committed vector file and
// replays it against the reference implementation.
func TestReferenceAgainstAllVectors(t *testing.T) {
	names := FileNames()
	if len(names) != len(mpin.Profiles())*len(families) {
		t.Fatalf("%d file names", len(names))
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			t.Parallel()
			f, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if f.NumberOfTests == 0 {
				t.Fatal("no tests")
			}
			if err := Run(f); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestVectorsUpToDate regenerates every file in memory and compares it
// byte for byte with the committed one (what make vectors-check does).
func TestVectorsUpToDate(t *testing.T) {
	start := time.Now()
	if err := Check("."); err != nil {
		t.Fatalf("%v\nrun `make vectors` to regenerate", err)
	}
	t.Logf("regenerated and compared %d files in %v", len(FileNames()), time.Since(start).Round(time.Millisecond))
}

func TestEmbeddedMatchesDisk(t *testing.T) {
	for _, name := range FileNames() {
		disk, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		emb, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(disk, emb) {
			t.Errorf("%s: the embedded copy differs from the file (rebuild)", name)
		}
	}
	all, err := LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(FileNames()) {
		t.Errorf("LoadAll gave %d files, want %d", len(all), len(FileNames()))
	}
}

// TestGenerateIsDeterministic writes a few files twice into fresh
// directories and compares them with each other and with the committed
// ones.
func TestGenerateIsDeterministic(t *testing.T) {
	names := []string{"mpin_bn254cx_milagro_hash.json", "mpin_bls12381_modern_onepass.json"}
	var runs [2][][]byte
	for i := range runs {
		dir := t.TempDir()
		var progress bytes.Buffer
		if err := GenerateFiles(dir, names, &progress); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(progress.String()), "\n")
		if len(lines) != len(names)+1 {
			t.Fatalf("progress has %d lines, want one per file and a total:\n%s", len(lines), progress.String())
		}
		for j, n := range names {
			if !strings.Contains(lines[j], n) || !strings.Contains(lines[j], " tests ") {
				t.Errorf("progress line %q does not name %s and its tests", lines[j], n)
			}
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			runs[i] = append(runs[i], b)
		}
	}
	for j, n := range names {
		committed, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(runs[0][j], runs[1][j]) || !bytes.Equal(runs[0][j], committed) {
			t.Errorf("%s: two generations or the committed file differ", n)
		}
	}
	if err := GenerateFiles(t.TempDir(), []string{"no_such_file.json"}, nil); err == nil {
		t.Error("GenerateFiles accepted an unknown file name")
	}
}

func TestCheckReportsDifferences(t *testing.T) {
	names := []string{"mpin_bn254cx_milagro_hash.json", "mpin_bn254cx_milagro_pairing.json", "mpin_bn254cx_milagro_encoding.json"}
	dir := t.TempDir()
	if err := GenerateFiles(dir, names, nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckFiles(dir, names); err != nil {
		t.Fatalf("fresh files: %v", err)
	}
	changed := filepath.Join(dir, names[0])
	b, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, bytes.Replace(b, []byte(`"valid"`), []byte(`"invalid"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, names[1])); err != nil {
		t.Fatal(err)
	}
	err = CheckFiles(dir, names)
	var stale *StaleError
	if !errors.As(err, &stale) {
		t.Fatalf("CheckFiles: %v, want a *StaleError", err)
	}
	if len(stale.Differ) != 1 || stale.Differ[0] != names[0] || len(stale.Missing) != 1 || stale.Missing[0] != names[1] {
		t.Errorf("StaleError %+v", stale)
	}
	if msg := stale.Error(); !strings.Contains(msg, names[0]) || !strings.Contains(msg, names[1]) {
		t.Errorf("message %q does not name the files", msg)
	}
}

func TestCheckReportsExtraFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range FileNames() {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "stray.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stale *StaleError
	if err := Check(dir); !errors.As(err, &stale) || len(stale.Extra) != 1 || stale.Extra[0] != "stray.json" || len(stale.Differ)+len(stale.Missing) != 0 {
		t.Fatalf("Check: %v", err)
	}
}

// TestRunDetectsChanges alters vectors and expects Run to name the cases.
func TestRunDetectsChanges(t *testing.T) {
	f, err := LoadFS(Files(), "mpin_bn254cx_modern_twopass.json")
	if err != nil {
		t.Fatal(err)
	}
	var validCase, invalidCase, badPIN *Test
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			switch {
			case validCase == nil && g.Type == "TwoPass" && tc.Result == Valid:
				validCase = tc
			case invalidCase == nil && g.Type == "TwoPassServer" && tc.Error == "INVALID_POINT":
				invalidCase = tc
			case badPIN == nil && tc.Error == "BAD_PIN":
				badPIN = tc
			}
		}
	}
	if validCase == nil || invalidCase == nil || badPIN == nil {
		t.Fatal("cases not found")
	}
	validCase.V = append(HexBytes{}, validCase.V...)
	validCase.V[len(validCase.V)-1] ^= 1
	invalidCase.Error = "NON_CANONICAL"
	*badPIN.Delta = *badPIN.Delta + 1
	err = Run(f)
	var re *RunError
	if !errors.As(err, &re) {
		t.Fatalf("Run: %v, want a *RunError", err)
	}
	got := map[int]bool{}
	for _, fl := range re.Failures {
		got[fl.TcID] = true
		if !errors.Is(fl.Err, ErrMismatch) {
			t.Errorf("failure %d: %v does not wrap ErrMismatch", fl.TcID, fl.Err)
		}
	}
	if len(re.Failures) != 3 || !got[validCase.TcID] || !got[invalidCase.TcID] || !got[badPIN.TcID] {
		t.Errorf("failures %v", re)
	}
	if _, err := mpin.Lookup("MPIN-NONE"); err == nil {
		t.Fatal("lookup")
	}
	f.Suite = "MPIN-BN254CX-SHA512-MILAGRO"
	if err := Run(f); mpin.ErrorName(err) != "UNSUPPORTED" {
		t.Errorf("unknown suite: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	good, err := fs.ReadFile(Files(), "mpin_bn254cx_milagro_pairing.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(good); err != nil {
		t.Fatal(err)
	}
	edits := map[string][2]string{
		"test count":       {`"numberOfTests": 12`, `"numberOfTests": 13`},
		"tcId out of turn": {`"tcId": 2,`, `"tcId": 3,`},
		"unknown result":   {`"result": "valid"`, `"result": "acceptable"`},
		"error on valid":   {`"result": "valid"`, `"result": "valid", "error": "BAD_PIN"`},
		"undefined flag":   {`"flags": ["EdgeValue"]`, `"flags": ["NoSuchFlag"]`},
		"group type":       {`"type": "Pairing"`, `"type": "Pairings"`},
		"unknown field":    {`"tcId": 1,`, `"tcId": 1, "extra": 1,`},
		"bad hex":          {`"a": "0`, `"a": "z`},
		"no suite":         {`"suite": "MPIN-BN254CX-SHA256-MILAGRO"`, `"suite": ""`},
		"trailing data":    {"\n}\n", "\n}\n{}"},
	}
	for name, e := range edits {
		bad := strings.Replace(string(good), e[0], e[1], 1)
		if bad == string(good) {
			t.Fatalf("%s: edit did not apply", name)
		}
		if _, err := Parse([]byte(bad)); !errors.Is(err, ErrSchema) {
			t.Errorf("%s: Parse gave %v, want ErrSchema", name, err)
		}
	}
	invalidNoError := strings.Replace(string(good), `"result": "valid"`, `"result": "invalid"`, 1)
	if _, err := Parse([]byte(invalidNoError)); !errors.Is(err, ErrSchema) {
		t.Errorf("invalid case without an error: %v", err)
	}
	if _, err := Load("no_such_file.json"); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

func TestHexBytesRoundTrip(t *testing.T) {
	var h HexBytes
	if err := h.UnmarshalText([]byte("")); err != nil || h == nil || len(h) != 0 {
		t.Errorf("empty: %v %#v", err, h)
	}
	if err := h.UnmarshalText([]byte("0A0b")); err != nil || !bytes.Equal(h, []byte{10, 11}) || h.String() != "0a0b" {
		t.Errorf("mixed case: %v %x", err, []byte(h))
	}
	if err := h.UnmarshalText([]byte("abc")); !errors.Is(err, ErrSchema) {
		t.Errorf("odd length: %v", err)
	}
}

func TestDRBG(t *testing.T) {
	a, b := newDRBG("x"), newDRBG("x")
	if !bytes.Equal(a.bytes(100), b.bytes(100)) {
		t.Error("same label, different output")
	}
	// Reading in pieces gives the same stream as reading at once.
	c, d := newDRBG("y"), newDRBG("y")
	whole := c.bytes(77)
	var parts []byte
	for _, n := range []int{1, 31, 32, 13} {
		parts = append(parts, d.bytes(n)...)
	}
	if !bytes.Equal(whole, parts) {
		t.Error("split reads differ")
	}
	if bytes.Equal(newDRBG("x").bytes(32), newDRBG("y").bytes(32)) {
		t.Error("different labels, same output")
	}
	e := newDRBG("x")
	f1 := e.fork("g").bytes(32)
	e.bytes(1000)
	if !bytes.Equal(f1, e.fork("g").bytes(32)) || bytes.Equal(f1, e.fork("h").bytes(32)) {
		t.Error("fork depends on the parent's position, or ignores its label")
	}
	for range 1000 {
		if v := e.intn(7); v < 0 || v >= 7 {
			t.Fatalf("intn(7) = %d", v)
		}
	}
}

// TestTraceability checks that every requirement a vector names exists in
// spec/mpin.md, and that spec/vectors.md documents every group type and
// flag.
func TestTraceability(t *testing.T) {
	spec, err := os.ReadFile("../spec/mpin.md")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#### (REQ-MPIN-[0-9]+\.[0-9]+) `).FindAllSubmatch(spec, -1) {
		defined[string(m[1])] = true
	}
	doc, err := os.ReadFile("../spec/vectors.md")
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	seenType, seenFlag := map[string]bool{}, map[string]bool{}
	for _, f := range all {
		for _, g := range f.TestGroups {
			seenType[g.Type] = true
			for _, tc := range g.Tests {
				if len(tc.Reqs) == 0 {
					t.Errorf("%s tcId %d: no requirement", f.Suite, tc.TcID)
				}
				for _, r := range tc.Reqs {
					if !defined[r] {
						t.Errorf("%s %s tcId %d: %s is not defined in spec/mpin.md", f.Algorithm, f.Suite, tc.TcID, r)
					}
				}
				for _, fl := range tc.Flags {
					seenFlag[fl] = true
				}
			}
		}
		for fl, note := range f.Notes {
			if note != flagNotes[fl] {
				t.Errorf("%s: note of %s differs from the generator's", f.Suite, fl)
			}
		}
	}
	for _, typ := range GroupTypes() {
		if !seenType[typ] {
			t.Errorf("group type %s is in no file", typ)
		}
		if !bytes.Contains(doc, []byte("`"+typ+"`")) {
			t.Errorf("spec/vectors.md does not document group type %s", typ)
		}
	}
	for fl := range flagNotes {
		if !seenFlag[fl] {
			t.Errorf("flag %s is in no file", fl)
		}
		if !bytes.Contains(doc, []byte("`"+fl+"`")) {
			t.Errorf("spec/vectors.md does not document flag %s", fl)
		}
	}
}
