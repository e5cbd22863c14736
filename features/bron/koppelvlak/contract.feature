# language: nl
@bron
Functionaliteit: Het gepubliceerde contract
  Volgens de API Design Rules publiceert een API haar contract als openapi.json.

  @AV-KOP-016 @should
  Scenario: De bron publiceert openapi.json
    Als het contract wordt opgevraagd
    Dan is de status 200
    En is het antwoord een OpenAPI-document voor versie "3.0.0"
