package conformance

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"
)

// Requirement is one row of spec/mpin.md's index.
type Requirement struct {
	// ID is REQ-MPIN-<section>.<n>.
	ID string
	// Strength is MUST, SHOULD or MAY.
	Strength string
	// Profiles is the profile scope.
	Profiles string
	// Title is the requirement's heading.
	Title string
	// Anchor is the heading's anchor in spec/mpin.md.
	Anchor string
}

// Requirements returns the requirements of spec/mpin.md, in index order.
func Requirements() []Requirement { return append([]Requirement(nil), requirements...) }

// Scenario is one scenario of the suite as the feature files define it
// (one per Examples row of an outline).
type Scenario struct {
	// URI is the feature file's name.
	URI string
	// Feature is the feature's name.
	Feature string
	// Name is the scenario's name.
	Name string
	// Line is the line of the scenario (or of its Examples row).
	Line int
	// Tags are the scenario's tags, with the "@".
	Tags []string
	// Key identifies the scenario across parses.
	Key string
}

// FullName is "<feature>: <scenario>", what disabled-selectors match.
func (s *Scenario) FullName() string { return s.Feature + ": " + s.Name }

// Requirements returns the REQ IDs the scenario is tagged with.
func (s *Scenario) Requirements() []string {
	var out []string
	for _, t := range s.Tags {
		if strings.HasPrefix(t, "@REQ-") {
			out = append(out, t[1:])
		}
	}
	return out
}

// Suites returns the suites the scenario runs under.
func (s *Scenario) Suites(all []string) []string {
	if contains(s.Tags, "@all-suites") {
		return all
	}
	var out []string
	for _, su := range all {
		if contains(s.Tags, "@"+su) {
			out = append(out, su)
		}
	}
	return out
}

// pickleKey identifies a pickle by file, name, tags and step texts, so
// that godog's pickles and the inventory's can be matched (two Examples
// rows of one outline differ in their values or in their tags).
func pickleKey(uri, name string, tags []*messages.PickleTag, steps []*messages.PickleStep) string {
	var b strings.Builder
	b.WriteString(uri)
	b.WriteByte(0)
	b.WriteString(name)
	for _, t := range tags {
		b.WriteByte(1)
		b.WriteString(t.Name)
	}
	for _, s := range steps {
		b.WriteByte(0)
		b.WriteString(s.Text)
	}
	return b.String()
}

// featureFiles returns the feature files of an FS, sorted by name.
func featureFiles(fsys fs.FS) (map[string][]byte, []string, error) {
	files := map[string][]byte{}
	var order []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".feature") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[p] = b
		order = append(order, p)
		return nil
	})
	sort.Strings(order)
	return files, order, err
}

// Inventory parses every feature file into its scenarios.
func Inventory(fsys fs.FS) ([]Scenario, error) {
	files, order, err := featureFiles(fsys)
	if err != nil {
		return nil, err
	}
	var out []Scenario
	for _, uri := range order {
		n := 0
		newID := func() string { n++; return fmt.Sprint(n) }
		doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(files[uri]), newID)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", uri, err)
		}
		lines := astLines(doc)
		for _, p := range gherkin.Pickles(*doc, uri, newID) {
			s := Scenario{URI: uri, Feature: doc.Feature.Name, Name: p.Name, Key: pickleKey(uri, p.Name, p.Tags, p.Steps)}
			for _, t := range p.Tags {
				s.Tags = append(s.Tags, t.Name)
			}
			for _, id := range p.AstNodeIds {
				if l, ok := lines[id]; ok {
					s.Line = l // the last one: the Examples row of an outline
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// astLines maps the AST node IDs of scenarios and Examples rows to lines.
func astLines(doc *messages.GherkinDocument) map[string]int {
	m := map[string]int{}
	add := func(sc *messages.Scenario) {
		if sc == nil {
			return
		}
		m[sc.Id] = int(sc.Location.Line)
		for _, ex := range sc.Examples {
			for _, row := range ex.TableBody {
				m[row.Id] = int(row.Location.Line)
			}
		}
	}
	if doc.Feature == nil {
		return m
	}
	for _, c := range doc.Feature.Children {
		add(c.Scenario)
		if c.Rule != nil {
			for _, rc := range c.Rule.Children {
				add(rc.Scenario)
			}
		}
	}
	return m
}

// Gap is a requirement without a scenario and the recorded reason.
type Gap struct {
	// ID is the requirement.
	ID string
	// Reason says why no scenario checks it.
	Reason string
}

var gapRow = regexp.MustCompile(`^\|\s*(REQ-MPIN-\d+\.\d+)\s*\|\s*(.+?)\s*\|\s*$`)

// Gaps parses GAPS.md: every table row "| REQ-MPIN-x.y | reason |".
func Gaps(fsys fs.FS) ([]Gap, error) {
	b, err := fs.ReadFile(fsys, "GAPS.md")
	if err != nil {
		return nil, err
	}
	var out []Gap
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if m := gapRow.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, Gap{ID: m[1], Reason: m[2]})
		}
	}
	return out, sc.Err()
}
