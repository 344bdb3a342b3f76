-- Listings of the whole catalog (status, the lifecycle view, lineage rows) walk the images oldest first and read
-- each image's tags, events and test runs in that same order (issue 18). With this index the images come in that
-- order without sorting the table, and the joined rows follow each image through their digest indexes, streamed
-- from the first row instead of after a sort of every event.
CREATE INDEX IF NOT EXISTS images_listing_order ON images (created_at, digest);
