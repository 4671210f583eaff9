package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Forms the KQL reference uses in its examples that the compiler once rejected or ran wrongly; run on DuckDB. */
class DocumentedFormsTest extends DuckDbTestBase {

    @Test
    void seriesArithmetic_scalarFirstOperand_appliesToEveryElement() throws Exception {
        assertThat(row("print a = dynamic([1, 2, 3]) | project m = tostring(series_multiply(10, a)), d = tostring(series_subtract(5, a)),"
                + " p = tostring(series_add(a, 1))"))
                .containsExactly("[10.0,20.0,30.0]", "[4.0,3.0,2.0]", "[2.0,3.0,4.0]");
    }

    @Test
    void seriesArithmetic_differentLengths_missingElementsAreNull() throws Exception {
        assertThat(one("print tostring(series_add(dynamic([1, 2, 3]), dynamic([10, 20])))")).isEqualTo("[11.0,22.0,null]");
        assertThat(one("print tostring(series_greater(dynamic([1, 5]), dynamic([2, 2, 2])))")).isEqualTo("[false,true,null]");
    }

    @Test
    void seriesArithmetic_nonNumericElement_isNull() throws Exception {
        assertThat(one("print tostring(series_add(dynamic([1, 'x', 3]), 1))")).isEqualTo("[2.0,null,4.0]");
    }

    @Test
    void rangeAsAColumnName_isNotTheRangeOperator() throws Exception {
        assertThat(rows("print x = 1 | extend range = range(1, 3, 1) | mv-expand range to typeof(long)"
                + " | summarize n = count() by b = bin(range, 2) | order by b asc"))
                .containsExactly(List.of(0L, 1L), List.of(2L, 2L));
    }

    @Test
    void realLiteral_withTrailingDot() throws Exception {
        assertThat(row("print a = 0., b = 3. * 2, c = 14d / 2h")).containsExactly(0.0, 6.0, 168.0);
    }

    @Test
    void base64DecodeToArray_invalidText_isNullNotAFailedQuery() throws Exception {
        assertThat(one("print tostring(base64_decode_toarray('S3VzdG8='))")).isEqualTo("[75,117,115,116,111]");
        assertThat(one("let b = toscalar(print base64_decode_toarray('U3RyaW5n0KHR0tGA0L7Rh9C60LA'));"
                + " print isempty(base64_encode_fromarray(b))")).isEqualTo(true);
    }

    @Test
    void renderProperty_withSeveralColumns_keepsThemAll() {
        CompiledQuery q = TestSupport.compile("print a = 1, b = 'x', c = 'y' | render ladderchart with (series = b, c, title = 'T')");
        assertThat(q.render()).contains(new RenderSpec("ladderchart", Map.of("series", "b,c", "title", "T")));
    }

    @Test
    void columnsDifferingOnlyInCase_areTwoColumns() throws Exception {
        assertThat(row("datatable(Timestamp:datetime, A:string)[datetime(2024-01-01), 'x'] | extend timestamp = Timestamp + 1d"
                + " | project t = tostring(timestamp), T = tostring(Timestamp), A"))
                .containsExactly("2024-01-02T00:00:00.0000000Z", "2024-01-01T00:00:00.0000000Z", "x");
        assertThat(rows("datatable(A:string)['x', 'z'] | extend a = 'y' | where a == 'y' | summarize n = count() by A, a | order by A asc"))
                .containsExactly(List.of("x", "y", 1L), List.of("z", "y", 1L));
    }

    @Test
    void joinKeysDifferingOnlyInCase_keepBothSides() throws Exception {
        assertThat(rows("let l = datatable(CveId:string, n:long)['CVE-1', 1, 'CVE-2', 2]; let r = datatable(cveID:string, d:string)['CVE-1', 'one'];"
                + " l | join kind=leftouter r on $left.CveId == $right.cveID | project CveId, cveID, d | order by CveId asc"))
                .containsExactly(java.util.Arrays.asList("CVE-1", "CVE-1", "one"), java.util.Arrays.asList("CVE-2", null, null));
    }
}
