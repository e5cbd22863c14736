//! The in-memory index of the searchable fields, built at start from the store and kept in step
//! with imports. Designed for a million profiles: each profile is a compact entry (codes interned
//! to integers, driving licences as a bit set, dates as `yyyymmdd`) next to its matching profile
//! as prepared at import (the exact JSON an answer carries, so answering reads no database), and
//! entries are bucketed by PC4 area. A question visits the areas nearest first and stops as soon
//! as the next area is farther than the last of the nearest `limit` matches found: a question over
//! the whole country visits a handful of areas, not every profile.
//!
//! Memory: per job seeker its matching profile (about 1.3 KB for the test set's profiles) plus
//! about 200 bytes of entry, id and lookup; per centre area asked about, 8 KB for its distance
//! order (33 MB if every one of the 4,073 areas is a centre).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::value::RawValue;

use vum_spec::codes::{CodeList, Indicatie, SoortRijbewijs, TypeArbeidscontract};
use vum_spec::common::{Rijbewijs, Taalbeheersing, Werktijden};
use vum_spec::geo::{pc4_table, postcode_pc4};
use vum_spec::vacature::Vacature;
use vum_spec::werkzoekende::Werkzoekende;

/// Codes (occupation URIs, language codes) interned to integers.
#[derive(Debug, Default)]
pub struct Interner {
    codes: HashMap<Box<str>, u32>,
}

impl Interner {
    fn intern(&mut self, code: &str) -> u32 {
        if let Some(n) = self.codes.get(code) {
            return *n;
        }
        let n = u32::try_from(self.codes.len()).unwrap_or(u32::MAX);
        self.codes.insert(code.into(), n);
        n
    }

    /// The number of a code, if any profile has it.
    pub fn get(&self, code: &str) -> Option<u32> {
        self.codes.get(code).copied()
    }
}

/// A language as indexed: language, oral and written level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Taal {
    /// Interned ISO 639-3 code.
    pub taal: u32,
    /// Oral level.
    pub mondeling: Option<u8>,
    /// Written level.
    pub schriftelijk: Option<u8>,
}

/// The searchable fields of a job seeker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WerkzoekendeEntry {
    /// `mobiliteit.maximaleReisafstand`.
    pub reisafstand: Option<u16>,
    /// `bemiddelingsberoep[].codeBeroepsnaam`, interned.
    pub beroepen: Box<[u32]>,
    /// `arbeidsmarktkwalificatie.competentiebeheersing[].codeCompetentie`, interned (the
    /// criterion `competenties` of 3.1.0).
    pub competenties: Box<[u32]>,
    /// `contractvorm[].codeTypeArbeidscontract` as bits (see [`contract_bit`]).
    pub contract: u8,
    /// `flexibiliteit.datumAanvangBeschikbaarVoorWerk` as `yyyymmdd`.
    pub beschikbaar_vanaf: Option<u32>,
    /// `werktijden.indicatieKantoortijden`.
    pub kantoortijden: Option<u8>,
    /// Irregular work, driving licences (under `arbeidsmarktkwalificatie`), languages (idem), hours.
    pub gedeeld: GedeeldeVelden,
}

/// The searchable fields of a vacancy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VacatureEntry {
    /// `beroep.codeBeroepsnaam`, interned.
    pub beroep: Option<u32>,
    /// `codeWerkEnDenkniveauMinimaal` as its digit.
    pub niveau: Option<u8>,
    /// `arbeidsVoorwaarden.datumAanvangWerkzaamheden` as `yyyymmdd`.
    pub aanvang: Option<u32>,
    /// Irregular work, driving licences, languages, hours.
    pub gedeeld: GedeeldeVelden,
}

/// The searchable fields both kinds of profile have, and both questions ask about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GedeeldeVelden {
    /// `flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst`.
    pub onregelmatig: Option<u8>,
    /// `rijbewijs[].codeSoortRijbewijs` as bits (see [`rijbewijs_bit`]).
    pub rijbewijs: u16,
    /// `taalbeheersing[]`.
    pub talen: Box<[Taal]>,
    /// `werktijden.aantalWerkurenPerWeekMaximaal`.
    pub uren_max: Option<u8>,
    /// `werktijden.aantalWerkurenPerWeekMinimaal`.
    pub uren_min: Option<u8>,
}

/// The bit of a contract type.
pub fn contract_bit(code: TypeArbeidscontract) -> u8 {
    1 << TypeArbeidscontract::ALL
        .iter()
        .position(|c| *c == code)
        .unwrap_or(0)
}

/// The bit of a driving licence category.
pub fn rijbewijs_bit(code: SoortRijbewijs) -> u16 {
    1 << SoortRijbewijs::ALL
        .iter()
        .position(|c| *c == code)
        .unwrap_or(0)
}

/// A date `YYYY-MM-DD` as the number `yyyymmdd` (ordered like the date).
pub fn date_number(date: &str) -> Option<u32> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (date.len() == 10 && digits.len() == 8)
        .then(|| digits.parse().ok())
        .flatten()
}

struct Slot<E> {
    id: Box<str>,
    area: Option<u32>,
    entry: E,
    /// The matching profile as prepared at import; `None`: it cannot have one (and has no area).
    profiel: Option<Box<RawValue>>,
}

/// The areas of the PC4 table ordered by distance from one of them (nearest first, itself first),
/// computed when that area is first the centre of a question.
fn nearest_first(centre: usize) -> &'static [u16] {
    static ORDERS: OnceLock<Vec<OnceLock<Box<[u16]>>>> = OnceLock::new();
    let areas = pc4_table().areas();
    let orders = ORDERS.get_or_init(|| (0..areas.len()).map(|_| OnceLock::new()).collect());
    orders.get(centre).map_or(&[], |order| {
        order.get_or_init(|| {
            let from = areas[centre].centroid;
            let mut by_distance: Vec<(f64, u16)> = areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    (
                        from.distance_km(a.centroid),
                        u16::try_from(i).unwrap_or(u16::MAX),
                    )
                })
                .collect();
            by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            by_distance.into_iter().map(|(_, i)| i).collect()
        })
    })
}

/// Entries of one kind, by id and by PC4 area.
struct Collection<E> {
    slots: Vec<Slot<E>>,
    by_id: HashMap<Box<str>, u32>,
    /// Per PC4 area the slots located there, ordered by id: a question reads an area's matches
    /// in answer order and stops at the first one it does not need.
    buckets: Vec<Vec<u32>>,
}

impl<E> Collection<E> {
    fn new() -> Self {
        Self {
            slots: Vec::new(),
            by_id: HashMap::new(),
            buckets: vec![Vec::new(); pc4_table().areas().len()],
        }
    }

    /// Puts slot `n` with `id` into the bucket of `area`, keeping the bucket ordered by id.
    fn place(&mut self, area: u32, n: u32, id: &str) {
        let slots = &self.slots;
        let bucket = &mut self.buckets[area as usize];
        // Loading the store (ordered by id) only ever appends.
        let at = match bucket.last() {
            Some(last) if *slots[*last as usize].id < *id => bucket.len(),
            None => 0,
            Some(_) => bucket.partition_point(|s| *slots[*s as usize].id < *id),
        };
        bucket.insert(at, n);
    }

    fn upsert(&mut self, id: &str, area: Option<u32>, entry: E, profiel: Option<Box<RawValue>>) {
        // A profile without a matching profile can never be returned, so it is never found.
        let area = area.filter(|_| profiel.is_some());
        let slot = Slot {
            id: id.into(),
            area,
            entry,
            profiel,
        };
        match self.by_id.get(id).copied() {
            Some(n) => {
                if let Some(old) = self.slots[n as usize].area {
                    self.buckets[old as usize].retain(|s| *s != n);
                }
                self.slots[n as usize] = slot;
                if let Some(area) = area {
                    self.place(area, n, id);
                }
            }
            None => {
                let n = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
                self.slots.push(slot);
                self.by_id.insert(id.into(), n);
                if let Some(area) = area {
                    self.place(area, n, id);
                }
            }
        }
    }

    /// The entries within `afstand` km of the centre of area `centre` that `accept` (given the
    /// entry and its distance), nearest first (distance, then id), at most `limit`; and whether
    /// more matched.
    ///
    /// Areas are visited nearest first, and each area's entries are kept in id order, so matches
    /// are found in answer order: the walk stops at the `limit + 1`-th match (which only tells
    /// that there are more) or at the first area beyond `afstand`, and nothing is sorted. Areas
    /// at exactly the same distance are read together and their matches merged by id.
    fn search(
        &self,
        centre: usize,
        afstand: f64,
        limit: usize,
        accept: impl Fn(&E, f64) -> bool,
    ) -> (Vec<&Slot<E>>, bool) {
        let areas = pc4_table().areas();
        let Some(from) = areas.get(centre).map(|a| a.centroid) else {
            return (Vec::new(), false);
        };
        let wanted = limit.saturating_add(1);
        let mut hits: Vec<&Slot<E>> = Vec::with_capacity(wanted.min(1024));
        let order = nearest_first(centre);
        let mut next = 0;
        while next < order.len() && hits.len() < wanted {
            let distance = from.distance_km(areas[usize::from(order[next])].centroid);
            if distance > afstand {
                break;
            }
            // The areas at this distance: almost always one.
            let mut end = next + 1;
            while end < order.len()
                && from.distance_km(areas[usize::from(order[end])].centroid) == distance
            {
                end += 1;
            }
            let before = hits.len();
            for &area in &order[next..end] {
                // Each area gives at most what is still wanted: the rest comes after in id order.
                let room = wanted - before;
                let mut taken = 0;
                for n in &self.buckets[usize::from(area)] {
                    if taken == room {
                        break;
                    }
                    let slot = &self.slots[*n as usize];
                    if accept(&slot.entry, distance) {
                        hits.push(slot);
                        taken += 1;
                    }
                }
            }
            if end - next > 1 {
                hits[before..].sort_unstable_by(|a, b| a.id.cmp(&b.id));
                hits.truncate(wanted);
            }
            next = end;
        }
        let more = hits.len() > limit;
        hits.truncate(limit);
        (hits, more)
    }

    fn len(&self) -> usize {
        self.slots.len()
    }
}

/// A compiled question as the index searches with it: an area and a condition on entries of one
/// kind (the plans of [`super::selectie`]).
pub trait Vraagplan<E> {
    /// The PC4 area of the centre of `selectiegebied` (its position in
    /// [`vum_spec::geo::pc4_table`]).
    fn area(&self) -> usize;
    /// Its distance in km.
    fn afstand(&self) -> f64;
    /// Whether an entry meets every other criterion.
    fn holds(&self, entry: &E) -> bool;
}

/// The index of both kinds.
pub struct Index {
    codes: Interner,
    werkzoekenden: Collection<WerkzoekendeEntry>,
    vacatures: Collection<VacatureEntry>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("werkzoekenden", &self.werkzoekenden.len())
            .field("vacatures", &self.vacatures.len())
            .finish_non_exhaustive()
    }
}

impl Default for Index {
    fn default() -> Self {
        Self {
            codes: Interner::default(),
            werkzoekenden: Collection::new(),
            vacatures: Collection::new(),
        }
    }
}

/// The answer to a question, borrowed from the index: ids nearest first with their prepared
/// matching profiles, and whether more profiles matched.
#[derive(Clone, Debug)]
pub struct Hits<'a> {
    /// At most the limit, ordered by distance, then id.
    pub ids: Vec<&'a str>,
    /// The matching profile of each id, in the same order.
    pub profielen: Vec<&'a RawValue>,
    /// Whether more profiles matched than were returned.
    pub more: bool,
}

impl<'a> Hits<'a> {
    fn of<E>(slots: Vec<&'a Slot<E>>, more: bool) -> Self {
        let mut ids = Vec::with_capacity(slots.len());
        let mut profielen = Vec::with_capacity(slots.len());
        // Only slots with a matching profile are in a bucket, so none is left out.
        for slot in slots {
            if let Some(profiel) = slot.profiel.as_deref() {
                ids.push(&*slot.id);
                profielen.push(profiel);
            }
        }
        Self {
            ids,
            profielen,
            more,
        }
    }

    /// The answer's size in bytes, about: the profiles and a comma each.
    pub fn bytes(&self) -> usize {
        self.profielen.iter().map(|p| p.get().len() + 1).sum()
    }
}

fn area_of(postcode: &str) -> Option<u32> {
    let index = pc4_table().index_of(postcode_pc4(postcode)?)?;
    u32::try_from(index).ok()
}

impl Index {
    /// The interned codes, for compiling questions.
    pub fn codes(&self) -> &Interner {
        &self.codes
    }

    /// Adds or replaces a job seeker with its prepared matching profile. One without `mobiliteit`
    /// (so without a matching profile), or with a PC4 that is not in the table, is kept but can
    /// never be found by a question.
    pub fn upsert_werkzoekende(
        &mut self,
        id: &str,
        w: &Werkzoekende,
        profiel: Option<Box<RawValue>>,
    ) {
        let area = w
            .mobiliteit
            .as_ref()
            .and_then(|m| area_of(m.bemiddelingspostcode.as_str()));
        let kwalificatie = w.arbeidsmarktkwalificatie.as_ref();
        let competenties = kwalificatie
            .and_then(|k| k.competentiebeheersing.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|c| c.code_competentie.as_ref())
            .map(|c| self.codes.intern(c.as_str()))
            .collect();
        let entry = WerkzoekendeEntry {
            competenties,
            reisafstand: w.mobiliteit.as_ref().and_then(|m| m.maximale_reisafstand),
            beroepen: w
                .bemiddelingsberoep
                .iter()
                .flatten()
                .filter_map(|b| {
                    b.code_beroepsnaam
                        .as_ref()
                        .map(AsRef::<str>::as_ref)
                        .filter(|c| !c.is_empty())
                })
                .map(|c| self.codes.intern(c))
                .collect(),
            contract: w
                .contractvorm
                .iter()
                .flatten()
                .filter_map(|c| c.code_type_arbeidscontract)
                .fold(0, |bits, code| bits | contract_bit(code)),
            beschikbaar_vanaf: w
                .flexibiliteit
                .as_ref()
                .and_then(|f| f.datum_aanvang_beschikbaar_voor_werk.as_ref())
                .and_then(|d| date_number(d.as_str())),
            kantoortijden: w
                .werktijden
                .as_ref()
                .and_then(|t| t.indicatie_kantoortijden)
                .map(|i| i.value() as u8),
            gedeeld: GedeeldeVelden::new(
                &mut self.codes,
                w.flexibiliteit
                    .as_ref()
                    .and_then(|f| f.indicatie_onregelmatig_werk_of_ploegendienst),
                kwalificatie.and_then(|k| k.rijbewijs.as_deref()),
                kwalificatie.and_then(|k| k.taalbeheersing.as_deref()),
                w.werktijden.as_ref(),
            ),
        };
        self.werkzoekenden.upsert(id, area, entry, profiel);
    }

    /// Adds or replaces a vacancy with its prepared matching profile. One without `adres`, or
    /// with an unknown PC4, cannot be found.
    pub fn upsert_vacature(&mut self, v: &Vacature, profiel: Option<Box<RawValue>>) {
        let area = v.adres.as_ref().and_then(|a| area_of(a.postcode.as_str()));
        let entry = VacatureEntry {
            beroep: v
                .beroep
                .as_ref()
                .and_then(|b| b.code_beroepsnaam.as_ref())
                .map(AsRef::<str>::as_ref)
                .filter(|c| !c.is_empty())
                .map(|c| self.codes.intern(c)),
            niveau: v
                .code_werk_en_denkniveau_minimaal
                .and_then(|n| n.code().parse().ok()),
            aanvang: v
                .arbeids_voorwaarden
                .as_ref()
                .and_then(|a| a.datum_aanvang_werkzaamheden.as_ref())
                .and_then(|d| date_number(d.as_str())),
            gedeeld: GedeeldeVelden::new(
                &mut self.codes,
                v.flexibiliteit
                    .as_ref()
                    .and_then(|f| f.indicatie_onregelmatig_werk_of_ploegendienst),
                v.rijbewijs.as_deref(),
                v.taalbeheersing.as_deref(),
                v.werktijden.as_ref(),
            ),
        };
        self.vacatures
            .upsert(v.id_vacature.as_str(), area, entry, profiel);
    }

    /// Job seekers that match a compiled question.
    pub fn search_werkzoekenden(
        &self,
        plan: &impl Vraagplan<WerkzoekendeEntry>,
        limit: usize,
    ) -> Hits<'_> {
        let (slots, more) =
            self.werkzoekenden
                .search(plan.area(), plan.afstand(), limit, |entry, distance| {
                    // A job seeker is not offered work beyond the distance they will travel.
                    entry
                        .reisafstand
                        .is_none_or(|own| distance <= f64::from(own))
                        && plan.holds(entry)
                });
        Hits::of(slots, more)
    }

    /// Vacancies that match a compiled question.
    pub fn search_vacatures(&self, plan: &impl Vraagplan<VacatureEntry>, limit: usize) -> Hits<'_> {
        let (slots, more) =
            self.vacatures
                .search(plan.area(), plan.afstand(), limit, |entry, _| {
                    plan.holds(entry)
                });
        Hits::of(slots, more)
    }

    /// How many job seekers and vacancies are indexed.
    pub fn sizes(&self) -> (usize, usize) {
        (self.werkzoekenden.len(), self.vacatures.len())
    }
}

impl GedeeldeVelden {
    fn new(
        codes: &mut Interner,
        onregelmatig: Option<Indicatie>,
        rijbewijs: Option<&[Rijbewijs]>,
        taalbeheersing: Option<&[Taalbeheersing]>,
        werktijden: Option<&Werktijden>,
    ) -> Self {
        Self {
            onregelmatig: onregelmatig.map(|i| i.value() as u8),
            rijbewijs: rijbewijzen(rijbewijs),
            talen: talen(codes, taalbeheersing),
            uren_max: werktijden.and_then(|w| w.aantal_werkuren_per_week_maximaal),
            uren_min: werktijden.and_then(|w| w.aantal_werkuren_per_week_minimaal),
        }
    }
}

fn rijbewijzen(list: Option<&[Rijbewijs]>) -> u16 {
    list.into_iter()
        .flatten()
        .filter_map(|r| r.code_soort_rijbewijs)
        .fold(0, |bits, c| bits | rijbewijs_bit(c))
}

fn talen(codes: &mut Interner, list: Option<&[Taalbeheersing]>) -> Box<[Taal]> {
    list.into_iter()
        .flatten()
        .filter_map(|t| {
            let taal = t
                .code_taal
                .as_ref()
                .map(AsRef::<str>::as_ref)
                .filter(|c| !c.is_empty())?;
            Some(Taal {
                taal: codes.intern(taal),
                mondeling: t
                    .code_niveau_taalbeheersing_mondeling
                    .map(|n| n.value() as u8),
                schriftelijk: t
                    .code_niveau_taalbeheersing_schriftelijk
                    .map(|n| n.value() as u8),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nearest-first walk with its early stop answers exactly what visiting every profile
    /// answers, for random centres, distances and limits, with and without a criterion.
    #[test]
    fn the_walk_nearest_first_finds_what_a_full_scan_finds() {
        use vum_spec::primitives::{IdWerkzoekende, Postcode};
        use vum_spec::werkzoekende::BronWerkzoekendeMatch;

        let templates: Vec<Werkzoekende> =
            serde_json::from_str(vum_spec::testdata::committed_werkzoekenden().unwrap()).unwrap();
        let areas = pc4_table().areas();
        let mut seed: u64 = 0x1234_5678;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let mut index = Index::default();
        for n in 0..6000 {
            let mut w = templates[n % templates.len()].clone();
            let area = next(areas.len());
            let id = format!("p{:05}", next(100_000));
            if let Some(m) = w.mobiliteit.as_mut() {
                m.bemiddelingspostcode = Postcode::new(format!("{:04}XY", areas[area].pc4));
            }
            let profiel = BronWerkzoekendeMatch::from_detail(&w, IdWerkzoekende::new(id.clone()))
                .map(|m| serde_json::value::to_raw_value(&m).unwrap());
            index.upsert_werkzoekende(&id, &w, profiel);
        }
        for round in 0..300 {
            let centre = next(areas.len());
            let afstand = [1.0, 5.0, 25.0, 80.0, 999.0][round % 5];
            let limit = [0, 1, 7, 100, 5000][next(5)];
            let licence = round % 3 == 0;
            let accept = |e: &WerkzoekendeEntry, d: f64| {
                e.reisafstand.is_none_or(|own| d <= f64::from(own))
                    && (!licence || e.gedeeld.rijbewijs & rijbewijs_bit(SoortRijbewijs::B) != 0)
            };
            let (found, more) = index.werkzoekenden.search(centre, afstand, limit, accept);
            let found: Vec<&str> = found.iter().map(|s| &*s.id).collect();
            let from = areas[centre].centroid;
            let mut all: Vec<(f64, &str)> = index
                .werkzoekenden
                .slots
                .iter()
                .filter_map(|slot| {
                    let d = from.distance_km(areas[slot.area? as usize].centroid);
                    (d <= afstand && accept(&slot.entry, d)).then_some((d, &*slot.id))
                })
                .collect();
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
            let expected: Vec<&str> = all.iter().take(limit).map(|(_, id)| *id).collect();
            assert_eq!(
                found, expected,
                "round {round}: centre {centre}, {afstand} km, limit {limit}"
            );
            assert_eq!(more, all.len() > limit, "round {round}");
        }
    }

    #[test]
    fn dates_become_ordered_numbers() {
        assert_eq!(date_number("2026-12-01"), Some(20261201));
        assert!(date_number("2026-12-01") < date_number("2027-01-01"));
        assert_eq!(date_number("2026-1-01"), None);
    }

    #[test]
    fn bits_are_distinct_per_code() {
        let all: u16 = SoortRijbewijs::ALL
            .iter()
            .fold(0, |b, c| b | rijbewijs_bit(*c));
        assert_eq!(all.count_ones(), 16);
        assert_ne!(
            contract_bit(TypeArbeidscontract::BepaaldeTijd),
            contract_bit(TypeArbeidscontract::OnbepaaldeTijd)
        );
    }
}
