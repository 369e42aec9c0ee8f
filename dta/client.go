package dta

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// DefaultAuthValidity is how long a Client's signatures stay valid.
const DefaultAuthValidity = time.Minute

// maxResponseBytes bounds what a client reads from an authority.
const maxResponseBytes = 256 << 10

// SignedRequest is a complete, signed request to an authority, ready to be
// sent by anyone: a registration server hands these to its clients so
// that they fetch their client-secret and permit shares from each
// authority directly, and the registration server never sees the shares.
// Sending it means: Method to URL with Body (exactly these bytes) and the
// header "Authorization: " + Authorization.
type SignedRequest struct {
	Method        string `json:"method"`        // HTTP method, "POST" or "GET"
	URL           string `json:"url"`           // the authority's base URL followed by the path
	Body          string `json:"body"`          // the exact body to send (JSON text)
	Authorization string `json:"authorization"` // the Authorization header value
}

// Client calls one authority on behalf of one application. Its zero
// HTTP, Validity and Now fields take defaults; it is safe for concurrent
// use once set up.
type Client struct {
	// BaseURL is the authority's URL without a trailing slash, for
	// example "http://127.0.0.1:7001".
	BaseURL string
	// Signer holds the application ID and key.
	Signer Signer
	// HTTP is the client used; nil means one with a 15 s timeout.
	HTTP *http.Client
	// Validity is how long each signature stays valid; zero means
	// DefaultAuthValidity. It must not exceed the authority's
	// MaxAuthValidity.
	Validity time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

var defaultHTTP = &http.Client{Timeout: 15 * time.Second}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Presign builds a signed request for path with body v (nil for a GET).
func (c *Client) Presign(method, path string, v any) (*SignedRequest, error) {
	var body []byte
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	validity := c.Validity
	if validity <= 0 {
		validity = DefaultAuthValidity
	}
	return &SignedRequest{
		Method:        method,
		URL:           strings.TrimSuffix(c.BaseURL, "/") + path,
		Body:          string(body),
		Authorization: c.Signer.Authorization(method, path, body, c.now().Add(validity)),
	}, nil
}

// Do sends a signed request with hc (nil means a client with a 15 s
// timeout) and decodes the JSON answer into out. An error body becomes an
// *Error.
func Do(ctx context.Context, hc *http.Client, sr *SignedRequest, out any) error {
	if hc == nil {
		hc = defaultHTTP
	}
	var body io.Reader
	if sr.Body != "" {
		body = strings.NewReader(sr.Body)
	}
	req, err := http.NewRequestWithContext(ctx, sr.Method, sr.URL, body)
	if err != nil {
		return fmt.Errorf("dta: request: %w", err)
	}
	req.Header.Set("Authorization", sr.Authorization)
	if sr.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("dta: %s %s: %w", sr.Method, sr.URL, err)
	}
	defer resp.Body.Close()
	return readResponse(resp, out)
}

// readResponse decodes a response: out on 200, an *Error otherwise.
func readResponse(resp *http.Response, out any) error {
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("dta: reading the response: %w", err)
	}
	if len(b) > maxResponseBytes {
		return fmt.Errorf("dta: response over %d bytes", maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		var eb ErrorBody
		if err := json.Unmarshal(b, &eb); err != nil || eb.Error == "" {
			return &Error{Status: resp.StatusCode, Name: NameInternal, Message: fmt.Sprintf("HTTP %d without an error body", resp.StatusCode)}
		}
		return &Error{Status: resp.StatusCode, Name: eb.Error, Message: eb.Message}
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("dta: decoding the response: %w", err)
	}
	return nil
}

func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	sr, err := c.Presign(method, path, in)
	if err != nil {
		return err
	}
	return Do(ctx, c.httpClient(), sr, out)
}

func unhexShare(s string) ([]byte, error) {
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("dta: share is not hex")
	}
	return b, nil
}

// ServerSecretShare fetches the authority's server-secret share (encoded
// G2 point). The caller validates it (mpin.Profile.RecombineG2 does).
func (c *Client) ServerSecretShare(ctx context.Context, suite string) ([]byte, error) {
	var resp ServerSecretResponse
	if err := c.call(ctx, http.MethodPost, PathServerSecret, ServerSecretRequest{Suite: suite}, &resp); err != nil {
		return nil, err
	}
	return unhexShare(resp.Share)
}

// ClientSecretShare fetches the client-secret share of a hashed identity.
func (c *Client) ClientSecretShare(ctx context.Context, suite string, hashedID []byte) ([]byte, error) {
	var resp ClientSecretResponse
	req := ClientSecretRequest{Suite: suite, HashedID: hex.EncodeToString(hashedID)}
	if err := c.call(ctx, http.MethodPost, PathClientSecret, req, &resp); err != nil {
		return nil, err
	}
	return unhexShare(resp.Share)
}

// TimePermitShares fetches the permit shares of a hashed identity for the
// days first to last, as a map from day to encoded share.
func (c *Client) TimePermitShares(ctx context.Context, suite string, hashedID []byte, first, last int) (map[int][]byte, error) {
	var resp TimePermitsResponse
	req := TimePermitsRequest{Suite: suite, HashedID: hex.EncodeToString(hashedID), FirstDay: first, LastDay: last}
	if err := c.call(ctx, http.MethodPost, PathTimePermits, req, &resp); err != nil {
		return nil, err
	}
	out := make(map[int][]byte, len(resp.Shares))
	for _, s := range resp.Shares {
		b, err := unhexShare(s.Share)
		if err != nil {
			return nil, err
		}
		out[s.Day] = b
	}
	return out, nil
}

// Revoke revokes a hashed identity at the authority.
func (c *Client) Revoke(ctx context.Context, suite string, hashedID []byte) error {
	var resp RevokeResponse
	return c.call(ctx, http.MethodPost, PathRevoke, RevokeRequest{Suite: suite, HashedID: hex.EncodeToString(hashedID)}, &resp)
}

// Status fetches the authority's status.
func (c *Client) Status(ctx context.Context) (*StatusResponse, error) {
	var resp StatusResponse
	if err := c.call(ctx, http.MethodGet, PathStatus, nil, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// Health checks the authority's /healthz.
func (c *Client) Health(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(c.BaseURL, "/")+PathHealth, nil)
	if err != nil {
		return err
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return fmt.Errorf("dta: health: %w", err)
	}
	defer resp.Body.Close()
	var out map[string]string
	return readResponse(resp, &out)
}
