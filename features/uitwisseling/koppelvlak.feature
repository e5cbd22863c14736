# language: nl
@uitwisseling @werkzoekenden
Functionaliteit: Het koppelvlak voor bemiddelaars
  De uitwisselingsvoorziening biedt bemiddelaars het koppelvlak VUM-Bemiddelaar: elk antwoord
  draagt de versies en de OIN's volgens de vulregels (van de uitwisselingsvoorziening, aan de
  vragende verwerkingsverantwoordelijke, via haar verwerker), en een onjuist verzoek wordt
  geweigerd met het foutbericht van het contract, zonder dat een bron het krijgt.

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02"

  @AV-KOP-005 @must
  Scenario: Het antwoord draagt de berichtversie
    Als de bemiddelaar de zoekvraag stelt
    Dan draagt het antwoord de header "X-VUM-berichtVersie" met de gevraagde versie

  @AV-KOP-006 @must
  Scenario: Het antwoord draagt de API-versie
    Als de bemiddelaar de zoekvraag stelt
    Dan draagt het antwoord de header "API-Version" met de gevraagde versie

  @AV-KOP-007 @must
  Scenario: Het antwoord draagt de partijen volgens de vulregels
    Als de bemiddelaar de zoekvraag stelt
    Dan draagt het antwoord de header "X-VUM-fromParty" met het OIN van de uitwisselingsvoorziening
    En draagt het antwoord de header "X-VUM-toParty" met het OIN van de vraagsteller
    En draagt het antwoord de header "X-VUM-viaParty" met het OIN van de verwerker

  @AV-KOP-008 @must
  Abstract Scenario: Zonder de header <header>
    Gegeven de header "<header>" ontbreekt
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 400
    En is de foutcode "400.02" of "400.01"
    En heeft geen bron een zoekvraag ontvangen

    Voorbeelden:
      | header              |
      | X-VUM-berichtVersie |
      | API-Version         |
      | X-VUM-fromParty     |
      | X-VUM-toParty       |
      | X-VUM-viaParty      |

  @AV-KOP-009 @must
  Abstract Scenario: Versie <versie> in <header>
    Gegeven de header "<header>" is "<versie>"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 400
    En heeft geen bron een zoekvraag ontvangen

    Voorbeelden:
      | header              | versie |
      | X-VUM-berichtVersie | 2.0.0  |
      | API-Version         | 2.0.0  |

  @AV-KOP-010 @must
  Scenario: Headernamen met hoofdletters
    Gegeven de vraagsteller schrijft de headernamen met hoofdletters
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En heeft het antwoord een lijst matches

  @AV-KOP-011 @must
  Abstract Scenario: Onjuiste structuur: <wat>
    Als de bemiddelaar naar "/werkzoekendeProfielen/matches" het bericht stuurt:
      """
      <bericht>
      """
    Dan is de status 400
    En is de foutcode "400.01"
    En heeft geen bron een zoekvraag ontvangen

    Voorbeelden:
      | wat                  | bericht                                                                      |
      | geen JSON            | {"vraagObject": {                                                            |
      | een lijst            | []                                                                           |
      | postcode met spatie  | {"vraagObject": {"selectiegebied": {"postcode": "1791 AA", "afstand": 5}}}   |
      | afstand boven 999    | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 1000}}} |

  @AV-KOP-012 @must
  Scenario: Een zoekvraag zonder selectiegebied
    Als de bemiddelaar naar "/werkzoekendeProfielen/matches" het bericht stuurt:
      """
      {"vraagObject": {"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24}}}
      """
    Dan is de status 400
    En is de foutcode "400.02"
    En heeft geen bron een zoekvraag ontvangen

  @AV-KOP-021 @must
  Abstract Scenario: Een onjuist OIN in <header>
    Gegeven de header "<header>" is "<waarde>"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 400
    En is de foutcode "400.01"

    Voorbeelden:
      | header          | waarde               |
      | X-VUM-fromParty | 12345                |
      | X-VUM-toParty   | 0000009900000000100A |

  @AV-KOP-015 @must
  Scenario: Geen enkele onjuiste invoer leidt tot een serverfout
    Als de bemiddelaar elk van deze berichten als zoekvraag stuurt:
      | bericht                                                                       |
      | null                                                                          |
      | {}                                                                            |
      | {"vraagObject": {"selectiegebied": null}}                                     |
      | {"vraagObject": {"selectiegebied": {"postcode": 1791, "afstand": 5}}}         |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": "vijf"}}} |
    Dan is geen enkel antwoord een serverfout

  @AV-BEV-008 @must
  Scenario: Elke schema-ongeldige zoekvraag wordt met een foutbericht geweigerd
    Als de bemiddelaar elk van deze berichten als zoekvraag stuurt:
      | bericht                                                                       |
      | null                                                                          |
      | {}                                                                            |
      | {"vraagObject": {"selectiegebied": null}}                                     |
      | {"vraagObject": {"selectiegebied": {"postcode": 1791, "afstand": 5}}}         |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": "vijf"}}} |
    Dan is elk antwoord een foutbericht volgens het contract

  @AV-KOP-014 @must
  Scenario: Een foutantwoord is een foutbericht volgens het contract
    Als de bemiddelaar naar "/werkzoekendeProfielen/matches" het bericht stuurt:
      """
      {"vraagObject": {"selectiegebied": {"postcode": "1791AA"}}}
      """
    Dan is de status 400
    En is het antwoord geldig volgens het contract

  @AV-KOP-019 @must
  Scenario: Het antwoord is JSON
    Als de bemiddelaar de zoekvraag stelt
    Dan heeft het antwoord Content-Type "application/json"

  @AV-GEG-001 @must
  Scenario: Het matchesantwoord is geldig volgens het contract
    Als de bemiddelaar de zoekvraag stelt
    Dan is het antwoord geldig volgens het contract

  @AV-GEG-002 @must
  Scenario: Het detail is geldig volgens het contract
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar het detail van de eerste match opvraagt
    Dan is de status 200
    En is het antwoord geldig volgens het contract

  @AV-BEV-009 @must
  Scenario: Een onjuiste zoekvraag met een e-mailadres
    Als de bemiddelaar de zoekvraag met dit bericht stuurt:
      """
      {"vraagObject": {"selectiegebied": {"postcode": "jan@voorbeeld.invalid", "afstand": 5}}}
      """
    Dan geeft de uitwisselingsvoorziening een foutantwoord
    En bevat de foutmelding geen interne gegevens
    En bevat het antwoord geen directe identificatoren
