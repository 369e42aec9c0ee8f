package bn254

// legacyClearCofactor is the cofactor step of the legacy Milagro map. G1 of
// BN254CX has cofactor 1, so there is nothing to do.
func legacyClearCofactor(p *G1) *G1 { return p }

// legacyClearCofactorSum returns p1 + p2, the sum of two legacy map
// outputs: with cofactor 1 the candidate points are the outputs.
func legacyClearCofactorSum(p1, p2 *G1) (*G1, bool) {
	var s G1
	return s.Add(p1, p2), true
}
