-- Matching advisories reads, for each package name, every image holding it by name or by source name
-- (issue 15). With the name-only indexes of V6 every matching row was then fetched from the table, a random
-- read each (a million of them for a distribution's advisories against 5 000 images); these indexes hold
-- every column that lookup returns, so it is read from the index alone, in name order.
DROP INDEX IF EXISTS image_packages_name;
DROP INDEX IF EXISTS image_packages_source;
CREATE INDEX IF NOT EXISTS image_packages_by_name ON image_packages (ecosystem, name, version, source_name, source_version, digest);
CREATE INDEX IF NOT EXISTS image_packages_by_source ON image_packages (ecosystem, source_name, name, source_version, version, digest);
