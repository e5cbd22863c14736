# language: nl
@bemiddelaar
Functionaliteit: Details opvragen van matches
  Een bemiddelaar vraagt het detail van een profiel alleen op met het vumID dat de
  uitwisselingsvoorziening hem in een antwoord gaf, en van één zoekvraag nooit meer dan 10 details.

  Achtergrond:
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd

  @AV-BEM-011 @must
  Scenario: Een detail alleen met een vumID uit een eerder antwoord
    Dan vraagt de applicatie elk detail op met een vumID uit een eerder antwoord

  @AV-BEM-012 @must @werkzoekenden
  Scenario: Niet meer dan 10 details van één zoekvraag
    Gegeven taak 7 vraagt het detail op van de eerste 12 matches
    Dan vraagt de applicatie per zoekvraag niet meer dan 10 details op
