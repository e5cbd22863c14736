-- The processing log of a node that stores no profiles (the exchange). The same table as in the
-- source's first migration (bron/sql/0001_init.sql), which also holds its profiles: the two roles
-- keep separate migration lists so that existing database files keep their version numbers.
CREATE TABLE logboek (
    volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
    tijd TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    operatie TEXT NOT NULL,
    from_party TEXT,
    via_party TEXT,
    certificaat_oin TEXT,
    betrokkene TEXT,
    uitkomst TEXT NOT NULL
);

CREATE INDEX logboek_tijd ON logboek (tijd);
