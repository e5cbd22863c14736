# language: nl
@bron
Functionaliteit: Gegevens alleen voor SUWI-partijen
  De indicatie LDR-registratie verraadt een registratie in het Landelijk Doelgroepregister
  (arbeidsbeperking). Een vrager die niet deelneemt aan SUWI krijgt haar niet.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-PRIV-004 @must @werkzoekenden
  Scenario: Een SUWI-partij krijgt de LDR-indicatie
    Als de uitwisselingsvoorziening het detail van werkzoekende "wz-t01" opvraagt
    Dan bevat het detail het veld "indicatieLdrRegistratie"

  @AV-PRIV-004 @must @werkzoekenden
  Scenario: Een partij buiten SUWI krijgt de LDR-indicatie niet
    Gegeven de vraagsteller neemt niet deel aan SUWI
    Als de uitwisselingsvoorziening het detail van werkzoekende "wz-t01" opvraagt
    Dan is de status 200
    En ontbreekt het veld "indicatieLdrRegistratie"

  @AV-PRIV-005 @must @werkzoekenden
  Abstract Scenario: Contactgegevens van <id> volgen de indicatie
    Als de uitwisselingsvoorziening het detail van werkzoekende "<id>" opvraagt
    Dan zijn de contactgegevens in overeenstemming met indicatieBeschikbaarheidContactgegevens

    Voorbeelden:
      | id      |
      | wz-t01  |
      | wz-t02  |
      | wz-0001 |
      | wz-0002 |
