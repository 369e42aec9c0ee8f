package bigref

// Fp12ToTower returns the coefficients c of f in the tower
//
//	Fp6  = Fp2[v]/(v^3 - xi),   xi = 1 + i
//	Fp12 = Fp6[w]/(w^2 - v)
//
// that is f = sum over j in {0,1}, k in {0,1,2} of c[j][k] v^k w^j with
// c[j][k] in Fp2. Index j selects the Fp6 half (j = 0: the part without w)
// and k the power of v inside it.
//
// Derivation. In the tower, w^2 = v and v^3 = xi, hence w^6 = xi = 1 + i:
// the tower's w satisfies exactly the relation that defines the flat
// representation, so the two w's can be identified, with v = w^2 and
// i = w^6 - 1. A tower term c v^k w^j with c = c0 + c1*i is then
//
//	(c0 + c1 (w^6 - 1)) w^(j+2k) = (c0 - c1) w^n + c1 w^(n+6),  n = j + 2k.
//
// As (j, k) runs over {0,1} x {0,1,2}, n = j + 2k runs over 0..5 exactly
// once and n + 6 over 6..11, so every flat coefficient a_m is hit by exactly
// one tower coefficient: a_n = c0 - c1 and a_(n+6) = c1. Solving,
//
//	c[j][k] = (a_n + a_(n+6)) + a_(n+6) * i,   n = j + 2k.
//
// The map is a ring isomorphism because both sides are the same quotient of
// the polynomial ring in w; the tests confirm it by multiplying in an
// independent schoolbook tower.
func (c *Curve) Fp12ToTower(f Fp12) [2][3]Fp2 {
	var t [2][3]Fp2
	for j := 0; j < 2; j++ {
		for k := 0; k < 3; k++ {
			n := j + 2*k
			t[j][k] = Fp2{c.FpAdd(f[n], f[n+6]), c.Fp(f[n+6])}
		}
	}
	return t
}

// Fp12FromTower is the inverse of Fp12ToTower: it maps tower coefficients
// back to the flat representation via a_n = c0 - c1, a_(n+6) = c1 for
// c[j][k] = c0 + c1*i and n = j + 2k.
func (c *Curve) Fp12FromTower(t [2][3]Fp2) Fp12 {
	f := c.Fp12Zero()
	for j := 0; j < 2; j++ {
		for k := 0; k < 3; k++ {
			n := j + 2*k
			f[n] = c.FpSub(t[j][k].A, t[j][k].B)
			f[n+6] = c.Fp(t[j][k].B)
		}
	}
	return f
}

// Fp12ToTowerBytes serializes f through its tower coefficients in the order
// c[0][0], c[0][1], c[0][2], c[1][0], c[1][1], c[1][2], each written with
// Fp2ToBytes (real part first). Other byte orders can be assembled from
// Fp12ToTower directly.
func (c *Curve) Fp12ToTowerBytes(f Fp12) []byte {
	t := c.Fp12ToTower(f)
	var out []byte
	for j := 0; j < 2; j++ {
		for k := 0; k < 3; k++ {
			out = append(out, c.Fp2ToBytes(t[j][k])...)
		}
	}
	return out
}
