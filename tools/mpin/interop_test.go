package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/interop/server"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestInteropDemo(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"interop", "demo", "-suite", mpin.BN254CXMilagro}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "all steps passed") {
		t.Fatalf("output:\n%s", out.String())
	}
}

// TestInteropServeAndClient runs the server the way `mpin interop serve`
// does and drives it with `mpin client register | login | channel`.
func TestInteropServeAndClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	suite := mpin.BN254CXModern
	local, err := server.StartLocalAuthorities(ctx, suite, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- serveInterop(ctx, cancel, &out, &errOut, server.Config{Suite: suite, Authorities: local.Configs}, server.LoopbackAddrs, true)
	}()
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(out.String(), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "HTTP" {
				url = f[2]
			}
		}
	}
	if url == "" {
		t.Fatalf("no URL printed:\n%s\n%s", out.String(), errOut.String())
	}
	cred := filepath.Join(t.TempDir(), "bob.json")
	step := func(want int, args ...string) string {
		t.Helper()
		var o, e bytes.Buffer
		if code := run(args, &o, &e); code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, o.String(), e.String())
		}
		return o.String() + e.String()
	}
	step(0, "client", "register", "-server", url, "-id", "bob", "-pin", "2580", "-out", cred)
	if fi, err := os.Stat(cred); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("credential file: %v", err)
	}
	step(0, "client", "login", "-cred", cred, "-pin", "2580")
	step(0, "client", "login", "-cred", cred, "-pin", "2580", "-mode", "one-pass")
	if o := step(1, "client", "login", "-cred", cred, "-pin", "2581"); !strings.Contains(o, "BAD_PIN") {
		t.Errorf("wrong PIN output: %s", o)
	}
	t.Setenv(pinEnv, "2580")
	o := step(0, "client", "channel", "-cred", cred)
	for _, k := range []string{"tls-psk:", "quic-psk:", "quic-binding:"} {
		if !strings.Contains(o, k) {
			t.Errorf("channel output lacks %s:\n%s", k, o)
		}
	}
	step(exitUsage, "client", "login", "-cred", cred, "-mode", "three-pass")
	step(exitUsage, "client", "register", "-server", url, "-out", cred)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exit %d: %s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if err := local.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestInteropUsage(t *testing.T) {
	for _, args := range [][]string{{"interop"}, {"interop", "x"}, {"interop", "serve", "-suite", "nope"}, {"client"}, {"client", "x"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// TestInteropExternalAuthorities runs authorities the way `mpin dta serve`
// does, points the server at them by URL and apps file (the -authority
// flag), and logs in through them.
func TestInteropExternalAuthorities(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	suite := mpin.BN254CXMilagro
	p, _ := mpin.Lookup(suite)
	dir := t.TempDir()
	var ext []server.AuthorityConfig
	var wg sync.WaitGroup
	for i := range 3 {
		share, _ := p.GenerateMasterShare(rand.Reader)
		key, _ := dta.NewAppKey()
		apps := filepath.Join(dir, fmt.Sprintf("apps-%d.json", i))
		if err := dta.WriteApps(apps, map[string][]byte{"interop": key}); err != nil {
			t.Fatal(err)
		}
		a, err := dta.New(dta.Config{Share: dta.MasterShare{Suite: suite, Authority: fmt.Sprintf("ext-%d", i), Share: share},
			Apps: map[string][]byte{"interop": key}})
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); _ = a.Serve(ctx, ln) }()
		ext = append(ext, server.AuthorityConfig{URL: "http://" + ln.Addr().String(), Name: apps})
	}
	defer wg.Wait()
	defer cancel()
	if _, err := externalAuthorities(ext, "other-app"); err == nil {
		t.Fatal("an app the apps file does not list was accepted")
	}
	auths, err := externalAuthorities(ext, "interop")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx, server.Config{Suite: suite, Authorities: auths})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(server.Addrs{HTTP: "127.0.0.1:0"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	cred := filepath.Join(dir, "carol.json")
	var out, errOut bytes.Buffer
	if code := run([]string{"client", "register", "-server", srv.URL(), "-id", "carol", "-pin", "1111", "-out", cred}, &out, &errOut); code != 0 {
		t.Fatalf("register: %s", errOut.String())
	}
	if code := run([]string{"client", "login", "-cred", cred, "-pin", "1111", "-mode", "full"}, &out, &errOut); code != 0 {
		t.Fatalf("login: %s", errOut.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"interop", "serve", "-authority", "no-equals-sign"},
		{"interop", "serve", "-authority", "http://x=y", "-authorities-file", "z"},
	} {
		var o, e bytes.Buffer
		if code := run(args, &o, &e); code != exitUsage {
			t.Errorf("%v: exit %d: %s", args, code, e.String())
		}
	}
}
