package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mpinkit/mpinkit/vectors"
)

var _ = register("vectors", command{
	summary: "generate (gen) or check (check) the published test vectors",
	run:     runVectors,
})

// exitStale is the exit status of `mpin vectors check` when files differ.
const exitStale = 1

// runVectors implements `mpin vectors gen|check [--dir DIR] [--only NAMES]`.
func runVectors(args []string, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: mpin vectors gen|check [--dir DIR] [--only FILE,...]\n\n")
		fmt.Fprintf(w, "  gen    regenerate every vector file from the reference, byte for byte, one progress line per file\n")
		fmt.Fprintf(w, "  check  regenerate in memory and list the files in DIR that differ (exit status 1)\n\n")
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	sub := args[0]
	switch sub {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		fs := vectorsFlags(new(string), new(string), stdout)
		fs.PrintDefaults()
		return 0
	case "gen", "check":
	default:
		fmt.Fprintf(stderr, "mpin vectors: unknown subcommand %q\n", sub)
		usage(stderr)
		return exitUsage
	}
	var dir, only string
	fs := vectorsFlags(&dir, &only, stderr)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "mpin vectors %s: unexpected argument %q\n", sub, fs.Arg(0))
		return exitUsage
	}
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
	}
	if sub == "gen" {
		if err := vectors.GenerateFiles(dir, names, stdout); err != nil {
			fmt.Fprintf(stderr, "mpin vectors gen: %v\n", err)
			return exitStale
		}
		return 0
	}
	err := vectors.CheckFiles(dir, names)
	var stale *vectors.StaleError
	switch {
	case errors.As(err, &stale):
		fmt.Fprintln(stderr, stale.Error())
		fmt.Fprintln(stderr, "run `make vectors` (mpin vectors gen) and commit the result")
		return exitStale
	case err != nil:
		fmt.Fprintf(stderr, "mpin vectors check: %v\n", err)
		return exitStale
	}
	fmt.Fprintf(stdout, "vectors in %s are up to date\n", dir)
	return 0
}

// vectorsFlags defines the flags of both subcommands.
func vectorsFlags(dir, only *string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mpin vectors", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(dir, "dir", "vectors", "directory of the vector files")
	fs.StringVar(only, "only", "", "comma-separated file names to limit the run to (default all)")
	return fs
}
