# language: nl
@bemiddelaar
Functionaliteit: Wachten en herhalen als de uitwisselingsvoorziening het druk heeft
  Antwoordt de uitwisselingsvoorziening 429 met Retry-After, dan wacht de applicatie die tijd af.
  Is zij niet beschikbaar (503), dan probeert de applicatie het opnieuw met een wachttijd en een
  begrensd aantal keren, zodat geen herhaalstorm ontstaat.

  Achtergrond:
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd

  @AV-BEM-013 @must @vacatures
  Scenario: Na 429 wacht de applicatie de Retry-After af
    Gegeven de uitwisselingsvoorziening antwoordt op de zoekvraag van taak 5 eerst 429 met Retry-After 2 seconden
    Dan stuurt de applicatie voor die zoekvraag geen nieuw verzoek voordat de wachttijd voorbij is

  @AV-BEM-014 @must @werkzoekenden
  Scenario: Na 503 herhaalt de applicatie met een wachttijd en begrensd
    Gegeven de uitwisselingsvoorziening antwoordt op de zoekvraag van taak 6 eerst 2 keer 503
    Dan herhaalt de applicatie de zoekvraag pas na een wachttijd en hoogstens 5 keer binnen 60 seconden
