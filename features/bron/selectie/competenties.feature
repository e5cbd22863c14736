# language: nl
@bron
Functionaliteit: Zoeken op een competentie (vanaf versie 3.1.0)
  Vanaf versie 3.1.0 kan een zoekvraag naar werkzoekenden een competentie uit CompetentNL vragen:
  de werkzoekende heeft onder zijn competenties er een met die code. In versie 3.0.0 is het een
  onbekend criterium, dat niet beperkt. Alle vragen zijn gesteld binnen 15 km van Den Burg
  (1791AA); de competentiecodes C1 tot en met C5 staan in de README van de testset van 3.1.0.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"

  @AV-SEL-030 @must @werkzoekenden
  Scenario: Een competentie die meer werkzoekenden hebben
    Gegeven de werkzoekende heeft de competentie "C2"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t08, wz-t12"

  @AV-SEL-030 @must @werkzoekenden
  Scenario: Een competentie van een werkzoekende die haar eigen reisafstand niet haalt
    Gegeven de werkzoekende heeft de competentie "C1"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t03, wz-t07"

  @AV-SEL-030 @must @werkzoekenden
  Scenario: Een competentie die niemand heeft
    Gegeven de werkzoekende heeft de competentie "https://linkeddata.competentnl.nl/uwv/id/skill/0000000000"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord geen matches
