//! Selection: a typed question compiled into conditions on index entries.
//!
//! The semantics are MongoDB's for the subset the standard uses: `$eq`, `$gte`, `$lte`, `$lt`;
//! `$elemMatch` (some array element satisfies all its conditions); `$all` of `$elemMatch`es (each
//! satisfied by some element, possibly different ones); `$or` inside `$elemMatch` (the element
//! satisfies one alternative); a comparison on an absent field is false. Values compare as MongoDB
//! compares them: numbers as numbers (so language level 8, "niet van toepassing", satisfies
//! `$gte 3`), dates as ISO strings, `codeWerkEnDenkniveauMinimaal` as one-digit strings. Empty
//! strings and arrays count as absent.
//!
//! Criteria, operators and keys this version does not know are ignored, never an error, so an
//! answer may be broader than asked, never narrower. The same holds inside a known criterion: a
//! part that is left without any known condition (an `$or` alternative with only unknown keys, an
//! empty `$or`, an `$elemMatch` of unknown keys) would match anything, so the whole criterion it
//! belongs to is ignored.
//!
//! The three criteria whose upstream paths do not fit the data are applied to the fields they mean
//! (annotated `x-vum-veld` in the schema, see [`vum_spec::vraag`]): `datumAanvangBeschikbaarVoorWerk` to
//! `flexibiliteit.datumAanvangBeschikbaarVoorWerk`, `beroep.codeBeroepsnaam` inside
//! `bemiddelingsberoep` to the element's `codeBeroepsnaam`, and `datumAanvangWerkzaamheden` to
//! `arbeidsVoorwaarden.datumAanvangWerkzaamheden`.

use vum_spec::codes::CodeList;
use vum_spec::geo::{Centroid, UnknownArea, centre, pc4_table, postcode_pc4};
use vum_spec::vraag::{
    AantalWerkurenMaximaalSelectie, AantalWerkurenMinimaalSelectie, BemiddelingsberoepSelectie,
    ContractvormSelectie, IndicatieSelectie, LaterCriterium, RijbewijsSelectie, Selectiegebied,
    TaalbeheersingenSelectie, VacatureVraag, WerkEnDenkniveauSelectie, WerkzoekendeVraag,
};

use super::index::{
    GedeeldeVelden, Interner, Taal, VacatureEntry, Vraagplan, WerkzoekendeEntry, contract_bit,
    date_number, rijbewijs_bit,
};

/// A language condition inside `$all`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TaalEis {
    /// `Some(Some(n))`: this language; `Some(None)`: a language no profile has; `None`: any.
    taal: Option<Option<u32>>,
    mondeling: Option<u8>,
    schriftelijk: Option<u8>,
}

impl TaalEis {
    fn holds(&self, talen: &[Taal]) -> bool {
        talen.iter().any(|t| {
            self.taal.is_none_or(|wanted| wanted == Some(t.taal))
                && self
                    .mondeling
                    .is_none_or(|min| t.mondeling.is_some_and(|v| v >= min))
                && self
                    .schriftelijk
                    .is_none_or(|min| t.schriftelijk.is_some_and(|v| v >= min))
        })
    }
}

fn taal_eisen(selectie: &TaalbeheersingenSelectie, codes: &Interner) -> Option<Vec<TaalEis>> {
    let eisen: Vec<TaalEis> = selectie
        .all
        .iter()
        .flatten()
        .filter_map(|m| m.elem_match.as_ref())
        .map(|e| TaalEis {
            taal: e.code_taal.eq.as_ref().map(|t| codes.get(t.as_str())),
            mondeling: e
                .mondeling
                .as_ref()
                .and_then(|m| m.gte)
                .map(|n| n.value() as u8),
            schriftelijk: e
                .schriftelijk
                .as_ref()
                .and_then(|s| s.gte)
                .map(|n| n.value() as u8),
        })
        .filter(|e| e.taal.is_some() || e.mondeling.is_some() || e.schriftelijk.is_some())
        .collect();
    (!eisen.is_empty()).then_some(eisen)
}

fn rijbewijs_mask(selectie: &RijbewijsSelectie) -> Option<u16> {
    let mask = selectie
        .all
        .iter()
        .flatten()
        .filter_map(|m| m.elem_match.as_ref()?.code_soort_rijbewijs.as_ref()?.eq)
        .fold(0, |bits, code| bits | rijbewijs_bit(code));
    (mask != 0).then_some(mask)
}

/// The occupation codes of `bemiddelingsberoep` (`None`: the criterion is vacuous).
fn beroepen(selectie: &BemiddelingsberoepSelectie, codes: &Interner) -> Option<Vec<u32>> {
    let alternatives = selectie.elem_match.as_ref()?.or.as_ref()?;
    let mut allowed = Vec::new();
    for alternative in alternatives {
        let uri = alternative.code_beroepsnaam.as_ref()?.eq.as_ref()?;
        // A code that no profile has: this alternative holds for no element.
        allowed.extend(codes.get(uri.as_str()));
    }
    (!alternatives.is_empty()).then_some(allowed)
}

fn contract_mask(selectie: &ContractvormSelectie) -> Option<u8> {
    let alternatives = selectie.elem_match.as_ref()?.or.as_ref()?;
    let mut mask = 0;
    for alternative in alternatives {
        mask |= contract_bit(alternative.code_type_arbeidscontract.as_ref()?.eq?);
    }
    (!alternatives.is_empty()).then_some(mask)
}

/// The centre of a `selectiegebied` and the position of its PC4 area in the table.
fn centre_area(gebied: &Selectiegebied) -> Result<(Centroid, usize), UnknownArea> {
    let centroid = centre(gebied)?;
    let area = postcode_pc4(gebied.postcode.as_str())
        .and_then(|pc4| pc4_table().index_of(pc4))
        .ok_or_else(|| UnknownArea {
            postcode: gebied.postcode.as_str().to_owned(),
            pc4: gebied.postcode.as_str().chars().take(4).collect(),
        })?;
    Ok((centroid, area))
}

/// A condition on the fields both kinds of profile have ([`GedeeldeVelden`]).
#[derive(Clone, Debug, PartialEq, Eq)]
enum GedeeldeConditie {
    Onregelmatig(u8),
    Rijbewijs(u16),
    Talen(Vec<TaalEis>),
    UrenMaximaalMinstens(u8),
    UrenMinimaalHoogstens(u8),
}

impl GedeeldeConditie {
    fn holds(&self, e: &GedeeldeVelden) -> bool {
        match self {
            Self::Onregelmatig(v) => e.onregelmatig == Some(*v),
            Self::Rijbewijs(mask) => e.rijbewijs & mask == *mask,
            Self::Talen(eisen) => eisen.iter().all(|eis| eis.holds(&e.talen)),
            Self::UrenMaximaalMinstens(h) => e.uren_max.is_some_and(|v| v >= *h),
            Self::UrenMinimaalHoogstens(h) => e.uren_min.is_some_and(|v| v <= *h),
        }
    }
}

/// The criteria both questions have, compiled.
fn gedeelde_condities(
    onregelmatig: Option<&IndicatieSelectie>,
    rijbewijs: Option<&RijbewijsSelectie>,
    taalbeheersing: Option<&TaalbeheersingenSelectie>,
    uren_maximaal: Option<&AantalWerkurenMaximaalSelectie>,
    uren_minimaal: Option<&AantalWerkurenMinimaalSelectie>,
    codes: &Interner,
) -> impl Iterator<Item = GedeeldeConditie> {
    use GedeeldeConditie as C;
    [
        onregelmatig
            .and_then(|s| s.eq)
            .map(|v| C::Onregelmatig(v.value() as u8)),
        rijbewijs.and_then(rijbewijs_mask).map(C::Rijbewijs),
        taalbeheersing
            .and_then(|s| taal_eisen(s, codes))
            .map(C::Talen),
        uren_maximaal
            .and_then(|s| s.gte)
            .map(C::UrenMaximaalMinstens),
        uren_minimaal
            .and_then(|s| s.lte)
            .map(C::UrenMinimaalHoogstens),
    ]
    .into_iter()
    .flatten()
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum WerkzoekendeConditie {
    Beroep(Vec<u32>),
    /// A competence with this code (`None`: a code no profile has, so no profile holds).
    Competentie(Option<u32>),
    Contract(u8),
    BeschikbaarUiterlijk(u32),
    Kantoortijden(u8),
    Gedeeld(GedeeldeConditie),
}

impl WerkzoekendeConditie {
    fn holds(&self, e: &WerkzoekendeEntry) -> bool {
        match self {
            Self::Beroep(allowed) => e.beroepen.iter().any(|b| allowed.contains(b)),
            Self::Competentie(code) => code.is_some_and(|c| e.competenties.contains(&c)),
            Self::Contract(mask) => e.contract & mask != 0,
            Self::BeschikbaarUiterlijk(d) => e.beschikbaar_vanaf.is_some_and(|v| v <= *d),
            Self::Kantoortijden(v) => e.kantoortijden == Some(*v),
            Self::Gedeeld(c) => c.holds(&e.gedeeld),
        }
    }
}

/// A compiled question for job seekers.
#[derive(Clone, Debug, PartialEq)]
pub struct WerkzoekendeVraagPlan {
    /// The centre of `selectiegebied`.
    pub centre: Centroid,
    /// The PC4 area of that centre (its position in [`vum_spec::geo::pc4_table`]).
    pub area: usize,
    /// Its `afstand` in km.
    pub afstand: f64,
    conditions: Vec<WerkzoekendeConditie>,
}

impl WerkzoekendeVraagPlan {
    /// Compiles a question against the codes the index knows.
    pub fn compile(vraag: &WerkzoekendeVraag, codes: &Interner) -> Result<Self, UnknownArea> {
        use WerkzoekendeConditie as C;
        let mut conditions = Vec::new();
        conditions.extend(
            vraag
                .bemiddelingsberoep
                .as_ref()
                .and_then(|s| beroepen(s, codes))
                .map(C::Beroep),
        );
        conditions.extend(
            vraag
                .contractvorm
                .as_ref()
                .and_then(contract_mask)
                .map(C::Contract),
        );
        // From 3.1.0 (a question read for 3.0.0 has it among its unknown criteria); a shape
        // other than the version's own is not read, like any criterion the node cannot use.
        if let Some(LaterCriterium::Getypeerd(selectie)) = &vraag.competenties
            && let Some(code) = selectie.code()
        {
            conditions.push(C::Competentie(codes.get(code.as_str())));
        }
        conditions.extend(
            vraag
                .datum_aanvang_beschikbaar_voor_werk
                .as_ref()
                .and_then(|s| s.lte.as_ref())
                .and_then(|d| date_number(d.as_str()))
                .map(C::BeschikbaarUiterlijk),
        );
        conditions.extend(
            vraag
                .kantoortijden
                .as_ref()
                .and_then(|s| s.eq)
                .map(|v| C::Kantoortijden(v.value() as u8)),
        );
        conditions.extend(
            gedeelde_condities(
                vraag.onregelmatig_werk_of_ploegendienst.as_ref(),
                vraag.rijbewijs.as_ref(),
                vraag.taalbeheersing.as_ref(),
                vraag.aantal_werkuren_maximaal.as_ref(),
                vraag.aantal_werkuren_minimaal.as_ref(),
                codes,
            )
            .map(C::Gedeeld),
        );
        let (centre, area) = centre_area(&vraag.selectiegebied)?;
        Ok(Self {
            centre,
            area,
            afstand: f64::from(vraag.selectiegebied.afstand),
            conditions,
        })
    }

    /// Whether an entry satisfies every condition (distance is checked by the index).
    pub fn holds(&self, entry: &WerkzoekendeEntry) -> bool {
        self.conditions.iter().all(|c| c.holds(entry))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum VacatureConditie {
    Beroep(Option<u32>),
    NiveauBekend {
        kleiner_dan: u8,
        minimaal: Option<u8>,
    },
    NiveauGelijk(u8),
    AanvangVanaf(u32),
    Gedeeld(GedeeldeConditie),
}

impl VacatureConditie {
    fn holds(&self, e: &VacatureEntry) -> bool {
        match self {
            Self::Beroep(code) => code.is_some() && e.beroep == *code,
            Self::NiveauBekend {
                kleiner_dan,
                minimaal,
            } => e
                .niveau
                .is_some_and(|n| n < *kleiner_dan && minimaal.is_none_or(|m| n >= m)),
            Self::NiveauGelijk(v) => e.niveau == Some(*v),
            Self::AanvangVanaf(d) => e.aanvang.is_some_and(|v| v >= *d),
            Self::Gedeeld(c) => c.holds(&e.gedeeld),
        }
    }
}

fn niveau(selectie: &WerkEnDenkniveauSelectie) -> Option<VacatureConditie> {
    let digit = |s: &str| s.parse::<u8>().ok();
    if let Some(kleiner_dan) = selectie.lt.as_deref().and_then(digit) {
        let minimaal = selectie.gte.and_then(|g| digit(g.code()));
        return Some(VacatureConditie::NiveauBekend {
            kleiner_dan,
            minimaal,
        });
    }
    selectie
        .eq
        .as_deref()
        .and_then(digit)
        .map(VacatureConditie::NiveauGelijk)
}

/// A compiled question for vacancies.
#[derive(Clone, Debug, PartialEq)]
pub struct VacatureVraagPlan {
    /// The centre of `selectiegebied`.
    pub centre: Centroid,
    /// The PC4 area of that centre (its position in [`vum_spec::geo::pc4_table`]).
    pub area: usize,
    /// Its `afstand` in km.
    pub afstand: f64,
    conditions: Vec<VacatureConditie>,
}

impl VacatureVraagPlan {
    /// Compiles a question against the codes the index knows.
    pub fn compile(vraag: &VacatureVraag, codes: &Interner) -> Result<Self, UnknownArea> {
        use VacatureConditie as C;
        let mut conditions = Vec::new();
        conditions.extend(
            vraag
                .beroep
                .as_ref()
                .and_then(|s| s.eq.as_ref())
                .map(|uri| C::Beroep(codes.get(uri.as_str()))),
        );
        conditions.extend(vraag.werk_en_denkniveau.as_ref().and_then(niveau));
        conditions.extend(
            vraag
                .datum_aanvang_werkzaamheden
                .as_ref()
                .and_then(|s| s.gte.as_ref())
                .and_then(|d| date_number(d.as_str()))
                .map(C::AanvangVanaf),
        );
        conditions.extend(
            gedeelde_condities(
                vraag.onregelmatig_werk_of_ploegendienst.as_ref(),
                vraag.rijbewijs.as_ref(),
                vraag.taalbeheersing.as_ref(),
                vraag.aantal_werkuren_maximaal.as_ref(),
                vraag.aantal_werkuren_minimaal.as_ref(),
                codes,
            )
            .map(C::Gedeeld),
        );
        let (centre, area) = centre_area(&vraag.selectiegebied)?;
        Ok(Self {
            centre,
            area,
            afstand: f64::from(vraag.selectiegebied.afstand),
            conditions,
        })
    }

    /// Whether an entry satisfies every condition (distance is checked by the index).
    pub fn holds(&self, entry: &VacatureEntry) -> bool {
        self.conditions.iter().all(|c| c.holds(entry))
    }
}

impl Vraagplan<WerkzoekendeEntry> for WerkzoekendeVraagPlan {
    fn area(&self) -> usize {
        self.area
    }

    fn afstand(&self) -> f64 {
        self.afstand
    }

    fn holds(&self, entry: &WerkzoekendeEntry) -> bool {
        WerkzoekendeVraagPlan::holds(self, entry)
    }
}

impl Vraagplan<VacatureEntry> for VacatureVraagPlan {
    fn area(&self) -> usize {
        self.area
    }

    fn afstand(&self) -> f64 {
        self.afstand
    }

    fn holds(&self, entry: &VacatureEntry) -> bool {
        VacatureVraagPlan::holds(self, entry)
    }
}
