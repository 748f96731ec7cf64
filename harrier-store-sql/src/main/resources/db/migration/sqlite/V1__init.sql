-- Harrier case store, SQLite. Same logical schema as db/migration/postgresql/V1__init.sql.

-- Every stored version of every object. modified_key is StixTimestamps.sortKey(modified), or the fixed key
-- 0000-00-00T00:00:00.000000000Z for objects that are not versioned by timestamp (SCOs, marking definitions).
-- content_hash (ContentHash) is kept for rows that may be compared by content: derived objects and rows with the
-- fixed key; it is NULL for other rows and computed from json when needed.
CREATE TABLE stix_object (
    id           TEXT    NOT NULL,
    modified_key TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    spec_version TEXT    NOT NULL,
    name         TEXT,
    revoked      INTEGER NOT NULL,
    deprecated   INTEGER NOT NULL,
    custom       INTEGER NOT NULL,
    latest       INTEGER NOT NULL,
    tlp_rank     INTEGER NOT NULL,
    json         TEXT    NOT NULL,
    original     TEXT,
    source_name  TEXT    NOT NULL,
    content_hash TEXT,
    PRIMARY KEY (id, modified_key)
);

-- At most one latest version per id; also the id-ordered scan of latest objects.
CREATE UNIQUE INDEX stix_object_latest ON stix_object (id) WHERE latest = TRUE;
CREATE INDEX stix_object_latest_type ON stix_object (type, id) WHERE latest = TRUE;

-- The latest version of every relationship object.
CREATE TABLE relationship (
    id                TEXT    NOT NULL PRIMARY KEY,
    relationship_type TEXT    NOT NULL,
    source_ref        TEXT    NOT NULL,
    target_ref        TEXT    NOT NULL,
    revoked           INTEGER NOT NULL,
    deprecated        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX relationship_source ON relationship (source_ref);
CREATE INDEX relationship_target ON relationship (target_ref);

-- Names, aliases and ATT&CK ids of latest versions, by normal form (Aliases.normalize).
CREATE TABLE object_alias (
    object_id   TEXT NOT NULL,
    norm        TEXT NOT NULL,
    type        TEXT NOT NULL,
    alias       TEXT NOT NULL,
    source_name TEXT NOT NULL,
    PRIMARY KEY (object_id, norm)
) WITHOUT ROWID;
CREATE INDEX object_alias_norm ON object_alias (norm);

-- Completed imports.
CREATE TABLE import_run (
    run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    source_name TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    older       INTEGER NOT NULL,
    counts_json TEXT    NOT NULL
);
CREATE INDEX import_run_sha256 ON import_run (sha256);
