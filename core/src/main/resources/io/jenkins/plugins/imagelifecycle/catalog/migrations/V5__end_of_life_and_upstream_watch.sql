-- End of life and the upstream watch (issue 5).
-- What the watch saw of each tracked upstream reference: the digest it points at now, since when it has
-- pointed there unchanged (the quiet period counts from first_seen), and when it was last checked.
CREATE TABLE IF NOT EXISTS upstream_observations (
    upstream_ref VARCHAR(700) NOT NULL PRIMARY KEY,
    digest       VARCHAR(200) NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Policy runs and outdated flags select by stage and by repository (family).
CREATE INDEX IF NOT EXISTS images_stage ON images (stage);
CREATE INDEX IF NOT EXISTS images_repository ON images (repository);
