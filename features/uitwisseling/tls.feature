# language: nl
@uitwisseling @werkzoekenden @tls
Functionaliteit: Tweezijdig TLS naar de uitwisselingsvoorziening
  De uitwisselingsvoorziening bedient bemiddelaars alleen over HTTPS met een geldig certificaat van
  de vertrouwde PKI, over TLS 1.2 of hoger. Een zelfondertekend certificaat en een certificaat van
  een vreemde CA maakt het harnas zelf; een verlopen certificaat geeft de leverancier mee
  (--expired-cert, of --pki voor een test-PKI).

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"

  @AV-BEV-018 @must
  Scenario: Met het certificaat van de bemiddelaar
    Gegeven de vraagsteller gebruikt het clientcertificaat "bemiddelaar"
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200

  @AV-BEV-018 @must
  Scenario: Zonder clientcertificaat
    Gegeven de vraagsteller gebruikt geen clientcertificaat
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-018 @must @certificaat-verlopen
  Scenario: Met een verlopen certificaat
    Gegeven de vraagsteller gebruikt het clientcertificaat "verlopen"
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-018 @must
  Scenario: Met een certificaat van een vreemde CA
    Gegeven de vraagsteller gebruikt het clientcertificaat "vreemd"
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-018 @must
  Scenario: Met een zelfondertekend certificaat
    Gegeven de vraagsteller gebruikt het clientcertificaat "zelfondertekend"
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd

  @AV-BEV-020 @must
  Scenario: Gewoon HTTP levert niets op
    Als de bemiddelaar de zoekvraag over gewoon HTTP stelt
    Dan levert gewoon HTTP geen gegevens op

  @AV-BEV-022 @must
  Abstract Scenario: <versie> wordt geweigerd
    Als de vraagsteller een TLS-verbinding met "<versie>" aanbiedt
    Dan weigert de uitwisselingsvoorziening die TLS-versie

    Voorbeelden:
      | versie  |
      | TLS 1.0 |
      | TLS 1.1 |
