//! A search as a Dutch phrase ("werkzoekenden binnen 15 km van 1791AA, met rijbewijs C"), for a
//! person reading what a client was asked to do.

use std::fmt;

use super::{Contractvorm, Niveaueis, Taaleis, Taalniveau, Urenbereik, Zoekopdracht};
use crate::codes::{CodeList, SoortRijbewijs, WerkEnDenkniveauKeuze};

impl fmt::Display for Zoekopdracht {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut delen = Vec::new();
        match self {
            Self::Werkzoekenden(o) => {
                write!(
                    f,
                    "werkzoekenden binnen {} km van {}",
                    o.afstand, o.postcode
                )?;
                if !o.beroepen.is_empty() {
                    delen.push(format!(
                        "met als bemiddelingsberoep {}",
                        of(o.beroepen.iter().map(ToString::to_string))
                    ));
                }
                if !o.contractvormen.is_empty() {
                    delen.push(format!(
                        "met een contract voor {}",
                        of(o.contractvormen.iter().map(|c| match c {
                            Contractvorm::OnbepaaldeTijd => "onbepaalde tijd".to_owned(),
                            Contractvorm::BepaaldeTijd => "bepaalde tijd".to_owned(),
                        }))
                    ));
                }
                if let Some(ja) = o.onregelmatig_werk {
                    delen.push(format!(
                        "{}bereid tot onregelmatig werk of ploegendienst",
                        if ja { "" } else { "niet " }
                    ));
                }
                if let Some(ja) = o.kantoortijden {
                    delen.push(format!(
                        "die {}binnen kantoortijden werken",
                        if ja { "" } else { "niet " }
                    ));
                }
                rijbewijzen(&mut delen, &o.rijbewijzen);
                talen(&mut delen, &o.talen);
                if let Some(datum) = &o.beschikbaar_uiterlijk {
                    delen.push(format!("beschikbaar uiterlijk op {datum}"));
                }
                uren(&mut delen, o.uren_per_week);
                if let Some(code) = &o.competentie {
                    delen.push(format!("met competentie {code}"));
                }
            }
            Self::Vacatures(o) => {
                write!(f, "vacatures binnen {} km van {}", o.afstand, o.postcode)?;
                if let Some(code) = &o.beroep {
                    delen.push(format!("voor beroep {code}"));
                }
                match o.werk_en_denkniveau {
                    Some(Niveaueis::Bekend) => {
                        delen.push("met een bekend werk- en denkniveau".to_owned());
                    }
                    Some(Niveaueis::NietBekend) => {
                        delen.push(
                            "met een werk- en denkniveau dat (nog) niet bekend is".to_owned(),
                        );
                    }
                    Some(Niveaueis::Minstens(n)) => {
                        let betekenis = WerkEnDenkniveauKeuze::from_code(&n.to_string())
                            .map(|k| format!(" ({})", k.meaning()))
                            .unwrap_or_default();
                        delen.push(format!(
                            "met een bekend werk- en denkniveau van minstens {n}{betekenis}"
                        ));
                    }
                    None => {}
                }
                if let Some(datum) = &o.aanvang_vanaf {
                    delen.push(format!("met aanvang op of na {datum}"));
                }
                if let Some(ja) = o.onregelmatig_werk {
                    delen.push(format!(
                        "{} onregelmatig werk of ploegendienst",
                        if ja { "met" } else { "zonder" }
                    ));
                }
                rijbewijzen(&mut delen, &o.rijbewijzen);
                talen(&mut delen, &o.talen);
                uren(&mut delen, o.uren_per_week);
            }
        }
        for deel in delen {
            write!(f, ", {deel}")?;
        }
        Ok(())
    }
}

/// `a`, `a of b`, `a, b of c`.
fn of(items: impl Iterator<Item = String>) -> String {
    lijst(items, "of")
}

fn lijst(items: impl Iterator<Item = String>, voegwoord: &str) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        Some((laatste, [])) => laatste.clone(),
        Some((laatste, rest)) => format!("{} {voegwoord} {laatste}", rest.join(", ")),
        None => String::new(),
    }
}

fn rijbewijzen(delen: &mut Vec<String>, soorten: &[SoortRijbewijs]) {
    if soorten.is_empty() {
        return;
    }
    let woord = if soorten.len() == 1 {
        "rijbewijs"
    } else {
        "rijbewijzen"
    };
    delen.push(format!(
        "met {woord} {}",
        lijst(soorten.iter().map(|s| s.code().to_owned()), "en")
    ));
}

fn niveau(n: Taalniveau) -> &'static str {
    match n {
        Taalniveau::Redelijk => "redelijk",
        Taalniveau::Goed => "goed",
        Taalniveau::Uitstekend => "uitstekend",
    }
}

fn talen(delen: &mut Vec<String>, eisen: &[Taaleis]) {
    for eis in eisen {
        let mut niveaus = Vec::new();
        if let Some(n) = eis.mondeling {
            niveaus.push(format!("mondeling minstens {}", niveau(n)));
        }
        if let Some(n) = eis.schriftelijk {
            niveaus.push(format!("schriftelijk minstens {}", niveau(n)));
        }
        let niveaus = if niveaus.is_empty() {
            String::new()
        } else {
            format!(" ({})", niveaus.join(", "))
        };
        delen.push(format!("met taal {}{niveaus}", eis.taal));
    }
}

fn uren(delen: &mut Vec<String>, bereik: Option<Urenbereik>) {
    match bereik.map(|b| (b.van, b.tot)) {
        Some((Some(van), Some(tot))) => {
            delen.push(format!(
                "met werkuren die {van} tot {tot} uur per week overlappen"
            ));
        }
        Some((Some(van), None)) => {
            delen.push(format!("met een maximum van minstens {van} uur per week"));
        }
        Some((None, Some(tot))) => {
            delen.push(format!("met een minimum van hoogstens {tot} uur per week"));
        }
        _ => {}
    }
}
