package shim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// Process is a running peer: the harness writes requests to Stdin and
// reads responses from Stdout.
type Process struct {
	// Stdin carries requests; closing it is end of input for the peer.
	Stdin io.WriteCloser
	// Stdout carries responses.
	Stdout io.Reader
	// Stderr carries the peer's log, or is nil.
	Stderr io.Reader
	// Wait blocks until the peer has exited and returns its exit error
	// (nil for status 0).
	Wait func() error
	// Signal asks the peer to stop: politely (SIGTERM) or at once
	// (SIGKILL). Nil means the peer cannot be signalled.
	Signal func(kill bool)
	// Describe names the peer in messages.
	Describe string
}

// LaunchFunc starts a peer.
type LaunchFunc func(ctx context.Context) (*Process, error)

// EnvProtocol is the environment variable every shim is started with
// (spec/shim.md section 2.1).
const EnvProtocol = "MPIN_SHIM_PROTOCOL"

// Command returns a LaunchFunc that executes argv directly, without a
// shell, with the harness's environment plus MPIN_SHIM_PROTOCOL and env
// ("KEY=value" entries).
func Command(argv []string, env []string) LaunchFunc {
	return func(ctx context.Context) (*Process, error) {
		if len(argv) == 0 {
			return nil, errors.New("shim: empty command")
		}
		// The process outlives the context of one call; it is stopped
		// through Signal and stdin, not through ctx.
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = append(append(os.Environ(), EnvProtocol+"="+iut.Protocol), env...)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return nil, err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		stderr, err := cmd.StderrPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("shim: starting %s: %w", argv[0], err)
		}
		return &Process{
			Stdin:  stdin,
			Stdout: stdout,
			Stderr: stderr,
			Wait:   cmd.Wait,
			Signal: func(kill bool) {
				if kill {
					_ = cmd.Process.Kill()
				} else {
					_ = cmd.Process.Signal(syscall.SIGTERM)
				}
			},
			Describe: strings.Join(argv, " "),
		}, nil
	}
}

// SplitCommand splits a command line into words the way a POSIX shell
// does, without any expansion: blanks separate words, single quotes keep
// everything literally, double quotes keep everything but \" \\ \$ \` and
// backslash-newline, and a backslash outside quotes escapes the next
// character.
func SplitCommand(s string) ([]string, error) {
	var (
		words []string
		cur   strings.Builder
		in    bool // inside a word
	)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
			i++
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("shim command: unterminated single quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			in = true
			i += j + 2
		case c == '"':
			in = true
			i++
			closed := false
			for i < len(s) {
				d := s[i]
				if d == '"' {
					closed = true
					i++
					break
				}
				if d == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
					if s[i+1] != '\n' {
						cur.WriteByte(s[i+1])
					}
					i += 2
					continue
				}
				cur.WriteByte(d)
				i++
			}
			if !closed {
				return nil, errors.New("shim command: unterminated double quote")
			}
		case c == '\\':
			if i+1 >= len(s) {
				return nil, errors.New("shim command: trailing backslash")
			}
			if s[i+1] != '\n' {
				_, n := utf8.DecodeRuneInString(s[i+1:])
				cur.WriteString(s[i+1 : i+1+n])
				in = true
				i += 1 + n
			} else {
				i += 2
			}
		default:
			cur.WriteByte(c)
			in = true
			i++
		}
	}
	if in {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, errors.New("shim command: empty")
	}
	return words, nil
}

// Timeouts of spec/shim.md section 10.
type Timeouts struct {
	// Startup bounds the time from start to the capabilities answer.
	Startup time.Duration
	// Request bounds any request.
	Request time.Duration
	// Slow bounds pair, full_precompute, wrong_pin_values,
	// wrong_pin_analysis and verifications with analyse.
	Slow time.Duration
	// Exit bounds the exit after shutdown or end of input.
	Exit time.Duration
	// Ops sets the limit of single operations by name.
	Ops map[string]time.Duration
}

// DefaultTimeouts returns the protocol's defaults.
func DefaultTimeouts() Timeouts {
	return Timeouts{Startup: 10 * time.Second, Request: 10 * time.Second, Slow: 30 * time.Second, Exit: 2 * time.Second}
}

func (t Timeouts) forOp(op string, analyse bool) time.Duration {
	if d, ok := t.Ops[op]; ok && d > 0 {
		return d
	}
	if iut.SlowOps[op] || analyse {
		return t.Slow
	}
	if op == iut.OpCapabilities {
		return t.Startup
	}
	return t.Request
}

// stderrKeep is how much of the peer's stderr is kept per scenario.
const stderrKeep = 64 << 10
