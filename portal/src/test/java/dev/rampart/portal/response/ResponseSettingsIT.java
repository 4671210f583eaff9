package dev.rampart.portal.response;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.UserAccounts;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings › Sensors and Settings › Indicators pages, and the indicators API's CSV import. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseSettingsIT extends AbstractPortalIT {
    private static final String PW = "response-settings-pw-1234";

    @Autowired
    UserAccounts users;

    @BeforeAll
    void users() {
        users.create("rs-reader", "Reader", null, PW, List.of("security-reader"));
    }

    @Test
    void sensorsPage_createsTokenShownOnce_thatEnrolsOneSensor() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> page = admin.post("/settings/sensors/tokens", form("label", "Page token", "maxUses", "1", "validHours", "2"));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(ret_[A-Za-z0-9_-]+)").matcher(page.body());
        assertThat(m.find()).isTrue();
        String enrol = "{\"token\":\"" + m.group(1) + "\",\"deviceId\":\"rs-dev-1\",\"deviceName\":\"rs-dev-1\"}";
        assertThat(post("/api/v1/sensors/enrol", "application/json", enrol, null, null).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/sensors/enrol", "application/json", enrol.replace("rs-dev-1", "rs-dev-2"), null, null).statusCode())
                .as("a one-time token enrols one sensor").isEqualTo(401);
        String list = admin.get("/settings/sensors").body();
        assertThat(list).contains("rs-dev-1").contains("1 of 1").doesNotContain(m.group(1));
        WebSession reader = WebSession.signIn(port, "rs-reader", PW);
        assertThat(reader.get("/settings/sensors").body()).contains("rs-dev-1").doesNotContain("Create enrolment token");
        assertThat(reader.post("/settings/sensors/tokens", form("label", "x")).statusCode()).isEqualTo(403);
    }

    @Test
    void indicatorCsvImport_isAllOrNothing_andNamesTheBadLine() throws Exception {
        String good = "IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title\n"
                + "FileSha256," + "c".repeat(64) + ",,BlockAndRemediate,High,Dropper\n"
                + "DomainName,rs-evil.example,2099-01-01,Block,Medium,C2 domain\n";
        HttpResponse<String> bad = post("/api/v1/indicators/import", "text/csv", good + "IpAddress,999.1.1.1,,Block,Low,x\n", "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 4").contains("\"line\":4");
        assertThat(get("/api/v1/indicators?search=rs-evil", "admin", ADMIN_PASSWORD).body()).contains("\"total\":0");
        HttpResponse<String> ok = post("/api/v1/indicators/import", "text/csv", good, "admin", ADMIN_PASSWORD);
        assertThat(ok.body()).isEqualTo("{\"imported\":2}");
        assertThat(post("/api/v1/indicators/import", "text/csv", good, "rs-reader", PW).statusCode()).isEqualTo(403);
        String page = WebSession.signIn(port, "rs-reader", PW).get("/settings/indicators?search=rs-evil").body();
        assertThat(page).contains("rs-evil.example").contains("C2 domain").doesNotContain("Add indicator");
    }

    @Test
    void indicator_blockOnCertificate_isRejectedWithTheAllowedActions() throws Exception {
        HttpResponse<String> r = post("/api/v1/indicators", "application/json",
                "{\"type\":\"CertificateThumbprint\",\"value\":\"" + "a".repeat(40) + "\",\"action\":\"Block\"}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"action\"").contains("Block and remediate");
    }
}
