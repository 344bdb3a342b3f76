-- Image contents (issue 14): what each image carries, read from its layers.
-- One row per image digest: the OS, counts, the layers read, and the file manifest (gzip + base64 of a
-- JSON list; needed for diffs, never queried), or why the contents could not be read.
CREATE TABLE IF NOT EXISTS image_contents (
    digest          VARCHAR(200)  NOT NULL PRIMARY KEY,
    platform_digest VARCHAR(200),
    os_id           VARCHAR(100),
    os_version_id   VARCHAR(100),
    os_pretty_name  VARCHAR(500),
    package_count   INT           NOT NULL,
    file_count      BIGINT        NOT NULL,
    layers          VARCHAR(100000),
    file_manifest   TEXT,
    read_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    failure         VARCHAR(4000)
);
-- Installed packages per image, indexed by name and by source name, so that "which images hold package P"
-- is an indexed lookup (version ranges are compared in each ecosystem's own order, in code).
CREATE TABLE IF NOT EXISTS image_packages (
    digest         VARCHAR(200)  NOT NULL,
    ecosystem      VARCHAR(20)   NOT NULL,
    name           VARCHAR(300)  NOT NULL,
    version        VARCHAR(300)  NOT NULL,
    architecture   VARCHAR(50),
    source_name    VARCHAR(300)  NOT NULL,
    source_version VARCHAR(300)  NOT NULL,
    license        VARCHAR(2000),
    purl           VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS image_packages_digest ON image_packages (digest);
CREATE INDEX IF NOT EXISTS image_packages_name ON image_packages (ecosystem, name);
CREATE INDEX IF NOT EXISTS image_packages_source ON image_packages (ecosystem, source_name);
