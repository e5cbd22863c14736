//! Re-certification planning: what a new version means for each node certified on an old one —
//! still valid, re-run these requirements (with the `--tags` expression for `vum-conformance run`),
//! or certify anew. It needs only the changelog of the two versions ([`crate::diff`]) and their
//! catalogues; the command that reads certificates (`vum-conformance hercertificering`) builds on it.
//!
//! # Rules
//!
//! A node's scope is read from the requirements it was certified on (in the old catalogue): its
//! roles are those they all share (all of them when they share none), its kinds those of its kind-specific requirements (both kinds when none is).
//! A requirement of the new catalogue applies to the node when it shares a role and a kind.
//!
//! * **Opnieuw** (certify anew) when the major version changes, when the node was certified on a
//!   requirement the old catalogue does not know, or when a change breaking for one of its roles in
//!   one of its kinds maps to no requirement that applies to it (then no part of the run can be
//!   targeted).
//! * Otherwise every requirement that applies to the node and is new, changed (title, level,
//!   source, verification, roles or kinds), or mapped by a change breaking for one of its roles in
//!   one of its kinds, is **re-run** (verified by scenario: in the `--tags` expression) or
//!   **declared again** (verified by declaration). Removed requirements need nothing.
//! * **Nog geldig** (still valid) when nothing is left to re-run or declare.
//!
//! A change's kinds are those of the contracts it occurs in (`…-WerkzoekendeProfielen`,
//! `…-Vacatures`); a change in no kind-specific contract concerns both.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::Kind;
use crate::diff::{Class, Report, Role};
use crate::requirements::{Eis, Verificatie};
use crate::versie::Versie;

/// A node and the requirements it was certified on (ids of the old catalogue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificering {
    /// How the node is known (its name, OIN or certificate file).
    pub node: String,
    /// The requirement ids its certificate lists.
    pub eisen: Vec<String>,
}

/// What a node must do for the new version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Advies {
    /// Nothing: the certificate holds for the new version.
    NogGeldig,
    /// Re-run some scenarios and renew some declarations.
    Herhaal {
        /// Requirements verified by scenario to run again, sorted.
        eisen: Vec<String>,
        /// The `--tags` expression that selects exactly their scenarios.
        tags: String,
        /// Requirements verified by declaration to declare again, sorted.
        verklaringen: Vec<String>,
    },
    /// A full certification on the new version.
    Opnieuw {
        /// Why, in Dutch.
        reden: String,
    },
}

/// The advice for every node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The old version.
    pub van: String,
    /// The new version.
    pub naar: String,
    /// Per node, in the order given.
    pub nodes: Vec<(String, Advies)>,
}

/// Plans the re-certification of `nodes` from `van` to `naar`, given the changelog of their
/// contracts and both catalogues.
pub fn plan(
    van: &Versie,
    naar: &Versie,
    report: &Report,
    oud: &[Eis],
    nieuw: &[Eis],
    nodes: &[Certificering],
) -> Plan {
    let nodes = nodes
        .iter()
        .map(|c| (c.node.clone(), advies(van, naar, report, oud, nieuw, c)))
        .collect();
    Plan {
        van: van.naam(),
        naar: naar.naam(),
        nodes,
    }
}

/// The roles and kinds of a node, from its certified requirements.
struct Scope {
    rollen: BTreeSet<String>,
    soorten: BTreeSet<Kind>,
}

impl Scope {
    fn applies(&self, eis: &Eis) -> bool {
        eis.rollen.iter().any(|r| self.rollen.contains(r))
            && (eis.soorten.is_empty() || eis.soorten.iter().any(|k| self.soorten.contains(k)))
    }
}

/// The kinds of profile the contracts of a change are about.
fn change_kinds(change: &crate::diff::Change) -> BTreeSet<Kind> {
    let mut kinds = BTreeSet::new();
    for o in &change.occurrences {
        if o.contract.ends_with("WerkzoekendeProfielen") {
            kinds.insert(Kind::Werkzoekende);
        } else if o.contract.ends_with("Vacatures") {
            kinds.insert(Kind::Vacature);
        } else {
            kinds.extend(Kind::ALL);
        }
    }
    if kinds.is_empty() {
        kinds.extend(Kind::ALL);
    }
    kinds
}

fn same_content(a: &Eis, b: &Eis) -> bool {
    a.titel == b.titel
        && a.niveau == b.niveau
        && a.bron == b.bron
        && a.verificatie == b.verificatie
        && a.rollen == b.rollen
        && a.soorten == b.soorten
}

fn advies(
    van: &Versie,
    naar: &Versie,
    report: &Report,
    oud: &[Eis],
    nieuw: &[Eis],
    node: &Certificering,
) -> Advies {
    if van.nummer.major != naar.nummer.major {
        return Advies::Opnieuw {
            reden: format!(
                "een nieuwe hoofdversie ({} → {}): alles kan anders zijn",
                van.nummer, naar.nummer
            ),
        };
    }
    let mut scope = Scope {
        rollen: BTreeSet::new(),
        soorten: BTreeSet::new(),
    };
    let mut shared: Option<BTreeSet<String>> = None;
    for id in &node.eisen {
        let Some(eis) = oud.iter().find(|e| e.id == *id) else {
            return Advies::Opnieuw {
                reden: format!(
                    "gecertificeerd op {id}, dat de catalogus van {} niet kent",
                    van.nummer
                ),
            };
        };
        let rollen: BTreeSet<String> = eis.rollen.iter().cloned().collect();
        shared = Some(match shared {
            None => rollen.clone(),
            Some(before) => before.intersection(&rollen).cloned().collect(),
        });
        scope.rollen.extend(rollen);
        scope.soorten.extend(eis.soorten.iter().copied());
    }
    // The node's role is the one all its requirements share (an exchange is certified on
    // requirements it shares with sources too); the union only when they share none.
    if let Some(shared) = shared.filter(|s| !s.is_empty()) {
        scope.rollen = shared;
    }
    if scope.soorten.is_empty() {
        scope.soorten.extend(Kind::ALL);
    }
    let mut again: BTreeSet<&str> = BTreeSet::new();
    for eis in nieuw.iter().filter(|e| scope.applies(e)) {
        let changed = oud
            .iter()
            .find(|o| o.id == eis.id)
            .is_none_or(|o| !same_content(o, eis));
        if changed {
            again.insert(&eis.id);
        }
    }
    for change in &report.changes {
        let breaking = Role::ALL
            .iter()
            .any(|r| scope.rollen.contains(r.name()) && change.verdict(*r) == Class::Breaking);
        if !breaking || change_kinds(change).is_disjoint(&scope.soorten) {
            continue;
        }
        let targeted: Vec<&str> = change
            .requirements
            .iter()
            .filter_map(|r| nieuw.iter().find(|e| e.id == r.id))
            .filter(|e| scope.applies(e))
            .map(|e| e.id.as_str())
            .collect();
        if targeted.is_empty() {
            return Advies::Opnieuw {
                reden: format!(
                    "de breaking wijziging \"{}\" raakt geen eis van dit knooppunt; de toets kan \
                     niet gericht worden herhaald",
                    change.describe()
                ),
            };
        }
        again.extend(targeted);
    }
    if again.is_empty() {
        return Advies::NogGeldig;
    }
    let verification = |id: &str| nieuw.iter().find(|e| e.id == id).map(|e| e.verificatie);
    let eisen: Vec<String> = again
        .iter()
        .filter(|id| verification(id) == Some(Verificatie::Scenario))
        .map(|id| (*id).to_owned())
        .collect();
    let verklaringen: Vec<String> = again
        .iter()
        .filter(|id| verification(id) == Some(Verificatie::Verklaring))
        .map(|id| (*id).to_owned())
        .collect();
    let tags = eisen
        .iter()
        .map(|id| format!("@{id}"))
        .collect::<Vec<_>>()
        .join(" or ");
    Advies::Herhaal {
        eisen,
        tags,
        verklaringen,
    }
}

impl Plan {
    /// The plan in Dutch Markdown for the programme office: the counts, then per node.
    pub fn markdown(&self) -> String {
        let count = |f: fn(&Advies) -> bool| self.nodes.iter().filter(|(_, a)| f(a)).count();
        let mut out = format!(
            "# Hercertificering van {} naar {}\n\n\
             | advies | knooppunten |\n|---|---|\n| nog geldig | {} |\n| deels opnieuw toetsen | {} |\n| opnieuw certificeren | {} |\n\n",
            self.van,
            self.naar,
            count(|a| matches!(a, Advies::NogGeldig)),
            count(|a| matches!(a, Advies::Herhaal { .. })),
            count(|a| matches!(a, Advies::Opnieuw { .. })),
        );
        for (node, advies) in &self.nodes {
            match advies {
                Advies::NogGeldig => {
                    let _ = writeln!(out, "- **{node}**: nog geldig voor {}", self.naar);
                }
                Advies::Herhaal {
                    eisen,
                    tags,
                    verklaringen,
                } => {
                    let _ = writeln!(out, "- **{node}**: deels opnieuw toetsen");
                    if !eisen.is_empty() {
                        let _ = writeln!(
                            out,
                            "  - scenario's van {}: `vum-conformance run --versie {} --tags '{tags}'`",
                            eisen.join(", "),
                            self.naar
                        );
                    }
                    if !verklaringen.is_empty() {
                        let _ = writeln!(out, "  - opnieuw verklaren: {}", verklaringen.join(", "));
                    }
                }
                Advies::Opnieuw { reden } => {
                    let _ = writeln!(out, "- **{node}**: opnieuw certificeren — {reden}");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Committed, ContractSet, Traceability, Versions, diff};
    use crate::profielen;
    use crate::requirements::catalogue_for;
    use crate::versie::{Register, registry};

    fn set(v: &str) -> ContractSet {
        ContractSet::load(v, Committed.documents(v).unwrap().unwrap()).unwrap()
    }

    fn ids(profiel: &str, v: &Versie) -> Vec<String> {
        let catalogue = catalogue_for(v).unwrap();
        profielen::profiel_for(v, profiel)
            .unwrap()
            .eisen(&catalogue)
            .iter()
            .map(|e| e.id.clone())
            .collect()
    }

    #[test]
    fn from_3_0_0_to_3_1_0_sources_of_job_seekers_rerun_the_criterion_and_the_version_headers() {
        let register = registry().unwrap();
        let (van, naar) = (
            register.versie("3.0.0").unwrap(),
            register.versie("3.1.0").unwrap(),
        );
        let (oud, nieuw) = (catalogue_for(van).unwrap(), catalogue_for(naar).unwrap());
        let report = diff(
            &set("3.0.0"),
            &set("3.1.0"),
            Traceability {
                catalogue: &nieuw,
                scenarios: &[],
            },
        );
        let nodes = [
            Certificering {
                node: "bron-a".to_owned(),
                eisen: ids("bron-werkzoekenden", van),
            },
            Certificering {
                node: "uitwisseling".to_owned(),
                eisen: ids("uitwisseling", van),
            },
            Certificering {
                node: "bron-v".to_owned(),
                eisen: ids("bron-vacatures", van),
            },
            Certificering {
                node: "oud".to_owned(),
                eisen: vec!["AV-KOP-001".to_owned(), "AV-XXX-001".to_owned()],
            },
        ];
        let mut plan = plan(van, naar, &report, &oud, &nieuw, &nodes);
        // The exchange shares the version headers with the sources, not their selection: it
        // re-runs those alone.
        let (_, exchange) = plan.nodes.remove(1);
        assert_eq!(
            exchange,
            Advies::Herhaal {
                eisen: ["AV-KOP-005", "AV-KOP-006", "AV-KOP-009"]
                    .map(str::to_owned)
                    .to_vec(),
                tags: "@AV-KOP-005 or @AV-KOP-006 or @AV-KOP-009".to_owned(),
                verklaringen: Vec::new(),
            }
        );
        assert_eq!(
            plan.nodes[0].1,
            Advies::Herhaal {
                eisen: [
                    "AV-KOP-005",
                    "AV-KOP-006",
                    "AV-KOP-009",
                    "AV-SEL-023",
                    "AV-SEL-030"
                ]
                .map(str::to_owned)
                .to_vec(),
                tags: "@AV-KOP-005 or @AV-KOP-006 or @AV-KOP-009 or @AV-SEL-023 or @AV-SEL-030"
                    .to_owned(),
                verklaringen: Vec::new(),
            }
        );
        let Advies::Herhaal { eisen, .. } = &plan.nodes[1].1 else {
            panic!("{:?}", plan.nodes[1]);
        };
        assert_eq!(
            eisen,
            &["AV-KOP-005", "AV-KOP-006", "AV-KOP-009"],
            "the job-seeker criterion does not concern a source of vacancies"
        );
        assert!(
            matches!(&plan.nodes[2].1, Advies::Opnieuw { reden } if reden.contains("AV-XXX-001"))
        );
        let text = plan.markdown();
        assert!(text.contains("| deels opnieuw toetsen | 2 |"), "{text}");
        assert!(
            text.contains("--versie 3.1.0 --tags '@AV-KOP-005 or"),
            "{text}"
        );
        // The same version: nothing to do.
        let same = diff(
            &set("3.0.0"),
            &set("3.0.0"),
            Traceability {
                catalogue: &oud,
                scenarios: &[],
            },
        );
        let plan = super::plan(van, van, &same, &oud, &oud, &nodes[..1]);
        assert_eq!(plan.nodes[0].1, Advies::NogGeldig);
        assert!(plan.markdown().contains("| nog geldig | 1 |"));
    }

    #[test]
    fn a_new_major_or_an_untargetable_breaking_change_means_certify_anew() {
        let register = Register::parse(
            "[[versie]]\nnummer = \"3.0.0\"\nstatus = \"actief\"\nomschrijving = \"x\"\ngepubliceerd = \"2026-05-04\"\nactief_vanaf = \"2026-05-04\"\n\n[[versie]]\nnummer = \"4.0.0\"\nstatus = \"concept\"\nomschrijving = \"y\"\n",
        )
        .unwrap();
        let (van, naar) = (
            register.versie("3.0.0").unwrap(),
            register.versie("4.0.0").unwrap(),
        );
        let oud = crate::requirements::catalogue().unwrap();
        let report = diff(
            &set("3.0.0"),
            &set("3.0.0"),
            Traceability {
                catalogue: &oud,
                scenarios: &[],
            },
        );
        let node = [Certificering {
            node: "n".to_owned(),
            eisen: vec!["AV-KOP-001".to_owned()],
        }];
        let p = plan(van, naar, &report, &oud, &oud, &node);
        assert!(
            matches!(&p.nodes[0].1, Advies::Opnieuw { reden } if reden.contains("hoofdversie"))
        );
        // A breaking change for sources that no requirement of the node names.
        let v31 = registry().unwrap().versie("3.1.0").unwrap();
        let v30 = registry().unwrap().versie("3.0.0").unwrap();
        let report = diff(
            &set("3.0.0"),
            &set("3.1.0"),
            Traceability {
                catalogue: &[],
                scenarios: &[],
            },
        );
        let p = plan(v30, v31, &report, &oud, &oud, &node);
        assert!(
            matches!(&p.nodes[0].1, Advies::Opnieuw { reden } if reden.contains("competenties")),
            "{:?}",
            p.nodes[0]
        );
    }
}
