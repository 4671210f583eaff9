package dev.rampart.portal.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven through chromedriver with explicit paths (nothing is downloaded).
 * Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {
    public static final Path SHOTS = Path.of("target", "screenshots");
    public final ChromeDriver driver;
    public final WebDriverWait wait;

    public Browser(int width, int height) {
        try {
            Files.createDirectories(SHOTS);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getProperty("rampart.chromedriver", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("rampart.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--user-data-dir=" + Files.createTempDirectory("rampart-chromium"),
                    "--window-size=" + width + "," + height);
            driver = new ChromeDriver(service, options);
            wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in through the login form and waits for the first page. */
    public void signIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page-header h1")));
    }

    public void shot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
