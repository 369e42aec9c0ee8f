Feature: Secret hygiene
  Implementations should not write secrets to logs, error messages or diagnostics. The harness keeps
  what a shim writes on standard error while each scenario runs and looks for the secrets it handed
  over or got back (spec/mpin.md section 15).

  @REQ-MPIN-15.2 @should @client @all-suites
  Scenario: The client does not log its token, PIN-restored secret or x
    Given the known-answer case "seed-1"
    When the client computes its first pass
    And the client computes its second pass
    And the client extracts PIN1 from CS
    Then the IUT's log shows none of TOKEN, SEC, X, CS

  @REQ-MPIN-15.2 @should @authority @all-suites
  Scenario: The authority does not log its master share
    Given the known-answer case "seed-1"
    When the authority issues the server-secret share of MS1
    And the authority issues the client-secret share of MS2 for HID
    Then the IUT's log shows none of MS1, MS2

  @REQ-MPIN-15.2 @should @interop @server @wrong-pin @all-suites
  Scenario: The server does not log the PIN error or a failed client's values
    Given the known-answer case "seed-1"
    And the reference plays the client and the IUT the server
    And the server detects wrong PINs
    And WRONG is PIN1 + 1
    When a login with WRONG is completed
    Then the login fails with BAD_PIN
    And the IUT's log shows none of SQ, TOKEN
