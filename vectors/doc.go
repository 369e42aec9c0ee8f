// Package vectors holds mpinkit's published M-Pin test vectors and the code
// that makes, loads and runs them.
//
// The vectors are JSON files in this directory, one per suite and
// operation family (for example mpin_bn254cx_milagro_twopass.json), laid
// out as spec/vectors.md describes: Wycheproof-shaped, with a file header,
// testGroups[] holding shared parameters and tests[] holding inputs,
// expected outputs, a result ("valid" or "invalid"), flags that say why,
// and for invalid cases the canonical error name of spec/mpin.md section 13
// and the requirement IDs the case checks.
//
// Every value in the files comes from the reference implementation,
// reference/mpin, run from fixed seeds: Generate rewrites the files byte
// for byte, and Check regenerates them in memory and names those that
// differ (make vectors, make vectors-check; the command is
// mpin vectors gen|check). Run replays one file against the reference:
// valid cases must reproduce every output octet for octet and verify,
// invalid cases must fail with the named error. Load reads a file and
// checks its structure; Files gives the copy embedded at build time, so a
// program that imports this package carries the vectors with it.
//
// Nothing here is constant time: vectors are public data, and the secrets
// they hold are test secrets.
package vectors
