package dev.rampart.portal.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Secure Score's history over several days: each day counts every device's latest assessment of the week before it, so
 * a check fixed on one device one day and on the other the next climbs 0 → 50 → 100 %.
 */
class SecureScoreHistoryIT extends AbstractPortalIT {
    static final String P = "sshi";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    SecureScore score;

    @Test
    void history_followsTheLatestAssessmentOfEachDay() {
        Seeded f = ScopeFixture.seed(ctx, P);
        String eu2 = f.euDevice().replace("-eu1.", "-eu2.");
        String check = "scid-" + P;
        Table cfg = events.table("DeviceTvmSecureConfigurationAssessment");
        Table kb = events.table("DeviceTvmSecureConfigurationAssessmentKB");
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(1));
        events.write(s -> {
            s.appender("DeviceTvmSecureConfigurationAssessmentKB").append(row(kb, Map.of("ConfigurationId", check, "ConfigurationName", "History check",
                    "ConfigurationImpact", 10.0)));
            for (String d : List.of(f.euDevice(), eu2)) {
                s.appender("DeviceTvmSecureConfigurationAssessment").append(assess(cfg, d, check, today.minus(Duration.ofDays(2)), false));
            }
            s.appender("DeviceTvmSecureConfigurationAssessment").append(assess(cfg, f.euDevice(), check, today.minus(Duration.ofDays(1)), true));
            s.appender("DeviceTvmSecureConfigurationAssessment").append(assess(cfg, eu2, check, today, true));
            return null;
        });
        // A reader of exposure management on the EU devices only: the history holds this check alone.
        long euGroup = ctx.getBean(DeviceGroups.class).all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        ScopeFixture.account(ctx, P + "-score", List.of("SECURITY_DATA_READ", "EXPOSURE_MANAGEMENT_READ"), List.of("endpoint", "vulnerability"),
                List.of(euGroup));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(P + "-score", null, List.of()));
        try {
            SecureScore.Score s = score.current(3);
            assertThat(s.history()).extracting(SecureScore.Day::day)
                    .containsExactly(LocalDate.now(ZoneOffset.UTC).minusDays(2), LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC));
            assertThat(s.history()).extracting(d -> Math.round(d.percent())).containsExactly(0L, 50L, 100L);
            assertThat(s.percent()).isEqualTo(100.0);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Object[] assess(Table t, String device, String check, Instant at, boolean compliant) {
        return row(t, Map.of("DeviceId", Seeded.id(device), "DeviceName", device, "Timestamp", at, "ConfigurationId", check, "IsApplicable", true,
                "IsCompliant", compliant));
    }

    private static Object[] row(Table t, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }
}
