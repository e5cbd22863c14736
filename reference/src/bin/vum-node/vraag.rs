//! `vum-node vraag werkzoekenden|vacatures` and `vum-node detail`: one question to an exchange,
//! its matches as a table (and the details of the first ones as JSON), or one detail as JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};
use vum_reference::bemiddelaar::{Bemiddelaar, Match, Zoekresultaat};
use vum_spec::Kind;
use vum_spec::codes::SoortRijbewijs;
use vum_spec::primitives::{Date, Postcode, TaalCode, Uri, VumId};
use vum_spec::taken::{
    Contractvorm, Niveaueis, Taaleis, Taalniveau, Urenbereik, VacaturesOpdracht,
    WerkzoekendenOpdracht, Zoekopdracht,
};

use crate::klant::{KlantArgs, exit_code, runtime};

/// What to search for.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum VraagArgs {
    /// Job seekers (werkzoekendeProfielen) near a postcode.
    Werkzoekenden(Box<WerkzoekendenArgs>),
    /// Vacancies near a postcode.
    Vacatures(Box<VacaturesArgs>),
}

/// The area and the number of details, for both kinds.
#[derive(Debug, clap::Args)]
pub(crate) struct GebiedArgs {
    /// The centre of the area (9999AA).
    #[arg(long)]
    postcode: String,
    /// The radius in km (0–999).
    #[arg(long)]
    afstand: u16,
    /// Also fetch the details of the first N matches (at most 10) and print them as JSON.
    #[arg(long, default_value_t = 0, value_name = "N")]
    details: usize,
}

/// A search for job seekers; every criterion given must hold.
#[derive(Debug, clap::Args)]
pub(crate) struct WerkzoekendenArgs {
    #[command(flatten)]
    gebied: GebiedArgs,
    /// A desired occupation is this CompetentNL URI (repeatable: one of them).
    #[arg(long, value_name = "URI")]
    beroep: Vec<String>,
    /// A desired contract form: onbepaaldeTijd or bepaaldeTijd (repeatable: one of them).
    #[arg(long, value_name = "VORM", value_parser = contractvorm)]
    contractvorm: Vec<Contractvorm>,
    /// Willing to work irregular hours or shifts: ja or nee.
    #[arg(long, value_name = "JA|NEE", value_parser = ja_nee)]
    onregelmatig_werk: Option<bool>,
    /// Works within office hours: ja or nee.
    #[arg(long, value_name = "JA|NEE", value_parser = ja_nee)]
    kantoortijden: Option<bool>,
    /// Has this driving licence category: B, C, CE, … (repeatable: all of them).
    #[arg(long, value_name = "CATEGORIE", value_parser = rijbewijs)]
    rijbewijs: Vec<SoortRijbewijs>,
    /// Masters this language: TAAL[:MONDELING[:SCHRIFTELIJK]] with levels redelijk, goed or
    /// uitstekend and - for none, e.g. nld:goed or eng:-:redelijk (repeatable: all of them).
    #[arg(long, value_name = "TAAL", value_parser = taal)]
    taal: Vec<Taaleis>,
    /// Available for work on this date (YYYY-MM-DD) at the latest.
    #[arg(long, value_name = "DATUM")]
    beschikbaar_uiterlijk: Option<String>,
    /// Wants to work at least this many hours per week (their maximum reaches it).
    #[arg(long, value_name = "UREN")]
    uren_van: Option<u8>,
    /// Wants to work at most this many hours per week (their minimum stays below it).
    #[arg(long, value_name = "UREN")]
    uren_tot: Option<u8>,
    /// Has the competence with this CompetentNL URI (interface 3.1.0 and later).
    #[arg(long, value_name = "URI")]
    competentie: Option<String>,
    #[command(flatten)]
    klant: KlantArgs,
}

/// A search for vacancies; every criterion given must hold.
#[derive(Debug, clap::Args)]
pub(crate) struct VacaturesArgs {
    #[command(flatten)]
    gebied: GebiedArgs,
    /// The occupation is this CompetentNL URI.
    #[arg(long, value_name = "URI")]
    beroep: Option<String>,
    /// The working and thinking level: bekend, nietBekend, or 1–6 (a known level of at least
    /// this).
    #[arg(long, value_name = "NIVEAU", value_parser = niveau)]
    werk_en_denkniveau: Option<Niveaueis>,
    /// The work starts on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATUM")]
    aanvang_vanaf: Option<String>,
    /// Involves irregular hours or shifts: ja or nee.
    #[arg(long, value_name = "JA|NEE", value_parser = ja_nee)]
    onregelmatig_werk: Option<bool>,
    /// Requires this driving licence category (repeatable: all of them).
    #[arg(long, value_name = "CATEGORIE", value_parser = rijbewijs)]
    rijbewijs: Vec<SoortRijbewijs>,
    /// Requires this language: TAAL[:MONDELING[:SCHRIFTELIJK]] (see `vraag werkzoekenden`).
    #[arg(long, value_name = "TAAL", value_parser = taal)]
    taal: Vec<Taaleis>,
    /// Offers at least this many hours per week.
    #[arg(long, value_name = "UREN")]
    uren_van: Option<u8>,
    /// Offers at most this many hours per week.
    #[arg(long, value_name = "UREN")]
    uren_tot: Option<u8>,
    #[command(flatten)]
    klant: KlantArgs,
}

fn ja_nee(text: &str) -> Result<bool, String> {
    match text {
        "ja" | "true" => Ok(true),
        "nee" | "false" => Ok(false),
        _ => Err(format!("{text:?}: geef ja of nee")),
    }
}

fn contractvorm(text: &str) -> Result<Contractvorm, String> {
    match text {
        "onbepaaldeTijd" => Ok(Contractvorm::OnbepaaldeTijd),
        "bepaaldeTijd" => Ok(Contractvorm::BepaaldeTijd),
        _ => Err(format!("{text:?}: geef onbepaaldeTijd of bepaaldeTijd")),
    }
}

fn rijbewijs(text: &str) -> Result<SoortRijbewijs, String> {
    use vum_spec::codes::CodeList;
    SoortRijbewijs::from_code(text).ok_or_else(|| {
        let alle: Vec<&str> = SoortRijbewijs::ALL.iter().map(|s| s.code()).collect();
        format!(
            "{text:?} is geen rijbewijscategorie; kies uit {}",
            alle.join(", ")
        )
    })
}

fn taalniveau(text: &str) -> Result<Option<Taalniveau>, String> {
    match text {
        "" | "-" => Ok(None),
        "redelijk" => Ok(Some(Taalniveau::Redelijk)),
        "goed" => Ok(Some(Taalniveau::Goed)),
        "uitstekend" => Ok(Some(Taalniveau::Uitstekend)),
        _ => Err(format!(
            "{text:?} is geen niveau; kies redelijk, goed of uitstekend (of - voor geen)"
        )),
    }
}

fn taal(text: &str) -> Result<Taaleis, String> {
    let mut delen = text.split(':');
    let taal = delen.next().unwrap_or_default();
    let mondeling = taalniveau(delen.next().unwrap_or_default())?;
    let schriftelijk = taalniveau(delen.next().unwrap_or_default())?;
    if delen.next().is_some() {
        return Err(format!(
            "{text:?}: geef TAAL[:MONDELING[:SCHRIFTELIJK]], zoals nld:goed"
        ));
    }
    Ok(Taaleis {
        taal: TaalCode::new(taal),
        mondeling,
        schriftelijk,
    })
}

fn niveau(text: &str) -> Result<Niveaueis, String> {
    match text {
        "bekend" => Ok(Niveaueis::Bekend),
        "nietBekend" => Ok(Niveaueis::NietBekend),
        _ => match text.parse::<u8>() {
            Ok(n) => Ok(Niveaueis::Minstens(n)),
            Err(_) => Err(format!(
                "{text:?}: geef bekend, nietBekend of een niveau 1 tot en met 6"
            )),
        },
    }
}

fn uren(van: Option<u8>, tot: Option<u8>) -> Option<Urenbereik> {
    (van.is_some() || tot.is_some()).then_some(Urenbereik { van, tot })
}

/// The flag a field of the task format comes from, for an error a user reads.
fn vlag(veld: &str) -> String {
    let kop = veld.split(['.', '[']).next().unwrap_or(veld);
    let vlag = match kop {
        "beroepen" => "beroep",
        "contractvormen" => "contractvorm",
        "onregelmatigWerk" => "onregelmatig-werk",
        "rijbewijzen" => "rijbewijs",
        "talen" => "taal",
        "beschikbaarUiterlijk" => "beschikbaar-uiterlijk",
        "urenPerWeek" => "uren-van/--uren-tot",
        "werkEnDenkniveau" => "werk-en-denkniveau",
        "aanvangVanaf" => "aanvang-vanaf",
        andere => andere,
    };
    format!("--{vlag}")
}

impl VraagArgs {
    fn opdracht(&self) -> (Zoekopdracht, &GebiedArgs, &KlantArgs) {
        match self {
            Self::Werkzoekenden(a) => (
                Zoekopdracht::Werkzoekenden(WerkzoekendenOpdracht {
                    postcode: Postcode::new(a.gebied.postcode.as_str()),
                    afstand: a.gebied.afstand,
                    beroepen: a.beroep.iter().map(|b| Uri::new(b.as_str())).collect(),
                    contractvormen: a.contractvorm.clone(),
                    onregelmatig_werk: a.onregelmatig_werk,
                    kantoortijden: a.kantoortijden,
                    rijbewijzen: a.rijbewijs.clone(),
                    talen: a.taal.clone(),
                    beschikbaar_uiterlijk: a.beschikbaar_uiterlijk.as_deref().map(Date::new),
                    uren_per_week: uren(a.uren_van, a.uren_tot),
                    competentie: a.competentie.as_deref().map(Uri::new),
                }),
                &a.gebied,
                &a.klant,
            ),
            Self::Vacatures(a) => (
                Zoekopdracht::Vacatures(VacaturesOpdracht {
                    postcode: Postcode::new(a.gebied.postcode.as_str()),
                    afstand: a.gebied.afstand,
                    beroep: a.beroep.as_deref().map(Uri::new),
                    werk_en_denkniveau: a.werk_en_denkniveau,
                    aanvang_vanaf: a.aanvang_vanaf.as_deref().map(Date::new),
                    onregelmatig_werk: a.onregelmatig_werk,
                    rijbewijzen: a.rijbewijs.clone(),
                    talen: a.taal.clone(),
                    uren_per_week: uren(a.uren_van, a.uren_tot),
                }),
                &a.gebied,
                &a.klant,
            ),
        }
    }
}

/// `vum-node vraag`: asks, prints the matches as a table and the first details as JSON.
pub(crate) fn vraag(args: &VraagArgs) -> Result<ExitCode> {
    let (opdracht, gebied, klant) = args.opdracht();
    let config = klant.config(None, None)?;
    if let Err(fout) = opdracht.controleer(Some(config.versie)) {
        bail!("{}: {}", vlag(&fout.veld), fout.reden);
    }
    if gebied.details > vum_reference::bemiddelaar::MAX_DETAILS_PER_VRAAG {
        bail!(
            "--details {}: de standaard staat {} details per zoekvraag toe",
            gebied.details,
            vum_reference::bemiddelaar::MAX_DETAILS_PER_VRAAG
        );
    }
    let client = Bemiddelaar::new(config)?;
    runtime()?.block_on(async {
        let mut resultaat = match client.zoek(&opdracht).await {
            Ok(resultaat) => resultaat,
            Err(fout) => {
                eprintln!("vum-node: {opdracht}: {fout}");
                return Ok(exit_code(&fout));
            }
        };
        let mut out = io::stdout().lock();
        let _ = write!(out, "{}", tabel(&resultaat));
        let vum_ids: Vec<VumId> = resultaat
            .matches()
            .iter()
            .take(gebied.details)
            .map(|m| m.vum_id().clone())
            .collect();
        for vum_id in vum_ids {
            match client.detail(&mut resultaat, &vum_id).await {
                Ok(detail) => {
                    let _ = writeln!(out, "{}", detail.json());
                }
                Err(fout) => {
                    eprintln!("vum-node: detail {vum_id}: {fout}");
                    return Ok(exit_code(&fout));
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// The matches as a table: place, vumID, postcode, distance from the question's postcode, and the
/// job seeker's own maximum travel distance or the vacancy's name; then a summary line.
fn tabel(resultaat: &Zoekresultaat) -> String {
    let extra = match resultaat.kind() {
        Kind::Werkzoekende => "max. reisafstand",
        Kind::Vacature => "naam",
    };
    let mut rijen = vec![[
        "nr".to_owned(),
        "vumID".to_owned(),
        "postcode".to_owned(),
        "afstand".to_owned(),
        extra.to_owned(),
    ]];
    for (i, m) in resultaat.matches().iter().enumerate() {
        rijen.push([
            (i + 1).to_string(),
            m.vum_id().to_string(),
            m.postcode().to_string(),
            resultaat
                .afstand_km(m)
                .map_or_else(|| "?".to_owned(), |km| format!("{km:.1} km")),
            laatste_kolom(m),
        ]);
    }
    let mut breedte = [0usize; 5];
    for rij in &rijen {
        for (b, cel) in breedte.iter_mut().zip(rij) {
            *b = (*b).max(cel.chars().count());
        }
    }
    let mut tekst = String::new();
    for rij in &rijen {
        let cellen: Vec<String> = rij
            .iter()
            .zip(breedte)
            .map(|(cel, b)| format!("{cel:<b$}"))
            .collect();
        tekst.push_str(cellen.join("  ").trim_end());
        tekst.push('\n');
    }
    tekst.push_str(&format!(
        "{} match(es) voor {} (vraagID {}){}\n",
        resultaat.matches().len(),
        resultaat.opdracht(),
        resultaat.vraag_id(),
        if resultaat.maximum_aantal_resultaten_bereikt() {
            "; een bron had er meer (maximumAantalResultatenBereikt)"
        } else {
            ""
        }
    ));
    tekst
}

fn laatste_kolom(m: &Match) -> String {
    match m {
        Match::Werkzoekende(_) => m
            .maximale_reisafstand()
            .map_or_else(|| "-".to_owned(), |km| format!("{km} km")),
        Match::Vacature(_) => m.naam().unwrap_or("-").to_owned(),
    }
}

/// `vum-node detail`.
#[derive(Debug, clap::Args)]
pub(crate) struct DetailArgs {
    /// A vumID from an earlier answer of this exchange to this mediator.
    vum_id: String,
    /// What the vumID stands for: werkzoekende or vacature.
    #[arg(long, default_value = "werkzoekende")]
    kind: Kind,
    #[command(flatten)]
    klant: KlantArgs,
}

/// `vum-node detail`: prints the detail as JSON.
pub(crate) fn detail(args: &DetailArgs) -> Result<ExitCode> {
    let client = Bemiddelaar::new(args.klant.config(None, None)?)?;
    let vum_id = VumId::new(args.vum_id.as_str());
    runtime()?.block_on(async {
        match client.detail_van(args.kind, &vum_id).await {
            Ok(detail) => {
                let _ = writeln!(io::stdout().lock(), "{}", detail.json());
                Ok(ExitCode::SUCCESS)
            }
            Err(fout) => {
                eprintln!("vum-node: detail {}: {fout}", args.vum_id);
                Ok(exit_code(&fout))
            }
        }
    })
}
