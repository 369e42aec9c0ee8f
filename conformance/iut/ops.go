package iut

import "context"

// Request and result types, one pair per operation of spec/shim.md
// section 9. JSON tags give the wire names; a field without omitempty or
// omitzero is required in a request (the shim server answers BAD_REQUEST
// when it is missing), a field with either is optional. An optional octet
// string is absent when nil and sent as "" when empty but not nil
// (omitzero), so that an empty value reaches the IUT as a value. Integers
// that are optional use 0 for "absent" where the protocol gives 0 no other
// meaning.

// ResetRequest is the body of reset (no fields).
type ResetRequest struct{}

// ShutdownRequest is the body of shutdown (no fields).
type ShutdownRequest struct{}

// CloseRequest releases one handle.
type CloseRequest struct {
	Handle string `json:"handle"`
}

// Empty is the result of operations that return no fields.
type Empty struct{}

// ValidateRequest decodes one value with full validation.
type ValidateRequest struct {
	Suite string `json:"suite"`
	// Kind is scalar, nonzero_scalar, g1, g2, gt or hid.
	Kind  string `json:"kind"`
	Value Hex    `json:"value"`
}

// ValidateResult is the value re-encoded by the IUT.
type ValidateResult struct {
	Canonical Hex `json:"canonical"`
}

// HashIDRequest hashes an identity.
type HashIDRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
}

// HashIDResult is HID and A = H(ID).
type HashIDResult struct {
	HID Hex `json:"hid"`
	A   Hex `json:"a"`
}

// PermitPointRequest asks for the permit point of a day.
type PermitPointRequest struct {
	Suite string `json:"suite"`
	HID   Hex    `json:"hid"`
	Day   int64  `json:"day"`
}

// PermitPointResult is AT.
type PermitPointResult struct {
	AT Hex `json:"at"`
}

// PairRequest asks for one pairing.
type PairRequest struct {
	Suite string `json:"suite"`
	G1    Hex    `json:"g1"`
	G2    Hex    `json:"g2"`
}

// PairResult is e(P, Q').
type PairResult struct {
	GT Hex `json:"gt"`
}

// MasterShareRequest adopts, derives or draws a master share.
type MasterShareRequest struct {
	Suite  string `json:"suite"`
	Scalar Hex    `json:"scalar,omitzero"`
	Seed   Hex    `json:"seed,omitzero"`
}

// MasterShareResult is the share.
type MasterShareResult struct {
	Share Hex `json:"share"`
}

// ServerSecretShareRequest asks for s_i Q.
type ServerSecretShareRequest struct {
	Suite string `json:"suite"`
	Share Hex    `json:"share"`
}

// ServerSecretShareResult is s_i Q.
type ServerSecretShareResult struct {
	SS Hex `json:"ss"`
}

// ClientSecretShareRequest asks for s_i A from HID.
type ClientSecretShareRequest struct {
	Suite string `json:"suite"`
	Share Hex    `json:"share"`
	HID   Hex    `json:"hid"`
}

// ClientSecretShareResult is s_i A.
type ClientSecretShareResult struct {
	CS Hex `json:"cs"`
}

// TimePermitShareRequest asks for s_i AT.
type TimePermitShareRequest struct {
	Suite string `json:"suite"`
	Share Hex    `json:"share"`
	HID   Hex    `json:"hid"`
	Day   int64  `json:"day"`
	// Now, when not 0, is the authority's Unix time; the issuance window
	// of REQ-MPIN-6.7 applies.
	Now int64 `json:"now,omitempty"`
}

// TimePermitShareResult is s_i AT.
type TimePermitShareResult struct {
	TP Hex `json:"tp"`
}

// RecombineRequest adds shares (recombine_g1 or recombine_g2).
type RecombineRequest struct {
	Suite  string `json:"suite"`
	Points []Hex  `json:"points"`
}

// RecombineResult is the sum.
type RecombineResult struct {
	Point Hex `json:"point"`
}

// ExtractPINRequest turns a secret into a token.
type ExtractPINRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Secret   Hex    `json:"secret"`
	PIN      int64  `json:"pin"`
}

// ExtractPINResult is the token.
type ExtractPINResult struct {
	Token Hex `json:"token"`
}

// RestorePINRequest turns a token back into a secret.
type RestorePINRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Token    Hex    `json:"token"`
	PIN      int64  `json:"pin"`
}

// RestorePINResult is the secret.
type RestorePINResult struct {
	Secret Hex `json:"secret"`
}

// ExtractFactorRequest removes a general factor from a secret.
type ExtractFactorRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Secret   Hex    `json:"secret"`
	Factor   int64  `json:"factor"`
	Bits     int64  `json:"bits"`
}

// ExtractFactorResult is the token.
type ExtractFactorResult struct {
	Token Hex `json:"token"`
}

// RestoreFactorRequest adds a general factor back.
type RestoreFactorRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Token    Hex    `json:"token"`
	Factor   int64  `json:"factor"`
	Bits     int64  `json:"bits"`
}

// RestoreFactorResult is the secret.
type RestoreFactorResult struct {
	Secret Hex `json:"secret"`
}

// ClientPass1Request is the client's first pass with known answers.
type ClientPass1Request struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Token    Hex    `json:"token"`
	PIN      int64  `json:"pin"`
	Permit   Hex    `json:"permit,omitzero"`
	Day      int64  `json:"day,omitempty"`
	X        Hex    `json:"x,omitzero"`
}

// ClientPass1Result is x, U, UT and SEC.
type ClientPass1Result struct {
	X   Hex `json:"x"`
	U   Hex `json:"u"`
	UT  Hex `json:"ut,omitzero"`
	SEC Hex `json:"sec"`
}

// ClientPass2Request is the client's second pass with known answers.
type ClientPass2Request struct {
	Suite string `json:"suite"`
	X     Hex    `json:"x"`
	Y     Hex    `json:"y"`
	SEC   Hex    `json:"sec"`
}

// ClientPass2Result is V.
type ClientPass2Result struct {
	V Hex `json:"v"`
}

// ServerVerifyRequest is a stateless two-pass check.
type ServerVerifyRequest struct {
	Suite        string `json:"suite"`
	Identity     Hex    `json:"identity"`
	ServerSecret Hex    `json:"server_secret"`
	U            Hex    `json:"u"`
	UT           Hex    `json:"ut,omitzero"`
	Day          int64  `json:"day,omitempty"`
	Y            Hex    `json:"y"`
	V            Hex    `json:"v"`
	// Permits is whether the server requires permits; nil means "true
	// when UT is present".
	Permits *bool `json:"permits,omitempty"`
	Now     int64 `json:"now,omitempty"`
	Grace   int64 `json:"grace,omitempty"`
	Analyse bool  `json:"analyse,omitempty"`
}

// ClientOnePassRequest is the one-pass client with known answers.
type ClientOnePassRequest struct {
	Suite     string `json:"suite"`
	Identity  Hex    `json:"identity"`
	Token     Hex    `json:"token"`
	PIN       int64  `json:"pin"`
	Permit    Hex    `json:"permit,omitzero"`
	Day       int64  `json:"day,omitempty"`
	X         Hex    `json:"x,omitzero"`
	TimeValue int64  `json:"time_value"`
	Message   Hex    `json:"message,omitzero"`
}

// ClientOnePassResult is the one-pass message and the derived challenge.
type ClientOnePassResult struct {
	X  Hex `json:"x"`
	U  Hex `json:"u"`
	UT Hex `json:"ut,omitzero"`
	Y  Hex `json:"y"`
	V  Hex `json:"v"`
}

// ServerVerifyOnePassRequest is a stateless one-pass check.
type ServerVerifyOnePassRequest struct {
	Suite        string `json:"suite"`
	Identity     Hex    `json:"identity"`
	ServerSecret Hex    `json:"server_secret"`
	U            Hex    `json:"u"`
	UT           Hex    `json:"ut,omitzero"`
	Day          int64  `json:"day,omitempty"`
	V            Hex    `json:"v"`
	TimeValue    int64  `json:"time_value"`
	Message      Hex    `json:"message,omitzero"`
	Permits      *bool  `json:"permits,omitempty"`
	Now          int64  `json:"now"`
	Grace        int64  `json:"grace,omitempty"`
	Window       int64  `json:"window,omitempty"`
	Analyse      bool   `json:"analyse,omitempty"`
}

// ServerVerifyOnePassResult is the challenge the server derived.
type ServerVerifyOnePassResult struct {
	Y Hex `json:"y"`
}

// WrongPINValuesRequest asks for E and F (the fields of server_verify
// without analyse).
type WrongPINValuesRequest struct {
	Suite        string `json:"suite"`
	Identity     Hex    `json:"identity"`
	ServerSecret Hex    `json:"server_secret"`
	U            Hex    `json:"u"`
	UT           Hex    `json:"ut,omitzero"`
	Day          int64  `json:"day,omitempty"`
	Y            Hex    `json:"y"`
	V            Hex    `json:"v"`
	Permits      *bool  `json:"permits,omitempty"`
	Now          int64  `json:"now,omitempty"`
	Grace        int64  `json:"grace,omitempty"`
}

// WrongPINValuesResult is E and F.
type WrongPINValuesResult struct {
	E Hex `json:"e"`
	F Hex `json:"f"`
}

// WrongPINAnalysisRequest asks for delta from E and F.
type WrongPINAnalysisRequest struct {
	Suite string `json:"suite"`
	E     Hex    `json:"e"`
	F     Hex    `json:"f"`
}

// WrongPINAnalysisResult is delta (0 when E = 1).
type WrongPINAnalysisResult struct {
	Delta int `json:"delta"`
}

// FullPrecomputeRequest asks for e(T, Q) and e(A, Q).
type FullPrecomputeRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Token    Hex    `json:"token"`
}

// FullPrecomputeResult is e(T, Q) and e(A, Q).
type FullPrecomputeResult struct {
	GTToken Hex `json:"gt_token"`
	GTID    Hex `json:"gt_id"`
}

// FullClientEphemeralRequest asks for z and R = z A.
type FullClientEphemeralRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Z        Hex    `json:"z,omitzero"`
}

// FullClientEphemeralResult is z and R.
type FullClientEphemeralResult struct {
	Z Hex `json:"z"`
	R Hex `json:"r_point"`
}

// FullServerEphemeralRequest asks for w and W = w H*.
type FullServerEphemeralRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	W        Hex    `json:"w,omitzero"`
	Day      int64  `json:"day,omitempty"`
}

// FullServerEphemeralResult is w and W.
type FullServerEphemeralResult struct {
	W      Hex `json:"w"`
	WPoint Hex `json:"w_point"`
}

// FullHashRequest asks for the transcript hash h.
type FullHashRequest struct {
	Suite  string `json:"suite"`
	HID    Hex    `json:"hid"`
	U      Hex    `json:"u"`
	UT     Hex    `json:"ut,omitzero"`
	V      Hex    `json:"v"`
	Y      Hex    `json:"y"`
	R      Hex    `json:"r_point"`
	WPoint Hex    `json:"w_point"`
}

// FullHashResult is h.
type FullHashResult struct {
	H Hex `json:"h"`
}

// FullClientKeyRequest asks for the client's key.
type FullClientKeyRequest struct {
	Suite   string `json:"suite"`
	GTToken Hex    `json:"gt_token"`
	GTID    Hex    `json:"gt_id"`
	PIN     int64  `json:"pin"`
	Z       Hex    `json:"z"`
	X       Hex    `json:"x"`
	H       Hex    `json:"h"`
	WPoint  Hex    `json:"w_point"`
}

// FullServerKeyRequest asks for the server's key (no verification).
type FullServerKeyRequest struct {
	Suite        string `json:"suite"`
	Identity     Hex    `json:"identity"`
	ServerSecret Hex    `json:"server_secret"`
	R            Hex    `json:"r_point"`
	W            Hex    `json:"w"`
	H            Hex    `json:"h"`
	U            Hex    `json:"u"`
	UT           Hex    `json:"ut,omitzero"`
}

// KeyResult is a session key.
type KeyResult struct {
	Key Hex `json:"key"`
}

// ClientNewRequest creates a client holding a token.
type ClientNewRequest struct {
	Suite    string `json:"suite"`
	Identity Hex    `json:"identity"`
	Token    Hex    `json:"token"`
	Permit   Hex    `json:"permit,omitzero"`
	Day      int64  `json:"day,omitempty"`
	Full     bool   `json:"full,omitempty"`
}

// ClientNewResult is the client handle.
type ClientNewResult struct {
	Client string `json:"client"`
}

// ClientStartRequest begins a client session (first pass).
type ClientStartRequest struct {
	Client string `json:"client"`
	Suite  string `json:"suite,omitempty"`
	PIN    int64  `json:"pin"`
	X      Hex    `json:"x,omitzero"`
	Z      Hex    `json:"z,omitzero"`
}

// ClientStartResult is the session handle and the first-pass message.
type ClientStartResult struct {
	Session string `json:"session"`
	U       Hex    `json:"u"`
	UT      Hex    `json:"ut,omitzero"`
	Day     int64  `json:"day,omitempty"`
	R       Hex    `json:"r_point,omitzero"`
}

// ClientRespondRequest answers a challenge in a client session.
type ClientRespondRequest struct {
	Session string `json:"session"`
	Suite   string `json:"suite,omitempty"`
	Y       Hex    `json:"y"`
	WPoint  Hex    `json:"w_point,omitzero"`
}

// ClientRespondResult is V and, with Full, the client's key.
type ClientRespondResult struct {
	V   Hex `json:"v"`
	Key Hex `json:"key,omitzero"`
}

// ServerNewRequest creates a server holding sQ and a policy.
type ServerNewRequest struct {
	Suite        string `json:"suite"`
	ServerSecret Hex    `json:"server_secret"`
	Permits      bool   `json:"permits,omitempty"`
	Grace        int64  `json:"grace,omitempty"`
	Window       int64  `json:"window,omitempty"`
	SessionTTL   int64  `json:"session_ttl,omitempty"`
	Analyse      bool   `json:"analyse,omitempty"`
	Lockout      int64  `json:"lockout,omitempty"`
	Full         bool   `json:"full,omitempty"`
}

// ServerNewResult is the server handle.
type ServerNewResult struct {
	Server string `json:"server"`
}

// ServerChallengeRequest opens a server session.
type ServerChallengeRequest struct {
	Server   string `json:"server"`
	Suite    string `json:"suite,omitempty"`
	Identity Hex    `json:"identity"`
	U        Hex    `json:"u"`
	UT       Hex    `json:"ut,omitzero"`
	Day      int64  `json:"day,omitempty"`
	R        Hex    `json:"r_point,omitzero"`
	Now      int64  `json:"now"`
	Y        Hex    `json:"y,omitzero"`
	W        Hex    `json:"w,omitzero"`
}

// ServerChallengeResult is the session handle, the challenge and, with
// Full, W.
type ServerChallengeResult struct {
	Session string `json:"session"`
	Y       Hex    `json:"y"`
	WPoint  Hex    `json:"w_point,omitzero"`
}

// ServerFinishRequest verifies a session's second pass.
type ServerFinishRequest struct {
	Server  string `json:"server"`
	Suite   string `json:"suite,omitempty"`
	Session string `json:"session"`
	V       Hex    `json:"v"`
	Now     int64  `json:"now"`
}

// ServerFinishResult carries the server's key under Full.
type ServerFinishResult struct {
	Key Hex `json:"key,omitzero"`
}

// ServerOnePassRequest verifies a one-pass message with replay memory.
type ServerOnePassRequest struct {
	Server    string `json:"server"`
	Suite     string `json:"suite,omitempty"`
	Identity  Hex    `json:"identity"`
	U         Hex    `json:"u"`
	UT        Hex    `json:"ut,omitzero"`
	Day       int64  `json:"day,omitempty"`
	V         Hex    `json:"v"`
	TimeValue int64  `json:"time_value"`
	Message   Hex    `json:"message,omitzero"`
	Now       int64  `json:"now"`
}

// IUT is an implementation under test. Every method is one operation of
// spec/shim.md; errors are *Error (a rejection), *UnimplementedError or
// *FatalError (see the package documentation). Methods are called by one
// goroutine at a time.
type IUT interface {
	// Capabilities returns the IUT's claim.
	Capabilities(ctx context.Context) (*Capabilities, error)
	// Reset forgets all state: handles, sessions, replay memories and
	// lockout counters.
	Reset(ctx context.Context) error
	// Close ends the IUT (the protocol's shutdown) and releases its
	// resources.
	Close(ctx context.Context) error
	// CloseHandle releases one client, server or session handle.
	CloseHandle(ctx context.Context, r *CloseRequest) error

	Validate(ctx context.Context, r *ValidateRequest) (*ValidateResult, error)
	HashID(ctx context.Context, r *HashIDRequest) (*HashIDResult, error)
	PermitPoint(ctx context.Context, r *PermitPointRequest) (*PermitPointResult, error)
	Pair(ctx context.Context, r *PairRequest) (*PairResult, error)

	MasterShare(ctx context.Context, r *MasterShareRequest) (*MasterShareResult, error)
	ServerSecretShare(ctx context.Context, r *ServerSecretShareRequest) (*ServerSecretShareResult, error)
	ClientSecretShare(ctx context.Context, r *ClientSecretShareRequest) (*ClientSecretShareResult, error)
	TimePermitShare(ctx context.Context, r *TimePermitShareRequest) (*TimePermitShareResult, error)
	RecombineG1(ctx context.Context, r *RecombineRequest) (*RecombineResult, error)
	RecombineG2(ctx context.Context, r *RecombineRequest) (*RecombineResult, error)

	ExtractPIN(ctx context.Context, r *ExtractPINRequest) (*ExtractPINResult, error)
	RestorePIN(ctx context.Context, r *RestorePINRequest) (*RestorePINResult, error)
	ExtractFactor(ctx context.Context, r *ExtractFactorRequest) (*ExtractFactorResult, error)
	RestoreFactor(ctx context.Context, r *RestoreFactorRequest) (*RestoreFactorResult, error)

	ClientPass1(ctx context.Context, r *ClientPass1Request) (*ClientPass1Result, error)
	ClientPass2(ctx context.Context, r *ClientPass2Request) (*ClientPass2Result, error)
	ServerVerify(ctx context.Context, r *ServerVerifyRequest) error
	ClientOnePass(ctx context.Context, r *ClientOnePassRequest) (*ClientOnePassResult, error)
	ServerVerifyOnePass(ctx context.Context, r *ServerVerifyOnePassRequest) (*ServerVerifyOnePassResult, error)

	WrongPINValues(ctx context.Context, r *WrongPINValuesRequest) (*WrongPINValuesResult, error)
	WrongPINAnalysis(ctx context.Context, r *WrongPINAnalysisRequest) (*WrongPINAnalysisResult, error)

	FullPrecompute(ctx context.Context, r *FullPrecomputeRequest) (*FullPrecomputeResult, error)
	FullClientEphemeral(ctx context.Context, r *FullClientEphemeralRequest) (*FullClientEphemeralResult, error)
	FullServerEphemeral(ctx context.Context, r *FullServerEphemeralRequest) (*FullServerEphemeralResult, error)
	FullHash(ctx context.Context, r *FullHashRequest) (*FullHashResult, error)
	FullClientKey(ctx context.Context, r *FullClientKeyRequest) (*KeyResult, error)
	FullServerKey(ctx context.Context, r *FullServerKeyRequest) (*KeyResult, error)

	ClientNew(ctx context.Context, r *ClientNewRequest) (*ClientNewResult, error)
	ClientStart(ctx context.Context, r *ClientStartRequest) (*ClientStartResult, error)
	ClientRespond(ctx context.Context, r *ClientRespondRequest) (*ClientRespondResult, error)
	ServerNew(ctx context.Context, r *ServerNewRequest) (*ServerNewResult, error)
	ServerChallenge(ctx context.Context, r *ServerChallengeRequest) (*ServerChallengeResult, error)
	ServerFinish(ctx context.Context, r *ServerFinishRequest) (*ServerFinishResult, error)
	ServerOnePass(ctx context.Context, r *ServerOnePassRequest) (*ServerVerifyOnePassResult, error)
}

// StderrSource is implemented by adapters that run a subprocess: it
// returns what the subprocess wrote on stderr since the last Reset (at most
// the last 64 KiB), for the reports.
type StderrSource interface {
	StderrSinceReset() string
}
