//! The faults of an exchange: each restores one way an exchange can break a connection condition
//! of its role. Most are deliberate faults built into the reference exchange
//! ([`Afwijking`]); two are a wrong configuration; the TLS faults are the proxy's, in front of the
//! exchange.

use std::time::Duration;

use vum_reference::uitwisseling::UitwisselingConfig;
use vum_reference::uitwisseling::afwijking::Afwijking;
use vum_reference::uitwisseling::bronnen::Aansluiting;

use super::{Expect, Fault, Kind, TlsFault};

/// How an exchange fault works.
#[derive(Debug)]
pub enum Wijze {
    /// The reference exchange with this deliberate fault.
    Afwijking(Afwijking),
    /// The reference exchange configured wrongly: `change` gets its configuration, its sources
    /// and the PEM of the mediator's certificate and key (a certificate that is not its own).
    Configuratie(fn(&mut UitwisselingConfig, &mut [Aansluiting], (&str, &str))),
    /// The proxy in front of the exchange, with this fault.
    Proxy(Fault),
}

/// One fault of an exchange.
#[derive(Debug)]
pub struct UitwisselingFout {
    /// Its name.
    pub name: &'static str,
    /// What it breaks, in Dutch.
    pub wat: &'static str,
    /// What the suite must make of it.
    pub expect: Expect,
    /// The requirements it is declared to break; the first is its target.
    pub breaks: &'static [&'static str],
    /// How.
    pub wijze: Wijze,
}

impl UitwisselingFout {
    /// The requirement this fault targets.
    pub fn target(&self) -> &'static str {
        self.breaks.first().copied().unwrap_or("–")
    }
}

/// A fault of the proxy's TLS listener in front of the exchange.
const fn tls(
    name: &'static str,
    wat: &'static str,
    breaks: &'static [&'static str],
    fault: TlsFault,
) -> UitwisselingFout {
    UitwisselingFout {
        name,
        wat,
        expect: Expect::Caught,
        breaks,
        wijze: Wijze::Proxy(Fault {
            name,
            wat,
            expect: Expect::Caught,
            breaks,
            kind: Kind::Tls(fault),
        }),
    }
}

const fn fout(
    name: &'static str,
    wat: &'static str,
    breaks: &'static [&'static str],
    wijze: Wijze,
) -> UitwisselingFout {
    UitwisselingFout {
        name,
        wat,
        expect: Expect::Caught,
        breaks,
        wijze,
    }
}

/// Waits 12 seconds for a source that stalls: its deadline, and the exchange's own, are too long.
fn wacht_te_lang(config: &mut UitwisselingConfig, bronnen: &mut [Aansluiting], _: (&str, &str)) {
    for bron in bronnen {
        bron.deadline = Duration::from_secs(12);
    }
    config.limits.request_deadline = Duration::from_secs(60);
}

/// Calls the sources with the mediator's certificate instead of its own.
fn ander_certificaat(_: &mut UitwisselingConfig, bronnen: &mut [Aansluiting], pem: (&str, &str)) {
    for bron in bronnen {
        if let Some(tls) = &mut bron.tls {
            tls.certificate_pem = pem.0.to_owned();
            tls.key_pem = pem.1.to_owned();
        }
    }
}

/// The exchange faults.
pub static FOUTEN: &[UitwisselingFout] = &[
    // Merging.
    fout(
        "alleen-eerste-bron",
        "alleen de matches van de eerste bron worden doorgegeven",
        &["AV-KOP-022"],
        Wijze::Afwijking(Afwijking::AlleenEersteBron),
    ),
    fout(
        "vlag-vergeten",
        "maximumAantalResultatenBereikt van een bron gaat verloren",
        &["AV-KOP-023"],
        Wijze::Afwijking(Afwijking::VlagVergeten),
    ),
    fout(
        "zelfde-vraagid",
        "elk antwoord draagt het vraagID van de eerste zoekvraag",
        &["AV-KOP-024"],
        Wijze::Afwijking(Afwijking::ZelfdeVraagId),
    ),
    fout(
        "ander-bronid",
        "het detail draagt een ander bronID dan dat van de bron",
        &["AV-KOP-025"],
        Wijze::Afwijking(Afwijking::AnderBronId),
    ),
    // Headers towards the sources.
    fout(
        "eigen-fromparty-naar-bron",
        "de bron krijgt het OIN van de uitwisselingsvoorziening als fromParty",
        &["AV-KOP-026", "AV-BEV-016"],
        Wijze::Afwijking(Afwijking::EigenFromParty),
    ),
    fout(
        "partijen-verwisseld-naar-bron",
        "naar de bron zijn toParty en viaParty verwisseld",
        &["AV-KOP-027"],
        Wijze::Afwijking(Afwijking::PartijenVerwisseld),
    ),
    fout(
        "vraag-herschreven",
        "de zoekvraag gaat zonder onbekende criteria naar de bronnen",
        &["AV-KOP-028"],
        Wijze::Afwijking(Afwijking::VraagHerschreven),
    ),
    fout(
        "suwi-van-vrager",
        "de SUWI-indicatie naar de bron komt van de vrager",
        &["AV-PRIV-016"],
        Wijze::Afwijking(Afwijking::SuwiVanVrager),
    ),
    // Pseudonyms and details.
    fout(
        "vumid-is-bron-id",
        "het vumID is het id van de bron",
        &["AV-PRIV-009", "AV-PRIV-010"],
        Wijze::Afwijking(Afwijking::VumIdIsBronId),
    ),
    fout(
        "vumid-is-hash-van-bron-id",
        "het vumID is de SHA-256 van het id van de bron",
        &["AV-PRIV-009", "AV-PRIV-010"],
        Wijze::Afwijking(Afwijking::VumIdIsHashVanBronId),
    ),
    fout(
        "vumid-vast",
        "hetzelfde profiel krijgt bij elke zoekvraag hetzelfde vumID",
        &["AV-PRIV-010"],
        Wijze::Afwijking(Afwijking::VumIdVast),
    ),
    fout(
        "onbekend-vumid-naar-bron",
        "een vumID dat de uitwisselingsvoorziening niet kent, gaat als id naar een bron",
        &["AV-PRIV-011", "AV-PRIV-012"],
        Wijze::Afwijking(Afwijking::OnbekendVumIdNaarBron),
    ),
    fout(
        "vumid-ongebonden",
        "een andere bemiddelaar kan het vumID gebruiken",
        &["AV-PRIV-012"],
        Wijze::Afwijking(Afwijking::VumIdOngebonden),
    ),
    fout(
        "geen-detaillimiet",
        "het elfde detail van een zoekvraag wordt verstrekt",
        &["AV-PRIV-014"],
        Wijze::Afwijking(Afwijking::GeenDetailLimiet),
    ),
    // Who may ask.
    fout(
        "viaparty-ongecontroleerd",
        "viaParty wordt niet met het certificaat vergeleken",
        &["AV-BEV-015"],
        Wijze::Afwijking(Afwijking::ViaPartyOngecontroleerd),
    ),
    fout(
        "fromparty-ongebonden",
        "een andere bemiddelaar of verwerker vraagt namens de bemiddelaar (het gat van vroeger)",
        &["AV-BEV-016"],
        Wijze::Afwijking(Afwijking::FromPartyOngebonden),
    ),
    fout(
        "onbekende-vrager-bediend",
        "een partij die niet deelneemt wordt bediend",
        &["AV-BEV-017"],
        Wijze::Afwijking(Afwijking::OnbekendeVrager),
    ),
    tls(
        "zonder-certificaat-bediend",
        "een client zonder certificaat wordt bediend",
        &["AV-BEV-018"],
        TlsFault::Accepts(&[""]),
    ),
    tls(
        "vreemde-ca-bediend",
        "een certificaat van een vreemde CA wordt geaccepteerd",
        &["AV-BEV-018"],
        TlsFault::Accepts(&["vreemd"]),
    ),
    tls(
        "ook-gewoon-http",
        "de uitwisselingsvoorziening beantwoordt ook gewoon HTTP op de TLS-poort",
        &["AV-BEV-020"],
        TlsFault::PlainHttpToo,
    ),
    tls(
        "oude-tls-versie-aanvaard",
        "de uitwisselingsvoorziening aanvaardt TLS 1.0 en TLS 1.1",
        &["AV-BEV-022"],
        TlsFault::AcceptsOldTls,
    ),
    fout(
        "ander-certificaat-naar-bron",
        "de uitwisselingsvoorziening meldt zich bij de bronnen met het certificaat van een ander",
        &["AV-BEV-021", "AV-KOP-027"],
        Wijze::Configuratie(ander_certificaat),
    ),
    // Degradation.
    fout(
        "buiten-contract-doorgegeven",
        "een antwoord van een bron buiten het contract wordt doorgegeven",
        &["AV-BET-006", "AV-GEG-001"],
        Wijze::Afwijking(Afwijking::BuitenContractDoorgegeven),
    ),
    fout(
        "wacht-op-hangende-bron",
        "de uitwisselingsvoorziening wacht 12 seconden op een bron die blijft hangen",
        &["AV-BET-007"],
        Wijze::Configuratie(wacht_te_lang),
    ),
    fout(
        "serverfout-als-alle-bronnen-falen",
        "falen alle bronnen, dan is het antwoord 500",
        &["AV-BET-008", "AV-KOP-014", "AV-KOP-015"],
        Wijze::Afwijking(Afwijking::Serverfout),
    ),
    fout(
        "noemt-bronadres",
        "het foutantwoord noemt het adres van de bronnen",
        &["AV-BEV-019"],
        Wijze::Afwijking(Afwijking::NoemtBronadres),
    ),
];
