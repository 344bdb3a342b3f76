-- Host images built with Packer: what Packer reported and what the template was, per image identity
-- (images.digest holds the artifact's identity: a Docker image id, a file's sha256, or builder:id).
CREATE TABLE IF NOT EXISTS host_images (
    digest          VARCHAR(200)  NOT NULL PRIMARY KEY,
    build_name      VARCHAR(300),
    builder_id      VARCHAR(200),
    artifact_id     VARCHAR(1000) NOT NULL,
    artifact_string VARCHAR(4000),
    files           VARCHAR(100000),
    template_path   VARCHAR(1000) NOT NULL,
    template_sha256 VARCHAR(64)   NOT NULL,
    packer_version  VARCHAR(50)   NOT NULL,
    variables       VARCHAR(100000),
    source_image    VARCHAR(1000),
    source_kind     VARCHAR(20)
);
