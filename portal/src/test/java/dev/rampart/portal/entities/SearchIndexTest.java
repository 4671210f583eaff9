package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.entities.SearchIndex.Entry;
import dev.rampart.portal.entities.SearchIndex.Hit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchIndexTest {
    private final SearchIndex index = SearchIndex.build(List.of(
            new Entry("device", "id1", "chi-lt-1000.corp.example", "Windows11", 5, null),
            new Entry("device", "id2", "chi-dt-2000.corp.example", "Windows10", 50, null),
            new Entry("user", "evelyn.parker@corp.example", "Evelyn Parker", "eparker", 1, null),
            new Entry("ip", "10.0.1.10", "10.0.1.10", null, 1, null),
            new Entry("ip", "10.0.1.100", "10.0.1.100", null, 9, null),
            new Entry("page", "/roles", "Roles", "System", 1, "AUTHORIZATION_READ")));

    private List<String> keys(String q, String type) {
        return index.search(q, type, 5, h -> true).stream().map(Hit::key).toList();
    }

    @Test
    void prefixOfAnyWord_matches_heavierFirst() {
        assertThat(keys("chi", "device")).containsExactly("id2", "id1");
        assertThat(keys("chi-lt", "device")).containsExactly("id1");
        assertThat(keys("evel par", "user")).containsExactly("evelyn.parker@corp.example");
        assertThat(keys("parker@", "user")).containsExactly("evelyn.parker@corp.example");
    }

    @Test
    void exactWholeValue_ranksFirst_overHeavierPrefixMatches() {
        assertThat(keys("10.0.1.10", "ip")).containsExactly("10.0.1.10", "10.0.1.100");
    }

    @Test
    void sectionsAreSeparate_andFilterHidesWhatTheCallerMayNotSee() {
        assertThat(keys("chi", "user")).isEmpty();
        assertThat(index.search("rol", "page", 5, h -> h.permission() == null)).isEmpty();
        assertThat(keys("rol", "page")).containsExactly("/roles");
    }

    @Test
    void blankOrPunctuationOnly_findsNothing() {
        assertThat(keys("  ", "device")).isEmpty();
        assertThat(keys("--", "device")).isEmpty();
    }

    @Test
    void longerPrefixes_andTextBeyondTheIndexedPrefixLength_stillMatch() {
        assertThat(keys("chi-lt-1000.corp", "device")).containsExactly("id1");
        assertThat(keys("evelyn.parker@corp.exa", "user")).containsExactly("evelyn.parker@corp.example");
        assertThat(keys("windows1", "device")).containsExactly("id2", "id1");
    }

    @Test
    void searchAll_fillsEachSectionInOnePass_andOnlyTheSectionsAsked() {
        var found = index.searchAll("1", java.util.Map.of("device", h -> true, "ip", h -> true), 1);
        assertThat(found.keySet()).containsExactlyInAnyOrder("device", "ip");
        assertThat(found.get("device")).extracting(Hit::key).containsExactly("id1");
        assertThat(found.get("ip")).extracting(Hit::key).containsExactly("10.0.1.100");
    }

    @Test
    void visibilityIsCheckedBeforeRanking_soANarrowScopeStillGetsItsBestHits() {
        List<Entry> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Entry("device", "d" + i, "lon-lt-" + i, null, 1000 - i, null));
        }
        SearchIndex big = SearchIndex.build(many);
        // Only the two lightest devices are visible; a top-k taken before filtering would find neither.
        var hits = big.search("lon", "device", 5, h -> h.key().equals("d198") || h.key().equals("d199"));
        assertThat(hits).extracting(Hit::key).containsExactly("d198", "d199");
    }
}
