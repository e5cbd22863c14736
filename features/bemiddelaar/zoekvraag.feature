# language: nl
@bemiddelaar
Functionaliteit: De taak van de casemanager als zoekvraag
  Een taak zegt wat een casemanager zoekt ("werkzoekenden met rijbewijs C binnen 2 km van 1791AA");
  de applicatie zet dat om in een zoekvraag met het pad en de operator die de standaard voor elk
  criterium voorschrijft. Een criterium op een ander pad of met een andere operator vraagt iets
  anders dan bedoeld.

  Achtergrond:
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd

  @AV-BEM-008 @must
  Scenario: Elke zoekvraag begrenst het gebied
    Dan bevat elke zoekvraag een selectiegebied

  @AV-BEM-009 @must
  Scenario: Elk criterium staat op het voorgeschreven pad
    Dan staan de criteria van de taken op deze paden, en op geen andere:
      | taak | criterium                          | pad                                                    |
      | 2    | rijbewijs C                        | arbeidsmarktkwalificatie.rijbewijs                     |
      | 3    | uiterlijk 1 maart 2027 beschikbaar | datumAanvangBeschikbaarVoorWerk                        |
      | 3    | hoogstens 32 uur per week          | werktijden.aantalWerkurenPerWeekMinimaal               |
      | 4    | onregelmatig werk of ploegendienst | flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst |
      | 5    | rijbewijs B                        | rijbewijs                                              |

  @AV-BEM-010 @must
  Scenario: Elk criterium gebruikt de voorgeschreven operator
    Dan gebruiken de criteria van de taken deze operatoren:
      | taak | pad                                                    | operator |
      | 2    | arbeidsmarktkwalificatie.rijbewijs                     | $all     |
      | 3    | datumAanvangBeschikbaarVoorWerk                        | $lte     |
      | 3    | werktijden.aantalWerkurenPerWeekMinimaal               | $lte     |
      | 4    | flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst | $eq      |
      | 5    | rijbewijs                                              | $all     |
