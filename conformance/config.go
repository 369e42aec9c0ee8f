package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
)

// ConfigFormat is the format string of a per-stack configuration file
// (spec/shim.md section 11).
const ConfigFormat = "mpin-shim-config/1"

// Config is a per-stack configuration file.
type Config struct {
	// Format must be ConfigFormat.
	Format string `json:"format"`
	// Name labels the stack in reports.
	Name string `json:"name,omitempty"`
	// Command is the shim command when --shim is not given.
	Command []string `json:"command,omitempty"`
	// Env holds extra environment variables for the shim.
	Env map[string]string `json:"env,omitempty"`
	// Suites narrows the suites tested.
	Suites []string `json:"suites,omitempty"`
	// Errors maps native error names to canonical ones.
	Errors map[string]string `json:"errors,omitempty"`
	// EquivalentErrors lets a canonical name stand for others.
	EquivalentErrors map[string][]string `json:"equivalent_errors,omitempty"`
	// Disabled maps selectors to the reason the scenarios are disabled.
	Disabled map[string]string `json:"disabled,omitempty"`
	// Timeouts raise the protocol's limits.
	Timeouts ConfigTimeouts `json:"timeouts,omitempty"`
}

// ConfigTimeouts are the timeouts of a configuration, in milliseconds.
type ConfigTimeouts struct {
	StartupMS int64            `json:"startup_ms,omitempty"`
	RequestMS int64            `json:"request_ms,omitempty"`
	SlowMS    int64            `json:"slow_ms,omitempty"`
	ExitMS    int64            `json:"exit_ms,omitempty"`
	Ops       map[string]int64 `json:"ops,omitempty"`
}

// ErrConfig reports an invalid configuration file.
var ErrConfig = errors.New("conformance: invalid configuration")

// LoadConfig reads and checks a configuration file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(data)
}

// ParseConfig parses and checks a configuration.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
	if c.Format != ConfigFormat {
		return bad("format is %q, want %q", c.Format, ConfigFormat)
	}
	for _, s := range c.Suites {
		if !contains(iut.Suites, s) {
			return bad("unknown suite %q", s)
		}
	}
	for native, name := range c.Errors {
		if !iut.IsProtocolName(name) {
			return bad("errors maps %q to %q, which is not a name of spec/shim.md section 7", native, name)
		}
	}
	for name, list := range c.EquivalentErrors {
		if !iut.IsCanonical(name) {
			return bad("equivalent_errors key %q is not a canonical name", name)
		}
		for _, v := range list {
			if !iut.IsCanonical(v) {
				return bad("equivalent_errors %q lists %q, not a canonical name", name, v)
			}
			if (name == iut.BadPIN || name == iut.NotAClient) != (v == iut.BadPIN || v == iut.NotAClient) {
				return bad("equivalent_errors may not let %s stand for %s: that would hide a wrong class", name, v)
			}
		}
	}
	for sel, reason := range c.Disabled {
		if strings.TrimSpace(reason) == "" {
			return bad("disabled selector %q has no reason", sel)
		}
	}
	return nil
}

// ShimTimeouts converts the configured timeouts; unset ones keep the
// defaults.
func (c *Config) ShimTimeouts() shim.Timeouts {
	t := shim.DefaultTimeouts()
	if c == nil {
		return t
	}
	set := func(d *time.Duration, ms int64) {
		if ms > 0 {
			*d = time.Duration(ms) * time.Millisecond
		}
	}
	set(&t.Startup, c.Timeouts.StartupMS)
	set(&t.Request, c.Timeouts.RequestMS)
	set(&t.Slow, c.Timeouts.SlowMS)
	set(&t.Exit, c.Timeouts.ExitMS)
	if len(c.Timeouts.Ops) > 0 {
		t.Ops = map[string]time.Duration{}
		for op, ms := range c.Timeouts.Ops {
			t.Ops[op] = time.Duration(ms) * time.Millisecond
		}
	}
	return t
}

// EnvList returns Env as KEY=value entries, sorted.
func (c *Config) EnvList() []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, k := range sortedKeys(c.Env) {
		out = append(out, k+"="+c.Env[k])
	}
	return out
}

// mapError applies the errors table.
func (c *Config) mapError(e *iut.Error) *iut.Error {
	if c == nil {
		return e
	}
	if to, ok := c.Errors[e.Name]; ok {
		m := *e
		m.Detail = fmt.Sprintf("%s (native %s)", e.Detail, e.Name)
		m.Name = to
		return &m
	}
	return e
}

// coarseMatch reports whether got may stand for want.
func (c *Config) coarseMatch(got, want string) bool {
	if c == nil {
		return false
	}
	return contains(c.EquivalentErrors[got], want)
}

// disabled returns the selector and reason that disable a scenario, from
// its tags and its "<feature>: <scenario>" name.
func (c *Config) disabled(tags []string, fullName string) (string, string, bool) {
	if c == nil {
		return "", "", false
	}
	for _, sel := range sortedKeys(c.Disabled) {
		if selects(sel, tags, fullName) {
			return sel, c.Disabled[sel], true
		}
	}
	return "", "", false
}

// selects reports whether a disabled-selector matches a scenario.
func selects(sel string, tags []string, fullName string) bool {
	switch {
	case strings.HasPrefix(sel, "REQ-"):
		return contains(tags, "@"+sel)
	case strings.HasPrefix(sel, "@"):
		return contains(tags, sel)
	}
	return glob(sel, fullName)
}

// glob matches * (any run of characters) and ? (one character).
func glob(pattern, s string) bool {
	p, n := []rune(pattern), []rune(s)
	var match func(i, j int) bool
	memo := map[[2]int]bool{}
	match = func(i, j int) bool {
		k := [2]int{i, j}
		if v, ok := memo[k]; ok {
			return v
		}
		var r bool
		switch {
		case i == len(p):
			r = j == len(n)
		case p[i] == '*':
			r = match(i+1, j) || (j < len(n) && match(i, j+1))
		case j < len(n) && (p[i] == '?' || p[i] == n[j]):
			r = match(i+1, j+1)
		}
		memo[k] = r
		return r
	}
	return match(0, 0)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// unusedSelectors lists disabled selectors that matched no scenario.
func (c *Config) unusedSelectors(used map[string]bool) []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, sel := range sortedKeys(c.Disabled) {
		if !used[sel] {
			out = append(out, sel)
		}
	}
	sort.Strings(out)
	return out
}
