# language: nl
@uitwisseling @werkzoekenden
Functionaliteit: Wat de bronnen ontvangen
  De uitwisselingsvoorziening stelt de zoekvraag aan elke bron volgens de vulregels (§3.2): de
  vragende verwerkingsverantwoordelijke gaat ongewijzigd door, toParty en viaParty zijn die van de
  bron zelf, en de SUWI-indicatie komt uit de registratie van de vrager, nooit van de vrager zelf.

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"

  @AV-KOP-026 @must
  Scenario: De vragende verwerkingsverantwoordelijke gaat door naar elke bron
    Als de bemiddelaar de zoekvraag stelt
    Dan ontvingen de bronnen deze headers:
      | bron   | X-VUM-fromParty      |
      | bron-a | 00000099000000004000 |
      | bron-b | 00000099000000004000 |

  @AV-KOP-027 @must
  Scenario: Elke bron krijgt haar eigen verwerkingsverantwoordelijke en verwerker
    Als de bemiddelaar de zoekvraag stelt
    Dan ontvingen de bronnen deze headers:
      | bron   | X-VUM-toParty        | X-VUM-viaParty       |
      | bron-a | 00000099000000002000 | 00000099000000003000 |
      | bron-b | 00000099000000007000 | 00000099000000008000 |

  @AV-KOP-028 @must
  Scenario: De zoekvraag gaat ongewijzigd door, met een onbekend criterium
    Gegeven de zoekvraag bevat ook:
      | criterium                    | waarde              |
      | toekomstigCriterium          | {"$eq": "onbekend"} |
    Als de bemiddelaar de zoekvraag stelt
    Dan ontving elke bron de zoekvraag zoals de bemiddelaar haar stelde

  @AV-PRIV-016 @must
  Scenario: Een bemiddelaar binnen SUWI wordt als SUWI-partij doorgegeven
    Als de bemiddelaar de zoekvraag stelt
    Dan ontvingen de bronnen deze headers:
      | bron   | X-VUM-SUWIparty |
      | bron-a | true            |
      | bron-b | true            |

  @AV-PRIV-016 @must @tls @certificaat-particulier
  Scenario: Een bemiddelaar buiten SUWI die zegt SUWI-partij te zijn, wordt dat niet
    Gegeven de tweede bemiddelaar vraagt voor zichzelf
    En de header "X-VUM-SUWIparty" is "true"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En ontvingen de bronnen deze headers:
      | bron   | X-VUM-SUWIparty |
      | bron-a | false           |
      | bron-b | false           |

  @AV-BEV-021 @must @tls
  Scenario: De uitwisselingsvoorziening meldt zich bij de bronnen met haar eigen certificaat
    Als de bemiddelaar de zoekvraag stelt
    Dan meldde de uitwisselingsvoorziening zich bij elke bron met een certificaat met OIN "00000099000000001000"
