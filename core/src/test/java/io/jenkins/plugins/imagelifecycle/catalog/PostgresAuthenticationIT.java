package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL catalog behind real password authentication ({@code scram-sha-256}): the right password opens it, a
 * wrong or missing one is refused at once with one line naming the catalog and the user, and neither password shows in
 * that line, in what the driver logs (every level), or in the server's log.
 */
@Tag("integration")
class PostgresAuthenticationIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @Test
    void theRightPasswordOpensTheCatalog() {
        try (Catalog catalog = new Catalog(postgres.server().database())) {
            assertThat(catalog.images()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineThatNamesTheCatalogAndTheUserButNoPassword() throws Exception {
        TestPostgres server = postgres.server();
        String wrong = "wrong-" + UUID.randomUUID();
        List<String> driverLog = new ArrayList<>();

        Throwable refused = whileLogging(driverLog, () -> new Catalog(CatalogDatabase.open(server.jdbcUrl(), TestPostgres.USER, wrong)));

        assertThat(refused).isInstanceOf(UnavailableException.class);
        assertThat(refused.getMessage()).isEqualTo("Catalog at " + server.jdbcUrl() + " refused user 'catalog': password authentication "
                + "failed; expected that user's password (the catalog credentials, or the PostgreSQL password file for the CLI)");
        assertThat(driverLog).as("what the driver logged").isNotEmpty();
        assertThat(String.join("\n", driverLog) + refused.getMessage()).doesNotContain(wrong).doesNotContain(server.password());
        assertThat(Files.readString(server.serverLog())).contains("password authentication failed for user \"catalog\"")
                .doesNotContain(wrong).doesNotContain(server.password());
    }

    @Test
    void noPasswordIsRefusedInOneLineThatSaysNoneWasGiven() {
        String url = postgres.server().jdbcUrl();

        Throwable refused = catchThrowable(() -> new Catalog(CatalogDatabase.open(url, null, null)));

        assertThat(refused).isInstanceOf(UnavailableException.class);
        assertThat(refused.getMessage()).isEqualTo("Catalog at " + url + " refused user 'catalog': the server asks for "
                + "a password and none was given; expected that user's password (the catalog credentials, or the PostgreSQL password "
                + "file for the CLI)");
    }

    /** What {@code work} threw, with every record the driver and the pool logged meanwhile, at every level. */
    private static Throwable whileLogging(List<String> records, Runnable work) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        List<Logger> loggers = List.of(Logger.getLogger("org.postgresql"), Logger.getLogger("com.zaxxer"));
        List<Level> before = loggers.stream().map(Logger::getLevel).toList();
        loggers.forEach(l -> {
            l.setLevel(Level.ALL);
            l.addHandler(handler);
        });
        try {
            return catchThrowable(work::run);
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).removeHandler(handler);
                loggers.get(i).setLevel(before.get(i));
            }
        }
    }
}
