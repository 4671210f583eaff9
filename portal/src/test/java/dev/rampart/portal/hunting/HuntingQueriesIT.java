package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.hunting.HuntingQueries.GalleryQuery;
import dev.rampart.portal.hunting.HuntingQueries.SavedQuery;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class HuntingQueriesIT extends AbstractPortalIT {
    @Autowired
    HuntingQueries queries;
    @Autowired
    HuntingService hunting;

    @Autowired
    dev.rampart.portal.access.UserAccounts accounts;

    // Data scopes fail closed for principals without an account, so each test user gets a real one.
    String signInAs(String user) {
        if (!accounts.exists(user)) {
            accounts.create(user, user, null, "hunting-queries-pw-1234", List.of("security-reader"));
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a",
                List.of(new SimpleGrantedAuthority("PERM_SECURITY_DATA_READ"), new SimpleGrantedAuthority("PERM_EMAIL_METADATA_READ"))));
        return user;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void history_recordsOutcomes_andKeepsNewest30() {
        String user = signInAs(unique("hist"));
        hunting.run("DeviceInfo | take 1", "P1D", null, "portal");
        assertThatThrownBy(() -> hunting.run("DeviceInfo | wher x", null, null, "api")).isInstanceOf(HuntingException.class);
        var h = queries.history(user);
        assertThat(h).extracting(HuntingQueries.HistoryEntry::outcome).containsExactly("syntax", "completed");
        assertThat(h.get(0).iface()).isEqualTo("api");
        assertThat(h.get(0).message()).contains("line 1");

        for (int i = 0; i < 35; i++) {
            queries.recordRun(user, "DeviceInfo | take " + i, null, "portal", "completed", 0, 1L, null);
        }
        h = queries.history(user);
        assertThat(h).hasSize(HuntingQueries.HISTORY_SIZE);
        assertThat(h.get(0).query()).isEqualTo("DeviceInfo | take 34");
    }

    @Test
    void savedQuery_privateOrShared_andOnlyOwnerChangesIt() {
        String alice = signInAs(unique("alice"));
        long mine = queries.save(alice, 0, "My private one", "Drafts", null, "DeviceInfo | take 5", false);
        long team = queries.save(alice, 0, "Team query", "Shared hunts", "for everyone", "DeviceInfo | count", true);

        String bob = signInAs(unique("bob"));
        assertThat(queries.visibleTo(bob)).extracting(SavedQuery::id).contains(team).doesNotContain(mine);
        assertThatThrownBy(() -> queries.delete(bob, team)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queries.save(bob, team, "Hijack", null, null, "DeviceInfo", true)).isInstanceOf(AccessDeniedException.class);

        signInAs(alice);
        queries.save(alice, team, "Team query v2", "Shared hunts", null, "DeviceInfo | count", true);
        assertThat(queries.find(alice, team)).hasValueSatisfying(q -> assertThat(q.name()).isEqualTo("Team query v2"));
        queries.delete(alice, mine);
        assertThat(queries.visibleTo(alice)).extracting(SavedQuery::id).doesNotContain(mine);
    }

    @Test
    void savedQuery_invalidInput_namesTheField() {
        String u = signInAs(unique("carol"));
        assertThatThrownBy(() -> queries.save(u, 0, " ", null, null, "DeviceInfo", false))
                .isInstanceOfSatisfying(HuntingQueries.InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> queries.save(u, 0, "x", null, null, "", false))
                .isInstanceOfSatisfying(HuntingQueries.InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("query"));
    }

    @Test
    void gallery_everyQueryRunsOnTheEventStore() {
        signInAs(unique("gallery"));
        List<GalleryQuery> gallery = queries.gallery();
        assertThat(gallery).hasSizeGreaterThanOrEqualTo(12);
        for (GalleryQuery q : gallery) {
            assertThat(q.title()).isNotBlank();
            try {
                hunting.run(q.query(), "P30D", null, "portal");
            } catch (HuntingException e) {
                throw new AssertionError("gallery query " + q.id() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
