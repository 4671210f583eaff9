package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.web.Browser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** The portal as an analyst meets it: search to an entity page, the device page, tailoring home, the live bell. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalExperienceBrowserIT extends AbstractPortalIT {
    @Autowired
    EventStore store;
    @Autowired
    EntitySearch search;
    @Autowired
    Notifications notifications;

    EntityFixture fx;
    Browser browser;

    @BeforeAll
    void setUp() {
        fx = new EntityFixture(store, "brwsx");
        while (!search.rebuild()) {
            Thread.onSpinWait();
        }
        browser = new Browser(1440, 900);
        // htmx swaps replace elements while a wait polls them.
        browser.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.signIn(url(""), "admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void tearDown() {
        browser.close();
    }

    @Test
    void searchSuggestions_leadToTheEntityPage() {
        browser.driver.get(url("/"));
        WebElement box = browser.driver.findElement(By.id("global-search"));
        box.sendKeys("brwsx-ws");
        WebElement item = browser.wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-suggest a.suggest-item[href='/devices/" + fx.deviceId + "']")));
        assertThat(browser.driver.findElement(By.id("search-suggest")).getText()).contains("DEVICES");
        browser.shot("search-suggestions");
        item.click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-header h1"), fx.deviceName));
        // Enter on an exact IP skips the results page.
        box = browser.driver.findElement(By.id("global-search"));
        box.sendKeys(fx.ip, Keys.ENTER);
        browser.wait.until(ExpectedConditions.urlContains("/ips/" + fx.ip));
        browser.shot("ip-page");
    }

    @Test
    void devicePage_showsOverviewAndFiltersTheTimeline() {
        browser.driver.get(url("/devices/" + fx.deviceId));
        assertThat(browser.driver.findElement(By.cssSelector(".page-header h1")).getText()).isEqualTo(fx.deviceName);
        assertThat(browser.driver.findElement(By.linkText("Go hunt")).getAttribute("href")).contains("/hunting?q=");
        // The response panel is served by the response feature and loaded into the page.
        browser.wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.id("device-actions")));
        assertThat(browser.driver.findElement(By.id("device-actions")).getText()).contains("Sensor:");
        browser.shot("device-page");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("tl-table"))).selectByValue("DeviceLogonEvents");
        browser.wait.until(d -> d.findElements(By.cssSelector("#timeline table.timeline td")).stream()
                .noneMatch(td -> td.getText().equals("DeviceProcessEvents")));
        assertThat(browser.driver.findElement(By.id("timeline")).getText()).contains("LogonFailed");
        browser.shot("device-timeline-filtered");
    }

    @Test
    void homeCards_canBeRemovedAddedAndReordered() {
        browser.driver.get(url("/"));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".home-card .kpi-value, .home-card table, .home-card .empty")));
        List<String> before = cards();
        String first = before.get(0);
        browser.driver.findElement(By.cssSelector("[data-card='" + first + "'] button[aria-label^='Remove']")).click();
        browser.wait.until(d -> !cards().contains(first));
        browser.driver.findElement(By.cssSelector(".add-cards summary")).click();
        browser.driver.findElement(By.xpath("//details[contains(@class,'add-cards')]//button[normalize-space()='Hunting quick start']")).click();
        browser.wait.until(d -> cards().contains("hunting-quick-start"));
        browser.driver.findElement(By.cssSelector("[data-card='hunting-quick-start'] button[aria-label^='Move'][aria-label$='earlier']")).click();
        browser.wait.until(d -> cards().indexOf("hunting-quick-start") == cards().size() - 2);
        browser.driver.navigate().refresh();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".home-card canvas")));
        assertThat(cards().indexOf("hunting-quick-start")).isEqualTo(cards().size() - 2);
        browser.shot("home-customised");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Reset to defaults']")).click();
        browser.wait.until(d -> cards().equals(before));
    }

    @Test
    void bellCount_updatesLive_whenANotificationArrives() {
        browser.driver.get(url("/devices"));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-bell] summary svg")));
        notifications.toUser("admin", Notifications.Kind.WARNING, "Live push check", "sent while the page was open", null);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-bell] summary .badge")));
        browser.shot("bell-live");
    }

    @Test
    void securityReport_drawsItsCharts() {
        browser.driver.get(url("/reports?days=7"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".report-chart canvas")).size() >= 3);
        browser.shot("security-report");
    }

    private List<String> cards() {
        return browser.driver.findElements(By.cssSelector(".home-card")).stream().map(e -> e.getAttribute("data-card")).toList();
    }
}
