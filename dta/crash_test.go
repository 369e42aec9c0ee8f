package dta

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// buildMpin builds the mpin command into dir and returns its path.
func buildMpin(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "mpin")
	cmd := exec.Command(goBin, "build", "-o", bin, "github.com/mpinkit/mpinkit/tools/mpin")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// authorityProcess is a running `mpin dta serve`.
type authorityProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan error
}

// startAuthority starts `mpin dta serve` and waits for its address line.
func startAuthority(t *testing.T, bin string, env []string, args ...string) *authorityProcess {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"dta", "serve", "-addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	ap := &authorityProcess{cmd: cmd, stderr: new(bytes.Buffer), done: make(chan error, 1)}
	cmd.Stderr = &syncWriter{w: ap.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	go func() { ap.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-ap.done
	})
	select {
	case line := <-lines:
		i := strings.Index(line, "http://")
		if i < 0 {
			t.Fatalf("unexpected first line %q", line)
		}
		ap.url = line[i:]
	case err := <-ap.done:
		ap.done <- err
		t.Fatalf("mpin dta serve exited: %v\n%s", err, ap.stderr)
	case <-time.After(30 * time.Second):
		t.Fatalf("mpin dta serve did not start\n%s", ap.stderr)
	}
	return ap
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// TestCrashDuringIssuance builds the mpin binary, starts an authority,
// SIGKILLs it while client-secret shares are being issued, restarts it on
// the same files, and checks that the master share opens unchanged, that
// every issuance acknowledged before the kill is in the log, and that the
// log is consistent and usable.
func TestCrashDuringIssuance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the mpin binary")
	}
	dir := t.TempDir()
	bin := buildMpin(t, dir)
	sharePath := filepath.Join(dir, "share.json")
	appsPath := filepath.Join(dir, "apps.json")
	storePath := filepath.Join(dir, "log.db")
	const pass = "crash-test passphrase"
	env := append(os.Environ(), "MPIN_DTA_PASSPHRASE="+pass)
	suite := mpin.BN254CXMilagro
	p, _ := mpin.Lookup(suite)

	initCmd := exec.Command(bin, "dta", "init", "-share", sharePath, "-suite", suite, "-name", "dta-crash",
		"-apps", appsPath, "-app", "crash", "-kdf-log2n", "10")
	initCmd.Env = env
	if out, err := initCmd.CombinedOutput(); err != nil {
		t.Fatalf("mpin dta init: %v\n%s", err, out)
	}
	ms, err := ReadShareFile(sharePath, []byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	apps, err := ReadApps(appsPath)
	if err != nil {
		t.Fatal(err)
	}
	serveArgs := []string{"-share", sharePath, "-store", storePath, "-apps", appsPath, "-log", "warn"}

	ap := startAuthority(t, bin, env, serveArgs...)
	c := &Client{BaseURL: ap.url, Signer: Signer{App: "crash", Key: apps["crash"]}}
	ctx := context.Background()
	ssBefore, err := c.ServerSecretShare(ctx, suite)
	if err != nil {
		t.Fatal(err)
	}

	// Issue client-secret shares from eight goroutines until the kill.
	var mu sync.Mutex
	acked := map[string][]byte{} // hashed ID -> share, acknowledged
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				hid, _ := p.HashID(fmt.Appendf(nil, "user-%d-%d", g, i))
				share, err := c.ClientSecretShare(ctx, suite, hid)
				if err != nil {
					return // the authority died
				}
				mu.Lock()
				acked[string(hid)] = share
				mu.Unlock()
			}
		}()
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 100 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := ap.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-ap.done
	ap.done <- nil
	close(stop)
	wg.Wait()
	mu.Lock()
	nAcked := len(acked)
	mu.Unlock()
	if nAcked == 0 {
		t.Fatalf("nothing was issued before the kill\n%s", ap.stderr)
	}
	t.Logf("killed the authority after %d acknowledged issuances", nAcked)

	// The share file is intact and unchanged.
	ms2, err := ReadShareFile(sharePath, []byte(pass))
	if err != nil {
		t.Fatalf("share file after the crash: %v", err)
	}
	if !bytes.Equal(ms2.Share, ms.Share) {
		t.Fatal("master share changed")
	}

	// Restart on the same files: same server secret, still issuing.
	ap2 := startAuthority(t, bin, env, serveArgs...)
	c.BaseURL = ap2.url
	ssAfter, err := c.ServerSecretShare(ctx, suite)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ssBefore, ssAfter) {
		t.Fatal("server-secret share changed across the crash")
	}
	hid, _ := p.HashID([]byte("after the crash"))
	got, err := c.ClientSecretShare(ctx, suite, hid)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := p.ClientSecretShare(ms.Share, hid)
	if !bytes.Equal(got, want) {
		t.Fatal("restarted authority issues another share")
	}
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Log.Entries[KindClientSecret] < uint64(nAcked)+1 {
		t.Fatalf("status counts %d client-secret issuances, %d were acknowledged", st.Log.Entries[KindClientSecret], nAcked+1)
	}

	// Graceful stop, then read the log directly.
	if err := ap2.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-ap2.done:
		ap2.done <- err
		if err != nil {
			t.Fatalf("SIGTERM: exit %v\n%s", err, ap2.stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("no graceful exit on SIGTERM")
	}
	store, err := OpenBoltStore(storePath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	logged := map[string][]byte{}
	var seq uint64
	err = store.Entries(ctx, func(e Entry) error {
		seq++
		if e.Seq != seq {
			return fmt.Errorf("entry %d has Seq %d", seq, e.Seq)
		}
		if e.Kind == KindClientSecret {
			logged[string(e.HashedID)] = e.Fingerprint
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for h, share := range acked {
		fp, ok := logged[h]
		if !ok {
			t.Fatalf("acknowledged issuance for %x is missing from the log", h)
		}
		if !bytes.Equal(fp, fingerprint(share)) {
			t.Fatalf("log fingerprint for %x does not match the share issued", h)
		}
	}
	stats, _ := store.Stats(ctx)
	if stats.Total != seq {
		t.Errorf("stats count %d entries, the log has %d", stats.Total, seq)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
