package bn254

//go:generate go run ../internal/fieldgen -pkg bn254 -common -out arith_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -type Fp -desc "the BN254CX base field" -prime 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3 -out fp_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -type Fr -desc "the BN254CX scalar field" -prime 0x2400000008702A0DB0BDDF647A6366D2C43FD6EE0CC906CEBE11C0A636EB1F6D -out fr_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -tower -prime 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3 -out tower_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -group G1 -type Fp -b3 b3G1 -desc "the BN254CX group G1 (y^2 = x^3 + 2 over Fp)" -out g1_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -group G2 -type Fp2 -b3 b3G2 -desc "the BN254CX twist group G2 (y^2 = x^3 + 2/(1+i) over Fp2, a D-type sextic twist)" -out g2_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -suite BN254CX -out suite_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -milagro BN254CX -prime 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3 -cofdoc "1 on BN254CX: every curve point is in G1" -out milagro_gen.go
