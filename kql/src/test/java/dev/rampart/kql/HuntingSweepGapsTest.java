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

    @Test
    void projectAwayStarDigit_dropsTheColumnsAJoinSuffixed() throws Exception {
        String q = "let l = datatable(K:string, V:long)['a', 1, 'b', 2]; let r = datatable(K:string, V:long, W:long)['a', 10, 100];"
                + " l | join kind=inner r on K | project-away *1 | project-keep *";
        assertThat(rows(q)).containsExactly(List.of("a", 1L, 100L));
        assertThat(TestSupport.compile("datatable(a:long, a1:long, b2:long, b12:long)[1, 2, 3, 4] | project-away *2, a*1").columns())
                .extracting(OutputColumn::name).containsExactly("a");
    }

    @Test
    void parsePattern_bracketedColumnNames_captureLikeIdentifiers() throws Exception {
        String q = "datatable(t:string)['user=alice; n=7', 'junk'] | parse-where t with 'user=' ['User Name'] '; n=' ['Count']:long"
                + " | project ['User Name'], Count + 1";
        assertThat(rows(q)).containsExactly(List.of("alice", 8L));
    }

    @Test
    void legacyStringOperatorSpellings_actLikeTheirModernForms() throws Exception {
        String q = "datatable(t:string)['HKLM/Run', 'hkcu/run', 'other']"
                + " | project t, a = t notcontains 'RUN', b = t notcontainscs 'Run', c = t containscs 'Run' | order by t asc";
        assertThat(rows(q)).containsExactly(
                List.of("HKLM/Run", false, false, true),
                List.of("hkcu/run", false, true, false),
                List.of("other", true, true, false));
    }

    @Test
    void renderWithPropertiesBeforeWith_keepsRowsAndChart() throws Exception {
        String q = "datatable(d:string, n:long)['x', 1, 'y', 2] | summarize sum(n) by d | order by d asc | render columnchart kind=stacked title='Mail'";
        assertThat(rows(q)).containsExactly(List.of("x", 1L), List.of("y", 2L));
        RenderSpec r = TestSupport.compile(q).render().orElseThrow();
        assertThat(r.kind()).isEqualTo("columnchart");
        assertThat(r.properties()).containsEntry("kind", "stacked").containsEntry("title", "Mail");
        assertThat(TestSupport.compile("datatable(d:string, n:long)['x', 1] | render barchart kind unstacked").render().orElseThrow()
                .properties()).containsEntry("kind", "unstacked");
    }

    @Test
    void takeAnyOverSeveralColumns_takesThemFromOneRowUnderTheirOwnNames() throws Exception {
        // Within each group all rows agree on (a, b) up to the pairing, so a mixed-row answer would show as a bad pair.
        String t = "datatable(g:string, a:long, b:string)['x', 1, 'one', 'x', 2, 'two', 'y', 3, 'three']";
        CompiledQuery q = TestSupport.compile(t + " | summarize take_any(a, b), n = count() by g");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("g", "a", "b", "n");
        List<List<Object>> got = rows(t + " | summarize take_any(a, b), n = count() by g | extend ok = (a == 1 and b == 'one') or (a == 2 and b == 'two')"
                + " or (a == 3 and b == 'three') | project g, ok, n | order by g asc");
        assertThat(got).containsExactly(List.of("x", true, 2L), List.of("y", true, 1L));
        assertThat(rows(t + " | where g == 'y' | summarize take_any(*) by g")).containsExactly(List.of("y", 3L, "three"));
        assertThat(rows(t + " | where g == 'y' | summarize (p, q) = take_any(a, strcat(b, '!'))")).containsExactly(List.of(3L, "three!"));
    }

    @Test
    void takeAnyOfOneColumn_keepsTheColumnName_butObsoleteAnyAddsThePrefix() {
        String t = "datatable(g:string, a:long)['x', 1] | summarize ";
        assertThat(TestSupport.compile(t + "take_any(a), take_anyif(g, a > 0), take_any(a + 1)").columns())
                .extracting(OutputColumn::name).containsExactly("a", "g", "any_arg0");
        assertThat(TestSupport.compile(t + "any(a), anyif(g, a > 0)").columns())
                .extracting(OutputColumn::name).containsExactly("any_a", "anyif_g");
    }

    @Test
    void adjacentStringsInsideDynamic_joinIntoOneElement() throws Exception {
        String q = "let l = dynamic(['a' // first half\n  // a commented-out element\n 'b', 'c']);"
                + " print n = array_length(l), first = tostring(l[0]), second = tostring(l[1])";
        assertThat(row(q)).containsExactly(2L, "ab", "c");
    }

    @Test
    void severalOutputFunctionGivenOneName_namesTheFirstOutputAndKeepsTheRest() throws Exception {
        String t = "print s = dynamic([10, 11, 10, 9, 10, 11, 10, 60, 10, 9])";
        CompiledQuery q = TestSupport.compile(t + " | extend flags = series_decompose_anomalies(s, 1.5, 0)");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("s", "flags",
                "series_decompose_anomalies_s_ad_score", "series_decompose_anomalies_s_baseline");
        // The named column holds the same flags as the first of (flag, score, baseline) = ...
        String named = tostringOne(t + " | extend flags = series_decompose_anomalies(s, 1.5, 0) | project tostring(flags)");
        String tuple = tostringOne(t + " | extend (flag, score, baseline) = series_decompose_anomalies(s, 1.5, 0) | project tostring(flag)");
        assertThat(named).isEqualTo(tuple).isEqualTo("[0,0,0,0,0,0,0,1,0,0]");
        // print keeps the named first output alone.
        assertThat(row("print flags = series_decompose_anomalies(dynamic([10, 11, 10, 9, 10, 11, 10, 60, 10, 9]), 1.5, 0)"
                + " | project tostring(flags)")).containsExactly("[0,0,0,0,0,0,0,1,0,0]");
        assertThat(TestSupport.compile("print flags = series_decompose_anomalies(dynamic([1, 2]))").columns())
                .extracting(OutputColumn::name).containsExactly("flags");
    }

    private static String tostringOne(String q) throws Exception {
        return (String) one(q);
    }

    @Test
    void namedGroupWithAngleBrackets_matchesAndExtracts() throws Exception {
        String q = "datatable(c:string)['tool.exe -p s3cret', 'tool.exe -v', 'x [(?<y] z']"
                + " | where c matches regex @'-p\\s+(?<password>\\S+)' or c matches regex @'[(?<]y'"
                + " | project c, pw = extract(@'-p\\s+(?<password>\\S+)', 1, c)";
        assertThat(rows(q)).containsExactly(List.of("tool.exe -p s3cret", "s3cret"), List.of("x [(?<y] z", ""));
        assertThat(dev.rampart.kql.analyzer.RegexText.toRe2("[(?<a](?<b>c)[]?<d]")).isEqualTo("[(?<a](?P<b>c)[]?<d]");
    }
}
