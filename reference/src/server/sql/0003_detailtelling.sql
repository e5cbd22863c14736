-- The exchange's detail ledger: per question, the pseudonyms whose details were released, so the
-- limit of details per question (the standard's 10) holds across a restart with the same
-- pseudonym key. `uitgegeven` is the question's time (Unix seconds): rows of questions whose
-- pseudonyms expired are removed.
CREATE TABLE detailtelling (
    vraag_id TEXT NOT NULL,
    vum_id TEXT NOT NULL,
    uitgegeven INTEGER NOT NULL,
    PRIMARY KEY (vraag_id, vum_id)
);

CREATE INDEX detailtelling_uitgegeven ON detailtelling (uitgegeven);
