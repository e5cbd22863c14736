# language: nl
@uitwisseling
Functionaliteit: Samenvoegen van de antwoorden van de bronnen
  De uitwisselingsvoorziening stelt een zoekvraag van een bemiddelaar aan elke aangesloten bron en
  geeft de matches van alle bronnen samen terug, elk onder een vumID in plaats van het id van de
  bron. Het harnas speelt de bronnen bron-a en bron-b; in elk scenario staat welke profielen van de
  certificeringstestset zij teruggeven.

  @AV-KOP-022 @must @werkzoekenden
  Scenario: De werkzoekenden van beide bronnen komen samen terug
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t10"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord de matches van "bron-a" en "bron-b", elk onder een vumID

  @AV-KOP-022 @must @vacatures
  Scenario: De vacatures van beide bronnen komen samen terug
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    En bron "bron-a" antwoordt met de vacatures "vac-t01, vac-t02, vac-t03, vac-t04"
    En bron "bron-b" antwoordt met de vacatures "vac-t05, vac-t06, vac-t07, vac-t08, vac-t09"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord de matches van "bron-a" en "bron-b", elk onder een vumID

  @AV-KOP-022 @must @werkzoekenden
  Scenario: Een bron zonder matches laat de matches van de andere onverlet
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02, wz-t10"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord alleen de matches van "bron-a", elk onder een vumID

  @AV-KOP-023 @must @werkzoekenden
  Scenario: maximumAantalResultatenBereikt van één bron geldt voor het antwoord
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t02" en meldt dat er meer waren
    Als de bemiddelaar de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "waar"

  @AV-KOP-023 @must @werkzoekenden
  Scenario: maximumAantalResultatenBereikt is onwaar als geen bron het zette
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t02"
    Als de bemiddelaar de zoekvraag stelt
    Dan is maximumAantalResultatenBereikt "onwaar"

  @AV-KOP-024 @must @werkzoekenden
  Scenario: Elke zoekvraag krijgt een eigen vraagID
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar de zoekvraag nogmaals stelt
    Dan hebben de twee antwoorden elk een ander vraagID
