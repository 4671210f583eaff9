package dev.rampart.kql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** where's '*' operand and union's table references, run on DuckDB. */
class SearchTermsTest {
    private static DuckDb db;

    @BeforeAll
    static void open() throws Exception {
        db = FindTables.open();
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    private static List<List<Object>> rows(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, FindTables.options(db)));
    }

    private static List<String> columns(String kql) {
        return KqlCompiler.compile(kql, FindTables.options(db)).columns().stream().map(OutputColumn::name).toList();
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void whereStarHas_matchesATermInAnyStringColumn() throws Exception {
        assertThat(rows("Customers | where * has \"hughes\" | project CustomerKey")).containsExactly(row(986L));
        assertThat(rows("EventsTable1 | where * contains \"ext4\" or * has \"v1.0.1\" | project EventText"))
                .containsExactlyInAnyOrder(row("Some Text3"), row("Some Text4"));
        assertThat(rows("Customers | where * has_cs \"hughes\" | count")).containsExactly(row(0L));
        assertThat(rows("Customers | where not(* has \"Hughes\") and CustomerKey < 1000 | project CustomerKey")).containsExactly(row(802L));
        assertThat(rows("search in (Customers) * has \"hughes\" | project CustomerKey")).containsExactly(row(986L));
    }

    @Test
    void unionWithBracketQuotedSource_andWildcardTables() throws Exception {
        String q = "union withsource=['Graph element'] EventsTable1, EventsTable2 | summarize n = count() by ['Graph element']";
        assertThat(columns(q)).containsExactly("Graph element", "n");
        assertThat(rows(q)).containsExactlyInAnyOrder(row("EventsTable1", 4L), row("EventsTable2", 4L));
        assertThat(rows("union Event* | count")).containsExactly(row(8L));
        assertThat(rows("union withsource=T *Table2 | summarize n = count() by T")).containsExactlyInAnyOrder(row("EventsTable2", 4L), row("Table2", 1L));
        assertThat(rows("union Event* | where * has \"Event4\" | project EventText")).containsExactly(row("Some Other Text4"));
    }
}
