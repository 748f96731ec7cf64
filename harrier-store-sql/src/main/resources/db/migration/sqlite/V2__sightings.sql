-- Detection sightings (dev.harrier.store.Sighting), SQLite. Same logical schema as
-- db/migration/postgresql/V2__sightings.sql.

-- One row per sighting; id is the sighting's deterministic id, so storing a hit again keeps one row.
-- level_rank is SightingQuery.levelRank(level): informational 0 .. critical 4, also 0 for no or another level.
-- observed is StixTimestamps.sortKey(observed), fixed-width UTC ISO-8601 with nine fraction digits
-- (2024-05-01T10:00:00.123456789Z), so text order is time order; NULL when the event has no time.
-- fields is a JSON object (keys in the sighting's order); techniques is a JSON array of the ids as given.
CREATE TABLE sighting (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    rule_id      TEXT    NOT NULL,
    rule_title   TEXT    NOT NULL,
    level        TEXT,
    level_rank   INTEGER NOT NULL,
    author       TEXT,
    observed     TEXT,
    host         TEXT,
    event_source TEXT    NOT NULL,
    event_line   INTEGER NOT NULL,
    fields       TEXT    NOT NULL,
    techniques   TEXT    NOT NULL
);
-- The streaming order (observed, event_source, event_line, id) and time windows.
CREATE INDEX sighting_observed ON sighting (observed, event_source, event_line, id);
CREATE INDEX sighting_rule ON sighting (rule_id, observed);
CREATE INDEX sighting_host ON sighting (host, observed);

-- The ATT&CK ids a sighting lists, upper-case, one row each: the technique filter.
CREATE TABLE sighting_technique (
    sighting_id TEXT NOT NULL REFERENCES sighting (id) ON DELETE CASCADE,
    technique   TEXT NOT NULL,
    PRIMARY KEY (sighting_id, technique)
) WITHOUT ROWID;
CREATE INDEX sighting_technique_technique ON sighting_technique (technique, sighting_id);
