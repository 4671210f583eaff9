package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Forms the KQL reference examples use that the compiler once refused, run on DuckDB over small stand-in tables. */
class DocsReferenceGapsTest extends DuckDbTestBase {

    @Test
    void mergeTdigest_overOneColumnInSummarize_mergesAcrossTheGroup() throws Exception {
        String digests = "range x from 1 to 10 step 1 | summarize t = tdigest(x) by k = x % 3";
        assertThat(rows(digests + " | summarize m = merge_tdigest(t) | project p = percentile_tdigest(m, 100, typeof(long))"))
                .containsExactly(List.of(10L));
        // The reference's nested form: the merged digest read in the same summarize.
        assertThat(rows(digests + " | summarize p = percentile_tdigest(merge_tdigest(t), 50)")).containsExactly(List.of(5.0));
    }

    @Test
    void mergeTdigest_ofTwoColumns_staysTheRowByRowMerge() throws Exception {
        // The merge_tdigest reference example; its documented output is 20.
        assertThat(one("""
                range x from 1 to 10 step 1
                | extend y = x + 10
                | summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
                | project merged = merge_tdigest(tdigestX, tdigestY)
                | project percentile_tdigest(merged, 100, typeof(long))""")).isEqualTo(20L);
    }
}
