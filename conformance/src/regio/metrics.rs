//! `regio.prom` and `landelijk.prom`: the board in the OpenMetrics text format, so that an
//! operations team can scrape it into the monitoring it already has (a file server or the node
//! exporter's textfile collector). Families in a fixed order, points sorted as on the board,
//! label values escaped, ending in `# EOF`.
//!
//! | family | type | labels |
//! |---|---|---|
//! | `vum_regio_paraatheid` | gauge, 0–1 | `regio` |
//! | `vum_regio_gemeenten_gereed`, `vum_regio_gemeenten` | gauge | `regio` |
//! | `vum_regio_run_timestamp_seconds` | gauge | `regio`, `modus` |
//! | `vum_gemeente_status` | stateset | `regio`, `gemeente`, `naam` |
//! | `vum_deelnemer_status` | stateset | `regio`, `deelnemer`, `gemeente`, `modus` |
//! | `vum_deelnemer_duur_seconds`, `vum_deelnemer_vraag_seconds` | gauge | `regio`, `deelnemer` |
//! | `vum_deelnemer_certificaat_verloopt_timestamp_seconds`, `vum_deelnemer_tls_verloopt_timestamp_seconds` | gauge | `regio`, `deelnemer` |
//! | `vum_deelnemer_kwaliteit_score` | gauge, 0–100 | `regio`, `deelnemer`, `soort`, `dimensie` |
//! | `vum_land_paraatheid`, `vum_land_gemeenten_gereed`, `vum_land_gemeenten` | gauge (national file) | — |

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::bord::Bord;
use super::landelijk::Landelijk;
use super::uitslag::{Regiouitslag, Status};

/// A label value in OpenMetrics: backslash, double quote and line feed escaped.
pub fn label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn labels(pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", label(v)))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// A number as OpenMetrics writes it.
fn getal(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

struct Families {
    out: String,
}

impl Families {
    fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.out, "# TYPE {name} {kind}");
        if name.ends_with("_seconds") {
            let _ = writeln!(self.out, "# UNIT {name} seconds");
        }
        let _ = writeln!(self.out, "# HELP {name} {help}");
    }

    fn point(&mut self, name: &str, pairs: &[(&str, &str)], value: f64) {
        let _ = writeln!(self.out, "{name}{} {}", labels(pairs), getal(value));
    }

    fn stateset(&mut self, name: &str, pairs: &[(&str, &str)], current: Status) {
        for s in Status::ALL {
            let mut all = pairs.to_vec();
            all.push((name, s.as_str()));
            self.point(name, &all, f64::from(u8::from(s == current)));
        }
    }
}

fn unix(rfc3339: &str) -> Option<f64> {
    OffsetDateTime::parse(rfc3339, &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp() as f64)
}

fn regio_families(f: &mut Families, uitslagen: &[&Regiouitslag]) {
    f.family(
        "vum_regio_paraatheid",
        "gauge",
        "Aandeel gemeenten van de regio met een geldig certificaat en een gezond eindpunt (0-1).",
    );
    for u in uitslagen {
        f.point(
            "vum_regio_paraatheid",
            &[("regio", &u.regio)],
            u.paraatheid.aandeel,
        );
    }
    f.family(
        "vum_regio_gemeenten_gereed",
        "gauge",
        "Gemeenten van de regio met een geldig certificaat en een gezond eindpunt.",
    );
    for u in uitslagen {
        f.point(
            "vum_regio_gemeenten_gereed",
            &[("regio", &u.regio)],
            u.paraatheid.gereed as f64,
        );
    }
    f.family(
        "vum_regio_gemeenten",
        "gauge",
        "Gemeenten van de regio (CBS).",
    );
    for u in uitslagen {
        f.point(
            "vum_regio_gemeenten",
            &[("regio", &u.regio)],
            u.paraatheid.gemeenten as f64,
        );
    }
    f.family(
        "vum_regio_run_timestamp_seconds",
        "gauge",
        "Begin van de run van het regiobord.",
    );
    for u in uitslagen {
        if let Some(t) = unix(&u.gestart) {
            let modus = if u.productie {
                "productie"
            } else {
                "acceptatie"
            };
            f.point(
                "vum_regio_run_timestamp_seconds",
                &[("regio", &u.regio), ("modus", modus)],
                t,
            );
        }
    }
}

/// `regio.prom`.
pub fn regio(bord: &Bord) -> String {
    let u = &bord.uitslag;
    let mut f = Families { out: String::new() };
    regio_families(&mut f, &[u]);
    f.family(
        "vum_gemeente_status",
        "stateset",
        "Status van de gemeente: de beste van haar deelnemers, niet-aangesloten zonder deelnemer.",
    );
    for g in &u.gemeenten {
        f.stateset(
            "vum_gemeente_status",
            &[
                ("regio", &u.regio),
                ("gemeente", &g.code),
                ("naam", &g.naam),
            ],
            g.status,
        );
    }
    f.family(
        "vum_deelnemer_status",
        "stateset",
        "Status van de deelnemer in deze run.",
    );
    for d in &u.deelnemers {
        f.stateset(
            "vum_deelnemer_status",
            &[
                ("regio", &u.regio),
                ("deelnemer", &d.naam),
                ("gemeente", d.gemeente.as_deref().unwrap_or("")),
                ("modus", d.modus.as_str()),
            ],
            d.status,
        );
    }
    f.family(
        "vum_deelnemer_duur_seconds",
        "gauge",
        "Hoe lang het onderzoek van de deelnemer duurde.",
    );
    for d in &u.deelnemers {
        f.point(
            "vum_deelnemer_duur_seconds",
            &[("regio", &u.regio), ("deelnemer", &d.naam)],
            d.millis as f64 / 1000.0,
        );
    }
    f.family(
        "vum_deelnemer_vraag_seconds",
        "gauge",
        "Mediane tijd van een vraag die niemand kan treffen (productieveilig).",
    );
    for d in &u.deelnemers {
        if let Some(ms) = d.vraag_ms {
            f.point(
                "vum_deelnemer_vraag_seconds",
                &[("regio", &u.regio), ("deelnemer", &d.naam)],
                ms as f64 / 1000.0,
            );
        }
    }
    f.family(
        "vum_deelnemer_certificaat_verloopt_timestamp_seconds",
        "gauge",
        "Einde van de geldigheid van het VUM-certificaat van de deelnemer.",
    );
    for d in &u.deelnemers {
        if let Some(t) = d.certificaat.as_ref().and_then(|c| c.geldig_tot) {
            f.point(
                "vum_deelnemer_certificaat_verloopt_timestamp_seconds",
                &[("regio", &u.regio), ("deelnemer", &d.naam)],
                t as f64,
            );
        }
    }
    f.family(
        "vum_deelnemer_tls_verloopt_timestamp_seconds",
        "gauge",
        "Einde van de geldigheid van het TLS-servercertificaat van de deelnemer.",
    );
    for d in &u.deelnemers {
        if let Some(s) = &d.servercertificaat {
            f.point(
                "vum_deelnemer_tls_verloopt_timestamp_seconds",
                &[("regio", &u.regio), ("deelnemer", &d.naam)],
                s.geldig_tot as f64,
            );
        }
    }
    f.family(
        "vum_deelnemer_kwaliteit_score",
        "gauge",
        "Score van de kwaliteitstafel (0-100) per soort en dimensie, zoals aangeleverd.",
    );
    for d in &u.deelnemers {
        let Some(k) = &d.kwaliteit else { continue };
        for kaart in &k.kaarten {
            for (dimensie, score) in [
                ("volledig", kaart.volledig),
                ("betrouwbaar", kaart.betrouwbaar),
                ("actueel", kaart.actueel),
            ] {
                if let Some(score) = score {
                    f.point(
                        "vum_deelnemer_kwaliteit_score",
                        &[
                            ("regio", &u.regio),
                            ("deelnemer", &d.naam),
                            ("soort", &kaart.soort),
                            ("dimensie", dimensie),
                        ],
                        score,
                    );
                }
            }
        }
    }
    f.out.push_str("# EOF\n");
    f.out
}

/// `landelijk.prom`.
pub fn landelijk(land: &Landelijk) -> String {
    let mut f = Families { out: String::new() };
    let uitslagen: Vec<&Regiouitslag> = land.borden.iter().map(|b| &b.uitslag).collect();
    regio_families(&mut f, &uitslagen);
    f.family(
        "vum_land_paraatheid",
        "gauge",
        "Aandeel van alle gemeenten van Nederland met een geldig certificaat en een gezond eindpunt (0-1).",
    );
    f.point("vum_land_paraatheid", &[], land.paraatheid.aandeel);
    f.family(
        "vum_land_gemeenten_gereed",
        "gauge",
        "Gemeenten van Nederland met een geldig certificaat en een gezond eindpunt.",
    );
    f.point(
        "vum_land_gemeenten_gereed",
        &[],
        land.paraatheid.gereed as f64,
    );
    f.family(
        "vum_land_gemeenten",
        "gauge",
        "Gemeenten van Nederland (CBS).",
    );
    f.point("vum_land_gemeenten", &[], land.paraatheid.gemeenten as f64);
    f.out.push_str("# EOF\n");
    f.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped_and_numbers_plain() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(labels(&[]), "");
        assert_eq!(labels(&[("a", "x"), ("b", "y")]), "{a=\"x\",b=\"y\"}");
        assert_eq!(getal(3.0), "3");
        assert_eq!(getal(0.375), "0.375");
    }
}
