package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Saved filter sets of the incident queue: save, list, open (a URL), delete, privacy and sharing between analysts. */
class IncidentFilterSetsIT extends AbstractPortalIT {
    private static final String PW = "Filter-sets-pw-1";

    @Autowired
    UserAccounts users;
    @Autowired
    Correlator correlator;
    @Autowired
    AuditLog audit;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private WebSession ann;
    private WebSession ben;

    @BeforeEach
    void analysts() {
        users.create("fs-ann-" + run, "Ann Analyst", null, PW, List.of(BuiltInRole.SECURITY_OPERATOR.id()));
        users.create("fs-ben-" + run, "Ben Analyst", null, PW, List.of(BuiltInRole.SECURITY_READER.id()));
        ann = WebSession.signIn(port, "fs-ann-" + run, PW);
        ben = WebSession.signIn(port, "fs-ben-" + run, PW);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(302);
        java.net.URI u = java.net.URI.create(r.headers().firstValue("Location").orElse(""));
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** The id in the delete form of the set named {@code name} on the page. */
    private static long idOf(String page, String name) {
        Matcher m = Pattern.compile("action=\"/incidents/filter-sets/(\\d+)/delete\" data-confirm=\"Delete the saved filter set &quot;"
                + Pattern.quote(name) + "&quot;").matcher(page);
        assertThat(m.find()).as("delete form of " + name).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void save_listsTheSetAndOpeningItRestoresTheFilters() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("fs-it", "x", "PERM_SECURITY_DATA_READ"));
        Instant t = Instant.now().minusSeconds(300);
        correlator.raise(new NewAlert("ra", "Saved-set target " + run, "d", Severity.HIGH, Category.EXECUTION, List.of(), "customDetection",
                "microsoftDefenderForEndpoint", "fs-" + run, null, t, t, List.of(Evidence.of(EntityType.DEVICE, "fs-" + run, "suspicious", List.of()))));
        correlator.raise(new NewAlert("ra", "Saved-set other " + run, "d", Severity.LOW, Category.DISCOVERY, List.of(), "customDetection",
                "microsoftDefenderForEndpoint", "fs-" + run, null, t, t, List.of(Evidence.of(EntityType.DEVICE, "fso-" + run, "suspicious", List.of()))));

        String query = "status=active&severity=high&entity=fs-" + run + "&sort=id&dir=asc&page=3&bogus=1";
        String saved = location(ann.post("/incidents/filter-sets", WebSession.form("name", "My high " + run, "query", query)));
        assertThat(saved).startsWith("/incidents?status=active&severity=high&entity=fs-" + run + "&sort=id&dir=asc").contains("notice=Saved");

        String page = ann.get("/incidents").body();
        assertThat(page).contains("My high " + run);
        String href = "/incidents?status=active&amp;severity=high&amp;entity=fs-" + run + "&amp;sort=id&amp;dir=asc";
        assertThat(page).contains("<a href=\"" + href + "\"");

        String opened = ann.get(href.replace("&amp;", "&")).body();
        assertThat(opened).contains("Saved-set target " + run).doesNotContain("Saved-set other " + run);
        assertThat(opened).contains("class=\"saved-set active\"", "value=\"fs-" + run + "\"");
        assertThat(audit.recent(20, 0)).anyMatch(e -> e.action().equals("incident.filter-set.save") && e.actor().equals("fs-ann-" + run));
    }

    @Test
    void privateSets_areOnlyTheOwners_sharedOnesAreVisibleToOthers() {
        ann.post("/incidents/filter-sets", WebSession.form("name", "Ann private " + run, "query", "status=resolved"));
        ann.post("/incidents/filter-sets", WebSession.form("name", "Team unassigned " + run, "query", "assigned=unassigned", "shared", "true"));

        String bens = ben.get("/incidents").body();
        assertThat(bens).doesNotContain("Ann private " + run);
        assertThat(bens).contains("Team unassigned " + run, "shared by fs-ann-" + run);
        // A shared set is not Ben's to delete: no delete form for him.
        assertThat(bens).doesNotContain("Delete the saved filter set &quot;Team unassigned " + run);
    }

    @Test
    void delete_byOwnerRemovesIt_byAnotherUserIsRefused() {
        ann.post("/incidents/filter-sets", WebSession.form("name", "Shared " + run, "query", "severity=high", "shared", "true"));
        ann.post("/incidents/filter-sets", WebSession.form("name", "Mine " + run, "query", "severity=low"));
        String annPage = ann.get("/incidents").body();
        long shared = idOf(annPage, "Shared " + run);
        long mine = idOf(annPage, "Mine " + run);

        String refused = location(ben.post("/incidents/filter-sets/" + shared + "/delete", WebSession.form("back", "?severity=high")));
        assertThat(java.net.URLDecoder.decode(refused, java.nio.charset.StandardCharsets.UTF_8))
                .contains("error=Filter set \"Shared " + run + "\" belongs to fs-ann-" + run + "; only its owner can delete it");
        String missing = location(ben.post("/incidents/filter-sets/" + mine + "/delete", WebSession.form()));
        assertThat(missing).contains("error=Saved+filter+set+" + mine + "+was+not+found");
        assertThat(ben.get("/incidents").body()).contains("Shared " + run);

        String deleted = location(ann.post("/incidents/filter-sets/" + mine + "/delete", WebSession.form("back", "?severity=low")));
        assertThat(deleted).startsWith("/incidents?severity=low").contains("notice=Deleted");
        assertThat(ann.get("/incidents").body()).doesNotContain("Mine " + run).contains("Shared " + run);
        assertThat(audit.recent(20, 0)).anyMatch(e -> e.action().equals("incident.filter-set.delete") && e.targetId().equals("Mine " + run));
    }

    @Test
    void save_sameNameReplaces_emptyNameIsRefused() {
        ann.post("/incidents/filter-sets", WebSession.form("name", "Again " + run, "query", "severity=high"));
        ann.post("/incidents/filter-sets", WebSession.form("name", "Again " + run, "query", "severity=medium"));
        String page = ann.get("/incidents").body();
        assertThat(page.split("&quot;Again " + run + "&quot;", -1)).hasSize(2);
        assertThat(page).contains("<a href=\"/incidents?status=active&amp;status=inProgress&amp;severity=medium\"");

        String refused = location(ann.post("/incidents/filter-sets", WebSession.form("name", "  ", "query", "severity=low")));
        assertThat(refused).startsWith("/incidents?status=active&status=inProgress&severity=low").contains("error=The+filter+set+was+not+saved");
    }
}
