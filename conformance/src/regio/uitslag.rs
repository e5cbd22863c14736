//! What one run of the board found: per participant its checks, its status and why, and for
//! the region the matrix of municipalities and its readiness.
//!
//! A participant's status follows from its checks, in this order:
//!
//! | status | when |
//! |---|---|
//! | `niet-aangesloten` | no url: listed, not connected yet (also every municipality of the region without a participant) |
//! | `onbereikbaar` | no TCP connection to its host and port |
//! | `faalt` | reachable, but a check failed: TLS, the server certificate, the OIN, `openapi.json`, a probe, or (acceptance) a run that did not pass or could not judge |
//! | `verloopt` | healthy, with a valid certificate, but that certificate or the TLS server certificate expires within [`VERLOOPT_BINNEN_DAGEN`] days |
//! | `gecertificeerd` | healthy, with a valid certificate that still binds the server certificate the node presents |
//! | `zonder-certificaat` | healthy, but no certificate, or one that is not valid (the reason says why) |
//!
//! The region's readiness is the share of its municipalities (all of them, from CBS) with a
//! participant that is `gecertificeerd` or `verloopt`: a valid certificate and a healthy endpoint.

use std::collections::BTreeMap;

use serde::Serialize;
use vum_spec::arbeidsmarktregio::Arbeidsmarktregio;
use vum_spec::certificaat::Certificaatgegevens;

use super::bestand::{Omgeving, Rol};
use super::kwaliteitskaart::Kwaliteit;

/// A certificate (conformance or TLS) that expires within this many days is flagged.
pub const VERLOOPT_BINNEN_DAGEN: i64 = 30;

/// How an endpoint was examined; recorded in every result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modus {
    /// A full certification run (acceptance endpoints only).
    Acceptatie,
    /// Production-safe probes only: no detail request, no personal data.
    Productie,
}

impl Modus {
    /// The word in the outputs and the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acceptatie => "acceptatie",
            Self::Productie => "productie",
        }
    }

    /// In Dutch, for people.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Self::Acceptatie => "acceptatie: een volledige certificeringsrun",
            Self::Productie => {
                "productieveilig: alleen peilingen zonder persoonsgegevens, geen detailverzoek"
            }
        }
    }

    /// The mode of an endpoint: production-safe when the board runs so or the endpoint is in
    /// production (a full run never reaches production).
    pub fn voor(productie: bool, omgeving: Option<Omgeving>) -> Self {
        if productie || omgeving == Some(Omgeving::Productie) {
            Self::Productie
        } else {
            Self::Acceptatie
        }
    }
}

/// A participant's state on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Healthy, with a valid certificate.
    Gecertificeerd,
    /// Healthy, with a valid certificate, but a certificate expires soon.
    Verloopt,
    /// Healthy, without a valid certificate.
    ZonderCertificaat,
    /// Reachable, but a check failed.
    Faalt,
    /// Not reachable.
    Onbereikbaar,
    /// No endpoint.
    NietAangesloten,
}

impl Status {
    /// Every status, best first: the columns of the matrix.
    pub const ALL: [Status; 6] = [
        Self::Gecertificeerd,
        Self::Verloopt,
        Self::ZonderCertificaat,
        Self::Faalt,
        Self::Onbereikbaar,
        Self::NietAangesloten,
    ];

    /// The word in the outputs and the history.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gecertificeerd => "gecertificeerd",
            Self::Verloopt => "verloopt",
            Self::ZonderCertificaat => "zonder-certificaat",
            Self::Faalt => "faalt",
            Self::Onbereikbaar => "onbereikbaar",
            Self::NietAangesloten => "niet-aangesloten",
        }
    }

    /// In Dutch, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gecertificeerd => "gecertificeerd",
            Self::Verloopt => "verloopt binnenkort",
            Self::ZonderCertificaat => "zonder geldig certificaat",
            Self::Faalt => "faalt",
            Self::Onbereikbaar => "onbereikbaar",
            Self::NietAangesloten => "niet aangesloten",
        }
    }

    /// The status a word of [`Self::as_str`] names.
    pub fn van(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether it counts towards readiness: a valid certificate and a healthy endpoint.
    pub fn gereed(self) -> bool {
        matches!(self, Self::Gecertificeerd | Self::Verloopt)
    }
}

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uitkomst {
    /// It holds.
    Ok,
    /// It does not.
    Fout,
    /// Not checked here (the reason says why).
    NietGetoetst,
}

/// One check of a participant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Controle {
    /// What was checked.
    pub naam: String,
    /// How it came out.
    pub uitkomst: Uitkomst,
    /// What was found, in Dutch.
    pub detail: String,
    /// How long it took, when it is a timed request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub millis: Option<u64>,
}

impl Controle {
    /// A check that holds.
    pub fn ok(naam: &str, detail: impl Into<String>) -> Self {
        Self::new(naam, Uitkomst::Ok, detail)
    }

    /// A check that fails.
    pub fn fout(naam: &str, detail: impl Into<String>) -> Self {
        Self::new(naam, Uitkomst::Fout, detail)
    }

    /// A check not made here.
    pub fn niet_getoetst(naam: &str, detail: impl Into<String>) -> Self {
        Self::new(naam, Uitkomst::NietGetoetst, detail)
    }

    fn new(naam: &str, uitkomst: Uitkomst, detail: impl Into<String>) -> Self {
        Self {
            naam: naam.to_owned(),
            uitkomst,
            detail: detail.into(),
            millis: None,
        }
    }

    /// The same, timed.
    pub fn in_ms(mut self, millis: u64) -> Self {
        self.millis = Some(millis);
        self
    }
}

/// The participant's certificate (`certificaat.jws`), checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certificaatoordeel {
    /// Valid: signature, dates, profile, spec version, URL and the live server certificate.
    pub geldig: bool,
    /// Why it is or is not, in Dutch.
    pub reden: String,
    /// The certified profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profiel: Option<String>,
    /// The certified version of the standard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_versie: Option<String>,
    /// The issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uitgever: Option<String>,
    /// The end of validity (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geldig_tot: Option<i64>,
    /// Whole days of validity left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dagen_resterend: Option<i64>,
    /// Whether the node presents the certified server certificate (`None`: not seen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servercertificaat_gelijk: Option<bool>,
    /// A test certificate.
    pub test: bool,
}

/// An acceptance run, in short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Runsamenvatting {
    /// `GESLAAGD`, `NIET GESLAAGD`, `ONBESLIST`, `ONVOLLEDIG`.
    pub oordeel: String,
    /// Its exit code.
    pub exit_code: u8,
    /// Its reason.
    pub reden: String,
    /// Where its reports are, relative to the board's directory.
    pub rapporten: String,
    /// Scenarios and checks by verdict.
    pub telling: String,
    /// Its duration in milliseconds.
    pub millis: u64,
}

/// What the board found about one participant in one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deelnemeruitslag {
    /// Its name.
    pub naam: String,
    /// The CBS code of its municipality, if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gemeente: Option<String>,
    /// The municipality's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gemeentenaam: Option<String>,
    /// Its role.
    pub rol: Rol,
    /// Its URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its environment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omgeving: Option<Omgeving>,
    /// How it was examined.
    pub modus: Modus,
    /// Its state.
    pub status: Status,
    /// Why, in one Dutch sentence.
    pub reden: String,
    /// Every check, in order.
    pub controles: Vec<Controle>,
    /// The server certificate it presents, over TLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servercertificaat: Option<Certificaatgegevens>,
    /// Its certificate, checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificaat: Option<Certificaatoordeel>,
    /// Its data-quality score card, as handed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kwaliteit: Option<Kwaliteit>,
    /// What needs attention soon (expiring certificates), in Dutch.
    pub signalen: Vec<String>,
    /// The acceptance run, in short.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<Runsamenvatting>,
    /// The median time of the question that cannot match anyone, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vraag_ms: Option<u64>,
    /// How long the participant took on the board, in milliseconds.
    pub millis: u64,
}

impl Deelnemeruitslag {
    /// Decides the status from what was found (see the module documentation).
    pub fn beslis(&mut self, bereikbaar: bool) {
        let (status, reden) = if self.url.is_none() {
            (
                Status::NietAangesloten,
                "nog geen aansluiting (geen url in het regiobestand)".to_owned(),
            )
        } else if !bereikbaar {
            (Status::Onbereikbaar, self.eerste_fout())
        } else if self.controles.iter().any(|c| c.uitkomst == Uitkomst::Fout) {
            (Status::Faalt, self.eerste_fout())
        } else {
            match self.certificaat.as_ref().filter(|c| c.geldig) {
                Some(c) if self.signalen.is_empty() => (Status::Gecertificeerd, c.reden.clone()),
                Some(_) => (Status::Verloopt, self.signalen.join("; ")),
                None => (
                    Status::ZonderCertificaat,
                    self.certificaat.as_ref().map_or_else(
                        || "gezond, maar er is geen certificaat opgegeven".to_owned(),
                        |c| format!("gezond, maar het certificaat is niet geldig: {}", c.reden),
                    ),
                ),
            }
        };
        self.status = status;
        self.reden = reden;
    }

    fn eerste_fout(&self) -> String {
        self.controles
            .iter()
            .find(|c| c.uitkomst == Uitkomst::Fout)
            .map_or_else(
                || "een controle faalde".to_owned(),
                |c| format!("{}: {}", c.naam, c.detail),
            )
    }
}

/// One municipality of the region on the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gemeenteregel {
    /// The CBS code.
    pub code: String,
    /// The name.
    pub naam: String,
    /// Its participants and their status (none: not connected).
    pub deelnemers: BTreeMap<String, Status>,
    /// The best status of its participants, `niet-aangesloten` without one.
    pub status: Status,
    /// Whether it counts as ready.
    pub gereed: bool,
}

/// The region's readiness.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Paraatheid {
    /// Municipalities with a valid certificate and a healthy endpoint.
    pub gereed: usize,
    /// Municipalities of the region.
    pub gemeenten: usize,
    /// `gereed / gemeenten`, 0–1.
    pub aandeel: f64,
}

impl Paraatheid {
    /// The share as a Dutch percentage (`37,5 %`).
    pub fn procent(&self) -> String {
        format!("{:.1} %", self.aandeel * 100.0).replace('.', ",")
    }
}

/// What one run of the board found in a region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Regiouitslag {
    /// The region, as CBS spells it.
    pub regio: String,
    /// Whether the board ran production-safe (`--productie`).
    pub productie: bool,
    /// When it started, UTC RFC 3339.
    pub gestart: String,
    /// How long it took, in milliseconds.
    pub millis: u64,
    /// Every participant, by name.
    pub deelnemers: Vec<Deelnemeruitslag>,
    /// Every municipality of the region, by name.
    pub gemeenten: Vec<Gemeenteregel>,
    /// The readiness.
    pub paraatheid: Paraatheid,
}

impl Regiouitslag {
    /// The result of a region from its participants' results.
    pub fn new(
        regio: &Arbeidsmarktregio,
        productie: bool,
        gestart: String,
        millis: u64,
        mut deelnemers: Vec<Deelnemeruitslag>,
    ) -> Self {
        deelnemers.sort_by(|a, b| a.naam.cmp(&b.naam));
        let mut gemeenten: Vec<Gemeenteregel> = regio
            .gemeenten()
            .iter()
            .map(|g| {
                let mine: BTreeMap<String, Status> = deelnemers
                    .iter()
                    .filter(|d| d.gemeente.as_deref() == Some(g.code))
                    .map(|d| (d.naam.clone(), d.status))
                    .collect();
                let status = mine
                    .values()
                    .copied()
                    .min()
                    .unwrap_or(Status::NietAangesloten);
                Gemeenteregel {
                    code: g.code.to_owned(),
                    naam: g.naam.to_owned(),
                    deelnemers: mine,
                    status,
                    gereed: status.gereed(),
                }
            })
            .collect();
        gemeenten.sort_by(|a, b| a.naam.cmp(&b.naam).then_with(|| a.code.cmp(&b.code)));
        let gereed = gemeenten.iter().filter(|g| g.gereed).count();
        let paraatheid = Paraatheid {
            gereed,
            gemeenten: gemeenten.len(),
            aandeel: if gemeenten.is_empty() {
                0.0
            } else {
                gereed as f64 / gemeenten.len() as f64
            },
        };
        Self {
            regio: regio.naam().to_owned(),
            productie,
            gestart,
            millis,
            deelnemers,
            gemeenten,
            paraatheid,
        }
    }

    /// Participants by status.
    pub fn telling(&self) -> BTreeMap<Status, usize> {
        let mut telling: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for d in &self.deelnemers {
            *telling.entry(d.status).or_default() += 1;
        }
        telling
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deelnemer(naam: &str, gemeente: Option<&str>) -> Deelnemeruitslag {
        Deelnemeruitslag {
            naam: naam.to_owned(),
            gemeente: gemeente.map(str::to_owned),
            gemeentenaam: None,
            rol: Rol::Bron,
            url: Some("https://x/api/v3".to_owned()),
            omgeving: Some(Omgeving::Acceptatie),
            modus: Modus::Acceptatie,
            status: Status::NietAangesloten,
            reden: String::new(),
            controles: vec![Controle::ok("bereikbaarheid", "ja")],
            servercertificaat: None,
            certificaat: None,
            kwaliteit: None,
            signalen: Vec::new(),
            run: None,
            vraag_ms: None,
            millis: 0,
        }
    }

    fn certificaat(geldig: bool) -> Certificaatoordeel {
        Certificaatoordeel {
            geldig,
            reden: if geldig { "geldig" } else { "verlopen" }.to_owned(),
            profiel: None,
            spec_versie: None,
            uitgever: None,
            geldig_tot: None,
            dagen_resterend: None,
            servercertificaat_gelijk: None,
            test: false,
        }
    }

    #[test]
    fn the_status_follows_the_table_of_the_module_documentation() {
        let mut d = deelnemer("a", None);
        d.url = None;
        d.beslis(false);
        assert_eq!(d.status, Status::NietAangesloten);

        let mut d = deelnemer("a", None);
        d.controles = vec![Controle::fout("bereikbaarheid", "geweigerd")];
        d.beslis(false);
        assert_eq!(
            (d.status, d.reden.as_str()),
            (Status::Onbereikbaar, "bereikbaarheid: geweigerd")
        );

        let mut d = deelnemer("a", None);
        d.controles.push(Controle::fout("onbekende versie", "200"));
        d.certificaat = Some(certificaat(true));
        d.beslis(true);
        assert_eq!(d.status, Status::Faalt);

        let mut d = deelnemer("a", None);
        d.beslis(true);
        assert_eq!(d.status, Status::ZonderCertificaat);
        d.certificaat = Some(certificaat(false));
        d.beslis(true);
        assert_eq!(d.status, Status::ZonderCertificaat);
        assert!(d.reden.contains("verlopen"));
        d.certificaat = Some(certificaat(true));
        d.beslis(true);
        assert_eq!(d.status, Status::Gecertificeerd);
        d.signalen
            .push("het certificaat verloopt over 10 dagen".to_owned());
        d.beslis(true);
        assert_eq!(d.status, Status::Verloopt);
    }

    #[test]
    fn readiness_counts_municipalities_of_the_region_with_a_ready_participant() {
        let regio = vum_spec::arbeidsmarktregio::regio("Groot Amsterdam").unwrap();
        let mut a = deelnemer("Amsterdam", Some("GM0363"));
        a.status = Status::Gecertificeerd;
        let mut a2 = deelnemer("Amsterdam 2", Some("GM0363"));
        a2.status = Status::Faalt;
        let mut d = deelnemer("Diemen", Some("GM0384"));
        d.status = Status::Verloopt;
        let mut h = deelnemer("Haarlemmermeer", Some("GM0394"));
        h.status = Status::ZonderCertificaat;
        let mut uwv = deelnemer("UWV", None);
        uwv.status = Status::Gecertificeerd;
        let uitslag = Regiouitslag::new(regio, false, String::new(), 0, vec![uwv, h, d, a2, a]);
        assert_eq!(uitslag.deelnemers[0].naam, "Amsterdam");
        assert_eq!(uitslag.paraatheid.gereed, 2);
        assert_eq!(uitslag.paraatheid.gemeenten, 8);
        assert_eq!(uitslag.paraatheid.procent(), "25,0 %");
        let amsterdam = uitslag
            .gemeenten
            .iter()
            .find(|g| g.code == "GM0363")
            .unwrap();
        assert_eq!(amsterdam.status, Status::Gecertificeerd);
        assert_eq!(amsterdam.deelnemers.len(), 2);
        let aalsmeer = uitslag
            .gemeenten
            .iter()
            .find(|g| g.code == "GM0358")
            .unwrap();
        assert_eq!(aalsmeer.status, Status::NietAangesloten);
        assert_eq!(uitslag.telling()[&Status::Gecertificeerd], 2);
    }
}
