# language: nl
@uitwisseling @werkzoekenden
Functionaliteit: Pseudoniemen
  Een bemiddelaar ziet nooit het id waaronder een bron een profiel kent: elke match draagt een
  vumID dat per zoekvraag anders is, niet uit het id is af te leiden, niet te vervalsen is en
  alleen werkt voor de bemiddelaar die de zoekvraag stelde.

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02"
    En bron "bron-b" antwoordt met de werkzoekenden "wz-t10"

  @AV-PRIV-009 @must
  Scenario: Een vumID verraadt het id van de bron niet
    Als de bemiddelaar de zoekvraag stelt
    Dan is geen vumID het id van de bron of daaruit af te leiden

  @AV-PRIV-010 @must
  Scenario: Dezelfde profielen krijgen bij een nieuwe zoekvraag andere vumIDs
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar de zoekvraag nogmaals stelt
    Dan hebben de twee antwoorden geen vumID gemeen

  @AV-PRIV-011 @must
  Scenario: Een gewijzigd vumID levert niets op
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar het detail opvraagt met het vumID van de eerste match, met één teken gewijzigd
    Dan levert het antwoord geen gegevens op
    En heeft geen bron een detailverzoek ontvangen

  @AV-PRIV-011 @must
  Scenario: Een verzonnen vumID levert niets op
    Als de bemiddelaar de zoekvraag stelt
    En de bemiddelaar het detail opvraagt met vumID "bron-a.wz-t01"
    Dan levert het antwoord geen gegevens op
    En heeft geen bron een detailverzoek ontvangen

  @AV-PRIV-012 @must @tls @certificaat-particulier
  Scenario: Een andere bemiddelaar kan het vumID niet gebruiken
    Als de bemiddelaar de zoekvraag stelt
    En de tweede bemiddelaar het detail van de eerste match opvraagt
    Dan levert het antwoord geen gegevens op
    En heeft geen bron een detailverzoek ontvangen
