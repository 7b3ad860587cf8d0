-- Raw layer and core tables of the warehouse. Views for analysts live in sql/staging/ and sql/marts/.

-- Every input document exactly as received (a file, or a page as fetched), stored once per content hash.
CREATE TABLE raw_documents (
    content_hash VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    media_type VARCHAR NOT NULL,
    http_status INTEGER,
    received_at TIMESTAMPTZ NOT NULL,
    content BLOB NOT NULL
);

-- One row per version of a release; the current version has valid_to NULL.
CREATE TABLE release_version_rows (
    release_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    natural_key VARCHAR NOT NULL,
    site_id BIGINT,
    url VARCHAR,
    category VARCHAR,
    title VARCHAR NOT NULL,
    published_on DATE NOT NULL,
    body VARCHAR NOT NULL,
    body_complete BOOLEAN NOT NULL,
    content_hash VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    valid_from TIMESTAMPTZ NOT NULL,
    valid_to TIMESTAMPTZ,
    run_id VARCHAR,
    PRIMARY KEY (release_id, version)
);

-- One row per metric extracted from one release version by one extractor version.
-- Rows are never deleted: a re-extraction marks the old rows superseded.
CREATE TABLE metric_rows (
    release_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    item VARCHAR,
    region VARCHAR,
    period_start DATE,
    period_end DATE,
    value DOUBLE,
    unit VARCHAR,
    change_pct DOUBLE,
    change_basis VARCHAR,
    evidence VARCHAR NOT NULL,
    figure_start INTEGER NOT NULL,
    figure_end INTEGER NOT NULL,
    extracted_at TIMESTAMPTZ NOT NULL,
    superseded_at TIMESTAMPTZ,
    run_id VARCHAR
);

-- One row per flow run.
CREATE TABLE run_rows (
    run_id VARCHAR PRIMARY KEY,
    flow VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,
    releases_new INTEGER NOT NULL DEFAULT 0,
    releases_changed INTEGER NOT NULL DEFAULT 0,
    releases_unchanged INTEGER NOT NULL DEFAULT 0,
    releases_rejected INTEGER NOT NULL DEFAULT 0,
    metrics_added INTEGER NOT NULL DEFAULT 0,
    message VARCHAR
);

-- Input that was set aside, with the reason.
CREATE TABLE rejected_rows (
    source VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    excerpt VARCHAR,
    seen_at TIMESTAMPTZ NOT NULL,
    run_id VARCHAR
);
