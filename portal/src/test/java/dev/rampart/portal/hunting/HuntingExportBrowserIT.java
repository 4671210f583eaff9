package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.web.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Export from the hunting page in a real browser: the CSV and JSON menu items download files (chromium's download
 * directory is set through the DevTools protocol) holding every row; then the query resources report lists the run
 * and opens it back in the editor.
 */
class HuntingExportBrowserIT extends AbstractPortalIT {
    static final String QUERY = "range x from 1 to 120 step 1 | extend Name = strcat(\"row,\", tostring(x))";
    static Browser browser;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        browser = new Browser(1440, 900);
        downloads = Files.createTempDirectory("rampart-downloads");
        browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private Path downloaded(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> Files.exists(file)
                && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    @org.springframework.beans.factory.annotation.Autowired
    HuntingRuns runs;

    @Test
    void exportMenu_downloadsCsvAndJsonWithEveryRow_andTheReportReopensTheRun() throws Exception {
        // Other interfaces and outcomes, so the report shows more than the run made here (which stays the newest).
        runs.record(HuntingRuns.DETECTION, "system", "Suspicious PowerShell download cradle", "DeviceProcessEvents | take 1", "PT1H",
                "completed", Duration.ofMillis(2_400), Duration.ofMillis(1_900));
        runs.record(HuntingRuns.API, "soar-connector", "soar-connector", "DeviceNetworkEvents | take 1", "P30D", "completed",
                Duration.ofSeconds(41), Duration.ofSeconds(23));
        runs.record(HuntingRuns.API, "soar-connector", "soar-connector", "DeviceNetworkEvents | take 1", "P30D", "throttled",
                Duration.ZERO, Duration.ZERO);
        runs.record(HuntingRuns.PORTAL, "exb-analyst", "exb-analyst", "DeviceFileEvents | where x", "P7D", "failed",
                Duration.ofMillis(12), Duration.ofMillis(15));
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/hunting?q=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8)));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror"))).click();
        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-bar strong"), "120 items"));
        assertThat(browser.driver.findElement(By.cssSelector(".result-bar")).getText()).contains("CPU ");

        browser.driver.findElement(By.xpath("//summary[text()='Export']")).click();
        browser.driver.findElement(By.partialLinkText("CSV (all 120 rows)")).click();
        List<String> csv = Files.readAllLines(downloaded("hunting-results.csv"));
        assertThat(csv).hasSize(121);
        assertThat(csv.get(0)).isEqualTo("x,Name");
        assertThat(csv.get(1)).isEqualTo("1,\"row,1\"");
        assertThat(csv.get(120)).isEqualTo("120,\"row,120\"");

        if (!browser.driver.findElement(By.partialLinkText("JSON (all 120 rows)")).isDisplayed()) {
            browser.driver.findElement(By.xpath("//summary[text()='Export']")).click();
        }
        browser.driver.findElement(By.partialLinkText("JSON (all 120 rows)")).click();
        String json = Files.readString(downloaded("hunting-results.json"));
        assertThat(json).startsWith("[{\"x\":1,\"Name\":\"row,1\"}").endsWith("{\"x\":120,\"Name\":\"row,120\"}]");

        browser.driver.findElement(By.linkText("Query resources")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".report-chart canvas")));
        assertThat(browser.driver.findElement(By.cssSelector(".page-header h1")).getText()).isEqualTo("Query resources");
        assertThat(browser.driver.findElement(By.cssSelector("#runs tbody tr")).getText()).contains("Portal").contains("admin").contains("completed");
        Thread.sleep(1500); // let the chart's entry animation finish before the screenshot
        browser.shot("query-resources-1440");

        browser.driver.findElement(By.cssSelector("#runs tbody tr a")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror")));
        assertThat((String) browser.driver.executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue()")).isEqualTo(QUERY);

        try (Browser wide = new Browser(1920, 1080)) {
            wide.signIn(url(""), "admin", ADMIN_PASSWORD);
            wide.driver.get(url("/reports/query-resources"));
            wide.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".report-chart canvas")));
            Thread.sleep(1500);
            wide.shot("query-resources-1920");
        }
    }
}
