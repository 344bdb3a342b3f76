package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's check of what an agent reports of a build: a real bless pushed to a real registry, as an agent
 * would run it, then the report forged field by field; each forgery is refused with its reason and an event, and
 * nothing of it is recorded. What the controller derives (the builder) replaces the agent's word.
 */
@Tag("integration")
class AgentResultsIT {
    private static TestRegistry registry;
    private static ImageRef base;
    private static final BuildContext CONTROLLER = new BuildContext("carol via team/base#7", "https://jenkins.example/",
            "https://jenkins.example/job/team/job/base/7/");

    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;

    private Catalog catalog;
    private AgentResults check;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-agent:1", "agent");
    }

    @BeforeEach
    void setUp() {
        Workspaces.standard(workspace);
        catalog = Catalog.open(catalogDir.toString());
        check = new AgentResults(catalog, registry.client());
    }

    /** What an agent does: build, push, write provenance; with a context it was sent (and could change). */
    private BuiltImage pushedByAgent(String target, BuildContext agentContext) {
        ContainerBuild build = new ContainerBuild(RealDocker.engine(), registry.client(), h -> Optional.empty());
        ContainerBuildRequest request = new ContainerBuildRequest(base.withoutDigest().toString(), "blessed/Dockerfile", "blessed", target,
                Map.of(), null, null);
        return build.execute(build.prepareBless(workspace, request, RealDocker.quiet()), agentContext, RealDocker.quiet());
    }

    private static BuiltImage forged(BuiltImage built, UnaryOperator<ImageRecord> change) {
        return new BuiltImage(change.apply(built.record()), built.pushedRef(), built.provenanceFile(), built.imageId(), built.tests(),
                built.junitFile());
    }

    private static ImageRecord with(ImageRecord r, Role role, String parent, Stage stage, String provenance, String digest) {
        return new ImageRecord(digest, r.repository(), r.tags(), role, parent, r.baseRef(), r.baseDigest(), r.createdAt(), stage,
                r.eolDate(), r.sourceCommit(), r.builtBy(), provenance);
    }

    @Test
    void aTruthfulReportIsRecordedWithWhatTheControllerKnowsInPlaceOfTheAgentsWord() {
        String target = registry.host() + "/blessed/agent-" + unique + ":1";
        BuiltImage reported = pushedByAgent(target, new BuildContext("mallory via release/prod#1", "x", "y"));
        assertThat(reported.record().builtBy()).isEqualTo("mallory via release/prod#1");

        AgentResults.Checked result = check.check(reported, Role.BLESSED, target, null, base.withoutDigest().toString(), CONTROLLER);
        assertThat(result.notChecked()).as("every registry check made").isEmpty();
        BuiltImage checked = result.built();
        assertThat(checked.record().digest()).isEqualTo(reported.record().digest());
        assertThat(checked.record().builtBy()).as("the builder is the run the controller knows").isEqualTo("carol via team/base#7");
        assertThat(checked.record().role()).isEqualTo(Role.BLESSED);
        assertThat(checked.record().stage()).isEqualTo(Stage.BUILT);
        assertThat(checked.record().parentDigest()).isEqualTo(reported.record().baseDigest());
    }

    @Test
    void eachForgedFieldIsRefusedWithItsReasonAnEventAndNoRecord() {
        String target = registry.host() + "/blessed/forged-" + unique + ":1";
        BuiltImage real = pushedByAgent(target, CONTROLLER);
        ImageRecord r = real.record();
        String other = "sha256:" + "0".repeat(64);
        String from = base.withoutDigest().toString();

        record Forgery(String what, BuiltImage report, String reason) {
        }
        List<Forgery> forgeries = List.of(
                new Forgery("a digest that was never pushed", forged(real, x -> with(x, x.role(), x.parentDigest(), x.stage(),
                        x.provenance().replace(x.digest().substring(7), other.substring(7)), other)),
                        "pushed digest: the registry does not show " + registry.host() + "/blessed/forged-" + unique + ":1@" + other),
                new Forgery("an augmented role for a bless", forged(real, x -> with(x, Role.AUGMENTED, x.parentDigest(), x.stage(),
                        x.provenance(), x.digest())), "role is augmented, expected blessed"),
                new Forgery("tested without tests", forged(real, x -> with(x, x.role(), x.parentDigest(), Stage.TESTED, x.provenance(),
                        x.digest())), "stage is tested, expected built"),
                new Forgery("another parent", forged(real, x -> with(x, x.role(), other, x.stage(), x.provenance(), x.digest())),
                        "parent (the pinned base) is " + other + ", expected " + r.baseDigest()),
                new Forgery("provenance of another image", forged(real, x -> with(x, x.role(), x.parentDigest(), x.stage(),
                        x.provenance().replace(x.digest().substring(7), other.substring(7)), x.digest())),
                        "the provenance's subject is not " + r.digest()),
                new Forgery("another repository", new BuiltImage(real.record(), registry.host() + "/blessed/elsewhere:1",
                        real.provenanceFile(), real.imageId(), null, null), "pushed reference is " + registry.host()
                        + "/blessed/elsewhere:1, expected " + target));
        for (Forgery f : forgeries) {
            assertThatThrownBy(() -> check.check(f.report(), Role.BLESSED, target, null, from, CONTROLLER)).as(f.what())
                    .isInstanceOf(AgentResultRefusedException.class)
                    .hasMessageStartingWith("The agent's result for " + target + " was refused, nothing recorded: ")
                    .hasMessageContaining(f.reason());
            LifecycleEvent refused = catalog.recentEvents(1).get(0);
            assertThat(refused.action()).as(f.what()).isEqualTo(AgentResults.REFUSED_ACTION);
            assertThat(refused.actor()).isEqualTo(CONTROLLER.actor());
            assertThat(refused.digest()).as("the event names no image: none was recorded").isNull();
            assertThat(refused.reason()).contains(f.reason());
            assertThat(Json.read(refused.details()).path("reportedDigest").asText()).isEqualTo(f.report().record().digest());
        }
        assertThat(catalog.images()).as("nothing of a refused result is recorded").isEmpty();
        assertThat(Digest.parse(r.digest())).isEqualTo(registry.client().resolve(ImageRef.parse(target)));
    }

    @Test
    void anAugmentsParentMustBeTheOneTheControllerLookedUp() {
        String target = registry.host() + "/blessed/parent-" + unique + ":1";
        BuiltImage real = pushedByAgent(target, CONTROLLER);
        ParentImage controllerParent = new ParentImage(registry.host() + "/blessed/vouched", Digest.parse("sha256:" + "1".repeat(64)),
                "vouched:1", "upstream/x:1", "sha256:" + "2".repeat(64));
        assertThatThrownBy(() -> check.check(forged(real, x -> with(x, Role.AUGMENTED, x.parentDigest(), x.stage(), x.provenance(),
                x.digest())), Role.AUGMENTED, target, controllerParent, null, CONTROLLER))
                .isInstanceOf(AgentResultRefusedException.class)
                .hasMessageContaining("parent is " + real.record().parentDigest() + ", expected " + controllerParent.digest());
    }
}
