package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** search's term forms, where's '*' operand and union's table references, run on DuckDB. */
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
    }

    @Test
    void columnTerms_searchOnlyTablesWithThoseColumns() throws Exception {
        String q = "search FirstName:\"Aaron\" or LastName:\"Hughes\"";
        assertThat(columns(q)).containsExactly("$table", "CustomerKey", "FirstName", "LastName", "CityName");
        assertThat(rows(q + " | project $table, CustomerKey")).containsExactlyInAnyOrder(row("Customers", 802L), row("Customers", 986L));
        // CustomerName:"Hughes" reads the column, not the other string columns.
        assertThat(rows("search CustomerName:\"Hug*\" | count")).containsExactly(row(2L));
        assertThat(rows("Customers | search LastName:\"*ez\" | project FirstName")).containsExactly(row("Devin"));
    }

    @Test
    void termAndPredicate_theColumnIsCheckedOnlyWhereItExists() throws Exception {
        String q = "search \"Hughes\" and DateKey > datetime('2009-01-01')";
        assertThat(columns(q)).containsExactly("$table", "DateKey", "CustomerName", "SalesAmount");
        assertThat(rows(q)).containsExactly(row("SalesTable", LocalDateTime.parse("2021-12-13T00:00:00"), "Hughes", 446.5));
    }

    @Test
    void wildcardTerms_mapToPrefixSuffixContainsAndRegex() throws Exception {
        assertThat(rows("search in (Customers) \"Her*\" | project CustomerKey")).containsExactly(row(5023L));
        assertThat(rows("search in (Customers) \"*ghes\" | project CustomerKey")).containsExactly(row(986L));
        assertThat(rows("search in (Customers) \"*ugh*\" | project CustomerKey")).containsExactly(row(986L));
        // H*es: a whole term from H to es, so Hughes but not Hernandez.
        assertThat(rows("search in (Customers) \"H*es\" | project CustomerKey")).containsExactly(row(986L));
        assertThat(rows("search in (Customers) \"Hug\" | count")).containsExactly(row(0L));
    }

    @Test
    void caseSensitiveKind_andTableList() throws Exception {
        assertThat(rows("search kind=case_sensitive in (Customers, SalesTable) \"hughes\" | count")).containsExactly(row(0L));
        assertThat(rows("search kind=case_sensitive in (Customers, SalesTable) \"Hughes\" | summarize n = count() by $table"))
                .containsExactlyInAnyOrder(row("Customers", 1L), row("SalesTable", 2L));
        assertThat(rows("search kind=case_sensitive in (Customers) \"H*ES\" | count")).containsExactly(row(0L));
        assertThat(rows("search in (Cust*) * | count")).containsExactly(row(3L));
    }

    @Test
    void columnTermOnAColumnNoTableHas_isAnUnknownColumn() {
        assertThatThrownBy(() -> columns("search in (Customers) Surname:\"x\""))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("Unknown column 'Surname' (line 1, column 23).");
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
