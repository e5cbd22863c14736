//! `regio.html`: the board as one self-contained page (no scripts, no outside resources): the
//! region's readiness, the matrix of municipalities × status, the trend, and per participant its
//! checks, certificate, TLS certificate, score card and last runs. Every text from outside (names,
//! urls, reasons) is escaped.

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::bord::Bord;
use super::uitslag::{Deelnemeruitslag, Status, Uitkomst};
use crate::certificaat::moment;
use crate::report::escape;

/// The style every page of the board shares.
pub const STIJL: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:74rem;padding:1rem 1.5rem;color:#1b1b1b;line-height:1.4}
h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #ddd}
.meta{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.controles td:nth-child(3){overflow-wrap:anywhere}.matrix th .badge{white-space:normal}.breed{overflow-x:auto}
th{background:#f2f2f2}
.cijfer{font-size:2.6rem;font-weight:700}
.paraatheid{padding:.75rem 1rem;background:#f5f7fa;border-left:6px solid #1d5fa8;margin:1rem 0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.7rem;font-size:.85rem;color:#fff;white-space:nowrap}
.s-gecertificeerd{background:#1a7f37}.s-verloopt{background:#b7791f}.s-zonder-certificaat{background:#4a6785}
.s-faalt{background:#c62828}.s-onbereikbaar{background:#6a1b9a}.s-niet-aangesloten{background:#8a8a8a}
td.cel{text-align:center}
.u-ok{color:#1a7f37;font-weight:600}.u-fout{color:#c62828;font-weight:600}.u-niet-getoetst{color:#666}
.signaal{background:#fff4e0;border-left:4px solid #b7791f;padding:.3rem .6rem;margin:.3rem 0}
.wisselend{background:#fdecea;border-left:4px solid #c62828;padding:.3rem .6rem;margin:.3rem 0}
article{border:1px solid #ddd;border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
.runs span{display:inline-block;width:1.1rem;height:1.1rem;margin-right:2px;border-radius:2px}
footer{margin-top:2rem;color:#555;font-size:.85rem}
";

/// A moment (RFC 3339) for people.
pub fn tijdstip(rfc3339: &str) -> String {
    OffsetDateTime::parse(rfc3339, &Rfc3339)
        .map_or_else(|_| rfc3339.to_owned(), |t| moment(t.unix_timestamp()))
}

/// Milliseconds for people (`850 ms`, `12,3 s`).
pub fn duur(millis: u64) -> String {
    if millis < 1000 {
        format!("{millis} ms")
    } else {
        format!("{:.1} s", millis as f64 / 1000.0).replace('.', ",")
    }
}

/// A status as a coloured badge.
pub fn badge(status: Status) -> String {
    format!(
        "<span class=\"badge s-{}\">{}</span>",
        status.as_str(),
        escape(status.label())
    )
}

/// The attribution CBS's licence asks for.
pub const BRON_CBS: &str = "Gemeenten en arbeidsmarktregio's: Bron: CBS (StatLine 86247NED \"Gebieden in Nederland 2026\", gemeenten indeling 2025), CC BY 4.0.";

/// The page.
pub fn html(bord: &Bord) -> String {
    let u = &bord.uitslag;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Regiobord VUM: {regio}</title>\n<style>{STIJL}</style>\n</head>\n<body>\n<h1>Regiobord VUM: {regio}</h1>\n<p class=\"meta\">Run van {gestart}, {modus}, duur {duur}; harnas {versie}</p>\n",
        regio = escape(&u.regio),
        gestart = escape(&tijdstip(&u.gestart)),
        modus = if u.productie {
            "productieveilig (alleen peilingen zonder persoonsgegevens)"
        } else {
            "acceptatie (volledige certificeringsrun per acceptatie-eindpunt; productie-eindpunten alleen productieveilig)"
        },
        duur = duur(u.millis),
        versie = escape(bord.harnas_versie),
    );
    let p = &u.paraatheid;
    let _ = writeln!(
        out,
        "<div class=\"paraatheid\"><span class=\"cijfer\" id=\"paraatheid\">{}</span> gereed: {} van {} gemeenten met een geldig certificaat en een gezond eindpunt</div>",
        escape(&p.procent()),
        p.gereed,
        p.gemeenten
    );
    let telling: Vec<String> = u
        .telling()
        .iter()
        .map(|(s, n)| format!("{} {n}", badge(*s)))
        .collect();
    let _ = writeln!(out, "<p>Deelnemers: {}</p>", telling.join(" "));
    matrix(&mut out, bord);
    trend(&mut out, bord);
    let _ = writeln!(out, "<h2>Deelnemers</h2>");
    for d in &u.deelnemers {
        deelnemer(&mut out, bord, d);
    }
    let _ = write!(
        out,
        "<footer><p>{}</p><p>Status: gecertificeerd = gezond eindpunt met een geldig certificaat; verloopt binnenkort = idem, maar het certificaat of het TLS-certificaat verloopt binnen 30 dagen; zonder geldig certificaat = gezond, maar geen (geldig) certificaat; faalt = bereikbaar, maar een controle faalt; onbereikbaar = geen verbinding; niet aangesloten = geen eindpunt.</p></footer>\n</body>\n</html>\n",
        escape(BRON_CBS)
    );
    out
}

fn anker(naam: &str) -> String {
    format!("d-{}", super::uitvoering::mapnaam(naam))
}

fn matrix(out: &mut String, bord: &Bord) {
    let u = &bord.uitslag;
    let _ = writeln!(
        out,
        "<h2>Gemeenten × status</h2>\n<div class=\"breed\"><table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>Gemeente</th><th>CBS-code</th>"
    );
    for s in Status::ALL {
        let _ = write!(out, "<th>{}</th>", badge(s));
    }
    let _ = writeln!(out, "</tr></thead>\n<tbody>");
    for g in &u.gemeenten {
        let _ = write!(
            out,
            "<tr data-gemeente=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td>",
            escape(&g.code),
            g.status.as_str(),
            escape(&g.naam),
            escape(&g.code)
        );
        for s in Status::ALL {
            let namen: Vec<String> = g
                .deelnemers
                .iter()
                .filter(|(_, st)| **st == s)
                .map(|(naam, _)| {
                    format!("<a href=\"#{}\">{}</a>", escape(&anker(naam)), escape(naam))
                })
                .collect();
            let inhoud = if !namen.is_empty() {
                namen.join("<br>")
            } else if g.deelnemers.is_empty() && s == Status::NietAangesloten {
                "●".to_owned()
            } else {
                String::new()
            };
            let _ = write!(out, "<td class=\"cel\">{inhoud}</td>");
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</tbody>\n</table></div>");
    let instanties: Vec<&Deelnemeruitslag> = u
        .deelnemers
        .iter()
        .filter(|d| d.gemeente.is_none())
        .collect();
    if !instanties.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Deelnemers zonder gemeente (instanties)</h3>\n<table><thead><tr><th>Deelnemer</th><th>Rol</th><th>Status</th></tr></thead><tbody>"
        );
        for d in instanties {
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                escape(&anker(&d.naam)),
                escape(&d.naam),
                d.rol.as_str(),
                badge(d.status)
            );
        }
        let _ = writeln!(out, "</tbody></table>");
    }
}

fn trend(out: &mut String, bord: &Bord) {
    let _ = writeln!(
        out,
        "<h2>Verloop</h2>\n<table id=\"trend\"><thead><tr><th>Run</th><th>Gestart</th><th>Modus</th><th>Gereed</th><th>Duur</th></tr></thead><tbody>"
    );
    for r in &bord.trend {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} van {}</td><td>{}</td></tr>",
            r.run,
            escape(&tijdstip(&r.gestart)),
            if r.productie {
                "productieveilig"
            } else {
                "acceptatie"
            },
            r.gereed,
            r.gemeenten,
            duur(r.millis)
        );
    }
    let _ = writeln!(out, "</tbody></table>");
}

fn deelnemer(out: &mut String, bord: &Bord, d: &Deelnemeruitslag) {
    let _ = write!(
        out,
        "<article id=\"{}\" data-status=\"{}\">\n<h3>{} {}</h3>\n<p>{}</p>\n<dl>",
        escape(&anker(&d.naam)),
        d.status.as_str(),
        escape(&d.naam),
        badge(d.status),
        escape(&d.reden)
    );
    let mut veld = |naam: &str, waarde: &str| {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(naam), escape(waarde));
    };
    if let (Some(code), Some(naam)) = (&d.gemeente, &d.gemeentenaam) {
        veld("gemeente", &format!("{naam} ({code})"));
    }
    veld("rol", d.rol.as_str());
    veld("url", d.url.as_deref().unwrap_or("geen"));
    if let Some(o) = d.omgeving {
        veld("omgeving", o.as_str());
    }
    veld("modus", d.modus.omschrijving());
    veld("duur", &duur(d.millis));
    if let Some(ms) = d.vraag_ms {
        veld("vraag zonder treffers", &format!("{ms} ms (mediaan)"));
    }
    let _ = writeln!(out, "</dl>");
    for s in &d.signalen {
        let _ = writeln!(out, "<p class=\"signaal\">Let op: {}</p>", escape(s));
    }
    if bord.wisselend(&d.naam) {
        let _ = writeln!(
            out,
            "<p class=\"wisselend\">Wisselend: de status veranderde {} keer in de laatste runs.</p>",
            bord.wisselingen.get(&d.naam).copied().unwrap_or(0)
        );
    }
    if !d.controles.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"controles\"><thead><tr><th>Controle</th><th>Uitkomst</th><th>Bevinding</th><th>Tijd</th></tr></thead><tbody>"
        );
        for c in &d.controles {
            let (class, woord) = match c.uitkomst {
                Uitkomst::Ok => ("u-ok", "in orde"),
                Uitkomst::Fout => ("u-fout", "fout"),
                Uitkomst::NietGetoetst => ("u-niet-getoetst", "niet getoetst"),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"{class}\">{woord}</td><td>{}</td><td>{}</td></tr>",
                escape(&c.naam),
                escape(&c.detail),
                c.millis.map(duur).unwrap_or_default()
            );
        }
        let _ = writeln!(out, "</tbody></table>");
    }
    if let Some(run) = &d.run {
        let _ = writeln!(
            out,
            "<p>Certificeringsrun: <strong>{}</strong> ({}, {}). <a href=\"{}/report.html\">Rapport</a></p>",
            escape(&run.oordeel),
            escape(&run.telling),
            duur(run.millis),
            escape(&run.rapporten)
        );
    }
    certificaten(out, d);
    kwaliteit(out, d);
    historie(out, bord, d);
    let _ = writeln!(out, "</article>");
}

fn certificaten(out: &mut String, d: &Deelnemeruitslag) {
    if let Some(c) = &d.certificaat {
        let _ = write!(
            out,
            "<h4>Certificaat</h4>\n<p class=\"{}\">{}: {}</p>\n",
            if c.geldig { "u-ok" } else { "u-fout" },
            if c.geldig { "geldig" } else { "niet geldig" },
            escape(&c.reden)
        );
    } else if d.url.is_some() {
        let _ = writeln!(
            out,
            "<h4>Certificaat</h4>\n<p>Geen certificaat opgegeven.</p>"
        );
    }
    if let Some(s) = &d.servercertificaat {
        let _ = write!(
            out,
            "<h4>TLS-servercertificaat</h4>\n<dl><dt>subject</dt><dd>{}</dd><dt>uitgever</dt><dd>{}</dd><dt>OIN</dt><dd>{}</dd><dt>geldig</dt><dd>{} tot {}</dd><dt>SHA-256</dt><dd>{}</dd></dl>\n",
            escape(&s.subject),
            escape(&s.issuer),
            escape(s.oin.as_deref().unwrap_or("geen")),
            escape(&moment(s.geldig_vanaf)),
            escape(&moment(s.geldig_tot)),
            escape(&s.sha256)
        );
    }
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "-".to_owned(), |s| format!("{s:.1}").replace('.', ","))
}

fn kwaliteit(out: &mut String, d: &Deelnemeruitslag) {
    let Some(k) = &d.kwaliteit else {
        if d.rol == super::bestand::Rol::Bron && d.url.is_some() {
            let _ = writeln!(
                out,
                "<h4>Kwaliteitstafel</h4>\n<p>Geen scorekaart aangeleverd (vum-node kwaliteit of vum-spec kwaliteit).</p>"
            );
        }
        return;
    };
    let _ = writeln!(
        out,
        "<h4>Kwaliteitstafel</h4>\n<p>Peildatum {}, VUM {}; alleen aantallen, geen profielen.</p>\n<div class=\"breed\"><table class=\"kwaliteit\"><thead><tr><th>Soort</th><th>Profielen</th><th>Volledig</th><th>Betrouwbaar</th><th>Actueel</th><th>Zonder bevinding (betrouwbaar / actueel)</th><th>Mediane leeftijd nieuwste datum</th></tr></thead><tbody>",
        escape(&k.peildatum),
        escape(&k.spec_versie)
    );
    for kaart in &k.kaarten {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td></tr>",
            escape(&kaart.soort),
            kaart.aantal_profielen,
            score(kaart.volledig),
            score(kaart.betrouwbaar),
            score(kaart.actueel),
            kaart.betrouwbaar_zonder_bevinding,
            kaart.actueel_zonder_bevinding,
            kaart
                .mediaan_leeftijd_dagen
                .map_or_else(|| "-".to_owned(), |n| format!("{n} dagen"))
        );
    }
    let _ = writeln!(out, "</tbody></table></div>");
}

fn historie(out: &mut String, bord: &Bord, d: &Deelnemeruitslag) {
    let Some(punten) = bord.historie.get(&d.naam) else {
        return;
    };
    let _ = write!(
        out,
        "<h4>Laatste runs</h4>\n<p class=\"runs\" data-runs=\"{}\">",
        punten.len()
    );
    for p in punten.iter().rev() {
        let status = p.status.map_or("onbekend", Status::as_str);
        let _ = write!(
            out,
            "<span class=\"s-{status}\" title=\"{}: {} ({})\"></span>",
            escape(&tijdstip(&p.gestart)),
            escape(p.status.map_or("onbekend", Status::label)),
            escape(&p.modus)
        );
    }
    let _ = writeln!(
        out,
        " (oudste links, deze run rechts)</p>\n<ol class=\"historie\">"
    );
    for p in punten {
        let _ = writeln!(
            out,
            "<li>{} ({}): {}: {}</li>",
            escape(&tijdstip(&p.gestart)),
            escape(&p.modus),
            escape(p.status.map_or("onbekend", Status::label)),
            escape(&p.reden)
        );
    }
    let _ = writeln!(out, "</ol>");
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::regio::bestand::{Omgeving, Rol};
    use crate::regio::bord::SCHEMA;
    use crate::regio::uitslag::{Controle, Deelnemeruitslag, Modus, Regiouitslag};

    const VREEMD: &str = "<script>alert(\"x\")</script> & <img src=x>";

    fn deelnemer(naam: &str, url: Option<&str>, controle: Controle) -> Deelnemeruitslag {
        let mut d = Deelnemeruitslag {
            naam: naam.to_owned(),
            gemeente: Some("GM0363".to_owned()),
            gemeentenaam: Some("Amsterdam".to_owned()),
            rol: Rol::Bron,
            url: url.map(str::to_owned),
            omgeving: url.map(|_| Omgeving::Acceptatie),
            modus: Modus::Productie,
            status: Status::NietAangesloten,
            reden: String::new(),
            controles: vec![controle],
            servercertificaat: None,
            certificaat: None,
            kwaliteit: None,
            signalen: vec![format!("signaal {VREEMD}")],
            run: None,
            vraag_ms: Some(12),
            millis: 1500,
        };
        d.beslis(url.is_some());
        d
    }

    #[test]
    fn outside_text_is_escaped_and_the_page_loads_nothing_from_outside() {
        let regio = vum_spec::arbeidsmarktregio::regio("Groot Amsterdam").unwrap();
        let deelnemers = vec![
            deelnemer(
                &format!("Gemeente {VREEMD}"),
                Some("https://bron.example/api/v3?<b>"),
                Controle::fout("onbekende versie", format!("200 met {VREEMD}")),
            ),
            deelnemer("Gemeente Amsterdam 2", None, Controle::ok("x", "y")),
        ];
        let bord = Bord {
            schema: SCHEMA,
            harnas_versie: "test",
            uitslag: Regiouitslag::new(
                regio,
                true,
                "2026-11-29T16:00:00Z".to_owned(),
                2500,
                deelnemers,
            ),
            historie: BTreeMap::new(),
            wisselingen: BTreeMap::new(),
            trend: Vec::new(),
        };
        let page = html(&bord);
        assert!(
            !page.contains("<script") && !page.contains("<img"),
            "{page}"
        );
        assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img"));
        for outside in ["<link", "src=\"", "@import", "url("] {
            assert!(!page.contains(outside), "{outside} in the page");
        }
        // Links stay within the page.
        for href in page.split("href=\"").skip(1) {
            assert!(href.starts_with('#'), "{}", &href[..href.len().min(40)]);
        }
        // One row per municipality of the region, with its status; the readiness as a figure.
        assert_eq!(page.matches("<tr data-gemeente=").count(), 8);
        assert!(page.contains("data-gemeente=\"GM0363\" data-status=\"faalt\""));
        assert!(page.contains("data-gemeente=\"GM0358\" data-status=\"niet-aangesloten\""));
        assert!(page.contains("<span class=\"cijfer\" id=\"paraatheid\">0,0 %</span>"));
        assert!(page.ends_with("</html>\n"));
    }
}
