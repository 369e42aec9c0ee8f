package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/mpinkit/mpinkit/interop/client"
	"github.com/mpinkit/mpinkit/interop/server"
)

var _ = register("client", command{"register, log in and open channels against an interop server: client register | login | channel", runClient})

// pinEnv names the environment variable read when -pin is not given.
const pinEnv = "MPIN_PIN"

func runClient(args []string, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: mpin client register -server URL -id ID -pin PIN -out FILE\n")
		fmt.Fprintf(w, "       mpin client login    -cred FILE -pin PIN [-mode two-pass|one-pass|full]\n")
		fmt.Fprintf(w, "       mpin client channel  -cred FILE -pin PIN [-kind tls-psk|quic-psk|quic-binding|all] [-message TEXT]\n\n")
		fmt.Fprintf(w, "The PIN may come from $%s instead of -pin. 'mpin client <command> -h' lists the flags.\n", pinEnv)
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "register":
		return runClientRegister(args[1:], stdout, stderr)
	case "login":
		return runClientLogin(args[1:], stdout, stderr, false)
	case "channel":
		return runClientLogin(args[1:], stdout, stderr, true)
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "mpin client: unknown subcommand %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
}

// clientPIN returns the PIN from the flag value or the environment.
func clientPIN(flagValue string) (int, error) {
	v := flagValue
	if v == "" {
		v = os.Getenv(pinEnv)
	}
	if v == "" {
		return 0, fmt.Errorf("no PIN: give -pin or set $%s", pinEnv)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("PIN %q: want a non-negative number", v)
	}
	return n, nil
}

func clientContext(timeout time.Duration) (context.Context, func()) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, func() { cancel(); stop() }
}

// reportError prints a failure and returns the exit status.
func reportError(stderr io.Writer, what string, err error) int {
	var se *server.Error
	if errors.As(err, &se) {
		fmt.Fprintf(stderr, "mpin client %s: refused: %s (%s)\n", what, se.Name, se.Message)
		return 1
	}
	fmt.Fprintf(stderr, "mpin client %s: %v\n", what, err)
	return 1
}

func runClientRegister(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mpin client register", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("server", "http://127.0.0.1:7080", "interop server URL")
	id := fs.String("id", "", "identity (its bytes as typed)")
	idHex := fs.String("id-hex", "", "identity as hex, instead of -id")
	pinFlag := fs.String("pin", "", "PIN (default $"+pinEnv+")")
	out := fs.String("out", "", "credential file to write (holds the token, never the PIN)")
	timeout := fs.Duration("timeout", time.Minute, "overall time limit")
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if (*id == "") == (*idHex == "") || *out == "" {
		fmt.Fprintln(stderr, "mpin client register: give -id or -id-hex, and -out")
		return exitUsage
	}
	ident := []byte(*id)
	if *idHex != "" {
		var err error
		if ident, err = hex.DecodeString(*idHex); err != nil {
			fmt.Fprintln(stderr, "mpin client register: -id-hex is not hex")
			return exitUsage
		}
	}
	pin, err := clientPIN(*pinFlag)
	if err != nil {
		fmt.Fprintf(stderr, "mpin client register: %v\n", err)
		return exitUsage
	}
	ctx, done := clientContext(*timeout)
	defer done()
	c := &client.Client{URL: *url}
	info, err := c.Info(ctx)
	if err != nil {
		return reportError(stderr, "register", err)
	}
	cr, err := c.Register(ctx, info.Suite, ident, pin)
	if err != nil {
		return reportError(stderr, "register", err)
	}
	if err := client.SaveCredential(*out, *url, cr); err != nil {
		return reportError(stderr, "register", err)
	}
	fmt.Fprintf(stdout, "registered %q with %d authorities (%s); credential in %s\n", ident, info.Authorities, info.Suite, *out)
	return 0
}

func runClientLogin(args []string, stdout, stderr io.Writer, channels bool) int {
	name := "login"
	if channels {
		name = "channel"
	}
	fs := flag.NewFlagSet("mpin client "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cred := fs.String("cred", "", "credential file (from mpin client register)")
	url := fs.String("server", "", "interop server URL (default: the one in the credential file)")
	pinFlag := fs.String("pin", "", "PIN (default $"+pinEnv+")")
	timeout := fs.Duration("timeout", time.Minute, "overall time limit")
	mode := new(string)
	kind := new(string)
	message := new(string)
	if channels {
		fs.StringVar(kind, "kind", "all", "channel: tls-psk, quic-psk, quic-binding or all")
		fs.StringVar(message, "message", "hello from mpin client", "text to echo through the channel")
	} else {
		fs.StringVar(mode, "mode", "two-pass", "protocol: two-pass, one-pass or full")
	}
	if code, ok := netParseFlags(fs, args); !ok {
		return code
	}
	if *cred == "" {
		fmt.Fprintf(stderr, "mpin client %s: -cred is required\n", name)
		return exitUsage
	}
	pin, err := clientPIN(*pinFlag)
	if err != nil {
		fmt.Fprintf(stderr, "mpin client %s: %v\n", name, err)
		return exitUsage
	}
	m := client.Full
	if !channels {
		switch *mode {
		case "two-pass":
			m = client.TwoPass
		case "one-pass":
			m = client.OnePass
		case "full":
		default:
			fmt.Fprintf(stderr, "mpin client login: unknown -mode %q\n", *mode)
			return exitUsage
		}
	}
	var kinds []client.Kind
	if channels {
		if *kind == "all" {
			kinds = client.Kinds
		} else {
			kinds = []client.Kind{client.Kind(*kind)}
		}
	}
	cr, saved, err := client.LoadCredential(*cred)
	if err != nil {
		return reportError(stderr, name, err)
	}
	if *url == "" {
		*url = saved
	}
	ctx, done := clientContext(*timeout)
	defer done()
	c := &client.Client{URL: *url}
	l, err := c.Login(ctx, cr, pin, m)
	if err != nil {
		return reportError(stderr, name, err)
	}
	defer l.Wipe()
	fmt.Fprintf(stdout, "%s login as %q: OK\n", m, cr.ID)
	if m == client.Full {
		fmt.Fprintf(stdout, "M-Pin Full key agreed; channel PSK identity %x, valid until %s\n",
			l.Keys.Identity, l.ChannelExpires.UTC().Format(time.RFC3339))
	}
	for _, k := range kinds {
		ch, err := l.Open(ctx, k)
		if err != nil {
			return reportError(stderr, name, err)
		}
		err = ch.Echo([]byte(*message))
		ch.Close()
		if err != nil {
			return reportError(stderr, name, fmt.Errorf("%s echo: %w", k, err))
		}
		fmt.Fprintf(stdout, "%s: %q echoed and the server's MAC verified (%s)\n", k, *message, ch.Detail)
	}
	return 0
}
