package dev.rampart.portal.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Settings › Workloads, the partner catalog and the feedback form in a real browser, with screenshots. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSettingsBrowserIT extends AbstractPortalIT {
    @Autowired
    JdbcClient jdbc;

    Browser browser;

    @BeforeAll
    void setUp() {
        browser = new Browser(1440, 900);
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void tearDown() {
        browser.close();
    }

    @AfterEach
    void backToDefaults() {
        jdbc.sql("DELETE FROM workload_state").update();
    }

    @Test
    void admin_startsATrial_andTheWorkloadShowsItsDaysLeft() {
        browser.driver.get(url("/settings/workloads"));
        browser.driver.findElement(By.cssSelector("tr[data-workload='cloud-workloads'] form[action$='/trial'] button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-ok"), "Cloud workloads trial started"));
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-workload='cloud-workloads']")).getText()).contains("Trial", "90 days left", "End trial");
        browser.shot("settings-workloads");
    }

    @Test
    void pageOfADisabledWorkload_saysWhyItIsMissing() {
        browser.driver.get(url("/settings/workloads"));
        browser.driver.findElement(By.cssSelector("tr[data-workload='identity'] form[action$='/disable'] button")).click();
        browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-ok"), "Identities is disabled"));
        assertThat(browser.driver.findElements(By.cssSelector(".sidenav a[href='/identities']"))).isEmpty();
        browser.driver.get(url("/identities"));
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Identities is not enabled on this installation");
        browser.shot("workload-not-enabled");
    }

    @Test
    void partnerCatalog_filtersByCategoryChip_andSearch() {
        browser.driver.get(url("/partners?tab=technology"));
        browser.driver.findElement(By.cssSelector("a.chip[data-category='threat-intel']")).click();
        browser.wait.until(ExpectedConditions.attributeContains(By.cssSelector("a.chip[data-category='threat-intel']"), "class", "active"));
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-partner]"))).hasSizeGreaterThan(3);
        assertThat(browser.driver.findElement(By.cssSelector("table.catalog")).getText()).contains("MISP").doesNotContain("Splunk");
        browser.driver.findElement(By.id("cat-q")).sendKeys("stix");
        browser.driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-partner]"), 1));
        browser.driver.get(url("/partners"));
        browser.driver.findElement(By.cssSelector("tr[data-integration='format-windows'] button[type=submit]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("integration-test-result"), "test succeeded"));
        browser.shot("partner-catalog");
    }

    @Test
    void feedbackForm_fromTheUserMenu_showsFieldErrors_thenStores() {
        browser.driver.get(url("/incidents"));
        browser.driver.findElement(By.cssSelector(".user-menu summary")).click();
        browser.driver.findElement(By.linkText("Send feedback")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-header h1"), "Send feedback"));
        assertThat(browser.driver.findElement(By.id("fb-page")).getAttribute("value")).isEqualTo("/incidents");
        browser.driver.findElement(By.cssSelector("button.btn-primary[type=submit]")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
        assertThat(browser.driver.findElement(By.cssSelector("form.feedback-form")).getText()).contains("Choose a category", "the message is empty");
        browser.shot("feedback-form-errors");
        browser.driver.findElement(By.cssSelector("input[name=category][value=PROBLEM]")).click();
        browser.driver.findElement(By.id("fb-message")).sendKeys("The incident graph overlaps the side panel at 1440 px.");
        assertThat(browser.driver.findElement(By.id("fb-message-count")).getText()).contains("of 4000 used");
        browser.driver.findElement(By.cssSelector("button.btn-primary[type=submit]")).click();
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-ok")));
        browser.shot("feedback-form-sent");
        browser.driver.get(url("/settings/feedback"));
        assertThat(browser.driver.findElement(By.cssSelector("table.feedback-list")).getText()).contains("The incident graph overlaps");
        browser.shot("settings-feedback");
    }
}
