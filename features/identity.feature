@client
Feature: Identity hashing and mapping
  An identity is an opaque octet string. Milagro suites hash it with mhashit and map the digest to G1
  by try-and-increment; modern suites map it with RFC 9380 encode_to_curve under a tag fixed by the
  suite. The time-permit point of a day is derived from the hashed identity (spec/mpin.md section 4).

  @REQ-MPIN-4.3 @REQ-MPIN-4.4 @REQ-MPIN-12.5
  Scenario Outline: The milagro hashed identity and identity point (<case>)
    Given the known-answer case "<case>"
    When the identity ID is hashed
    Then the results are HID and A

    @MPIN-BN254CX-SHA256-MILAGRO @MPIN-BLS12381-SHA256-MILAGRO
    Examples:
      | case   |
      | seed-1 |
      | seed-2 |
      | seed-3 |

  @REQ-MPIN-4.2 @REQ-MPIN-4.3 @MPIN-BN254CX-SHA256-MILAGRO @MPIN-BLS12381-SHA256-MILAGRO
  Scenario Outline: The milagro hashed identity is mhashit(0, ID) (<case>)
    Given the known-answer case "<case>"
    When the identity ID is hashed
    Then the result HID is mhashit(0, ID)
    And the result HID is a canonical hid

    Examples:
      | case   |
      | seed-1 |
      | seed-4 |

  @REQ-MPIN-4.3 @MPIN-BN254CX-SHA256-MILAGRO
  Scenario Outline: The hashed identity of the draft-era vectors (<case>)
    Given the known-answer case "<case>"
    When the identity ID is hashed
    Then the result HID is HID

    Examples:
      | case         |
      | upstream-0   |
      | upstream-100 |
      | upstream-299 |

  @REQ-MPIN-4.5 @REQ-MPIN-4.7 @REQ-MPIN-12.5
  Scenario Outline: The modern identity map (<case>)
    Given the known-answer case "<case>"
    When the identity ID is hashed
    Then the results are HID and A
    And the result A is a canonical g1

    @MPIN-BN254CX-SHA256-MODERN @MPIN-BLS12381-SHA256-MODERN
    Examples:
      | case   |
      | seed-1 |
      | seed-2 |
      | seed-3 |

  @REQ-MPIN-4.7 @MPIN-BLS12381-SHA256-MODERN
  Scenario: The BLS12-381 modern map does not use the SVDW tag of the MIRACL core examples
    Given the known-answer case "seed-1"
    When the identity ID is hashed
    Then the result A is not the point of ID under the tag "BLS12381G1_XMD:SHA-256_SVDW_NU_MPIN"

  @REQ-MPIN-4.6 @permits @all-suites
  Scenario Outline: The permit point of a day (<case>)
    Given the known-answer case "<case>"
    When the permit point of HID for DAY is computed
    Then the result is AT
    And the result is a canonical g1

    Examples:
      | case   |
      | seed-1 |
      | seed-2 |
      | seed-4 |

  @REQ-MPIN-4.1 @negative @all-suites
  Scenario: An empty identity is refused
    Given ID is empty
    When the identity ID is hashed
    Then it is rejected with INVALID_ARGUMENT

  @REQ-MPIN-4.1 @REQ-MPIN-5.1 @negative @all-suites
  Scenario: PIN extraction for an empty identity is refused
    Given the known-answer case "seed-1"
    And ID is empty
    When the client extracts PIN1 from CS
    Then it is rejected with INVALID_ARGUMENT

  @REQ-MPIN-4.1 @all-suites
  Scenario Outline: An identity of <n> octets is accepted
    Given ID is <n> octets of "a"
    When the identity ID is hashed
    Then the result HID is a canonical hid
    And the results are what our reference computes

    Examples:
      | n    |
      | 1    |
      | 1024 |

  @REQ-MPIN-4.1 @all-suites
  Scenario: An identity is hashed as the octets given, not as parsed JSON
    Given ID is the text "{"mobile": 1, "userID": "alice@example.org"}"
    When the identity ID is hashed
    Then the result HID is kept as HID_SPACED
    And the results are what our reference computes
    Given ID is the text "{"mobile":1,"userID":"alice@example.org"}"
    When the identity ID is hashed
    Then the result HID is kept as HID_COMPACT
    And HID_SPACED and HID_COMPACT differ
