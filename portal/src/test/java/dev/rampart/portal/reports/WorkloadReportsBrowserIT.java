package dev.rampart.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.web.Browser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The Endpoints and Identities reports, help pages and help/incident search suggestions as an analyst sees them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadReportsBrowserIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "wrbr");
    }

    @Test
    void reports_drawChartsWithTheirTables_atTwoSizes() {
        for (int[] size : List.of(new int[] {1440, 900}, new int[] {1920, 1080})) {
            try (Browser b = new Browser(size[0], size[1])) {
                b.signIn(url(""), f.allUser(), ScopeFixture.PASSWORD);
                for (String kind : List.of("endpoints", "identities")) {
                    b.driver.get(url("/reports/" + kind + "?days=7"));
                    b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".report-chart canvas")));
                    assertThat(b.driver.findElement(By.cssSelector(".page-header")).getText()).contains("Generate PDF", "Export CSV");
                    assertThat(b.driver.findElements(By.cssSelector(".card table.grid")).size()).isGreaterThanOrEqualTo(2);
                    b.shot("report-" + kind + "-" + size[0]);
                }
            }
        }
    }

    @Test
    void searchSuggestsIncidentsAndHelp_andHelpPageReads() {
        try (Browser b = new Browser(1440, 900)) {
            b.signIn(url(""), f.allUser(), ScopeFixture.PASSWORD);
            WebElement box = b.driver.findElement(By.id("global-search"));
            box.sendKeys("wrbr");
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-suggest a[href='/incidents/" + f.usAlert().incidentId() + "']")));
            b.shot("search-incidents");
            box.clear();
            box.sendKeys("correlat");
            WebElement help = b.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#search-suggest a[href='/help/incident-correlation']")));
            b.shot("search-help");
            help.click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".page-header h1"), "How incidents are correlated"));
            b.shot("help-topic");
        }
    }
}
