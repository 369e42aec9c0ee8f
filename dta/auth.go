package dta

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Request authentication. A registration server (an "application") shares
// a secret key with each authority and signs every request with
//
//	Authorization: MPIN-HMAC-SHA256 app=<app id>,expires=<unix seconds>,mac=<64 hex digits>
//
// where mac is HMAC-SHA256 under the application's key over the string
//
//	"MPIN-HMAC-SHA256" LF method LF path LF expires LF hex(SHA-256(body))
//
// (LF a single 0x0A byte, method upper case as sent, path the request path
// without query exactly as sent, expires the decimal of the header, the
// body hash in lower-case hex; a GET has an empty body). An authority
// accepts a request only if the app is known, the MAC matches (compared in
// constant time) and now <= expires <= now + MaxAuthValidity. spec/interop.md
// restates this for other implementations.

// AuthScheme is the scheme word of the Authorization header.
const AuthScheme = "MPIN-HMAC-SHA256"

// MinAppKeySize is the shortest application key an authority accepts.
const MinAppKeySize = 32

// maxAppIDLen bounds application IDs.
const maxAppIDLen = 64

// Signer signs requests to authorities for one application.
type Signer struct {
	// App is the application ID the authority knows the key under.
	App string
	// Key is the application's secret key (at least MinAppKeySize bytes).
	Key []byte
}

// Authorization returns the Authorization header value for a request with
// the given method, path and body that expires at the given time.
func (s Signer) Authorization(method, path string, body []byte, expires time.Time) string {
	exp := expires.Unix()
	mac := authMAC(s.Key, method, path, exp, body)
	return fmt.Sprintf("%s app=%s,expires=%d,mac=%s", AuthScheme, s.App, exp, hex.EncodeToString(mac))
}

// authMAC computes the request MAC.
func authMAC(key []byte, method, path string, expires int64, body []byte) []byte {
	bh := sha256.Sum256(body)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(AuthScheme + "\n" + method + "\n" + path + "\n" + strconv.FormatInt(expires, 10) + "\n"))
	m.Write([]byte(hex.EncodeToString(bh[:])))
	return m.Sum(nil)
}

// authHeader is a parsed Authorization header.
type authHeader struct {
	app     string
	expires int64
	mac     []byte
}

// parseAuthorization parses an Authorization header value. The three
// parameters must each appear once, in any order, separated by commas
// (spaces around them are ignored).
func parseAuthorization(v string) (*authHeader, error) {
	scheme, rest, ok := strings.Cut(v, " ")
	if !ok || scheme != AuthScheme {
		return nil, fmt.Errorf("not an %s authorization", AuthScheme)
	}
	var h authHeader
	seen := map[string]bool{}
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || seen[k] {
			return nil, fmt.Errorf("malformed parameter %q", truncate(part, 32))
		}
		seen[k] = true
		switch k {
		case "app":
			if !validAppID(val) {
				return nil, fmt.Errorf("malformed app ID")
			}
			h.app = val
		case "expires":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("malformed expiry")
			}
			h.expires = n
		case "mac":
			b, err := hex.DecodeString(val)
			if err != nil || len(b) != sha256.Size {
				return nil, fmt.Errorf("malformed MAC")
			}
			h.mac = b
		default:
			return nil, fmt.Errorf("unknown parameter %q", truncate(k, 32))
		}
	}
	if !seen["app"] || !seen["expires"] || !seen["mac"] {
		return nil, fmt.Errorf("missing parameter")
	}
	return &h, nil
}

// validAppID reports whether s is 1 to 64 characters of [A-Za-z0-9._-].
func validAppID(s string) bool {
	if len(s) == 0 || len(s) > maxAppIDLen {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// authenticate checks a request's Authorization against the application
// keys at time now. It returns the application ID, or an *Error named
// UNAUTHORIZED or AUTH_EXPIRED.
func authenticate(apps map[string][]byte, r *http.Request, body []byte, now time.Time, maxValidity time.Duration) (string, *Error) {
	v := r.Header.Values("Authorization")
	if len(v) != 1 {
		return "", apiError(http.StatusUnauthorized, NameUnauthorized, "want exactly one Authorization header")
	}
	h, err := parseAuthorization(v[0])
	if err != nil {
		return "", apiError(http.StatusUnauthorized, NameUnauthorized, "Authorization: %v", err)
	}
	key, ok := apps[h.app]
	if !ok {
		return "", apiError(http.StatusUnauthorized, NameUnauthorized, "unknown application %q", h.app)
	}
	want := authMAC(key, r.Method, r.URL.EscapedPath(), h.expires, body)
	if !hmac.Equal(want, h.mac) {
		return "", apiError(http.StatusUnauthorized, NameUnauthorized, "MAC does not verify")
	}
	t := now.Unix()
	if h.expires < t {
		return "", apiError(http.StatusUnauthorized, NameAuthExpired, "authorization expired %d s ago", t-h.expires)
	}
	if h.expires > t+int64(maxValidity/time.Second) {
		return "", apiError(http.StatusUnauthorized, NameUnauthorized, "expiry more than %v ahead", maxValidity)
	}
	return h.app, nil
}
