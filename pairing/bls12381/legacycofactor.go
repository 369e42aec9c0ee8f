package bls12381

// legacyCofactorG1 is the full cofactor h = #E(Fp)/r of G1,
// 0x396C8C005555E1568C00AAAB0000AAAB, as little-endian limbs. Milagro's map
// multiplies by it (not by the "effective" cofactor 1 - u of RFC 9380).
var legacyCofactorG1 = [2]uint64{0x8c00aaab0000aaab, 0x396c8c005555e156}

// legacyClearCofactor multiplies p by the full G1 cofactor, as the legacy
// Milagro map does. Variable time (the cofactor is public).
func legacyClearCofactor(p *G1) { p.scalarMultLimbsVarTime(p, legacyCofactorG1[:]) }
