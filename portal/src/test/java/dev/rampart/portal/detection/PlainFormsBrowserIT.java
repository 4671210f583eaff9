package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Plain (non-htmx) POST forms submitted by a real browser carry the CSRF token and are not refused. */
class PlainFormsBrowserIT extends AbstractPortalIT {
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser(1440, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void runNow_onTheRulesList_isAccepted() {
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/detection/rules"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[text()='Run']")));
        browser.driver.findElement(By.xpath("//button[text()='Run']")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page-header h1, .error-code")));
        assertThat(browser.driver.findElements(By.cssSelector(".error-code"))).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("You do not have access");
        browser.shot("detection-rules-after-run");
    }

    @org.springframework.beans.factory.annotation.Autowired
    DetectionRules rules;

    @Test
    void deleteRule_asksFirst_thenRemovesIt() {
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("delete-rule-it"));
        DetectionRule rule;
        try {
            rule = rules.create(new RuleDraft("Delete me " + java.util.UUID.randomUUID().toString().substring(0, 6),
                    "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName, ReportId", Frequency.HOUR_24, "t", "", 
                    dev.rampart.portal.incidents.Severity.LOW, dev.rampart.portal.incidents.Category.EXECUTION, java.util.List.of(), "",
                    EntityMapping.automatic(), false));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
        browser.driver.get(url("/detection/rules/" + rule.id()));
        By delete = By.xpath("//button[text()='Delete']");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(delete)).click();
        assertThat(browser.wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("Delete the rule “" + rule.name() + "”");
        browser.driver.switchTo().alert().dismiss();
        assertThat(rules.find(rule.id())).isPresent();

        browser.driver.findElement(delete).click();
        browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-ok"), "Deleted the rule"));
        assertThat(rules.find(rule.id())).isEmpty();
    }
}
