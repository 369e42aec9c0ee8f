package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/faulty"
	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
	"github.com/mpinkit/mpinkit/conformance/iut/shimserver"
)

var _ = register("shim", command{
	"serve the conformance adapter protocol (spec/shim.md) on stdin/stdout, backed by the reference",
	runShim,
})

// shimStdin is where `mpin shim` reads requests; tests replace it.
var shimStdin io.Reader = os.Stdin

// runShim serves mpin-shim/1 over stdin and stdout with the reference
// implementation, optionally with one deliberate defect.
func runShim(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin shim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fault := fs.String("fault", "", "serve the reference with one deliberate `defect` (see -list-faults)")
	list := fs.Bool("list-faults", false, "list the defects -fault accepts and exit")
	quiet := fs.Bool("quiet", false, "do not log requests on stderr")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: mpin shim [-fault NAME] [-quiet]\n\n")
		fmt.Fprintf(stderr, "Speaks mpin-shim/1 (spec/shim.md) on stdin and stdout: one JSON request per line in,\n")
		fmt.Fprintf(stderr, "one JSON response per line out, backed by reference/mpin. The conformance harness\n")
		fmt.Fprintf(stderr, "starts it with: mpin conformance run --shim \"mpin shim\"\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return exitUsage
	}
	if *list {
		for _, f := range faulty.Faults {
			fmt.Fprintf(stdout, "%-34s %s\n", f.Name, f.Defect)
		}
		return 0
	}
	var impl iut.IUT = inproc.New(inproc.Options{})
	if *fault != "" {
		w, err := faulty.Wrap(impl, *fault)
		if err != nil {
			fmt.Fprintf(stderr, "mpin shim: %v (see mpin shim -list-faults)\n", err)
			return exitUsage
		}
		impl = w
		fmt.Fprintf(stderr, "mpin shim: serving the reference with fault %s\n", *fault)
	}
	opts := shimserver.Options{Log: stderr}
	if *quiet {
		opts.Log = nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- shimserver.Serve(ctx, shimStdin, stdout, impl, opts) }()
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintf(stderr, "mpin shim: %v\n", err)
			return 1
		}
		return 0
	case <-ctx.Done():
		fmt.Fprintln(stderr, "mpin shim: stopped by signal")
		return 1
	}
}
