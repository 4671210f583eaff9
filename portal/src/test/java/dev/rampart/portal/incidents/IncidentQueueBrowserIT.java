package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.web.Browser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The queue in a real browser: saved filter sets on the page, opening one, the bulk bar appearing on selection. */
class IncidentQueueBrowserIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    UserAccounts users;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void savedSetsAndBulkBar() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("qb-it", "x", "PERM_SECURITY_DATA_READ"));
        try {
            Instant t = Instant.now().minusSeconds(900);
            correlator.raise(new NewAlert("ra", "Suspicious PowerShell download cradle", "d", Severity.HIGH, Category.EXECUTION, List.of("T1059.001"),
                    "customDetection", "microsoftDefenderForEndpoint", "qb-" + run, null, t, t,
                    List.of(Evidence.of(EntityType.DEVICE, "fin-ws-" + run + ".corp.example", "suspicious", List.of()))));
            correlator.raise(new NewAlert("ra", "Password spray against many accounts", "d", Severity.MEDIUM, Category.CREDENTIAL_ACCESS, List.of(),
                    "microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "qb2-" + run, null, t, t,
                    List.of(Evidence.of(EntityType.USER, "payroll" + run + "@corp.example", "suspicious", List.of()))));
        } finally {
            SecurityContextHolder.clearContext();
        }
        users.create("qb-lead-" + run, "Team Lead", null, "Queue-browser-pw-1", List.of(BuiltInRole.SECURITY_OPERATOR.id()));
        WebSession lead = WebSession.signIn(port, "qb-lead-" + run, "Queue-browser-pw-1");
        lead.post("/incidents/filter-sets", WebSession.form("name", "Team: unassigned high", "query", "severity=high&assigned=unassigned", "shared", "true"));
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        admin.post("/incidents/filter-sets", WebSession.form("name", "My queue", "query", "assigned=me"));
        admin.post("/incidents/filter-sets", WebSession.form("name", "Identity alerts " + run, "query", "service=microsoftDefenderForIdentity&q=" + run));

        try (Browser b = new Browser(1440, 900)) {
            b.signIn(url(""), "admin", ADMIN_PASSWORD);
            b.driver.get(url("/incidents"));
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".saved-sets")));
            String sets = b.driver.findElement(By.cssSelector(".saved-sets")).getText();
            assertThat(sets).contains("My queue", "Identity alerts " + run, "Team: unassigned high", "shared by qb-lead-" + run);
            assertThat(b.driver.findElement(By.cssSelector("[data-bulk-bar]")).isDisplayed()).isFalse();
            b.shot("incidents-queue-saved-sets");

            b.driver.findElement(By.linkText("Identity alerts " + run)).click();
            b.wait.until(ExpectedConditions.urlContains("service=microsoftDefenderForIdentity"));
            assertThat(b.driver.findElement(By.cssSelector("table.grid tbody")).getText())
                    .contains("Password spray against many accounts").doesNotContain("Suspicious PowerShell download cradle");
            assertThat(b.driver.findElement(By.cssSelector(".saved-set.active")).getText()).contains("Identity alerts " + run);
            assertThat(b.driver.findElement(By.cssSelector(".more-filters")).getAttribute("open")).isNotNull();
            WebElement box = b.driver.findElement(By.cssSelector("input[name=ids]"));
            box.click();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-bulk-bar]")));
            assertThat(b.driver.findElement(By.cssSelector("[data-bulk-count]")).getText()).isEqualTo("1 selected:");
            b.shot("incidents-queue-opened-set-bulk");

            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
            b.driver.get(url("/incidents"));
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".saved-sets")));
            b.shot("incidents-queue-1920");
        }
    }
}
