Feature: Suites, parameters and claims
  A value of M-Pin means nothing without its suite: the suite string names the curve, the hash and
  the byte-level rules. An implementation works under the suite strings it offers and no other, never
  falls back to another suite, and claims per suite the roles and optional features it offers
  (spec/mpin.md section 2).

  @REQ-MPIN-2.1 @REQ-MPIN-14.11 @negative @all-suites
  Scenario Outline: A request under the suite string "<suite string>" is refused
    Given the known-answer case "seed-1"
    When ID is hashed under the suite string "<suite string>"
    Then it is rejected with UNSUPPORTED

    Examples:
      | suite string                 |
      | MPIN-BN254-SHA256-MILAGRO    |
      | MPIN-BN254CX-SHA512-MILAGRO  |
      | MPIN-BLS12381-SHA256-LEGACY  |
      | MPIN-BLS12381-SHA256-MODERN- |
      |                              |

  @REQ-MPIN-2.1 @negative @all-suites
  Scenario: Suite strings are compared octet for octet
    Given the known-answer case "seed-1"
    When ID is hashed under the suite string in lower case
    Then it is rejected with UNSUPPORTED

  @REQ-MPIN-2.6 @REQ-MPIN-2.1 @REQ-MPIN-14.11 @negative @all-suites
  Scenario: The claim is well formed and unclaimed suites are refused
    Then its claim for the suite is well formed
    And every suite it does not claim is refused with UNSUPPORTED

  @REQ-MPIN-2.2 @REQ-MPIN-12.1 @REQ-MPIN-12.2 @REQ-MPIN-12.5 @REQ-MPIN-12.7 @client @all-suites
  Scenario: Every output has the length and form the suite fixes
    Given the known-answer case "seed-1"
    When the identity ID is hashed
    Then the result HID is a canonical hid
    And the result A is a canonical g1
    When the client computes its first pass
    Then the result U is a canonical g1
    And the result UT is a canonical g1
    And the result SEC is a canonical g1
    When the client computes its second pass
    Then the result is a canonical g1

  @REQ-MPIN-2.2 @REQ-MPIN-12.1 @REQ-MPIN-12.3 @REQ-MPIN-12.4 @REQ-MPIN-12.7 @authority @all-suites
  Scenario: The authority's outputs have the length and form the suite fixes
    Given the known-answer case "seed-1"
    When the authority adopts MS1 as its master share
    Then the result is a canonical nonzero scalar
    When the authority issues the server-secret share of MS1
    Then the result is a canonical g2
    When the authority issues the client-secret share of MS1 for HID
    Then the result is a canonical g1

  @REQ-MPIN-2.2 @negative @server @all-suites
  Scenario: A server secret written in the other suite family's layout is not converted
    Given the known-answer case "seed-1"
    And SQ is replaced by the other suite family's layout
    When the server verifies the run
    Then it is rejected with NON_CANONICAL

  @REQ-MPIN-2.3 @REQ-MPIN-12.3 @REQ-MPIN-12.4 @authority @all-suites
  Scenario: The server-secret share of the scalar 1 is the generator Q of the spec
    Given ONE is the scalar 1
    When the authority issues the server-secret share of ONE
    Then the result is the generator of G2 in the suite's encoding

  @REQ-MPIN-2.4 @REQ-MPIN-12.6 @server @all-suites
  Scenario Outline: The pairing is the reference's and is bilinear (<case>)
    Given the known-answer case "<case>"
    And Q is the generator of G2
    When the pairing of CS1 and Q is computed
    Then the result is a canonical gt
    And the result is what our reference computes
    And the result is kept as E1
    When the pairing of A and SS1 is computed
    Then the result is E1

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-2.5 @REQ-MPIN-7.1 @client @all-suites
  Scenario: The client draws a fresh x for every run
    Given the known-answer case "seed-1"
    When the client computes its first pass with an x of its own
    Then the result X is a canonical nonzero scalar
    And the result X is kept as X_A
    And the result U is kept as U_A
    When the client computes its first pass with an x of its own
    Then the result X is kept as X_B
    And the result U is kept as U_B
    And X_A and X_B differ
    And U_A and U_B differ

  @REQ-MPIN-2.5 @REQ-MPIN-3.2 @authority @all-suites
  Scenario: The authority draws a fresh master share every time
    When the authority draws a master share
    Then the result is a canonical nonzero scalar
    And the result is kept as S_A
    When the authority draws a master share
    Then the result is kept as S_B
    And S_A and S_B differ

  @REQ-MPIN-2.5 @REQ-MPIN-11.2 @full @client @server @all-suites
  Scenario: The M-Pin Full ephemerals are drawn fresh
    Given the known-answer case "seed-1"
    And Z is absent
    And W is absent
    When the client computes its key share from Z
    Then the result Z is a canonical nonzero scalar
    And the result R is kept as R_A
    When the client computes its key share from Z
    Then the result R is kept as R_B
    And R_A and R_B differ
    When the server computes its key share from W
    Then the result W is a canonical nonzero scalar
    And the result WPOINT is kept as W_A
    When the server computes its key share from W
    Then the result WPOINT is kept as W_B
    And W_A and W_B differ
