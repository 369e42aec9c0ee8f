package bn254

// legacyClearCofactor is the cofactor step of the legacy Milagro map. G1 of
// BN254CX has cofactor 1, so there is nothing to do.
func legacyClearCofactor(p *G1) *G1 { return p }
