package dta

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// Defaults of the zero-valued Config fields.
const (
	DefaultMaxBodyBytes     = 8 << 10
	DefaultRequestTimeout   = 10 * time.Second
	DefaultMaxAuthValidity  = 10 * time.Minute
	DefaultShutdownTimeout  = 10 * time.Second
	DefaultMaxConcurrent    = 64
	DefaultPermitDaysAhead  = 1
	maxHeaderBytes          = 16 << 10
	readHeaderTimeout       = 5 * time.Second
	idleTimeout             = 60 * time.Second
	secondsPerDay           = mpin.SecondsPerDay
	maxPermitDaysPerRequest = 8
)

// Config configures one authority.
type Config struct {
	// Share is the authority's suite, name and master share (secret).
	// Required.
	Share MasterShare
	// Apps maps application IDs (1 to 64 of [A-Za-z0-9._-]) to their
	// HMAC keys (at least MinAppKeySize bytes each). Required: an
	// authority without applications would refuse every request.
	Apps map[string][]byte
	// Store is the issuance log and revocation list. Nil means a new
	// MemoryStore. The caller closes it after Serve returns.
	Store Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// PermitDaysAhead is how many days after today the authority issues
	// permits for (REQ-MPIN-6.7 suggests 1: today and tomorrow). Zero
	// means DefaultPermitDaysAhead; negative means today only.
	PermitDaysAhead int
	// MaxBodyBytes bounds request bodies. Zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RequestTimeout bounds each request, waiting for a slot included.
	// Zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxAuthValidity is how far in the future an Authorization may
	// expire. Zero means DefaultMaxAuthValidity.
	MaxAuthValidity time.Duration
	// MaxConcurrent bounds requests doing work at once; others wait for
	// a slot until their timeout. Zero means DefaultMaxConcurrent.
	MaxConcurrent int
	// ShutdownTimeout bounds the graceful shutdown of Serve. Zero means
	// DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// Logger receives one line per request (never a share or a key). Nil
	// discards.
	Logger *slog.Logger
}

// Authority is one Distributed Trust Authority: it holds one master share
// and serves the share-issuance API. Safe for concurrent use.
type Authority struct {
	cfg     Config
	p       *mpin.Profile
	share   []byte
	apps    map[string][]byte
	store   Store
	log     *slog.Logger
	slots   chan struct{}
	started time.Time
}

// New checks cfg and returns an authority. It copies the master share and
// the keys.
func New(cfg Config) (*Authority, error) {
	if err := checkShare(cfg.Share); err != nil {
		return nil, err
	}
	p, _ := mpin.Lookup(cfg.Share.Suite)
	if len(cfg.Apps) == 0 {
		return nil, fmt.Errorf("%w: no applications", ErrConfig)
	}
	apps := make(map[string][]byte, len(cfg.Apps))
	for id, k := range cfg.Apps {
		if !validAppID(id) {
			return nil, fmt.Errorf("%w: application ID %q", ErrConfig, id)
		}
		if len(k) < MinAppKeySize {
			return nil, fmt.Errorf("%w: key of application %q shorter than %d bytes", ErrConfig, id, MinAppKeySize)
		}
		apps[id] = bytes.Clone(k)
	}
	if cfg.MaxBodyBytes < 0 || cfg.RequestTimeout < 0 || cfg.MaxAuthValidity < 0 || cfg.MaxConcurrent < 0 || cfg.ShutdownTimeout < 0 {
		return nil, fmt.Errorf("%w: negative limit", ErrConfig)
	}
	if cfg.Store == nil {
		cfg.Store = NewMemoryStore()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PermitDaysAhead == 0 {
		cfg.PermitDaysAhead = DefaultPermitDaysAhead
	} else if cfg.PermitDaysAhead < 0 {
		cfg.PermitDaysAhead = 0
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxAuthValidity == 0 {
		cfg.MaxAuthValidity = DefaultMaxAuthValidity
	}
	if cfg.MaxConcurrent == 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	a := &Authority{
		cfg:     cfg,
		p:       p,
		share:   bytes.Clone(cfg.Share.Share),
		apps:    apps,
		store:   cfg.Store,
		log:     cfg.Logger.With("authority", cfg.Share.Authority),
		slots:   make(chan struct{}, cfg.MaxConcurrent),
		started: cfg.Now(),
	}
	a.cfg.Share.Share = nil
	a.cfg.Apps = nil
	return a, nil
}

// Name returns the authority's name.
func (a *Authority) Name() string { return a.cfg.Share.Authority }

// Suite returns the authority's suite string.
func (a *Authority) Suite() string { return a.cfg.Share.Suite }

// Handler returns the HTTP handler of the API: the endpoints of
// spec/interop.md section 2, every one bounded in size and time.
func (a *Authority) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(PathHealth, a.health)
	mux.Handle(PathServerSecret, a.endpoint(http.MethodPost, a.serverSecret))
	mux.Handle(PathClientSecret, a.endpoint(http.MethodPost, a.clientSecret))
	mux.Handle(PathTimePermits, a.endpoint(http.MethodPost, a.timePermits))
	mux.Handle(PathRevoke, a.endpoint(http.MethodPost, a.revoke))
	mux.Handle(PathStatus, a.endpoint(http.MethodGet, a.status))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		e := apiError(http.StatusNotFound, NameNotFound, "no endpoint %s", truncate(r.URL.Path, 64))
		a.logRequest(r, "", e, time.Now())
		writeError(w, e)
	})
	return mux
}

// Serve serves the API on ln until ctx is done, then shuts down
// gracefully: it stops accepting, lets requests in flight finish (at most
// ShutdownTimeout), and returns. It closes ln. It does not close the
// Store.
func (a *Authority) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       a.cfg.RequestTimeout,
		WriteTimeout:      a.cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("dta: serving", "addr", ln.Addr().String(), "suite", a.Suite())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		_ = srv.Close()
	}
	<-errc
	a.log.Info("dta: stopped")
	return err
}

// handlerFunc is the body of one endpoint: it gets the authenticated
// application and the raw body, and returns the response value or an
// error.
type handlerFunc func(ctx context.Context, app string, body []byte) (any, *Error)

// endpoint wraps an endpoint with the method check, the size limit, the
// timeout, the concurrency limit, authentication and the log line.
func (a *Authority) endpoint(method string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		app, resp, e := a.serve(r, method, h)
		if e != nil {
			writeError(w, e)
		} else {
			writeJSON(w, http.StatusOK, resp)
		}
		a.logRequest(r, app, e, start)
	})
}

func (a *Authority) serve(r *http.Request, method string, h handlerFunc) (string, any, *Error) {
	if r.Method != method {
		return "", nil, apiError(http.StatusMethodNotAllowed, NameMethodNotAllowed, "use %s", method)
	}
	ctx, cancel := context.WithTimeout(r.Context(), a.cfg.RequestTimeout)
	defer cancel()
	body, e := readBody(r, a.cfg.MaxBodyBytes)
	if e != nil {
		return "", nil, e
	}
	app, e := authenticate(a.apps, r, body, a.cfg.Now(), a.cfg.MaxAuthValidity)
	if e != nil {
		return "", nil, e
	}
	select {
	case a.slots <- struct{}{}:
		defer func() { <-a.slots }()
	case <-ctx.Done():
		return app, nil, apiError(http.StatusServiceUnavailable, NameUnavailable, "no free slot within the request timeout")
	}
	resp, e := h(ctx, app, body)
	if e == nil && ctx.Err() != nil {
		e = apiError(http.StatusServiceUnavailable, NameTimeout, "request took longer than %v", a.cfg.RequestTimeout)
	}
	return app, resp, e
}

func (a *Authority) logRequest(r *http.Request, app string, e *Error, start time.Time) {
	attrs := []any{"method", r.Method, "path", truncate(r.URL.Path, 64), "remote", r.RemoteAddr,
		"app", app, "ms", time.Since(start).Milliseconds()}
	if e != nil {
		attrs = append(attrs, "status", e.Status, "error", e.Name, "msg", e.Message)
		a.log.Warn("dta: request refused", attrs...)
		return
	}
	a.log.Info("dta: request", append(attrs, "status", http.StatusOK)...)
}

func (a *Authority) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, apiError(http.StatusMethodNotAllowed, NameMethodNotAllowed, "use GET"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "authority": a.Name(), "suite": a.Suite()})
}

// readBody reads the whole body, at most limit bytes.
func readBody(r *http.Request, limit int64) ([]byte, *Error) {
	if r.ContentLength > limit {
		return nil, apiError(http.StatusRequestEntityTooLarge, NameTooLarge, "body over %d bytes", limit)
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "reading the body: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, apiError(http.StatusRequestEntityTooLarge, NameTooLarge, "body over %d bytes", limit)
	}
	return b, nil
}

// decodeJSON decodes exactly one JSON object into v, refusing unknown
// fields and trailing data.
func decodeJSON(body []byte, v any) *Error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apiError(http.StatusBadRequest, NameMalformed, "JSON: %v", err)
	}
	if dec.More() {
		return apiError(http.StatusBadRequest, NameMalformed, "JSON: data after the object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return apiError(http.StatusBadRequest, NameMalformed, "JSON: data after the object")
	}
	return nil
}

// decodeHex decodes a hex field; a string that is not hex is MALFORMED.
func decodeHex(field, s string) ([]byte, *Error) {
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "%s: not hex", field)
	}
	return b, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"INTERNAL","message":"encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, e *Error) {
	writeJSON(w, e.Status, ErrorBody{Error: e.Name, Message: e.Message})
}

// checkSuite refuses a request for another suite (REQ-MPIN-14.11), before
// any value is decoded.
func (a *Authority) checkSuite(s string) *Error {
	if s != a.Suite() {
		return apiError(http.StatusBadRequest, "UNSUPPORTED", "suite %q: this authority serves %s", truncate(s, 64), a.Suite())
	}
	return nil
}

// hashedID decodes and checks a hashed identity (REQ-MPIN-3.6).
func (a *Authority) hashedID(s string) ([]byte, *Error) {
	hid, e := decodeHex("hashed_id", s)
	if e != nil {
		return nil, e
	}
	// PermitPoint for day 1 runs exactly the checks of REQ-MPIN-3.6 (and
	// maps the identity); its result is not used.
	if _, err := a.p.PermitPoint(hid, 1); err != nil {
		return nil, mpinError(err, "hashed_id")
	}
	return hid, nil
}

func fingerprint(shares ...[]byte) []byte {
	h := sha256.New()
	for _, s := range shares {
		h.Write(s)
	}
	return h.Sum(nil)
}

func (a *Authority) record(ctx context.Context, e Entry) *Error {
	e.Time = a.cfg.Now().UTC()
	if _, err := a.store.Append(ctx, e); err != nil {
		a.log.Error("dta: issuance log", "err", err)
		return apiError(http.StatusInternalServerError, NameInternal, "issuance log unavailable")
	}
	return nil
}

func (a *Authority) serverSecret(ctx context.Context, app string, body []byte) (any, *Error) {
	var req ServerSecretRequest
	if e := decodeJSON(body, &req); e != nil {
		return nil, e
	}
	if e := a.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	share, err := a.p.ServerSecretShare(a.share)
	if err != nil {
		return nil, mpinError(err, "server-secret share")
	}
	if e := a.record(ctx, Entry{App: app, Kind: KindServerSecret, Fingerprint: fingerprint(share)}); e != nil {
		return nil, e
	}
	return ServerSecretResponse{Suite: a.Suite(), Authority: a.Name(), Share: hex.EncodeToString(share)}, nil
}

func (a *Authority) clientSecret(ctx context.Context, app string, body []byte) (any, *Error) {
	var req ClientSecretRequest
	if e := decodeJSON(body, &req); e != nil {
		return nil, e
	}
	if e := a.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	hid, e := decodeHex("hashed_id", req.HashedID)
	if e != nil {
		return nil, e
	}
	share, err := a.p.ClientSecretShare(a.share, hid)
	if err != nil {
		return nil, mpinError(err, "hashed_id")
	}
	if e := a.record(ctx, Entry{App: app, Kind: KindClientSecret, HashedID: hid, Fingerprint: fingerprint(share)}); e != nil {
		return nil, e
	}
	return ClientSecretResponse{Suite: a.Suite(), Authority: a.Name(), Share: hex.EncodeToString(share)}, nil
}

func (a *Authority) timePermits(ctx context.Context, app string, body []byte) (any, *Error) {
	var req TimePermitsRequest
	if e := decodeJSON(body, &req); e != nil {
		return nil, e
	}
	if e := a.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	const maxDay = 1<<31 - 1
	if req.FirstDay < 1 || req.LastDay > maxDay || req.FirstDay > req.LastDay {
		return nil, apiError(http.StatusBadRequest, "INVALID_ARGUMENT", "days %d to %d: want 1 <= first_day <= last_day <= 2^31-1", req.FirstDay, req.LastDay)
	}
	if req.LastDay-req.FirstDay >= maxPermitDaysPerRequest {
		return nil, apiError(http.StatusBadRequest, "INVALID_ARGUMENT", "at most %d days per request", maxPermitDaysPerRequest)
	}
	hid, e := a.hashedID(req.HashedID)
	if e != nil {
		return nil, e
	}
	today := int(a.cfg.Now().Unix() / secondsPerDay)
	if req.FirstDay < today || req.LastDay > today+a.cfg.PermitDaysAhead {
		return nil, apiError(http.StatusBadRequest, "WRONG_DAY", "days %d to %d: this authority issues permits for days %d to %d",
			req.FirstDay, req.LastDay, today, today+a.cfg.PermitDaysAhead)
	}
	revoked, err := a.store.Revoked(ctx, hid)
	if err != nil {
		a.log.Error("dta: revocation list", "err", err)
		return nil, apiError(http.StatusInternalServerError, NameInternal, "revocation list unavailable")
	}
	if revoked {
		return nil, apiError(http.StatusForbidden, NameRevoked, "the identity is revoked")
	}
	resp := TimePermitsResponse{Suite: a.Suite(), Authority: a.Name()}
	var all [][]byte
	for d := req.FirstDay; d <= req.LastDay; d++ {
		share, err := a.p.TimePermitShare(a.share, hid, d)
		if err != nil {
			return nil, mpinError(err, "time permit")
		}
		all = append(all, share)
		resp.Shares = append(resp.Shares, PermitShare{Day: d, Share: hex.EncodeToString(share)})
	}
	e = a.record(ctx, Entry{App: app, Kind: KindTimePermits, HashedID: hid,
		FirstDay: req.FirstDay, LastDay: req.LastDay, Fingerprint: fingerprint(all...)})
	if e != nil {
		return nil, e
	}
	return resp, nil
}

func (a *Authority) revoke(ctx context.Context, app string, body []byte) (any, *Error) {
	var req RevokeRequest
	if e := decodeJSON(body, &req); e != nil {
		return nil, e
	}
	if e := a.checkSuite(req.Suite); e != nil {
		return nil, e
	}
	hid, e := a.hashedID(req.HashedID)
	if e != nil {
		return nil, e
	}
	if _, err := a.store.Revoke(ctx, Entry{Time: a.cfg.Now().UTC(), App: app, HashedID: hid}); err != nil {
		a.log.Error("dta: revocation list", "err", err)
		return nil, apiError(http.StatusInternalServerError, NameInternal, "revocation list unavailable")
	}
	return RevokeResponse{Suite: a.Suite(), Authority: a.Name(), Revoked: true}, nil
}

func (a *Authority) status(ctx context.Context, app string, body []byte) (any, *Error) {
	if len(body) != 0 {
		return nil, apiError(http.StatusBadRequest, NameMalformed, "GET with a body")
	}
	st, err := a.store.Stats(ctx)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, apiError(http.StatusServiceUnavailable, NameTimeout, "store too slow")
		}
		return nil, apiError(http.StatusInternalServerError, NameInternal, "store unavailable")
	}
	now := a.cfg.Now().UTC()
	return StatusResponse{Authority: a.Name(), Suite: a.Suite(), Started: a.started.UTC(), Now: now,
		Day: now.Unix() / secondsPerDay, Log: st}, nil
}
