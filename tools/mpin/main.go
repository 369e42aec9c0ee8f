// Command mpin is the single command-line entry point of mpinkit.
//
// Usage:
//
//	mpin <command> [flags]
//
// Commands:
//
//	demo         show the pairing core at work on each curve
//	dta          run a Distributed Trust Authority (dta init | dta serve)
//	version      print version information
//	help         print this help, or help for one command
//
// The names interop, client, vectors, conformance and shim are reserved for
// the interop server and client, the test-vector generator and checker, the
// conformance harness and the harness adapter. A reserved command that is
// not built yet says so on standard error and exits with status 2; `mpin
// help` marks which ones.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
)

// exitUsage is the exit status for usage errors and for commands that are
// not implemented yet.
const exitUsage = 2

// command is one subcommand of mpin.
type command struct {
	summary string
	// run executes the command with its arguments (the command name
	// excluded) and returns the process exit status.
	run func(args []string, stdout, stderr io.Writer) int
}

// commands maps a subcommand name to its implementation. Commands defined
// in their own files add themselves with register (during package variable
// initialization, before init runs); init fills in the built-in ones and a
// "not implemented yet" placeholder for any reserved name still missing.
var commands map[string]command

// register adds a command and returns true, so that other files can write
// `var _ = register(...)`.
func register(name string, c command) bool {
	if commands == nil {
		commands = map[string]command{}
	}
	commands[name] = c
	return true
}

func init() {
	register("demo", command{"show the pairing core at work: a pairing on each curve, bilinearity checked, timings", runDemo})
	register("version", command{"print version information", runVersion})
	register("help", command{"print this help, or help for one command", runHelp})
	reserved := map[string]string{
		"dta":         "run a Distributed Trust Authority share service",
		"interop":     "run the M-Pin interop server or client",
		"client":      "register, log in and open channels against an interop server",
		"vectors":     "generate or check the published test vectors",
		"conformance": "run the conformance suite against an implementation",
		"shim":        "speak the harness adapter protocol for an outside implementation",
	}
	for name, summary := range reserved {
		if _, ok := commands[name]; !ok {
			commands[name] = notImplemented(name, summary)
		}
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "mpin: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

// usage prints the list of commands.
func usage(w io.Writer) {
	fmt.Fprintf(w, "mpin: reference tools for M-Pin (draft-scott-mpin-00)\n\n")
	fmt.Fprintf(w, "Usage:\n\n\tmpin <command> [flags]\n\nCommands:\n\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\t%-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nRun 'mpin help <command>' or 'mpin <command> -h' for a command's flags.\n")
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return 0
	case 1:
		if _, ok := commands[args[0]]; !ok {
			fmt.Fprintf(stderr, "mpin help: unknown command %q\n", args[0])
			return exitUsage
		}
		if args[0] == "help" {
			usage(stdout)
			return 0
		}
		return commands[args[0]].run([]string{"-h"}, stdout, stdout)
	default:
		fmt.Fprintln(stderr, "usage: mpin help [command]")
		return exitUsage
	}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: mpin version")
		return exitUsage
	}
	fmt.Fprintf(stdout, "mpin %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}

// version describes the build: the module version when installed from a
// tagged release, otherwise the VCS revision if the build recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev + modified
	}
	return v
}

// notImplemented returns a placeholder for a command that later work
// provides.
func notImplemented(name, summary string) command {
	return command{
		summary: summary + " (not implemented yet)",
		run: func(args []string, stdout, stderr io.Writer) int {
			fmt.Fprintf(stderr, "mpin %s: not implemented yet (%s)\n", name, summary)
			return exitUsage
		},
	}
}
