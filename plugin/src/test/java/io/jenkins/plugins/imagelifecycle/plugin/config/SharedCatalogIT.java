package io.jenkins.plugins.imagelifecycle.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogDatabase;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.steps.BlessImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestStepContext;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A controller configured for a shared PostgreSQL catalog records there, the credentials coming from the store. */
@Tag("integration")
class SharedCatalogIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    @TempDir
    Path builds;

    @Test
    void stepsRecordInTheConfiguredPostgresCatalog() throws Throwable {
        String url = postgres.server().jdbcUrl().replace("?user=catalog", "");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            String wrongPassword = "wrong-" + UUID.randomUUID();
            CredentialsProvider.standInStore(new TestCredentials("catalog-db-" + unique, TestPostgres.USER, postgres.server().password()));
            CredentialsProvider.standInStore(new TestCredentials("catalog-db-wrong-" + unique, TestPostgres.USER, wrongPassword));
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            config.setCatalogUrl(url);
            config.setCatalogCredentialsId("catalog-db-" + unique);

            assertThat(ControllerCatalog.get().database().isH2()).isFalse();
            ImageRef base = RealDocker.busyboxBase("upstream/busybox-shared:1", "shared");
            Workspaces.standard(workspace);
            BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile",
                    RealDocker.registry().host() + "/blessed/shared-" + unique + ":1");
            bless.setContext("blessed");
            String digest = (String) new TestStepContext(new TestJob("shared").newBuild(builds, "ann"), workspace, System.getenv())
                    .run(bless, Duration.ofMinutes(3)).get("digest");

            try (Catalog direct = new Catalog(CatalogDatabase.open(url, TestPostgres.USER, postgres.server().password()))) {
                assertThat(direct.find(digest)).as("the row is in PostgreSQL").isPresent();
            }
            assertThat(home.resolve("image-lifecycle/catalog")).doesNotExist();

            config.setCatalogCredentialsId("catalog-db-wrong-" + unique);
            assertThatThrownBy(ControllerCatalog::get).isInstanceOf(UnavailableException.class)
                    .hasMessage("Catalog at " + url + " refused user 'catalog': password authentication failed; expected that user's "
                            + "password (the catalog credentials, or the PostgreSQL password file for the CLI)")
                    .message().doesNotContain(wrongPassword).doesNotContain(postgres.server().password());

            config.setCatalogCredentialsId("no-such-credentials");
            assertThatThrownBy(ControllerCatalog::get).isInstanceOf(BadInputException.class)
                    .hasMessage("Catalog credentials 'no-such-credentials' not found; expected the id of a username with password "
                            + "credential in the system store");
        }
    }
}
