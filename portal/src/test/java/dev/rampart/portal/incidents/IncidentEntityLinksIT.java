package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.entities.EntityAlertsProvider;
import dev.rampart.portal.entities.EntityAlertsProvider.EntityKind;
import dev.rampart.portal.reports.ReportIncidentsProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Entity pages and reports read alerts and incidents through the providers the incidents feature implements. */
class IncidentEntityLinksIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    EntityAlertsProvider entityAlerts;
    @Autowired
    ReportIncidentsProvider reports;

    @Test
    void relatedTo_findsAlertsByNormalisedEntity_andReportsCountThem() {
        // The providers answer within the caller's data scope; the portal itself sees everything.
        dev.rampart.portal.access.SystemIdentity.run("links-it", () -> {
            check();
            return null;
        });
    }

    private void check() {
        String host = "links-" + UUID.randomUUID().toString().substring(0, 6);
        String title = "Entity link test " + host;
        Instant t = Instant.now().minusSeconds(120);
        Alert a = correlator.raise(new NewAlert("ra", title, "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                "microsoftDefenderForEndpoint", "links-it", null, t, t,
                List.of(Evidence.of(EntityType.DEVICE, host + ".corp.example", "suspicious", List.of()),
                        Evidence.of(EntityType.IP, "198.51.100.77", "suspicious", List.of()),
                        Evidence.of(EntityType.URL, "https://evil-" + host + ".example.net/payload", "suspicious", List.of()),
                        Evidence.of(EntityType.MAILBOX, "billing@mail-" + host + ".example.org", "suspicious", List.of()))));

        // The device page asks with the full name in another case; evidence was stored under the short name.
        assertThat(entityAlerts.relatedTo(EntityKind.DEVICE, host.toUpperCase() + ".corp.example", 20))
                .singleElement().satisfies(r -> {
                    assertThat(r.id()).isEqualTo(a.id());
                    assertThat(r.severity()).isEqualTo("High");
                    assertThat(r.link()).isEqualTo("/alerts/" + a.id());
                    assertThat(r.incidentId()).isEqualTo(a.incidentId());
                });
        assertThat(entityAlerts.relatedTo(EntityKind.IP, "198.51.100.77", 200)).extracting(EntityAlertsProvider.Related::id).contains(a.id());
        assertThat(entityAlerts.relatedTo(EntityKind.DOMAIN, "evil-" + host + ".example.net", 20)).extracting(EntityAlertsProvider.Related::id)
                .containsExactly(a.id());
        // A mailbox at the domain counts too: the sender of a phishing mail.
        assertThat(entityAlerts.relatedTo(EntityKind.DOMAIN, "mail-" + host + ".example.org", 20)).extracting(EntityAlertsProvider.Related::id)
                .containsExactly(a.id());
        assertThat(entityAlerts.relatedTo(EntityKind.DEVICE, "no-such-device-" + host, 20)).isEmpty();

        Instant from = Instant.now().minus(Duration.ofDays(2)), to = Instant.now().plus(Duration.ofDays(1));
        var days = reports.daily(from, to);
        assertThat(days).isNotEmpty();
        assertThat(days.stream().mapToLong(d -> d.alertsBySeverity().getOrDefault("High", 0L)).sum()).isGreaterThanOrEqualTo(1);
        assertThat(reports.topDetections(from, to, 100)).anySatisfy(d -> {
            assertThat(d.title()).isEqualTo(title);
            assertThat(d.alerts()).isEqualTo(1);
        });
    }
}
