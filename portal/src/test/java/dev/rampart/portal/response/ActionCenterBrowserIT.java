package dev.rampart.portal.response;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.web.Browser;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Action center in a real browser: bulk approve from Pending, History with the detail panel, reader limits, CSV export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionCenterBrowserIT extends AbstractPortalIT {
    private static final String PW = "action-center-pw-1234";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    UserAccounts users;

    private Browser browser;
    private final String marker = "acb-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void seed() throws Exception {
        users.create("acb-reader", "Reader", null, PW, List.of("security-reader"));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = post("/api/v1/actions", "application/json", "{\"type\":\"moveEmailToJunk\",\"target\":\"" + UUID.randomUUID()
                    + "\",\"parameters\":{\"recipient\":\"" + marker + i + "@corp.example\",\"subject\":\"" + marker + " invoice " + i
                    + "\"},\"comment\":\"Phishing wave " + marker + "\"}", "admin", ADMIN_PASSWORD);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
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
    void pending_bulkApprove_thenHistoryShowsThemWithDetailPanel() {
        browser.driver.get(url("/action-center/pending"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid")));
        browser.shot("action-center-pending");
        List<String> rows = browser.driver.findElements(By.xpath("//tr[contains(., '" + marker + "')]//input[@type='checkbox']"))
                .stream().map(e -> e.getAttribute("value")).toList();
        assertThat(rows).hasSize(2);
        for (String id : rows) {
            browser.driver.findElement(By.cssSelector("input[name=ids][value='" + id + "']")).click();
        }
        browser.driver.findElement(By.id("bulk-comment")).sendKeys("Confirmed phish, remove");
        browser.driver.findElement(By.cssSelector("button[value=approve]")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-info"), "2 action(s) approved."));

        browser.driver.get(url("/action-center/history?target=" + marker));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid")));
        assertThat(browser.driver.findElements(By.xpath("//tbody/tr"))).hasSize(2);
        browser.driver.findElement(By.xpath("//tbody/tr[1]//a[text()='Move to Junk']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flyout"), "Decided by"));
        assertThat(browser.driver.findElement(By.id("flyout")).getText()).contains("Confirmed phish, remove").contains("Phishing wave " + marker);
        assertThat(browser.driver.getCurrentUrl()).as("the open panel is in the URL").contains("action=");
        browser.shot("action-center-history");
    }

    @Test
    void reader_seesHistory_butCannotDecide_andExportIsCsv() throws Exception {
        WebSession reader = WebSession.signIn(port, "acb-reader", PW);
        HttpResponse<String> page = reader.get("/action-center/pending");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("Approve selected");
        assertThat(reader.post("/action-center/decide", form("decision", "approve", "comment", "x")).statusCode()).isEqualTo(403);
        HttpResponse<String> csv = reader.get("/action-center/export?target=" + marker);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("Id,Requested (UTC),Action").contains("Move to Junk");
        assertThat(reader.get("/response/devices/unknown-device/actions").body()).contains("Sensor: No sensor").doesNotContain("Submit");
    }
}
