# language: nl
@bemiddelaar
Functionaliteit: Partijen en versies in de kopregels van de bemiddelaar
  Volgens de vulregels van §3.2 noemt elk verzoek van een bemiddelaar de uitwisselingsvoorziening
  als ontvanger, de vragende verwerkingsverantwoordelijke als afzender en de verwerker, die het
  clientcertificaat presenteert. Gebruikt een gemeente geen verwerker, dan staat haar eigen OIN in
  X-VUM-viaParty.

  Achtergrond:
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd

  @AV-BEM-002 @must
  Scenario: Elk verzoek is gericht aan de uitwisselingsvoorziening
    Dan draagt elk verzoek in X-VUM-toParty het OIN van de uitwisselingsvoorziening

  @AV-BEM-003 @must
  Scenario: Elk verzoek noemt de vragende gemeente
    Dan draagt elk verzoek in X-VUM-fromParty het OIN van de vragende verwerkingsverantwoordelijke

  @AV-BEM-004 @must
  Scenario: De verwerker is wie het certificaat presenteert
    Dan draagt elk verzoek in X-VUM-viaParty het OIN van het clientcertificaat

  @AV-BEM-005 @must
  Scenario: Elk verzoek noemt de versie waarin het vraagt
    Dan draagt elk verzoek X-VUM-berichtVersie en API-Version met dezelfde bestaande versie
