package conformance

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"
)

// traceHTML renders the traceability report as one static page.
func traceHTML(res *Result, rows []ReqRow) string {
	var covered, gaps int
	for _, r := range rows {
		if r.Status == "gap" {
			gaps++
		} else {
			covered++
		}
	}
	var failed []Outcome
	for _, o := range res.Outcomes {
		if o.Status == Failed {
			failed = append(failed, o)
		}
	}
	data := map[string]any{
		"Res": res, "Rows": rows, "Covered": covered, "Gaps": gaps, "Failed": failed,
		"Started": res.Started.UTC().Format(time.RFC3339), "Elapsed": res.Elapsed.Round(time.Millisecond).String(),
		"Passed": res.Count(Passed), "FailedN": res.Count(Failed), "Skipped": res.Count(Skipped),
	}
	var b bytes.Buffer
	if err := traceTemplate.Execute(&b, data); err != nil {
		return fmt.Sprintf("<!doctype html><p>report error: %s</p>", template.HTMLEscapeString(err.Error()))
	}
	return b.String()
}

var traceTemplate = template.Must(template.New("trace").Funcs(template.FuncMap{
	"anchor": func(id string) string { return strings.ToLower(strings.ReplaceAll(id, ".", "-")) },
	"join":   strings.Join,
	"spec":   func(a string) string { return fmt.Sprintf(specLinkTemplate, a) },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>M-Pin conformance: {{.Res.Label}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.passed { color: #176f2c; } .failed { color: #b00020; font-weight: bold; }
.skipped { color: #8a6d00; } .gap { color: #8a4b00; } .notrun { color: #666; }
pre { background: #f7f7f7; padding: 0.5em; overflow-x: auto; max-height: 20em; }
code { font-size: 90%; }
</style>
</head>
<body>
<h1>M-Pin conformance: traceability report</h1>
<ul>
<li>Implementation under test: <strong>{{.Res.Label}}</strong> ({{.Res.Implementation.Name}} {{.Res.Implementation.Version}})</li>
<li>Run: {{.Started}}, {{.Elapsed}}</li>
<li>Suites run: {{join .Res.Suites ", "}}</li>
{{if .Res.NotClaimed}}<li>Suites not claimed (not run): {{join .Res.NotClaimed ", "}}</li>{{end}}
<li>Scenario runs: <span class="passed">{{.Passed}} passed</span>, <span class="failed">{{.FailedN}} failed</span>, <span class="skipped">{{.Skipped}} skipped</span> ({{len .Res.Scenarios}} scenarios in the feature files)</li>
{{if .Res.Aborted}}<li class="failed">Run aborted: {{.Res.Aborted}}</li>{{end}}
{{range .Res.Warnings}}<li>Warning: {{.}}</li>{{end}}
<li>Requirements: {{len .Rows}} in spec/mpin.md, {{.Covered}} with scenarios, {{.Gaps}} gaps</li>
</ul>
<h2>Requirements</h2>
<table>
<tr><th>Requirement</th><th>Strength</th><th>Profiles</th><th>Title</th><th>Scenarios</th><th>Passed</th><th>Failed</th><th>Skipped</th><th>Status</th></tr>
{{range .Rows}}<tr><td><a href="#{{anchor .Req.ID}}">{{.Req.ID}}</a></td><td>{{.Req.Strength}}</td><td>{{.Req.Profiles}}</td><td>{{.Req.Title}}</td><td>{{len .Scenarios}}</td><td>{{.Passed}}</td><td>{{.Failed}}</td><td>{{.Skipped}}</td><td class="{{if eq .Status "not run"}}notrun{{else}}{{.Status}}{{end}}">{{.Status}}{{if .Coarse}} ({{.Coarse}} coarse){{end}}</td></tr>
{{end}}</table>
<h2>Gaps</h2>
<p>Requirements that no scenario checks, with the reason recorded in features/GAPS.md.</p>
<table>
<tr><th>Requirement</th><th>Strength</th><th>Reason</th></tr>
{{range .Rows}}{{if eq .Status "gap"}}<tr><td>{{.Req.ID}} {{.Req.Title}}</td><td>{{.Req.Strength}}</td><td>{{.Gap}}</td></tr>
{{end}}{{end}}</table>
<h2>Requirement details</h2>
{{range .Rows}}{{if .Scenarios}}
<h3 id="{{anchor .Req.ID}}">{{.Req.ID}} {{.Req.Title}}</h3>
<p>{{.Req.Strength}}, {{.Req.Profiles}} — <a href="{{spec .Req.Anchor}}">spec</a></p>
<ul>
{{range .Scenarios}}<li>{{.Scenario.Feature}}: {{.Scenario.Name}} (<code>{{.Scenario.URI}}:{{.Scenario.Line}}</code>)
<ul>{{if not .Outcomes}}<li class="notrun">not run (filtered out, or no claimed suite)</li>{{end}}
{{range .Outcomes}}<li class="{{.Status}}">{{.Suite}}: {{.Status}}{{if .Reason}} — {{.Reason}}{{end}}{{if .Coarse}} — passed with a coarse error: {{join .Coarse "; "}}{{end}}</li>
{{end}}</ul></li>
{{end}}</ul>
{{end}}{{end}}
{{if .Failed}}<h2>Failures</h2>
{{range .Failed}}<h3 class="failed">{{.Suite}} — {{.Scenario.Feature}}: {{.Scenario.Name}}</h3>
<p><code>{{.Scenario.URI}}:{{.Scenario.Line}}</code> {{join .Scenario.Tags " "}}</p>
<p>{{.Reason}}</p>
{{if .Stderr}}<p>Shim stderr while the scenario ran:</p><pre>{{.Stderr}}</pre>{{end}}
{{end}}{{end}}
</body>
</html>
`))
