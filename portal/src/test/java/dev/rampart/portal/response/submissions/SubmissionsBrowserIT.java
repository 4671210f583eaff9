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
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    dev.rampart.portal.incidents.Correlator correlator;

    @Test
    void detectionSubmission_offersTheTuningRule_andCreatingItIsReported() throws Exception {
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.TestingAuthenticationToken("sub-web", "x", "PERM_SECURITY_DATA_READ",
                        dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        dev.rampart.portal.incidents.Alert a;
        try {
            java.time.Instant t = java.time.Instant.now().minusSeconds(600);
            a = correlator.raise(new dev.rampart.portal.incidents.NewAlert("sb", "Backup agent flagged as credential dumping " + run, "",
                    dev.rampart.portal.incidents.Severity.MEDIUM, dev.rampart.portal.incidents.Category.CREDENTIAL_ACCESS, java.util.List.of("T1003"),
                    "custom", "microsoftDefenderForEndpoint", "sub-web-" + run, "", t, t.plusSeconds(5), java.util.List.of(
                            dev.rampart.portal.incidents.Evidence.of(dev.rampart.portal.incidents.EntityType.DEVICE, "backup-" + run, "suspicious", java.util.List.of()),
                            dev.rampart.portal.incidents.Evidence.of(dev.rampart.portal.incidents.EntityType.IP, "198.18.7." + (Math.abs(run.hashCode()) % 200 + 20),
                                    "suspicious", java.util.List.of())), java.util.List.of()));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        browser.driver.get(url("/submissions/new?type=detection&value=" + a.id()));
        browser.driver.findElement(By.xpath("//button[text()='Submit']")).click();
        browser.wait.until(ExpectedConditions.urlMatches(".*/submissions/\\d+$"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[text()='Create tuning rule']")));
        browser.shot("submission-detection");
        browser.driver.findElement(By.xpath("//button[text()='Create tuning rule']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "future matching alerts are resolved"));
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Tuning rule", "title equals");
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
