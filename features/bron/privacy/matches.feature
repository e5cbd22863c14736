# language: nl
@bron
Functionaliteit: Geen persoonsgegevens in matches
  Een match is een gepseudonimiseerd matchingprofiel: geen contactgegevens, geen persoonlijke
  presentatie, geen LDR-indicatie en geen directe identificator. De testset heeft kanariewaarden
  (e-mailadressen, telefoonnummers, een BSN-achtig nummer, een IBAN) in de detailvelden; geen daarvan
  mag in een match verschijnen.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag naar werkzoekenden binnen 999 km van postcode "3511AB"

  @AV-PRIV-001 @must @werkzoekenden
  Abstract Scenario: Geen <veld> in een match
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat geen enkele match het veld "<veld>"

    Voorbeelden:
      | veld            |
      | emailadres      |
      | telefoonnummer  |
      | contactpersoon  |
      | webadres        |

  @AV-PRIV-001 @must @vacatures
  Scenario: Geen contactpersoon van de werkgever in een vacaturematch
    Gegeven een zoekvraag naar vacatures binnen 999 km van postcode "3511AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat geen enkele match het veld "werkgever.contactpersoon"

  @AV-PRIV-002 @must @werkzoekenden
  Abstract Scenario: Geen detailveld <veld> in een match
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat geen enkele match het veld "<veld>"

    Voorbeelden:
      | veld                    |
      | persoonlijkePresentatie |
      | eisAanWerk              |
      | indicatieLdrRegistratie |

  @AV-PRIV-003 @must @werkzoekenden
  Scenario: Geen directe identificatoren in matches
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord geen directe identificatoren

  @AV-PRIV-003 @must @werkzoekenden
  Scenario: Ook niet in de matches op Texel, die contactgegevens hebben
    Gegeven een zoekvraag naar werkzoekenden binnen 15 km van postcode "1791AA"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord geen directe identificatoren

  @AV-PRIV-003 @must @vacatures
  Scenario: Geen directe identificatoren in vacaturematches
    Gegeven een zoekvraag naar vacatures binnen 999 km van postcode "3511AB"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan bevat het antwoord geen directe identificatoren

  @AV-PRIV-006 @should @werkzoekenden
  Scenario: Ids in matches zijn geen BSN
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan is geen enkel id in de matches een BSN
