package dev.rampart.portal.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Automatic attack disruption contains the devices and disables the accounts of an attack in progress once, tags the
 * incident and shows what it did on the incident page; exclusions and critical assets are left to analysts; turned
 * off it does nothing; its settings need Core security settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackDisruptionIT extends AbstractPortalIT {
    static final String P = "adis";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AttackDisruption disruption;
    @Autowired
    Correlator correlator;
    @Autowired
    JdbcClient jdbc;
    Seeded f;
    WebSession admin;
    WebSession reader;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        ScopeFixture.account(ctx, P + "-admin", List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ", "CORE_SECURITY_SETTINGS_MANAGE"),
                List.of(), List.of());
        ScopeFixture.account(ctx, P + "-reader", List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ"), List.of(), List.of());
        admin = WebSession.signIn(port, P + "-admin", ScopeFixture.PASSWORD);
        reader = WebSession.signIn(port, P + "-reader", ScopeFixture.PASSWORD);
        // Off until an administrator turns it on; only alerts raised after that count.
        assertThat(disruption.enabled()).isFalse();
        assertThat(admin.post("/settings/attack-disruption", WebSession.form("enabled", true)).statusCode()).isIn(302, 303);
    }

    private boolean identitySensor() {
        return jdbc.sql("SELECT count(*) FROM sensor WHERE revoked = FALSE AND capabilities LIKE '%identity%'").query(Long.class).single() > 0;
    }

    /** Raises high-severity execution and lateral movement alerts on the device: they correlate into one incident. */
    private Alert lateralMovement(String device, String account) {
        Instant t = Instant.now().minusSeconds(60);
        SystemIdentity.run(P, () -> correlator.raise(new NewAlert("ra", P + " execution on " + device, "d", Severity.HIGH,
                Category.EXECUTION, List.of(), "edr", "microsoftDefenderForEndpoint", P + "-ex", null, t, t,
                List.of(Evidence.of(EntityType.DEVICE, device, "suspicious", List.of())))));
        return SystemIdentity.run(P, () -> correlator.raise(new NewAlert("ra", P + " lateral movement from " + device, "d", Severity.HIGH,
                Category.LATERAL_MOVEMENT, List.of(), "edr", "microsoftDefenderForEndpoint", P + "-lm", null, t, t,
                List.of(Evidence.of(EntityType.DEVICE, device, "suspicious", List.of()), Evidence.of(EntityType.USER, account, "suspicious", List.of())))));
    }

    private List<AttackDisruption.Taken> taken(long incident) {
        return disruption.taken(incident);
    }

    @Autowired
    dev.rampart.portal.response.ResponseStateHandlers state;

    @Test
    void attackInProgress_containsTheDevice_disablesTheAccount_once() {
        Instant since = Instant.now().minusSeconds(1);
        Alert lm = lateralMovement(f.euDevice(), P + "-operator@" + P + ".example");
        assertThat(lm.incidentId()).isEqualTo(f.euAlert().incidentId());
        boolean sensor = identitySensor();
        assertThat(disruption.run(since)).isEqualTo(sensor ? 3 : 2);
        List<AttackDisruption.Taken> t = taken(lm.incidentId());
        assertThat(t).extracting(AttackDisruption.Taken::kind, AttackDisruption.Taken::target, AttackDisruption.Taken::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(AttackDisruption.Kind.DEVICE, f.euDevice(), AttackDisruption.Outcome.REQUESTED),
                        org.assertj.core.groups.Tuple.tuple(AttackDisruption.Kind.USER, P + "-operator@" + P + ".example",
                                sensor ? AttackDisruption.Outcome.REQUESTED : AttackDisruption.Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(AttackDisruption.Kind.USER_LOGON, P + "-operator@" + P + ".example", AttackDisruption.Outcome.REQUESTED));
        // The account is contained on devices at once, whether or not an identity sensor can disable it.
        Long containUser = t.stream().filter(x -> x.kind() == AttackDisruption.Kind.USER_LOGON).findFirst().orElseThrow().actionId();
        assertThat(jdbc.sql("SELECT action_type || ' ' || status FROM response_action WHERE id = ?").params(containUser).query(String.class).single())
                .isEqualTo("CONTAIN_USER COMPLETED");
        assertThat(state.containedUsers()).contains(P + "-operator@" + P + ".example");
        // Containment runs in the portal at once; disabling waits for the identity sensor.
        Long contain = t.stream().filter(x -> x.kind() == AttackDisruption.Kind.DEVICE).findFirst().orElseThrow().actionId();
        assertThat(jdbc.sql("SELECT action_type || ' ' || status || ' ' || action_source || ' ' || requested_by FROM response_action WHERE id = ?").params(contain)
                .query(String.class).single()).isEqualTo("CONTAIN_DEVICE COMPLETED Attack disruption Attack disruption");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_tag WHERE incident_id = ? AND tag = 'Attack disruption' AND system_tag").params(lm.incidentId())
                .query(Long.class).single()).isEqualTo(1);
        // A second run acts on nothing new.
        assertThat(disruption.run(since)).isZero();
        assertThat(taken(lm.incidentId())).hasSize(3);
        // Named again by its host name in another case, the device is still the one already contained.
        Instant again = Instant.now().minusSeconds(1);
        lateralMovement(f.euDevice().toUpperCase(), P + "-operator@" + P + ".example");
        assertThat(disruption.run(again)).isZero();
        // The device list shows it contained, and filters by it.
        WebSession analyst = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
        assertThat(analyst.get("/devices?q=" + P + "-&mitigation=Contained").body()).contains(f.euDevice() + "</a> <span class=\"pill warn\">Contained</span>")
                .doesNotContain(f.usDevice());
        // The incident queue filters by the tag.
        String queue = analyst.get("/incidents?tag=Attack+disruption").body();
        assertThat(queue).contains("href=\"/incidents/" + lm.incidentId() + "\"").contains("value=\"Attack disruption\" checked");
        String page = admin.get("/incidents/" + lm.incidentId()).body();
        assertThat(page).contains("Attack disruption acted on this incident", f.euDevice(), "/action-center/actions/" + contain, "pill pill-system\">Attack disruption");
    }

    @Test
    void exclusionsAndCriticalAssets_areLeftToAnalysts() {
        // Excluded by UPN; the alert names the account as DOMAIN\\name.
        assertThat(admin.post("/settings/attack-disruption/exclusions", WebSession.form("kind", "USER", "value", P + "-Keeper@" + P + ".example")).statusCode())
                .isIn(302, 303);
        // us1 becomes a very high critical asset.
        assertThat(admin.post("/devices/" + Seeded.id(f.usDevice()) + "/criticality", WebSession.form("level", "VERY_HIGH")).statusCode()).isIn(302, 303);
        Instant since = Instant.now().minusSeconds(1);
        Alert lm = lateralMovement(f.usDevice(), P.toUpperCase() + "\\" + P + "-keeper");
        assertThat(disruption.run(since)).isZero();
        assertThat(taken(lm.incidentId())).extracting(AttackDisruption.Taken::outcome)
                .containsExactlyInAnyOrder(AttackDisruption.Outcome.CRITICAL, AttackDisruption.Outcome.EXCLUDED);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_tag WHERE incident_id = ? AND tag = 'Attack disruption'").params(lm.incidentId())
                .query(Long.class).single()).isZero();
        assertThat(admin.get("/settings/attack-disruption").body()).contains(P + "-keeper", "Critical asset: left to an analyst", "Excluded");
        // The incident page says it left them to analysts.
        assertThat(admin.get("/incidents/" + lm.incidentId()).body()).contains("Attack disruption left this incident's assets to analysts");
        admin.post("/devices/" + Seeded.id(f.usDevice()) + "/criticality", WebSession.form("level", ""));
    }

    @Test
    void turnedOff_itDoesNothing_andOnlyManagersMayTurnIt() {
        assertThat(reader.get("/settings/attack-disruption").body()).contains("Automatic attack disruption is").doesNotContain("Turn off</button>");
        assertThat(reader.post("/settings/attack-disruption", WebSession.form("enabled", false)).statusCode()).isEqualTo(403);
        assertThat(admin.post("/settings/attack-disruption", WebSession.form("enabled", false)).statusCode()).isIn(302, 303);
        try {
            Instant since = Instant.now().minusSeconds(1);
            String device = f.euDevice().replace("-eu1.", "-eu2.");
            Alert first = SystemIdentity.run(P, () -> correlator.raise(new NewAlert("ra", P + " ransom note on " + device, "d", Severity.HIGH,
                    Category.RANSOMWARE, List.of(), "edr", "microsoftDefenderForEndpoint", P + "-rw", null, Instant.now(), Instant.now(),
                    List.of(Evidence.of(EntityType.DEVICE, device, "suspicious", List.of())))));
            assertThat(disruption.run(since)).isZero();
            assertThat(taken(first.incidentId())).isEmpty();
        } finally {
            admin.post("/settings/attack-disruption", WebSession.form("enabled", true));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'attack-disruption.disable' AND actor = ?").params(P + "-admin")
                .query(Long.class).single()).isEqualTo(1);
    }
}
