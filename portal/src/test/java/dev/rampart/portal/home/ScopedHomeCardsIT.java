package dev.rampart.portal.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.access.UserAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Home cards count only the reader's devices: the EU analyst's figures are exactly those of the two EU devices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedHomeCardsIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ObjectMapper json;
    @Autowired
    HomeService home;
    @Autowired
    UserAccounts users;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "shome");
    }

    private JsonNode card(String user, String id) throws Exception {
        for (JsonNode c : json.readTree(get("/api/v1/home/cards", user, ScopeFixture.PASSWORD).body()).get("cards")) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no card " + id + " for " + user);
    }

    /** A card outside the user's default set, read through the service as that user. */
    private HomeService.CardView asUser(String user, HomeCard card) {
        var account = users.loadUserByUsername(user);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, account.getAuthorities()));
        try {
            return home.view(card);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String kpi(JsonNode card) {
        return card.get("kpis").get(0).get("value").asString();
    }

    @Test
    void cards_countOnlyScopedDevices() throws Exception {
        // Each device has one DeviceInfo, process, network and logon row; the EU analyst sees two devices.
        assertThat(kpi(card(f.euUser(), "devices-by-os"))).isEqualTo("2");
        assertThat(asUser(f.euUser(), HomeCard.TELEMETRY_VOLUME).kpis().get(0).value()).isEqualTo("8");
        assertThat(kpi(card(f.euUser(), "sign-in-failures"))).isEqualTo("2");
        assertThat(card(f.euUser(), "top-processes").get("rows").toString()).contains("shome-tool.exe").contains("\"2\"").doesNotContain("\"4\"");
        assertThat(asUser(f.euUser(), HomeCard.INGESTION_HEALTH).kpis().get(1).value()).isEqualTo("8");

        assertThat(Long.parseLong(kpi(card(f.allUser(), "devices-by-os")).replace(",", ""))).isGreaterThanOrEqualTo(4);
    }

    @Test
    void activeIncidents_countAndListOnlyIncidentsOfTheScope() {
        // The US alert's incident is outside the EU analyst's scope: never listed, and the totals differ by at least it.
        HomeService.CardView eu = asUser(f.euUser(), HomeCard.ACTIVE_INCIDENTS);
        HomeService.CardView all = asUser(f.allUser(), HomeCard.ACTIVE_INCIDENTS);
        java.util.Set<String> euLinks = eu.rows().stream().map(r -> r.get(0).link()).collect(java.util.stream.Collectors.toSet());
        assertThat(euLinks).isNotEmpty().doesNotContain("/incidents/" + f.usAlert().incidentId());
        long euTotal = Long.parseLong(eu.kpis().get(0).value().replace(",", ""));
        long allTotal = Long.parseLong(all.kpis().get(0).value().replace(",", ""));
        assertThat(euTotal).isGreaterThanOrEqualTo(1).isLessThan(allTotal);
    }
}
