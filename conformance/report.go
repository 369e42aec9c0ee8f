package conformance

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Report files written into the output directory.
const (
	JUnitFile        = "junit.xml"
	CucumberFile     = "cucumber.json"
	TraceMarkdown    = "traceability.md"
	TraceHTML        = "traceability.html"
	specLinkTemplate = "spec/mpin.md#%s"
)

// ReqRow is one requirement of the traceability report.
type ReqRow struct {
	Req Requirement
	// Scenarios are the scenarios tagged with the requirement, with their
	// outcomes.
	Scenarios []ScenarioRow
	// Counts of outcomes over all scenarios and suites.
	Passed, Failed, Skipped, Coarse int
	// Gap is the reason GAPS.md gives, if the requirement is listed there.
	Gap string
	// Status summarises the row: "passed", "failed", "skipped", "not run"
	// or "gap".
	Status string
}

// ScenarioRow is a scenario and its outcomes, one per suite it ran under.
type ScenarioRow struct {
	Scenario Scenario
	Outcomes []Outcome
}

// Trace computes the traceability rows of a result: requirement →
// scenarios → outcomes, and gaps.
func Trace(res *Result) []ReqRow {
	gaps := map[string]string{}
	for _, g := range res.Gaps {
		gaps[g.ID] = g.Reason
	}
	byKey := map[string][]Outcome{}
	for _, o := range res.Outcomes {
		byKey[o.Scenario.Key] = append(byKey[o.Scenario.Key], o)
	}
	var rows []ReqRow
	for _, r := range requirements {
		row := ReqRow{Req: r, Gap: gaps[r.ID]}
		for _, s := range res.Scenarios {
			if !contains(s.Requirements(), r.ID) {
				continue
			}
			sr := ScenarioRow{Scenario: s, Outcomes: byKey[s.Key]}
			for _, o := range sr.Outcomes {
				switch o.Status {
				case Passed:
					row.Passed++
					if len(o.Coarse) > 0 {
						row.Coarse++
					}
				case Failed:
					row.Failed++
				case Skipped:
					row.Skipped++
				}
			}
			row.Scenarios = append(row.Scenarios, sr)
		}
		switch {
		case len(row.Scenarios) == 0:
			row.Status = "gap"
			if row.Gap == "" {
				row.Gap = "no scenario, and no reason recorded in features/GAPS.md"
			}
		case row.Failed > 0:
			row.Status = Failed
		case row.Passed > 0:
			row.Status = Passed
		case row.Skipped > 0:
			row.Status = Skipped
		default:
			row.Status = "not run"
		}
		rows = append(rows, row)
	}
	return rows
}

// writeReports writes JUnit XML, cucumber JSON and the traceability report.
func writeReports(dir string, res *Result, cucumberFiles []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	junit, err := junitXML(res)
	if err != nil {
		return err
	}
	cuc, err := mergeCucumber(cucumberFiles, res.Suites)
	if err != nil {
		return err
	}
	rows := Trace(res)
	for name, data := range map[string][]byte{
		JUnitFile:     junit,
		CucumberFile:  cuc,
		TraceMarkdown: []byte(traceMarkdown(res, rows)),
		TraceHTML:     []byte(traceHTML(res, rows)),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ---- JUnit ----

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

type junitCase struct {
	XMLName    xml.Name        `xml:"testcase"`
	Name       string          `xml:"name,attr"`
	Classname  string          `xml:"classname,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Failure    *junitMessage   `xml:"failure,omitempty"`
	Skipped    *junitMessage   `xml:"skipped,omitempty"`
	SystemErr  string          `xml:"system-err,omitempty"`
}

type junitSuite struct {
	XMLName  xml.Name    `xml:"testsuite"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// junitXML writes one testsuite per (suite, feature), one testcase per
// scenario, with the scenario's tags as properties, the failure or skip
// reason, and the shim's stderr for failures.
func junitXML(res *Result) ([]byte, error) {
	all := junitSuites{Name: "mpin conformance: " + res.Label, Time: seconds(res.Elapsed)}
	index := map[string]int{}
	var times []time.Duration
	for _, o := range res.Outcomes {
		name := o.Suite + ": " + o.Scenario.Feature
		i, ok := index[name]
		if !ok {
			i = len(all.Suites)
			index[name] = i
			all.Suites = append(all.Suites, junitSuite{Name: name})
			times = append(times, 0)
		}
		times[i] += o.Duration
		s := &all.Suites[i]
		c := junitCase{
			Name:      fmt.Sprintf("%s (%s:%d)", o.Scenario.Name, o.Scenario.URI, o.Scenario.Line),
			Classname: o.Suite + "." + strings.TrimSuffix(o.Scenario.URI, ".feature"),
			Time:      seconds(o.Duration),
		}
		for _, t := range o.Scenario.Tags {
			c.Properties = append(c.Properties, junitProperty{Name: "tag", Value: t})
		}
		for _, note := range o.Coarse {
			c.Properties = append(c.Properties, junitProperty{Name: "coarse-error", Value: note})
		}
		s.Tests++
		all.Tests++
		switch o.Status {
		case Failed:
			c.Failure = &junitMessage{Message: o.Reason, Type: "conformance"}
			c.SystemErr = o.Stderr
			s.Failures++
			all.Failures++
		case Skipped:
			c.Skipped = &junitMessage{Message: o.Reason}
			s.Skipped++
			all.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	for i := range all.Suites {
		all.Suites[i].Time = seconds(times[i])
	}
	out, err := xml.MarshalIndent(all, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// ---- cucumber JSON ----

// mergeCucumber joins the per-suite cucumber reports into one array,
// naming each feature with its suite.
func mergeCucumber(files, suites []string) ([]byte, error) {
	var all []map[string]any
	for i, f := range files {
		data, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(string(data)) == "" {
			continue
		}
		var feats []map[string]any
		if err := json.Unmarshal(data, &feats); err != nil {
			return nil, fmt.Errorf("cucumber report of %s: %w", suites[i], err)
		}
		for _, ft := range feats {
			if name, ok := ft["name"].(string); ok {
				ft["name"] = suites[i] + ": " + name
			}
			if id, ok := ft["id"].(string); ok {
				ft["id"] = strings.ToLower(suites[i]) + ";" + id
			}
			all = append(all, ft)
		}
	}
	if all == nil {
		all = []map[string]any{}
	}
	out, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// ---- traceability, Markdown ----

func statusMark(s string) string {
	switch s {
	case Passed:
		return "✅ passed"
	case Failed:
		return "❌ FAILED"
	case Skipped:
		return "⏭ skipped"
	case "gap":
		return "⚠ gap"
	}
	return s
}

func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func traceMarkdown(res *Result, rows []ReqRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# M-Pin conformance: traceability report\n\n")
	fmt.Fprintf(&b, "- Implementation under test: **%s** (%s %s)\n", res.Label, res.Implementation.Name, res.Implementation.Version)
	fmt.Fprintf(&b, "- Run: %s, %s\n", res.Started.UTC().Format(time.RFC3339), res.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(&b, "- Suites run: %s\n", strings.Join(res.Suites, ", "))
	if len(res.NotClaimed) > 0 {
		fmt.Fprintf(&b, "- Suites not claimed (not run): %s\n", strings.Join(res.NotClaimed, ", "))
	}
	fmt.Fprintf(&b, "- Scenario runs: %d passed, %d failed, %d skipped (%d scenarios in the feature files)\n",
		res.Count(Passed), res.Count(Failed), res.Count(Skipped), len(res.Scenarios))
	if res.Aborted != nil {
		fmt.Fprintf(&b, "- **Run aborted:** %s\n", res.Aborted)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "- Warning: %s\n", w)
	}
	var covered, gapped int
	for _, r := range rows {
		if r.Status == "gap" {
			gapped++
		} else {
			covered++
		}
	}
	fmt.Fprintf(&b, "- Requirements: %d in spec/mpin.md, %d with scenarios, %d gaps\n\n", len(rows), covered, gapped)

	fmt.Fprintf(&b, "## Requirements\n\n| Requirement | Strength | Profiles | Title | Scenarios | Passed | Failed | Skipped | Status |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		status := statusMark(r.Status)
		if r.Coarse > 0 {
			status += fmt.Sprintf(" (%d coarse)", r.Coarse)
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %d | %d | %d | %d | %s |\n",
			r.Req.ID, strings.ToLower(strings.ReplaceAll(r.Req.ID, ".", "")), r.Req.Strength, r.Req.Profiles, mdEscape(r.Req.Title),
			len(r.Scenarios), r.Passed, r.Failed, r.Skipped, status)
	}

	fmt.Fprintf(&b, "\n## Gaps\n\nRequirements that no scenario checks, with the reason recorded in features/GAPS.md.\n\n| Requirement | Strength | Reason |\n|---|---|---|\n")
	for _, r := range rows {
		if r.Status == "gap" {
			fmt.Fprintf(&b, "| %s %s | %s | %s |\n", r.Req.ID, mdEscape(r.Req.Title), r.Req.Strength, mdEscape(r.Gap))
		}
	}

	fmt.Fprintf(&b, "\n## Requirement details\n")
	for _, r := range rows {
		if len(r.Scenarios) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n%s (%s, %s) — [spec](%s)\n\n", r.Req.ID, r.Req.Title, r.Req.Strength, r.Req.Profiles, fmt.Sprintf(specLinkTemplate, r.Req.Anchor))
		for _, s := range r.Scenarios {
			fmt.Fprintf(&b, "- %s: %s (`%s:%d`)\n", mdEscape(s.Scenario.Feature), mdEscape(s.Scenario.Name), s.Scenario.URI, s.Scenario.Line)
			if len(s.Outcomes) == 0 {
				fmt.Fprintf(&b, "  - not run (filtered out, or no claimed suite)\n")
			}
			for _, o := range s.Outcomes {
				line := fmt.Sprintf("  - %s: %s", o.Suite, statusMark(o.Status))
				if o.Reason != "" {
					line += " — " + mdEscape(o.Reason)
				}
				if len(o.Coarse) > 0 {
					line += " — passed with a coarse error: " + mdEscape(strings.Join(o.Coarse, "; "))
				}
				fmt.Fprintln(&b, line)
			}
		}
	}

	var failed []Outcome
	for _, o := range res.Outcomes {
		if o.Status == Failed {
			failed = append(failed, o)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(&b, "\n## Failures\n")
		for _, o := range failed {
			fmt.Fprintf(&b, "\n### %s — %s: %s\n\n`%s:%d` %s\n\n%s\n", o.Suite, o.Scenario.Feature, o.Scenario.Name,
				o.Scenario.URI, o.Scenario.Line, strings.Join(o.Scenario.Tags, " "), o.Reason)
			if o.Stderr != "" {
				fmt.Fprintf(&b, "\nShim stderr while the scenario ran:\n\n```text\n%s\n```\n", strings.TrimRight(o.Stderr, "\n"))
			}
		}
	}
	return b.String()
}
