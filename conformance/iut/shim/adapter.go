package shim

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// maxLine is the longest line the protocol allows (spec/shim.md 3.1).
const maxLine = 1 << 20

// Options configure an Adapter.
type Options struct {
	// Launch starts the peer; required.
	Launch LaunchFunc
	// Timeouts; zero fields take the protocol's defaults.
	Timeouts Timeouts
	// Harness names the harness in the capabilities request.
	Harness iut.Harness
	// Log, if not nil, receives a live copy of the peer's stderr.
	Log io.Writer
}

// Adapter is an iut.IUT that talks to a shim. Calls are serialised: the
// protocol has no pipelining.
type Adapter struct {
	opts Options

	mu       sync.Mutex
	proc     *running
	nextID   int64
	caps     *iut.Capabilities
	failures int  // consecutive failures to start
	aborted  bool // three failures to start: give up
	stderr   stderrTail
}

var _ iut.IUT = (*Adapter)(nil)

// running is one live peer.
type running struct {
	p      *Process
	lines  chan lineOrErr
	quit   chan struct{} // closed when the harness stops listening
	exited chan struct{} // closed when the peer has exited
	exit   error         // valid after exited is closed
}

type lineOrErr struct {
	line []byte
	err  error
}

// Start launches the peer and asks for its capabilities.
func Start(ctx context.Context, opts Options) (*Adapter, error) {
	if opts.Launch == nil {
		return nil, errors.New("shim: no launcher")
	}
	def := DefaultTimeouts()
	t := &opts.Timeouts
	for _, f := range []struct{ got, def *time.Duration }{
		{&t.Startup, &def.Startup}, {&t.Request, &def.Request}, {&t.Slow, &def.Slow}, {&t.Exit, &def.Exit},
	} {
		if *f.got <= 0 {
			*f.got = *f.def
		}
	}
	if opts.Harness.Name == "" {
		opts.Harness = iut.Harness{Name: "mpin conformance", Version: "1"}
	}
	a := &Adapter{opts: opts}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.startLocked(ctx); err != nil {
		return nil, err
	}
	return a, nil
}

// startLocked launches the peer and exchanges capabilities.
func (a *Adapter) startLocked(ctx context.Context) error {
	if a.aborted {
		return iut.ErrAborted
	}
	err := a.launchLocked(ctx)
	if err == nil {
		var caps iut.Capabilities
		req := &iut.CapabilitiesRequest{Shim: iut.Protocol, Harness: a.opts.Harness}
		err = a.exchange(ctx, iut.OpCapabilities, req, &caps, false)
		if err == nil && caps.Shim != iut.Protocol {
			err = fmt.Errorf("shim speaks %q, the harness %q", caps.Shim, iut.Protocol)
			a.aborted = true
		}
		var ie *iut.Error
		if errors.As(err, &ie) && ie.Name == iut.Unsupported {
			err = fmt.Errorf("shim refused protocol %s: %s", iut.Protocol, ie.Detail)
			a.aborted = true
		}
		if err == nil {
			a.caps = &caps
			a.failures = 0
			return nil
		}
		a.killLocked()
	}
	a.failures++
	if a.failures >= 3 {
		a.aborted = true
	}
	if a.aborted {
		return fmt.Errorf("%w: %v", iut.ErrAborted, err)
	}
	return &iut.FatalError{Op: iut.OpCapabilities, Reason: "shim failed to start: " + err.Error()}
}

func (a *Adapter) launchLocked(ctx context.Context) error {
	p, err := a.opts.Launch(ctx)
	if err != nil {
		return err
	}
	r := &running{p: p, lines: make(chan lineOrErr, 4), quit: make(chan struct{}), exited: make(chan struct{})}
	stdoutDone := make(chan struct{})
	stderrDone := make(chan struct{})
	go func() {
		defer close(stdoutDone)
		sc := bufio.NewScanner(p.Stdout)
		sc.Buffer(make([]byte, 64<<10), maxLine+1)
		for sc.Scan() {
			line := bytes.Clone(sc.Bytes())
			select {
			case r.lines <- lineOrErr{line: line}:
			case <-r.quit:
			}
		}
		err := sc.Err()
		if err == nil {
			err = io.EOF
		}
		select {
		case r.lines <- lineOrErr{err: err}:
		case <-r.quit:
		}
		if !errors.Is(err, io.EOF) {
			_, _ = io.Copy(io.Discard, p.Stdout)
		}
	}()
	go func() {
		defer close(stderrDone)
		if p.Stderr == nil {
			return
		}
		buf := make([]byte, 4096)
		for {
			n, err := p.Stderr.Read(buf)
			if n > 0 {
				a.stderr.write(buf[:n])
				if a.opts.Log != nil {
					_, _ = a.opts.Log.Write(buf[:n])
				}
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		<-stdoutDone
		<-stderrDone
		r.exit = p.Wait()
		close(r.exited)
	}()
	a.proc = r
	return nil
}

// killLocked stops the peer: end of input, SIGTERM after the exit
// timeout, SIGKILL 2 seconds later (spec/shim.md 2.3, 10).
func (a *Adapter) killLocked() {
	r := a.proc
	if r == nil {
		return
	}
	a.proc = nil
	close(r.quit)
	_ = r.p.Stdin.Close()
	if r.p.Signal == nil {
		select {
		case <-r.exited:
		case <-time.After(a.opts.Timeouts.Exit):
		}
		return
	}
	r.p.Signal(false)
	select {
	case <-r.exited:
		return
	case <-time.After(2 * time.Second):
	}
	r.p.Signal(true)
	select {
	case <-r.exited:
	case <-time.After(2 * time.Second):
	}
}

// exitStatus describes how the peer ended, waiting up to the exit
// timeout.
func (a *Adapter) exitStatus(r *running) string {
	select {
	case <-r.exited:
		if r.exit == nil {
			return "exited with status 0"
		}
		return r.exit.Error()
	case <-time.After(a.opts.Timeouts.Exit):
		return "still running"
	}
}

// exchange sends one request and reads its response into res. The caller
// holds a.mu.
func (a *Adapter) exchange(ctx context.Context, op string, req, res any, analyse bool) error {
	r := a.proc
	if r == nil {
		return &iut.FatalError{Op: op, Reason: "the shim is not running (it failed earlier in this scenario)"}
	}
	body, err := json.Marshal(req)
	if err != nil || len(body) < 2 || body[0] != '{' {
		return &iut.FatalError{Op: op, Reason: fmt.Sprintf("harness cannot encode the request: %v", err)}
	}
	id := a.nextID
	a.nextID++
	line := []byte(`{"id":` + strconv.FormatInt(id, 10) + `,"op":` + strconv.Quote(op))
	if len(body) > 2 {
		line = append(line, ',')
		line = append(line, body[1:]...)
	} else {
		line = append(line, '}')
	}
	line = append(line, '\n')
	if _, err := r.p.Stdin.Write(line); err != nil {
		a.killLocked()
		return &iut.FatalError{Op: op, Reason: fmt.Sprintf("writing the request: %v (%s)", err, a.exitStatus(r))}
	}
	limit := a.opts.Timeouts.forOp(op, analyse)
	timer := time.NewTimer(limit)
	defer timer.Stop()
	var got lineOrErr
	select {
	case got = <-r.lines:
	case <-timer.C:
		a.killLocked()
		return &iut.FatalError{Op: op, Reason: fmt.Sprintf("timeout in %s after %v", op, limit)}
	case <-ctx.Done():
		a.killLocked()
		return &iut.FatalError{Op: op, Reason: "cancelled: " + ctx.Err().Error()}
	}
	if got.err != nil {
		a.killLocked()
		if errors.Is(got.err, io.EOF) {
			return &iut.FatalError{Op: op, Reason: "the shim closed its output (" + a.exitStatus(r) + ")"}
		}
		return &iut.FatalError{Op: op, Reason: "reading the response: " + got.err.Error()}
	}
	return a.parse(op, id, got.line, res, r)
}

// parse interprets one response line.
func (a *Adapter) parse(op string, id int64, line []byte, res any, r *running) error {
	violation := func(format string, args ...any) error {
		a.killLocked()
		return &iut.FatalError{Op: op, Reason: "protocol violation: " + fmt.Sprintf(format, args...)}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil || m == nil {
		return violation("response is not a JSON object: %.200q", line)
	}
	var fatal bool
	if raw, ok := m["fatal"]; ok && json.Unmarshal(raw, &fatal) == nil && fatal {
		var detail string
		_ = json.Unmarshal(m["detail"], &detail)
		a.killLocked()
		return &iut.FatalError{Op: op, Reason: fmt.Sprintf("fatal: %s (%s)", detail, a.exitStatus(r))}
	}
	var gotID int64
	if err := json.Unmarshal(m["id"], &gotID); err != nil || gotID != id {
		return violation("response id %s, want %d", m["id"], id)
	}
	var detail string
	if raw, ok := m["detail"]; ok {
		if err := json.Unmarshal(raw, &detail); err != nil {
			return violation("detail is not a string")
		}
	}
	var unimpl bool
	if raw, ok := m["unimplemented"]; ok {
		if err := json.Unmarshal(raw, &unimpl); err != nil {
			return violation("unimplemented is not a bool")
		}
	}
	if unimpl {
		return &iut.UnimplementedError{Op: op, Detail: detail}
	}
	var ok bool
	if err := json.Unmarshal(m["ok"], &ok); err != nil {
		return violation("response without ok, unimplemented or fatal")
	}
	if !ok {
		var name string
		if err := json.Unmarshal(m["error"], &name); err != nil || name == "" {
			return violation("error response without an error name")
		}
		e := &iut.Error{Name: name, Detail: detail}
		if raw, ok := m["delta"]; ok {
			var d int
			if err := json.Unmarshal(raw, &d); err != nil {
				return violation("delta is not an integer")
			}
			e.Delta = &d
		}
		return e
	}
	if err := json.Unmarshal(line, res); err != nil {
		// The process is fine; the answer is not usable.
		return &iut.FatalError{Op: op, Reason: "protocol violation in the result: " + err.Error()}
	}
	return nil
}

// Capabilities returns the claim the shim made when it started.
func (a *Adapter) Capabilities(ctx context.Context) (*iut.Capabilities, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.caps == nil {
		if err := a.startLocked(ctx); err != nil {
			return nil, err
		}
	}
	c := *a.caps
	return &c, nil
}

// Reset starts a new shim if the last one failed, then sends reset; it
// also starts a new stderr capture for the scenario.
func (a *Adapter) Reset(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stderr.reset()
	if a.proc == nil {
		if err := a.startLocked(ctx); err != nil {
			return err
		}
	}
	return a.exchange(ctx, iut.OpReset, &iut.ResetRequest{}, &iut.Empty{}, false)
}

// Close sends shutdown and waits for the shim to exit, then stops it the
// hard way if it does not.
func (a *Adapter) Close(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.proc
	if r == nil {
		return nil
	}
	err := a.exchange(ctx, iut.OpShutdown, &iut.ShutdownRequest{}, &iut.Empty{}, false)
	if a.proc == nil { // the exchange failed and stopped it
		return err
	}
	_ = r.p.Stdin.Close()
	select {
	case <-r.exited:
		a.proc = nil
		close(r.quit)
		if r.exit != nil && err == nil {
			err = fmt.Errorf("shim exit after shutdown: %w", r.exit)
		}
		return err
	case <-time.After(a.opts.Timeouts.Exit):
	}
	a.killLocked()
	if err == nil {
		err = errors.New("shim did not exit within the exit timeout after shutdown")
	}
	return err
}

// StderrSinceReset returns the shim's stderr since the last Reset (the
// last 64 KiB of it).
func (a *Adapter) StderrSinceReset() string { return a.stderr.String() }

// Describe names the shim command.
func (a *Adapter) Describe() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.proc != nil {
		return a.proc.p.Describe
	}
	return ""
}

// stderrTail keeps the last stderrKeep bytes written since reset.
type stderrTail struct {
	mu  sync.Mutex
	buf []byte
}

func (s *stderrTail) write(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(s.buf, b...)
	if len(s.buf) > stderrKeep {
		s.buf = append(s.buf[:0], s.buf[len(s.buf)-stderrKeep:]...)
	}
}

func (s *stderrTail) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = s.buf[:0]
}

func (s *stderrTail) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.buf)
}
