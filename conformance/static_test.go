package conformance

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/features"
)

// TestRequirementIndex checks the built-in requirement index against
// spec/mpin.md's Appendix A.
func TestRequirementIndex(t *testing.T) {
	b, err := os.ReadFile("../spec/mpin.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	begin, end := strings.Index(s, "<!-- index:begin -->"), strings.Index(s, "<!-- index:end -->")
	if begin < 0 || end < begin {
		t.Fatal("spec/mpin.md has no index markers")
	}
	row := regexp.MustCompile(`^\| \[(REQ-MPIN-[\d.]+)\]\(#([^)]*)\) \| (\w+) \| ([^|]+) \| (.+) \|$`)
	var got []Requirement
	for _, line := range strings.Split(s[begin:end], "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			got = append(got, Requirement{ID: m[1], Anchor: m[2], Strength: m[3], Profiles: strings.TrimSpace(m[4]), Title: strings.ReplaceAll(m[5], "`", "")})
		}
	}
	if len(got) != len(requirements) {
		t.Fatalf("spec/mpin.md indexes %d requirements, the harness knows %d: update conformance/requirements.go", len(got), len(requirements))
	}
	for i := range got {
		if got[i] != requirements[i] {
			t.Errorf("index row %d: spec %+v, harness %+v", i, got[i], requirements[i])
		}
	}
}

// TestTraceability checks the feature files against the spec: every
// requirement has a scenario or a reason in GAPS.md (not both), every
// scenario names requirements that exist, the suites it runs under, and
// only known tags.
func TestTraceability(t *testing.T) {
	scenarios, err := Inventory(features.FS)
	if err != nil {
		t.Fatal(err)
	}
	gaps, err := Gaps(features.FS)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range requirements {
		known[r.ID] = true
	}
	covered := map[string]int{}
	tags := map[string]bool{
		"@all-suites": true, "@negative": true, "@authority": true, "@client": true, "@server": true, "@interop": true,
		"@permits": true, "@one-pass": true, "@wrong-pin": true, "@full": true, "@factors": true, "@lockout": true,
		"@seeded-shares": true, "@should": true, "@may": true,
	}
	for _, s := range iut.Suites {
		tags["@"+s] = true
	}
	names := map[string]bool{} // per suite
	keys := map[string]bool{}
	for _, s := range scenarios {
		reqs := s.Requirements()
		if len(reqs) == 0 {
			t.Errorf("%s:%d %q has no requirement tag", s.URI, s.Line, s.Name)
		}
		for _, r := range reqs {
			if !known[r] {
				t.Errorf("%s:%d %q is tagged with the unknown requirement %s", s.URI, s.Line, s.Name, r)
			}
			covered[r]++
		}
		if len(s.Suites(iut.Suites)) == 0 {
			t.Errorf("%s:%d %q runs under no suite (tag it @all-suites or with suite strings)", s.URI, s.Line, s.Name)
		}
		for _, tag := range s.Tags {
			if !tags[tag] && !strings.HasPrefix(tag, "@REQ-MPIN-") {
				t.Errorf("%s:%d %q has the unknown tag %s", s.URI, s.Line, s.Name, tag)
			}
		}
		if keys[s.Key] {
			t.Errorf("%s:%d %q: two scenarios with the same name, tags and steps", s.URI, s.Line, s.Name)
		}
		keys[s.Key] = true
		for _, su := range s.Suites(iut.Suites) {
			key := su + " " + s.Feature + ": " + s.Name
			if names[key] {
				t.Errorf("%s:%d: the scenario name %q is not unique under %s", s.URI, s.Line, s.Feature+": "+s.Name, su)
			}
			names[key] = true
		}
	}
	gapped := map[string]bool{}
	for _, g := range gaps {
		if !known[g.ID] {
			t.Errorf("GAPS.md lists the unknown requirement %s", g.ID)
		}
		if covered[g.ID] > 0 {
			t.Errorf("GAPS.md lists %s, which %d scenarios check: remove the row", g.ID, covered[g.ID])
		}
		if len(g.Reason) < 20 {
			t.Errorf("GAPS.md gives %s no real reason: %q", g.ID, g.Reason)
		}
		gapped[g.ID] = true
	}
	for _, r := range requirements {
		if covered[r.ID] == 0 && !gapped[r.ID] {
			t.Errorf("%s (%s) has no scenario and no reason in features/GAPS.md", r.ID, r.Title)
		}
	}
	t.Logf("%d scenarios, %d requirements: %d with scenarios, %d gaps", len(scenarios), len(requirements), len(covered), len(gaps))
}

// TestTags checks the tag expressions and their combination with the
// suite filter.
func TestTags(t *testing.T) {
	alts, err := parseTags("@client&&~@full, @REQ-MPIN-7.4")
	if err != nil {
		t.Fatal(err)
	}
	got := suiteTags("MPIN-BN254CX-SHA256-MODERN", alts)
	want := "@all-suites&&@client&&~@full,@all-suites&&@REQ-MPIN-7.4,@MPIN-BN254CX-SHA256-MODERN&&@client&&~@full,@MPIN-BN254CX-SHA256-MODERN&&@REQ-MPIN-7.4"
	if got != want {
		t.Errorf("suiteTags = %q, want %q", got, want)
	}
	if got := suiteTags("S", nil); got != "@all-suites,@S" {
		t.Errorf("suiteTags without user tags = %q", got)
	}
	for _, bad := range []string{"@a||@b", "(@a)", "@", "@a&&"} {
		if _, err := parseTags(bad); err == nil {
			t.Errorf("parseTags(%q) accepted", bad)
		}
	}
	if alts, err := parseTags("client"); err != nil || alts[0][0] != "@client" {
		t.Errorf("parseTags(client) = %v, %v", alts, err)
	}
}
