package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Each queue filter, through the browser-facing page: four incidents of this run (names carry the run id, and
 * {@code q=<run>} keeps other tests' incidents off the page) and, per filter, which of them the page lists.
 */
class IncidentQueueFiltersIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    IncidentService incidents;
    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups deviceGroups;
    @Autowired
    DeviceGroupMembership membership;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private WebSession web;
    private long a;
    private long b;

    @BeforeEach
    void incidents() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", "PERM_AUTHORIZATION_MANAGE"));
        a = raise("Alpha " + run, Severity.HIGH, Category.EXECUTION, "customDetection", "microsoftDefenderForEndpoint", "qa-" + run, "alice" + run);
        b = raise("Bravo " + run, Severity.LOW, Category.DISCOVERY, "microsoftDefenderForIdentity", "microsoftDefenderForIdentity", "qb-" + run,
                "bob" + run);
        long c = raise("Charlie " + run, Severity.MEDIUM, Category.CREDENTIAL_ACCESS, "customDetection", "microsoftDefenderForEndpoint",
                "qc-" + run, "carol" + run);
        raise("Delta " + run, Severity.INFORMATIONAL, Category.DISCOVERY, "customDetection", "microsoftDefenderForEndpoint", "qd-" + run,
                "dave" + run);
        incidents.update(a, IncidentChange.none().withAssignedTo("admin"));
        incidents.update(b, IncidentChange.none().withTags(List.of("watch-" + run), List.of())
                .withClassification(Classification.FALSE_POSITIVE, Determination.NOT_MALICIOUS));
        incidents.update(c, IncidentChange.none().withStatus(IncidentStatus.RESOLVED));
        web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private long raise(String title, Severity sev, Category cat, String detection, String service, String device, String user) {
        Instant t = Instant.now().minusSeconds(600);
        Alert alert = correlator.raise(new NewAlert("ra", title, "queue filter test", sev, cat, List.of("T1059"), detection, service, "qf-" + run,
                null, t, t.plusSeconds(5), List.of(Evidence.of(EntityType.DEVICE, device + ".corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.USER, user + "@corp.example", "suspicious", List.of()))));
        return alert.incidentId();
    }

    /** Names of this run's incidents the queue lists under {@code filters}. */
    private List<String> shown(String filters) {
        HttpResponse<String> r = web.get("/incidents?q=" + run + (filters.isEmpty() ? "" : "&" + filters));
        assertThat(r.statusCode()).as(filters).isEqualTo(200);
        return List.of("Alpha", "Bravo", "Charlie", "Delta").stream().filter(n -> r.body().contains(">" + n + " " + run)).toList();
    }

    @Test
    void defaults_showNewAndInProgressHighMediumLow() {
        assertThat(shown("")).containsExactly("Alpha", "Bravo");
        String page = web.get("/incidents").body();
        assertThat(page).contains("name=\"status\" value=\"active\" checked", "name=\"status\" value=\"inProgress\" checked",
                "name=\"severity\" value=\"high\" checked", "name=\"severity\" value=\"low\" checked");
        assertThat(page).doesNotContain("value=\"resolved\" checked", "value=\"informational\" checked");
    }

    @Test
    void statusAndSeverity_filterAndAnyWhenEmpty() {
        assertThat(shown("status=resolved")).containsExactly("Charlie");
        assertThat(shown("status=&severity=informational")).containsExactly("Delta");
        assertThat(shown("status=&severity=")).containsExactlyInAnyOrder("Alpha", "Bravo", "Charlie", "Delta");
        assertThat(shown("severity=high,low&status=active")).containsExactly("Alpha", "Bravo");
    }

    @Test
    void assignment_meUnassignedOrAUser() {
        assertThat(shown("assigned=me")).containsExactly("Alpha");
        assertThat(shown("assigned=unassigned")).containsExactly("Bravo");
        assertThat(shown("assigned=ADMIN")).containsExactly("Alpha");
        assertThat(web.get("/incidents?assigned=me").body()).contains("<option value=\"me\" selected>Me (admin)</option>");
    }

    @Test
    void sources_serviceAndDetection() {
        assertThat(shown("service=microsoftDefenderForIdentity")).containsExactly("Bravo");
        assertThat(shown("detection=customDetection")).containsExactly("Alpha");
        assertThat(web.get("/incidents?detection=customDetection").body()).contains("name=\"detection\" value=\"customDetection\" checked");
    }

    @Test
    void tagsCategoriesAndClassification() {
        assertThat(shown("tag=watch-" + run)).containsExactly("Bravo");
        assertThat(shown("category=Execution")).containsExactly("Alpha");
        assertThat(shown("category=Execution,Discovery")).containsExactly("Alpha", "Bravo");
        assertThat(shown("classification=falsePositive")).containsExactly("Bravo");
        assertThat(shown("classification=unknown")).containsExactly("Alpha");
        assertThat(web.get("/incidents?classification=falsePositive").body()).contains("More filters (1)",
                "name=\"classification\" value=\"falsePositive\" checked");
    }

    @Test
    void entities_byDeviceOrUserName() {
        assertThat(shown("entity=qa-" + run + ".corp.example")).containsExactly("Alpha");
        assertThat(shown("entity=QB-" + run)).containsExactly("Bravo");
        assertThat(shown("entity=bob" + run)).containsExactly("Bravo");
        assertThat(shown("entity=alice" + run + "@corp.example,qb-" + run)).containsExactly("Alpha", "Bravo");
        assertThat(shown("entity=nobody-" + run)).isEmpty();
    }

    @Test
    void deviceGroups_matchIncidentsOnTheGroupsDevices() {
        Table info = events.table("DeviceInfo");
        events.write(s -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[info.indexOf("DeviceId")] = "id-qa-" + run;
            r[info.indexOf("DeviceName")] = "qa-" + run + ".corp.example";
            r[info.indexOf("OSPlatform")] = "Windows11";
            s.appender("DeviceInfo").append(r);
            return null;
        });
        DeviceGroup g = deviceGroups.create(new DeviceGroups.Input("Queue " + run, "", null, null, Map.of("NAME", List.of("qa-" + run + "*"))));
        membership.refresh();
        DeviceGroup empty = deviceGroups.create(new DeviceGroups.Input("Queue empty " + run, "", null, null, Map.of("NAME", List.of("none-" + run))));
        assertThat(shown("group=" + g.id())).containsExactly("Alpha");
        assertThat(shown("group=" + empty.id())).isEmpty();
        assertThat(web.get("/incidents?group=" + g.id()).body()).contains("name=\"group\" value=\"" + g.id() + "\" checked");
    }

    @Test
    void filters_areCarriedBySortAndPagingLinks() {
        String page = web.get("/incidents?status=active&severity=high&detection=customDetection&entity=qa-" + run).body();
        assertThat(page).contains("/incidents?status=active&amp;severity=high&amp;detection=customDetection&amp;entity=qa-" + run + "&amp;sort=name");
    }

    @Test
    void bulk_assignsClassifiesTagsAndSetsStatusOfAllSelected() {
        HttpResponse<String> r = web.post("/incidents/bulk", WebSession.form("ids", List.of(a, b), "action", "classify",
                "bulkClassification", "truePositive", "bulkDetermination", "malware", "back", "?q=" + run));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).contains("notice=Updated+2+incident");
        web.post("/incidents/bulk", WebSession.form("ids", List.of(a, b), "action", "addTag", "bulkTag", "bulk-" + run));
        web.post("/incidents/bulk", WebSession.form("ids", List.of(a, b), "action", "status", "bulkStatus", "inProgress"));
        web.post("/incidents/bulk", WebSession.form("ids", List.of(a, b), "action", "assign", "assignTo", "tier2"));
        for (long id : List.of(a, b)) {
            Incident i = incidents.get(id);
            assertThat(i.classification()).isEqualTo(Classification.TRUE_POSITIVE);
            assertThat(i.determination()).isEqualTo(Determination.MALWARE);
            assertThat(i.customTags()).contains("bulk-" + run);
            assertThat(i.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
            assertThat(i.assignedTo()).isEqualTo("tier2");
        }
        assertThat(shown("tag=bulk-" + run)).containsExactly("Alpha", "Bravo");
    }

    @Test
    void bulk_invalidChange_changesNone() {
        HttpResponse<String> r = web.post("/incidents/bulk", WebSession.form("ids", List.of(a, b), "action", "classify",
                "bulkClassification", "falsePositive", "bulkDetermination", "malware"));
        assertThat(r.headers().firstValue("Location").orElse("")).contains("error=Nothing+was+changed");
        assertThat(incidents.get(a).classification()).isEqualTo(Classification.UNKNOWN);
        HttpResponse<String> none = web.post("/incidents/bulk", WebSession.form("action", "resolve"));
        assertThat(none.headers().firstValue("Location").orElse("")).contains("error=Select+at+least+one+incident");
    }
}
