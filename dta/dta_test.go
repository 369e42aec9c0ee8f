package dta

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// testKDF keeps scrypt cheap in tests.
var testKDF = KDFParams{Log2N: 10, R: 8, P: 1}

// fixedNow is a test clock: 2025-06-01T12:00:00Z.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

const testApp = "regserver"

var testKey = bytes.Repeat([]byte{0x42}, 32)

func testShare(t testing.TB, suite, name string, seed byte) MasterShare {
	t.Helper()
	p, err := mpin.Lookup(suite)
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.MasterShareFromSeed(bytes.Repeat([]byte{seed}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return MasterShare{Suite: suite, Authority: name, Share: s}
}

type fixture struct {
	a      *Authority
	srv    *httptest.Server
	client *Client
	store  Store
	p      *mpin.Profile
}

func newFixture(t testing.TB, suite string, seed byte, store Store) *fixture {
	t.Helper()
	if store == nil {
		store = NewMemoryStore()
	}
	a, err := New(Config{
		Share: testShare(t, suite, fmt.Sprintf("dta-%d", seed), seed),
		Apps:  map[string][]byte{testApp: testKey},
		Store: store,
		Now:   func() time.Time { return fixedNow },
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	p, _ := mpin.Lookup(suite)
	return &fixture{
		a: a, srv: srv, store: store, p: p,
		client: &Client{BaseURL: srv.URL, Signer: Signer{App: testApp, Key: testKey}, Now: func() time.Time { return fixedNow }},
	}
}

func today() int { return int(fixedNow.Unix() / 86400) }

func TestShareFileRoundTrip(t *testing.T) {
	ms := testShare(t, mpin.BLS12381Modern, "dta-1", 1)
	pass := []byte("correct horse battery")
	data, err := SealShare(ms, pass, testKDF, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(hex.EncodeToString(ms.Share))) {
		t.Fatal("the file holds the share in the clear")
	}
	got, err := OpenShare(data, pass)
	if err != nil {
		t.Fatal(err)
	}
	if got.Suite != ms.Suite || got.Authority != ms.Authority || !bytes.Equal(got.Share, ms.Share) {
		t.Fatalf("round trip: got %v", got)
	}
	if _, err := OpenShare(data, []byte("wrong passphrase")); !errors.Is(err, ErrPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	// Every header field is bound by the AAD.
	for _, edit := range []struct{ from, to string }{
		{`"authority": "dta-1"`, `"authority": "dta-2"`},
		{`"suite": "MPIN-BLS12381-SHA256-MODERN"`, `"suite": "MPIN-BLS12381-SHA256-MILAGRO"`},
		{`"scrypt_r": 8`, `"scrypt_r": 9`},
	} {
		bad := bytes.Replace(data, []byte(edit.from), []byte(edit.to), 1)
		if bytes.Equal(bad, data) {
			t.Fatalf("edit %q did not apply", edit.from)
		}
		if _, err := OpenShare(bad, pass); !errors.Is(err, ErrPassphrase) {
			t.Errorf("edited %s: %v", edit.from, err)
		}
	}
	v2 := bytes.Replace(data, []byte(`"version": 1`), []byte(`"version": 2`), 1)
	if _, err := OpenShare(v2, pass); !errors.Is(err, ErrShareFile) {
		t.Errorf("version 2: %v", err)
	}
	if _, err := OpenShare([]byte("{}"), pass); !errors.Is(err, ErrShareFile) {
		t.Errorf("empty object: %v", err)
	}
	if _, err := SealShare(ms, []byte("short"), testKDF, nil); !errors.Is(err, ErrConfig) {
		t.Errorf("short passphrase: %v", err)
	}
	if s := fmt.Sprint(ms); strings.Contains(s, hex.EncodeToString(ms.Share)) || !strings.Contains(s, "redacted") {
		t.Errorf("MasterShare prints its share: %s", s)
	}
}

func TestInitShareFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "share.json")
	ms := testShare(t, mpin.BN254CXMilagro, "dta-7", 7)
	pass := []byte("passphrase-7")
	if err := InitShareFile(path, ms, pass, testKDF); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := InitShareFile(path, ms, pass, testKDF); !errors.Is(err, ErrExists) {
		t.Errorf("second init: %v", err)
	}
	got, err := ReadShareFile(path, pass)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Share, ms.Share) {
		t.Fatal("share changed")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestApps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "apps.json")
	k, err := NewAppKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteApps(path, map[string][]byte{"interop": k}); err != nil {
		t.Fatal(err)
	}
	apps, err := ReadApps(path)
	if err != nil || !bytes.Equal(apps["interop"], k) {
		t.Fatalf("ReadApps = %v, %v", apps, err)
	}
	for _, bad := range []string{`{}`, `{"apps":{"x":"00"}}`, `{"apps":{"bad id":"` + strings.Repeat("00", 32) + `"}}`, `{"apps":{},"extra":1}`} {
		if _, err := ParseApps([]byte(bad)); !errors.Is(err, ErrConfig) {
			t.Errorf("ParseApps(%s) = %v", bad, err)
		}
	}
}

// TestIssuanceAndRecombination runs three authorities, recombines their
// shares and checks the result with the reference client and server.
func TestIssuanceAndRecombination(t *testing.T) {
	ctx := context.Background()
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		t.Run(suite, func(t *testing.T) {
			p, _ := mpin.Lookup(suite)
			var fx []*fixture
			for i := byte(1); i <= 3; i++ {
				fx = append(fx, newFixture(t, suite, i, nil))
			}
			id := []byte("alice@example.org")
			hid, err := p.HashID(id)
			if err != nil {
				t.Fatal(err)
			}
			var ss, cs [][]byte
			perm := map[int][][]byte{}
			for _, f := range fx {
				s, err := f.client.ServerSecretShare(ctx, suite)
				if err != nil {
					t.Fatal(err)
				}
				ss = append(ss, s)
				c, err := f.client.ClientSecretShare(ctx, suite, hid)
				if err != nil {
					t.Fatal(err)
				}
				cs = append(cs, c)
				tp, err := f.client.TimePermitShares(ctx, suite, hid, today(), today()+1)
				if err != nil {
					t.Fatal(err)
				}
				if len(tp) != 2 {
					t.Fatalf("got %d permit shares", len(tp))
				}
				for d, s := range tp {
					perm[d] = append(perm[d], s)
				}
			}
			sq, err := p.RecombineG2(ss...)
			if err != nil {
				t.Fatal(err)
			}
			secret, err := p.RecombineG1(cs...)
			if err != nil {
				t.Fatal(err)
			}
			permit, err := p.RecombineG1(perm[today()]...)
			if err != nil {
				t.Fatal(err)
			}
			token, err := p.ExtractPIN(secret, id, 1234)
			if err != nil {
				t.Fatal(err)
			}
			cl, err := p.NewClient(id, token)
			if err != nil {
				t.Fatal(err)
			}
			sv, err := p.NewServer(sq, mpin.ServerConfig{TimePermits: true})
			if err != nil {
				t.Fatal(err)
			}
			now := fixedNow.Unix()
			for _, pin := range []int{1234, 1235} {
				sess, err := cl.Pass1(rand.Reader, pin, &mpin.TimePermit{Day: today(), Point: permit})
				if err != nil {
					t.Fatal(err)
				}
				y, err := sv.Challenge(rand.Reader)
				if err != nil {
					t.Fatal(err)
				}
				v, err := sess.Pass2(y)
				if err != nil {
					t.Fatal(err)
				}
				err = sv.Verify(now, sess.Message(), y, v)
				if pin == 1234 && err != nil {
					t.Fatalf("right PIN: %v", err)
				}
				var wp *mpin.WrongPINError
				if pin == 1235 && (!errors.As(err, &wp) || wp.Delta != 1) {
					t.Fatalf("wrong PIN: %v", err)
				}
			}
			st, err := fx[0].client.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Log.Total != 3 || st.Log.Entries[KindClientSecret] != 1 || st.Suite != suite {
				t.Errorf("status %+v", st)
			}
		})
	}
}

func TestRevocation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, mpin.BN254CXModern, 1, nil)
	hid, _ := f.p.HashID([]byte("mallory"))
	if _, err := f.client.TimePermitShares(ctx, f.p.Name(), hid, today(), today()); err != nil {
		t.Fatal(err)
	}
	if err := f.client.Revoke(ctx, f.p.Name(), hid); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.TimePermitShares(ctx, f.p.Name(), hid, today(), today()); !errors.Is(err, ErrRevoked) {
		t.Fatalf("permits after revocation: %v", err)
	}
	st, _ := f.client.Status(ctx)
	if st.Log.Revoked != 1 || st.Log.Entries[KindRevoke] != 1 {
		t.Errorf("status %+v", st.Log)
	}
}

// rawCall sends a request with the given authorization and body.
func rawCall(t *testing.T, url, method, path, auth string, body []byte) (int, ErrorBody) {
	t.Helper()
	req, err := http.NewRequest(method, url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eb ErrorBody
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		if err := json.Unmarshal(b, &eb); err != nil {
			t.Fatalf("error body %q: %v", b, err)
		}
	}
	return resp.StatusCode, eb
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t, mpin.BN254CXMilagro, 1, nil)
	body := []byte(`{"suite":"MPIN-BN254CX-SHA256-MILAGRO"}`)
	s := Signer{App: testApp, Key: testKey}
	good := s.Authorization("POST", PathServerSecret, body, fixedNow.Add(time.Minute))
	if code, eb := rawCall(t, f.srv.URL, "POST", PathServerSecret, good, body); code != 200 {
		t.Fatalf("good request: %d %+v", code, eb)
	}
	flip := []byte(good)
	flip[len(flip)-1] ^= 1
	if flip[len(flip)-1] == ':' || flip[len(flip)-1] > 'f' {
		flip[len(flip)-1] = '0'
	}
	other := Signer{App: testApp, Key: bytes.Repeat([]byte{1}, 32)}
	cases := []struct {
		name, auth, path string
		body             []byte
		want             string
	}{
		{"none", "", PathServerSecret, body, NameUnauthorized},
		{"scheme", "Bearer x", PathServerSecret, body, NameUnauthorized},
		{"forged mac", string(flip), PathServerSecret, body, NameUnauthorized},
		{"other key", other.Authorization("POST", PathServerSecret, body, fixedNow.Add(time.Minute)), PathServerSecret, body, NameUnauthorized},
		{"unknown app", Signer{App: "nobody", Key: testKey}.Authorization("POST", PathServerSecret, body, fixedNow.Add(time.Minute)), PathServerSecret, body, NameUnauthorized},
		{"body changed", good, PathServerSecret, []byte(`{"suite":"MPIN-BN254CX-SHA256-MILAGRO" }`), NameUnauthorized},
		{"path changed", good, PathClientSecret, body, NameUnauthorized},
		{"expired", s.Authorization("POST", PathServerSecret, body, fixedNow.Add(-time.Second)), PathServerSecret, body, NameAuthExpired},
		{"too far ahead", s.Authorization("POST", PathServerSecret, body, fixedNow.Add(time.Hour)), PathServerSecret, body, NameUnauthorized},
		{"duplicate parameter", good + ",app=" + testApp, PathServerSecret, body, NameUnauthorized},
		{"missing mac", AuthScheme + " app=" + testApp + ",expires=1", PathServerSecret, body, NameUnauthorized},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, eb := rawCall(t, f.srv.URL, "POST", c.path, c.auth, c.body)
			if code != http.StatusUnauthorized || eb.Error != c.want {
				t.Errorf("got %d %+v, want 401 %s", code, eb, c.want)
			}
		})
	}
	st, _ := f.store.Stats(context.Background())
	if st.Total != 1 {
		t.Errorf("refused requests were logged as issuances: %+v", st)
	}
}

func TestBadRequests(t *testing.T) {
	for _, suite := range []string{mpin.BN254CXMilagro, mpin.BLS12381Modern} {
		t.Run(suite, func(t *testing.T) {
			f := newFixture(t, suite, 1, nil)
			s := Signer{App: testApp, Key: testKey}
			hid, _ := f.p.HashID([]byte("bob"))
			hidHex := hex.EncodeToString(hid)
			offCurve := make([]byte, f.p.G1Size())
			offCurve[0] = 4
			offCurve[len(offCurve)-1] = 1
			cases := []struct {
				name, method, path, body string
				status                   int
				want                     string
			}{
				{"malformed", "POST", PathClientSecret, `{"suite":`, 400, NameMalformed},
				{"unknown field", "POST", PathClientSecret, `{"suite":"` + suite + `","hashed_id":"` + hidHex + `","x":1}`, 400, NameMalformed},
				{"trailing data", "POST", PathClientSecret, `{"suite":"` + suite + `","hashed_id":"` + hidHex + `"} {}`, 400, NameMalformed},
				{"wrong type", "POST", PathTimePermits, `{"suite":"` + suite + `","hashed_id":"` + hidHex + `","first_day":"x"}`, 400, NameMalformed},
				{"not hex", "POST", PathClientSecret, `{"suite":"` + suite + `","hashed_id":"zz"}`, 400, NameMalformed},
				{"other suite", "POST", PathClientSecret, `{"suite":"MPIN-X","hashed_id":"` + hidHex + `"}`, 400, "UNSUPPORTED"},
				{"short hashed id", "POST", PathClientSecret, `{"suite":"` + suite + `","hashed_id":"0011"}`, 400, "NON_CANONICAL"},
				{"permit yesterday", "POST", PathTimePermits, fmt.Sprintf(`{"suite":"%s","hashed_id":"%s","first_day":%d,"last_day":%d}`, suite, hidHex, today()-1, today()), 400, "WRONG_DAY"},
				{"permit in two days", "POST", PathTimePermits, fmt.Sprintf(`{"suite":"%s","hashed_id":"%s","first_day":%d,"last_day":%d}`, suite, hidHex, today(), today()+2), 400, "WRONG_DAY"},
				{"permit day 0", "POST", PathTimePermits, fmt.Sprintf(`{"suite":"%s","hashed_id":"%s","first_day":0,"last_day":%d}`, suite, hidHex, today()), 400, "INVALID_ARGUMENT"},
				{"permit reversed", "POST", PathTimePermits, fmt.Sprintf(`{"suite":"%s","hashed_id":"%s","first_day":%d,"last_day":%d}`, suite, hidHex, today()+1, today()), 400, "INVALID_ARGUMENT"},
				{"too large", "POST", PathClientSecret, `{"suite":"` + strings.Repeat("x", 9000) + `"}`, 413, NameTooLarge},
				{"wrong method", "GET", PathClientSecret, ``, 405, NameMethodNotAllowed},
				{"status with body", "GET", PathStatus, `{}`, 400, NameMalformed},
				{"no such path", "POST", "/v1/master-share", `{}`, 404, NameNotFound},
			}
			if f.p.Modern() {
				cases = append(cases, struct {
					name, method, path, body string
					status                   int
					want                     string
				}{"off-curve hashed id", "POST", PathClientSecret, `{"suite":"` + suite + `","hashed_id":"` + hex.EncodeToString(offCurve) + `"}`, 400, "INVALID_POINT"})
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					auth := s.Authorization(c.method, c.path, []byte(c.body), fixedNow.Add(time.Minute))
					code, eb := rawCall(t, f.srv.URL, c.method, c.path, auth, []byte(c.body))
					if code != c.status || eb.Error != c.want {
						t.Errorf("got %d %+v, want %d %s", code, eb, c.status, c.want)
					}
					if eb.Message == "" {
						t.Error("no message")
					}
				})
			}
		})
	}
}

func TestBoltStoreReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "log.db")
	st, err := OpenBoltStore(path)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, mpin.BN254CXMilagro, 3, st)
	hid, _ := f.p.HashID([]byte("carol"))
	if _, err := f.client.ClientSecretShare(ctx, f.p.Name(), hid); err != nil {
		t.Fatal(err)
	}
	if err := f.client.Revoke(ctx, f.p.Name(), hid); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBoltStore(path); err == nil {
		t.Fatal("a second open of a locked store succeeded")
	}
	f.srv.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := OpenBoltStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	var kinds []Kind
	err = st2.Entries(ctx, func(e Entry) error {
		kinds = append(kinds, e.Kind)
		if !bytes.Equal(e.HashedID, hid) || e.Seq != uint64(len(kinds)) {
			t.Errorf("entry %+v", e)
		}
		return nil
	})
	if err != nil || len(kinds) != 2 || kinds[0] != KindClientSecret || kinds[1] != KindRevoke {
		t.Fatalf("entries %v, %v", kinds, err)
	}
	if r, _ := st2.Revoked(ctx, hid); !r {
		t.Error("revocation lost")
	}
	stats, _ := st2.Stats(ctx)
	if stats.Total != 2 || stats.Revoked != 1 {
		t.Errorf("stats %+v", stats)
	}
}

// TestServeShutdown checks that Serve returns when its context ends, lets
// a request in flight finish, and leaves no goroutine behind.
func TestServeShutdown(t *testing.T) {
	before := runtime.NumGoroutine()
	a, err := New(Config{Share: testShare(t, mpin.BN254CXMilagro, "dta-1", 1), Apps: map[string][]byte{testApp: testKey}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	c := &Client{BaseURL: "http://" + ln.Addr().String(), Signer: Signer{App: testApp, Key: testKey},
		HTTP: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}
	if err := c.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ServerSecretShare(context.Background(), mpin.BN254CXMilagro); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if err := c.Health(context.Background()); err == nil {
		t.Error("still serving after shutdown")
	}
	checkGoroutines(t, before)
}

// checkGoroutines waits for the goroutine count to fall back to before.
func checkGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, %d before:\n%s", n, before, buf)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConfigErrors(t *testing.T) {
	ms := testShare(t, mpin.BN254CXMilagro, "dta-1", 1)
	for _, c := range []Config{
		{Share: ms},
		{Share: ms, Apps: map[string][]byte{"a": []byte("short")}},
		{Share: ms, Apps: map[string][]byte{"a b": testKey}},
		{Share: MasterShare{Suite: "nope", Authority: "x", Share: ms.Share}, Apps: map[string][]byte{"a": testKey}},
		{Share: MasterShare{Suite: ms.Suite, Authority: "x", Share: make([]byte, 32)}, Apps: map[string][]byte{"a": testKey}},
		{Share: ms, Apps: map[string][]byte{"a": testKey}, RequestTimeout: -1},
	} {
		if _, err := New(c); !errors.Is(err, ErrConfig) {
			t.Errorf("New(%+v) = %v", c.Apps, err)
		}
	}
}

// FuzzHandler sends arbitrary bodies, with valid and invalid
// authorizations, to every endpoint: the answer is always a JSON object,
// and an error always has a name.
func FuzzHandler(f *testing.F) {
	fx := newFixture(f, mpin.BLS12381Milagro, 1, nil)
	h := fx.a.Handler()
	hid, _ := fx.p.HashID([]byte("fuzz"))
	f.Add(uint8(0), true, []byte(`{"suite":"MPIN-BLS12381-SHA256-MILAGRO"}`))
	f.Add(uint8(1), true, []byte(`{"suite":"MPIN-BLS12381-SHA256-MILAGRO","hashed_id":"`+hex.EncodeToString(hid)+`"}`))
	f.Add(uint8(2), true, []byte(fmt.Sprintf(`{"suite":"MPIN-BLS12381-SHA256-MILAGRO","hashed_id":"%x","first_day":%d,"last_day":%d}`, hid, today(), today())))
	f.Add(uint8(3), false, []byte(`{"suite":1}`))
	f.Add(uint8(4), true, []byte(``))
	paths := []string{PathServerSecret, PathClientSecret, PathTimePermits, PathRevoke, PathStatus, PathHealth, "/x"}
	s := Signer{App: testApp, Key: testKey}
	f.Fuzz(func(t *testing.T, which uint8, sign bool, body []byte) {
		path := paths[int(which)%len(paths)]
		method := "POST"
		if path == PathStatus || path == PathHealth {
			method = "GET"
		}
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		if sign {
			req.Header.Set("Authorization", s.Authorization(method, path, body, fixedNow.Add(time.Minute)))
		} else {
			req.Header.Set("Authorization", string(body))
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		var m map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
			t.Fatalf("%s: answer %q is not JSON", path, w.Body.Bytes())
		}
		if w.Code != 200 {
			if name, _ := m["error"].(string); name == "" || name == NameInternal {
				t.Fatalf("%s: error %d %v", path, w.Code, m)
			}
		}
	})
}

// TestAuthorizationKnownAnswer pins the request MAC of spec/interop.md
// section 2.2, computed independently with Python's hashlib and hmac.
func TestAuthorizationKnownAnswer(t *testing.T) {
	s := Signer{App: "interop", Key: bytes.Repeat([]byte{0x42}, 32)}
	got := s.Authorization("POST", "/v1/server-secret", []byte(`{"suite":"MPIN-BN254CX-SHA256-MILAGRO"}`), time.Unix(1748779260, 0))
	want := "MPIN-HMAC-SHA256 app=interop,expires=1748779260,mac=65c5eee47f02c65707aa1637f5ef2e8955ea1e79e1d0f05fe5d856c6dee69b5f"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
