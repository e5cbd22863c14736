# language: nl
@bron
Functionaliteit: Criteria van een zoekvraag naar vacatures
  Alle vragen zijn gesteld binnen 15 km van West-Terschelling (8881AA); zonder criteria zijn dat
  vac-t01 tot en met vac-t09 (vac-t10 heeft geen adres en kan niet gevonden worden). Onregelmatig
  werk is ja bij vac-t01, vac-t03, vac-t06 en vac-t08, nee bij vac-t02, vac-t05 en vac-t09,
  onbekend (0) bij vac-t07; vac-t04 heeft geen flexibiliteit.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"

  @AV-SEL-014 @must @vacatures
  Scenario: Het beroep B1
    Gegeven het beroep van de vacature is "B1"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t03, vac-t06, vac-t09"

  @AV-SEL-015 @must @vacatures
  Scenario: Een bekend werk- en denkniveau vanaf mbo/havo/vwo
    Gegeven het werk- en denkniveau is bekend en minstens "4"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t08"

  @AV-SEL-015 @must @vacatures
  Scenario: Elk bekend werk- en denkniveau
    Gegeven het werk- en denkniveau is bekend
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t05, vac-t06, vac-t07, vac-t08, vac-t09"

  @AV-SEL-015 @must @vacatures
  Scenario: Een werk- en denkniveau dat (nog) niet bekend is
    Gegeven het werk- en denkniveau is niet bekend
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t03"

  @AV-SEL-016 @must @vacatures
  Scenario: Aanvang van de werkzaamheden op of na 1 december 2026
    Gegeven de werkzaamheden beginnen op of na "2026-12-01"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t05, vac-t06, vac-t08, vac-t09"

  @AV-SEL-017 @must @vacatures
  Scenario: Geen onregelmatig werk
    Gegeven onregelmatig werk of ploegendienst is "nee"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t02, vac-t05, vac-t09"

  @AV-SEL-018 @must @vacatures
  Scenario: Rijbewijs C
    Gegeven de rijbewijzen "C" zijn vereist
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t02, vac-t05"

  @AV-SEL-019 @must @vacatures
  Scenario: Nederlands mondeling minstens goed
    Gegeven de talen zijn vereist:
      | taal | mondeling | schriftelijk |
      | nld  | 3         | -            |
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t05, vac-t06, vac-t08"

  @AV-SEL-020 @must @vacatures
  Abstract Scenario: Werkuren: <criterium>
    Gegeven het <criterium>
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "<ids>"

    Voorbeelden:
      | criterium                                        | ids                       |
      | maximaal aantal werkuren per week is minstens 40 | vac-t01, vac-t03, vac-t07 |
      | minimaal aantal werkuren per week is hoogstens 8 | vac-t06, vac-t09          |

  @AV-SEL-017 @must @vacatures
  Scenario: Wel onregelmatig werk
    Gegeven onregelmatig werk of ploegendienst is "ja"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t03, vac-t06, vac-t08"

  @AV-SEL-022 @must @vacatures
  Scenario: Een vacature zonder indicatie voor onregelmatig werk voldoet niet aan een vraag ernaar
    Gegeven onregelmatig werk of ploegendienst is "ja"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t01, vac-t03, vac-t06, vac-t08"

  @AV-SEL-021 @must @vacatures
  Scenario: Geen onregelmatig werk en rijbewijs C samen
    Gegeven onregelmatig werk of ploegendienst is "nee"
    En de rijbewijzen "C" zijn vereist
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de vacatures "vac-t02, vac-t05"

  @AV-SEL-023 @must @vacatures
  Scenario: Een onbekend criterium in een vraag naar vacatures wordt genegeerd
    Gegeven de zoekvraag bevat ook:
      """
      {"sector.codeSbi": {"$eq": 4711}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord precies de vacatures "vac-t01, vac-t02, vac-t03, vac-t04, vac-t05, vac-t06, vac-t07, vac-t08, vac-t09"

  @AV-SEL-024 @must @vacatures
  Scenario: Een onbekende operator in een bekend criterium van een vraag naar vacatures wordt genegeerd
    Gegeven de zoekvraag bevat ook:
      """
      {"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 2, "$nieuw": 5}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord precies de vacatures "vac-t02, vac-t05, vac-t09"
