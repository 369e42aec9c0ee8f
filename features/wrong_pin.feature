@server @wrong-pin
Feature: Wrong-PIN detection
  After a failed check a server with wrong-PIN detection computes E (the failing product) and
  F = e(U + y·A, Q) and searches every δ with 1 ≤ |δ| ≤ 9999 for E·F^δ = 1: a hit is a wrong PIN (BAD_PIN
  with δ = entered − registered), no hit is not a client (NOT_A_CLIENT). A server may lock an identity
  after repeated wrong PINs (spec/mpin.md section 10).

  @REQ-MPIN-10.1 @REQ-MPIN-12.6 @all-suites
  Scenario Outline: The values E and F (<case>)
    Given the known-answer case "<case>"
    When the server computes E and F
    Then the results are E and F
    And the result E is a canonical gt
    And the result F is a canonical gt

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |
      | seed-4 |
      | seed-5 |

  @REQ-MPIN-10.2 @REQ-MPIN-10.3 @REQ-MPIN-10.4 @REQ-MPIN-9.1 @negative @all-suites
  Scenario Outline: The PIN error of a wrong PIN is found, with its sign (<case>: <what>)
    Given the known-answer case "<case>"
    When the server verifies the run with wrong-PIN detection
    Then it is rejected with BAD_PIN and a PIN error of <delta>

    Examples:
      | case   | what                          | delta |
      | seed-4 | one below the registered PIN  | -1    |
      | seed-5 | 9999 entered, 0 registered    | 9999  |
      | seed-6 | 0 entered, 9999 registered    | -9999 |
      | seed-7 | 142 above the registered PIN  | 142   |

  @REQ-MPIN-10.2 @REQ-MPIN-10.4 @negative @MPIN-BN254CX-SHA256-MILAGRO
  Scenario Outline: The PIN error of the draft-era vectors (<case>)
    Given the known-answer case "<case>"
    When the server verifies the run with wrong-PIN detection
    Then the outcome is the case's result with its PIN error

    Examples:
      | case         |
      | upstream-100 |
      | upstream-199 |

  @REQ-MPIN-10.2 @REQ-MPIN-10.3 @all-suites
  Scenario Outline: The analysis of E and F finds δ (<case>)
    Given the known-answer case "<case>"
    When the server analyses E and F
    Then the PIN error is <delta>

    Examples:
      | case   | delta |
      | seed-1 | 0     |
      | seed-4 | -1    |
      | seed-5 | 9999  |
      | seed-6 | -9999 |
      | seed-7 | 142   |

  @REQ-MPIN-10.3 @REQ-MPIN-10.4 @negative @all-suites
  Scenario: When no δ explains E and F the analysis says so
    Given the known-answer case "seed-4"
    And F is taken from the known-answer case "seed-5"
    When the server analyses E and F
    Then it is rejected with NOT_A_CLIENT

  @REQ-MPIN-10.4 @REQ-MPIN-9.1 @negative @all-suites
  Scenario Outline: A forgery is not a client: <what>
    Given the known-answer case "seed-1"
    And <change>
    When the server verifies the run with wrong-PIN detection
    Then it is rejected with NOT_A_CLIENT

    Examples:
      | what                        | change                                             |
      | V negated                   | V is the negation of V                             |
      | the challenge changed       | Y is the negation of Y                             |
      | another authority's secret  | SQ is taken from the known-answer case "seed-2"    |

  @REQ-MPIN-10.4 @negative @all-suites
  Scenario: Without wrong-PIN detection every failed check is BAD_PIN
    Given the known-answer case "seed-1"
    And V is the negation of V
    When the server verifies the run
    Then it is rejected with BAD_PIN

  @REQ-MPIN-12.6 @REQ-MPIN-14.3 @REQ-MPIN-14.6 @negative @all-suites
  Scenario Outline: The analysis refuses E that is <defect>
    Given the known-answer case "seed-4"
    And E is replaced by <defect>
    When the server analyses E and F
    Then it is rejected with <error>

    Examples:
      | defect                         | error         |
      | a coefficient not below p      | NON_CANONICAL |
      | an Fp12 value outside GT       | INVALID_POINT |
      | an encoding one octet short    | NON_CANONICAL |

  @REQ-MPIN-10.5 @REQ-MPIN-10.4 @lockout @should @interop @negative @all-suites
  Scenario: Their server locks an identity after three wrong PINs, even against the right one
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And the server detects wrong PINs
    And the server locks an identity after 3 wrong PINs
    And WRONG is PIN1 + 1
    When a login with WRONG is completed
    Then the login fails with BAD_PIN
    When a login with WRONG is completed
    Then the login fails with BAD_PIN
    When a login with WRONG is completed
    Then the login fails with BAD_PIN
    When a login with PIN1 is completed
    Then the login fails with LOCKED

  @REQ-MPIN-10.5 @lockout @should @interop @all-suites
  Scenario: A successful login resets the count of wrong PINs
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And the server detects wrong PINs
    And the server locks an identity after 3 wrong PINs
    And WRONG is PIN1 + 1
    When a login with WRONG is completed
    And a login with WRONG is completed
    And a login with PIN1 is completed
    Then the login succeeds
    When a login with WRONG is completed
    And a login with WRONG is completed
    And a login with PIN1 is completed
    Then the login succeeds

  @REQ-MPIN-10.5 @lockout @should @interop @all-suites
  Scenario: Logins that are not a client's do not count towards the lockout
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And the server detects wrong PINs
    And the server locks an identity after 3 wrong PINs
    When the client starts a login with PIN1
    And the server issues a challenge
    And the client answers the challenge
    And the relay alters V in transit
    And the server checks the answer
    Then the login fails with NOT_A_CLIENT
    When the client starts a login with PIN1
    And the server issues a challenge
    And the client answers the challenge
    And the relay alters V in transit
    And the server checks the answer
    Then the login fails with NOT_A_CLIENT
    When the client starts a login with PIN1
    And the server issues a challenge
    And the client answers the challenge
    And the relay alters V in transit
    And the server checks the answer
    Then the login fails with NOT_A_CLIENT
    When a login with PIN1 is completed
    Then the login succeeds
