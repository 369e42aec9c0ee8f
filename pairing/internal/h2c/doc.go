// Package h2c holds the hash-independent, curve-independent parts of
// RFC 9380 ("Hashing to Elliptic Curves") shared by the curve packages:
// expand_message_xmd with SHA-256 (section 5.3.1), the oversize-DST rule
// (section 5.3.3) and the byte layout of hash_to_field (section 5.2).
//
// Nothing here branches on the content of the message; running time depends
// only on the lengths of the message, the tag and the requested output. The
// per-curve packages turn the uniform bytes into field elements with their own
// constant-time reduction.
package h2c
