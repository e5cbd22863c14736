# language: nl
@bemiddelaar @tls
Functionaliteit: Tweezijdig TLS van de bemiddelaar
  Een bemiddelaar verbindt alleen over HTTPS en toont een clientcertificaat van de vertrouwde PKI,
  waarin het OIN van de verwerker staat. Luistert het harnas zonder TLS, dan is dit scenario niet
  uitgevoerd.

  @AV-BEM-007 @must
  Scenario: Elk verzoek komt over tweezijdig TLS
    Gegeven de applicatie van de bemiddelaar heeft de taken uitgevoerd
    Dan kwam elk verzoek over tweezijdig TLS met een clientcertificaat
