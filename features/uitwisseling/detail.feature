# language: nl
@uitwisseling
Functionaliteit: Details via de uitwisselingsvoorziening
  Een bemiddelaar vraagt het detail van een match op met zijn vumID. De uitwisselingsvoorziening
  vraagt het bij de bron die het profiel leverde en geeft het document van die bron ongewijzigd
  terug met het bronID. Per zoekvraag verstrekt zij hoogstens 10 details.

  @AV-KOP-025 @must @werkzoekenden
  Scenario: Het detail van een werkzoekende is het document van de bron
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t10"
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar het detail van de eerste match opvraagt
    Dan is de status 200
    En is het detail het document dat bron "bron-b" stuurde, met bronID "bron-b"

  @AV-KOP-025 @must @vacatures
  Scenario: Het detail van een vacature is het document van de bron
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    En bron "bron-a" antwoordt met de vacatures "vac-t03"
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar het detail van de eerste match opvraagt
    Dan is de status 200
    En is het detail het document dat bron "bron-a" stuurde, met bronID "bron-a"

  @AV-PRIV-014 @must @werkzoekenden
  Scenario: Het elfde detail van een zoekvraag wordt geweigerd
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02, wz-t03, wz-t04, wz-t05, wz-t06"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t07, wz-t08, wz-t09, wz-t10, wz-t11, wz-t12"
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar de details van de eerste 11 matches opvraagt
    Dan kregen de eerste 10 detailverzoeken status 200
    En is de status 429
    En is de foutcode "429.01"
    En hebben de bronnen samen 10 detailverzoeken ontvangen
