//! What a source is configured with: its own OINs, limits, the SUWI field policy, and (in mutual
//! TLS mode) the participants it trusts.

use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

use crate::server::deelnemers::Participants;
use crate::server::limit::Limits;

/// The source's configuration.
#[derive(Clone, Debug)]
pub struct BronConfig {
    /// OIN of the source's controller: the `X-VUM-toParty` it accepts and the `X-VUM-fromParty` it
    /// answers with.
    pub controller_oin: Oin,
    /// OIN of the source's processor: the `X-VUM-viaParty` it accepts and answers with.
    pub processor_oin: Oin,
    /// At most this many matches per question (the standard's default: 100).
    pub max_results: usize,
    /// Connections, request bodies, time per request, requests per caller and refusals per
    /// client address.
    pub limits: Limits,
    /// Fields withheld from callers that are not SUWI parties (`X-VUM-SUWIparty: false`), as
    /// dotted paths into the detail. Default: `indicatieLdrRegistratie`, which reveals a
    /// registration in the Landelijk Doelgroepregister (work disability).
    pub suwi_only_fields: Vec<String>,
    /// Participants trusted over mutual TLS; `None` in plain HTTP mode.
    pub participants: Option<Participants>,
    /// Whether `concept` versions of the registry are served too (`--concept`); the `actief`
    /// and `uitfaserend` ones always are.
    pub concept: bool,
}

impl Default for BronConfig {
    fn default() -> Self {
        Self {
            controller_oin: oin(oins::BRON),
            processor_oin: oin(oins::BRON_VERWERKER),
            max_results: 100,
            limits: Limits::with_rate(200.0),
            suwi_only_fields: vec!["indicatieLdrRegistratie".to_owned()],
            participants: None,
            concept: false,
        }
    }
}

fn oin(text: &str) -> Oin {
    // The test OINs are constants of the published test set and well-formed; a test checks them.
    text.parse()
        .unwrap_or_else(|_| unreachable!("test OIN {text} is well-formed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_oins_are_the_test_sets() {
        let config = BronConfig::default();
        assert_eq!(config.controller_oin.as_str(), oins::BRON);
        assert!(config.controller_oin.is_test() && config.processor_oin.is_test());
    }
}
