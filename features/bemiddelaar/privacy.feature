# language: nl
@bemiddelaar
Functionaliteit: Geen directe identificatoren in verzoeken van de bemiddelaar
  Een zoekvraag gaat over kenmerken, niet over personen: geen BSN, IBAN, e-mailadres of
  telefoonnummer in een URL of body.

  @AV-BEM-015 @must
  Scenario: Geen directe identificator in URL of body
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd
    Dan bevat geen URL en geen body een directe identificator
