package client

import (
	"bytes"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// The credential file that `mpin client register` writes and `mpin client
// login` reads: a JSON object
//
//	{"format": "mpinkit-credential", "version": 1, "server": "<URL>",
//	 "suite": "<suite>", "id": "<hex>", "token": "<hex>",
//	 "time_permits": false, "permits": {"<day>": "<hex>", ...}}
//
// readable by its owner only. It holds the token, never the PIN.

const (
	credFormat  = "mpinkit-credential"
	credVersion = 1
	maxCredFile = 1 << 20
)

type credFile struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Server      string            `json:"server"`
	Suite       string            `json:"suite"`
	ID          string            `json:"id"`
	Token       string            `json:"token"`
	TimePermits bool              `json:"time_permits"`
	Permits     map[string]string `json:"permits,omitempty"`
}

// SaveCredential writes cr (and the server URL it belongs to) to path,
// through a temporary file and a rename, readable by its owner only.
func SaveCredential(path, serverURL string, cr *Credential) error {
	f := credFile{Format: credFormat, Version: credVersion, Server: serverURL, Suite: cr.Suite,
		ID: hex.EncodeToString(cr.ID), Token: hex.EncodeToString(cr.Token), TimePermits: cr.TimePermits}
	if len(cr.Permits) > 0 {
		f.Permits = map[string]string{}
		for d, p := range cr.Permits {
			f.Permits[strconv.Itoa(d)] = hex.EncodeToString(p)
		}
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LoadCredential reads a credential file; it returns the credential and
// the server URL recorded with it.
func LoadCredential(path string) (*Credential, string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxCredFile+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) > maxCredFile {
		return nil, "", fmt.Errorf("client: credential file over %d bytes", maxCredFile)
	}
	var f credFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, "", fmt.Errorf("client: credential file: %w", err)
	}
	if f.Format != credFormat || f.Version != credVersion {
		return nil, "", fmt.Errorf("client: credential file: format %q version %d", f.Format, f.Version)
	}
	cr := &Credential{Suite: f.Suite, TimePermits: f.TimePermits, Permits: map[int][]byte{}}
	if cr.ID, err = hex.DecodeString(f.ID); err != nil {
		return nil, "", fmt.Errorf("client: credential file: id is not hex")
	}
	if cr.Token, err = hex.DecodeString(f.Token); err != nil {
		return nil, "", fmt.Errorf("client: credential file: token is not hex")
	}
	for ds, ph := range f.Permits {
		d, err1 := strconv.Atoi(ds)
		p, err2 := hex.DecodeString(ph)
		if err1 != nil || err2 != nil {
			return nil, "", fmt.Errorf("client: credential file: permit %q", ds)
		}
		cr.Permits[d] = p
	}
	if _, _, err := cr.mpinClient(); err != nil {
		return nil, "", fmt.Errorf("client: credential file: %w", err)
	}
	return cr, f.Server, nil
}

// tlsSuiteName names a crypto/tls cipher suite.
func tlsSuiteName(id uint16) string { return tls.CipherSuiteName(id) }
