package dta

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// The application-keys file that `mpin dta serve` reads and `mpin dta
// init` can create: a JSON object
//
//	{"apps": {"<app id>": "<key, hex, at least 32 bytes>", ...}}
//
// readable by its owner only. The registration server that signs for an
// app holds the same key.

type appsFile struct {
	Apps map[string]string `json:"apps"`
}

// maxAppsFileSize bounds what ReadApps reads.
const maxAppsFileSize = 1 << 20

// ReadApps reads an application-keys file.
func ReadApps(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAppsFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxAppsFileSize {
		return nil, fmt.Errorf("%w: apps file larger than %d bytes", ErrConfig, maxAppsFileSize)
	}
	return ParseApps(data)
}

// ParseApps parses the contents of an application-keys file and checks
// every ID and key.
func ParseApps(data []byte) (map[string][]byte, error) {
	var af appsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&af); err != nil {
		return nil, fmt.Errorf("%w: apps file: %v", ErrConfig, err)
	}
	out := make(map[string][]byte, len(af.Apps))
	for id, k := range af.Apps {
		if !validAppID(id) {
			return nil, fmt.Errorf("%w: apps file: application ID %q", ErrConfig, id)
		}
		key, err := hex.DecodeString(k)
		if err != nil || len(key) < MinAppKeySize {
			return nil, fmt.Errorf("%w: apps file: key of %q must be at least %d bytes of hex", ErrConfig, id, MinAppKeySize)
		}
		out[id] = key
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: apps file lists no application", ErrConfig)
	}
	return out, nil
}

// WriteApps writes an application-keys file crash-safely (temporary file,
// sync, rename), replacing any file at path, readable by its owner only.
func WriteApps(path string, apps map[string][]byte) error {
	af := appsFile{Apps: map[string]string{}}
	for id, k := range apps {
		if !validAppID(id) || len(k) < MinAppKeySize {
			return fmt.Errorf("%w: application %q", ErrConfig, id)
		}
		af.Apps[id] = hex.EncodeToString(k)
	}
	data, err := json.MarshalIndent(af, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(data, '\n'), 0o600, true)
}

// NewAppKey returns a fresh random application key of MinAppKeySize
// bytes.
func NewAppKey() ([]byte, error) {
	k := make([]byte, MinAppKeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return k, nil
}
