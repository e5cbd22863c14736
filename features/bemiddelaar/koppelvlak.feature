# language: nl
@bemiddelaar
Functionaliteit: Zoekvragen volgens het koppelvlak voor bemiddelaars
  De applicatie van een bemiddelaar voert de genummerde taken van de certificering uit tegen de
  uitwisselingsvoorziening die het harnas speelt. Elke zoekvraag moet het koppelvlak volgen, anders
  vraagt de applicatie stilzwijgend iets anders dan de casemanager bedoelt.

  Achtergrond:
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd

  @AV-BEM-001 @must
  Scenario: Elke zoekvraag is geldig volgens het koppelvlak
    Dan is elke zoekvraag geldig volgens het koppelvlak voor bemiddelaars

  @AV-BEM-006 @must
  Scenario: Een zoekvraag is JSON en zegt dat ook
    Dan draagt elke zoekvraag Content-Type application/json
