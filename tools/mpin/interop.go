package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/interop/client"
	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

var _ = register("interop", command{"run the M-Pin interop server (interop serve) or its demo (interop demo)", runInterop})

func runInterop(args []string, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: mpin interop serve [flags]   run three in-process authorities, the M-Pin server,\n")
		fmt.Fprintf(w, "                                   and its TLS-PSK and QUIC listeners, on loopback\n")
		fmt.Fprintf(w, "       mpin interop demo [-suite S] run the whole flow once in this process and print it\n\n")
		fmt.Fprintf(w, "Run 'mpin interop serve -h' for the flags. The API is in spec/interop.md.\n")
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return runInteropServe(args[1:], stdout, stderr)
	case "demo":
		return runInteropDemo(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "mpin interop: unknown subcommand %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

// authorityFile is the -authorities-file format: the external D-TAs.
type authorityFile struct {
	Authorities []struct {
		Name string `json:"name"`
		URL  string `json:"url"`
		App  string `json:"app"`
		Key  string `json:"key"`
	} `json:"authorities"`
}

func readAuthorityFile(path string) ([]server.AuthorityConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var af authorityFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&af); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(af.Authorities) == 0 {
		return nil, fmt.Errorf("%s: no authorities", path)
	}
	var out []server.AuthorityConfig
	for i, a := range af.Authorities {
		key, err := hex.DecodeString(a.Key)
		if err != nil {
			return nil, fmt.Errorf("%s: authority %d: key is not hex", path, i)
		}
		name := a.Name
		if name == "" {
			name = fmt.Sprintf("authority-%d", i+1)
		}
		out = append(out, server.AuthorityConfig{Name: name, URL: a.URL, App: a.App, Key: key})
	}
	return out, nil
}

func runInteropServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin interop serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	suite := fs.String("suite", mpin.BLS12381Modern, "suite string: "+netSuiteList())
	httpAddr := fs.String("http", "127.0.0.1:7080", "HTTP API address")
	tlsAddr := fs.String("tls", "127.0.0.1:7443", "TLS-PSK (TCP) address; empty disables")
	quicPSK := fs.String("quic-psk", "127.0.0.1:7443", "QUIC PSK-profile (UDP) address; empty disables")
	quicBind := fs.String("quic-binding", "127.0.0.1:7444", "QUIC channel-binding (UDP) address; empty disables")
	n := fs.Int("authorities", 3, "number of in-process authorities (ignored with -authorities-file)")
	authFile := fs.String("authorities-file", "", `external authorities, JSON {"authorities":[{"name","url","app","key" (hex)}]}`)
	var external []server.AuthorityConfig
	app := fs.String("app", "interop", "application ID at the authorities given with -authority")
	fs.Func("authority", "external authority as URL=APPS-FILE (the apps file of mpin dta init; repeat for each authority)", func(v string) error {
		url, file, ok := strings.Cut(v, "=")
		if !ok || url == "" || file == "" {
			return fmt.Errorf("want URL=APPS-FILE")
		}
		external = append(external, server.AuthorityConfig{URL: url, Key: nil, Name: file})
		return nil
	})
	permits := fs.Bool("time-permits", false, "require time permits")
	reveal := fs.Bool("reveal-not-a-client", false, "answer NOT_A_CLIENT rather than BAD_PIN when no PIN error explains a failure")
	logLevel := fs.String("log", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: mpin interop serve [flags]\n\n")
		fmt.Fprintf(fs.Output(), "Starts the authorities (in-process unless -authorities-file names external ones),\n")
		fmt.Fprintf(fs.Output(), "the M-Pin server and its channel listeners; serves until SIGINT or SIGTERM.\n\n")
		fs.PrintDefaults()
	}
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if _, err := mpin.Lookup(*suite); err != nil {
		fmt.Fprintf(stderr, "mpin interop serve: %v (want one of %s)\n", err, netSuiteList())
		return exitUsage
	}
	logger, err := netLogger(stderr, *logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var auths []server.AuthorityConfig
	var local *server.LocalAuthorities
	if len(external) > 0 && *authFile != "" {
		fmt.Fprintln(stderr, "mpin interop serve: give -authority or -authorities-file, not both")
		return exitUsage
	}
	if len(external) > 0 {
		if auths, err = externalAuthorities(external, *app); err != nil {
			fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
			return 1
		}
	} else if *authFile != "" {
		if auths, err = readAuthorityFile(*authFile); err != nil {
			fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
			return 1
		}
	} else {
		if local, err = server.StartLocalAuthorities(ctx, *suite, *n, logger); err != nil {
			fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
			return 1
		}
		auths = local.Configs
	}
	code := serveInterop(ctx, stop, stdout, stderr, server.Config{
		Suite: *suite, Authorities: auths, TimePermits: *permits, RevealNotAClient: *reveal, Logger: logger,
	}, server.Addrs{HTTP: *httpAddr, TLSPSK: *tlsAddr, QUICPSK: *quicPSK, QUICBinding: *quicBind}, local != nil)
	if local != nil {
		stop()
		if err := local.Wait(); err != nil {
			fmt.Fprintf(stderr, "mpin interop serve: authorities: %v\n", err)
			code = 1
		}
	}
	return code
}

// externalAuthorities completes the -authority flags: each names a URL
// and the apps file whose key for app the server signs with.
func externalAuthorities(ext []server.AuthorityConfig, app string) ([]server.AuthorityConfig, error) {
	var out []server.AuthorityConfig
	for i, a := range ext {
		apps, err := dta.ReadApps(a.Name)
		if err != nil {
			return nil, err
		}
		key, ok := apps[app]
		if !ok {
			return nil, fmt.Errorf("%s has no key for application %q", a.Name, app)
		}
		out = append(out, server.AuthorityConfig{Name: fmt.Sprintf("authority-%d", i+1), URL: a.URL, App: app, Key: key})
	}
	return out, nil
}

func serveInterop(ctx context.Context, stop func(), stdout, stderr io.Writer, cfg server.Config, addrs server.Addrs, inProcess bool) int {
	defer stop()
	srv, err := server.New(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
		return 1
	}
	if err := srv.Listen(addrs); err != nil {
		fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
		return 1
	}
	a := srv.Addrs()
	kind := "external"
	if inProcess {
		kind = "in-process"
	}
	fmt.Fprintf(stdout, "mpin interop: %s, %d %s authorities\n", cfg.Suite, len(cfg.Authorities), kind)
	for _, au := range cfg.Authorities {
		fmt.Fprintf(stdout, "  authority     %s %s\n", au.Name, au.URL)
	}
	fmt.Fprintf(stdout, "  HTTP API      %s\n", srv.URL())
	for _, l := range []struct{ name, addr string }{{"TLS-PSK", a.TLSPSK}, {"QUIC-PSK", a.QUICPSK}, {"QUIC-binding", a.QUICBinding}} {
		if l.addr != "" {
			fmt.Fprintf(stdout, "  %-13s %s\n", l.name, l.addr)
		}
	}
	fmt.Fprintf(stdout, "try: mpin client register -server %s -id alice -pin 1234 -out alice.json\n", srv.URL())
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "mpin interop serve: %v\n", err)
		return 1
	}
	return 0
}

func runInteropDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin interop demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	suite := fs.String("suite", client.DemoSuite, "suite string: "+netSuiteList())
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if _, err := mpin.Lookup(*suite); err != nil {
		fmt.Fprintf(stderr, "mpin interop demo: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := client.RunDemoSuite(ctx, stdout, *suite); err != nil {
		fmt.Fprintf(stderr, "mpin interop demo: %v\n", err)
		return 1
	}
	return 0
}
