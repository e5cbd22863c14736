//! `certificaat.html`: one printable page a programme office can file, written from the signed
//! claims (never from anything else), with how to verify the signed file it describes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::claims::Claims;
use super::moment;
use crate::report::escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;color:#111}\
h1{margin-bottom:0}.sub{color:#555;margin-top:.2em}table{border-collapse:collapse;width:100%;margin:1em 0}\
th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #ccc;vertical-align:top}\
th{width:14em}.test{border:3px solid #b00;color:#b00;padding:.5em;font-weight:bold;text-align:center}\
code{font-size:.85em;word-break:break-all}@media print{body{margin:0}}";

/// The page.
pub fn html(claims: &Claims) -> String {
    let vum = &claims.vum;
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>VUM-certificaat {}</title><style>{STYLE}</style></head><body>",
        escape(&vum.knooppunt.oin)
    );
    if vum.test {
        page.push_str("<p class=\"test\">TEST — gemaakt met een testsleutel tegen een testnode; geen certificaat voor de uitwisseling</p>");
    }
    let _ = write!(
        page,
        "<h1>VUM-certificaat</h1><p class=\"sub\">{} · specificatie {} · uitgegeven door {}</p>",
        escape(&vum.profiel_titel),
        escape(&vum.spec_versie),
        escape(&claims.iss)
    );
    page.push_str("<table>");
    let node = &vum.knooppunt;
    for (label, value) in [
        ("Organisatie", escape(&vum.organisatie)),
        ("OIN", escape(&node.oin)),
        ("Adres", format!("<code>{}</code>", escape(&node.url))),
        (
            "Profiel",
            format!("{} ({})", escape(&vum.profiel_titel), escape(&vum.profiel)),
        ),
        ("Specificatie", escape(&vum.spec_versie)),
        ("Harnas", escape(&vum.harnas_versie)),
        ("Uitgegeven", moment(claims.iat)),
        ("Geldig tot", moment(claims.exp)),
        (
            "Servercertificaat",
            format!(
                "{}<br>uitgegeven door {}<br>SHA-256 <code>{}</code>",
                escape(&node.servercertificaat.subject),
                escape(&node.servercertificaat.issuer),
                escape(&node.servercertificaat.sha256)
            ),
        ),
        (
            "Certificaat-id",
            format!("<code>{}</code>", escape(&claims.jti)),
        ),
        (
            "Sleutel (kid)",
            format!("<code>{}</code>", escape(&claims.kid)),
        ),
    ] {
        let _ = write!(page, "<tr><th>{label}</th><td>{value}</td></tr>");
    }
    page.push_str(
        "</table><h2>Uitslag per gebied</h2><table><tr><th>gebied</th><th>eisen</th></tr>",
    );
    let catalogue = vum_spec::requirements::catalogue().unwrap_or_default();
    let mut areas: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for eis in &vum.eisen {
        let area = catalogue
            .iter()
            .find(|e| e.id == eis.id)
            .map_or_else(|| "overig".to_owned(), |e| e.gebied.clone());
        *areas
            .entry(area)
            .or_default()
            .entry(format!("{} {}", eis.niveau, eis.uitslag))
            .or_default() += 1;
    }
    for (area, counts) in &areas {
        let text: Vec<String> = counts
            .iter()
            .map(|(what, n)| format!("{n} {}", escape(what)))
            .collect();
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(area),
            text.join(", ")
        );
    }
    page.push_str("</table><h2>Verklaringen</h2><table><tr><th>eis</th><th>verklaring</th></tr>");
    for v in &vum.verklaringen {
        let _ = write!(
            page,
            "<tr><td>{}<br>{}</td><td>{}<br><small>{}, {} (geldig tot {})</small></td></tr>",
            escape(&v.eis),
            v.uitspraak.label(),
            escape(&v.verklaring),
            escape(&v.ondertekend_door),
            escape(&v.datum),
            escape(&v.geldig_tot)
        );
    }
    let h = &vum.hashes;
    let _ = write!(
        page,
        "</table><h2>Getoetst tegen</h2><table><tr><th>features</th><td><code>{}</code></td></tr>\
<tr><th>eisencatalogus</th><td><code>{}</code></td></tr><tr><th>testset</th><td><code>{}</code></td></tr>\
<tr><th>profielen</th><td><code>{}</code></td></tr></table>",
        escape(&h.features),
        escape(&h.catalogus),
        escape(&h.testset),
        escape(&h.profielen)
    );
    let _ = write!(
        page,
        "<h2>Controleren</h2><p>Deze pagina beschrijft het ondertekende bestand <code>certificaat.jws</code>; \
alleen dat bestand telt. Controleer het met de publieke sleutel van de uitgever (kid <code>{}</code>):</p>\
<pre>vum-conformance verify certificaat.jws --public-key public.pem\n\
vum-conformance verify bewijs.zip --public-key public.pem\n\
vum-conformance verify certificaat.jws --public-key public.pem --target {}</pre>\
<p>De laatste controleert ook dat de node nog het gecertificeerde servercertificaat toont.</p></body></html>\n",
        escape(&claims.kid),
        escape(&node.url)
    );
    page
}
