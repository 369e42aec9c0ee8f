@one-pass
Feature: One-pass authentication
  In one pass the challenge is not the server's: the client derives it from its Unix time, its first
  message and an optional message, y = mhashit(TV, U* ‖ M) mod r, and sends everything at once. The
  server recomputes y, refuses stale time values, and remembers what it accepted so that a message
  cannot be replayed (spec/mpin.md section 8).

  @REQ-MPIN-8.1 @REQ-MPIN-8.6 @client
  Scenario Outline: The one-pass message (<case>)
    Given the known-answer case "<case>"
    When the client computes its one-pass message
    Then the results are X1, U1, UT1, Y1 and V1

    @all-suites
    Examples:
      | case   |
      | seed-1 |
      | seed-2 |
      | seed-3 |

  @REQ-MPIN-8.1 @REQ-MPIN-4.2 @client @all-suites
  Scenario Outline: The one-pass challenge is mhashit(TV, U* ‖ M) mod r (<case>)
    Given the known-answer case "<case>"
    When the client computes its one-pass message
    Then the result Y1 is mhashit(TV, U* ‖ MSG) mod r

    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-8.1 @negative @client @all-suites
  Scenario Outline: A time value of <tv> is refused
    Given the known-answer case "seed-1"
    And TV is <tv>
    When the client computes its one-pass message
    Then it is rejected with INVALID_ARGUMENT

    Examples:
      | tv         |
      | 0          |
      | -5         |
      | 2147483648 |

  @REQ-MPIN-8.3 @REQ-MPIN-9.1 @server
  Scenario Outline: The server recomputes the challenge and accepts (<case>)
    Given the known-answer case "<case>"
    When the server verifies the one-pass message
    Then it is accepted
    And the result is Y1

    @all-suites
    Examples:
      | case   |
      | seed-1 |
      | seed-3 |

  @REQ-MPIN-8.4 @server @all-suites
  Scenario Outline: A time value <sign><offset> seconds from the server's clock is fresh
    Given the known-answer case "seed-1"
    And NOW is TV <sign> <offset>
    When the server verifies the one-pass message
    Then it is accepted

    Examples:
      | sign | offset |
      | +    | 0      |
      | +    | 30     |
      | -    | 30     |

  @REQ-MPIN-8.4 @negative @server @all-suites
  Scenario Outline: A time value <sign><offset> seconds from the server's clock is stale
    Given the known-answer case "seed-1"
    And NOW is TV <sign> <offset>
    When the server verifies the one-pass message
    Then it is rejected with STALE_TIMEVALUE

    Examples:
      | sign | offset |
      | +    | 31     |
      | -    | 31     |
      | +    | 120    |
      | +    | 86400  |

  @REQ-MPIN-8.4 @server @all-suites
  Scenario: The freshness window is the server's to choose
    Given the known-answer case "seed-1"
    And the server's freshness window is 300 seconds
    And NOW is TV + 250
    When the server verifies the one-pass message
    Then it is accepted

  @REQ-MPIN-8.6 @REQ-MPIN-9.4 @negative @server @all-suites
  Scenario: A message changed in transit fails the check
    Given the known-answer case "seed-1"
    And MSG is the text "pay 1000 to mallory"
    When the server verifies the one-pass message
    Then it is rejected with BAD_PIN

  @REQ-MPIN-8.3 @REQ-MPIN-9.4 @negative @server @all-suites
  Scenario: A time value changed in transit fails the check
    Given the known-answer case "seed-1"
    And TV is TV + 1
    When the server verifies the one-pass message
    Then it is rejected with BAD_PIN

  @REQ-MPIN-8.6 @client @all-suites
  Scenario: An absent message and an empty one give the same challenge
    Given the known-answer case "seed-3"
    And MSG is absent
    When the client computes its one-pass message
    Then the result Y1 is kept as Y_ABSENT
    Given MSG is empty
    When the client computes its one-pass message
    Then the result Y1 is kept as Y_EMPTY
    And Y_ABSENT and Y_EMPTY are equal
    And the result Y1 is mhashit(TV, U* ‖ MSG) mod r

  @REQ-MPIN-8.6 @interop @all-suites
  Scenario Outline: A message of 128 octets is bound and accepted (<client> client, <server> server)
    Given the known-answer case "seed-1"
    And the <client> plays the client and the <server> the server
    And MSG is 128 octets of "m"
    When the client sends a one-pass message with PIN1
    And the server receives the one-pass message
    Then it is accepted

    @client
    Examples: their client
      | client | server    |
      | IUT    | reference |

    @server
    Examples: their server
      | client    | server |
      | reference | IUT    |

  @REQ-MPIN-8.5 @interop @server @negative @all-suites
  Scenario: Their server refuses a replayed one-pass message
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    When the client sends a one-pass message with PIN1
    And the server receives the one-pass message
    Then it is accepted
    When 5 seconds pass
    And the server receives the one-pass message
    Then it is rejected with REPLAY

  @REQ-MPIN-8.4 @interop @server @negative @all-suites
  Scenario: Their server refuses a one-pass message that arrives late
    Given the known-answer case "seed-3"
    And the reference plays the client and the IUT the server
    When the client sends a one-pass message with PIN1
    And 45 seconds pass
    And the server receives the one-pass message
    Then it is rejected with STALE_TIMEVALUE
