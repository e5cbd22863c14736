# language: nl
@bron
Functionaliteit: Hoogstens 100 resultaten
  Een bron levert per zoekvraag hoogstens 100 matches en zet maximumAantalResultatenBereikt precies
  dan op waar wanneer er meer waren. Op Ameland liggen 100 werkzoekenden binnen 10 km van 9161 en een
  101e (wz-a101) op 10,8 km; op Schiermonnikoog 101 vacatures in één PC4-gebied, waarvan 100 met
  minstens 32 uur per week.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-SEL-025 @AV-SEL-026 @must
  Scenario: Precies 100 werkzoekenden: niet afgekapt
    Gegeven een zoekvraag naar werkzoekenden binnen 10 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord de werkzoekenden "wz-a001" tot en met "wz-a100"
    En is maximumAantalResultatenBereikt "onwaar"

  @AV-SEL-025 @AV-SEL-026 @must
  Scenario: 101 werkzoekenden: 100 geleverd en de vlag gezet
    Gegeven een zoekvraag naar werkzoekenden binnen 11 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches
    En is maximumAantalResultatenBereikt "waar"

  @AV-SEL-027 @should
  Scenario: Bij afkappen vallen de verste werkzoekenden af
    Gegeven een zoekvraag naar werkzoekenden binnen 11 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord de werkzoekenden "wz-a001" tot en met "wz-a100"

  @AV-SEL-025 @AV-SEL-026 @must
  Scenario: 101 vacatures: 100 geleverd en de vlag gezet
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches
    En is maximumAantalResultatenBereikt "waar"

  @AV-SEL-026 @must
  Scenario: Precies 100 vacatures na een criterium: niet afgekapt
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    En het maximaal aantal werkuren per week is minstens 32
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord de vacatures "vac-s001" tot en met "vac-s100"
    En is maximumAantalResultatenBereikt "onwaar"

  @AV-SEL-025 @AV-SEL-026 @must
  Scenario: Een vraag over het hele land wordt afgekapt
    Gegeven een zoekvraag naar werkzoekenden binnen 999 km van postcode "3511AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches
    En is maximumAantalResultatenBereikt "waar"
