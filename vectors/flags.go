package vectors

// Flags. Every flag a file uses is defined in its notes with the text
// below; spec/vectors.md lists them all.
const (
	// FlagOffCurve marks a point whose canonical coordinates miss the
	// curve or twist equation.
	FlagOffCurve = "OffCurve"
	// FlagWrongSubgroup marks a point on the curve or twist but outside
	// the subgroup of order r.
	FlagWrongSubgroup = "WrongSubgroup"
	// FlagIdentityPoint marks the encoding of the point at infinity, or an
	// operation whose result would be the point at infinity.
	FlagIdentityPoint = "IdentityPoint"
	// FlagNonCanonicalEncoding marks an encoding that is not the suite's
	// canonical form; one of the four flags below says how.
	FlagNonCanonicalEncoding = "NonCanonicalEncoding"
	// FlagCoordinateTooLarge marks a coordinate or coefficient not below p.
	FlagCoordinateTooLarge = "CoordinateTooLarge"
	// FlagBadPrefix marks a point whose first octet is not the suite's.
	FlagBadPrefix = "BadPrefix"
	// FlagWrongLength marks an encoding of the wrong length.
	FlagWrongLength = "WrongLength"
	// FlagCompressedPoint marks a compressed point encoding.
	FlagCompressedPoint = "CompressedPoint"
	// FlagWrongComponentOrder marks a G2 point written with the real and
	// imaginary parts of each coordinate swapped.
	FlagWrongComponentOrder = "WrongComponentOrder"
	// FlagNotInGT marks an Fp12 value outside the order-r subgroup GT.
	FlagNotInGT = "NotInGT"
	// FlagZeroScalar marks a zero scalar where a non-zero one is needed.
	FlagZeroScalar = "ZeroScalar"
	// FlagScalarOutOfRange marks a scalar encoding not below r.
	FlagScalarOutOfRange = "ScalarOutOfRange"
	// FlagXPlusYZero marks a run whose challenge cancels the client's
	// scalar: x + y = 0 mod r.
	FlagXPlusYZero = "XPlusYZero"
	// FlagWrongDay marks a permit day after the server's day.
	FlagWrongDay = "WrongDay"
	// FlagExpiredPermit marks a permit day before the days the server
	// accepts.
	FlagExpiredPermit = "ExpiredPermit"
	// FlagMissingPermit marks a first pass without UT to a server that
	// requires permits.
	FlagMissingPermit = "MissingPermit"
	// FlagWrongPermit marks a client using a permit of another day or
	// identity than the one it states.
	FlagWrongPermit = "WrongPermit"
	// FlagStaleTimeValue marks a one-pass time value older than the window.
	FlagStaleTimeValue = "StaleTimeValue"
	// FlagFutureTimeValue marks a one-pass time value ahead of the window.
	FlagFutureTimeValue = "FutureTimeValue"
	// FlagTamperedU marks a U changed between client and server.
	FlagTamperedU = "TamperedU"
	// FlagTamperedUT marks a UT changed between client and server.
	FlagTamperedUT = "TamperedUT"
	// FlagTamperedV marks a V changed between client and server.
	FlagTamperedV = "TamperedV"
	// FlagTamperedY marks a challenge changed between the parties.
	FlagTamperedY = "TamperedY"
	// FlagTamperedID marks an identity changed between client and server.
	FlagTamperedID = "TamperedId"
	// FlagTamperedMessage marks a one-pass message changed in transit.
	FlagTamperedMessage = "TamperedMessage"
	// FlagTamperedTimeValue marks a one-pass time value changed in transit
	// (still inside the window).
	FlagTamperedTimeValue = "TamperedTimeValue"
	// FlagTamperedR marks an M-Pin Full key share R changed in transit.
	FlagTamperedR = "TamperedR"
	// FlagTamperedW marks an M-Pin Full key share W changed in transit.
	FlagTamperedW = "TamperedW"
	// FlagKeyMismatch marks an M-Pin Full case where every step succeeds
	// and the two session keys differ.
	FlagKeyMismatch = "KeyMismatch"
	// FlagMismatchedShares marks a secret recombined from shares of
	// different authorities, or missing one share.
	FlagMismatchedShares = "MismatchedShares"
	// FlagBadPIN marks a run whose only fault is the PIN.
	FlagBadPIN = "BadPin"
	// FlagNotAClient marks a failed check that no PIN error explains.
	FlagNotAClient = "NotAClient"
	// FlagEmptyIdentity marks an empty identity.
	FlagEmptyIdentity = "EmptyIdentity"
	// FlagDayOutOfRange marks a day number outside [1, 2^31 - 1].
	FlagDayOutOfRange = "DayOutOfRange"
	// FlagTimeValueOutOfRange marks a time value outside [1, 2^31 - 1].
	FlagTimeValueOutOfRange = "TimeValueOutOfRange"
	// FlagNegativePIN marks a negative PIN.
	FlagNegativePIN = "NegativePin"
	// FlagFactorOutOfRange marks a general factor or bit length outside
	// its range.
	FlagFactorOutOfRange = "FactorOutOfRange"
	// FlagEmptyShareList marks a recombination of no shares.
	FlagEmptyShareList = "EmptyShareList"
	// FlagShortSeed marks a master-share seed shorter than 32 octets.
	FlagShortSeed = "ShortSeed"
	// FlagMalformedHashedID marks a hashed identity of the wrong form.
	FlagMalformedHashedID = "MalformedHashedId"

	// FlagPINReduced marks a PIN of 10000 or more, used mod 10000.
	FlagPINReduced = "PinReduced"
	// FlagGraceDay marks yesterday's permit accepted in the grace window.
	FlagGraceDay = "GraceDay"
	// FlagDayNotStated marks a first pass that carries UT but no day.
	FlagDayNotStated = "DayNotStated"
	// FlagIgnoredPermit marks UT sent to a server that does not use
	// permits, which ignores it.
	FlagIgnoredPermit = "IgnoredPermit"
	// FlagWindowEdge marks a one-pass time value exactly at the window's
	// edge.
	FlagWindowEdge = "WindowEdge"
	// FlagEmptyMessage marks a one-pass message present but empty.
	FlagEmptyMessage = "EmptyMessage"
	// FlagEdgeValue marks an input at the edge of its range.
	FlagEdgeValue = "EdgeValue"
)

// flagNotes is the note text of every flag.
var flagNotes = map[string]string{
	FlagOffCurve:             "A point with canonical coordinates that do not satisfy the curve (G1) or twist (G2) equation. Rejected with INVALID_POINT (REQ-MPIN-14.5).",
	FlagWrongSubgroup:        "A point on the curve or twist but outside the subgroup of order r (G1 and G2 of BLS12-381, G2 of BN254CX; BN254CX G1 has cofactor 1). Rejected with INVALID_POINT (REQ-MPIN-14.6).",
	FlagIdentityPoint:        "The encoding of the point at infinity, or an operation whose result would be the point at infinity. Rejected with IDENTITY_POINT (REQ-MPIN-14.4, 3.7, 5.2, 14.10).",
	FlagNonCanonicalEncoding: "An encoding that is not the suite's canonical form; a second flag says how. Rejected with NON_CANONICAL (REQ-MPIN-14.2, 14.3).",
	FlagCoordinateTooLarge:   "A coordinate or coefficient whose value is not below p.",
	FlagBadPrefix:            "A point encoding whose first octet is not the suite's 0x04.",
	FlagWrongLength:          "An encoding whose length differs from the one section 12 of spec/mpin.md gives.",
	FlagCompressedPoint:      "A compressed point (0x02/0x03 followed by x), which no suite accepts.",
	FlagWrongComponentOrder:  "A valid G2 point written with the real and imaginary parts of each coordinate swapped: the other suite family's order. It lands off the twist.",
	FlagNotInGT:              "Twelve canonical coefficients of an Fp12 value outside GT. Rejected with INVALID_POINT (REQ-MPIN-14.6).",
	FlagZeroScalar:           "A scalar equal to 0 where a non-zero one is required (master share, x, y, z, w). Rejected with INVALID_SCALAR (REQ-MPIN-14.8, 14.9, 3.2).",
	FlagScalarOutOfRange:     "A scalar encoding of the right length whose value is not below r. Rejected with INVALID_SCALAR (REQ-MPIN-14.7).",
	FlagXPlusYZero:           "A challenge that cancels the client's scalar, x + y = 0 mod r: the client aborts with INVALID_SCALAR (REQ-MPIN-7.4), the server sees U* + y H* at infinity and rejects with IDENTITY_POINT (REQ-MPIN-14.10).",
	FlagWrongDay:             "A stated permit day after the server's current day. Rejected with WRONG_DAY before any pairing (REQ-MPIN-6.4).",
	FlagExpiredPermit:        "A stated permit day before the days the server accepts (yesterday outside the grace window, or older). Rejected with EXPIRED_PERMIT (REQ-MPIN-6.4).",
	FlagMissingPermit:        "A first pass without UT sent to a server that requires permits. Rejected with EXPIRED_PERMIT (REQ-MPIN-6.6).",
	FlagWrongPermit:          "The client adds a permit issued for another day or identity than the one it states: the check fails (REQ-MPIN-9.4, 10.4).",
	FlagStaleTimeValue:       "A one-pass time value more than the window before the server's clock. Rejected with STALE_TIMEVALUE (REQ-MPIN-8.4).",
	FlagFutureTimeValue:      "A one-pass time value more than the window after the server's clock. Rejected with STALE_TIMEVALUE (REQ-MPIN-8.4).",
	FlagTamperedU:            "U replaced by another valid point between client and server (REQ-MPIN-9.4).",
	FlagTamperedUT:           "UT replaced by another valid point between client and server (REQ-MPIN-9.4).",
	FlagTamperedV:            "V replaced by another valid point between client and server (REQ-MPIN-9.4).",
	FlagTamperedY:            "The challenge the server verifies with differs from the one the client answered (REQ-MPIN-9.4).",
	FlagTamperedID:           "The identity the server verifies differs from the client's (REQ-MPIN-9.4).",
	FlagTamperedMessage:      "The one-pass message changed in transit: the recomputed challenge differs (REQ-MPIN-8.6).",
	FlagTamperedTimeValue:    "The one-pass time value changed in transit, still inside the window: the recomputed challenge differs (REQ-MPIN-8.3, 9.4).",
	FlagTamperedR:            "The M-Pin Full key share R replaced by another valid point in transit (REQ-MPIN-11.8).",
	FlagTamperedW:            "The M-Pin Full key share W replaced by another valid point in transit (REQ-MPIN-11.8).",
	FlagKeyMismatch:          "Every step succeeds and the two M-Pin Full session keys differ: the case lists both, and it has no error name (REQ-MPIN-11.8).",
	FlagMismatchedShares:     "A client secret recombined from shares that do not all come from the server's authority, or missing one of its shares. The check fails with NOT_A_CLIENT (REQ-MPIN-3.7, 9.4, 10.4).",
	FlagBadPIN:               "A run whose only fault is the PIN: the server finds the PIN error delta and reports BAD_PIN (REQ-MPIN-10.2, 10.4).",
	FlagNotAClient:           "A failed check that no PIN error below 10000 explains. Reported as NOT_A_CLIENT (REQ-MPIN-10.3, 10.4).",
	FlagEmptyIdentity:        "An empty identity. Rejected with INVALID_ARGUMENT (REQ-MPIN-4.1).",
	FlagDayOutOfRange:        "A day number outside [1, 2^31 - 1]. Rejected with INVALID_ARGUMENT (REQ-MPIN-6.1).",
	FlagTimeValueOutOfRange:  "A one-pass time value outside [1, 2^31 - 1]. Rejected with INVALID_ARGUMENT (REQ-MPIN-8.1).",
	FlagNegativePIN:          "A negative PIN. Rejected with INVALID_ARGUMENT (REQ-MPIN-5.1).",
	FlagFactorOutOfRange:     "A general factor that does not fit its bit length, or a bit length outside [1, 32]. Rejected with INVALID_ARGUMENT (REQ-MPIN-5.5).",
	FlagEmptyShareList:       "A recombination of no shares. Rejected with INVALID_ARGUMENT (REQ-MPIN-3.7).",
	FlagShortSeed:            "A master-share seed shorter than 32 octets. Rejected with INVALID_ARGUMENT (REQ-MPIN-3.3).",
	FlagMalformedHashedID:    "A hashed identity of the wrong form for the suite: wrong length, or on BLS12-381 milagro suites non-zero padding. Rejected with NON_CANONICAL (REQ-MPIN-3.6).",
	FlagPINReduced:           "A PIN of 10000 or more: it acts as PIN mod 10000 (REQ-MPIN-5.1).",
	FlagGraceDay:             "Yesterday's permit accepted because the server's clock is inside its day-boundary grace (REQ-MPIN-6.4, 6.5).",
	FlagDayNotStated:         "A first pass carrying UT but no day: the server tries today, then yesterday within the grace (REQ-MPIN-6.5).",
	FlagIgnoredPermit:        "UT and a day sent to a server that does not use permits: it ignores them and checks with U (REQ-MPIN-6.6).",
	FlagWindowEdge:           "A one-pass time value exactly the window away from the server's clock, still accepted (REQ-MPIN-8.4).",
	FlagEmptyMessage:         "A one-pass message present and empty: it gives the same challenge as an absent one (REQ-MPIN-8.6).",
	FlagEdgeValue:            "An input at the edge of its range: a scalar 1 or r - 1, an identity of 1 or 1024 octets, a PIN of 0 or 9999, a PIN error of +-1 or +-9999, a day or time value of 1 or 2^31 - 1, a 128-octet message, 1 or 8 shares, a seed of exactly 32 octets, the largest factor of its width, the first or last second of a day or of the grace.",
}
