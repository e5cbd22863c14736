//! The national overview: the boards of several regions on one page, with every one of the 35
//! labour-market regions listed (a region without a region file shows as such), and the
//! country's readiness over all its municipalities. `landelijk.json` is [`Landelijk`] (schema
//! [`SCHEMA`], keys sorted); each region's own board lies in a directory named after it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::bord::Bord;
use super::html::{BRON_CBS, STIJL, badge, duur, tijdstip};
use super::uitslag::{Paraatheid, Status};
use super::uitvoering::mapnaam;
use crate::report::escape;

/// The version of `landelijk.json`'s layout.
pub const SCHEMA: &str = "vum-landelijk/1";

/// One region on the national overview.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Regioregel {
    /// The region, as CBS spells it.
    pub regio: String,
    /// Its municipalities.
    pub gemeenten: usize,
    /// Those ready, when the region was run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gereed: Option<usize>,
    /// Its participants by status, when the region was run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deelnemers: Option<BTreeMap<Status, usize>>,
    /// Its board's directory, relative to the overview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<String>,
}

/// The national overview.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Landelijk {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// When the first region started.
    pub gestart: String,
    /// All 35 regions, by name.
    pub regios: Vec<Regioregel>,
    /// Over every municipality of the country (regions without a file count none ready).
    pub paraatheid: Paraatheid,
    /// The boards of the regions that were run.
    #[serde(skip)]
    pub borden: Vec<Bord>,
}

/// The directory of a region's board below the overview.
pub fn regiomap(regio: &str) -> String {
    mapnaam(regio)
}

impl Landelijk {
    /// The overview of these boards.
    pub fn new(mut borden: Vec<Bord>) -> Self {
        borden.sort_by(|a, b| a.uitslag.regio.cmp(&b.uitslag.regio));
        let regios: Vec<Regioregel> = vum_spec::arbeidsmarktregio::regios()
            .iter()
            .map(|r| {
                let bord = borden.iter().find(|b| b.uitslag.regio == r.naam());
                Regioregel {
                    regio: r.naam().to_owned(),
                    gemeenten: r.gemeenten().len(),
                    gereed: bord.map(|b| b.uitslag.paraatheid.gereed),
                    deelnemers: bord.map(|b| b.uitslag.telling()),
                    map: bord.map(|_| regiomap(r.naam())),
                }
            })
            .collect();
        let gemeenten: usize = regios.iter().map(|r| r.gemeenten).sum();
        let gereed: usize = regios.iter().filter_map(|r| r.gereed).sum();
        let gestart = borden
            .iter()
            .map(|b| b.uitslag.gestart.clone())
            .min()
            .unwrap_or_default();
        Self {
            schema: SCHEMA,
            gestart,
            regios,
            paraatheid: Paraatheid {
                gereed,
                gemeenten,
                aandeel: if gemeenten == 0 {
                    0.0
                } else {
                    gereed as f64 / gemeenten as f64
                },
            },
            borden,
        }
    }

    /// `landelijk.json`.
    pub fn json(&self) -> String {
        // Invariant: only string keys and finite numbers, so it always serialises.
        vum_spec::schema::canonical_json(&serde_json::to_value(self).unwrap_or(Value::Null))
    }

    /// `landelijk.html`.
    pub fn html(&self) -> String {
        let mut out = String::new();
        let p = &self.paraatheid;
        let gelopen = self.regios.iter().filter(|r| r.gereed.is_some()).count();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>VUM landelijk overzicht</title>\n<style>{STIJL}</style>\n</head>\n<body>\n<h1>VUM: landelijk overzicht van de arbeidsmarktregio's</h1>\n<p class=\"meta\">Runs vanaf {}; {gelopen} van de {} regio's met een regiobestand</p>\n<div class=\"paraatheid\"><span class=\"cijfer\" id=\"paraatheid\">{}</span> gereed: {} van {} gemeenten in Nederland met een geldig certificaat en een gezond eindpunt</div>\n",
            escape(&tijdstip(&self.gestart)),
            self.regios.len(),
            escape(&p.procent()),
            p.gereed,
            p.gemeenten
        );
        let _ = write!(
            out,
            "<table id=\"regios\"><thead><tr><th>Arbeidsmarktregio</th><th>Gemeenten</th><th>Gereed</th>"
        );
        for s in Status::ALL {
            let _ = write!(out, "<th>{}</th>", badge(s));
        }
        let _ = writeln!(out, "<th>Duur</th></tr></thead><tbody>");
        for r in &self.regios {
            let bord = self.borden.iter().find(|b| b.uitslag.regio == r.regio);
            let naam = match &r.map {
                Some(map) => format!(
                    "<a href=\"{}/regio.html\">{}</a>",
                    escape(map),
                    escape(&r.regio)
                ),
                None => escape(&r.regio),
            };
            let _ = write!(
                out,
                "<tr data-regio=\"{}\"><td>{naam}</td><td>{}</td>",
                escape(&r.regio),
                r.gemeenten
            );
            match (&r.deelnemers, bord) {
                (Some(telling), Some(bord)) => {
                    let _ = write!(
                        out,
                        "<td>{} ({})</td>",
                        r.gereed.unwrap_or(0),
                        escape(&bord.uitslag.paraatheid.procent())
                    );
                    for s in Status::ALL {
                        let _ = write!(
                            out,
                            "<td class=\"cel\">{}</td>",
                            telling.get(&s).copied().unwrap_or(0)
                        );
                    }
                    let _ = write!(out, "<td>{}</td>", duur(bord.uitslag.millis));
                }
                _ => {
                    let _ = write!(
                        out,
                        "<td colspan=\"{}\">geen regiobestand</td>",
                        Status::ALL.len() + 2
                    );
                }
            }
            let _ = writeln!(out, "</tr>");
        }
        let _ = write!(
            out,
            "</tbody></table>\n<p>Per deelnemer het aantal per status; niet-aangesloten telt de deelnemers zonder url, de overige gemeenten van een regio staan op haar eigen bord.</p>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
            escape(BRON_CBS)
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regio::bord::SCHEMA as BORD_SCHEMA;
    use crate::regio::uitslag::Regiouitslag;

    fn bord(regio: &str) -> Bord {
        let regio = vum_spec::arbeidsmarktregio::regio(regio).unwrap();
        Bord {
            schema: BORD_SCHEMA,
            harnas_versie: "test",
            uitslag: Regiouitslag::new(
                regio,
                false,
                "2026-11-29T16:00:00Z".to_owned(),
                100,
                Vec::new(),
            ),
            historie: BTreeMap::new(),
            wisselingen: BTreeMap::new(),
            trend: Vec::new(),
        }
    }

    #[test]
    fn every_region_is_listed_and_the_country_counts_all_its_municipalities() {
        let land = Landelijk::new(vec![bord("Groot Amsterdam"), bord("Zuid-Limburg")]);
        assert_eq!(land.regios.len(), 35);
        assert_eq!(land.paraatheid.gemeenten, 342);
        assert_eq!(land.paraatheid.gereed, 0);
        let gelopen: Vec<&str> = land
            .regios
            .iter()
            .filter(|r| r.map.is_some())
            .map(|r| r.regio.as_str())
            .collect();
        assert_eq!(gelopen, ["Groot Amsterdam", "Zuid-Limburg"]);
        let page = land.html();
        assert_eq!(page.matches("<tr data-regio=").count(), 35);
        assert_eq!(page.matches("geen regiobestand").count(), 33);
        assert!(page.contains("<a href=\"groot-amsterdam/regio.html\">Groot Amsterdam</a>"));
        let json: Value = serde_json::from_str(&land.json()).unwrap();
        assert_eq!(json["schema"], SCHEMA);
        assert_eq!(json["regios"].as_array().unwrap().len(), 35);
    }
}
