package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.RebuildClaims;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes a consumer's rebuild may be scheduled for by this claimant: each change is claimed in the catalog for the
 * consumer ({@link RebuildClaims}), and only the claims this claimant took count. Controllers that share a catalog then
 * schedule one rebuild per change between them, and each schedules it once, not again at every check that still sees the
 * change (the rebuild has not produced its image yet, or failed: a person reruns it).
 */
public final class ChangeClaims {
    private final RebuildClaims claims;
    private final String claimant;
    private final Clock clock;

    /** @param claimant who takes the claims, as people should read it (a controller's root URL) */
    public ChangeClaims(Catalog catalog, String claimant, Clock clock) {
        this.claims = new RebuildClaims(catalog);
        this.claimant = claimant;
        this.clock = clock;
    }

    /** @return the changes whose claims this call took for {@code consumer}, in their order; the rest were claimed before */
    public List<UpstreamChanges.Change> take(String consumer, List<UpstreamChanges.Change> changes) {
        Instant now = clock.instant();
        List<RebuildClaims.Claim> taken = claims.claim(changes.stream().map(c -> claimOf(c, consumer, now)).toList());
        List<UpstreamChanges.Change> won = new ArrayList<>();
        for (UpstreamChanges.Change change : changes) {
            if (taken.contains(claimOf(change, consumer, now)) && !won.contains(change)) {
                won.add(change);
            }
        }
        return won;
    }

    /** Gives back the claims of changes this claimant took but could not schedule a rebuild for (a disabled job). */
    public void giveBack(String consumer, List<UpstreamChanges.Change> changes) {
        Instant now = clock.instant();
        claims.release(changes.stream().map(c -> claimOf(c, consumer, now)).toList());
    }

    private RebuildClaims.Claim claimOf(UpstreamChanges.Change change, String consumer, Instant at) {
        return new RebuildClaims.Claim(change.ref(), changedTo(change), consumer, at, claimant);
    }

    /**
     * What a change changed to, as its claim names it: the new digest; an advisory's fix has none, so the image's digest
     * and a hash of the finding (advisory, package, versions) name it, short enough for the key whatever the names' length.
     */
    static String changedTo(UpstreamChanges.Change change) {
        return change.current().isEmpty() ? change.previous() + " " + Digest.sha256(change.reason()) : change.current();
    }
}
