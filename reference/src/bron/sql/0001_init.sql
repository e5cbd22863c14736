-- Profiles as published by the source: the document exactly as imported, and its matching
-- profile (the document minus the detail-only fields), prepared at import so that answering a
-- question never re-parses stored JSON. A document that cannot be a matching profile (no
-- mobiliteit / adres) has matchingprofiel NULL.
CREATE TABLE werkzoekende (
    id TEXT PRIMARY KEY NOT NULL,
    document TEXT NOT NULL,
    matchingprofiel TEXT,
    geimporteerd TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE vacature (
    id TEXT PRIMARY KEY NOT NULL,
    document TEXT NOT NULL,
    matchingprofiel TEXT,
    geimporteerd TEXT NOT NULL
) WITHOUT ROWID;

-- The processing log (Logboek Dataverwerkingen style): one record per data subject per action,
-- and one per refused request.
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
