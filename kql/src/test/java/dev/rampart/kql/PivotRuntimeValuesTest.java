package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate pivot without an output schema: the value columns are read from the data while the query compiles. */
class PivotRuntimeValuesTest extends DuckDbTestBase {

    @BeforeAll
    static void events() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 12, 31, 12, 0);
        db.insert("Events", t, "d1", "alpha", "cmd.exe", 10L, null);
        db.insert("Events", t, "d1", "alpha", "cmd.exe", 20L, null);
        db.insert("Events", t, "d2", "beta", "a.exe", 5L, null);
        // Outside the query's 30-day window: its value is not one of the query's columns.
        db.insert("Events", LocalDateTime.of(2020, 1, 1, 0, 0), "d3", "old", "ancient.exe", 1L, null);
    }

    private static CompiledQuery compile(String kql) {
        return KqlCompiler.compile(kql, TestSupport.options().withDefaultWindow(java.time.Duration.ofDays(30)).withBagKeys(db::keys));
    }

    private static List<String> columns(CompiledQuery q) {
        return q.columns().stream().map(c -> c.name() + ":" + c.type().kustoName()).toList();
    }

    private static final String LEVELS = """
            datatable(DeviceName: string, Level: string)['a', 'Low', 'a', 'High', 'a', 'High', 'b', 'Low', 'c', 'Medium']
            """;

    @Test
    void pivot_withoutSchema_countsPerValue_columnsInTheOrderOfEachValuesFirstRow() throws Exception {
        CompiledQuery q = compile(LEVELS + "| evaluate pivot(Level) | sort by DeviceName asc");
        assertThat(columns(q)).containsExactly("DeviceName:string", "Low:long", "High:long", "Medium:long");
        assertThat(db.run(q)).containsExactly(List.of("a", 1L, 2L, 0L), List.of("b", 1L, 0L, 0L), List.of("c", 0L, 0L, 1L));
    }

    @Test
    void pivot_withAggregateAndGroupColumn_aggregatesTheColumnPerValue() throws Exception {
        CompiledQuery q = compile("""
                datatable(State: string, EventType: string, Deaths: long, Source: string)[
                  'ARKANSAS', 'Heat', 3, 'x', 'ARIZONA', 'Flood', 2, 'y', 'ARIZONA', 'Flood', 4, 'z', 'ARKANSAS', 'Wind', 1, 'x']
                | evaluate pivot(State, sum(Deaths), EventType)
                | sort by EventType asc""");
        assertThat(columns(q)).containsExactly("EventType:string", "ARKANSAS:long", "ARIZONA:long");
        assertThat(db.run(q)).containsExactly(Arrays.asList("Flood", 0L, 6L), Arrays.asList("Heat", 3L, 0L), Arrays.asList("Wind", 1L, 0L));
    }

    @Test
    void pivot_ofNonStringValues_namesColumnsAsTostringWrites() throws Exception {
        CompiledQuery q = compile("""
                datatable(K: string, N: long, B: bool, T: datetime)['k', 10, true, datetime(2024-01-02), 'k', 2, false, datetime(2024-01-02)]
                | project K, N | evaluate pivot(N)""");
        assertThat(columns(q)).containsExactly("K:string", "10:long", "2:long");
        assertThat(db.run(q)).containsExactly(List.of("k", 1L, 1L));
        assertThat(columns(compile("datatable(K: string, B: bool)['k', true, 'k', false] | evaluate pivot(B)")))
                .containsExactly("K:string", "true:long", "false:long");
        assertThat(columns(compile("datatable(K: string, T: datetime)['k', datetime(2024-01-02)] | evaluate pivot(T)")))
                .containsExactly("K:string", "2024-01-02T00:00:00.0000000Z:long");
    }

    @Test
    void pivot_emptyValue_getsTheUnnamedColumnName_andAValueLikeAGroupColumnGetsADigit() throws Exception {
        CompiledQuery q = compile("datatable(Dev: string, Tag: string)['a', '', 'a', 'Dev', 'b', 'x'] | evaluate pivot(Tag) | sort by Dev asc");
        assertThat(columns(q)).containsExactly("Dev:string", "Column1:long", "Dev1:long", "x:long");
        assertThat(db.run(q)).containsExactly(List.of("a", 1L, 1L, 0L), List.of("b", 0L, 0L, 1L));
    }

    @Test
    void pivot_withAnyOfAnotherColumn_andTheGroupNamed_asHuntingQueriesWriteIt() throws Exception {
        CompiledQuery q = compile("""
                datatable(DeviceName: string, Tag: string, Mark: string)['pc1', 'Prod', 'y', 'pc1', 'Lab', 'y', 'pc2', 'Lab', 'y']
                | evaluate pivot(Tag, any(Mark), DeviceName)
                | sort by DeviceName asc""");
        assertThat(columns(q)).containsExactly("DeviceName:string", "Prod:string", "Lab:string");
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : db.run(q)) {
            rows.add(r.stream().map(v -> v == null ? "" : v).toList());
        }
        assertThat(rows).containsExactly(List.of("pc1", "y", "y"), List.of("pc2", "", "y"));
    }

    @Test
    void pivot_columnsCanBeNamedByLaterOperators() throws Exception {
        assertThat(rows(LEVELS + "| evaluate pivot(Level) | where High > 0 | project DeviceName, Total = High + Low"))
                .containsExactly(List.of("a", 3L));
    }

    @Test
    void pivot_overATable_readsOnlyTheRowsTheQueryReads() throws Exception {
        CompiledQuery q = compile("Events | project DeviceName, FileName | evaluate pivot(FileName) | sort by DeviceName asc");
        assertThat(columns(q)).containsExactly("DeviceName:string", "cmd.exe:long", "a.exe:long");
        assertThat(db.run(q)).containsExactly(List.of("alpha", 2L, 0L), List.of("beta", 0L, 1L));
    }

    @Test
    void pivot_overNoRows_hasOnlyTheGroupColumns() throws Exception {
        CompiledQuery q = compile(LEVELS + "| where DeviceName == 'nobody' | evaluate pivot(Level)");
        assertThat(columns(q)).containsExactly("DeviceName:string");
        assertThat(db.run(q)).isEmpty();
    }

    @Test
    void pivot_withMoreThanAThousandValues_isRefused() {
        assertThatThrownBy(() -> compile("range x from 1 to 1001 step 1 | extend k = 'k' | evaluate pivot(x)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("more than 1,000 distinct values")
                .satisfies(e -> assertThat(((KqlException) e).diagnostic().code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        assertThat(columns(compile("range x from 1 to 1000 step 1 | extend k = 'k' | evaluate pivot(x)"))).hasSize(1001);
    }

    @Test
    void pivot_withTheDocumentedAggregations_aggregatesEachValuesRowsOnly() throws Exception {
        String t = "datatable(G: string, K: string, V: long)['g', 'x', 1, 'g', 'x', 3, 'g', 'x', 3, 'g', 'y', 10]";
        assertThat(row(t + " | evaluate pivot(K, min(V))")).containsExactly("g", 1L, 10L);
        assertThat(row(t + " | evaluate pivot(K, max(V))")).containsExactly("g", 3L, 10L);
        assertThat(row(t + " | evaluate pivot(K, dcount(V))")).containsExactly("g", 2L, 1L);
        assertThat(row(t + " | evaluate pivot(K, avg(V))")).containsExactly("g", 7.0 / 3, 10.0);
        assertThat(row(t + " | evaluate pivot(K, make_set(V)) | extend x = array_sort_asc(x)")).containsExactly("g", "[1,3]", "[10]");
        assertThat(columns(compile(t + " | evaluate pivot(K, make_list(V))"))).containsExactly("G:string", "x:dynamic", "y:dynamic");
    }
}
