package dta

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/crypto/scrypt"

	"github.com/mpinkit/mpinkit/reference/mpin"
)

// The master-share file, version 1. A JSON object, written once by
// InitShareFile and never rewritten in place:
//
//	{
//	  "format": "mpinkit-dta-share",
//	  "version": 1,
//	  "suite": "MPIN-BLS12381-SHA256-MODERN",
//	  "authority": "dta-1",
//	  "kdf": "scrypt", "scrypt_log2_n": 15, "scrypt_r": 8, "scrypt_p": 1,
//	  "salt": "<32 bytes, hex>",
//	  "aead": "AES-256-GCM",
//	  "nonce": "<12 bytes, hex>",
//	  "ciphertext": "<encoded master share || 16-byte tag, hex>"
//	}
//
// key = scrypt(passphrase, salt, N = 2^scrypt_log2_n, r, p, 32 bytes);
// ciphertext = AES-256-GCM-Seal(key, nonce, share, AAD) with
//
//	AAD = "mpinkit-dta-share v1 suite=<suite> authority=<authority> kdf=scrypt log2n=<n> r=<r> p=<p> salt=<salt hex>"
//
// (ASCII, single spaces, no terminator), so that no header field can be
// changed without the open failing. The plaintext is the master share in
// the suite's scalar encoding (REQ-MPIN-12.1), checked on open.

const (
	shareFormat  = "mpinkit-dta-share"
	shareVersion = 1
	shareKDF     = "scrypt"
	shareAEAD    = "AES-256-GCM"
	saltSize     = 32
	// MinPassphraseSize is the shortest passphrase InitShareFile accepts.
	MinPassphraseSize = 8
	// maxShareFileSize bounds what ReadShareFile reads.
	maxShareFileSize = 64 << 10
)

// KDFParams are the scrypt cost parameters of a master-share file.
type KDFParams struct {
	// Log2N is log2 of scrypt's N (CPU and memory cost), 10 to 22.
	Log2N int
	// R is scrypt's block size, 1 to 32.
	R int
	// P is scrypt's parallelism, 1 to 16.
	P int
}

// DefaultKDF is the cost InitShareFile uses for a zero KDFParams: about
// 32 MiB and a tenth of a second per open on a current machine.
var DefaultKDF = KDFParams{Log2N: 15, R: 8, P: 1}

func (k KDFParams) check() error {
	if k.Log2N < 10 || k.Log2N > 22 || k.R < 1 || k.R > 32 || k.P < 1 || k.P > 16 {
		return fmt.Errorf("%w: scrypt parameters log2n=%d r=%d p=%d out of range", ErrShareFile, k.Log2N, k.R, k.P)
	}
	return nil
}

// shareFileJSON is the on-disk form.
type shareFileJSON struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	Suite      string `json:"suite"`
	Authority  string `json:"authority"`
	KDF        string `json:"kdf"`
	Log2N      int    `json:"scrypt_log2_n"`
	R          int    `json:"scrypt_r"`
	P          int    `json:"scrypt_p"`
	Salt       string `json:"salt"`
	AEAD       string `json:"aead"`
	Nonce      string `json:"nonce"`
	Ciphertext string `json:"ciphertext"`
}

// MasterShare is an authority's identity and secret: its suite, its name
// and its master-secret share s_i.
type MasterShare struct {
	// Suite is the profile's suite string.
	Suite string
	// Authority is the authority's name.
	Authority string
	// Share is the encoded master share (secret).
	Share []byte
}

// String hides the share.
func (m MasterShare) String() string {
	return fmt.Sprintf("MasterShare{Suite: %s, Authority: %s, Share: <redacted>}", m.Suite, m.Authority)
}

func shareAAD(f *shareFileJSON) []byte {
	return []byte(fmt.Sprintf("%s v%d suite=%s authority=%s kdf=%s log2n=%d r=%d p=%d salt=%s",
		shareFormat, shareVersion, f.Suite, f.Authority, f.KDF, f.Log2N, f.R, f.P, f.Salt))
}

func deriveFileKey(passphrase, salt []byte, k KDFParams) ([]byte, error) {
	key, err := scrypt.Key(passphrase, salt, 1<<k.Log2N, k.R, k.P, 32)
	if err != nil {
		return nil, fmt.Errorf("%w: scrypt: %v", ErrShareFile, err)
	}
	return key, nil
}

// SealShare encrypts a master share under a passphrase and returns the
// file contents (version 1). rnd supplies the salt and the nonce (nil
// means crypto/rand); a zero KDFParams means DefaultKDF.
func SealShare(ms MasterShare, passphrase []byte, kdf KDFParams, rnd io.Reader) ([]byte, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	if kdf == (KDFParams{}) {
		kdf = DefaultKDF
	}
	if err := kdf.check(); err != nil {
		return nil, err
	}
	if len(passphrase) < MinPassphraseSize {
		return nil, fmt.Errorf("%w: passphrase shorter than %d bytes", ErrConfig, MinPassphraseSize)
	}
	if err := checkShare(ms); err != nil {
		return nil, err
	}
	salt := make([]byte, saltSize)
	nonce := make([]byte, 12)
	if _, err := io.ReadFull(rnd, salt); err != nil {
		return nil, fmt.Errorf("dta: randomness: %w", err)
	}
	if _, err := io.ReadFull(rnd, nonce); err != nil {
		return nil, fmt.Errorf("dta: randomness: %w", err)
	}
	f := &shareFileJSON{
		Format: shareFormat, Version: shareVersion, Suite: ms.Suite, Authority: ms.Authority,
		KDF: shareKDF, Log2N: kdf.Log2N, R: kdf.R, P: kdf.P,
		Salt: hex.EncodeToString(salt), AEAD: shareAEAD, Nonce: hex.EncodeToString(nonce),
	}
	key, err := deriveFileKey(passphrase, salt, kdf)
	if err != nil {
		return nil, err
	}
	defer clear(key)
	aead, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	ct := aead.Seal(nil, nonce, ms.Share, shareAAD(f))
	f.Ciphertext = hex.EncodeToString(ct)
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// OpenShare decrypts the contents of a master-share file. A wrong
// passphrase or altered contents give ErrPassphrase, anything that is not
// a version-1 file ErrShareFile.
func OpenShare(data, passphrase []byte) (MasterShare, error) {
	var f shareFileJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return MasterShare{}, fmt.Errorf("%w: %v", ErrShareFile, err)
	}
	if f.Format != shareFormat {
		return MasterShare{}, fmt.Errorf("%w: format %q", ErrShareFile, f.Format)
	}
	if f.Version != shareVersion {
		return MasterShare{}, fmt.Errorf("%w: version %d, this program reads version %d", ErrShareFile, f.Version, shareVersion)
	}
	if f.KDF != shareKDF || f.AEAD != shareAEAD {
		return MasterShare{}, fmt.Errorf("%w: kdf %q, aead %q", ErrShareFile, f.KDF, f.AEAD)
	}
	kdf := KDFParams{Log2N: f.Log2N, R: f.R, P: f.P}
	if err := kdf.check(); err != nil {
		return MasterShare{}, err
	}
	salt, err1 := hex.DecodeString(f.Salt)
	nonce, err2 := hex.DecodeString(f.Nonce)
	ct, err3 := hex.DecodeString(f.Ciphertext)
	if err := errors.Join(err1, err2, err3); err != nil || len(salt) != saltSize || len(nonce) != 12 {
		return MasterShare{}, fmt.Errorf("%w: salt, nonce or ciphertext", ErrShareFile)
	}
	key, err := deriveFileKey(passphrase, salt, kdf)
	if err != nil {
		return MasterShare{}, err
	}
	defer clear(key)
	aead, err := newGCM(key)
	if err != nil {
		return MasterShare{}, err
	}
	share, err := aead.Open(nil, nonce, ct, shareAAD(&f))
	if err != nil {
		return MasterShare{}, ErrPassphrase
	}
	ms := MasterShare{Suite: f.Suite, Authority: f.Authority, Share: share}
	if err := checkShare(ms); err != nil {
		return MasterShare{}, err
	}
	return ms, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// checkShare checks the suite, the authority name and the share's
// encoding.
func checkShare(ms MasterShare) error {
	p, err := mpin.Lookup(ms.Suite)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if !validAppID(ms.Authority) {
		return fmt.Errorf("%w: authority name %q: want 1 to 64 of [A-Za-z0-9._-]", ErrConfig, ms.Authority)
	}
	if _, err := p.DecodeScalar(ms.Share); err != nil {
		return fmt.Errorf("%w: master share: %v", ErrConfig, err)
	}
	return nil
}

// InitShareFile seals ms under passphrase and writes it to path,
// crash-safely: the contents go to a temporary file in the same
// directory, which is synced, then renamed over path, and the directory
// is synced. It never replaces an existing file (ErrExists). The file is
// readable by its owner only.
func InitShareFile(path string, ms MasterShare, passphrase []byte, kdf KDFParams) error {
	data, err := SealShare(ms, passphrase, kdf, nil)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%w: %s", ErrExists, path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return writeFileAtomic(path, data, 0o600, false)
}

// ReadShareFile reads and opens a master-share file.
func ReadShareFile(path string, passphrase []byte) (MasterShare, error) {
	f, err := os.Open(path)
	if err != nil {
		return MasterShare{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxShareFileSize+1))
	if err != nil {
		return MasterShare{}, err
	}
	if len(data) > maxShareFileSize {
		return MasterShare{}, fmt.Errorf("%w: larger than %d bytes", ErrShareFile, maxShareFileSize)
	}
	return OpenShare(data, passphrase)
}

// writeFileAtomic writes data to path through a synced temporary file and
// a rename, then syncs the directory, so that after a crash path holds
// either its old contents (or nothing) or all of data. With replace false
// the rename is done by a hard link, which fails if path exists.
func writeFileAtomic(path string, data []byte, perm fs.FileMode, replace bool) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if replace {
		err = os.Rename(tmpName, path)
	} else {
		// link(2) refuses to replace path; the temporary name goes after.
		if err = os.Link(tmpName, path); err == nil {
			_ = os.Remove(tmpName)
		} else if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%w: %s", ErrExists, path)
		}
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir fsyncs a directory so that a rename in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("dta: sync %s: %w", dir, err)
	}
	return nil
}
