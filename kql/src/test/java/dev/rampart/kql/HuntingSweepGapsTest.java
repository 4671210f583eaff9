package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Forms from public Defender hunting queries that Kusto accepts, run on DuckDB with exact results. */
class HuntingSweepGapsTest extends DuckDbTestBase {

    @Test
    void unicodeBlanksBetweenTokens_areWhitespace() throws Exception {
        // No-break space, narrow no-break space, zero-width space and figure space, as pasted from web pages.
        String q = "datatable(a:long)[1,\u00a02,\u202f3]\n|\u00a0where a\u200b>=\u20072\n| count";
        assertThat(one(q)).isEqualTo(2L);
    }
}
