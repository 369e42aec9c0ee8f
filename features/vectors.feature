@all-suites
Feature: The published vectors
  The vector files of vectors/ (spec/vectors.md) hold known answers for every operation family of
  every suite, valid and invalid, generated from fixed seeds by the reference. Each scenario runs
  every case of one group type of the suite's files through the implementation under test, step by
  step as spec/vectors.md section 6 orders them: a valid case must reproduce every output octet for
  octet, an invalid case must fail at the first wrong step with the named canonical error.

  Scenario Outline: The published <type> vectors
    When the published <type> vectors of the suite are run through the IUT
    Then every vector case has its expected outcome

    @client @REQ-MPIN-4.1 @REQ-MPIN-4.2 @REQ-MPIN-4.3 @REQ-MPIN-4.4 @REQ-MPIN-4.5 @REQ-MPIN-12.5
    Examples: identity hashing
      | type        |
      | IdentityMap |

    @permits @REQ-MPIN-4.6 @REQ-MPIN-6.1 @REQ-MPIN-3.6 @negative
    Examples: permit points
      | type        |
      | PermitPoint |

    @REQ-MPIN-2.4 @REQ-MPIN-12.6
    Examples: the pairing
      | type    |
      | Pairing |

    @REQ-MPIN-12.1 @REQ-MPIN-12.2 @REQ-MPIN-12.3 @REQ-MPIN-12.4 @REQ-MPIN-12.6 @REQ-MPIN-12.7 @REQ-MPIN-14.2 @REQ-MPIN-14.3 @REQ-MPIN-14.4 @REQ-MPIN-14.5 @REQ-MPIN-14.6 @REQ-MPIN-14.7 @REQ-MPIN-14.8 @negative
    Examples: decoding with full validation
      | type     |
      | Decoding |

    @authority @seeded-shares @may @REQ-MPIN-3.3 @negative
    Examples: seeded master shares
      | type                |
      | MasterShareFromSeed |

    @authority @permits @REQ-MPIN-3.4 @REQ-MPIN-3.5 @REQ-MPIN-3.7 @REQ-MPIN-6.2
    Examples: issuance by N D-TAs
      | type        |
      | DtaIssuance |

    @authority @REQ-MPIN-3.2 @REQ-MPIN-3.4 @REQ-MPIN-3.5 @REQ-MPIN-3.6 @negative
    Examples: single shares
      | type              |
      | ServerSecretShare |
      | ClientSecretShare |

    @authority @permits @REQ-MPIN-3.2 @REQ-MPIN-3.6 @REQ-MPIN-6.1 @REQ-MPIN-6.2 @negative
    Examples: time-permit shares
      | type            |
      | TimePermitShare |

    @client @server @REQ-MPIN-3.7 @negative
    Examples: recombination
      | type        |
      | RecombineG1 |
      | RecombineG2 |

    @client @REQ-MPIN-5.1 @REQ-MPIN-5.2 @REQ-MPIN-5.3 @negative
    Examples: PIN extraction
      | type       |
      | ExtractPin |

    @client @factors @may @REQ-MPIN-5.5 @negative
    Examples: general factors
      | type          |
      | ExtractFactor |

    @client @server @REQ-MPIN-6.3 @REQ-MPIN-6.4 @REQ-MPIN-6.6 @REQ-MPIN-7.1 @REQ-MPIN-7.2 @REQ-MPIN-7.5 @REQ-MPIN-9.1 @REQ-MPIN-9.4 @REQ-MPIN-10.4 @negative
    Examples: complete two-pass runs
      | type    |
      | TwoPass |

    @server @REQ-MPIN-6.4 @REQ-MPIN-6.5 @REQ-MPIN-6.6 @REQ-MPIN-9.1 @REQ-MPIN-9.3 @REQ-MPIN-9.4 @REQ-MPIN-14.1 @REQ-MPIN-14.10 @negative
    Examples: the server's two-pass check
      | type          |
      | TwoPassServer |

    @client @REQ-MPIN-7.4 @REQ-MPIN-14.9 @REQ-MPIN-14.10 @negative
    Examples: the client's two-pass checks
      | type          |
      | TwoPassClient |

    @client @server @one-pass @REQ-MPIN-8.1 @REQ-MPIN-8.3 @REQ-MPIN-9.1 @negative
    Examples: complete one-pass runs
      | type    |
      | OnePass |

    @server @one-pass @REQ-MPIN-8.3 @REQ-MPIN-8.4 @REQ-MPIN-8.6 @negative
    Examples: the server's one-pass check
      | type          |
      | OnePassServer |

    @client @one-pass @REQ-MPIN-8.1 @negative
    Examples: the client's one-pass message
      | type          |
      | OnePassClient |

    @client @server @wrong-pin @REQ-MPIN-10.1 @REQ-MPIN-10.2 @REQ-MPIN-10.3 @REQ-MPIN-10.4 @negative
    Examples: wrong-PIN detection
      | type     |
      | WrongPin |

    @client @full @REQ-MPIN-11.3
    Examples: the transcript hash
      | type    |
      | HashAll |

    @client @server @full @REQ-MPIN-11.1 @REQ-MPIN-11.2 @REQ-MPIN-11.3 @REQ-MPIN-11.4 @REQ-MPIN-11.5 @REQ-MPIN-11.6 @REQ-MPIN-11.8 @negative
    Examples: complete M-Pin Full runs
      | type     |
      | MpinFull |

    @server @full @REQ-MPIN-11.5 @REQ-MPIN-11.7 @REQ-MPIN-11.8 @negative
    Examples: the server's side of M-Pin Full
      | type           |
      | MpinFullServer |

    @client @full @REQ-MPIN-11.4 @REQ-MPIN-11.7 @REQ-MPIN-11.8 @negative
    Examples: the client's side of M-Pin Full
      | type           |
      | MpinFullClient |
