# language: nl
@bron
Functionaliteit: Onbekende criteria en operatoren
  Een zoekvraag mag criteria en operatoren bevatten die deze versie niet kent. Een bron past toe wat
  zij kent en negeert de rest, zonder fout: het antwoord mag ruimer zijn dan gevraagd, nooit smaller.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"

  @AV-SEL-023 @must @werkzoekenden
  Scenario: Een onbekend criterium wordt genegeerd
    Gegeven de zoekvraag bevat ook:
      """
      {"sector.codeSbi": {"$eq": 4711}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t03, wz-t04, wz-t05, wz-t06, wz-t07, wz-t08, wz-t10, wz-t11, wz-t12"

  @AV-SEL-023 @must @werkzoekenden
  Scenario: Een onbekende operator als criterium wordt genegeerd
    Gegeven de zoekvraag bevat ook:
      """
      {"toekomstigCriterium": {"$in": [1, 2, 3]}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord 11 matches

  @AV-SEL-024 @must @werkzoekenden
  Scenario: Een onbekende operator in een bekend criterium wordt genegeerd
    Gegeven de zoekvraag bevat ook:
      """
      {"werktijden.aantalWerkurenPerWeekMaximaal": {"$lt": 20}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord 11 matches

  @AV-SEL-024 @must @werkzoekenden
  Scenario: Naast een onbekende operator telt de bekende
    Gegeven de zoekvraag bevat ook:
      """
      {"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 36, "$ne": 40}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord precies de werkzoekenden "wz-t01, wz-t02, wz-t06, wz-t10, wz-t12"

  @AV-SEL-029 @should @werkzoekenden
  Scenario: Een lege $or beperkt niet
    Gegeven de zoekvraag bevat ook:
      """
      {"bemiddelingsberoep": {"$elemMatch": {"$or": []}}}
      """
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is de status 200
    En bevat het antwoord 11 matches
