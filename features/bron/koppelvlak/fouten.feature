# language: nl
@bron
Functionaliteit: Foutafhandeling
  Een bron weigert een onjuist verzoek met het foutbericht van het contract: 400.01 bij een onjuiste
  structuur, 400.02 bij een ontbrekend verplicht gegeven. Geen invoer leidt tot een 5xx.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-KOP-011 @must @werkzoekenden
  Abstract Scenario: Onjuiste structuur: <wat>
    Als de uitwisselingsvoorziening naar "/werkzoekendeProfielen/matches" het bericht stuurt:
      """
      <bericht>
      """
    Dan is de status 400
    En is de foutcode "400.01"

    Voorbeelden:
      | wat                          | bericht                                                                                  |
      | geen JSON                    | {"vraagObject": {                                                                        |
      | een lijst                    | []                                                                                       |
      | vraagObject is tekst         | {"vraagObject": "1791AA"}                                                                |
      | een extra sleutel            | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}}, "callbackURL": "x"} |
      | postcode met spatie          | {"vraagObject": {"selectiegebied": {"postcode": "1791 AA", "afstand": 5}}}               |
      | afstand boven 999            | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 1000}}}             |
      | werkuren als tekst           | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}, "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": "veel"}}} |

  @AV-KOP-012 @must @werkzoekenden
  Scenario: Een zoekvraag zonder selectiegebied
    Als de uitwisselingsvoorziening naar "/werkzoekendeProfielen/matches" het bericht stuurt:
      """
      {"vraagObject": {"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24}}}
      """
    Dan is de status 400
    En is de foutcode "400.02"

  @AV-KOP-012 @must @vacatures
  Scenario: Een zoekvraag naar vacatures zonder selectiegebied
    Als de uitwisselingsvoorziening naar "/vacatures/matches" het bericht stuurt:
      """
      {"vraagObject": {}}
      """
    Dan is de status 400
    En is de foutcode "400.02"

  @AV-KOP-011 @must @vacatures
  Scenario: Twee vormen van het werk- en denkniveau tegelijk
    Als de uitwisselingsvoorziening naar "/vacatures/matches" het bericht stuurt:
      """
      {"vraagObject": {"selectiegebied": {"postcode": "8881AA", "afstand": 5}, "codeWerkEnDenkniveauMinimaal": {"$lt": "7", "$eq": "7"}}}
      """
    Dan is de status 400
    En is de foutcode "400.01"

  @AV-KOP-013 @should
  Scenario: Een onbekend id
    Als de uitwisselingsvoorziening het detail van een profiel met id "onbekend-9999" opvraagt
    Dan is de status 404
    En is het antwoord geldig volgens het contract

  @AV-BEV-011 @must
  Scenario: Een geraden id levert geen gegevens
    Als de uitwisselingsvoorziening het detail van een profiel met id "0000" opvraagt
    Dan is de status niet 200

  @AV-KOP-017 @should
  Scenario: Een afsluitende slash
    Als de uitwisselingsvoorziening de profielen van de bron opvraagt met een afsluitende slash
    Dan is de status 404

  @AV-KOP-020 @should
  Scenario: Een bericht groter dan 1 MiB
    Als de uitwisselingsvoorziening een zoekvraag van 2 MiB stuurt
    Dan is de status 400

  @AV-KOP-015 @must
  Scenario: Geen enkele onjuiste invoer leidt tot een serverfout
    Als de uitwisselingsvoorziening elk van deze berichten als zoekvraag stuurt:
      | bericht                                                                                   |
      | null                                                                                      |
      | 0                                                                                         |
      | {}                                                                                        |
      | {"vraagObject": null}                                                                     |
      | {"vraagObject": {"selectiegebied": null}}                                                 |
      | {"vraagObject": {"selectiegebied": {"postcode": 1791, "afstand": 5}}}                     |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": -1}}}                |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5.5}}}               |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": "vijf"}}}             |
    Dan is geen enkel antwoord een serverfout

  @AV-BEV-008 @must
  Scenario: Elke schema-ongeldige zoekvraag wordt met een foutbericht geweigerd
    Als de uitwisselingsvoorziening elk van deze berichten als zoekvraag stuurt:
      | bericht                                                                                   |
      | null                                                                                      |
      | 0                                                                                         |
      | {}                                                                                        |
      | {"vraagObject": null}                                                                     |
      | {"vraagObject": {"selectiegebied": null}}                                                 |
      | {"vraagObject": {"selectiegebied": {"postcode": 1791, "afstand": 5}}}                     |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": -1}}}                |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5.5}}}               |
      | {"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": "vijf"}}}             |
    Dan is elk antwoord een foutbericht volgens het contract
