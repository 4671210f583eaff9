package dev.rampart.portal.response.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.web.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An analyst uploads a reported email through the form; the detail page updates itself with the verdict and reasons. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionsBrowserIT extends AbstractPortalIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Browser browser;

    @BeforeAll
    void open() {
        browser = new Browser(1440, 900);
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void uploadEmail_detailShowsVerdictReasonsAndFollowUps_listShowsIt() throws Exception {
        Path eml = Files.createTempFile("reported-" + run, ".eml");
        Files.writeString(eml, EmailAnalysisTest.phish("payslip-" + run + ".pdf.exe"), StandardCharsets.UTF_8);
        browser.driver.get(url("/submissions/new"));
        browser.shot("submission-new");
        browser.driver.findElement(By.cssSelector("input[name=type][value=EMAIL]")).click();
        browser.driver.findElement(By.id("s-file")).sendKeys(eml.toAbsolutePath().toString());
        browser.driver.findElement(By.cssSelector("input[name=claim][value=FALSE_NEGATIVE]")).click();
        browser.driver.findElement(By.id("s-notes")).sendKeys("Reported by Ann from finance");
        browser.driver.findElement(By.xpath("//button[text()='Submit']")).click();
        browser.wait.until(ExpectedConditions.urlMatches(".*/submissions/\\d+$"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "need an analyst's review"));
        String text = browser.driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("Suspicious", "Why this verdict", "Reply-To collect@another-domain.example", "display-name spoofing",
                "Email summary", "alerts@pay-portal.example", "Create indicator", "Reported by Ann from finance");
        browser.shot("submission-detail");
        browser.driver.get(url("/submissions"));
        assertThat(browser.driver.findElement(By.cssSelector("table.grid")).getText()).contains("Action required: salary update", "Suspicious");
        assertThat(browser.driver.findElement(By.cssSelector(".sidenav")).getText()).contains("Submissions");
        browser.shot("submissions-list");
        Files.deleteIfExists(eml);
    }
}
