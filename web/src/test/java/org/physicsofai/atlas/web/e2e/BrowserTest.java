package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium, driven through chromedriver, against the shared application (the one of
 * {@link AtlasWebTest}, so no other application starts). One browser per test class, with a fresh
 * profile in a temporary directory; nothing is downloaded (the driver service is given explicitly, so
 * Selenium Manager never runs). Waits are explicit and generous, because the machine may be loaded.
 *
 * <p>The browser's console is read after every test: an error there (a script error, a resource
 * that failed to load, a Content-Security-Policy violation) fails the test. {@link FailureRecorder}
 * keeps a screenshot and the page source of a failed test.
 *
 * <p>Tagged {@code browser}: a developer without Chromium can run the rest with
 * {@code -DexcludedGroups=browser}. Without that, a missing driver is an error, never a skip.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(FailureRecorder.class)
public abstract class BrowserTest extends AtlasWebTest {

    /** Where the driver and the browser are; both may be overridden with system properties. */
    static final String CHROMEDRIVER = System.getProperty("atlas.e2e.chromedriver", "/usr/bin/chromedriver");

    static final String CHROMIUM = System.getProperty("atlas.e2e.chromium", "/usr/bin/chromium");

    /** The name of the entity an entity page is about. */
    protected static final By ENTITY_LABEL = By.cssSelector("#content > hgroup > h1");

    /** How long a page, a script's answer or a drawing may take on a busy machine. */
    protected static final Duration WAIT = Duration.ofSeconds(45);

    private ChromeDriverService service;
    private Path profile;
    private WebDriver driver;
    private WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMEDRIVER)) || !Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("The browser tests need Chromium at " + CHROMIUM + " and chromedriver at "
                    + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver; other places: "
                    + "-Datlas.e2e.chromium=... -Datlas.e2e.chromedriver=...). To run the other tests "
                    + "without them, add -DexcludedGroups=browser.");
        }
        profile = Files.createTempDirectory("atlas-browser");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--lang=en",
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withTimeout(WAIT)
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                FileSystemUtils.deleteRecursively(profile);
            }
        }
    }

    /** Each journey starts signed out, on no page, with no console messages left from the one before. */
    @BeforeEach
    void freshPage() {
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER);
        consoleErrors.clear();
    }

    protected WebDriver browser() {
        return driver;
    }

    protected WebDriverWait waiting() {
        return wait;
    }

    /** Opens a path of the application and waits until the document has loaded. */
    protected void open(String path) {
        driver.get(url(path));
        waitForDocument();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The path (and query) of the page the browser shows. */
    protected String currentPath() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('/', "http://".length()));
    }

    protected void waitForDocument() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    protected WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected WebElement clickable(By by) {
        return wait.until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Clicks an element that leads to another page and waits until that page has replaced this one. */
    protected void clickAndWaitForPage(WebElement element) {
        WebElement html = driver.findElement(By.tagName("html"));
        element.click();
        wait.until(ExpectedConditions.stalenessOf(html));
        waitForDocument();
    }

    protected Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Makes the account if needed and signs in through the login page. */
    protected void signInAs(String username, Role role) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Dr " + username, PASSWORD, role);
        }
        open("/login");
        visible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        clickAndWaitForPage(driver.findElement(By.cssSelector("#login-form button[type=submit]")));
        assertThat(driver.findElements(By.id("sign-out")))
                .as("signed in as %s", username)
                .isNotEmpty();
    }

    /** Signs out with the header's button. */
    protected void signOut() {
        clickAndWaitForPage(clickable(By.cssSelector("#sign-out button")));
        visible(By.id("sign-in"));
    }

    /**
     * The errors the browser's console has reported since the last call, across every page visited
     * since: script errors, failed loads (the browser's own request for {@code /favicon.ico} included)
     * and Content-Security-Policy violations.
     */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    || entry.getMessage().contains("Content Security Policy")) {
                consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /**
     * Takes the console's reports that contain the text out of those that fail the test: for a failed
     * load the test provokes on purpose (a query answered 400, say). Gives back what it took.
     */
    protected List<String> takeConsoleErrors(String containing) {
        consoleErrors();
        List<String> taken =
                consoleErrors.stream().filter(e -> e.contains(containing)).toList();
        consoleErrors.removeAll(taken);
        return taken;
    }

    /** Writes a screenshot and the page source under the given name; used when a test fails. */
    void record(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(directory.resolve(name + ".png"), png);
        Files.writeString(directory.resolve(name + ".html"), driver.getPageSource());
        Files.write(directory.resolve(name + ".console.txt"), consoleErrors);
    }

    boolean started() {
        return driver != null;
    }
}
