# language: nl
@bron
Functionaliteit: Foutberichten verraden niets
  Een foutbericht bevat geen stacktrace, SQL, bestandspad of ingestuurde persoonsgegevens.

  @AV-BEV-009 @must
  Scenario: Een onjuiste zoekvraag met een e-mailadres
    Als de uitwisselingsvoorziening de zoekvraag met dit bericht stuurt:
      """
      {"vraagObject": {"selectiegebied": {"postcode": "jan@voorbeeld.invalid", "afstand": 5}}}
      """
    Dan geeft de bron een foutantwoord
    En bevat de foutmelding geen interne gegevens
    En bevat het antwoord geen directe identificatoren

  @AV-BEV-010 @should
  Scenario: Antwoorden worden niet bewaard door tussenliggende partijen
    Gegeven een zoekvraag naar profielen van de bron
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt het antwoord de header "Cache-Control" met waarde "no-store"
    En draagt het antwoord de header "X-Content-Type-Options" met waarde "nosniff"
