package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One KQL query, one expected SQL statement and its parameters (in the style of Calcite's RelToSqlConverterTest). */
class SqlRenderingTest {

    private static void sql(String kql, String expectedSql, Object... params) {
        CompiledQuery q = TestSupport.compile(kql);
        assertThat(q.sql()).isEqualTo(expectedSql);
        assertThat(q.parameters()).containsExactly(params);
    }

    @Test
    void has_isWholeTermCaseInsensitiveRegex() {
        sql("Events | where FileName has \"cmd.exe\"",
                "SELECT * FROM \"Events\" WHERE regexp_matches(\"FileName\", ?)",
                "(?i)(^|[^[:alnum:]])cmd\\.exe($|[^[:alnum:]])");
    }

    @Test
    void negatedStringOperators_treatNullAsNoMatch() {
        sql("Events | where FileName contains \"-ENC\" and FileName !has \"x\"",
                "SELECT * FROM \"Events\" WHERE (contains(lower(\"FileName\"), ?) AND ((regexp_matches(\"FileName\", ?)) IS NOT TRUE))",
                "-enc", "(?i)(^|[^[:alnum:]])x($|[^[:alnum:]])");
    }

    @Test
    void equality_isCaseSensitive_tildeIsNot_andNotEqualKeepsNulls() {
        sql("Events | where FileName == \"a\" or FileName =~ \"B\" or FileName != \"c\"",
                "SELECT * FROM \"Events\" WHERE (((\"FileName\" = ?) OR (lower(\"FileName\") = ?)) OR (\"FileName\" IS DISTINCT FROM ?))",
                "a", "b", "c");
    }

    @Test
    void inTilde_lowersBothSides_andNotInIsNullSafe() {
        sql("Events | where FileName in~ (\"A\", \"b\") and DeviceName !in (\"x\")",
                "SELECT * FROM \"Events\" WHERE ((lower(\"FileName\") IN (?, ?)) AND (((\"DeviceName\" IN (?))) IS NOT TRUE))",
                "a", "b", "x");
    }

    @Test
    void hasAny_isOneAlternationOfEscapedTerms() {
        sql("Events | where FileName has_any (\"a\", \"b.c\") | project DeviceName",
                "SELECT \"DeviceName\" FROM \"Events\" WHERE regexp_matches(\"FileName\", ?)",
                "(?i)(^|[^[:alnum:]])(a|b\\.c)($|[^[:alnum:]])");
    }

    @Test
    void startsEndsAndRegex_useCaseRulesOfEachOperator() {
        sql("Events | where FileName startswith \"X\" and FileName endswith_cs \"Y\" and FileName matches regex \"^a+$\"",
                "SELECT * FROM \"Events\" WHERE ((starts_with(lower(\"FileName\"), ?) AND ends_with(\"FileName\", ?)) AND regexp_matches(\"FileName\", ?))",
                "x", "Y", "^a+$");
    }

    @Test
    void ago_isFoldedToOneParameterFromTheFixedQueryTime() {
        sql("Events | where Timestamp > ago(1d) | summarize count() by DeviceName",
                "SELECT \"DeviceName\", count(*) AS \"count_\" FROM \"Events\" WHERE (\"Timestamp\" > CAST(? AS TIMESTAMP)) GROUP BY 1",
                LocalDateTime.of(2024, 12, 31, 0, 0));
    }

    @Test
    void summarize_namesColumnsLikeKusto_andBinFloors() {
        String files = "list(\"FileName\") FILTER (WHERE \"FileName\" IS NOT NULL)";
        String sorted = "list_sort(list_transform(" + files + ", lambda _x, _i: struct_pack(v := _x, i := _i)))";
        sql("Events | summarize dcount(DeviceId), make_set(FileName, 10) by bin(Timestamp, 1h)",
                "SELECT make_timestamp(CAST(floor(epoch_us(\"Timestamp\") / ?) AS BIGINT) * ?) AS \"Timestamp\", "
                        + "approx_count_distinct(\"DeviceId\") AS \"dcount_DeviceId\", "
                        + "coalesce(to_json(list_slice(list_transform(list_sort(list_transform(list_filter(list_zip(" + sorted + ", list_prepend(NULL, " + sorted
                        + "), true), lambda _p: _p[2] IS NULL OR _p[2].v IS DISTINCT FROM _p[1].v), lambda _p: struct_pack(i := _p[1].i, v := _p[1].v))),"
                        + " lambda _e: _e.v), 1, ?)), CAST(? AS JSON)) AS \"set_FileName\" "
                        + "FROM \"Events\" GROUP BY 1",
                3_600_000_000L, 3_600_000_000L, 10L, "[]");
    }

    @Test
    void argMaxStar_picksWholeRowsThroughOneRecord() {
        String record = "struct_pack(\"f0\" := \"Timestamp\", \"f1\" := \"DeviceName\", \"f2\" := \"FileName\", \"f3\" := \"FileSize\", "
                + "\"f4\" := \"AdditionalFields\")";
        sql("Events | summarize arg_max(Timestamp, *) by DeviceId",
                "SELECT _t0.\"DeviceId\", _t0.\"__pick0\".\"f0\" AS \"Timestamp\", _t0.\"__pick0\".\"f1\" AS \"DeviceName\", "
                        + "_t0.\"__pick0\".\"f2\" AS \"FileName\", _t0.\"__pick0\".\"f3\" AS \"FileSize\", _t0.\"__pick0\".\"f4\" AS \"AdditionalFields\" "
                        + "FROM (SELECT \"DeviceId\", coalesce(arg_max(" + record + ", \"Timestamp\"), any_value(" + record + ")) AS \"__pick0\" FROM \"Events\" GROUP BY 1) AS _t0");
    }

    @Test
    void join_withoutKind_isInnerUnique() {
        sql("Devices | join (Devices) on DeviceId",
                "SELECT * FROM (SELECT _t0.\"DeviceId\" AS \"DeviceId\", _t0.\"DeviceName\" AS \"DeviceName\", _t0.\"OSPlatform\" AS \"OSPlatform\", "
                        + "_t1.\"DeviceId\" AS \"DeviceId1\", _t1.\"DeviceName\" AS \"DeviceName1\", _t1.\"OSPlatform\" AS \"OSPlatform1\" "
                        + "FROM (SELECT * FROM (SELECT * FROM \"Devices\") AS _t2 QUALIFY row_number() OVER (PARTITION BY _t2.\"DeviceId\") = 1) AS _t0 "
                        + "INNER JOIN (SELECT * FROM \"Devices\") AS _t1 ON _t0.\"DeviceId\" IS NOT DISTINCT FROM _t1.\"DeviceId\") AS _t3");
    }

    @Test
    void join_inner_onLeftRightColumns_doesNotDeduplicate() {
        CompiledQuery q = TestSupport.compile("Events | join kind=inner (Devices) on $left.DeviceName == $right.DeviceName");
        assertThat(q.sql()).doesNotContain("QUALIFY").contains("ON _t0.\"DeviceName\" IS NOT DISTINCT FROM _t1.\"DeviceName\"");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly(
                "Timestamp", "DeviceId", "DeviceName", "FileName", "FileSize", "AdditionalFields", "DeviceId1", "DeviceName1", "OSPlatform");
    }

    @Test
    void leftanti_isNotExists() {
        sql("Events | join kind=leftanti (Devices) on DeviceId",
                "SELECT * FROM (SELECT * FROM \"Events\") AS _t0 WHERE NOT EXISTS (SELECT 1 FROM (SELECT * FROM \"Devices\") AS _t1 "
                        + "WHERE _t0.\"DeviceId\" IS NOT DISTINCT FROM _t1.\"DeviceId\")");
    }

    @Test
    void dynamicAccess_isOneJsonPointerPerPath() {
        sql("Events | extend F = AdditionalFields.Command[0] | project S = tostring(F), T = tostring(AdditionalFields[\"a/b\"])",
                "SELECT json_extract_string(_t0.\"F\", ?) AS \"S\", json_extract_string(_t0.\"AdditionalFields\", ?) AS \"T\" "
                        + "FROM (SELECT *, json_extract(\"AdditionalFields\", ?) AS \"F\" FROM \"Events\") AS _t0",
                "$", "/a~1b", "/Command/0");
    }

    @Test
    void letDynamicList_expandsIntoParameters() {
        sql("let names = dynamic([\"a\", \"b\"]); Events | where FileName in (names) | take 10",
                "SELECT * FROM \"Events\" WHERE (\"FileName\" IN (?, ?)) LIMIT ?", "a", "b", 10L);
    }

    @Test
    void top_isOrderByWithKustoNullOrdering() {
        sql("Devices | top 5 by DeviceName asc | project-away DeviceId",
                "SELECT _t0.\"DeviceName\", _t0.\"OSPlatform\" FROM (SELECT * FROM \"Devices\" ORDER BY \"DeviceName\" ASC NULLS FIRST LIMIT ?) AS _t0",
                5L);
    }

    @Test
    void datatable_isTypedValues_andMvExpandUnnestsInTheSelectList() {
        CompiledQuery q = TestSupport.compile("datatable(a:string, b:long) [\"x\", 1, \"y\", 2] | mv-expand c = pack_array(a, b) to typeof(string)");
        assertThat(q.sql())
                .startsWith("SELECT * FROM (SELECT _t1.\"a\", _t1.\"b\", json_extract_string(_t1._x0, ?) AS \"c\" FROM (SELECT _t2.*, "
                        + "unnest(CASE json_type(_t2._v0) WHEN ? THEN CAST(_t2._v0 AS JSON[]) WHEN ? THEN ")
                .endsWith("ELSE [_t2._v0] END) AS _x0 FROM (SELECT _t0.*, json_array(_t0.\"a\", _t0.\"b\") AS _v0 FROM (SELECT * FROM "
                        + "(VALUES (CAST(? AS VARCHAR), CAST(? AS BIGINT)), (CAST(? AS VARCHAR), CAST(? AS BIGINT))) AS _t3(\"a\", \"b\")) AS _t0) AS _t2) AS _t1) AS _t4");
        assertThat(q.parameters()).startsWith("$", "ARRAY", "OBJECT").endsWith("x", 1L, "y", 2L);
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("a", "b", "c");
    }

    @Test
    void union_fillsMissingColumnsWithTypedNulls() {
        sql("union Events, Devices | count",
                "SELECT count(*) AS \"Count\" FROM ((SELECT *, CAST(NULL AS VARCHAR) AS \"OSPlatform\" FROM \"Events\") UNION ALL "
                        + "(SELECT CAST(NULL AS TIMESTAMP) AS \"Timestamp\", \"DeviceId\", \"DeviceName\", CAST(NULL AS VARCHAR) AS \"FileName\", "
                        + "CAST(NULL AS BIGINT) AS \"FileSize\", CAST(NULL AS JSON) AS \"AdditionalFields\", \"OSPlatform\" FROM \"Devices\")) AS _t0");
    }

    @Test
    void extend_thatUsesAnEarlierColumn_startsANewLayer() {
        sql("Events | extend x = 1, y = x + 1 | project y",
                "SELECT _t1.\"y\" FROM (SELECT _t0.*, (_t0.\"x\" + ?) AS \"y\" FROM (SELECT *, ? AS \"x\" FROM \"Events\") AS _t0) AS _t1",
                1L, 1L);
    }

    @Test
    void countif_sum_avg_andRenderIsMetadataOnly() {
        CompiledQuery q = TestSupport.compile(
                "Events | summarize countif(FileName endswith \".exe\"), sum(FileSize), avg(FileSize) | render piechart with (title=\"Files\")");
        assertThat(q.sql()).isEqualTo("SELECT count(*) FILTER (WHERE ends_with(lower(\"FileName\"), ?)) AS \"countif_\", "
                + "CAST(coalesce(sum(\"FileSize\"), 0) AS BIGINT) AS \"sum_FileSize\", coalesce(avg(\"FileSize\"), CAST(? AS DOUBLE)) AS \"avg_FileSize\" FROM \"Events\"");
        assertThat(q.render()).contains(new RenderSpec("piechart", java.util.Map.of("title", "Files")));
    }

    @Test
    void tabularLet_isACte() {
        sql("let T = Devices | where OSPlatform startswith \"Windows\"; T | project-rename Name = DeviceName | project-reorder Name",
                "WITH _cte0 AS (SELECT * FROM \"Devices\" WHERE starts_with(lower(\"OSPlatform\"), ?)) SELECT _t0.\"Name\", _t0.\"DeviceId\", "
                        + "_t0.\"OSPlatform\" FROM (SELECT \"DeviceId\", \"DeviceName\" AS \"Name\", \"OSPlatform\" FROM _cte0) AS _t0",
                "windows");
    }

    @Test
    void materialize_isOneMaterializedCte() {
        CompiledQuery q = TestSupport.compile("let m = materialize(Events | where FileSize > 0); m | join kind=inner (m) on DeviceId | count");
        assertThat(q.sql()).startsWith("WITH _cte0 AS MATERIALIZED (SELECT * FROM \"Events\" WHERE (\"FileSize\" > ?)) SELECT count(*)");
        assertThat(q.sql()).doesNotContain("_cte1");
    }

    @Test
    void toscalar_isAScalarSubquery() {
        sql("let big = toscalar(Events | summarize max(FileSize)); Events | where FileSize == big",
                "SELECT * FROM \"Events\" WHERE (\"FileSize\" = (SELECT \"max_FileSize\" FROM (SELECT max(\"FileSize\") AS \"max_FileSize\" FROM \"Events\") AS _q LIMIT 1))");
    }

    @Test
    void inTable_isInSubquery() {
        sql("Events | where DeviceId in (Devices | where OSPlatform == \"Linux\" | project DeviceId)",
                "SELECT * FROM \"Events\" WHERE (\"DeviceId\" IN (SELECT \"DeviceId\" FROM (SELECT \"DeviceId\" FROM \"Devices\" WHERE (\"OSPlatform\" = ?)) AS _q))",
                "Linux");
    }

    @Test
    void timeGenerated_readsTimestamp_butKeepsTheWrittenName() {
        sql("Events | where TimeGenerated > datetime(2024-12-01) | project TimeGenerated",
                "SELECT \"Timestamp\" AS \"TimeGenerated\" FROM \"Events\" WHERE (\"Timestamp\" > CAST(? AS TIMESTAMP))",
                LocalDateTime.of(2024, 12, 1, 0, 0));
    }

    @Test
    void scalarFunctions_mapToDuckDb() {
        sql("Events | project d = startofday(Timestamp), e = format_datetime(Timestamp, \"yyyy-MM-dd\"), p = split(FileName, \"\\\\\")[1], t = toint(\"12\")",
                "SELECT CAST(CAST(\"Timestamp\" AS DATE) AS TIMESTAMP) AS \"d\", strftime(\"Timestamp\", ?) AS \"e\", "
                        + "json_extract(to_json(string_split(\"FileName\", ?)), ?) AS \"p\", TRY_CAST(? AS INTEGER) AS \"t\" FROM \"Events\"",
                "%Y-%m-%d", "\\", "/1", "12");
    }

    @Test
    void defaultTimeWindow_andScopeFilter_areAddedToEveryScan() {
        CompileOptions o = TestSupport.options().withDefaultWindow(java.time.Duration.ofDays(30)).withRowLimit(100)
                .withScope(t -> t.name().equals("Events")
                        ? java.util.Optional.of(new dev.rampart.kql.plan.ScopeFilter("\"DeviceId\" IN (?, ?)", List.of("d1", "d2")))
                        : java.util.Optional.empty());
        CompiledQuery q = KqlCompiler.compile("Events | where FileName == \"x\"", o);
        assertThat(q.sql()).isEqualTo("SELECT * FROM \"Events\" WHERE (\"Timestamp\" >= CAST(? AS TIMESTAMP)) AND (\"DeviceId\" IN (?, ?)) "
                + "AND (\"FileName\" = ?) LIMIT ?");
        assertThat(q.parameters()).containsExactly(LocalDateTime.of(2024, 12, 2, 0, 0), "d1", "d2", "x", 100L);
    }

    @Test
    void rowLimit_tightensAnExistingTakeInsteadOfNesting() {
        CompiledQuery q = KqlCompiler.compile("Events | order by Timestamp | take 3", TestSupport.options().withRowLimit(1000));
        assertThat(q.sql()).isEqualTo("SELECT * FROM \"Events\" ORDER BY \"Timestamp\" DESC NULLS LAST LIMIT ?");
        assertThat(q.parameters()).containsExactly(3L);
    }

    @Test
    void parse_isOneAnchoredRegexWithAGroupPerColumn() {
        sql("Devices | parse DeviceName with \"host \" Host:string \".\" * | project Host",
                "SELECT _t0.\"Host\" FROM (SELECT *, regexp_extract(\"DeviceName\", ?, 1) AS \"Host\" FROM \"Devices\") AS _t0",
                "(?s)^host (.*?)\\..*?");
    }

    @Test
    void toscalarOfAValue_isTheValue() {
        sql("let n = toscalar(array_length(dynamic([1, 2]))); Devices | where strlen(DeviceName) > n",
                "SELECT * FROM \"Devices\" WHERE (length(\"DeviceName\") > CAST(json_array_length(CAST(? AS JSON)) AS BIGINT))", "[1,2]");
    }

    @Test
    void comparingWithEmptyString_treatsNullAsEmpty() {
        sql("Events | where FileName != \"\" and DeviceName == \"\"",
                "SELECT * FROM \"Events\" WHERE (((length(\"FileName\") > 0) IS TRUE) AND ((length(\"DeviceName\") > 0) IS NOT TRUE))");
    }
}
