package shim

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// fakePeer is a scripted shim: answer returns the raw response line for a
// request ("" to say nothing, "EXIT" to exit).
type fakePeer struct {
	mu     sync.Mutex
	starts int
	answer func(start int, req map[string]any) string
	stderr string
}

const capsLine = `{"id":%v,"ok":true,"shim":"mpin-shim/1","implementation":{"name":"fake","version":"0"},"suites":[{"suite":"MPIN-BN254CX-SHA256-MILAGRO","roles":["server"],"modes":["two-pass"]}]}`

func (f *fakePeer) launch(ctx context.Context) (*Process, error) {
	f.mu.Lock()
	f.starts++
	start := f.starts
	f.mu.Unlock()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer outW.Close()
		defer errW.Close()
		if f.stderr != "" {
			fmt.Fprint(errW, f.stderr)
		}
		sc := bufio.NewScanner(inR)
		for sc.Scan() {
			var req map[string]any
			_ = json.Unmarshal(sc.Bytes(), &req)
			line := f.answer(start, req)
			if line == "EXIT" {
				return
			}
			if line == "" {
				continue
			}
			if _, err := fmt.Fprintln(outW, line); err != nil {
				return
			}
		}
	}()
	return &Process{
		Stdin: inW, Stdout: outR, Stderr: errR,
		Wait:   func() error { <-done; return nil },
		Signal: func(bool) { inR.CloseWithError(io.EOF); outW.Close() },
	}, nil
}

// standard answers the meta operations and delegates the rest.
func standard(rest func(req map[string]any) string) func(int, map[string]any) string {
	return func(_ int, req map[string]any) string {
		switch req["op"] {
		case "capabilities":
			return fmt.Sprintf(capsLine, req["id"])
		case "reset", "shutdown":
			return fmt.Sprintf(`{"id":%v,"ok":true}`, req["id"])
		}
		return rest(req)
	}
}

func start(t *testing.T, f *fakePeer, timeouts Timeouts) *Adapter {
	t.Helper()
	a, err := Start(context.Background(), Options{Launch: f.launch, Timeouts: timeouts})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close(context.Background()) })
	return a
}

var req = &iut.HashIDRequest{Suite: "MPIN-BN254CX-SHA256-MILAGRO", Identity: iut.Hex("alice")}

func TestResponses(t *testing.T) {
	f := &fakePeer{answer: standard(func(r map[string]any) string {
		switch r["identity"] {
		case "616c696365":
			return fmt.Sprintf(`{"id":%v,"ok":true,"hid":"0a0b","a":"04","future_field":1}`, r["id"])
		case "626f62":
			return fmt.Sprintf(`{"id":%v,"ok":false,"error":"BAD_PIN","detail":"d","delta":-3}`, r["id"])
		case "":
			return fmt.Sprintf(`{"id":%v,"unimplemented":true,"detail":"later"}`, r["id"])
		}
		return fmt.Sprintf(`{"id":%v,"ok":true,"hid":"0A","a":"04"}`, r["id"])
	})}
	a := start(t, f, Timeouts{})
	ctx := context.Background()
	res, err := a.HashID(ctx, req)
	if err != nil || !reflect.DeepEqual([]byte(res.HID), []byte{10, 11}) {
		t.Fatalf("%v %v", res, err)
	}
	_, err = a.HashID(ctx, &iut.HashIDRequest{Suite: req.Suite, Identity: iut.Hex("bob")})
	var e *iut.Error
	if !errors.As(err, &e) || e.Name != iut.BadPIN || e.Delta == nil || *e.Delta != -3 {
		t.Errorf("error response: %v", err)
	}
	_, err = a.HashID(ctx, &iut.HashIDRequest{Suite: req.Suite, Identity: iut.Hex{}})
	var u *iut.UnimplementedError
	if !errors.As(err, &u) || u.Detail != "later" {
		t.Errorf("unimplemented: %v", err)
	}
	_, err = a.HashID(ctx, &iut.HashIDRequest{Suite: req.Suite, Identity: iut.Hex("x")})
	var fe *iut.FatalError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "protocol violation") {
		t.Errorf("uppercase hex: %v", err)
	}
}

func TestTimeoutRestartsTheShim(t *testing.T) {
	f := &fakePeer{answer: standard(func(r map[string]any) string { return "" })}
	a := start(t, f, Timeouts{Request: 100 * time.Millisecond, Exit: 100 * time.Millisecond})
	_, err := a.HashID(context.Background(), req)
	var fe *iut.FatalError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "timeout in hash_id") {
		t.Fatalf("err = %v", err)
	}
	if _, err := a.HashID(context.Background(), req); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Errorf("after a timeout: %v", err)
	}
	if err := a.Reset(context.Background()); err != nil {
		t.Fatalf("reset after a timeout: %v", err)
	}
	if f.starts != 2 {
		t.Errorf("%d starts, want 2", f.starts)
	}
}

func TestFatalAndViolations(t *testing.T) {
	for name, line := range map[string]string{
		"fatal":     `{"id":null,"fatal":true,"detail":"library gone"}`,
		"wrong id":  `{"id":999,"ok":true}`,
		"not json":  `hello`,
		"no status": `{"id":%v}`,
		"exit":      "EXIT",
	} {
		t.Run(name, func(t *testing.T) {
			f := &fakePeer{answer: standard(func(r map[string]any) string {
				if strings.Contains(line, "%v") {
					return fmt.Sprintf(line, r["id"])
				}
				return line
			})}
			a := start(t, f, Timeouts{Exit: 100 * time.Millisecond})
			_, err := a.HashID(context.Background(), req)
			var fe *iut.FatalError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v", err)
			}
			if err := a.Reset(context.Background()); err != nil {
				t.Errorf("reset after the failure: %v", err)
			}
		})
	}
}

func TestAbortAfterThreeFailedStarts(t *testing.T) {
	f := &fakePeer{}
	f.answer = func(start int, r map[string]any) string {
		if start > 1 && r["op"] == "capabilities" {
			return "EXIT"
		}
		return standard(func(map[string]any) string { return "EXIT" })(start, r)
	}
	a := start(t, f, Timeouts{Exit: 50 * time.Millisecond})
	_, _ = a.HashID(context.Background(), req) // the shim exits
	var err error
	for range 3 {
		err = a.Reset(context.Background())
	}
	if !errors.Is(err, iut.ErrAborted) {
		t.Fatalf("after three failed starts: %v", err)
	}
}

func TestVersionMismatchAborts(t *testing.T) {
	f := &fakePeer{answer: func(_ int, r map[string]any) string {
		return fmt.Sprintf(`{"id":%v,"ok":false,"error":"UNSUPPORTED","detail":"I speak mpin-shim/2"}`, r["id"])
	}}
	_, err := Start(context.Background(), Options{Launch: f.launch})
	if !errors.Is(err, iut.ErrAborted) || !strings.Contains(err.Error(), "mpin-shim/2") {
		t.Errorf("err = %v", err)
	}
}

func TestStderrIsKeptPerScenario(t *testing.T) {
	f := &fakePeer{stderr: "log line one\n", answer: standard(func(r map[string]any) string {
		return fmt.Sprintf(`{"id":%v,"ok":true,"hid":"","a":""}`, r["id"])
	})}
	a := start(t, f, Timeouts{})
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(a.StderrSinceReset(), "log line one") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(a.StderrSinceReset(), "log line one") {
		t.Fatalf("stderr %q", a.StderrSinceReset())
	}
	if err := a.Reset(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := a.StderrSinceReset(); s != "" {
		t.Errorf("after reset: %q", s)
	}
}

func TestSplitCommand(t *testing.T) {
	tests := map[string][]string{
		`mpin shim`:                      {"mpin", "shim"},
		`  go   run ./tools/mpin shim `:  {"go", "run", "./tools/mpin", "shim"},
		`'/opt/my stack/shim' --x="a b"`: {"/opt/my stack/shim", "--x=a b"},
		`a\ b "c\"d" 'e\f'`:              {"a b", `c"d`, `e\f`},
		`x "$HOME" 'y'z`:                 {"x", "$HOME", "yz"},
		`""`:                             {""},
	}
	for in, want := range tests {
		got, err := SplitCommand(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{``, `  `, `'open`, `"open`, `trailing\`} {
		if _, err := SplitCommand(bad); err == nil {
			t.Errorf("SplitCommand(%q) accepted", bad)
		}
	}
}

func TestCommandEnvironment(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	// A shell shim that answers capabilities with the protocol variable
	// in the implementation name, then exits at end of input.
	script := `read line; printf '{"id":0,"ok":true,"shim":"%s","implementation":{"name":"%s","version":"1"},"suites":[]}\n' "$MPIN_SHIM_PROTOCOL" "$EXTRA"; read line; printf '{"id":1,"ok":true}\n'`
	a, err := Start(context.Background(), Options{Launch: Command([]string{"/bin/sh", "-c", script}, []string{"EXTRA=from-config"})})
	if err != nil {
		t.Fatal(err)
	}
	caps, _ := a.Capabilities(context.Background())
	if caps.Implementation.Name != "from-config" {
		t.Errorf("implementation %q", caps.Implementation.Name)
	}
	if err := a.Close(context.Background()); err != nil {
		t.Errorf("close: %v", err)
	}
}
