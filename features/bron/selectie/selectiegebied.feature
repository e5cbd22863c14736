# language: nl
@bron
Functionaliteit: Selectiegebied
  Een bron selecteert alleen profielen binnen het gevraagde gebied: de afstand tussen het midden van
  het PC4-gebied van de vraag en dat van het profiel is hoogstens de gevraagde afstand in kilometers.
  Een werkzoekende wordt bovendien niet geselecteerd buiten zijn eigen maximale reisafstand.
  De testset heeft op Texel (1791-1797) twaalf werkzoekenden; vanuit 1791 ligt 1793 op 2,94 km,
  1792 op 3,90 km, 1797 op 4,22 km, 1796 op 4,39 km, 1794 op 6,67 km en 1795 op 10,52 km.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-KOP-001 @must @werkzoekenden
  Scenario: Een geldige zoekvraag naar werkzoekenden krijgt een lijst matches
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En heeft het antwoord een lijst matches

  @AV-SEL-001 @must @werkzoekenden
  Scenario: Alleen werkzoekenden binnen 15 km van Den Burg
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden:
      | idWerkzoekende |
      | wz-t01         |
      | wz-t02         |
      | wz-t03         |
      | wz-t04         |
      | wz-t05         |
      | wz-t06         |
      | wz-t07         |
      | wz-t08         |
      | wz-t10         |
      | wz-t11         |
      | wz-t12         |

  @AV-SEL-001 @must @werkzoekenden
  Scenario: Een kleiner gebied laat De Cocksdorp (10,52 km) buiten beschouwing
    Gegeven een zoekvraag naar werkzoekenden binnen 10 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden:
      | idWerkzoekende |
      | wz-t01         |
      | wz-t02         |
      | wz-t03         |
      | wz-t04         |
      | wz-t05         |
      | wz-t06         |
      | wz-t08         |
      | wz-t10         |
      | wz-t11         |
      | wz-t12         |

  @AV-SEL-002 @must @werkzoekenden
  Abstract Scenario: De grens van het gebied: <afstand> km vanuit 1791
    Gegeven een zoekvraag naar werkzoekenden binnen <afstand> km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "<ids>"

    Voorbeelden:
      | afstand | ids                                                                         |
      | 0       | wz-t01, wz-t02, wz-t10                                                      |
      | 2       | wz-t01, wz-t02, wz-t10                                                      |
      | 3       | wz-t01, wz-t02, wz-t05, wz-t10, wz-t12                                      |
      | 11      | wz-t01, wz-t02, wz-t03, wz-t04, wz-t05, wz-t06, wz-t07, wz-t08, wz-t10, wz-t11, wz-t12 |

  @AV-SEL-001 @must @werkzoekenden
  Scenario: Kleine letters in de postcode van de vraag
    Gegeven een zoekvraag naar werkzoekenden binnen 0 km van postcode "1791aa"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t10"

  @AV-SEL-003 @must @werkzoekenden
  Scenario: Een werkzoekende die hoogstens 2 km reist, buiten die afstand
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1792AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t03, wz-t04, wz-t05, wz-t06, wz-t07, wz-t08, wz-t11, wz-t12"

  @AV-SEL-003 @must @werkzoekenden
  Scenario: Dezelfde werkzoekenden vanuit hun eigen postcodegebied
    Gegeven een zoekvraag naar werkzoekenden binnen 5 km van postcode "1797ZZ"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t09"

  @AV-KOP-002 @must @vacatures
  Scenario: Een geldige zoekvraag naar vacatures krijgt een lijst matches
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En heeft het antwoord een lijst matches

  @AV-SEL-001 @must @vacatures
  Scenario: Vacatures binnen 15 km van West-Terschelling
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures:
      | idVacature |
      | vac-t01    |
      | vac-t02    |
      | vac-t03    |
      | vac-t04    |
      | vac-t05    |
      | vac-t06    |
      | vac-t07    |
      | vac-t08    |
      | vac-t09    |

  @AV-SEL-002 @must @vacatures
  Scenario: Vlieland (12,75 km) valt buiten 12 km
    Gegeven een zoekvraag naar vacatures binnen 12 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t03, vac-t04, vac-t05, vac-t06, vac-t08, vac-t09"

  @AV-SEL-004 @must
  Scenario: Een postcode van een onbekend PC4-gebied
    Gegeven een zoekvraag naar profielen van de bron binnen 5 km van postcode "0000AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 400
    En is de foutcode "400.01"
