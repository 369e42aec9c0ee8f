package mpin

import (
	"fmt"
	"io"

	"github.com/mpinkit/mpinkit/pairing"
)

// Trusted-authority math for N >= 1 distributed trust authorities (D-TAs).
// D-TA i holds a master-secret share s_i; the master secret s = sum of s_i
// exists nowhere. Each D-TA issues its share of every secret and the
// receiver adds the shares up:
//
//	server secret   sQ     = sum s_i Q              (G2)
//	client secret   s H1   = sum s_i H1(ID)         (G1, from the hashed ID)
//	time permit     s HT_d = sum s_i HT(day, ID)    (G1, from the hashed ID)
//
// Master shares are secret scalars; the multiplications by them are
// constant time.

// GenerateMasterShare draws a D-TA master-secret share, uniform in
// [1, r), from rand and returns its encoding.
func (p *Profile) GenerateMasterShare(rand io.Reader) ([]byte, error) {
	s, err := p.suite.RandomScalar(rand)
	if err != nil {
		return nil, err
	}
	return p.EncodeScalar(s), nil
}

// MinSeedSize is the shortest seed MasterShareFromSeed accepts.
const MinSeedSize = 32

// MasterShareFromSeed derives a D-TA master-secret share from a seed of at
// least MinSeedSize bytes, for reproducible deployments and test vectors
// (spec/mpin.md REQ-MPIN-3.3):
//
//	s = OS2IP(expand_message_xmd(seed, "MPINKIT-V01-MASTER-SHARE_" || profile name, L)) mod r
//
// with SHA-256 and L = 48 on BN254CX, 64 on BLS12-381. A short seed gives
// ErrInvalidArgument, a share of 0 ErrInvalidScalar.
func (p *Profile) MasterShareFromSeed(seed []byte) ([]byte, error) {
	if len(seed) < MinSeedSize {
		return nil, fmt.Errorf("%w: seed of %d bytes, want at least %d", ErrInvalidArgument, len(seed), MinSeedSize)
	}
	s := p.suite.NewScalar().SetBytesReduce(expandMessageXMD(p.seedDST, p.c.seedLen, seed))
	if s.IsZero() {
		return nil, fmt.Errorf("%w: seed gives a zero share", ErrInvalidScalar)
	}
	return p.EncodeScalar(s), nil
}

// ServerSecretShare returns the encoded server-secret share s_i Q of a
// master share (Milagro GET_SERVER_SECRET).
func (p *Profile) ServerSecretShare(masterShare []byte) ([]byte, error) {
	s, err := p.DecodeScalar(masterShare)
	if err != nil {
		return nil, fmt.Errorf("master share: %w", err)
	}
	return p.EncodeG2(p.suite.NewG2().ScalarMult(s, p.q)), nil
}

// ClientSecretShare returns the encoded client-secret share s_i H1(ID) for a
// hashed identity (Milagro GET_CLIENT_SECRET). The D-TA never sees the
// identity itself.
func (p *Profile) ClientSecretShare(masterShare, hashedID []byte) ([]byte, error) {
	s, err := p.DecodeScalar(masterShare)
	if err != nil {
		return nil, fmt.Errorf("master share: %w", err)
	}
	a, err := p.idPoint(hashedID)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(p.suite.NewG1().ScalarMult(s, a)), nil
}

// TimePermitShare returns the encoded time-permit share s_i HT(day, ID) for a
// hashed identity and a day number from 1 to 2^31 - 1 (Milagro
// GET_CLIENT_PERMIT). The D-TA's issuance policy (revocation, which days
// it serves) is the caller's.
func (p *Profile) TimePermitShare(masterShare, hashedID []byte, day int) ([]byte, error) {
	if err := p.checkDay(day); err != nil {
		return nil, err
	}
	s, err := p.DecodeScalar(masterShare)
	if err != nil {
		return nil, fmt.Errorf("master share: %w", err)
	}
	if _, err := p.idPoint(hashedID); err != nil {
		return nil, err
	}
	at, err := p.permitPoint(hashedID, day)
	if err != nil {
		return nil, err
	}
	return p.EncodeG1(p.suite.NewG1().ScalarMult(s, at)), nil
}

// RecombineG1 adds encoded G1 shares (client-secret or time-permit shares
// from N >= 1 D-TAs; Milagro RECOMBINE_G1). Every share must decode; a sum
// at infinity is rejected with ErrIdentity.
func (p *Profile) RecombineG1(shares ...[]byte) ([]byte, error) {
	if len(shares) == 0 {
		return nil, ErrNoShares
	}
	sum := p.suite.NewG1()
	for i, b := range shares {
		a, err := p.DecodeG1(b)
		if err != nil {
			return nil, fmt.Errorf("share %d: %w", i, err)
		}
		sum.Add(sum, a)
	}
	if sum.IsIdentity() {
		return nil, fmt.Errorf("%w: shares sum to the identity", ErrIdentity)
	}
	return p.EncodeG1(sum), nil
}

// RecombineG2 adds encoded server-secret shares (Milagro RECOMBINE_G2).
// Every share must decode; a sum at infinity is rejected with ErrIdentity.
func (p *Profile) RecombineG2(shares ...[]byte) ([]byte, error) {
	if len(shares) == 0 {
		return nil, ErrNoShares
	}
	sum := p.suite.NewG2()
	for i, b := range shares {
		a, err := p.DecodeG2(b)
		if err != nil {
			return nil, fmt.Errorf("share %d: %w", i, err)
		}
		sum.Add(sum, a)
	}
	if sum.IsIdentity() {
		return nil, fmt.Errorf("%w: shares sum to the identity", ErrIdentity)
	}
	return p.EncodeG2(sum), nil
}

// reducePIN reduces a PIN mod MaxPIN as Milagro does; negative PINs are
// rejected.
func reducePIN(pin int) (uint64, error) {
	if pin < 0 {
		return 0, fmt.Errorf("%w: %d", ErrInvalidPIN, pin)
	}
	return uint64(pin % MaxPIN), nil
}

// MaxFactorBits is the longest general factor, in bits.
const MaxFactorBits = 32

// checkFactor validates a factor of the given bit length.
func checkFactor(factor uint64, bits int) error {
	if bits < 1 || bits > MaxFactorBits {
		return fmt.Errorf("%w: bit length %d", ErrInvalidFactor, bits)
	}
	if factor>>uint(bits) != 0 {
		return fmt.Errorf("%w: factor does not fit in %d bits", ErrInvalidFactor, bits)
	}
	return nil
}

// ExtractPIN turns a client secret into the token the client stores:
// T = secret - (pin mod 10000) H1(id) (Milagro EXTRACT_PIN). The PIN must
// not be negative (ErrInvalidPIN); a token at infinity gives ErrIdentity.
// Constant time in the PIN and the secret.
func (p *Profile) ExtractPIN(clientSecret, id []byte, pin int) ([]byte, error) {
	f, err := reducePIN(pin)
	if err != nil {
		return nil, err
	}
	return p.addFactor(clientSecret, id, f, true)
}

// RestorePIN is the inverse of ExtractPIN: secret = T + (pin mod 10000) H1(id).
func (p *Profile) RestorePIN(token, id []byte, pin int) ([]byte, error) {
	f, err := reducePIN(pin)
	if err != nil {
		return nil, err
	}
	return p.addFactor(token, id, f, false)
}

// ExtractFactor removes a general factor of at most bits bits (1 to
// MaxFactorBits) from a secret: secret - factor H1(id) (Milagro EXTRACT_FACTOR, used for more
// than two factors). ExtractPIN is ExtractFactor with the PIN mod 10000.
func (p *Profile) ExtractFactor(secret, id []byte, factor uint64, bits int) ([]byte, error) {
	if err := checkFactor(factor, bits); err != nil {
		return nil, err
	}
	return p.addFactor(secret, id, factor, true)
}

// RestoreFactor is the inverse of ExtractFactor: token + factor H1(id)
// (Milagro RESTORE_FACTOR).
func (p *Profile) RestoreFactor(token, id []byte, factor uint64, bits int) ([]byte, error) {
	if err := checkFactor(factor, bits); err != nil {
		return nil, err
	}
	return p.addFactor(token, id, factor, false)
}

func (p *Profile) addFactor(point, id []byte, factor uint64, subtract bool) ([]byte, error) {
	if len(id) == 0 {
		return nil, fmt.Errorf("%w: empty identity", ErrInvalidArgument)
	}
	t, err := p.DecodeG1(point)
	if err != nil {
		return nil, err
	}
	a, err := p.mapID(id)
	if err != nil {
		return nil, err
	}
	f := p.factorTimes(factor, MaxFactorBits, a)
	if subtract {
		t.Sub(t, f)
	} else {
		t.Add(t, f)
	}
	if t.IsIdentity() {
		return nil, fmt.Errorf("%w: result", ErrIdentity)
	}
	return p.EncodeG1(t), nil
}

// pinBits is the bit length PINs are multiplied with: MaxPIN <= 2^pinBits.
const pinBits = 14

// The array length is negative, and the build fails, if MaxPIN outgrows
// pinBits.
var _ [1<<pinBits - MaxPIN]struct{}

// factorTimes returns factor * a for a factor below 2^bits, in time that
// depends on bits only (the factor is secret): through the suite's
// short-scalar multiplication when it has one, otherwise a full
// constant-time ScalarMult.
func (p *Profile) factorTimes(factor uint64, bits int, a pairing.G1) pairing.G1 {
	if sm, ok := p.suite.(pairing.SmallScalarMultiplier); ok {
		if f, err := sm.G1ScalarMultSmall(factor, bits, a); err == nil {
			return f
		}
	}
	k := p.suite.NewScalar().SetUint64(factor)
	return p.suite.NewG1().ScalarMult(k, a)
}
