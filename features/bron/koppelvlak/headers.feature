# language: nl
@bron
Functionaliteit: Headers van verzoek en antwoord
  Elk verzoek aan een bron draagt de berichtversie, de API-versie, de OIN's van de partijen en de
  SUWI-indicatie; elk antwoord draagt de versies en de OIN's volgens de vulregels: van de bron
  (verwerkingsverantwoordelijke), aan de vragende verwerkingsverantwoordelijke, via de verwerker
  van de bron.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar profielen van de bron

  @AV-KOP-005 @must
  Scenario: Het antwoord draagt de berichtversie
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt het antwoord de header "X-VUM-berichtVersie" met de gevraagde versie

  @AV-KOP-006 @must
  Scenario: Het antwoord draagt de API-versie
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt het antwoord de header "API-Version" met de gevraagde versie

  @AV-KOP-007 @must
  Scenario: Het antwoord draagt de partijen volgens de vulregels
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt het antwoord de header "X-VUM-fromParty" met het OIN van de bron
    En draagt het antwoord de header "X-VUM-toParty" met het OIN van de vraagsteller
    En draagt het antwoord de header "X-VUM-viaParty" met het OIN van de verwerker

  @AV-KOP-008 @must
  Abstract Scenario: Zonder de header <header>
    Gegeven de header "<header>" ontbreekt
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 400
    En is de foutcode "400.02" of "400.01"

    Voorbeelden:
      | header              |
      | X-VUM-berichtVersie |
      | API-Version         |
      | X-VUM-fromParty     |
      | X-VUM-toParty       |
      | X-VUM-viaParty      |
      | X-VUM-SUWIparty     |

  @AV-KOP-009 @must
  Abstract Scenario: Versie <versie> in <header>
    Gegeven de header "<header>" is "<versie>"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 400

    Voorbeelden:
      | header              | versie |
      | X-VUM-berichtVersie | 2.0.0  |
      | API-Version         | 2.0.0  |
      | API-Version         | 3.2.0  |

  @AV-KOP-010 @must
  Scenario: Headernamen met hoofdletters (X-Vum-Suwiparty, Api-Version)
    Gegeven de vraagsteller schrijft de headernamen met hoofdletters
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En heeft het antwoord een lijst matches

  @AV-KOP-010 @must
  Scenario: Een detailverzoek met headernamen met hoofdletters
    Gegeven de vraagsteller schrijft de headernamen met hoofdletters
    Als de uitwisselingsvoorziening het detail van een bekend profiel opvraagt
    Dan is de status 200

  @AV-KOP-021 @must
  Abstract Scenario: Een onjuist OIN in <header>
    Gegeven de header "<header>" is "<waarde>"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 400
    En is de foutcode "400.01"

    Voorbeelden:
      | header          | waarde               |
      | X-VUM-fromParty | 12345                |
      | X-VUM-fromParty | 0000009900000000400X |

  @AV-KOP-018 @must
  Scenario: Een verzoek voor een andere bron
    Gegeven de header "X-VUM-toParty" is "00000099000000006000"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 401
    En heeft het antwoord geen inhoud

  @AV-KOP-018 @must
  Scenario: Een verzoek via een andere verwerker
    Gegeven de header "X-VUM-viaParty" is "00000099000000005000"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 401

  @AV-KOP-008 @must
  Scenario: Een detailverzoek zonder SUWI-indicatie
    Gegeven de header "X-VUM-SUWIparty" ontbreekt
    Als de uitwisselingsvoorziening het detail van een bekend profiel opvraagt
    Dan is de status 400

  @AV-KOP-019 @must
  Scenario: Een antwoord is JSON
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan heeft het antwoord Content-Type "application/json"

  @AV-KOP-019 @must
  Scenario: Een foutbericht is JSON
    Gegeven de header "API-Version" is "9.9.9"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan geeft de bron een foutantwoord
    En heeft het antwoord Content-Type "application/json"

  @AV-KOP-014 @must
  Scenario: Een foutbericht volgt het contract
    Gegeven de header "API-Version" is "9.9.9"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan geeft de bron een foutantwoord
    En is het antwoord geldig volgens het contract
