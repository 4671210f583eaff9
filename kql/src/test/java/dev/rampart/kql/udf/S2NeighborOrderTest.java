package dev.rampart.kql.udf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kusto's neighbour order: S2's walk read back from an eight-bucket FNV-1a hash set of the tokens. */
class S2NeighborOrderTest {
    @Test
    void fnv1a64_matchesThePublishedTestVectors() {
        assertThat(S2NeighborOrder.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(S2NeighborOrder.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(S2NeighborOrder.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void of_s2WalkOfDocumentedCell_becomesTheListKustoDocuments() {
        List<String> s2Walk = List.of("89c2f9", "89c251", "89c257", "89c25f", "89c2f7", "89c25b", "89c2f5", "89c25d");
        assertThat(S2NeighborOrder.of(s2Walk))
                .containsExactly("89c25d", "89c2f9", "89c251", "89c257", "89c25f", "89c25b", "89c2f7", "89c2f5");
    }

    @Test
    void of_tokensInOneBucket_latestFirst_bucketsInOrderOfFirstUse() {
        // 89c2f7 and 89c25b share bucket 0, 89c251 is alone in bucket 1.
        assertThat(S2NeighborOrder.fnv1a64("89c2f7") & 7).isEqualTo(S2NeighborOrder.fnv1a64("89c25b") & 7);
        assertThat(S2NeighborOrder.of(List.of("89c2f7", "89c251", "89c25b"))).containsExactly("89c25b", "89c2f7", "89c251");
    }

    @Test
    void of_repeatedToken_isListedOnceWhereItFirstLanded() {
        assertThat(S2NeighborOrder.of(List.of("89c2f7", "89c251", "89c2f7", "89c25b"))).containsExactly("89c25b", "89c2f7", "89c251");
    }
}
