package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.CatalogRows;
import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} (issue 19: a CLI test for every command) as a person runs it, in a process of its own on any free port:
 * the page, its assets and the live data over real HTTP under the page's CSP, nothing else answered, the catalog only
 * read, and stopped by a signal as Ctrl-C stops it, with nothing listening afterwards.
 */
@Tag("integration")
class ServeCommandIT {
    private static final Pattern SERVING = Pattern.compile("Lifecycle view on http://127\\.0\\.0\\.1:(\\d+)/ \\(Ctrl-C stops\\)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(120) // a server that never says where it listens would be waited for without end
    void servesThePageAndTheCatalogsDataUntilStopped() throws Exception {
        Path catalogDir = Files.createDirectories(dir.resolve("catalog"));
        SoundCatalog sound;
        String before;
        List<LifecycleEvent> app1Events;
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            sound = SoundCatalog.writeTo(catalog);
            before = CatalogRows.checksum(catalog);
            app1Events = catalog.history(sound.app1.digest());
        }
        Path config = Files.writeString(dir.resolve("config.yaml"), "registries: []\n");
        Process serve = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ImageLifecycleCli.class.getName(), "serve", "--catalog", catalogDir.toString(),
                "--config", config.toString(), "--port", "0")
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            String first = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher serving = SERVING.matcher(String.valueOf(first));
            assertThat(serving.matches()).as("its first line: " + first).isTrue();
            String root = "http://127.0.0.1:" + serving.group(1) + "/";

            HttpResponse<String> page = get(root);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(ViewPage.SERVED_CSP);
            assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            assertThat(page.body()).contains(ViewPage.JS).contains(ViewPage.CSS).contains("data-src=\"data.json\"")
                    .contains("data-history-src=\"history.json\"");
            for (String asset : List.of(ViewPage.JS, ViewPage.CSS)) {
                HttpResponse<String> served = get(root + asset);
                assertThat(served.statusCode()).as(asset).isEqualTo(200);
                assertThat(served.body()).as(asset).isEqualTo(new String(ViewPage.asset(asset).orElseThrow(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> data = get(root + "data.json");
            assertThat(data.statusCode()).isEqualTo(200);
            assertThat(data.headers().firstValue("Content-Type")).contains("application/json");
            JsonNode view = Json.read(data.body());
            assertThat(view.path("schema").asText()).isEqualTo("image-lifecycle-view/v2");
            assertThat(view.path("images")).extracting(i -> i.path("digest").asText())
                    .contains(sound.blessed.digest(), sound.app1.digest(), sound.app2.digest(), sound.retired.digest());
            assertThat(view.path("images")).as("each image's history is asked for on its own")
                    .allSatisfy(i -> assertThat(i.has("history")).isFalse());

            HttpResponse<String> history = get(root + "history.json?digest=" + sound.app1.digest().replace(":", "%3A"));
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(history.headers().firstValue("Content-Security-Policy")).contains(ViewPage.SERVED_CSP);
            JsonNode events = Json.read(history.body());
            assertThat(events.path("schema").asText()).isEqualTo("image-lifecycle-view-history/v2");
            assertThat(events.path("digest").asText()).isEqualTo(sound.app1.digest());
            assertThat(events.path("history")).extracting(e -> e.path("at").asText() + " " + e.path("action").asText() + " by "
                    + e.path("actor").asText()).as("every event, oldest first").containsExactlyElementsOf(app1Events.stream()
                    .map(e -> e.at() + " " + e.action() + " by " + e.actor()).toList());

            HttpResponse<String> bad = get(root + "history.json?digest=sha256:12ab");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("Digest 'sha256:12ab' has 4 hex characters; sha256 needs 64\n");
            HttpResponse<String> missing = get(root + "history.json");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).isEqualTo("Parameter 'digest' is missing; expected /history.json?digest=sha256:<64 hex characters>\n");
            String unknown = "sha256:" + "0".repeat(64);
            HttpResponse<String> notFound = get(root + "history.json?digest=" + unknown);
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.body()).isEqualTo("Image '" + unknown + "' is not in the view; expected the digest of an image it shows\n");
            assertThat(get(root + "no-such-page").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(root)).POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);

            serve.destroy(); // SIGTERM, as a terminal's Ctrl-C (SIGINT) ends it: the JVM's own shutdown
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(serve.exitValue()).as("ended by the signal").isEqualTo(143);
            assertThatThrownBy(() -> get(root)).as("nothing listens any more").isInstanceOf(ConnectException.class);
            assertThat(Files.readString(dir.resolve("serve.err"))).doesNotContain("\tat ").doesNotContain("Exception");
        } finally {
            serve.destroyForcibly();
        }
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            assertThat(CatalogRows.checksum(catalog)).as("serving only reads the catalog").isEqualTo(before);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
