package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseActions;
import dev.rampart.portal.web.Browser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Opens the Evidence and response and Summary tabs in chromium and keeps screenshots under target/screenshots. */
class IncidentTabsBrowserIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    ResponseActions actions;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void system() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("tabs-browser-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", "PERM_RESPONSE_MANAGE"));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private Alert raise(String title, Severity sev, Category cat, String technique, Instant at, Evidence... ev) {
        return correlator.raise(new NewAlert("ra", title, "", sev, cat, List.of(technique), "custom", "microsoftDefenderForEndpoint",
                "browser-" + cat.graph(), "", at, at.plusSeconds(40), List.of(ev)));
    }

    /** A hands-on-keyboard story on two devices: phishing macro, credential theft, lateral movement, C2 and exfiltration. */
    private long incident() {
        Instant t = Instant.now().minusSeconds(6 * 3600);
        Evidence ws = Evidence.of(EntityType.DEVICE, "ws-fin-" + run + ".corp.example", "suspicious", List.of());
        Evidence dc = Evidence.of(EntityType.DEVICE, "dc01-" + run + ".corp.example", "suspicious", List.of());
        Evidence user = Evidence.of(EntityType.USER, "j.doe-" + run + "@corp.example", "suspicious", List.of());
        Evidence mailbox = Evidence.of(EntityType.MAILBOX, "j.doe-" + run + "@corp.example", "suspicious", List.of("recipient"));
        Evidence c2 = Evidence.of(EntityType.IP, "198.18." + (Math.floorMod(run.hashCode(), 62500) / 250) + "." + (Math.floorMod(run.hashCode(), 250) + 1), "malicious", List.of("destination"));
        Evidence dropper = Evidence.of(EntityType.FILE, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "malicious", List.of());
        Evidence ps = Evidence.of(EntityType.PROCESS, "powershell.exe -nop -w hidden -enc SQBFAFgA", "suspicious", List.of());
        long id = raise("Phishing email with macro attachment delivered", Severity.MEDIUM, Category.INITIAL_ACCESS, "T1566.001", t, mailbox, user).incidentId();
        raise("Office application started an encoded PowerShell command", Severity.HIGH, Category.EXECUTION, "T1059.001", t.plusSeconds(300),
                ws, user, ps, dropper);
        raise("LSASS process memory read by an unsigned binary", Severity.HIGH, Category.CREDENTIAL_ACCESS, "T1003.001", t.plusSeconds(1800), ws, user);
        raise("Remote service created on a domain controller", Severity.HIGH, Category.LATERAL_MOVEMENT, "T1021.002", t.plusSeconds(3600), ws, dc, user);
        raise("Beaconing to a rare external address", Severity.MEDIUM, Category.COMMAND_AND_CONTROL, "T1071.001", t.plusSeconds(4000), ws, c2);
        raise("Large upload to a file-sharing site", Severity.LOW, Category.EXFILTRATION, "T1567.002", t.plusSeconds(9000), dc,
                Evidence.of(EntityType.URL, "https://files-" + run + ".example.net/upload", "suspicious", List.of()), c2);
        actions.propose(new ActionRequest(ActionType.BLOCK_IP, c2.display(), null, Map.of(), "Automated investigation found C2 beaconing", id, null),
                null, false);
        actions.propose(new ActionRequest(ActionType.BLOCK_URL, "files-" + run + ".example.net", null, Map.of(), "Exfiltration target", id, null),
                null, true);
        return id;
    }

    @Test
    void evidenceAndSummaryTabs_render_andAreScreenshotted() {
        long id = incident();
        for (int[] size : new int[][] {{1440, 900}, {1920, 1080}}) {
            try (Browser b = new Browser(size[0], size[1])) {
                b.signIn(url(""), "admin", ADMIN_PASSWORD);
                b.driver.get(url("/incidents/" + id + "?tab=evidence"));
                b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid.evidence")));
                assertThat(b.driver.findElements(By.cssSelector("table.grid.evidence tbody tr"))).hasSize(8);
                assertThat(b.driver.findElement(By.cssSelector("form.decide button[value=approve]")).isDisplayed()).isTrue();
                b.shot("incident-evidence-" + size[0]);
                b.driver.executeScript("document.querySelector('form.decide').scrollIntoView({block: 'center'})");
                b.shot("incident-evidence-actions-" + size[0]);
                b.driver.get(url("/incidents/" + id + "?tab=summary"));
                b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alerts-timeline canvas")));
                assertThat(b.driver.findElements(By.cssSelector(".killchain th.kc-hit"))).hasSize(6);
                b.shot("incident-summary-" + size[0]);
                b.driver.findElement(By.cssSelector(".export-menu summary")).click();
                assertThat(b.driver.findElements(By.cssSelector(".export-menu input[name=section]:checked"))).hasSize(6);
                b.shot("incident-export-menu-" + size[0]);
            }
        }
    }
}
