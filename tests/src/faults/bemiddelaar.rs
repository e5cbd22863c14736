//! The faults of a mediator's application: most are a deliberate fault of the reference mediator
//! client ([`Afwijking`]), which breaks exactly one rule of the standard; the rest are the proxy
//! between the client and the harness rewriting its requests (or refusing its certificate). The
//! `bemiddelaar` profile, with the harness as the exchange, must catch each by its target
//! requirement and fail nothing it is not declared to break.

use serde_json::Value;
use vum_reference::bemiddelaar::Afwijking;

use super::{Expect, Fault, Kind, TlsFault};
use crate::proxy::{Forward, Message as _};

/// How a mediator fault works.
#[derive(Debug)]
pub enum Wijze {
    /// The reference client with this deliberate fault.
    Afwijking(Afwijking),
    /// The correct client behind the proxy with this fault.
    Proxy(&'static Fault),
}

/// One fault of a mediator's application.
#[derive(Debug)]
pub struct BemiddelaarFout {
    /// Its name (the fault's name on the command line, `geen-selectiegebied`).
    pub name: &'static str,
    /// What it breaks, in Dutch.
    pub wat: &'static str,
    /// The requirements it is declared to break; the first is its target.
    pub breaks: &'static [&'static str],
    /// How.
    pub wijze: Wijze,
}

impl BemiddelaarFout {
    /// The requirement this fault targets.
    pub fn target(&self) -> &'static str {
        self.breaks.first().copied().unwrap_or("–")
    }
}

/// Every fault of a mediator's application.
pub const FOUTEN: &[BemiddelaarFout] = &[
    BemiddelaarFout {
        name: "verkeerde-to-party",
        wat: "X-VUM-toParty is het OIN van de bron in plaats van de uitwisselingsvoorziening",
        breaks: &["AV-BEM-002"],
        wijze: Wijze::Afwijking(Afwijking::VerkeerdeToParty),
    },
    BemiddelaarFout {
        name: "via-party-niet-certificaat",
        wat: "X-VUM-viaParty is een ander OIN dan dat van het clientcertificaat",
        breaks: &["AV-BEM-004"],
        wijze: Wijze::Afwijking(Afwijking::ViaPartyNietCertificaat),
    },
    BemiddelaarFout {
        name: "geen-selectiegebied",
        wat: "de zoekvraag heeft geen selectiegebied",
        breaks: &["AV-BEM-008", "AV-BEM-001"],
        wijze: Wijze::Afwijking(Afwijking::GeenSelectiegebied),
    },
    BemiddelaarFout {
        name: "criterium-op-verkeerd-pad",
        wat: "het eerste criterium staat op een pad dat de standaard er niet voor geeft",
        breaks: &["AV-BEM-009"],
        wijze: Wijze::Afwijking(Afwijking::CriteriumOpVerkeerdPad),
    },
    BemiddelaarFout {
        name: "gte-voor-hoogstens",
        wat: "$gte waar de taak hoogstens bedoelt ($lte)",
        breaks: &["AV-BEM-010"],
        wijze: Wijze::Afwijking(Afwijking::GteVoorHoogstens),
    },
    BemiddelaarFout {
        name: "detail-op-bron-id",
        wat: "een detail wordt ook gevraagd met de sleutel van de bron in plaats van het vumID",
        breaks: &["AV-BEM-011"],
        wijze: Wijze::Afwijking(Afwijking::DetailOpBronId),
    },
    BemiddelaarFout {
        name: "elfde-detail",
        wat: "van één zoekvraag wordt een 11e detail gevraagd",
        breaks: &["AV-BEM-012"],
        wijze: Wijze::Afwijking(Afwijking::ElfdeDetail),
    },
    BemiddelaarFout {
        name: "directe-herhaling-na-429",
        wat: "na een 429 wordt meteen opnieuw gevraagd, Retry-After genegeerd",
        breaks: &["AV-BEM-013"],
        wijze: Wijze::Afwijking(Afwijking::DirecteHerhalingNa429),
    },
    BemiddelaarFout {
        name: "herhaalstorm-na-503",
        wat: "na een 503 wordt meteen en vaak opnieuw gevraagd",
        breaks: &["AV-BEM-014"],
        wijze: Wijze::Afwijking(Afwijking::HerhaalstormNa503),
    },
    BemiddelaarFout {
        name: "ongeldige-zoekvraag",
        wat: "de afstand van het selectiegebied is tekst in plaats van een getal",
        breaks: &["AV-BEM-001"],
        wijze: Wijze::Proxy(&ONGELDIGE_ZOEKVRAAG),
    },
    BemiddelaarFout {
        name: "verkeerde-from-party",
        wat: "X-VUM-fromParty is het OIN van een andere bemiddelaar dan de vragende",
        breaks: &["AV-BEM-003"],
        wijze: Wijze::Proxy(&VERKEERDE_FROM_PARTY),
    },
    BemiddelaarFout {
        name: "ongelijke-versies",
        wat: "API-Version is 2.0.0 terwijl X-VUM-berichtVersie de gevraagde versie is",
        breaks: &["AV-BEM-005"],
        wijze: Wijze::Proxy(&ONGELIJKE_VERSIES),
    },
    BemiddelaarFout {
        name: "geen-json-content-type",
        wat: "een zoekvraag draagt Content-Type: text/plain",
        breaks: &["AV-BEM-006"],
        wijze: Wijze::Proxy(&GEEN_JSON_CONTENT_TYPE),
    },
    BemiddelaarFout {
        name: "zonder-clientcertificaat",
        wat: "de verzoeken komen over TLS zonder clientcertificaat",
        breaks: &["AV-BEM-007"],
        wijze: Wijze::Proxy(&ZONDER_CLIENTCERTIFICAAT),
    },
    BemiddelaarFout {
        name: "e-mailadres-in-url",
        wat: "een detailverzoek draagt een e-mailadres in de URL",
        breaks: &["AV-BEM-015"],
        wijze: Wijze::Proxy(&EMAILADRES_IN_URL),
    },
];

const fn proxy(name: &'static str, breaks: &'static [&'static str], kind: Kind) -> Fault {
    Fault {
        name,
        wat: "",
        expect: Expect::Caught,
        breaks,
        kind,
    }
}

static ONGELDIGE_ZOEKVRAAG: Fault = proxy(
    "ongeldige-zoekvraag",
    &["AV-BEM-001"],
    Kind::Request(|f: &mut Forward| {
        if f.method != "POST" {
            return;
        }
        let Ok(mut value) = serde_json::from_slice::<Value>(&f.body) else {
            return;
        };
        if let Some(afstand) = value.pointer_mut("/vraagObject/selectiegebied/afstand") {
            *afstand = Value::String(format!("{afstand} km"));
        }
        f.body = value.to_string().into_bytes();
    }),
);

static VERKEERDE_FROM_PARTY: Fault = proxy(
    "verkeerde-from-party",
    &["AV-BEM-003"],
    Kind::Request(|f: &mut Forward| {
        f.set_header("X-VUM-fromParty", vum_spec::testdata::oins::PARTICULIER);
    }),
);

static ONGELIJKE_VERSIES: Fault = proxy(
    "ongelijke-versies",
    &["AV-BEM-005"],
    Kind::Request(|f: &mut Forward| f.set_header("API-Version", "2.0.0")),
);

static GEEN_JSON_CONTENT_TYPE: Fault = proxy(
    "geen-json-content-type",
    &["AV-BEM-006"],
    Kind::Request(|f: &mut Forward| {
        if f.method == "POST" {
            f.set_header("Content-Type", "text/plain");
        }
    }),
);

static ZONDER_CLIENTCERTIFICAAT: Fault = proxy(
    "zonder-clientcertificaat",
    &["AV-BEM-007"],
    Kind::Tls(TlsFault::Refuses(&["bemiddelaar"])),
);

static EMAILADRES_IN_URL: Fault = proxy(
    "e-mailadres-in-url",
    &["AV-BEM-015"],
    Kind::Request(|f: &mut Forward| {
        if f.method == "GET" {
            f.path.push_str("?contact=jan.jansen@example.nl");
        }
    }),
);
