# language: nl
@bron
Functionaliteit: Traceercontext
  Een bron neemt de W3C traceparent van het verzoek over, zodat de verwerking in de logboeken van
  de keten te volgen is.

  @AV-LOG-002 @should
  Scenario: De trace-id van de vraag komt terug
    Gegeven een zoekvraag naar profielen van de bron
    En de vraag draagt de traceparent "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    Als de uitwisselingsvoorziening de zoekvraag stelt
    Dan draagt het antwoord de trace-id "4bf92f3577b34da6a3ce929d0e0e4736"
