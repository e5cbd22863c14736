-- The records of one answer in one row: betrokkenen holds its data subjects when there are two
-- or more (one per line); a row with one subject keeps it in betrokkene, a row without any (a
-- refusal) has both NULL. The audit lists one record per subject. (Also the exchange's second
-- migration: server/sql/0002_logboek_betrokkenen.sql.)
ALTER TABLE logboek ADD COLUMN betrokkenen TEXT;
