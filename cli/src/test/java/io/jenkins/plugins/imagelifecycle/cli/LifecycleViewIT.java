package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuild;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lifecycle view in a real headless Chromium, over a catalog made by real builds. */
@Tag("integration")
class LifecycleViewIT {
    private static final String INJECTION = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    private static Path dir;
    private static Catalog catalog;
    private static BuiltImage blessed;
    private static BuiltImage app;
    private static BuiltImage nextApp;
    private static Browser browser;

    @BeforeAll
    static void catalogFromRealBuilds() throws Exception {
        dir = Files.createTempDirectory("view-it");
        Path workspace = Workspaces.standard(Files.createDirectories(dir.resolve("ws")));
        catalog = Catalog.open(dir.resolve("catalog").toString());
        var registry = RealDocker.registry();
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-view:1", "view");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        var ops = new BuildOperations(catalog, new ContainerBuild(RealDocker.engine(), registry.client(), h -> Optional.empty()),
                registry.client(), new BuildContext("viewer", "https://builder.example/test", "urn:test:view"));
        blessed = ops.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Dockerfile", "blessed",
                registry.host() + "/blessed/view-" + unique + ":1", Map.of(), null, null), RealDocker.quiet());
        app = ops.augment(workspace, new ContainerBuildRequest(blessed.record().digest(), "app/Dockerfile", "app",
                registry.host() + "/apps/view-" + unique + ":1", Map.of(), null, null), RealDocker.quiet());
        // its next version: release notes against the first in the details
        Workspaces.write(workspace, "app/app.sh", "#!/bin/sh\necho 'hello again'\n");
        nextApp = ops.augment(workspace, new ContainerBuildRequest(blessed.record().digest(), "app/Dockerfile", "app",
                registry.host() + "/apps/view-" + unique + ":2", Map.of(), null, null), RealDocker.quiet());
        new PromoteOperation(catalog, LifecycleConfig.empty(), registry.client(), Clock.systemUTC())
                .promote(new PromoteRequest(app.record().digest(), "dev", null, "view test"), "viewer", RealDocker.quiet());
        // the next version in qa, whose smoke test fails: shown where the environment is, and in its history
        var qa = new io.jenkins.plugins.imagelifecycle.config.Environment("qa", null, false, true).withSoakAndVerify(null,
                new io.jenkins.plugins.imagelifecycle.config.VerifySettings(List.of(), List.of("false"), "1m"));
        new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(new io.jenkins.plugins.imagelifecycle.config.Environment("dev",
                null, false, false), qa)), registry.client(), Clock.systemUTC())
                .verifyingWith(new io.jenkins.plugins.imagelifecycle.lifecycle.LocalPlacementVerifier(workspace, () -> {
                    throw new IllegalStateException("no specs here: the engine is not needed");
                }, h -> Optional.empty()))
                .promote(new PromoteRequest(nextApp.record().digest(), "qa", null, "view test"), "viewer", RealDocker.quiet());
        String old = blessed.record().digest();
        catalog.transition(old, Stage.BUILT, LifecycleEvent.of("viewer", "retire", old, blessed.pushedRef(), Stage.BUILT,
                Stage.RETIRED, INJECTION, null));
        browser = new Browser();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        catalog.close();
    }

    private static List<String> cspOrScriptErrors() {
        return browser.console().stream().filter(l -> l.contains("Content Security Policy") || l.contains("Refused")
                || l.contains("SEVERE")).toList();
    }

    private void checkTheView() {
        var driver = browser.driver;
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ready")).isEqualTo("true");
        List<WebElement> nodes = driver.findElements(By.cssSelector("g.node"));
        assertThat(nodes).hasSize(4); // the upstream base, the blessed image and two versions of the augmented one
        assertThat(driver.findElement(By.id("summary")).getText()).isEqualTo("3 of 3 images");
        assertThat(driver.findElement(By.id("open-findings")).getText()).as("no advisory imported here").isEqualTo("None.");
        assertThat(driver.findElement(By.id("environments")).getText()).contains("✗ verification failed");
        assertThat(driver.findElement(By.id("timelines")).getText()).contains("dev").contains("qa")
                .contains("promotion").contains("by viewer; verification failed; stands there now");

        driver.findElement(By.cssSelector("g.node[data-digest='" + app.record().digest() + "']")).click();
        String details = driver.findElement(By.id("details")).getText();
        assertThat(details).contains(app.record().digest()).contains("augmented").contains("dev").contains("parent retired")
                .contains("OS").containsPattern("packages\\s+0 package\\(s\\), \\d+ file\\(s\\) in \\d+ layer\\(s\\)");
        assertThat(driver.findElements(By.id("release-notes"))).as("the first version has none").isEmpty();
        driver.findElement(By.cssSelector("g.node[data-digest='" + nextApp.record().digest() + "']")).click();
        assertThat(driver.findElement(By.id("release-notes")).getText()).startsWith("# Release notes: `" + nextApp.pushedRef() + "`")
                .contains("changed `/app/app.sh`");

        driver.findElement(By.cssSelector("g.node[data-digest='" + blessed.record().digest() + "']")).click();
        // inline in the report; on a served page asked for when the image is chosen, and drawn when it arrives
        WebElement history = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(history.findElements(By.tagName("li"))).extracting(WebElement::getText)
                .as("its whole history, oldest first").hasSize(catalog.history(blessed.record().digest()).size())
                .first().asString().contains(" bless ");
        assertThat(history.getText()).as("the reason shows as text").contains(INJECTION);
        assertThat(driver.executeScript("return window.__pwned === undefined")).as("nothing from the catalog ran").isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("#details img, #details script"))).isEmpty();

        new Select(driver.findElement(By.id("family"))).selectByVisibleText(app.record().repository());
        assertThat(driver.findElement(By.id("summary")).getText()).isEqualTo("2 of 3 images");
        new Select(driver.findElement(By.id("family"))).selectByIndex(0);
        driver.findElement(By.id("search")).sendKeys(blessed.record().digest().substring(7, 19));
        assertThat(driver.findElement(By.id("summary")).getText()).isEqualTo("1 of 3 images");
        assertThat(cspOrScriptErrors()).isEmpty();
    }

    @Test
    void theServedPageRendersUnderAStrictCspHeaderAndAnswersClicksFiltersAndSearches() throws Exception {
        try (ViewServer server = servedWithHistories(digest -> LifecycleView.history(catalog, digest, shown -> true))) {
            HttpResponse<String> page = get(server, "/");
            assertThat(page.headers().firstValue("Content-Security-Policy")).contains(ViewPage.SERVED_CSP);
            assertThat(page.body()).doesNotContain("onclick=").doesNotContainPattern("<script>[^<]");
            assertThat(Json.read(get(server, "/data.json").body()).path("images")).as("the served data has no history: it is fetched")
                    .isNotEmpty().allSatisfy(i -> assertThat(i.has("history")).isFalse());
            browser.open("http://127.0.0.1:" + server.port() + "/");
            checkTheView();
        }
    }

    @Test
    void aHistoryShowsLoadingUntilItArrivesAndOneLineWhenItCannotBeHad() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        String digest = app.record().digest();
        // the server holds its answer until the page has shown that it waits, then has no such image
        try (ViewServer server = servedWithHistories(asked -> {
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        })) {
            browser.open("http://127.0.0.1:" + server.port() + "/");
            browser.driver.findElement(By.cssSelector("g.node[data-digest='" + digest + "']")).click();
            assertThat(browser.driver.findElement(By.id("history-status")).getText()).isEqualTo("loading…");
            assertThat(browser.driver.findElements(By.id("history"))).isEmpty();
            answer.countDown();
            // the details panel redraws its history part when the answer arrives: an element read in that moment is stale
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("history-status")).getText().startsWith("The history could not load"));
            assertThat(browser.driver.findElement(By.id("history-status")).getText()).isEqualTo("The history could not load: HTTP 404: Image '"
                    + digest + "' is not in the view; expected the digest of an image it shows");
            assertThat(browser.driver.findElement(By.id("details")).getText()).as("the rest of the details stay").contains("augmented");
            assertThat(browser.console()).as("the browser reports the refused request, and nothing else")
                    .singleElement().asString().contains("/history.json?digest=" + digest.replace(":", "%3A")).contains("404");
        }
    }

    /** The view as {@code serve} serves it (history on demand), with one image's history from {@code histories}. */
    private static ViewServer servedWithHistories(ViewServer.Histories histories) throws Exception {
        return new ViewServer(0, json -> LifecycleView.write(catalog, List.of("dev", "qa", "prod"), digest -> true,
                LifecycleView.History.ON_DEMAND, json), histories);
    }

    private static HttpResponse<String> get(ViewServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSelfContainedReportRunsUnderItsOwnHashPolicy() throws Exception {
        Path report = dir.resolve("report.html");
        Files.writeString(report, ViewPage.selfContained(LifecycleView.of(catalog, List.of("dev", "qa", "prod"),
                LifecycleView.History.INLINE)));
        assertThat(Files.readString(report)).contains("http-equiv=\"Content-Security-Policy\"").contains("script-src 'sha256-")
                .doesNotContain("<script>window.__pwned");
        browser.open(report.toUri().toString());
        checkTheView();
    }

    @Test
    void aThousandImageCatalogRendersAndItsFirstRenderIsMeasured() throws Exception {
        try (Catalog big = Catalog.open(dir.resolve("big-catalog").toString())) {
            String base = Digest.sha256("upstream").toString();
            for (int f = 0; f < 50; f++) {
                String blessedDigest = Digest.sha256("blessed" + f).toString();
                big.recordBuilt(new ImageRecord(blessedDigest, "127.0.0.1:5000/blessed/family-" + f, List.of("127.0.0.1:5000/blessed/family-" + f + ":1"),
                        Role.BLESSED, base, "127.0.0.1:5000/upstream/base:1", base, Instant.now(), Stage.TESTED, null, null, "bench", "{}"),
                        LifecycleEvent.of("bench", "bless", blessedDigest, null, null, Stage.TESTED, "synthetic", null));
                for (int a = 0; a < 19; a++) {
                    String d = Digest.sha256("app" + f + "-" + a).toString();
                    big.recordBuilt(new ImageRecord(d, "127.0.0.1:5000/apps/app-" + f, List.of("127.0.0.1:5000/apps/app-" + f + ":" + a),
                            Role.AUGMENTED, blessedDigest, "127.0.0.1:5000/upstream/base:1", base, Instant.now(), Stage.BUILT, null,
                            null, "bench", "{}"), LifecycleEvent.of("bench", "augment", d, null, null, Stage.BUILT, "synthetic", null));
                }
            }
            Path report = dir.resolve("big.html");
            Files.writeString(report, ViewPage.selfContained(LifecycleView.of(big, List.of("dev", "qa", "prod"),
                    LifecycleView.History.INLINE)));
            browser.open(report.toUri().toString());
            assertThat(browser.driver.findElements(By.cssSelector("g.node"))).hasSize(1001);
            System.out.println("first render of 1000 images: " + browser.driver.findElement(By.tagName("body"))
                    .getAttribute("data-render-ms") + " ms");
            assertThat(cspOrScriptErrors()).isEmpty();
        }
    }
}
