package bls12381

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// Tests of the variable-time paths (varmult.go, the G1 and G2 subgroup
// tests) against the plain width-5 NAF scalarMultLimbsVarTime, the
// constant-time ScalarMult and the definition r*P = O.

// edgeScalars returns 0, 1, 2, r-1, r-2 and the scalars whose base-|u|
// digits are all 0, 1, |u|/2 or |u|-1 (those below r).
func edgeScalars() []*Fr {
	r := ModulusFr()
	u := new(big.Int).SetUint64(uAbs)
	var out []*Fr
	add := func(v *big.Int) {
		if v.Sign() < 0 || v.Cmp(r) >= 0 {
			return
		}
		var k Fr
		k.SetBig(v)
		out = append(out, &k)
	}
	for _, d := range []int64{0, 1, 2, -1, -2} {
		v := big.NewInt(d)
		if d < 0 {
			v.Add(v, r)
		}
		add(v)
	}
	digits := []uint64{0, 1, uAbs / 2, uAbs - 1}
	for i := 0; i < 256; i++ {
		v := new(big.Int)
		for pos := 3; pos >= 0; pos-- {
			v.Mul(v, u)
			v.Add(v, new(big.Int).SetUint64(digits[(i>>(2*pos))&3]))
		}
		add(v)
	}
	return out
}

// scaleG1 returns the same point as p with (X : Y : Z) multiplied by l.
func scaleG1(p *G1, l *Fp) *G1 {
	var q G1
	q.X.Mul(&p.X, l)
	q.Y.Mul(&p.Y, l)
	q.Z.Mul(&p.Z, l)
	return &q
}

// drawNonzeroFp draws a nonzero field element.
func drawNonzeroFp(t *rapid.T, label string) *Fp {
	var l Fp
	l.SetBytesReduce(rapid.SliceOfN(rapid.Byte(), 64, 64).Draw(t, label))
	if l.IsZero() == 1 {
		l.SetOne()
	}
	return &l
}

// drawVarTimeScalar draws uniform scalars, small ones, ones next to r and
// ones built from extreme base-|u| digits.
func drawVarTimeScalar(t *rapid.T, label string) *Fr {
	var k Fr
	switch rapid.IntRange(0, 3).Draw(t, label+"-kind") {
	case 0:
		return drawScalar(t, label)
	case 1:
		k.SetUint64(rapid.Uint64().Draw(t, label))
	case 2:
		k.SetUint64(rapid.Uint64Range(0, 1<<20).Draw(t, label))
		k.Neg(&k)
	default:
		u := new(big.Int).SetUint64(uAbs)
		v := new(big.Int)
		for i := 0; i < 4; i++ {
			d := rapid.SampledFrom([]uint64{0, 1, 2, uAbs / 2, uAbs - 2, uAbs - 1,
				rapid.Uint64Range(0, uAbs-1).Draw(t, label+"-d")}).Draw(t, label)
			v.Mul(v, u)
			v.Add(v, new(big.Int).SetUint64(d))
		}
		k.SetBig(v.Mod(v, ModulusFr()))
	}
	return &k
}

// drawG1 draws a point of G1: a random multiple of the generator, its
// negation, the identity or a hashed point, in a random projective scaling.
func drawG1(t *rapid.T) *G1 {
	var p G1
	switch rapid.IntRange(0, 4).Draw(t, "pkind") {
	case 0:
		p.SetIdentity()
	case 1:
		p.Set(&g1Gen)
	case 2:
		p.ScalarBaseMult(drawScalar(t, "s"))
		p.Neg(&p)
	case 3:
		p.Set(HashToG1(rapid.SliceOf(rapid.Byte()).Draw(t, "msg"), []byte("varmult-test")))
	default:
		p.ScalarBaseMult(drawScalar(t, "s"))
	}
	return scaleG1(&p, drawNonzeroFp(t, "lambda"))
}

func drawG2(t *rapid.T) *G2 {
	var q G2
	switch rapid.IntRange(0, 3).Draw(t, "qkind") {
	case 0:
		q.SetIdentity()
	case 1:
		q.Set(&g2Gen)
	case 2:
		q.ScalarBaseMult(drawScalar(t, "s"))
		q.Neg(&q)
	default:
		q.ScalarBaseMult(drawScalar(t, "s"))
	}
	return &q
}

func checkG1VarTime(t fataler, k *Fr, p *G1) {
	l := k.Limbs()
	var got, plain, ct G1
	got.ScalarMultVarTime(k, p)
	plain.scalarMultLimbsVarTime(p, l[:])
	ct.ScalarMult(k, p)
	if got.IsOnCurve() != 1 || got.Equal(&plain) != 1 || got.Equal(&ct) != 1 {
		t.Fatalf("G1 ScalarMultVarTime(%s) differs from the plain NAF or ScalarMult", k.Big().Text(16))
	}
}

func checkG2VarTime(t fataler, k *Fr, q *G2) {
	l := k.Limbs()
	var got, plain, ct G2
	got.ScalarMultVarTime(k, q)
	plain.scalarMultLimbsVarTime(q, l[:])
	ct.ScalarMult(k, q)
	if got.IsOnCurve() != 1 || got.Equal(&plain) != 1 || got.Equal(&ct) != 1 {
		t.Fatalf("G2 ScalarMultVarTime(%s) differs from the plain NAF or ScalarMult", k.Big().Text(16))
	}
}

func TestG1ScalarMultVarTimeDifferential(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkG1VarTime(t, drawVarTimeScalar(t, "k"), drawG1(t))
	})
}

func TestG2ScalarMultVarTimeDifferential(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkG2VarTime(t, drawVarTimeScalar(t, "k"), drawG2(t))
	})
}

func TestScalarMultVarTimeEdgeCases(t *testing.T) {
	var s Fr
	s.SetUint64(0x1234567)
	var p, pn, pz, id G1
	p.ScalarBaseMult(&s)
	pn.Neg(&p)
	var l Fp
	l.SetUint64(77)
	pz = *scaleG1(&g1Gen, &l)
	id.SetIdentity()
	var q, qn, qid G2
	q.ScalarBaseMult(&s)
	qn.Neg(&q)
	qid.SetIdentity()
	ks := edgeScalars()
	if len(ks) < 200 {
		t.Fatalf("only %d edge scalars", len(ks))
	}
	for _, k := range ks {
		for _, pt := range []*G1{&g1Gen, &p, &pn, &pz, &id} {
			checkG1VarTime(t, k, pt)
		}
		for _, pt := range []*G2{&g2Gen, &qn, &qid} {
			checkG2VarTime(t, k, pt)
		}
	}
	// k = r-1 gives -P and r-2 gives -2P.
	var k Fr
	k.SetUint64(1)
	k.Neg(&k)
	var got, want G1
	got.ScalarMultVarTime(&k, &p)
	if got.Equal(&pn) != 1 {
		t.Fatal("(r-1)P != -P")
	}
	k.SetUint64(2)
	k.Neg(&k)
	got.ScalarMultVarTime(&k, &p)
	want.Double(&pn)
	if got.Equal(&want) != 1 {
		t.Fatal("(r-2)P != -2P")
	}
	// Aliasing: p = k*p.
	k.SetUint64(5)
	want.ScalarMult(&k, &p)
	got.Set(&p)
	got.ScalarMultVarTime(&k, &got)
	if got.Equal(&want) != 1 {
		t.Fatal("aliased ScalarMultVarTime")
	}
	var q2, want2 G2
	want2.ScalarMult(&k, &q)
	q2.Set(&q)
	q2.ScalarMultVarTime(&k, &q2)
	if q2.Equal(&want2) != 1 {
		t.Fatal("aliased G2 ScalarMultVarTime")
	}
}

func toJac(p *G1, l *Fp) *g1Jac {
	// (X : Y : Z) -> (l^2 XZ : l^3 YZ^2 : lZ): a random Jacobian representative.
	var j g1Jac
	j.fromG1(p)
	var l2, l3 Fp
	l2.Square(l)
	l3.Mul(&l2, l)
	j.X.Mul(&j.X, &l2)
	j.Y.Mul(&j.Y, &l3)
	j.Z.Mul(&j.Z, l)
	return &j
}

// The Jacobian formulas hold on all of E(Fp), so test them on points
// outside G1 too, with the exceptional cases: equal and opposite operands
// in different representations, and the identity on either side.
func TestG1JacobianArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var a, b G1
		if rapid.Bool().Draw(t, "inG1") {
			a.ScalarBaseMult(drawScalar(t, "a"))
		} else {
			a.Set(randomG1OnCurve(t))
		}
		switch rapid.IntRange(0, 4).Draw(t, "case") {
		case 0:
			b.Set(&a)
		case 1:
			b.Neg(&a)
		case 2:
			b.SetIdentity()
		case 3:
			b.Set(&a)
			a.SetIdentity()
		default:
			b.Set(randomG1OnCurve(t))
		}
		ja := toJac(&a, drawNonzeroFp(t, "la"))
		jb := toJac(&b, drawNonzeroFp(t, "lb"))
		var cb g1JacCached
		cb.set(jb)
		var sum, dbl g1Jac
		sum.addCached(ja, &cb)
		dbl.double(ja)
		var gotSum, gotDbl, wantSum, wantDbl G1
		sum.toG1(&gotSum)
		dbl.toG1(&gotDbl)
		wantSum.Add(&a, &b)
		wantDbl.Double(&a)
		if gotSum.Equal(&wantSum) != 1 || gotSum.IsOnCurve() != 1 {
			t.Fatal("Jacobian addition differs from the complete formula")
		}
		if gotDbl.Equal(&wantDbl) != 1 || gotDbl.IsOnCurve() != 1 {
			t.Fatal("Jacobian doubling differs from the complete formula")
		}
		// In place.
		sum = *ja
		sum.addCached(&sum, &cb)
		sum.toG1(&gotSum)
		dbl = *ja
		dbl.double(&dbl)
		dbl.toG1(&gotDbl)
		if gotSum.Equal(&wantSum) != 1 || gotDbl.Equal(&wantDbl) != 1 {
			t.Fatal("aliased Jacobian operation")
		}
		// |u| a by the sparse chain.
		var m, want G1
		var ja2 g1Jac
		ja2.mulByUAbs(ja)
		ja2.toG1(&m)
		want.scalarMultLimbsVarTime(&a, []uint64{uAbs})
		if m.Equal(&want) != 1 {
			t.Fatal("mulByUAbs differs from the NAF")
		}
		var q, qm, qwant G2
		q.Set(randomG2OnCurve(t))
		qm.mulByUAbsVarTime(&q)
		qwant.scalarMultLimbsVarTime(&q, []uint64{uAbs})
		if qm.Equal(&qwant) != 1 {
			t.Fatal("G2 mulByUAbsVarTime differs from the NAF")
		}
	})
}

// isInSubgroupOld is the previous G1 test: u^2 P by a width-5 NAF of the
// 128-bit u^2 with the complete projective formulas. Kept as a
// differential oracle and for the benchmark.
func (p *G1) isInSubgroupOld() int {
	var phi, t G1
	phi.X.Mul(&p.X, &betaG1)
	phi.Y.Set(&p.Y)
	phi.Z.Set(&p.Z)
	t.scalarMultLimbsVarTime(p, uSquared[:])
	t.Neg(&t)
	return phi.Equal(&t)
}

// isInSubgroupChainProjective is the sparse |u|(|u|P) chain in the
// complete projective formulas (benchmark comparison only).
func (p *G1) isInSubgroupChainProjective() int {
	var phi, t G1
	phi.X.Mul(&p.X, &betaG1)
	phi.Y.Set(&p.Y)
	phi.Z.Set(&p.Z)
	mul := func(q *G1) G1 {
		acc := *q
		for i := 62; i >= 0; i-- {
			acc.Double(&acc)
			if uAbs>>uint(i)&1 == 1 {
				acc.Add(&acc, q)
			}
		}
		return acc
	}
	t = mul(p)
	t = mul(&t)
	t.Neg(&t)
	return phi.Equal(&t)
}

// isInSubgroupNAFJacobian is a width-5 NAF of u^2 in Jacobian coordinates
// (benchmark comparison only).
func (p *G1) isInSubgroupNAFJacobian() int {
	var naf [2*64 + 1]int8
	n := wnaf5(naf[:], uSquared[:])
	var j, t g1Jac
	j.fromG1(p)
	var odd [8]g1JacCached
	var j2 g1Jac
	var c2 g1JacCached
	j2.double(&j)
	c2.set(&j2)
	t = j
	odd[0].set(&t)
	for i := 1; i < 8; i++ {
		t.addCached(&t, &c2)
		odd[i].set(&t)
	}
	t.setIdentity()
	for i := n - 1; i >= 0; i-- {
		t.double(&t)
		if naf[i] != 0 {
			t.addDigit(&t, &odd, naf[i])
		}
	}
	var phi, r G1
	phi.X.Mul(&p.X, &betaG1)
	phi.Y.Set(&p.Y)
	phi.Z.Set(&p.Z)
	t.toG1(&r)
	r.Neg(&r)
	return phi.Equal(&r)
}

// randomG1Torsion returns r*P for a random P on E(Fp): a point whose order
// divides the cofactor, almost surely not the identity.
func randomG1Torsion(t *rapid.T) *G1 {
	var tor G1
	tor.scalarMultLimbsVarTime(randomG1OnCurve(t), rLimbs[:])
	return &tor
}

func TestG1IsInSubgroup(t *testing.T) {
	var id G1
	id.SetIdentity()
	if id.IsInSubgroup() != 1 {
		t.Fatal("identity rejected")
	}
	if g1Gen.IsInSubgroup() != 1 {
		t.Fatal("generator rejected")
	}
	rejected := 0
	rapid.Check(t, func(t *rapid.T) {
		// Members, in random projective scalings.
		in := drawG1(t)
		if in.IsInSubgroup() != 1 || in.isInSubgroupOld() != 1 {
			t.Fatal("point of G1 rejected")
		}
		// Points of E(Fp) from random x without cofactor clearing.
		out := scaleG1(randomG1OnCurve(t), drawNonzeroFp(t, "l"))
		want := out.isInSubgroupSlow()
		if out.IsInSubgroup() != want || out.isInSubgroupOld() != want {
			t.Fatal("membership of a random curve point differs from r*P = O")
		}
		if want == 0 {
			rejected++
		}
		// Pure cofactor torsion, and a member plus torsion.
		tor := randomG1Torsion(t)
		if tor.IsIdentity() == 0 && tor.IsInSubgroup() != 0 {
			t.Fatal("torsion point accepted")
		}
		var mixed G1
		mixed.Add(in, tor)
		if mixed.IsInSubgroup() != mixed.isInSubgroupSlow() {
			t.Fatal("member plus torsion misjudged")
		}
		var neg G1
		neg.Neg(out)
		if neg.IsInSubgroup() != want {
			t.Fatal("negation changes membership")
		}
		// The benchmark variants agree too.
		if out.isInSubgroupChainProjective() != want || out.isInSubgroupNAFJacobian() != want ||
			in.isInSubgroupChainProjective() != 1 || in.isInSubgroupNAFJacobian() != 1 {
			t.Fatal("benchmark variant disagrees")
		}
	})
	if rejected == 0 {
		t.Fatal("no random curve point was outside G1: the test is vacuous")
	}
}

func TestG2IsInSubgroupSparseChain(t *testing.T) {
	var id G2
	id.SetIdentity()
	if id.IsInSubgroup() != 1 || g2Gen.IsInSubgroup() != 1 {
		t.Fatal("identity or generator rejected")
	}
	rapid.Check(t, func(t *rapid.T) {
		if drawG2(t).IsInSubgroup() != 1 {
			t.Fatal("point of G2 rejected")
		}
		q := randomG2OnCurve(t)
		if q.IsInSubgroup() != q.isInSubgroupSlow() {
			t.Fatal("membership of a random twist point differs from r*Q = O")
		}
		var tor G2
		tor.scalarMultLimbsVarTime(q, rLimbs[:])
		if tor.IsIdentity() == 0 && tor.IsInSubgroup() != 0 {
			t.Fatal("twist torsion point accepted")
		}
	})
}

func TestVarTimePathsDoNotAllocate(t *testing.T) {
	var k Fr
	k.SetUint64(0xdeadbeef)
	k.Neg(&k)
	var p G1
	var q G2
	cases := map[string]func(){
		"g1":       func() { p.ScalarMultVarTime(&k, &g1Gen) },
		"g2":       func() { q.ScalarMultVarTime(&k, &g2Gen) },
		"g1plain":  func() { l := k.Limbs(); p.scalarMultLimbsVarTime(&g1Gen, l[:]) },
		"g1member": func() { g1Gen.IsInSubgroup() },
		"g2member": func() { g2Gen.IsInSubgroup() },
	}
	for name, fn := range cases {
		if n := testing.AllocsPerRun(5, fn); n != 0 {
			t.Errorf("%s: %v allocations per run", name, n)
		}
	}
}

// benchScalar is a fixed full-length public scalar.
func benchScalar() *Fr {
	var k Fr
	k.SetBytesReduce([]byte("a fixed 64-byte string standing in for a public scalar in benchmarks"))
	return &k
}

func BenchmarkG1ScalarMultVarTime(b *testing.B) {
	k := benchScalar()
	var p G1
	p.ScalarBaseMult(k) // a point with Z != 1
	b.Run("old-naf255", func(b *testing.B) {
		var r G1
		for i := 0; i < b.N; i++ {
			l := k.Limbs()
			r.scalarMultLimbsVarTime(&p, l[:])
		}
	})
	b.Run("new-glv", func(b *testing.B) {
		var r G1
		for i := 0; i < b.N; i++ {
			r.ScalarMultVarTime(k, &p)
		}
	})
	b.Run("ct", func(b *testing.B) {
		var r G1
		for i := 0; i < b.N; i++ {
			r.ScalarMult(k, &p)
		}
	})
}

func BenchmarkG2ScalarMultVarTime(b *testing.B) {
	k := benchScalar()
	var q G2
	q.ScalarBaseMult(k)
	b.Run("old-naf255", func(b *testing.B) {
		var r G2
		for i := 0; i < b.N; i++ {
			l := k.Limbs()
			r.scalarMultLimbsVarTime(&q, l[:])
		}
	})
	b.Run("new-gls", func(b *testing.B) {
		var r G2
		for i := 0; i < b.N; i++ {
			r.ScalarMultVarTime(k, &q)
		}
	})
}

func BenchmarkG1IsInSubgroup(b *testing.B) {
	var p G1
	p.ScalarBaseMult(benchScalar())
	for _, v := range []struct {
		name string
		f    func() int
	}{
		{"old-naf-u2-projective", p.isInSubgroupOld},
		{"chain-projective", p.isInSubgroupChainProjective},
		{"naf-u2-jacobian", p.isInSubgroupNAFJacobian},
		{"new-chain-jacobian", p.IsInSubgroup},
	} {
		b.Run(v.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if v.f() != 1 {
					b.Fatal("rejected")
				}
			}
		})
	}
}

func BenchmarkG2IsInSubgroup(b *testing.B) {
	var q G2
	q.ScalarBaseMult(benchScalar())
	b.Run("old-naf-u", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var l, r G2
			l.psi(&q)
			r.scalarMultLimbsVarTime(&q, []uint64{uAbs})
			r.Neg(&r)
			if l.Equal(&r) != 1 {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("new-chain", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if q.IsInSubgroup() != 1 {
				b.Fatal("rejected")
			}
		}
	})
}
