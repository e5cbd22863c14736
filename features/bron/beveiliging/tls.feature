# language: nl
@bron @tls
Functionaliteit: Tweezijdig TLS
  Een bron bedient alleen de uitwisselingsvoorziening, die zich meldt met een geldig certificaat van
  de vertrouwde PKI met haar OIN in subject serialNumber, over TLS 1.2 of hoger. Deze scenario's
  draaien tegen een https-doel. Een zelfondertekend certificaat en een certificaat van een vreemde
  CA maakt het harnas zelf; een verlopen certificaat, een certificaat met een OIN dat niet
  deelneemt en een certificaat van een bemiddelaar moeten van de CA van de bron komen en geeft de
  leverancier mee (--expired-cert, --unlisted-cert, --mediator-cert, of --pki voor een test-PKI).

  Achtergrond:
    Gegeven een zoekvraag naar profielen van de bron

  @AV-BEV-001 @must
  Scenario: Met het certificaat van de uitwisselingsvoorziening
    Gegeven de vraagsteller gebruikt het clientcertificaat "uitwisseling"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200

  @AV-BEV-001 @must
  Scenario: Zonder clientcertificaat
    Gegeven de vraagsteller gebruikt geen clientcertificaat
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-002 @must @certificaat-verlopen
  Scenario: Met een verlopen certificaat
    Gegeven de vraagsteller gebruikt het clientcertificaat "verlopen"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-005 @must
  Scenario: Met een certificaat van een vreemde CA
    Gegeven de vraagsteller gebruikt het clientcertificaat "vreemd"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-005 @must
  Scenario: Met een zelfondertekend certificaat
    Gegeven de vraagsteller gebruikt het clientcertificaat "zelfondertekend"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-004 @must @certificaat-onbekend
  Scenario: Met een certificaat waarvan het OIN niet deelneemt
    Gegeven de vraagsteller gebruikt het clientcertificaat "onbekend"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-004 @must @certificaat-bemiddelaar
  Scenario: Met het certificaat van een bemiddelaar in plaats van de uitwisselingsvoorziening
    Gegeven de vraagsteller gebruikt het clientcertificaat "bemiddelaar"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-KOP-018 @must
  Scenario: Een geldig certificaat met een toParty die het niet ondersteunt
    Gegeven de vraagsteller gebruikt het clientcertificaat "uitwisseling"
    En de header "X-VUM-toParty" is "00000099000000006000"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-007 @must
  Scenario: Geen API over gewoon HTTP
    Als de uitwisselingsvoorziening de zoekvraag over gewoon HTTP stelt
    Dan levert gewoon HTTP geen gegevens op

  @AV-BEV-014 @must
  Abstract Scenario: Geen verbinding over <versie>
    Als de vraagsteller een TLS-verbinding met "<versie>" aanbiedt
    Dan weigert de bron die TLS-versie

    Voorbeelden:
      | versie  |
      | TLS 1.0 |
      | TLS 1.1 |
