package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

var _ = register("dta", command{"run a Distributed Trust Authority: dta init | dta serve", runDTA})

// passphraseEnv names the environment variable that holds the master-share
// passphrase when no -passphrase-file is given.
const passphraseEnv = "MPIN_DTA_PASSPHRASE"

func runDTA(args []string, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: mpin dta init  -share FILE -suite SUITE -name NAME [flags]\n")
		fmt.Fprintf(w, "       mpin dta serve -share FILE -store FILE -apps FILE [flags]\n\n")
		fmt.Fprintf(w, "init creates an authority's master-share file, encrypted under a passphrase\n")
		fmt.Fprintf(w, "(from -passphrase-file or $%s); serve runs the authority's HTTP API.\n", passphraseEnv)
		fmt.Fprintf(w, "Run 'mpin dta init -h' or 'mpin dta serve -h' for the flags.\n")
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "init":
		return runDTAInit(args[1:], stdout, stderr)
	case "serve":
		return runDTAServe(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "mpin dta: unknown subcommand %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

// dtaReadPassphrase reads the passphrase from file (first line, without the
// line ending) or, when file is empty, from the environment.
func dtaReadPassphrase(file string) ([]byte, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		return bytes.TrimSuffix(line, []byte("\r")), nil
	}
	if v, ok := os.LookupEnv(passphraseEnv); ok {
		return []byte(v), nil
	}
	return nil, fmt.Errorf("no passphrase: give -passphrase-file or set $%s", passphraseEnv)
}

// netParseFlags parses a flag set, mapping -h to status 0 and other errors to
// exitUsage; ok is false when the caller must return code.
func netParseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

func runDTAInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin dta init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sharePath := fs.String("share", "", "master-share file to create (must not exist)")
	suite := fs.String("suite", mpin.BLS12381Modern, "suite string: "+netSuiteList())
	name := fs.String("name", "", "authority name (1 to 64 of [A-Za-z0-9._-])")
	passFile := fs.String("passphrase-file", "", "file whose first line is the passphrase (default $"+passphraseEnv+")")
	seedFile := fs.String("seed-file", "", "derive the share from this file's bytes (REQ-MPIN-3.3, at least 32) instead of drawing it")
	appsPath := fs.String("apps", "", "also create this application-keys file with one fresh key (replaces it)")
	app := fs.String("app", "interop", "application ID for -apps")
	log2n := fs.Int("kdf-log2n", dta.DefaultKDF.Log2N, "scrypt cost: log2 of N")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: mpin dta init -share FILE -suite SUITE -name NAME [flags]\n\n")
		fs.PrintDefaults()
	}
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if *sharePath == "" || *name == "" {
		fmt.Fprintln(stderr, "mpin dta init: -share and -name are required")
		return exitUsage
	}
	p, err := mpin.Lookup(*suite)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta init: %v (want one of %s)\n", err, netSuiteList())
		return exitUsage
	}
	pass, err := dtaReadPassphrase(*passFile)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta init: %v\n", err)
		return exitUsage
	}
	var share []byte
	if *seedFile != "" {
		seed, err := os.ReadFile(*seedFile)
		if err == nil {
			share, err = p.MasterShareFromSeed(seed)
		}
		if err != nil {
			fmt.Fprintf(stderr, "mpin dta init: seed: %v\n", err)
			return 1
		}
	} else if share, err = p.GenerateMasterShare(rand.Reader); err != nil {
		fmt.Fprintf(stderr, "mpin dta init: %v\n", err)
		return 1
	}
	ms := dta.MasterShare{Suite: *suite, Authority: *name, Share: share}
	if err := dta.InitShareFile(*sharePath, ms, pass, dta.KDFParams{Log2N: *log2n, R: dta.DefaultKDF.R, P: dta.DefaultKDF.P}); err != nil {
		fmt.Fprintf(stderr, "mpin dta init: %v\n", err)
		return 1
	}
	clear(share)
	fmt.Fprintf(stdout, "created %s: authority %s, suite %s\n", *sharePath, *name, *suite)
	if *appsPath != "" {
		key, err := dta.NewAppKey()
		if err == nil {
			err = dta.WriteApps(*appsPath, map[string][]byte{*app: key})
		}
		if err != nil {
			fmt.Fprintf(stderr, "mpin dta init: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "created %s: application %s\n", *appsPath, *app)
	}
	return 0
}

func runDTAServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin dta serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sharePath := fs.String("share", "", "master-share file (made by mpin dta init)")
	storePath := fs.String("store", "", "issuance-log file (bbolt; created if missing)")
	appsPath := fs.String("apps", "", "application-keys file")
	passFile := fs.String("passphrase-file", "", "file whose first line is the passphrase (default $"+passphraseEnv+")")
	addr := fs.String("addr", "127.0.0.1:7001", "listen address")
	ahead := fs.Int("permit-days-ahead", dta.DefaultPermitDaysAhead, "issue time permits up to this many days after today")
	logLevel := fs.String("log", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: mpin dta serve -share FILE -store FILE -apps FILE [flags]\n\n")
		fmt.Fprintf(fs.Output(), "Serves until SIGINT or SIGTERM, then shuts down gracefully.\n\n")
		fs.PrintDefaults()
	}
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if *sharePath == "" || *storePath == "" || *appsPath == "" {
		fmt.Fprintln(stderr, "mpin dta serve: -share, -store and -apps are required")
		return exitUsage
	}
	logger, err := netLogger(stderr, *logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return exitUsage
	}
	pass, err := dtaReadPassphrase(*passFile)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return exitUsage
	}
	ms, err := dta.ReadShareFile(*sharePath, pass)
	clear(pass)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	apps, err := dta.ReadApps(*appsPath)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	store, err := dta.OpenBoltStore(*storePath)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	defer store.Close()
	a, err := dta.New(dta.Config{Share: ms, Apps: apps, Store: store, PermitDaysAhead: *ahead, Logger: logger})
	clear(ms.Share)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "mpin dta: authority %s (%s) listening on http://%s\n", a.Name(), a.Suite(), ln.Addr())
	if err := a.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "mpin dta serve: %v\n", err)
		return 1
	}
	return 0
}

// netLogger returns a text logger on w at the named level.
func netLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// netSuiteList lists the suite strings, comma-separated.
func netSuiteList() string {
	var names []string
	for _, p := range mpin.Profiles() {
		names = append(names, p.Name())
	}
	return strings.Join(names, ", ")
}
