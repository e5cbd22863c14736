# language: nl
@uitwisseling @werkzoekenden @tls
Functionaliteit: Wie mag vragen, en namens wie
  De uitwisselingsvoorziening bedient alleen geregistreerde bemiddelaars en hun verwerkers. Het
  OIN van het clientcertificaat is X-VUM-viaParty, en dat is de vragende bemiddelaar (fromParty)
  zelf of een verwerker die voor haar geregistreerd is. Een geweigerde vraag bereikt geen bron.

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01"

  @AV-BEV-015 @must
  Scenario: Een viaParty die niet het OIN van het certificaat is
    Gegeven de header "X-VUM-viaParty" is "00000099000000005000"
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd
    En heeft geen bron een zoekvraag ontvangen

  @AV-BEV-016 @must @certificaat-verwerker
  Scenario: De geregistreerde verwerker vraagt namens de bemiddelaar
    Gegeven de verwerker vraagt namens de bemiddelaar
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En ontvingen de bronnen deze headers:
      | bron   | X-VUM-fromParty      |
      | bron-a | 00000099000000004000 |
      | bron-b | 00000099000000004000 |

  @AV-BEV-016 @must @certificaat-particulier
  Scenario: Een andere bemiddelaar vraagt namens de bemiddelaar
    Gegeven de tweede bemiddelaar vraagt namens de bemiddelaar
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd
    En heeft geen bron een zoekvraag ontvangen

  @AV-BEV-016 @must @certificaat-verwerker
  Scenario: De verwerker vraagt namens een bemiddelaar waarvoor hij niet geregistreerd is
    Gegeven de verwerker vraagt namens de tweede bemiddelaar
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd
    En heeft geen bron een zoekvraag ontvangen

  @AV-BEV-017 @must @certificaat-onbekend
  Scenario: Een partij die niet deelneemt
    Gegeven de partij die niet deelneemt vraagt voor zichzelf
    Als de bemiddelaar de zoekvraag stelt
    Dan wordt het verzoek geweigerd
    En heeft geen bron een zoekvraag ontvangen
