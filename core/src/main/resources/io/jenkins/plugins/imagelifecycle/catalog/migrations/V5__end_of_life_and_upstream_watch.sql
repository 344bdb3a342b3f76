-- End of life and the upstream watch (issue 5).
-- What the watch saw of each tracked upstream reference: the digest it points at now, since when it has
-- pointed there unchanged (the quiet period counts from first_seen), and when it was last checked.
CREATE TABLE IF NOT EXISTS upstream_observations (
    upstream_ref VARCHAR(700) NOT NULL PRIMARY KEY,
    digest       VARCHAR(200) NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Policy runs group by repository (family). No index on stage: H2 would prefer it to the primary key
-- for "digest IN (…) AND stage <> 'retired'" and scan, which made a 10k cascade take seconds.
CREATE INDEX IF NOT EXISTS images_repository ON images (repository);
