package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.access.DataScope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenInTest {
    private final SeenIn.Groups groups = new SeenIn.Groups(Map.of("d-eu", 1L, "d-us", 2L), Map.of("eu-host", 1L));

    @Test
    void tokens_resolveDevicesToGroups_andKeepDevicelessRowsApart() {
        assertThat(SeenIn.tokens(List.of("endpoint|id:d-eu", "endpoint|id:d-us", "endpoint|id:", "identity|name:eu-host", "email|*"), groups))
                .containsExactlyInAnyOrder("endpoint", "endpoint|1", "endpoint|2", "identity", "identity|1", "email", "email|*");
        assertThat(SeenIn.tokens(List.of("endpoint|id:unknown-device"), groups)).containsExactly("endpoint");
    }

    @Test
    void allowed_listsGroupsOfScopedWorkloads_andWholeWorkloadsOtherwise() {
        DataScope eu = new DataScope(false, List.of(new DataScope.Grant(Set.of("endpoint"), Set.of(1L)), new DataScope.Grant(Set.of("email"), null)));
        assertThat(SeenIn.allowed(eu, List.of("endpoint", "identity", "email"), true)).containsExactlyInAnyOrder("endpoint|*", "endpoint|1", "email");
        assertThat(SeenIn.allowed(eu, List.of("endpoint", "email"), false)).containsExactlyInAnyOrder("endpoint|*", "endpoint|1");
    }

    @Test
    void index_filtersBySeenTokensInsideTheQuery() {
        try (SearchIndex index = SearchIndex.build(List.of(
                new SearchIndex.Entry("file", "aaa", "tool-eu.exe", null, 1, null, Set.of("endpoint", "endpoint|1")),
                new SearchIndex.Entry("file", "bbb", "tool-us.exe", null, 99, null, Set.of("endpoint", "endpoint|2"))))) {
            assertThat(index.search("tool", "file", 5, h -> true, Set.of("endpoint|1"))).extracting(SearchIndex.Hit::key).containsExactly("aaa");
            assertThat(index.search("tool", "file", 5, h -> true, Set.of("endpoint"))).extracting(SearchIndex.Hit::key).containsExactly("bbb", "aaa");
            assertThat(index.search("tool", "file", 5, h -> true, Set.of())).isEmpty();
        }
    }
}
