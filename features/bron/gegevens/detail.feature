# language: nl
@bron
Functionaliteit: Het detail is het gepubliceerde profiel
  Het detail is precies het profiel zoals de bron het uit de testset laadde: dezelfde gegevens, lege
  lijsten inbegrepen. Een match is hetzelfde profiel zonder de detailvelden.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-GEG-004 @must @werkzoekenden
  Abstract Scenario: Het detail van <id> is gelijk aan de testset
    Als de uitwisselingsvoorziening het detail van werkzoekende "<id>" opvraagt
    Dan is het detail gelijk aan werkzoekende "<id>" uit de testset

    Voorbeelden:
      | id      | toelichting                              |
      | wz-t01  | met contactgegevens                      |
      | wz-t04  | lege lijsten en een leeg object          |
      | wz-0004 | tekst van 2000 tekens                    |
      | wz-0017 | zonder mobiliteit                        |
      | wz-0025 | lege flexibiliteit                       |

  @AV-GEG-004 @must @vacatures
  Abstract Scenario: Het detail van vacature <id> is gelijk aan de testset
    Als de uitwisselingsvoorziening het detail van vacature "<id>" opvraagt
    Dan is het detail gelijk aan vacature "<id>" uit de testset

    Voorbeelden:
      | id       |
      | vac-t01  |
      | vac-0001 |
      | vac-0011 |

  @AV-GEG-005 @must @werkzoekenden
  Scenario: Elke match is het matchingprofiel van het detail
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is elke match gelijk aan het matchingprofiel van het detail in de testset

  @AV-GEG-006 @must @werkzoekenden
  Scenario: Elke match draagt het id van het profiel
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt elke match het veld "idWerkzoekende"

  @AV-GEG-006 @must @vacatures
  Scenario: Elke vacaturematch draagt het id van de vacature
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt elke match het veld "idVacature"

  @AV-GEG-007 @must @werkzoekenden
  Scenario: Elke match draagt de postcode waarop geselecteerd is
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt elke match het veld "mobiliteit.bemiddelingspostcode"

  @AV-GEG-007 @must @vacatures
  Scenario: Elke vacaturematch draagt de postcode van het adres
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt elke match het veld "adres.postcode"

  @AV-GEG-005 @must @vacatures
  Scenario: Elke vacaturematch is het matchingprofiel van het detail
    Gegeven een zoekvraag naar vacatures binnen 15 km van postcode "8881AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is elke match gelijk aan het matchingprofiel van het detail in de testset

  @AV-GEG-001 @must
  Scenario: Een matchesantwoord over het hele land is geldig volgens het contract
    Gegeven een zoekvraag over het hele land naar profielen van de bron
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is het antwoord geldig volgens het contract

  @AV-GEG-003 @must
  Scenario: Resultaatobjecten hebben geen velden buiten het contract
    Gegeven een zoekvraag over het hele land naar profielen van de bron
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan heeft geen enkel resultaatobject velden buiten het contract

  @AV-GEG-008 @should @werkzoekenden
  Scenario: Een lege lijst in het detail blijft een lege lijst
    Als de uitwisselingsvoorziening het detail van werkzoekende "wz-t04" opvraagt
    Dan bevat het detail het veld "bemiddelingsberoep"
