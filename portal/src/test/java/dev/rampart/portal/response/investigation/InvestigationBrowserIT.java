package dev.rampart.portal.response.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.web.Browser;
import dev.rampart.kql.schema.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** From the alert page to the investigation page (graph drawn, panels spaced) in a real browser; readers see no start button. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestigationBrowserIT extends AbstractPortalIT {
    private static final String PW = "investigation-browser-pw-1234";

    @Autowired
    Correlator correlator;
    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups groups;
    @Autowired
    DeviceGroupMembership membership;
    @Autowired
    UserAccounts users;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String host = "air-web-" + run + ".corp.example";
    private Alert alert;
    private Browser browser;

    @BeforeAll
    void seed() throws Exception {
        users.create("invb-reader", "Reader", null, PW, List.of("security-reader"));
        Table info = events.table("DeviceInfo");
        events.write(s -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[info.indexOf("DeviceId")] = "id-" + host;
            r[info.indexOf("DeviceName")] = host;
            r[info.indexOf("OSPlatform")] = "Windows11";
            s.appender("DeviceInfo").append(r);
            return null;
        });
        groups.create(new DeviceGroups.Input("AIR web " + run, "", "SEMI_ALL_FOLDERS", null, Map.of("NAME", List.of(host))));
        membership.refresh();
        String sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        assertThat(post("/api/v1/actions", "application/json", "{\"type\":\"addFileIndicator\",\"target\":\"" + sha
                + "\",\"comment\":\"Known dropper\",\"parameters\":{\"title\":\"Emotet dropper\"}}", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("air-web", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        try {
            Instant t = Instant.now().minusSeconds(900);
            alert = correlator.raise(new NewAlert("ra", "Emotet dropper executed on " + host, "A known dropper ran.", Severity.HIGH, Category.EXECUTION,
                    List.of("T1204.002"), "custom", "microsoftDefenderForEndpoint", "air-web", "", t, t.plusSeconds(5),
                    List.of(Evidence.of(EntityType.DEVICE, host, "suspicious", List.of()), Evidence.of(EntityType.FILE, sha, "malicious", List.of()),
                            Evidence.of(EntityType.IP, "192.0.2." + (Math.abs(run.hashCode()) % 200 + 20), "suspicious", List.of("destination")),
                            Evidence.of(EntityType.USER, "ann" + run + "@corp.example", "suspicious", List.of()))));
        } finally {
            SecurityContextHolder.clearContext();
        }
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
    void startFromAlertPage_opensTheInvestigation_withVerdictsActionsAndLog() {
        browser.driver.get(url("/alerts/" + alert.id()));
        browser.driver.findElement(By.xpath("//button[text()='Start automated investigation']")).click();
        browser.wait.until(ExpectedConditions.urlMatches(".*/investigations/\\d+$"));
        String text = browser.driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("Pending approval", "Malicious", "Indicator", "Emotet dropper", "Stop and quarantine file", "Playbook log",
                "Semi – require approval for all folders");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#investigation-graph canvas")));
        Object gap = browser.driver.executeScript("var s = document.querySelectorAll('.stack > section');"
                + "return s[1].getBoundingClientRect().top - s[0].getBoundingClientRect().bottom;");
        assertThat(((Number) gap).doubleValue()).as("space between the investigation panels").isGreaterThanOrEqualTo(10);
        browser.shot("investigation-page");
        browser.driver.get(url("/investigations?state=PENDING_APPROVAL"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid")));
        assertThat(browser.driver.findElement(By.cssSelector("table.grid")).getText()).contains(host);
        browser.shot("investigations-list");
    }

    @Test
    void reader_seesNoStartButton_andCannotStart() throws Exception {
        WebSession reader = WebSession.signIn(port, "invb-reader", PW);
        assertThat(reader.get("/alerts/" + alert.id()).body()).doesNotContain("Start automated investigation");
        assertThat(reader.post("/investigations", WebSession.form("alertId", alert.id())).statusCode()).isEqualTo(403);
        assertThat(reader.get("/investigations").statusCode()).isEqualTo(200);
    }
}
