package bls12381

//go:generate go run ../internal/fieldgen -pkg bls12381 -common -out arith_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -type Fp -desc "the BLS12-381 base field" -prime 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab -out fp_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -type Fr -desc "the BLS12-381 scalar field" -prime 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 -out fr_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -tower -prime 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab -out tower_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -group G1 -type Fp -b3 b3G1 -desc "the BLS12-381 group G1 (y^2 = x^3 + 4 over Fp)" -out g1_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -group G2 -type Fp2 -b3 b3G2 -desc "the BLS12-381 twist group G2 (y^2 = x^3 + 4(1+i) over Fp2)" -out g2_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -suite BLS12381 -out suite_gen.go
//go:generate go run ../internal/fieldgen -pkg bls12381 -milagro BLS12-381 -prime 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab -cofdoc "0x396C8C005555E1568C00AAAB0000AAAB on BLS12-381, not the effective cofactor 1 - u of RFC 9380" -out milagro_gen.go
