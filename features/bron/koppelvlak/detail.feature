# language: nl
@bron
Functionaliteit: Detail opvragen
  De uitwisselingsvoorziening vraagt een bron het detail van een profiel op met het id uit de match.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen

  @AV-KOP-003 @must @werkzoekenden
  Scenario: Het detail van een werkzoekende
    Als de uitwisselingsvoorziening het detail van werkzoekende "wz-t01" opvraagt
    Dan is de status 200

  @AV-KOP-004 @must @vacatures
  Scenario: Het detail van een vacature
    Als de uitwisselingsvoorziening het detail van vacature "vac-t01" opvraagt
    Dan is de status 200

  @AV-GEG-002 @must @werkzoekenden
  Scenario: Het detail van een werkzoekende volgt het contract
    Als de uitwisselingsvoorziening het detail van werkzoekende "wz-t01" opvraagt
    Dan is de status 200
    En is het antwoord geldig volgens het contract

  @AV-GEG-002 @must @vacatures
  Scenario: Het detail van een vacature volgt het contract
    Als de uitwisselingsvoorziening het detail van vacature "vac-t01" opvraagt
    Dan is de status 200
    En is het antwoord geldig volgens het contract

  @AV-KOP-004 @must @vacatures
  Scenario: Een vacature zonder adres heeft ook een detail
    Als de uitwisselingsvoorziening het detail van vacature "vac-t10" opvraagt
    Dan is de status 200
