package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/mpinkit/mpinkit/dta"
	"github.com/mpinkit/mpinkit/reference/mpin"
)

// LocalApp is the application ID of the server at the authorities that
// StartLocalAuthorities starts.
const LocalApp = "interop"

// LocalAuthorities are in-process authorities started by
// StartLocalAuthorities.
type LocalAuthorities struct {
	// Configs are ready for Config.Authorities.
	Configs []AuthorityConfig
	wg      sync.WaitGroup
	mu      sync.Mutex
	errs    []error
}

// Wait blocks until every authority has stopped (after the context given
// to StartLocalAuthorities is done) and returns their errors.
func (l *LocalAuthorities) Wait() error {
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.errs...)
}

// StartLocalAuthorities starts n independent authorities of suite in this
// process, each on its own 127.0.0.1 port with a fresh random master
// share, an in-memory issuance log and its own random key for LocalApp.
// They serve until ctx is done. This is the embedded set-up of `mpin
// interop serve` and of the demo: nothing to configure, nothing kept.
func StartLocalAuthorities(ctx context.Context, suite string, n int, logger *slog.Logger) (*LocalAuthorities, error) {
	p, err := mpin.Lookup(suite)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if n < 1 || n > 16 {
		return nil, fmt.Errorf("%w: %d authorities, want 1 to 16", ErrConfig, n)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	type started struct {
		a  *dta.Authority
		ln net.Listener
	}
	var all []started
	l := &LocalAuthorities{}
	for i := 1; i <= n; i++ {
		share, err := p.GenerateMasterShare(rand.Reader)
		if err == nil {
			var key []byte
			if key, err = dta.NewAppKey(); err == nil {
				var a *dta.Authority
				a, err = dta.New(dta.Config{
					Share:  dta.MasterShare{Suite: suite, Authority: fmt.Sprintf("dta-%d", i), Share: share},
					Apps:   map[string][]byte{LocalApp: key},
					Logger: logger,
				})
				clear(share)
				if err == nil {
					var ln net.Listener
					if ln, err = net.Listen("tcp", "127.0.0.1:0"); err == nil {
						all = append(all, started{a, ln})
						l.Configs = append(l.Configs, AuthorityConfig{
							Name: a.Name(), URL: "http://" + ln.Addr().String(), App: LocalApp, Key: key,
						})
					}
				}
			}
		}
		if err != nil {
			for _, s := range all {
				_ = s.ln.Close()
			}
			return nil, fmt.Errorf("server: local authority %d: %w", i, err)
		}
	}
	for _, s := range all {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			if err := s.a.Serve(ctx, s.ln); err != nil {
				l.mu.Lock()
				l.errs = append(l.errs, err)
				l.mu.Unlock()
			}
		}()
	}
	return l, nil
}
