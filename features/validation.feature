Feature: Input validation and canonical errors
  Every point, scalar, GT value and hashed identity an implementation receives is decoded with every
  check before it is used: length, form and range, the identity, the curve equation, the subgroup. Each
  rejection has exactly one canonical name, and every input ends in a result or a canonical error
  (spec/mpin.md sections 12 to 14).

  @REQ-MPIN-14.1 @REQ-MPIN-13.1 @negative @server
  Scenario Outline: The server refuses <field> that is <defect>
    Given the known-answer case "seed-1"
    And <field> is replaced by <defect>
    When the server verifies the run
    Then it is rejected with <error>

    @REQ-MPIN-14.2 @all-suites
    Examples: wrong length
      | field | defect                      | error         |
      | U     | an encoding one octet short | NON_CANONICAL |
      | UT    | an encoding one octet long  | NON_CANONICAL |
      | V     | an empty encoding           | NON_CANONICAL |
      | SQ    | an encoding one octet short | NON_CANONICAL |
      | Y     | an encoding one octet long  | NON_CANONICAL |

    @REQ-MPIN-14.3 @REQ-MPIN-12.2 @all-suites
    Examples: non-canonical forms
      | field | defect                   | error         |
      | U     | a wrong prefix           | NON_CANONICAL |
      | V     | the compressed form      | NON_CANONICAL |
      | U     | a coordinate not below p | NON_CANONICAL |
      | UT    | a coordinate not below p | NON_CANONICAL |
      | V     | a coordinate not below p | NON_CANONICAL |
      | SQ    | a coordinate not below p | NON_CANONICAL |

    @REQ-MPIN-14.3 @REQ-MPIN-12.4 @MPIN-BN254CX-SHA256-MODERN @MPIN-BLS12381-SHA256-MODERN
    Examples: the modern G2 prefix
      | field | defect         | error         |
      | SQ    | a wrong prefix | NON_CANONICAL |

    @REQ-MPIN-14.4 @all-suites
    Examples: the point at infinity
      | field | defect                | error          |
      | U     | the point at infinity | IDENTITY_POINT |
      | UT    | the point at infinity | IDENTITY_POINT |
      | V     | the point at infinity | IDENTITY_POINT |
      | SQ    | the point at infinity | IDENTITY_POINT |

    @REQ-MPIN-14.5 @all-suites
    Examples: off the curve
      | field | defect                | error         |
      | U     | a point off the curve | INVALID_POINT |
      | UT    | a point off the curve | INVALID_POINT |
      | V     | a point off the curve | INVALID_POINT |
      | SQ    | a point off the curve | INVALID_POINT |

    @REQ-MPIN-14.6 @all-suites
    Examples: G2 outside the subgroup
      | field | defect                       | error         |
      | SQ    | a point outside the subgroup | INVALID_POINT |

    @REQ-MPIN-14.6 @MPIN-BLS12381-SHA256-MILAGRO @MPIN-BLS12381-SHA256-MODERN
    Examples: G1 outside the subgroup (BLS12-381 has a G1 cofactor)
      | field | defect                       | error         |
      | U     | a point outside the subgroup | INVALID_POINT |
      | UT    | a point outside the subgroup | INVALID_POINT |
      | V     | a point outside the subgroup | INVALID_POINT |

    @REQ-MPIN-14.7 @REQ-MPIN-14.8 @REQ-MPIN-14.9 @all-suites
    Examples: the challenge
      | field | defect            | error          |
      | Y     | zero              | INVALID_SCALAR |
      | Y     | the group order r | INVALID_SCALAR |
      | Y     | all one bits      | INVALID_SCALAR |

  @REQ-MPIN-14.1 @REQ-MPIN-3.7 @REQ-MPIN-13.1 @negative
  Scenario Outline: Recombination refuses a share <share> that is <defect>
    Given the known-answer case "seed-1"
    And <share> is replaced by <defect>
    When the shares <share> and <other> are recombined
    Then it is rejected with <error>

    @REQ-MPIN-14.2 @REQ-MPIN-14.3 @REQ-MPIN-14.4 @REQ-MPIN-14.5 @all-suites @client
    Examples: G1 shares, by the client
      | share | other | defect                      | error          |
      | CS1   | CS2   | an encoding one octet short | NON_CANONICAL  |
      | CS1   | CS2   | the compressed form         | NON_CANONICAL  |
      | CS2   | CS1   | a coordinate not below p    | NON_CANONICAL  |
      | CS1   | CS2   | the point at infinity       | IDENTITY_POINT |
      | CS2   | CS1   | a point off the curve       | INVALID_POINT  |

    @REQ-MPIN-14.2 @REQ-MPIN-14.3 @REQ-MPIN-14.4 @REQ-MPIN-14.5 @all-suites @server
    Examples: G2 shares, by the server
      | share | other | defect                      | error          |
      | SS1   | SS2   | an encoding one octet long  | NON_CANONICAL  |
      | SS2   | SS1   | a coordinate not below p    | NON_CANONICAL  |
      | SS1   | SS2   | the point at infinity       | IDENTITY_POINT |
      | SS2   | SS1   | a point off the curve       | INVALID_POINT  |

    @REQ-MPIN-14.6 @all-suites @server
    Examples: G2 outside the subgroup
      | share | other | defect                       | error         |
      | SS1   | SS2   | a point outside the subgroup | INVALID_POINT |

    @REQ-MPIN-14.6 @MPIN-BLS12381-SHA256-MILAGRO @MPIN-BLS12381-SHA256-MODERN @client
    Examples: G1 outside the subgroup
      | share | other | defect                       | error         |
      | CS1   | CS2   | a point outside the subgroup | INVALID_POINT |

  @REQ-MPIN-14.1 @REQ-MPIN-13.1 @negative @client
  Scenario Outline: The client refuses its <field> when it is <defect>
    Given the known-answer case "seed-1"
    And <field> is replaced by <defect>
    When the client computes its first pass
    Then it is rejected with <error>

    @REQ-MPIN-14.2 @REQ-MPIN-14.3 @REQ-MPIN-14.4 @REQ-MPIN-14.5 @REQ-MPIN-14.7 @REQ-MPIN-14.8 @all-suites
    Examples:
      | field | defect                      | error          |
      | TOKEN | an encoding one octet short | NON_CANONICAL  |
      | TOKEN | a coordinate not below p    | NON_CANONICAL  |
      | TOKEN | the point at infinity       | IDENTITY_POINT |
      | TOKEN | a point off the curve       | INVALID_POINT  |
      | TP    | a wrong prefix              | NON_CANONICAL  |
      | TP    | the point at infinity       | IDENTITY_POINT |
      | TP    | a point off the curve       | INVALID_POINT  |
      | X     | zero                        | INVALID_SCALAR |
      | X     | the group order r           | INVALID_SCALAR |
      | X     | an encoding one octet short | NON_CANONICAL  |

    @REQ-MPIN-14.6 @MPIN-BLS12381-SHA256-MILAGRO @MPIN-BLS12381-SHA256-MODERN
    Examples: G1 outside the subgroup
      | field | defect                       | error         |
      | TOKEN | a point outside the subgroup | INVALID_POINT |
      | TP    | a point outside the subgroup | INVALID_POINT |

  @REQ-MPIN-14.1 @REQ-MPIN-13.1 @negative @client @all-suites
  Scenario Outline: The client refuses to compute V from <field> that is <defect>
    Given the known-answer case "seed-1"
    And <field> is replaced by <defect>
    When the client computes its second pass
    Then it is rejected with <error>

    @REQ-MPIN-14.4 @REQ-MPIN-14.5 @REQ-MPIN-14.7 @REQ-MPIN-14.8
    Examples:
      | field | defect                | error          |
      | SEC   | the point at infinity | IDENTITY_POINT |
      | SEC   | a point off the curve | INVALID_POINT  |
      | X     | zero                  | INVALID_SCALAR |
      | X     | the group order r     | INVALID_SCALAR |

  @REQ-MPIN-14.1 @negative @interop @server @all-suites
  Scenario Outline: Their server refuses a server secret that is <defect> when it is loaded
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And SQ is replaced by <defect>
    When the client starts a login with PIN1
    And the server issues a challenge
    Then it is rejected with <error>

    Examples:
      | defect                       | error          |
      | the point at infinity        | IDENTITY_POINT |
      | a point off the curve        | INVALID_POINT  |
      | a point outside the subgroup | INVALID_POINT  |
      | an encoding one octet short  | NON_CANONICAL  |

  @REQ-MPIN-14.1 @negative @interop @client @all-suites
  Scenario Outline: Their client refuses a token that is <defect> when it is loaded
    Given the known-answer case "seed-3"
    And the IUT plays the client and the reference the server
    And TOKEN is replaced by <defect>
    When the client starts a login with PIN1
    Then it is rejected with <error>

    Examples:
      | defect                   | error          |
      | the point at infinity    | IDENTITY_POINT |
      | a point off the curve    | INVALID_POINT  |
      | a coordinate not below p | NON_CANONICAL  |

  @REQ-MPIN-14.4 @REQ-MPIN-14.10 @negative @server @all-suites
  Scenario: The server refuses V = O, what a cancelled challenge would produce
    Given the known-answer case "seed-3"
    And V is replaced by the point at infinity
    When the server verifies the run
    Then it is rejected with IDENTITY_POINT

  @REQ-MPIN-14.9 @interop @server @negative @all-suites
  Scenario: Their server refuses to use a zero challenge supplied by a test
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And Y is replaced by zero
    And the server uses the case's Y
    When the client starts a login with PIN1
    And the server issues a challenge
    Then it is rejected with INVALID_SCALAR

  @REQ-MPIN-12.6 @REQ-MPIN-12.7 @server @wrong-pin @all-suites
  Scenario: A GT value is written as twelve reduced coefficients
    Given the known-answer case "seed-4"
    When the server computes E and F
    Then the result E is a canonical gt
    And the result F is a canonical gt
    And the results are what our reference computes

  @REQ-MPIN-12.1 @REQ-MPIN-12.7 @authority @all-suites
  Scenario: A scalar is written in MB octets, reduced
    Given the known-answer case "seed-1"
    When the authority adopts MS2 as its master share
    Then the result is MS2
    And the result is a canonical nonzero scalar

  @REQ-MPIN-13.2 @should @negative @server @all-suites
  Scenario Outline: One encoding with several defects gets the name of the first check (<what>)
    Given the known-answer case "seed-1"
    And U is replaced by <defect>
    When the server verifies the run
    Then it is rejected with <error>

    Examples:
      | what                                          | defect                   | error          |
      | the identity (0, 0) is also off the curve     | the point at infinity    | IDENTITY_POINT |
      | x + p is not below p and (x + p, y) not on E  | a coordinate not below p | NON_CANONICAL  |
      | a compressed form has the wrong length too    | the compressed form      | NON_CANONICAL  |

  @REQ-MPIN-13.3 @negative @server @all-suites
  Scenario Outline: Arbitrary octets in <field> (<n> of them) end in a canonical error
    Given the known-answer case "seed-1"
    And <field> is <n> pseudo-random octets
    When the server verifies the run
    Then it is rejected with a canonical error

    Examples:
      | field | n    |
      | U     | 65   |
      | U     | 97   |
      | V     | 1    |
      | SQ    | 129  |
      | SQ    | 192  |
      | Y     | 32   |
      | Y     | 4096 |

  @REQ-MPIN-13.3 @client @all-suites
  Scenario Outline: An integer at the edge of the protocol's range ends in a result or a canonical error (PIN <pin>)
    Given the known-answer case "seed-1"
    And PIN1 is <pin>
    When the client extracts PIN1 from CS
    Then it ends in a result or a canonical error

    Examples:
      | pin               |
      | 9007199254740991  |
      | -9007199254740991 |
      | 2147483648        |

  @REQ-MPIN-14.1 @REQ-MPIN-14.2 @REQ-MPIN-14.3 @REQ-MPIN-14.4 @REQ-MPIN-14.5 @REQ-MPIN-14.6 @negative @all-suites
  Scenario Outline: Validation of a <kind> that is <defect>
    Given the known-answer case "seed-1"
    And <value> is replaced by <defect>
    When the value <value> is validated as <kind>
    Then it is rejected with <error>

    Examples:
      | value | kind | defect                       | error          |
      | U     | g1   | the point at infinity        | IDENTITY_POINT |
      | U     | g1   | a coordinate not below p     | NON_CANONICAL  |
      | SQ    | g2   | a point outside the subgroup | INVALID_POINT  |
      | SQ    | g2   | a point off the curve        | INVALID_POINT  |
      | E     | gt   | an Fp12 value outside GT     | INVALID_POINT  |
      | E     | gt   | a coefficient not below p    | NON_CANONICAL  |
