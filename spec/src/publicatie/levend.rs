//! The features of a version as living documentation: self-contained HTML in Dutch, an index and
//! one page per area (`features/<rol>/<gebied>/`), in the manner of Haal Centraal's published
//! features. Every scenario shows its keyword and name, its tags, the requirement its tag names
//! (id, level and title from the version's catalogue), its place in the feature file, its steps
//! with their tables and doc strings, and its examples. The comments that group scenarios become
//! headings. Each area page ends with the area's requirements that no scenario covers yet. All
//! text is escaped; no scripts, no external style sheets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::gherkin::{Argument, Examples, Feature, Item, Scenario, Step};
use crate::requirements::{Eis, Verificatie};
use crate::versie::Versie;

/// The directory of the pages inside a bundle.
pub const MAP: &str = "features";

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}\
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #154273;padding-bottom:.2rem;margin-top:2.5rem}\
h3{font-size:1.1rem;color:#154273;margin-top:1.8rem}nav{font-size:.9rem;margin-bottom:1rem}\
a{color:#154273}.kw{font-weight:600;color:#5a5a5a}.tag{display:inline-block;font-size:.8rem;background:#eef2f7;border:1px solid #c9d3e0;border-radius:.6rem;padding:0 .45rem;margin:0 .2rem .2rem 0}\
.scenario{border:1px solid #d5d5d5;border-radius:.3rem;padding:.6rem 1rem;margin:1rem 0}\
.scenario h4{margin:.2rem 0 .4rem 0;font-size:1rem}.eis{background:#f4f8ec;border-left:4px solid #39870c;padding:.3rem .6rem;margin:.4rem 0}\
.eis.onbekend{background:#fdf1ee;border-left-color:#d52b1e}.waar{font-size:.8rem;color:#5a5a5a}\
ol.stappen{list-style:none;padding-left:.5rem;margin:.4rem 0}ol.stappen li{margin:.15rem 0}\
table{border-collapse:collapse;margin:.3rem 0 .5rem 1.5rem;font-size:.9rem}th,td{border:1px solid #bbb;padding:.15rem .5rem;text-align:left;vertical-align:top}\
th{background:#f0f0f0}pre{background:#f6f6f6;border:1px solid #ddd;padding:.4rem .6rem;margin:.3rem 0 .5rem 1.5rem;white-space:pre-wrap}\
.beschrijving{color:#444}.achtergrond{background:#fafafa;border:1px dashed #ccc;padding:.4rem 1rem}";

/// One area: a role and an area of the catalogue, with its feature files.
struct Gebied<'a> {
    rol: String,
    gebied: String,
    features: Vec<&'a Feature>,
}

/// The role and area of a feature file (`bron/selectie/x.feature`).
fn plaats(file: &str) -> (String, String) {
    let parts: Vec<&str> = file.split('/').collect();
    match parts.as_slice() {
        [rol, gebied, _, ..] => ((*rol).to_owned(), (*gebied).to_owned()),
        [rol, _] => ((*rol).to_owned(), "algemeen".to_owned()),
        _ => ("algemeen".to_owned(), "algemeen".to_owned()),
    }
}

fn gebieden(features: &[Feature]) -> Vec<Gebied<'_>> {
    let mut by: BTreeMap<(String, String), Vec<&Feature>> = BTreeMap::new();
    for feature in features {
        by.entry(plaats(&feature.file)).or_default().push(feature);
    }
    by.into_iter()
        .map(|((rol, gebied), mut features)| {
            features.sort_by(|a, b| a.file.cmp(&b.file));
            Gebied {
                rol,
                gebied,
                features,
            }
        })
        .collect()
}

fn hoofdletter(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn rol_naam(rol: &str) -> String {
    match rol {
        "uitwisseling" => "Uitwisselingsvoorziening".to_owned(),
        other => hoofdletter(other),
    }
}

/// The page of an area, relative to the bundle (`features/bron/selectie.html`).
pub fn pagina(rol: &str, gebied: &str) -> String {
    format!("{MAP}/{rol}/{gebied}.html")
}

fn kop(titel: &str, versie: &Versie) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — VUM {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        text(titel),
        text(&versie.naam())
    )
}

fn voet(versie: &Versie) -> String {
    format!(
        "<p class=\"waar\">VUM {} ({}). Gegenereerd door <code>vum-spec publish</code> uit de \
         features van de aansluitvoorwaarden; wijzig de features, niet deze pagina.</p>\n</body>\n</html>\n",
        text(&versie.naam()),
        text(versie.status.as_str())
    )
}

/// Every page: `features/index.html` and one per area, (path in the bundle, HTML).
pub fn paginas(features: &[Feature], catalogue: &[Eis], versie: &Versie) -> Vec<(String, String)> {
    let gebieden = gebieden(features);
    let eisen: BTreeMap<&str, &Eis> = catalogue.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out = vec![(
        format!("{MAP}/index.html"),
        index(&gebieden, catalogue, versie),
    )];
    for gebied in &gebieden {
        out.push((
            pagina(&gebied.rol, &gebied.gebied),
            gebied_pagina(gebied, &eisen, catalogue, versie),
        ));
    }
    out.sort();
    out
}

/// The requirement ids a set of tags names (`AV-…`).
fn eis_tags(tags: &[String]) -> impl Iterator<Item = &str> {
    tags.iter()
        .map(String::as_str)
        .filter(|t| t.starts_with("AV-"))
}

/// The requirements verified by scenario that no scenario in `features` is tagged with.
fn zonder_scenario<'a>(features: &[&Feature], catalogue: &'a [Eis]) -> Vec<&'a Eis> {
    let covered: Vec<String> = features
        .iter()
        .flat_map(|f| f.scenarios().flat_map(|s| f.tags_of(s)))
        .collect();
    catalogue
        .iter()
        .filter(|e| e.verificatie == Verificatie::Scenario && !covered.contains(&e.id))
        .collect()
}

fn index(gebieden: &[Gebied<'_>], catalogue: &[Eis], versie: &Versie) -> String {
    let mut out = kop("Aansluitvoorwaarden als levende documentatie", versie);
    let _ = writeln!(
        out,
        "<h1>VUM {} — aansluitvoorwaarden als levende documentatie</h1>\n\
         <p>Elk scenario hieronder is een uitvoerbare controle van de conformiteitstoets \
         (<code>vum-conformance</code>) en hoort bij precies één eis uit de eisencatalogus van \
         deze versie. Status van de versie: <strong>{}</strong>.</p>",
        text(&versie.naam()),
        text(versie.status.as_str())
    );
    out.push_str(
        "<table>\n<tr><th>rol</th><th>gebied</th><th>features</th><th>scenario's</th><th>eisen</th></tr>\n",
    );
    let mut alle: Vec<&Feature> = Vec::new();
    for g in gebieden {
        let scenarios: usize = g.features.iter().map(|f| f.scenarios().count()).sum();
        let mut ids: Vec<&str> = g
            .features
            .iter()
            .flat_map(|f| {
                f.scenarios()
                    .flat_map(|s| eis_tags(&s.tags).collect::<Vec<_>>())
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let link = pagina(&g.rol, &g.gebied);
        let link = link.strip_prefix(&format!("{MAP}/")).unwrap_or(&link);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{scenarios}</td><td>{}</td></tr>",
            text(&rol_naam(&g.rol)),
            attr(link),
            text(&hoofdletter(&g.gebied)),
            g.features.len(),
            ids.len()
        );
        alle.extend(&g.features);
    }
    out.push_str("</table>\n");
    let open = zonder_scenario(&alle, catalogue);
    if !open.is_empty() {
        out.push_str(
            "<h2>Eisen die met een scenario worden geverifieerd en nog geen scenario hebben</h2>\n<ul>\n",
        );
        for e in open {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> [{}] {}</li>",
                text(&e.id),
                e.niveau,
                text(&e.titel)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&voet(versie));
    out
}

fn gebied_pagina(
    gebied: &Gebied<'_>,
    eisen: &BTreeMap<&str, &Eis>,
    catalogue: &[Eis],
    versie: &Versie,
) -> String {
    let titel = format!(
        "{} — {}",
        hoofdletter(&gebied.gebied),
        rol_naam(&gebied.rol)
    );
    let mut out = kop(&titel, versie);
    let _ = writeln!(
        out,
        "<nav><a href=\"../index.html\">Alle gebieden</a></nav>\n<h1>{}</h1>",
        text(&titel)
    );
    for feature in &gebied.features {
        feature_html(&mut out, feature, eisen);
    }
    let in_gebied: Vec<Eis> = catalogue
        .iter()
        .filter(|e| e.gebied == gebied.gebied && e.rollen.contains(&gebied.rol))
        .cloned()
        .collect();
    let open = zonder_scenario(&gebied.features, &in_gebied);
    if !open.is_empty() {
        out.push_str("<h2>Eisen van dit gebied zonder scenario</h2>\n<ul>\n");
        for e in open {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> [{}] {} <span class=\"waar\">(bron: {})</span></li>",
                text(&e.id),
                e.niveau,
                text(&e.titel),
                text(&e.bron)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&voet(versie));
    out
}

fn tags_html(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("<span class=\"tag\">@{}</span>", text(t)))
        .collect::<Vec<_>>()
        .join("")
}

fn feature_html(out: &mut String, feature: &Feature, eisen: &BTreeMap<&str, &Eis>) {
    let _ = writeln!(
        out,
        "<h2 id=\"{}\"><span class=\"kw\">{}:</span> {}</h2>",
        attr(&anker(&feature.file, 0)),
        text(&feature.keyword),
        text(&feature.name)
    );
    let _ = writeln!(
        out,
        "<p>{}<span class=\"waar\"> features/{}</span></p>",
        tags_html(&feature.tags),
        text(&feature.file)
    );
    if !feature.description.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"beschrijving\">{}</p>",
            text(&feature.description.join(" "))
        );
    }
    if let Some(background) = &feature.background {
        let _ = writeln!(
            out,
            "<div class=\"achtergrond\"><p><span class=\"kw\">{}:</span> {}</p>",
            text(&background.keyword),
            text(&background.name)
        );
        stappen(out, &background.steps);
        out.push_str("</div>\n");
    }
    for item in &feature.items {
        match item {
            Item::Heading(heading) => {
                let _ = writeln!(out, "<h3>{}</h3>", text(heading));
            }
            Item::Scenario(scenario) => scenario_html(out, feature, scenario, eisen),
        }
    }
}

fn anker(file: &str, line: usize) -> String {
    let stem: String = file
        .trim_end_matches(".feature")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if line == 0 {
        stem
    } else {
        format!("{stem}-{line}")
    }
}

fn scenario_html(
    out: &mut String,
    feature: &Feature,
    scenario: &Scenario,
    eisen: &BTreeMap<&str, &Eis>,
) {
    let _ = writeln!(
        out,
        "<section class=\"scenario\" id=\"{}\">\n<p>{}</p>\n<h4><span class=\"kw\">{}:</span> {}</h4>",
        attr(&anker(&feature.file, scenario.line)),
        tags_html(&scenario.tags),
        text(&scenario.keyword),
        text(&scenario.name)
    );
    let ids: Vec<&str> = eis_tags(&scenario.tags).collect();
    if ids.is_empty() {
        out.push_str("<p class=\"eis onbekend\">Dit scenario noemt geen eis.</p>\n");
    }
    for id in ids {
        match eisen.get(id) {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "<p class=\"eis\"><strong>{}</strong> [{}] {}</p>",
                    text(&e.id),
                    e.niveau,
                    text(&e.titel)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<p class=\"eis onbekend\"><strong>{}</strong>: deze eis staat niet in de \
                     eisencatalogus van deze versie</p>",
                    text(id)
                );
            }
        }
    }
    if !scenario.description.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"beschrijving\">{}</p>",
            text(&scenario.description.join(" "))
        );
    }
    stappen(out, &scenario.steps);
    for examples in &scenario.examples {
        voorbeelden(out, examples);
    }
    let _ = writeln!(
        out,
        "<p class=\"waar\">features/{}:{}</p>\n</section>",
        text(&feature.file),
        scenario.line
    );
}

fn stappen(out: &mut String, steps: &[Step]) {
    out.push_str("<ol class=\"stappen\">\n");
    for step in steps {
        let _ = write!(
            out,
            "<li><span class=\"kw\">{}</span> {}",
            text(&step.keyword),
            text(&step.text)
        );
        match &step.argument {
            Some(Argument::Table(rows)) => tabel(out, rows),
            Some(Argument::DocString { text: body, .. }) => {
                let _ = write!(out, "\n<pre>{}</pre>", text(body));
            }
            None => {}
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

fn tabel(out: &mut String, rows: &[Vec<String>]) {
    let Some((header, body)) = rows.split_first() else {
        return;
    };
    out.push_str("\n<table>\n<tr>");
    for cell in header {
        let _ = write!(out, "<th>{}</th>", text(cell));
    }
    out.push_str("</tr>\n");
    for row in body {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", text(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn voorbeelden(out: &mut String, examples: &Examples) {
    let _ = writeln!(
        out,
        "<p>{}<span class=\"kw\">{}:</span> {}</p>",
        tags_html(&examples.tags),
        text(&examples.keyword),
        text(&examples.name)
    );
    tabel(out, &examples.table);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gherkin::parse;

    #[test]
    fn every_scenario_shows_its_requirement_tags_tables_and_escaped_text() {
        let feature = parse(
            "bron/selectie/x.feature",
            "# language: nl\n@bron\nFunctionaliteit: Criteria <b>\n  # Groep & zo\n  @AV-SEL-005 @must\n  Scenario: Eén \"beroep\"\n    Gegeven de talen:\n      | taal | <x> |\n      | nld  | a&b |\n    Dan klaar\n  @AV-XXX-999\n  Abstract Scenario: <n>\n    Gegeven \"<n>\"\n      \"\"\"\n      {\"a\": \"<script>\"}\n      \"\"\"\n    Voorbeelden:\n      | n |\n      | 1 |\n",
        )
        .unwrap();
        let catalogue = crate::requirements::catalogue().unwrap();
        let versie = crate::versie::nieuwste_actieve().unwrap();
        let pages = paginas(&[feature], &catalogue, versie);
        let paths: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["features/bron/selectie.html", "features/index.html"]
        );
        let page = &pages[0].1;
        assert!(page.contains("Criteria &lt;b&gt;"));
        assert!(page.contains("<h3>Groep &amp; zo</h3>"));
        assert!(
            page.contains("<strong>AV-SEL-005</strong> [MUST] Het criterium bemiddelingsberoep")
        );
        assert!(page.contains("<th>&lt;x&gt;</th>"));
        assert!(page.contains("<td>a&amp;b</td>"));
        assert!(page.contains("{\"a\": \"&lt;script&gt;\"}"));
        assert!(
            page.contains("<strong>AV-XXX-999</strong>: deze eis staat niet in de eisencatalogus")
        );
        assert!(page.contains("Abstract Scenario:</span> &lt;n&gt;"));
        assert!(page.contains("features/bron/selectie/x.feature:6"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("Eisen van dit gebied zonder scenario"));
        let index = &pages[1].1;
        assert!(index.contains("<a href=\"bron/selectie.html\">Selectie</a>"));
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "self-contained"
        );
    }
}
