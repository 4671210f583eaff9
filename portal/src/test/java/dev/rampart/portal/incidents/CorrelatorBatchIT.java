package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.SystemIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** {@link Correlator#raiseAll}: alerts of one call see each other before they are written, with the outcome of raising them one by one. */
class CorrelatorBatchIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    IncidentService incidents;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager txManager;
    @Autowired
    AuditLog auditLog;
    @Autowired
    IncidentMerger merger;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant t = Instant.now().minusSeconds(7200);

    @BeforeEach
    void system() {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("correlator-batch-it"));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private NewAlert alert(String title, Category category, Severity severity, int offsetSeconds, Evidence... evidence) {
        Instant at = t.plusSeconds(offsetSeconds);
        return new NewAlert("ra", title, "batch test", severity, category, List.of("T1059"), "microsoftDefenderForEndpoint",
                "microsoftDefenderForEndpoint", "batch-it", null, at, at.plusSeconds(5), List.of(evidence));
    }

    private Evidence device(String name) {
        return Evidence.of(EntityType.DEVICE, name + "-" + run + ".corp.example", "suspicious", List.of());
    }

    private Evidence user(String name) {
        return Evidence.of(EntityType.USER, name + "-" + run + "@corp.example", "suspicious", List.of());
    }

    @Test
    void raiseAll_alertsSharingADeviceInOneCall_formOneIncidentWithCountsSeverityAndName() {
        List<Alert> out = correlator.raiseAll(List.of(
                alert("Encoded PowerShell", Category.EXECUTION, Severity.LOW, 0, device("ws1")),
                alert("Credential dump", Category.CREDENTIAL_ACCESS, Severity.HIGH, 60, device("ws1")),
                alert("Scheduled task created", Category.PERSISTENCE, Severity.MEDIUM, 120, device("ws1"), user("ann"))));

        assertThat(out).extracting(Alert::incidentId).containsOnly(out.get(0).incidentId());
        assertThat(out.get(1).reasonLinked()).startsWith("Linked to incident " + out.get(0).incidentId());
        Incident i = incidents.get(out.get(0).incidentId());
        assertThat(i.alertCount()).isEqualTo(3);
        assertThat(i.severity()).isEqualTo(Severity.HIGH);
        assertThat(i.firstActivity()).isCloseTo(t, within(1, ChronoUnit.MILLIS));
        assertThat(i.displayName()).isEqualTo(IncidentNamer.name(incidents.alertsOf(i.id()))).startsWith("Multi-stage incident");
        assertThat(incidents.alertsOf(i.id())).extracting(Alert::id).containsExactlyInAnyOrderElementsOf(out.stream().map(Alert::id).toList());
    }

    @Test
    void autoMergeBlocker_overTheEntityLimit_namesTheLimit_atTheLimitAllowsTheMerge() {
        Alert a = correlator.raise(alert("On one host", Category.EXECUTION, Severity.LOW, 0, device("lim1"), user("limu1")));
        Alert b = correlator.raise(alert("On another host", Category.EXECUTION, Severity.LOW, 30, device("lim2"), user("limu2")));
        assertThat(a.incidentId()).isNotEqualTo(b.incidentId());

        assertThat(merger.autoMergeBlocker(a.incidentId(), b.incidentId(), 3)).contains("together they would have more than the limit of 3 entities");
        assertThat(merger.autoMergeBlocker(a.incidentId(), b.incidentId(), 4)).isEmpty();
    }

    @Test
    void activityLog_showsEachCorrelatedAlertWithItsReason_besideRecordedEntries_newestFirst() {
        List<Alert> out = correlator.raiseAll(List.of(
                alert("Encoded PowerShell", Category.EXECUTION, Severity.LOW, 0, device("log1")),
                alert("Credential dump", Category.CREDENTIAL_ACCESS, Severity.HIGH, 60, device("log1"))));
        long id = out.get(0).incidentId();
        List<IncidentActivity> log = incidents.activity(id);

        assertThat(log).extracting(IncidentActivity::kind).containsOnly("alert");
        assertThat(log).extracting(IncidentActivity::text).containsExactlyInAnyOrder(
                "Alert " + out.get(0).id() + " added: Encoded PowerShell. " + out.get(0).reasonLinked(),
                "Alert " + out.get(1).id() + " added: Credential dump. " + out.get(1).reasonLinked());

        incidents.comment(id, "looked at both " + run);
        assertThat(incidents.activity(id).get(0).text()).contains("looked at both " + run);
        assertThat(incidents.activity(id)).hasSize(3);
    }

    @Test
    void activityLog_alertsOfOneCall_newestFirst() {
        List<Alert> out = correlator.raiseAll(List.of(
                alert("First", Category.EXECUTION, Severity.LOW, 0, device("ord1")),
                alert("Second", Category.EXECUTION, Severity.LOW, 10, device("ord1")),
                alert("Third", Category.EXECUTION, Severity.LOW, 20, device("ord1"))));
        assertThat(incidents.activity(out.get(0).incidentId())).extracting(IncidentActivity::text)
                .satisfiesExactly(x -> assertThat(x).contains("Third"), x -> assertThat(x).contains("Second"), x -> assertThat(x).contains("First"));
    }

    @Test
    void activityLog_afterAMove_sourceKeepsTheAlertsEntry_targetShowsTheMoveNotASecondAddition() {
        Alert moved = correlator.raise(alert("To move", Category.EXECUTION, Severity.LOW, 0, device("mv1")));
        Alert stays = correlator.raise(alert("Stays", Category.EXECUTION, Severity.LOW, 0, device("mv2")));
        incidents.moveAlerts(List.of(moved.id()), stays.incidentId(), "same host in truth");

        assertThat(incidents.activity(moved.incidentId())).extracting(IncidentActivity::text)
                .anyMatch(x -> x.startsWith("Alert " + moved.id() + " added: To move."))
                .anyMatch(x -> x.startsWith("Alert " + moved.id() + " moved to incident " + stays.incidentId()));
        assertThat(incidents.activity(stays.incidentId())).extracting(IncidentActivity::text)
                .noneMatch(x -> x.startsWith("Alert " + moved.id() + " added"))
                .anyMatch(x -> x.startsWith("Alert " + moved.id() + " moved here from incident " + moved.incidentId()))
                .anyMatch(x -> x.startsWith("Alert " + stays.id() + " added: Stays."));
    }

    @Test
    void activityLog_afterAMerge_bothIncidentsShowTheMergedAlertsEntry_theTargetMarkedWithItsOrigin() {
        Alert a = correlator.raise(alert("Merge one", Category.EXECUTION, Severity.LOW, 0, device("mg1")));
        Alert b = correlator.raise(alert("Merge two", Category.EXECUTION, Severity.LOW, 0, device("mg2")));
        Incident target = incidents.merge(List.of(a.incidentId(), b.incidentId()), "one campaign");
        Alert gone = target.id() == a.incidentId() ? b : a;
        Alert kept = target.id() == a.incidentId() ? a : b;

        assertThat(incidents.activity(gone.incidentId())).extracting(IncidentActivity::text)
                .anyMatch(x -> x.startsWith("Alert " + gone.id() + " added"));
        List<String> log = incidents.activity(target.id()).stream().map(IncidentActivity::text).toList();
        assertThat(log).anyMatch(x -> x.startsWith("[from incident " + gone.incidentId() + "] Alert " + gone.id() + " added"))
                .anyMatch(x -> x.startsWith("Alert " + kept.id() + " added"))
                .noneMatch(x -> x.startsWith("Alert " + gone.id() + " added"));
    }

    @Test
    void filterOptions_offerTheSourcesOfAlertsRaisedAfterTheFirstRead() {
        incidents.filterOptions();
        Instant at = t.plusSeconds(5);
        correlator.raise(new NewAlert("ra", "Source test", "batch test", Severity.LOW, Category.EXECUTION, List.of(), "detection-" + run,
                "service-" + run, "batch-it", null, at, at, List.of(device("src1"))));

        IncidentService.FilterOptions options = incidents.filterOptions();
        assertThat(options.serviceSources()).contains("service-" + run).isSorted();
        assertThat(options.detectionSources()).contains("detection-" + run).isSorted();
    }

    @Test
    void raiseAll_isAuditedOnce_namingEveryAlertAndItsIncident() {
        List<Alert> out = correlator.raiseAll(List.of(
                alert("Audit one", Category.EXECUTION, Severity.LOW, 0, device("aud1")),
                alert("Audit two", Category.EXECUTION, Severity.LOW, 10, device("aud1")),
                alert("Audit three", Category.EXECUTION, Severity.LOW, 20, device("aud2"))));

        AuditLog.Entry e = auditLog.search(new AuditLog.Filter(Correlator.ACTOR, "alert.create", null, null, null), 1, 5).entries().get(0);
        assertThat(e.details()).startsWith("3 alerts into 2 incidents (2 new)")
                .contains(out.get(0).incidentId() + ": " + out.get(0).id() + ", " + out.get(1).id())
                .contains(out.get(2).incidentId() + ": " + out.get(2).id());
        assertThat(out.get(0).id()).matches("ra\\d{18}_\\d+").isLessThan(out.get(1).id());
    }

    @Test
    void raiseAll_ofManyAlerts_auditsEveryAlertAcrossSeveralEntries() {
        List<NewAlert> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(alert("Audit many " + i, Category.EXECUTION, Severity.LOW, i, device("many" + i)));
        }
        List<Alert> out = correlator.raiseAll(many);

        List<AuditLog.Entry> entries = auditLog.search(new AuditLog.Filter(Correlator.ACTOR, "alert.create", null, null, null), 1, 10).entries();
        String all = entries.stream().filter(e -> e.details().startsWith("150 alerts into 150 incidents (150 new)"))
                .map(AuditLog.Entry::details).reduce("", String::concat);
        assertThat(entries.stream().filter(e -> e.details().startsWith("150 alerts")).count()).isGreaterThan(1);
        assertThat(out).allSatisfy(a -> assertThat(all).contains(a.incidentId() + ": " + a.id()));
    }

    @Test
    void raiseAll_alertLinkingTwoIncidentsOfTheSameCall_mergesThem() {
        List<Alert> out = correlator.raiseAll(List.of(
                alert("Suspicious service", Category.PERSISTENCE, Severity.MEDIUM, 0, device("ws2")),
                alert("Impossible travel", Category.INITIAL_ACCESS, Severity.MEDIUM, 30, device("ws3"), user("bob")),
                alert("Bob ran a tool on ws2", Category.EXECUTION, Severity.HIGH, 60, device("ws2"), user("bob"))));

        assertThat(out.get(0).incidentId()).isNotEqualTo(out.get(1).incidentId());
        long target = out.get(2).incidentId();
        List<Alert> stored = incidents.alertsOf(target);
        assertThat(stored).extracting(Alert::id).containsExactlyInAnyOrderElementsOf(out.stream().map(Alert::id).toList());
        long other = out.get(0).incidentId() == target ? out.get(1).incidentId() : out.get(0).incidentId();
        assertThat(incidents.get(other).status()).isEqualTo(IncidentStatus.REDIRECTED);
        Incident merged = incidents.get(target);
        assertThat(merged.alertCount()).isEqualTo(3);
        assertThat(merged.displayName()).isEqualTo(IncidentNamer.name(stored));
    }

    @Test
    void raise_alertSharingAResolvedBiggerIncidentAndAnOpenOne_joinsTheOpenOne() {
        List<Alert> old = correlator.raiseAll(List.of(alert("Old one", Category.EXECUTION, Severity.LOW, 0, device("ws7")),
                alert("Old two", Category.EXECUTION, Severity.LOW, 10, device("ws7"))));
        incidents.update(old.get(0).incidentId(), IncidentChange.none().withStatus(IncidentStatus.RESOLVED));
        Alert open = correlator.raise(alert("Carol signs in", Category.INITIAL_ACCESS, Severity.LOW, 20, user("carol")));

        Alert both = correlator.raise(alert("Carol on ws7", Category.EXECUTION, Severity.MEDIUM, 30, device("ws7"), user("carol")));

        assertThat(both.incidentId()).isEqualTo(open.incidentId());
        assertThat(both.reasonLinked()).contains("user carol-" + run);
        assertThat(incidents.get(old.get(0).incidentId()).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void raiseAll_groupsLikeRaisingOneByOne() {
        List<NewAlert> first = randomAlerts(new SplittableRandom(11), "a");
        List<NewAlert> second = randomAlerts(new SplittableRandom(11), "b");
        List<Alert> single = new ArrayList<>();
        first.forEach(a -> single.add(correlator.raise(a)));
        List<Alert> batched = new ArrayList<>();
        for (int i = 0; i < second.size(); i += 7) {
            batched.addAll(correlator.raiseAll(second.subList(i, Math.min(second.size(), i + 7))));
        }
        assertThat(partition(batched)).isEqualTo(partition(single));
        for (Alert a : batched) {
            Incident i = incidents.get(incidents.alert(a.id()).incidentId());
            assertThat(i.displayName()).isEqualTo(IncidentNamer.name(incidents.alertsOf(i.id())));
        }
    }

    @Test
    void raise_afterAlertMovedToAnotherIncident_linksWhereTheAlertNowIs() {
        Alert a = correlator.raise(alert("Dropper on ws4", Category.EXECUTION, Severity.MEDIUM, 0, device("ws4")));
        Alert b = correlator.raise(alert("Scan from ws5", Category.DISCOVERY, Severity.LOW, 10, device("ws5")));
        assertThat(a.incidentId()).isNotEqualTo(b.incidentId());
        incidents.moveAlerts(List.of(a.id()), b.incidentId(), "same operator");

        Alert c = correlator.raise(alert("Second stage on ws4", Category.EXECUTION, Severity.HIGH, 20, device("ws4")));

        assertThat(c.incidentId()).isEqualTo(b.incidentId());
    }

    @Test
    void raise_afterManualMerge_linksToTheMergeTarget() {
        Alert a = correlator.raise(alert("Beacon on ws6", Category.COMMAND_AND_CONTROL, Severity.MEDIUM, 0, device("ws6")));
        Alert b = correlator.raise(alert("Beacon on ws7", Category.COMMAND_AND_CONTROL, Severity.MEDIUM, 10, device("ws7"), user("cy")));
        correlator.raise(alert("Recon on ws7", Category.DISCOVERY, Severity.LOW, 15, device("ws7")));
        Incident target = incidents.merge(List.of(a.incidentId(), b.incidentId()), "one campaign");
        assertThat(target.id()).isEqualTo(b.incidentId());

        Alert c = correlator.raise(alert("Beacon again on ws6", Category.COMMAND_AND_CONTROL, Severity.HIGH, 20, device("ws6")));

        assertThat(c.incidentId()).isEqualTo(target.id());
    }

    @Test
    void raise_afterIncidentResolved_startsANewIncident() {
        Alert a = correlator.raise(alert("Macro on ws8", Category.EXECUTION, Severity.LOW, 0, device("ws8")));
        incidents.update(a.incidentId(), new IncidentChange(IncidentStatus.RESOLVED, null, null, null, null, null, null, null, null, null, null));

        Alert b = correlator.raise(alert("Macro again on ws8", Category.EXECUTION, Severity.LOW, 30, device("ws8")));

        assertThat(b.incidentId()).isNotEqualTo(a.incidentId());
        assertThat(b.reasonLinked()).startsWith("New incident");
    }

    @Test
    void raiseAll_rolledBack_leavesNoTraceForLaterAlerts() {
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(txManager);
        try {
            tx.executeWithoutResult(s -> {
                correlator.raiseAll(List.of(alert("Undone", Category.EXECUTION, Severity.HIGH, 0, device("ws9"))));
                throw new IllegalStateException("caller fails after correlating");
            });
        } catch (IllegalStateException expected) {
            // the caller's transaction rolled back the alert and its incident
        }

        Alert b = correlator.raise(alert("After rollback", Category.EXECUTION, Severity.LOW, 30, device("ws9")));

        assertThat(b.reasonLinked()).startsWith("New incident");
        assertThat(incidents.get(b.incidentId()).alertCount()).isEqualTo(1);
    }

    /** 40 alerts over 12 devices and 6 users; the same seed gives the same shape under another name prefix. */
    private List<NewAlert> randomAlerts(SplittableRandom rnd, String prefix) {
        List<NewAlert> out = new ArrayList<>();
        Category[] cats = {Category.EXECUTION, Category.PERSISTENCE, Category.CREDENTIAL_ACCESS, Category.DISCOVERY};
        for (int i = 0; i < 40; i++) {
            int d = rnd.nextInt(12);
            int u = rnd.nextInt(6);
            // Every alert names a device: device-less alerts are visible to every scoped reader and would crowd other
            // tests' reports in the shared context.
            List<Evidence> ev = new ArrayList<>();
            ev.add(device(prefix + "dev" + d));
            if (rnd.nextInt(3) > 0) {
                ev.add(user(prefix + "usr" + u));
            }
            out.add(alert("Batch correlation alert " + i, cats[rnd.nextInt(cats.length)], Severity.values()[1 + rnd.nextInt(3)], i * 10,
                    ev.toArray(Evidence[]::new)));
        }
        return out;
    }

    /** Which alerts (by position) ended up together, as a map from position to the lowest position in its incident. */
    private Map<Integer, Integer> partition(List<Alert> alerts) {
        Map<Long, Integer> firstOf = new HashMap<>();
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            long incident = incidents.alert(alerts.get(i).id()).incidentId();
            out.put(i, firstOf.computeIfAbsent(incident, k -> out.size()));
        }
        return out;
    }
}
