# language: nl
@bron
Functionaliteit: Criteria van een zoekvraag naar werkzoekenden
  Elk criterium van de zoekvraag beperkt de selectie volgens de MongoDB-betekenis van de standaard.
  Alle vragen zijn gesteld binnen 15 km van Den Burg (1791AA); zonder criteria zijn dat wz-t01 tot en
  met wz-t12 behalve wz-t09. Beroepscodes B1, B2 en B3 staan in de README van de testset.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"

  # Het bemiddelingsberoep is een van de gevraagde beroepen

    @AV-SEL-005 @must @werkzoekenden
    Scenario: Eén beroep
      Gegeven het bemiddelingsberoep is een van "B1"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t05, wz-t08, wz-t10"

    @AV-SEL-005 @must @werkzoekenden
    Scenario: Een van twee beroepen
      Gegeven het bemiddelingsberoep is een van "B2, B3"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t02, wz-t03, wz-t07, wz-t08, wz-t12"

    @AV-SEL-005 @must @werkzoekenden
    Scenario: Een beroep dat niemand heeft
      Gegeven het bemiddelingsberoep is een van "https://linkeddata.competentnl.nl/uwv/id/occupation/0000000000"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan is de status 200
      En bevat het antwoord geen matches

  # De contractvorm is een van de gevraagde typen arbeidscontract

    @AV-SEL-006 @must @werkzoekenden
    Scenario: Onbepaalde tijd
      Gegeven de contractvorm is een van "O"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t03, wz-t05, wz-t07, wz-t10, wz-t12"

    @AV-SEL-022 @must @werkzoekenden
    Scenario: Bepaalde tijd; een contractvorm zonder type telt niet
      Gegeven de contractvorm is een van "B"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t02, wz-t03, wz-t06, wz-t08"

  # Een indicatie is gelijk aan ja of nee; onbekend (0) en afwezig tellen niet

    @AV-SEL-007 @must @werkzoekenden
    Abstract Scenario: Onregelmatig werk of ploegendienst: <keuze>
      Gegeven onregelmatig werk of ploegendienst is "<keuze>"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "<ids>"

      Voorbeelden:
        | keuze | ids                                    |
        | ja    | wz-t01, wz-t03, wz-t06, wz-t07, wz-t10 |
        | nee   | wz-t02, wz-t05, wz-t08                 |

    @AV-SEL-011 @must @werkzoekenden
    Abstract Scenario: Werken binnen kantoortijden: <keuze>
      Gegeven werken binnen kantoortijden is "<keuze>"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "<ids>"

      Voorbeelden:
        | keuze | ids                                            |
        | ja    | wz-t01, wz-t03, wz-t05, wz-t07, wz-t08, wz-t10 |
        | nee   | wz-t02, wz-t06, wz-t12                         |

    @AV-SEL-022 @must @werkzoekenden
    Scenario: Zonder kantoortijden-indicatie voldoet een werkzoekende niet aan een vraag naar kantoortijden
      Gegeven werken binnen kantoortijden is "ja"
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t03, wz-t05, wz-t07, wz-t08, wz-t10"

  # Elk gevraagd rijbewijs is vereist

    @AV-SEL-008 @must @werkzoekenden
    Abstract Scenario: Rijbewijzen <rijbewijzen>
      Gegeven de rijbewijzen "<rijbewijzen>" zijn vereist
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "<ids>"

      Voorbeelden:
        | rijbewijzen | ids                                            |
        | B           | wz-t01, wz-t02, wz-t06, wz-t08, wz-t10, wz-t12 |
        | B, C        | wz-t02, wz-t12                                 |
        | C, CE       | wz-t03, wz-t12                                 |

    @AV-SEL-028 @should @werkzoekenden
    Scenario: De volgorde van de gevraagde rijbewijzen maakt niet uit
      Gegeven de rijbewijzen "CE, C" zijn vereist
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t03, wz-t12"

  # Elke gevraagde taal wordt op minstens het gevraagde niveau beheerst

    @AV-SEL-009 @must @werkzoekenden
    Scenario: Nederlands mondeling minstens goed
      Gegeven de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | nld  | 3         | -            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t05, wz-t07, wz-t08, wz-t10"

    @AV-SEL-009 @must @werkzoekenden
    Scenario: Nederlands schriftelijk minstens goed; een ontbrekend niveau telt niet
      Gegeven de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | nld  | -         | 3            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t05, wz-t07, wz-t10"

    @AV-SEL-009 @must @werkzoekenden
    Scenario: Mondeling en schriftelijk in hetzelfde taalgegeven
      Gegeven de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | nld  | 2         | 2            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t05, wz-t07, wz-t10, wz-t12"

    @AV-SEL-009 @must @werkzoekenden
    Scenario: Twee talen
      Gegeven de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | nld  | 2         | -            |
        | eng  | 4         | -            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t03"

    @AV-SEL-009 @must @werkzoekenden
    Scenario: Een taal die niemand beheerst
      Gegeven de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | fry  | -         | -            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord geen matches

  # Beschikbaarheid en werkuren

    @AV-SEL-010 @must @werkzoekenden
    Scenario: Beschikbaar uiterlijk op 1 december 2026
      Gegeven de werkzoekende is uiterlijk op "2026-12-01" beschikbaar
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t03, wz-t07, wz-t10"

    @AV-SEL-012 @must @werkzoekenden
    Scenario: Maximaal minstens 36 uur per week
      Gegeven het maximaal aantal werkuren per week is minstens 36
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t06, wz-t10, wz-t12"

    @AV-SEL-013 @must @werkzoekenden
    Scenario: Minimaal hoogstens 16 uur per week
      Gegeven het minimaal aantal werkuren per week is hoogstens 16
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t03, wz-t05, wz-t08, wz-t11"

    @AV-SEL-021 @must @werkzoekenden
    Scenario: Overlap met 24 tot 32 uur per week
      Gegeven het maximaal aantal werkuren per week is minstens 24
      En het minimaal aantal werkuren per week is hoogstens 32
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t03, wz-t07, wz-t10"

  # Criteria gelden samen

    @AV-SEL-021 @must @werkzoekenden
    Scenario: Beroep, contractvorm en taal samen
      Gegeven het bemiddelingsberoep is een van "B1"
      En de contractvorm is een van "O"
      En de talen zijn vereist:
        | taal | mondeling | schriftelijk |
        | nld  | 4         | -            |
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t05, wz-t10"
