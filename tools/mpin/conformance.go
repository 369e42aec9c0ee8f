package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mpinkit/mpinkit/conformance"
	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
)

var _ = register("conformance", command{
	"run the conformance suite against an implementation (spec/shim.md adapter) and write the reports",
	runConformance,
})

// listFlag collects a flag given several times or as a comma-separated
// list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func conformanceUsage(w io.Writer) {
	fmt.Fprintf(w, `usage: mpin conformance run --shim "CMD ARGS" [flags]
       mpin conformance run --config FILE [flags]
       mpin conformance run --inproc [flags]

Runs the Gherkin suite of features/ against an implementation that speaks
mpin-shim/1 (spec/shim.md) and writes, into --out, JUnit XML (junit.xml),
cucumber JSON (cucumber.json) and the requirement traceability report
(traceability.md, traceability.html). The exit status is 0 when no scenario
failed, 1 when one did or the run was aborted, 2 for usage errors.

`)
}

// runConformance is `mpin conformance`.
func runConformance(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "run" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help") {
			conformanceUsage(stdout)
			return 0
		}
		conformanceUsage(stderr)
		return exitUsage
	}
	fs := flag.NewFlagSet("mpin conformance run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	shimCmd := fs.String("shim", "", "the shim command line, split like a POSIX shell without expansion")
	configFile := fs.String("config", "", "per-stack configuration `file` (spec/shim.md section 11)")
	out := fs.String("out", "out/conformance", "`directory` for the reports")
	tags := fs.String("tags", "", "tag `expression`: alternatives separated by ',', conjunctions by '&&', '~' negates (e.g. @client&&~@full,@REQ-MPIN-7.4)")
	useInproc := fs.Bool("inproc", false, "test the reference in process instead of a shim (checks the harness itself)")
	quiet := fs.Bool("quiet", false, "no progress on the terminal")
	showLog := fs.Bool("shim-log", false, "copy the shim's stderr to the terminal as it runs")
	var suites listFlag
	fs.Var(&suites, "suite", "run only this `suite` (repeatable, or comma-separated)")
	fs.Usage = func() {
		conformanceUsage(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "mpin conformance run: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	var cfg *conformance.Config
	if *configFile != "" {
		c, err := conformance.LoadConfig(*configFile)
		if err != nil {
			fmt.Fprintf(stderr, "mpin conformance run: %v\n", err)
			return exitUsage
		}
		cfg = c
	}
	for _, s := range suites {
		if !contains(iut.Suites, s) {
			fmt.Fprintf(stderr, "mpin conformance run: unknown suite %q (one of %s)\n", s, strings.Join(iut.Suites, ", "))
			return exitUsage
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	progress := stderr
	if *quiet {
		progress = io.Discard
	}

	var impl iut.IUT
	switch {
	case *useInproc:
		if *shimCmd != "" {
			fmt.Fprintln(stderr, "mpin conformance run: --inproc and --shim exclude each other")
			return exitUsage
		}
		impl = inproc.New(inproc.Options{})
	default:
		var argv []string
		switch {
		case *shimCmd != "":
			a, err := shim.SplitCommand(*shimCmd)
			if err != nil {
				fmt.Fprintf(stderr, "mpin conformance run: --shim: %v\n", err)
				return exitUsage
			}
			argv = a
		case cfg != nil && len(cfg.Command) > 0:
			argv = cfg.Command
		default:
			fmt.Fprintln(stderr, "mpin conformance run: give --shim \"CMD ARGS\", a --config with a command, or --inproc")
			return exitUsage
		}
		opts := shim.Options{Launch: shim.Command(argv, cfg.EnvList()), Timeouts: cfg.ShimTimeouts()}
		if *showLog {
			opts.Log = stderr
		}
		fmt.Fprintf(progress, "starting the shim: %s\n", strings.Join(argv, " "))
		a, err := shim.Start(ctx, opts)
		if err != nil {
			fmt.Fprintf(stderr, "mpin conformance run: %v\n", err)
			return 1
		}
		defer a.Close(context.Background())
		impl = a
	}

	caps, err := impl.Capabilities(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "mpin conformance run: %v\n", err)
		return 1
	}
	fmt.Fprintf(progress, "implementation under test: %s %s\n", caps.Implementation.Name, caps.Implementation.Version)
	res, err := conformance.Run(ctx, conformance.Options{
		IUT: impl, Suites: suites, Tags: *tags, Config: cfg, OutDir: *out, Progress: progress,
	})
	if err != nil {
		fmt.Fprintf(stderr, "mpin conformance run: %v\n", err)
		if res == nil {
			return 1
		}
	}
	summarize(stdout, res, *out)
	if !res.OK() {
		return 1
	}
	return 0
}

// summarize prints the run's totals, its failures and where the reports
// are.
func summarize(w io.Writer, res *conformance.Result, out string) {
	fmt.Fprintf(w, "\n%s: %d passed, %d failed, %d skipped in %s (suites: %s)\n", res.Label,
		res.Count(conformance.Passed), res.Count(conformance.Failed), res.Count(conformance.Skipped),
		res.Elapsed.Round(1e6), strings.Join(res.Suites, ", "))
	for _, o := range res.Outcomes {
		if o.Status == conformance.Failed {
			fmt.Fprintf(w, "FAIL %s %s: %s (%s:%d)\n    %s\n", o.Suite, o.Scenario.Feature, o.Scenario.Name, o.Scenario.URI, o.Scenario.Line,
				strings.ReplaceAll(o.Reason, "\n", "\n    "))
		}
	}
	if res.Aborted != nil {
		fmt.Fprintf(w, "ABORTED: %v\n", res.Aborted)
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	var gaps int
	for _, r := range conformance.Trace(res) {
		if r.Status == "gap" {
			gaps++
		}
	}
	fmt.Fprintf(w, "requirements: %d, gaps: %d (see the traceability report)\n", len(conformance.Requirements()), gaps)
	if out != "" {
		for _, f := range []string{conformance.JUnitFile, conformance.CucumberFile, conformance.TraceMarkdown, conformance.TraceHTML} {
			fmt.Fprintf(w, "wrote %s\n", filepath.Join(out, f))
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
