package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.hunting.HuntingResult;
import dev.rampart.portal.hunting.HuntingService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** Stored alerts show up in the AlertInfo and AlertEvidence hunting tables, once each, with their entities. */
class AlertHuntingTablesIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    AlertHuntingTables tables;
    @Autowired
    HuntingService hunting;
    @Autowired
    dev.rampart.portal.events.EventStore events;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("alert-tables-it"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    Alert raise() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        List<Evidence> ev = List.of(Evidence.of(EntityType.DEVICE, "at-" + run + ".corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.USER, "CORP\\at-" + run, "suspicious", List.of()),
                Evidence.of(EntityType.IP, "198.51.100.23", "suspicious", List.of()),
                Evidence.of(EntityType.FILE, "a".repeat(64), "malicious", List.of()));
        return correlator.raise(new NewAlert("da", "Tables test " + run, "d", Severity.HIGH, Category.EXECUTION, List.of("T1059.001"),
                "customDetection", "microsoftDefenderForEndpoint", "it", null, at, at, ev));
    }

    List<List<Object>> rows(String kql) {
        HuntingResult r = hunting.run(kql, "P1D", null, "portal");
        return r.rows().stream().map(Arrays::asList).toList();
    }

    @Test
    void sync_copiesTheAlertAndItsEntities_onceEach() {
        // DeviceInfo knows the device (in capitals): its DeviceId goes with the Machine evidence.
        var info = events.table("DeviceInfo");
        events.write(w -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(600);
            r[info.indexOf("DeviceId")] = "dev-at-" + run;
            r[info.indexOf("DeviceName")] = "AT-" + run + ".corp.example";
            w.appender("DeviceInfo").append(r);
            return null;
        });
        Alert a = raise();
        tables.sync();
        tables.sync();
        assertThat(rows("AlertInfo | where AlertId == '" + a.id() + "' | count")).containsExactly(List.of(1L));

        assertThat(rows("AlertInfo | where AlertId == '" + a.id() + "' | project Title, Category, Severity, ServiceSource, DetectionSource, AttackTechniques"))
                .containsExactly(List.of("Tables test " + run, "Execution", "High", "Microsoft Defender for Endpoint", "Custom detection", "[\"T1059.001\"]"));
        assertThat(rows("AlertEvidence | where AlertId == '" + a.id() + "' | project EntityType, EvidenceRole, DeviceName, AccountName, AccountDomain, RemoteIP, SHA256 | order by EntityType asc"))
                .containsExactly(
                        Arrays.asList("File", "Related", null, null, null, null, "a".repeat(64)),
                        Arrays.asList("Ip", "Related", null, null, null, "198.51.100.23", null),
                        Arrays.asList("Machine", "Impacted", "at-" + run + ".corp.example", null, null, null, null),
                        Arrays.asList("User", "Impacted", null, "at-" + run, "CORP", null, null));
        // The usual join: alerts with their devices.
        assertThat(rows("AlertInfo | where Title == 'Tables test " + run + "' | join AlertEvidence on AlertId | where EntityType == 'Machine' | project DeviceName"))
                .containsExactly(List.of("at-" + run + ".corp.example"));
        assertThat(rows("AlertEvidence | where AlertId == '" + a.id() + "' and EntityType == 'Machine' | join (DeviceInfo | project DeviceId) on DeviceId"
                + " | project DeviceId"))
                .containsExactly(List.of("dev-at-" + run));
    }

    @Test
    void sync_fromAForgottenCursor_skipsTheAlertsAlreadyCopied() {
        Alert a = raise();
        tables.sync();
        tables.rewind();
        tables.sync();
        assertThat(rows("AlertInfo | where AlertId == '" + a.id() + "' | count")).containsExactly(List.of(1L));
        assertThat(rows("AlertEvidence | where AlertId == '" + a.id() + "' | count")).containsExactly(List.of(4L));
    }
}
