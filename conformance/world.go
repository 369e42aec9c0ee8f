package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/mpinkit/mpinkit/conformance/internal/curvemath"
	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/kat"
)

// world is the state of one scenario. It lives in the scenario's
// context.Context (godog hands the context from step to step); steps
// read and update it and call the IUT through it.
type world struct {
	h     *pass
	suite string
	claim *iut.SuiteClaim
	cv    *curvemath.Curve

	// scenario is the inventory entry of the running scenario.
	scenario *Scenario
	started  time.Time
	// skip, when set before the first step, skips the scenario.
	skip string
	// broken, when set, fails every step: the IUT could not be reset.
	broken string
	// failed is the first failure of a step, for the report.
	failed string
	// coarse lists passes that relied on equivalent_errors.
	coarse []string

	kc   *kat.Case
	vals map[string][]byte
	ints map[string]int64
	// absent lists values removed on purpose (sent as absent fields).
	absent map[string]bool

	// The last operation: its name, party, outputs and error.
	op      string
	party   string
	res     map[string][]byte
	resInts map[string]int64
	primary string
	err     error
	// replay repeats the last operation against our reference.
	replay func(ctx context.Context, p iut.IUT) (map[string][]byte, map[string]int64, error)

	// roles maps "client", "server", "authority" to "IUT" or "reference".
	roles map[string]string
	srv   serverOptions
	fullC bool
	sess  session
}

// serverOptions are the policy of the server party, set by Given steps
// and used when the server is created.
type serverOptions struct {
	permits, permitsSet bool
	grace, window, ttl  int64
	analyse             bool
	lockout             int64
	full                bool
}

// session is the interop state: handles and the messages in flight.
type session struct {
	client, server       string // handles
	clientSess, srvSess  string
	u, ut, r, y, w, v    []byte
	day                  int64
	keyC, keyS           []byte
	tv                   int64
	msg                  []byte
	msgAbsent            bool
	clientErr, serverErr error
	// halted is set when a step of the login in progress was rejected.
	halted bool
}

type worldKey struct{}

// getWorld returns the scenario's world from its context.
func getWorld(ctx context.Context) *world {
	w, _ := ctx.Value(worldKey{}).(*world)
	return w
}

func newWorld(h *pass) *world {
	return &world{
		h:      h,
		suite:  h.suite,
		claim:  h.claim,
		cv:     h.curve,
		vals:   map[string][]byte{},
		ints:   map[string]int64{},
		absent: map[string]bool{},
		roles:  map[string]string{"client": "IUT", "server": "IUT", "authority": "IUT"},
	}
}

// errSkip returns a godog skip carrying a reason.
func (w *world) skipWith(format string, args ...any) error {
	if w.skip == "" {
		w.skip = fmt.Sprintf(format, args...)
	}
	return fmt.Errorf("%w: %s", godog.ErrSkip, w.skip)
}

// failf records and returns a failure.
func (w *world) failf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if w.failed == "" {
		w.failed = msg
	}
	return errors.New(msg)
}

// use is the prologue of every step: it returns the world, or a skip when
// the scenario is being skipped.
func use(ctx context.Context) (*world, error) {
	w := getWorld(ctx)
	if w == nil {
		return nil, errors.New("conformance: no scenario state in the context")
	}
	if w.skip != "" {
		return nil, fmt.Errorf("%w: %s", godog.ErrSkip, w.skip)
	}
	if w.broken != "" {
		return nil, w.failf("%s", w.broken)
	}
	return w, nil
}

// ---- named values ----

// kinds maps value names to their encodings, for mutations and checks.
var kinds = map[string]string{
	"MS": "scalar", "MS1": "scalar", "MS2": "scalar", "X": "scalar", "Y": "scalar", "Z": "scalar", "W": "scalar",
	"H": "scalar", "X1": "scalar", "Y1": "scalar", "ONE": "scalar",
	"A": "g1", "U": "g1", "UT": "g1", "V": "g1", "CS": "g1", "CS1": "g1", "CS2": "g1", "TP": "g1", "TP1": "g1", "TP2": "g1",
	"TOKEN": "g1", "SEC": "g1", "AT": "g1", "R": "g1", "WPOINT": "g1", "U1": "g1", "UT1": "g1", "V1": "g1", "SECRET": "g1",
	"SS": "g2", "SS1": "g2", "SS2": "g2", "SQ": "g2", "Q": "g2",
	"E": "gt", "F": "gt", "GTTOKEN": "gt", "GTID": "gt", "GT": "gt",
	"HID": "hid", "KC": "key", "KS": "key", "KEY": "key",
	"ID": "bytes", "MSG": "bytes", "SEED": "bytes",
}

// kindOf returns the kind of a value name: its own entry, or that of the
// name without a suffix (_A, _B, digits).
func kindOf(name string) string {
	if k, ok := kinds[name]; ok {
		return k
	}
	if i := strings.IndexByte(name, '_'); i > 0 {
		return kindOf(name[:i])
	}
	trimmed := strings.TrimRight(name, "0123456789")
	if trimmed != name && trimmed != "" {
		return kindOf(trimmed)
	}
	return ""
}

// v returns a named octet value.
func (w *world) v(name string) ([]byte, error) {
	if w.absent[name] {
		return nil, nil
	}
	b, ok := w.vals[name]
	if !ok {
		return nil, w.failf("the scenario has no value %s (case %s)", name, w.caseName())
	}
	return b, nil
}

// opt returns a named value or nil when the scenario does not have it.
func (w *world) opt(name string) []byte {
	if w.absent[name] {
		return nil
	}
	return w.vals[name]
}

// n returns a named integer, or a literal.
func (w *world) n(name string) (int64, error) {
	if v, err := strconv.ParseInt(name, 10, 64); err == nil {
		return v, nil
	}
	v, ok := w.ints[name]
	if !ok {
		return 0, w.failf("the scenario has no integer %s (case %s)", name, w.caseName())
	}
	return v, nil
}

func (w *world) caseName() string {
	if w.kc == nil {
		return "none"
	}
	return w.kc.Name
}

// permit returns the permit and day of the scenario's client, or nil and
// 0 without permits.
func (w *world) permit() ([]byte, int64) {
	d := w.ints["DAY"]
	if d == 0 || w.absent["TP"] {
		return nil, 0
	}
	return w.opt("TP"), d
}

// loadCase puts a known-answer case's values into the world.
func (w *world) loadCase(name string) error {
	c, err := kat.Get(w.suite, name)
	if errors.Is(err, kat.ErrNoUpstream) {
		return w.skipWith("%v", err)
	}
	if err != nil {
		return w.failf("known-answer case %s: %v", name, err)
	}
	w.kc = c
	for k, v := range c.Values {
		w.vals[k] = bytes.Clone(v)
	}
	for k, v := range c.Ints {
		w.ints[k] = v
	}
	return nil
}

// names parses "A, B and C" into its names.
func names(list string) []string {
	list = strings.ReplaceAll(list, " and ", ", ")
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
