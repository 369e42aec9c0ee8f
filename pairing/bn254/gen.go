package bn254

//go:generate go run ../internal/fieldgen -pkg bn254 -common -out arith_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -type Fp -desc "the BN254CX base field" -prime 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3 -out fp_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -type Fr -desc "the BN254CX scalar field" -prime 0x2400000008702A0DB0BDDF647A6366D2C43FD6EE0CC906CEBE11C0A636EB1F6D -out fr_gen.go
//go:generate go run ../internal/fieldgen -pkg bn254 -tower -prime 0x2400000008702A0DB0BDDF647A6366D3243FD6EE18093EE1BE6623EF5C1B55B3 -out tower_gen.go
