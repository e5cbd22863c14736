# language: nl
@bron
Functionaliteit: Hoogstens 100 resultaten
  Een bron levert per zoekvraag hoogstens 100 matches en zet maximumAantalResultatenBereikt precies
  dan op waar wanneer er meer waren; moet zij afkappen, dan levert zij de dichtstbijzijnde. Op
  Ameland liggen 100 werkzoekenden binnen 10 km van 9161 en een 101e (wz-a101) op 10,8 km; de
  testset noemt ze in omgekeerde volgorde, de verste eerst. Op Schiermonnikoog liggen 101 vacatures
  in één PC4-gebied, waarvan 100 met minstens 32 uur per week.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-SEL-025 @must @werkzoekenden
  Scenario: Precies 100 werkzoekenden worden alle geleverd
    Gegeven een zoekvraag naar werkzoekenden binnen 10 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-a001" tot en met "wz-a100"

  @AV-SEL-026 @must @werkzoekenden
  Scenario: Precies 100 werkzoekenden: de vlag blijft onwaar
    Gegeven een zoekvraag naar werkzoekenden binnen 10 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "onwaar"

  @AV-SEL-025 @must @werkzoekenden
  Scenario: Van 101 werkzoekenden worden er 100 geleverd
    Gegeven een zoekvraag naar werkzoekenden binnen 11 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches

  @AV-SEL-026 @must @werkzoekenden
  Scenario: Bij 101 werkzoekenden staat de vlag op waar
    Gegeven een zoekvraag naar werkzoekenden binnen 11 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "waar"

  @AV-SEL-027 @should @werkzoekenden
  Scenario: Bij afkappen vallen de verste werkzoekenden af
    Gegeven een zoekvraag naar werkzoekenden binnen 11 km van postcode "9161AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-a001" tot en met "wz-a100"

  @AV-SEL-025 @must @vacatures
  Scenario: Van 101 vacatures worden er 100 geleverd
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches

  @AV-SEL-026 @must @vacatures
  Scenario: Bij 101 vacatures staat de vlag op waar
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "waar"

  @AV-SEL-020 @must @vacatures
  Scenario: Precies 100 vacatures met minstens 32 uur per week
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    En het maximaal aantal werkuren per week is minstens 32
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-s001" tot en met "vac-s100"

  @AV-SEL-026 @must @vacatures
  Scenario: Precies 100 vacatures na een criterium: de vlag blijft onwaar
    Gegeven een zoekvraag naar vacatures binnen 5 km van postcode "9166AA"
    En het maximaal aantal werkuren per week is minstens 32
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "onwaar"

  @AV-SEL-025 @must @werkzoekenden
  Scenario: Een vraag over het hele land levert 100 matches
    Gegeven een zoekvraag naar werkzoekenden binnen 999 km van postcode "3511AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord 100 matches

  @AV-SEL-026 @must @werkzoekenden
  Scenario: Bij een vraag over het hele land staat de vlag op waar
    Gegeven een zoekvraag naar werkzoekenden binnen 999 km van postcode "3511AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "waar"
