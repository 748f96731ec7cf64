-- Detection sightings (dev.harrier.store.Sighting), PostgreSQL. Same logical schema as
-- db/migration/sqlite/V2__sightings.sql. Keys and sort columns use the "C" collation so that the order matches
-- SQLite's.

-- One row per sighting; id is the sighting's deterministic id, so storing a hit again keeps one row.
-- level_rank is SightingQuery.levelRank(level): informational 0 .. critical 4, also 0 for no or another level.
-- observed is StixTimestamps.sortKey(observed), fixed-width UTC ISO-8601 with nine fraction digits
-- (2024-05-01T10:00:00.123456789Z), so text order is time order; NULL when the event has no time.
-- fields is a JSON object (keys in the sighting's order); techniques is a JSON array of the ids as given. Both are
-- text, not jsonb, which would reorder keys.
CREATE TABLE sighting (
    id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    kind         TEXT COLLATE "C" NOT NULL,
    rule_id      TEXT COLLATE "C" NOT NULL,
    rule_title   TEXT     NOT NULL,
    level        TEXT COLLATE "C",
    level_rank   SMALLINT NOT NULL,
    author       TEXT,
    observed     TEXT COLLATE "C",
    host         TEXT COLLATE "C",
    event_source TEXT COLLATE "C" NOT NULL,
    event_line   BIGINT   NOT NULL,
    fields       TEXT     NOT NULL,
    techniques   TEXT     NOT NULL
);
-- The streaming order (observed, event_source, event_line, id) and time windows.
CREATE INDEX sighting_observed ON sighting (observed, event_source, event_line, id);
CREATE INDEX sighting_rule ON sighting (rule_id, observed);
CREATE INDEX sighting_host ON sighting (host, observed);

-- The ATT&CK ids a sighting lists, upper-case, one row each: the technique filter.
CREATE TABLE sighting_technique (
    sighting_id TEXT COLLATE "C" NOT NULL REFERENCES sighting (id) ON DELETE CASCADE,
    technique   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (sighting_id, technique)
);
CREATE INDEX sighting_technique_technique ON sighting_technique (technique, sighting_id);
