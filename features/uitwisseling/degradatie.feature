# language: nl
@uitwisseling @werkzoekenden
Functionaliteit: Een bron die faalt
  Een bron die faalt, blijft hangen, buiten het contract of onzin antwoordt, wordt weggelaten: de
  bemiddelaar krijgt de matches van de andere bron, op tijd, en nooit een serverfout door de fout
  van een bron. Falen alle bronnen, dan is het antwoord 503 met foutcode 500.3. Geen foutantwoord
  noemt het adres van een bron.

  Achtergrond:
    Gegeven een zoekvraag naar werkzoekenden binnen 2 km van postcode "1791AA"
    En bron "bron-a" antwoordt met de werkzoekenden "wz-t01, wz-t02"

  @AV-BET-006 @must
  Abstract Scenario: Een bron die <fout>, wordt weggelaten
    Gegeven bron "bron-b" <gedrag>
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord alleen de matches van "bron-a", elk onder een vumID

    Voorbeelden:
      | fout                        | gedrag                                      |
      | met 500 antwoordt           | antwoordt met status 500                    |
      | niet bereikbaar is          | is onbereikbaar                             |
      | buiten het contract antwoordt | antwoordt buiten het contract             |
      | onzin antwoordt             | antwoordt met onzin                         |
      | een bericht zonder einde stuurt | antwoordt met een bericht van 1 GiB     |
      | blijft hangen               | blijft hangen                               |

  @AV-BET-007 @must
  Scenario: Een bron die blijft hangen houdt het antwoord niet op
    Gegeven bron "bron-b" blijft hangen
    Als de bemiddelaar de zoekvraag stelt
    Dan kwam het antwoord binnen 10 seconden

  @AV-BET-008 @must
  Scenario: Falen alle bronnen, dan is het antwoord 503
    Gegeven bron "bron-a" antwoordt met status 500
    En bron "bron-b" is onbereikbaar
    Als de bemiddelaar de zoekvraag stelt
    Dan is de status 503
    En is de foutcode "500.3"

  @AV-BEV-019 @must
  Scenario: Het foutantwoord noemt het adres van de bronnen niet
    Gegeven bron "bron-a" antwoordt met status 500
    En bron "bron-b" is onbereikbaar
    Als de bemiddelaar de zoekvraag stelt
    Dan noemt het antwoord geen adres van een bron
