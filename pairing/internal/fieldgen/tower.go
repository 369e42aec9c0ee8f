package main

import (
	"fmt"
	"math/big"
	"text/template"
)

// bigFp2 is a minimal Fp2 = Fp[i]/(i^2+1) over big.Int, used only to compute
// the Frobenius constants at generation time.
type bigFp2 struct{ a, b *big.Int }

func (x bigFp2) mul(y bigFp2, p *big.Int) bigFp2 {
	a := new(big.Int).Mul(x.a, y.a)
	a.Sub(a, new(big.Int).Mul(x.b, y.b))
	b := new(big.Int).Mul(x.a, y.b)
	b.Add(b, new(big.Int).Mul(x.b, y.a))
	return bigFp2{a.Mod(a, p), b.Mod(b, p)}
}

func (x bigFp2) exp(e, p *big.Int) bigFp2 {
	r := bigFp2{big.NewInt(1), big.NewInt(0)}
	for i := e.BitLen() - 1; i >= 0; i-- {
		r = r.mul(r, p)
		if e.Bit(i) == 1 {
			r = r.mul(x, p)
		}
	}
	return r
}

type towerData struct {
	Pkg      string
	N        int
	Frob     [4][6][2]string // Frob[n][k] = xi^(k(p^n-1)/6) as Montgomery limbs (a, b)
	ExpP34   string
	ExpP12   string
	Bytes    int
	Frob2Fp  [6]string
	CommonNm string
}

func genTower(pkg string, p *big.Int) ([]byte, error) {
	n := (p.BitLen() + 63) / 64
	R := new(big.Int).Lsh(big.NewInt(1), uint(64*n))
	mont := func(x *big.Int) string {
		m := new(big.Int).Mul(x, R)
		return hexList(limbs(m.Mod(m, p), n))
	}
	if p.Bit(0) != 1 || p.Bit(1) != 1 {
		return nil, fmt.Errorf("tower needs p = 3 mod 4")
	}
	xi := bigFp2{big.NewInt(1), big.NewInt(1)}
	d := towerData{Pkg: pkg, N: n, Bytes: (p.BitLen() + 7) / 8}
	pn := new(big.Int).Set(p)
	for k := 1; k <= 3; k++ {
		e := new(big.Int).Sub(pn, big.NewInt(1))
		if new(big.Int).Mod(e, big.NewInt(6)).Sign() != 0 {
			return nil, fmt.Errorf("p^%d-1 not divisible by 6", k)
		}
		e.Div(e, big.NewInt(6))
		for j := 0; j < 6; j++ {
			v := xi.exp(new(big.Int).Mul(e, big.NewInt(int64(j))), p)
			d.Frob[k][j] = [2]string{mont(v.a), mont(v.b)}
		}
		pn.Mul(pn, p)
	}
	e34 := new(big.Int).Sub(p, big.NewInt(3))
	e34.Rsh(e34, 2)
	d.ExpP34 = hexList(limbs(e34, n))
	e12 := new(big.Int).Sub(p, big.NewInt(1))
	e12.Rsh(e12, 1)
	d.ExpP12 = hexList(limbs(e12, n))
	return render(towerTmpl, d)
}

var towerTmpl = template.Must(template.New("tower").Funcs(funcs).Parse(towerSrc + gtSrc))
