//! The board's history: an embedded SQLite file with one row per run of a region and one row per
//! participant per run, so that trends and flapping show. A run is stored in one transaction:
//! whole or not at all.

use std::path::Path;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::uitslag::{Regiouitslag, Status};

/// The migrations, in order (`PRAGMA user_version` counts how many are applied).
const MIGRATIES: &[&str] = &["
CREATE TABLE run (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regio TEXT NOT NULL,
    productie INTEGER NOT NULL,
    gestart TEXT NOT NULL,
    millis INTEGER NOT NULL,
    gereed INTEGER NOT NULL,
    gemeenten INTEGER NOT NULL
);
CREATE TABLE uitslag (
    run INTEGER NOT NULL REFERENCES run (id),
    deelnemer TEXT NOT NULL,
    gemeente TEXT,
    url TEXT,
    modus TEXT NOT NULL,
    status TEXT NOT NULL,
    reden TEXT NOT NULL,
    millis INTEGER NOT NULL,
    vraag_ms INTEGER,
    PRIMARY KEY (run, deelnemer)
) WITHOUT ROWID;
CREATE INDEX uitslag_deelnemer ON uitslag (deelnemer, run);
"];

/// The history cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistorieFout {
    /// SQLite failed.
    #[error("de historie {bestand} kan niet worden gelezen of geschreven: {fout}")]
    Sqlite {
        /// The file.
        bestand: String,
        /// Why.
        fout: rusqlite::Error,
    },
    /// Written by a newer version of the board.
    #[error(
        "de historie {bestand} is geschreven door een nieuwere versie van het bord (schemaversie {gevonden}, bekend tot {bekend})"
    )]
    TeNieuw {
        /// The file.
        bestand: String,
        /// The version found.
        gevonden: i64,
        /// The newest this board knows.
        bekend: usize,
    },
}

/// One participant in one earlier run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Punt {
    /// The run's number in the history.
    pub run: i64,
    /// When the run started.
    pub gestart: String,
    /// `acceptatie` or `productie`.
    pub modus: String,
    /// The status then (`None`: a word this board does not know).
    pub status: Option<Status>,
    /// Why.
    pub reden: String,
    /// How long the participant took, in milliseconds.
    pub millis: u64,
    /// The median time of the question without matches, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vraag_ms: Option<u64>,
}

/// One earlier run of a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Runpunt {
    /// Its number in the history.
    pub run: i64,
    /// When it started.
    pub gestart: String,
    /// Production-safe.
    pub productie: bool,
    /// Ready municipalities.
    pub gereed: usize,
    /// Municipalities.
    pub gemeenten: usize,
    /// How long it took, in milliseconds.
    pub millis: u64,
}

/// How often the status changed from one run to the next (`punten` newest first).
pub fn wisselingen(punten: &[Punt]) -> usize {
    punten
        .windows(2)
        .filter(|pair| pair[0].status != pair[1].status)
        .count()
}

/// The history file of the board.
#[derive(Debug)]
pub struct Historie {
    bestand: String,
    connection: Connection,
}

fn u64_van(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn i64_van(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Historie {
    /// Opens (creating if needed) a history file.
    pub fn open(path: &Path) -> Result<Self, HistorieFout> {
        let bestand = path.display().to_string();
        let sqlite = |fout| HistorieFout::Sqlite {
            bestand: bestand.clone(),
            fout,
        };
        let mut connection = Connection::open(path).map_err(sqlite)?;
        connection
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sqlite)?;
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        let applied: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sqlite)?;
        if applied > i64::try_from(MIGRATIES.len()).unwrap_or(i64::MAX) {
            return Err(HistorieFout::TeNieuw {
                bestand,
                gevonden: applied,
                bekend: MIGRATIES.len(),
            });
        }
        for (nummer, sql) in MIGRATIES
            .iter()
            .enumerate()
            .skip(usize::try_from(applied).unwrap_or(0))
        {
            let tx = connection.transaction().map_err(sqlite)?;
            tx.execute_batch(sql).map_err(sqlite)?;
            tx.pragma_update(None, "user_version", i64::try_from(nummer + 1).unwrap_or(0))
                .map_err(sqlite)?;
            tx.commit().map_err(sqlite)?;
        }
        Ok(Self {
            bestand,
            connection,
        })
    }

    fn sqlite(&self, fout: rusqlite::Error) -> HistorieFout {
        HistorieFout::Sqlite {
            bestand: self.bestand.clone(),
            fout,
        }
    }

    /// Stores a run: one row for the run, one per participant, in one transaction. Returns the
    /// run's number.
    pub fn bewaar(&mut self, uitslag: &Regiouitslag) -> Result<i64, HistorieFout> {
        let bestand = self.bestand.clone();
        let sqlite = |fout| HistorieFout::Sqlite {
            bestand: bestand.clone(),
            fout,
        };
        let tx = self.connection.transaction().map_err(sqlite)?;
        tx.execute(
            "INSERT INTO run (regio, productie, gestart, millis, gereed, gemeenten) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                uitslag.regio,
                uitslag.productie,
                uitslag.gestart,
                i64_van(uitslag.millis),
                i64::try_from(uitslag.paraatheid.gereed).unwrap_or(0),
                i64::try_from(uitslag.paraatheid.gemeenten).unwrap_or(0),
            ],
        )
        .map_err(sqlite)?;
        let run = tx.last_insert_rowid();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO uitslag (run, deelnemer, gemeente, url, modus, status, reden, millis, vraag_ms) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(sqlite)?;
            for d in &uitslag.deelnemers {
                insert
                    .execute(params![
                        run,
                        d.naam,
                        d.gemeente,
                        d.url,
                        d.modus.as_str(),
                        d.status.as_str(),
                        d.reden,
                        i64_van(d.millis),
                        d.vraag_ms.map(i64_van),
                    ])
                    .map_err(sqlite)?;
            }
        }
        tx.commit().map_err(sqlite)?;
        Ok(run)
    }

    /// The last `n` results of a participant of a region, newest first.
    pub fn punten(
        &self,
        regio: &str,
        deelnemer: &str,
        n: usize,
    ) -> Result<Vec<Punt>, HistorieFout> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT r.id, r.gestart, u.modus, u.status, u.reden, u.millis, u.vraag_ms \
                 FROM uitslag u JOIN run r ON r.id = u.run \
                 WHERE r.regio = ?1 AND u.deelnemer = ?2 ORDER BY r.id DESC LIMIT ?3",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = statement
            .query_map(
                params![regio, deelnemer, i64::try_from(n).unwrap_or(i64::MAX)],
                |row| {
                    let status: String = row.get(3)?;
                    Ok(Punt {
                        run: row.get(0)?,
                        gestart: row.get(1)?,
                        modus: row.get(2)?,
                        status: Status::van(&status),
                        reden: row.get(4)?,
                        millis: u64_van(row.get(5)?),
                        vraag_ms: row.get::<_, Option<i64>>(6)?.map(u64_van),
                    })
                },
            )
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sqlite(e))
    }

    /// The last `n` runs of a region, newest first.
    pub fn runs(&self, regio: &str, n: usize) -> Result<Vec<Runpunt>, HistorieFout> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT id, gestart, productie, gereed, gemeenten, millis FROM run \
                 WHERE regio = ?1 ORDER BY id DESC LIMIT ?2",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = statement
            .query_map(
                params![regio, i64::try_from(n).unwrap_or(i64::MAX)],
                |row| {
                    Ok(Runpunt {
                        run: row.get(0)?,
                        gestart: row.get(1)?,
                        productie: row.get(2)?,
                        gereed: usize::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                        gemeenten: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                        millis: u64_van(row.get(5)?),
                    })
                },
            )
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sqlite(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regio::bestand::{Omgeving, Rol};
    use crate::regio::uitslag::{Deelnemeruitslag, Modus};

    fn uitslag(status: Status) -> Regiouitslag {
        let regio = vum_spec::arbeidsmarktregio::regio("Gorinchem").unwrap();
        let d = Deelnemeruitslag {
            naam: "Gemeente Gorinchem".to_owned(),
            gemeente: Some("GM0512".to_owned()),
            gemeentenaam: Some("Gorinchem".to_owned()),
            rol: Rol::Bron,
            url: Some("https://x/api/v3".to_owned()),
            omgeving: Some(Omgeving::Productie),
            modus: Modus::Productie,
            status,
            reden: "r".to_owned(),
            controles: Vec::new(),
            servercertificaat: None,
            certificaat: None,
            kwaliteit: None,
            signalen: Vec::new(),
            run: None,
            vraag_ms: Some(12),
            millis: 40,
        };
        Regiouitslag::new(regio, true, crate::now(), 50, vec![d])
    }

    #[test]
    fn runs_are_kept_newest_first_and_changes_counted() {
        let dir = std::env::temp_dir().join(format!("vum-historie-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("historie.sqlite");
        let _ = std::fs::remove_file(&path);
        for status in [
            Status::Gecertificeerd,
            Status::Faalt,
            Status::Gecertificeerd,
        ] {
            let mut h = Historie::open(&path).unwrap();
            h.bewaar(&uitslag(status)).unwrap();
        }
        let h = Historie::open(&path).unwrap();
        let punten = h.punten("Gorinchem", "Gemeente Gorinchem", 10).unwrap();
        assert_eq!(punten.len(), 3);
        assert!(punten[0].run > punten[1].run);
        assert_eq!(punten[1].status, Some(Status::Faalt));
        assert_eq!(punten[0].vraag_ms, Some(12));
        assert_eq!(wisselingen(&punten), 2);
        assert_eq!(
            h.punten("Gorinchem", "Gemeente Gorinchem", 2)
                .unwrap()
                .len(),
            2
        );
        assert!(h.punten("Gorinchem", "een ander", 10).unwrap().is_empty());
        let runs = h.runs("Gorinchem", 10).unwrap();
        assert_eq!(runs.len(), 3);
        assert_eq!((runs[0].gereed, runs[0].gemeenten), (1, 3));
        assert!(runs[0].productie);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
