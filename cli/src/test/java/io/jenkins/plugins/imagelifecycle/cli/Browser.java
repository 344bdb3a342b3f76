package io.jenkins.plugins.imagelifecycle.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its own chromedriver, with the browser console collected. */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;

    Browser() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("chromium and chromium-driver (Debian packages) are needed; ./scripts/test installs them");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        Path profile = Files.createTempDirectory("chromium-profile-");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1500,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    /** Opens {@code url} and waits until the view says it is ready (or failed). */
    void open(String url) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                !"".equals(String.valueOf(d.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("data-ready")))
                        && d.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("data-ready") != null);
    }

    /** Console entries so far: CSP violations and script errors show here. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
