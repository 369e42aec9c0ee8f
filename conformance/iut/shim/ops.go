package shim

import (
	"context"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// One method per operation: each sends its request as the operation's
// JSON line and reads the result.

func call[Res any](a *Adapter, ctx context.Context, op string, req any, slow bool) (*Res, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	res := new(Res)
	if err := a.exchange(ctx, op, req, res, slow); err != nil {
		return nil, err
	}
	return res, nil
}

// Validate sends the operation iut.OpValidate.
func (a *Adapter) Validate(ctx context.Context, r *iut.ValidateRequest) (*iut.ValidateResult, error) {
	return call[iut.ValidateResult](a, ctx, iut.OpValidate, r, false)
}

// HashID sends the operation iut.OpHashID.
func (a *Adapter) HashID(ctx context.Context, r *iut.HashIDRequest) (*iut.HashIDResult, error) {
	return call[iut.HashIDResult](a, ctx, iut.OpHashID, r, false)
}

// PermitPoint sends the operation iut.OpPermitPoint.
func (a *Adapter) PermitPoint(ctx context.Context, r *iut.PermitPointRequest) (*iut.PermitPointResult, error) {
	return call[iut.PermitPointResult](a, ctx, iut.OpPermitPoint, r, false)
}

// Pair sends the operation iut.OpPair.
func (a *Adapter) Pair(ctx context.Context, r *iut.PairRequest) (*iut.PairResult, error) {
	return call[iut.PairResult](a, ctx, iut.OpPair, r, false)
}

// MasterShare sends the operation iut.OpMasterShare.
func (a *Adapter) MasterShare(ctx context.Context, r *iut.MasterShareRequest) (*iut.MasterShareResult, error) {
	return call[iut.MasterShareResult](a, ctx, iut.OpMasterShare, r, false)
}

// ServerSecretShare sends the operation iut.OpServerSecretShare.
func (a *Adapter) ServerSecretShare(ctx context.Context, r *iut.ServerSecretShareRequest) (*iut.ServerSecretShareResult, error) {
	return call[iut.ServerSecretShareResult](a, ctx, iut.OpServerSecretShare, r, false)
}

// ClientSecretShare sends the operation iut.OpClientSecretShare.
func (a *Adapter) ClientSecretShare(ctx context.Context, r *iut.ClientSecretShareRequest) (*iut.ClientSecretShareResult, error) {
	return call[iut.ClientSecretShareResult](a, ctx, iut.OpClientSecretShare, r, false)
}

// TimePermitShare sends the operation iut.OpTimePermitShare.
func (a *Adapter) TimePermitShare(ctx context.Context, r *iut.TimePermitShareRequest) (*iut.TimePermitShareResult, error) {
	return call[iut.TimePermitShareResult](a, ctx, iut.OpTimePermitShare, r, false)
}

// RecombineG1 sends the operation iut.OpRecombineG1.
func (a *Adapter) RecombineG1(ctx context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	return call[iut.RecombineResult](a, ctx, iut.OpRecombineG1, r, false)
}

// RecombineG2 sends the operation iut.OpRecombineG2.
func (a *Adapter) RecombineG2(ctx context.Context, r *iut.RecombineRequest) (*iut.RecombineResult, error) {
	return call[iut.RecombineResult](a, ctx, iut.OpRecombineG2, r, false)
}

// ExtractPIN sends the operation iut.OpExtractPIN.
func (a *Adapter) ExtractPIN(ctx context.Context, r *iut.ExtractPINRequest) (*iut.ExtractPINResult, error) {
	return call[iut.ExtractPINResult](a, ctx, iut.OpExtractPIN, r, false)
}

// RestorePIN sends the operation iut.OpRestorePIN.
func (a *Adapter) RestorePIN(ctx context.Context, r *iut.RestorePINRequest) (*iut.RestorePINResult, error) {
	return call[iut.RestorePINResult](a, ctx, iut.OpRestorePIN, r, false)
}

// ExtractFactor sends the operation iut.OpExtractFactor.
func (a *Adapter) ExtractFactor(ctx context.Context, r *iut.ExtractFactorRequest) (*iut.ExtractFactorResult, error) {
	return call[iut.ExtractFactorResult](a, ctx, iut.OpExtractFactor, r, false)
}

// RestoreFactor sends the operation iut.OpRestoreFactor.
func (a *Adapter) RestoreFactor(ctx context.Context, r *iut.RestoreFactorRequest) (*iut.RestoreFactorResult, error) {
	return call[iut.RestoreFactorResult](a, ctx, iut.OpRestoreFactor, r, false)
}

// ClientPass1 sends the operation iut.OpClientPass1.
func (a *Adapter) ClientPass1(ctx context.Context, r *iut.ClientPass1Request) (*iut.ClientPass1Result, error) {
	return call[iut.ClientPass1Result](a, ctx, iut.OpClientPass1, r, false)
}

// ClientPass2 sends the operation iut.OpClientPass2.
func (a *Adapter) ClientPass2(ctx context.Context, r *iut.ClientPass2Request) (*iut.ClientPass2Result, error) {
	return call[iut.ClientPass2Result](a, ctx, iut.OpClientPass2, r, false)
}

// ClientOnePass sends the operation iut.OpClientOnePass.
func (a *Adapter) ClientOnePass(ctx context.Context, r *iut.ClientOnePassRequest) (*iut.ClientOnePassResult, error) {
	return call[iut.ClientOnePassResult](a, ctx, iut.OpClientOnePass, r, false)
}

// ServerVerifyOnePass sends the operation iut.OpServerVerifyOnePass.
func (a *Adapter) ServerVerifyOnePass(ctx context.Context, r *iut.ServerVerifyOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	return call[iut.ServerVerifyOnePassResult](a, ctx, iut.OpServerVerifyOnePass, r, r.Analyse)
}

// WrongPINValues sends the operation iut.OpWrongPINValues.
func (a *Adapter) WrongPINValues(ctx context.Context, r *iut.WrongPINValuesRequest) (*iut.WrongPINValuesResult, error) {
	return call[iut.WrongPINValuesResult](a, ctx, iut.OpWrongPINValues, r, false)
}

// WrongPINAnalysis sends the operation iut.OpWrongPINAnalysis.
func (a *Adapter) WrongPINAnalysis(ctx context.Context, r *iut.WrongPINAnalysisRequest) (*iut.WrongPINAnalysisResult, error) {
	return call[iut.WrongPINAnalysisResult](a, ctx, iut.OpWrongPINAnalysis, r, false)
}

// FullPrecompute sends the operation iut.OpFullPrecompute.
func (a *Adapter) FullPrecompute(ctx context.Context, r *iut.FullPrecomputeRequest) (*iut.FullPrecomputeResult, error) {
	return call[iut.FullPrecomputeResult](a, ctx, iut.OpFullPrecompute, r, false)
}

// FullClientEphemeral sends the operation iut.OpFullClientEphemeral.
func (a *Adapter) FullClientEphemeral(ctx context.Context, r *iut.FullClientEphemeralRequest) (*iut.FullClientEphemeralResult, error) {
	return call[iut.FullClientEphemeralResult](a, ctx, iut.OpFullClientEphemeral, r, false)
}

// FullServerEphemeral sends the operation iut.OpFullServerEphemeral.
func (a *Adapter) FullServerEphemeral(ctx context.Context, r *iut.FullServerEphemeralRequest) (*iut.FullServerEphemeralResult, error) {
	return call[iut.FullServerEphemeralResult](a, ctx, iut.OpFullServerEphemeral, r, false)
}

// FullHash sends the operation iut.OpFullHash.
func (a *Adapter) FullHash(ctx context.Context, r *iut.FullHashRequest) (*iut.FullHashResult, error) {
	return call[iut.FullHashResult](a, ctx, iut.OpFullHash, r, false)
}

// FullClientKey sends the operation iut.OpFullClientKey.
func (a *Adapter) FullClientKey(ctx context.Context, r *iut.FullClientKeyRequest) (*iut.KeyResult, error) {
	return call[iut.KeyResult](a, ctx, iut.OpFullClientKey, r, false)
}

// FullServerKey sends the operation iut.OpFullServerKey.
func (a *Adapter) FullServerKey(ctx context.Context, r *iut.FullServerKeyRequest) (*iut.KeyResult, error) {
	return call[iut.KeyResult](a, ctx, iut.OpFullServerKey, r, false)
}

// ClientNew sends the operation iut.OpClientNew.
func (a *Adapter) ClientNew(ctx context.Context, r *iut.ClientNewRequest) (*iut.ClientNewResult, error) {
	return call[iut.ClientNewResult](a, ctx, iut.OpClientNew, r, false)
}

// ClientStart sends the operation iut.OpClientStart.
func (a *Adapter) ClientStart(ctx context.Context, r *iut.ClientStartRequest) (*iut.ClientStartResult, error) {
	return call[iut.ClientStartResult](a, ctx, iut.OpClientStart, r, false)
}

// ClientRespond sends the operation iut.OpClientRespond.
func (a *Adapter) ClientRespond(ctx context.Context, r *iut.ClientRespondRequest) (*iut.ClientRespondResult, error) {
	return call[iut.ClientRespondResult](a, ctx, iut.OpClientRespond, r, false)
}

// ServerNew sends the operation iut.OpServerNew.
func (a *Adapter) ServerNew(ctx context.Context, r *iut.ServerNewRequest) (*iut.ServerNewResult, error) {
	return call[iut.ServerNewResult](a, ctx, iut.OpServerNew, r, false)
}

// ServerChallenge sends the operation iut.OpServerChallenge.
func (a *Adapter) ServerChallenge(ctx context.Context, r *iut.ServerChallengeRequest) (*iut.ServerChallengeResult, error) {
	return call[iut.ServerChallengeResult](a, ctx, iut.OpServerChallenge, r, false)
}

// ServerFinish sends the operation iut.OpServerFinish.
func (a *Adapter) ServerFinish(ctx context.Context, r *iut.ServerFinishRequest) (*iut.ServerFinishResult, error) {
	return call[iut.ServerFinishResult](a, ctx, iut.OpServerFinish, r, true)
}

// ServerOnePass sends the operation iut.OpServerOnePass.
func (a *Adapter) ServerOnePass(ctx context.Context, r *iut.ServerOnePassRequest) (*iut.ServerVerifyOnePassResult, error) {
	return call[iut.ServerVerifyOnePassResult](a, ctx, iut.OpServerOnePass, r, true)
}

// ServerVerify sends the operation iut.OpServerVerify.
func (a *Adapter) ServerVerify(ctx context.Context, r *iut.ServerVerifyRequest) error {
	_, err := call[iut.Empty](a, ctx, iut.OpServerVerify, r, r.Analyse)
	return err
}

// CloseHandle sends the operation iut.OpClose.
func (a *Adapter) CloseHandle(ctx context.Context, r *iut.CloseRequest) error {
	_, err := call[iut.Empty](a, ctx, iut.OpClose, r, false)
	return err
}
