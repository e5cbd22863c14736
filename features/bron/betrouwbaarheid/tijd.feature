# language: nl
@bron
Functionaliteit: Antwoordtijd
  De bemiddelaar moet een detail binnen 10 seconden hebben; de bron blijft daar ruim binnen.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-BET-001 @must
  Scenario: Een detail binnen 10 seconden
    Als de uitwisselingsvoorziening het detail van een bekend profiel opvraagt
    Dan kwam het antwoord binnen 10 seconden

  @AV-BET-002 @should
  Scenario: Een zoekvraag over het hele land binnen 10 seconden
    Gegeven een zoekvraag over het hele land naar profielen van de bron
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan kwam het antwoord binnen 10 seconden
