package iut

// Operation names of spec/shim.md section 9.
const (
	OpCapabilities        = "capabilities"
	OpReset               = "reset"
	OpShutdown            = "shutdown"
	OpClose               = "close"
	OpValidate            = "validate"
	OpHashID              = "hash_id"
	OpPermitPoint         = "permit_point"
	OpPair                = "pair"
	OpMasterShare         = "master_share"
	OpServerSecretShare   = "server_secret_share"
	OpClientSecretShare   = "client_secret_share"
	OpTimePermitShare     = "time_permit_share"
	OpRecombineG1         = "recombine_g1"
	OpRecombineG2         = "recombine_g2"
	OpExtractPIN          = "extract_pin"
	OpRestorePIN          = "restore_pin"
	OpExtractFactor       = "extract_factor"
	OpRestoreFactor       = "restore_factor"
	OpClientPass1         = "client_pass1"
	OpClientPass2         = "client_pass2"
	OpServerVerify        = "server_verify"
	OpClientOnePass       = "client_one_pass"
	OpServerVerifyOnePass = "server_verify_one_pass"
	OpWrongPINValues      = "wrong_pin_values"
	OpWrongPINAnalysis    = "wrong_pin_analysis"
	OpFullPrecompute      = "full_precompute"
	OpFullClientEphemeral = "full_client_ephemeral"
	OpFullServerEphemeral = "full_server_ephemeral"
	OpFullHash            = "full_hash"
	OpFullClientKey       = "full_client_key"
	OpFullServerKey       = "full_server_key"
	OpClientNew           = "client_new"
	OpClientStart         = "client_start"
	OpClientRespond       = "client_respond"
	OpServerNew           = "server_new"
	OpServerChallenge     = "server_challenge"
	OpServerFinish        = "server_finish"
	OpServerOnePass       = "server_one_pass"
)

// coreFor lists, per operation, the claims that make it core (spec/shim.md
// section 9.1): each inner list is a conjunction of claim names (as
// SuiteClaim.Has takes them), and the operation is core when any
// conjunction holds. Operations absent from the map are optional.
var coreFor = map[string][][]string{
	OpMasterShare:         {{RoleAuthority}},
	OpServerSecretShare:   {{RoleAuthority}},
	OpClientSecretShare:   {{RoleAuthority}},
	OpTimePermitShare:     {{RoleAuthority, "permits"}},
	OpHashID:              {{RoleClient}, {RoleServer}},
	OpPermitPoint:         {{"permits"}},
	OpRecombineG1:         {{RoleClient}},
	OpRecombineG2:         {{RoleServer}},
	OpExtractPIN:          {{RoleClient}},
	OpRestorePIN:          {{RoleClient}},
	OpExtractFactor:       {{"factors"}},
	OpRestoreFactor:       {{"factors"}},
	OpClientPass1:         {{RoleClient}},
	OpClientPass2:         {{RoleClient}},
	OpServerVerify:        {{RoleServer}},
	OpClientOnePass:       {{RoleClient, ModeOnePass}},
	OpServerVerifyOnePass: {{RoleServer, ModeOnePass}},
	OpWrongPINValues:      {{RoleServer, "wrong-pin"}},
	OpWrongPINAnalysis:    {{RoleServer, "wrong-pin"}},
	OpFullPrecompute:      {{RoleClient, "full"}},
	OpFullClientEphemeral: {{RoleClient, "full"}},
	OpFullServerEphemeral: {{RoleServer, "full"}},
	OpFullHash:            {{RoleClient, "full"}, {RoleServer, "full"}},
	OpFullClientKey:       {{RoleClient, "full"}},
	OpFullServerKey:       {{RoleServer, "full"}},
	OpClientNew:           {{RoleClient}},
	OpClientStart:         {{RoleClient}},
	OpClientRespond:       {{RoleClient}},
	OpServerNew:           {{RoleServer}},
	OpServerChallenge:     {{RoleServer}},
	OpServerFinish:        {{RoleServer}},
	OpServerOnePass:       {{RoleServer, ModeOnePass}},
}

// IsCore reports whether op is core for a suite claim: an "unimplemented"
// answer to it then fails the scenario instead of skipping it. The meta
// operations (capabilities, reset, shutdown) are core for every shim.
func IsCore(op string, c *SuiteClaim) bool {
	switch op {
	case OpCapabilities, OpReset, OpShutdown:
		return true
	}
	if c == nil {
		return false
	}
	for _, conj := range coreFor[op] {
		all := true
		for _, name := range conj {
			if !c.Has(name) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// SlowOps are the operations that get the slow timeout (spec/shim.md
// section 10), besides any verification with analyse.
var SlowOps = map[string]bool{
	OpPair: true, OpFullPrecompute: true, OpWrongPINValues: true, OpWrongPINAnalysis: true,
}
