-- One rebuild per change and consumer (issue 19): controllers that share a catalog, each running the same job's upstream
-- trigger, see the same change at once. Each tries to insert the change's claim; the primary key lets exactly one insert
-- in, and only that controller schedules the rebuild.
-- changed_ref: the upstream base, blessed family or image whose change calls for the rebuild.
-- changed_to: what it changed to: the new digest; for an advisory's fix, the image's digest and a hash of the finding.
-- consumer: who rebuilds, a Jenkins job by its full name (as built_by and actors name it).
-- claimed_by: which controller took it (its root URL), for people reading the claim.
CREATE TABLE IF NOT EXISTS rebuild_claims (
    changed_ref VARCHAR(700) NOT NULL,
    changed_to  VARCHAR(700) NOT NULL,
    consumer    VARCHAR(700) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by  VARCHAR(700) NOT NULL,
    PRIMARY KEY (changed_ref, changed_to, consumer)
);
