//! The judgement of one profile: which searchable fields it fills and what each rule finds in it.
//! What depends on other profiles (duplicate ids and content) is left to [`super::meting`], which
//! gets the digests of the id and the content for it.

use std::collections::BTreeSet;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::pad::{Vormfout, is_gevuld, objecten, waarden};
use super::velden::{Rol, is_beroep_uri, tabel};
use super::{Instellingen, Kalenderdatum, Kind, VROEGSTE_JAAR};
use crate::geo::pc4_table;
use crate::identificatoren::vind;
use crate::primitives::Postcode;
use crate::schema::canonical_json;
use crate::semantics::normalise;

/// A digest that stands in for an id or a content (only compared, never shown).
pub(super) type Vingerafdruk = [u8; 32];

/// The rules of *betrouwbaar* and *actueel*: name (the key in the card), weight, and the parts
/// the card always lists (also when zero).
#[derive(Clone, Copy, Debug)]
pub(super) struct Regel {
    pub naam: &'static str,
    pub gewicht: u32,
    pub onderdelen: &'static [&'static str],
}

pub(super) const POSTCODE: Regel = Regel {
    naam: "postcode",
    gewicht: 20,
    onderdelen: &["ongeldig", "onbekendPc4"],
};
pub(super) const IDENTIFICATOREN: Regel = Regel {
    naam: "identificatoren",
    gewicht: 20,
    onderdelen: &["bsn", "iban", "emailadres", "telefoonnummer"],
};
pub(super) const CODES: Regel = Regel {
    naam: "codes",
    gewicht: 15,
    onderdelen: &[],
};
pub(super) const BEROEPSCODES: Regel = Regel {
    naam: "beroepscodes",
    gewicht: 15,
    onderdelen: &[],
};
pub(super) const DATUMS: Regel = Regel {
    naam: "datums",
    gewicht: 15,
    onderdelen: &[
        "ongeldig",
        "voor1900",
        "verreToekomst",
        "geboortedatumachtig",
        "eindeVoorAanvang",
    ],
};
pub(super) const SLEUTEL: Regel = Regel {
    naam: "sleutel",
    gewicht: 10,
    onderdelen: &["ontbreekt", "ongeldig", "dubbel"],
};
pub(super) const DUBBELE_INHOUD: Regel = Regel {
    naam: "dubbeleInhoud",
    gewicht: 5,
    onderdelen: &[],
};

/// The rules of *betrouwbaar*; the weights add up to 100.
pub(super) const BETROUWBAAR: [Regel; 7] = [
    POSTCODE,
    IDENTIFICATOREN,
    CODES,
    BEROEPSCODES,
    DATUMS,
    SLEUTEL,
    DUBBELE_INHOUD,
];

pub(super) const LAATSTE_DATUM: Regel = Regel {
    naam: "laatsteDatum",
    gewicht: 40,
    onderdelen: &["ouder", "zonderDatum"],
};
pub(super) const AANVANG: Regel = Regel {
    naam: "aanvang",
    gewicht: 30,
    onderdelen: &[],
};
pub(super) const EINDE: Regel = Regel {
    naam: "einde",
    gewicht: 30,
    onderdelen: &[],
};

/// The rules of *actueel*; the weights add up to 100.
pub(super) const ACTUEEL: [Regel; 3] = [LAATSTE_DATUM, AANVANG, EINDE];

/// What one profile shows, before it is compared with the others.
#[derive(Clone, Debug)]
pub(super) struct Beoordeling {
    /// Per searchable field (in the order of the table): filled or not.
    pub gevuld: Vec<bool>,
    /// Per stateless *betrouwbaar* rule: the parts found (empty: passed). Keyed by rule name.
    pub bevindingen: Vec<(&'static str, Vec<&'static str>)>,
    /// The id's digest, or the part of `sleutel` that fails when it is unusable.
    pub sleutel: Result<Vingerafdruk, &'static str>,
    /// The content's digest (without the id).
    pub inhoud: Vingerafdruk,
    /// The newest plausible date.
    pub laatste_datum: Option<Kalenderdatum>,
    /// A start date older than the threshold.
    pub aanvang_verouderd: bool,
    /// An end or closing date passed by more than the margin.
    pub einde_verstreken: bool,
}

/// Judges one document (an object) of `soort`.
pub(super) fn beoordeel(
    soort: Kind,
    document: &Value,
    instellingen: &Instellingen,
) -> Result<Beoordeling, Vormfout> {
    let tabel = tabel(soort);
    let mut gevuld = Vec::with_capacity(tabel.zoekvelden.len());
    for veld in tabel.zoekvelden {
        let filled = waarden(document, veld.veld)?
            .into_iter()
            .any(|v| is_gevuld(v) && !(veld.indicatie && v.as_i64() == Some(0)));
        gevuld.push(filled);
    }

    let mut codes = Vec::new();
    for veld in tabel.codes {
        if waarden(document, veld.pad)?
            .into_iter()
            .any(|v| is_gevuld(v) && !(veld.geldig)(v))
        {
            codes.push(veld.pad);
        }
    }
    let mut beroepscodes = Vec::new();
    for pad in tabel.beroepen {
        if waarden(document, pad)?
            .into_iter()
            .any(|v| is_gevuld(v) && !is_beroep_uri(v))
        {
            beroepscodes.push(*pad);
        }
    }

    let postcode = postcode(waarden(document, tabel.postcode)?);
    let identificatoren = identificatoren(document, tabel.teksten)?;
    let datums = Datums::lees(document, soort, instellingen)?;

    let id = document.get(soort.id_field());
    Ok(Beoordeling {
        gevuld,
        bevindingen: vec![
            (POSTCODE.naam, postcode),
            (IDENTIFICATOREN.naam, identificatoren),
            (CODES.naam, codes),
            (BEROEPSCODES.naam, beroepscodes),
            (DATUMS.naam, datums.bevindingen),
        ],
        sleutel: sleutel(id),
        inhoud: inhoud(document, soort),
        laatste_datum: datums.laatste,
        aanvang_verouderd: datums.aanvang_verouderd,
        einde_verstreken: datums.einde_verstreken,
    })
}

fn postcode(values: Vec<&Value>) -> Vec<&'static str> {
    let mut found = BTreeSet::new();
    for value in values.into_iter().filter(|v| is_gevuld(v)) {
        match value.as_str().map(|s| Postcode::from(s.trim())) {
            Some(postcode) => match postcode.pc4() {
                None => {
                    found.insert("ongeldig");
                }
                Some(pc4) => {
                    if pc4_table().centroid(pc4).is_none() {
                        found.insert("onbekendPc4");
                    }
                }
            },
            None => {
                found.insert("ongeldig");
            }
        }
    }
    in_order(&POSTCODE, &found)
}

fn identificatoren(document: &Value, paden: &[&str]) -> Result<Vec<&'static str>, Vormfout> {
    let mut found = BTreeSet::new();
    for pad in paden {
        for text in waarden(document, pad)?
            .into_iter()
            .filter_map(Value::as_str)
        {
            found.extend(vind(text).into_iter().map(|v| v.soort.naam()));
        }
    }
    Ok(in_order(&IDENTIFICATOREN, &found))
}

/// The parts found, in the order the rule lists them.
fn in_order(regel: &Regel, found: &BTreeSet<&'static str>) -> Vec<&'static str> {
    regel
        .onderdelen
        .iter()
        .copied()
        .filter(|p| found.contains(p))
        .collect()
}

fn sleutel(id: Option<&Value>) -> Result<Vingerafdruk, &'static str> {
    let id = match id.and_then(Value::as_str) {
        Some(id) if !id.is_empty() => id,
        _ => return Err("ontbreekt"),
    };
    let url_safe = id.len() <= 200
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if url_safe {
        Ok(Sha256::digest(id.as_bytes()).into())
    } else {
        Err("ongeldig")
    }
}

/// The digest of the document without its id, under the standard's comparison rules (empty
/// means absent, array order has no meaning).
fn inhoud(document: &Value, soort: Kind) -> Vingerafdruk {
    let mut content = document.clone();
    if let Some(members) = content.as_object_mut() {
        members.remove(soort.id_field());
    }
    let canonical = normalise(&content)
        .map(|v| canonical_json(&v))
        .unwrap_or_default();
    Sha256::digest(canonical.as_bytes()).into()
}

/// What the dates of one profile show.
struct Datums {
    bevindingen: Vec<&'static str>,
    laatste: Option<Kalenderdatum>,
    aanvang_verouderd: bool,
    einde_verstreken: bool,
}

impl Datums {
    fn lees(document: &Value, soort: Kind, instellingen: &Instellingen) -> Result<Self, Vormfout> {
        let tabel = tabel(soort);
        let peil = instellingen.peildatum;
        let vroegst = Kalenderdatum::new(VROEGSTE_JAAR, 1, 1);
        let laatst = peil.plus_jaren(to_i32(instellingen.verre_toekomst_jaren));
        let geboorte = peil.plus_jaren(-to_i32(instellingen.geboortedatum_jaren));
        let mut found = BTreeSet::new();
        let mut datums = Self {
            bevindingen: Vec::new(),
            laatste: None,
            aanvang_verouderd: false,
            einde_verstreken: false,
        };
        for veld in tabel.datums {
            for value in waarden(document, veld.pad)?
                .into_iter()
                .filter(|v| is_gevuld(v))
            {
                let Some(datum) = parse(value) else {
                    found.insert("ongeldig");
                    continue;
                };
                let too_early = vroegst.is_some_and(|v| datum < v);
                if too_early {
                    found.insert("voor1900");
                } else if veld.rol != Rol::Historie && datum <= geboorte {
                    found.insert("geboortedatumachtig");
                }
                if datum > laatst {
                    found.insert("verreToekomst");
                }
                if !too_early && datum <= laatst {
                    datums.laatste = datums.laatste.max(Some(datum));
                }
                let age = datum.dagen_tot(peil);
                match veld.rol {
                    Rol::Aanvang if age > i64::from(instellingen.verouderd_na_dagen) => {
                        datums.aanvang_verouderd = true;
                    }
                    Rol::Einde if age > i64::from(instellingen.einddatum_marge_dagen) => {
                        datums.einde_verstreken = true;
                    }
                    _ => {}
                }
            }
        }
        for periode in tabel.perioden {
            for object in objecten(document, periode.pad)? {
                let aanvang = object.get(periode.aanvang).and_then(parse);
                let einde = object.get(periode.einde).and_then(parse);
                if let (Some(aanvang), Some(einde)) = (aanvang, einde)
                    && einde < aanvang
                {
                    found.insert("eindeVoorAanvang");
                }
            }
        }
        datums.bevindingen = in_order(&DATUMS, &found);
        Ok(datums)
    }
}

fn parse(value: &Value) -> Option<Kalenderdatum> {
    value.as_str().and_then(|s| s.parse().ok())
}

/// Thresholds are small numbers of years; saturate rather than wrap on absurd settings.
fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
