@full
Feature: M-Pin Full key agreement
  M-Pin Full derives a session key from the same run: the client adds R = z·A to its first pass and
  the server W = w·H* to its challenge; both hash the transcript into h and obtain the same value of
  GT, compressed by the trace to Fp4, and the same point x·w·H*, from which the key is derived. The
  server releases its key only after an accepted verification (spec/mpin.md section 11).

  @REQ-MPIN-11.1 @REQ-MPIN-12.6 @client
  Scenario Outline: The client's precomputed pairings (<case>)
    Given the known-answer case "<case>"
    When the client precomputes its pairings
    Then the results are GTTOKEN and GTID

    @all-suites
    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-11.2 @client @all-suites
  Scenario Outline: The client's key share R = z·A (<case>)
    Given the known-answer case "<case>"
    When the client computes its key share from Z
    Then the results are Z and R

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-11.2 @server @all-suites
  Scenario Outline: The server's key share W = w·H* (<case>)
    Given the known-answer case "<case>"
    When the server computes its key share from W
    Then the results are W and WPOINT

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-11.2 @REQ-MPIN-14.8 @negative @all-suites
  Scenario Outline: A zero <name> supplied by a test is refused
    Given the known-answer case "seed-1"
    And <name> is replaced by zero
    When the <role> computes its key share from <name>
    Then it is rejected with INVALID_SCALAR

    @client
    Examples: the client's z
      | name | role   |
      | Z    | client |

    @server
    Examples: the server's w
      | name | role   |
      | W    | server |

  @REQ-MPIN-11.3 @client @all-suites
  Scenario Outline: The transcript hash h (<case>)
    Given the known-answer case "<case>"
    When the client computes the transcript hash
    Then the result is H
    And the result is mhashit(0, HID ‖ U* ‖ V ‖ Y ‖ R ‖ WPOINT) mod r

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |
      | seed-4 |

  @REQ-MPIN-11.3 @REQ-MPIN-11.7 @REQ-MPIN-14.1 @negative @client @all-suites
  Scenario Outline: The transcript hash refuses <name> that is <defect>
    Given the known-answer case "seed-1"
    And <name> is replaced by <defect>
    When the client computes the transcript hash
    Then it is rejected with <error>

    Examples:
      | name   | defect                | error          |
      | R      | the point at infinity | IDENTITY_POINT |
      | WPOINT | a point off the curve | INVALID_POINT  |
      | Y      | zero                  | INVALID_SCALAR |

  @REQ-MPIN-11.4 @REQ-MPIN-11.6 @client
  Scenario Outline: The client's key (<case>)
    Given the known-answer case "<case>"
    When the client derives its key
    Then the result is KC
    And the result is a canonical key

    @all-suites
    Examples:
      | case   |
      | seed-1 |
      | seed-3 |
      | seed-4 |

  @REQ-MPIN-11.5 @REQ-MPIN-11.6 @REQ-MPIN-11.8 @server
  Scenario Outline: The server's key (<case>)
    Given the known-answer case "<case>"
    When the server derives its key
    Then the result is KS
    And the result is KC

    @all-suites
    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-11.8 @REQ-MPIN-11.4 @client @all-suites
  Scenario: A wrong PIN gives the client another key
    Given the known-answer case "seed-4"
    And PIN2 is PIN1 + 0
    When the client derives its key
    Then the result is not KC
    And the result is what our reference computes

  @REQ-MPIN-11.8 @REQ-MPIN-11.5 @REQ-MPIN-11.7 @interop @all-suites
  Scenario Outline: M-Pin Full between <client> client and <server> server gives both the same key (<case>)
    Given the known-answer case "<case>"
    And the <client> plays the client and the <server> the server
    And both parties run M-Pin Full
    When a login with PIN1 is completed
    Then the login succeeds
    And both parties hold the same key

    @client
    Examples: their client, our server
      | client | server    | case   |
      | IUT    | reference | seed-1 |
      | IUT    | reference | seed-3 |

    @server
    Examples: our client, their server
      | client    | server | case   |
      | reference | IUT    | seed-1 |
      | reference | IUT    | seed-3 |

  @REQ-MPIN-11.8 @interop @negative @all-suites
  Scenario Outline: An R changed in transit leaves the parties without a shared key (<client> client)
    Given the known-answer case "seed-1"
    And the <client> plays the client and the <server> the server
    And both parties run M-Pin Full
    When the client starts a login with PIN1
    And the relay alters R in transit
    And the server issues a challenge
    And the client answers the challenge
    And the server checks the answer
    Then the parties do not share a key

    @client
    Examples: their client
      | client | server    |
      | IUT    | reference |

    @server
    Examples: their server
      | client    | server |
      | reference | IUT    |

  @REQ-MPIN-11.7 @REQ-MPIN-11.8 @interop @server @negative @all-suites
  Scenario: Their server releases no key after a wrong PIN
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And both parties run M-Pin Full
    And WRONG is PIN1 + 1
    When a login with WRONG is completed
    Then the login fails with BAD_PIN
    And the server releases no key

  @REQ-MPIN-11.7 @REQ-MPIN-14.1 @REQ-MPIN-14.4 @interop @client @negative @all-suites
  Scenario Outline: Their client refuses a key share W that is <defect>
    Given the known-answer case "seed-1"
    And the IUT plays the client and the reference the server
    And both parties run M-Pin Full
    When the client starts a login with PIN1
    And the server issues a challenge
    And the relay replaces W by <defect>
    And the client answers the challenge
    Then it is rejected with <error>

    Examples:
      | defect                   | error          |
      | the point at infinity    | IDENTITY_POINT |
      | a point off the curve    | INVALID_POINT  |
      | a coordinate not below p | NON_CANONICAL  |

  @REQ-MPIN-11.7 @REQ-MPIN-14.1 @interop @server @negative @all-suites
  Scenario Outline: Their server refuses a key share R that is <defect>
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And both parties run M-Pin Full
    When the client starts a login with PIN1
    And the relay replaces R by <defect>
    And the server issues a challenge
    And the client answers the challenge
    And the server checks the answer
    Then the login fails with <error>
    And the server releases no key

    Examples:
      | defect                   | error          |
      | the point at infinity    | IDENTITY_POINT |
      | a point off the curve    | INVALID_POINT  |
