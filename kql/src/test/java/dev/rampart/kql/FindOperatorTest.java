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

/** The find forms of the reference page, run on DuckDB over the page's example tables. */
class FindOperatorTest {
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
    void bareTerm_searchesEveryTable_andPacksWholeRowsWhenTablesShareNoColumn() throws Exception {
        String q = "find \"Hernandez\"";
        assertThat(columns(q)).containsExactly("source_", "pack_");
        // The table's own null cell stays in pack_; columns of other tables never appear there.
        assertThat(rows(q)).containsExactly(
                row("Customers", "{\"CustomerKey\":5023,\"FirstName\":\"Devin\",\"LastName\":\"Hernandez\",\"CityName\":null}"));
    }

    @Test
    void wildcardTableList_readsOnlyMatchingTables_withStarHasPredicate() throws Exception {
        String q = "find in (Event*) where * has \"Text4\"";
        assertThat(columns(q)).containsExactly("source_", "Session_Id", "Level", "EventText", "pack_");
        assertThat(rows(q)).containsExactlyInAnyOrder(
                row("EventsTable1", "8f05", "Information", "Some Text4", "{\"Version\":\"v1.1.0\"}"),
                row("EventsTable2", "15ea", "Error", "Some Other Text4", "{\"EventName\":\"Event4\"}"));
        assertThat(columns("find in (C*) where * has \"Hernandez\"")).containsExactly("source_", "CustomerKey", "FirstName",
                "LastName", "CityName", "pack_");
    }

    @Test
    void predicateWithoutWhere_eachTableTestsTheColumnsItHas_projectFillsNulls() throws Exception {
        String q = "find Version == 'v1.0.0' or EventName == 'Event1' project Session_Id, EventText, Version, EventName";
        assertThat(columns(q)).containsExactly("source_", "Session_Id", "EventText", "Version", "EventName");
        assertThat(rows(q)).containsExactlyInAnyOrder(
                row("EventsTable1", "acbd", "Some Text1", "v1.0.0", null),
                row("EventsTable1", "acbd", "Some Text2", "v1.0.0", null),
                row("EventsTable2", "f7d5", "Some Other Text1", null, "Event1"));
    }

    @Test
    void projectSmart_keepsPredicateAndCommonColumnsInTableOrder_packsTheRest() throws Exception {
        String q = "find Session_Id == 'acbd'";
        assertThat(columns(q)).containsExactly("source_", "Session_Id", "Level", "EventText", "pack_");
        assertThat(columns(q + " project-smart")).isEqualTo(columns(q));
        assertThat(rows(q + " project-smart")).containsExactlyInAnyOrder(
                row("EventsTable1", "acbd", "Information", "Some Text1", "{\"Version\":\"v1.0.0\"}"),
                row("EventsTable1", "acbd", "Error", "Some Text2", "{\"Version\":\"v1.0.0\"}"),
                row("EventsTable2", "acbd", "Information", "Some Other Text2", "{\"EventName\":\"Event2\"}"),
                row("EventsTable2", "acbd", "Error", "Some Other Text3", "{\"EventName\":\"Event3\"}"));
    }

    @Test
    void projectWithPackAll_packsTheUnlistedColumns() throws Exception {
        String q = "find in (EventsTable1, EventsTable2) where Session_Id == 'acbd' and Level == 'Error'"
                + " project EventText, Version, EventName, pack_all()";
        assertThat(columns(q)).containsExactly("source_", "EventText", "Version", "EventName", "pack_");
        assertThat(rows(q)).containsExactlyInAnyOrder(
                row("EventsTable1", "Some Text2", "v1.0.0", null, "{\"Session_Id\":\"acbd\",\"Level\":\"Error\"}"),
                row("EventsTable2", "Some Other Text3", null, "Event3", "{\"Session_Id\":\"acbd\",\"Level\":\"Error\"}"));
        assertThat(rows("find in (EventsTable1) where Level == 'Error' and Session_Id == '28b8' project pack_all()")).containsExactly(
                row("EventsTable1", "{\"Session_Id\":\"28b8\",\"Level\":\"Error\",\"EventText\":\"Some Text3\",\"Version\":\"v1.0.1\"}"));
    }

    @Test
    void columnWithTwoTypes_projectSmartSplitsIt_typedProjectNamesAndCastsIt() throws Exception {
        String smart = "find in (Table1, Table2) where ProcessId == 1001";
        assertThat(columns(smart)).containsExactly("source_", "Level", "Timestamp", "ProcessId_string", "ProcessId_long", "pack_");
        // ProcessId == 1001 means nothing for Table1's string column, so only Table2 rows can match.
        LocalDateTime t = LocalDateTime.parse("2021-12-13T00:00:00");
        assertThat(rows(smart)).containsExactly(row("Table2", "Info", t, null, 1001L, "{}"));
        String typed = smart + " project Level, Timestamp, ProcessId:string";
        assertThat(columns(typed)).containsExactly("source_", "Level", "Timestamp", "ProcessId_string");
        assertThat(rows(typed)).containsExactly(row("Table2", "Info", t, "1001"));
    }

    @Test
    void typedProjectOfAOneTypeColumn_keepsTheNameAndCasts() throws Exception {
        assertThat(columns("find in (Customers) where FirstName == 'Aaron' project CustomerKey:string"))
                .containsExactly("source_", "CustomerKey");
        assertThat(rows("find in (Customers) where FirstName == 'Aaron' project CustomerKey:string")).containsExactly(row("Customers", "802"));
    }

    @Test
    void untypedProjectOfAColumnWithTwoTypes_asksForTheType() {
        assertThatThrownBy(() -> columns("find in (Table1, Table2) where Level == 'Error' project Level, ProcessId"))
                .isInstanceOf(KqlException.class)
                .hasMessage("Column 'ProcessId' has different types in different tables (line 1, column 64). Give it a type: project ProcessId:string.");
    }

    @Test
    void withsource_renamesTheSourceColumn() throws Exception {
        String q = "find withsource=Origin in (EventsTable1, EventsTable2) where Level == 'Error' and Session_Id == 'acbd' project EventText";
        assertThat(columns(q)).containsExactly("Origin", "EventText");
        assertThat(rows(q)).containsExactlyInAnyOrder(row("EventsTable1", "Some Text2"), row("EventsTable2", "Some Other Text3"));
        assertThat(columns("find withsource=Origin where Level == 'Error'")).containsExactly("Origin", "Level", "pack_");
    }

    @Test
    void tablesWithoutAnyPredicateColumn_areLeftOut() throws Exception {
        // Only SalesTable has DateKey: no other table contributes rows or shapes the common columns.
        String q = "find DateKey > datetime(2009-01-01)";
        assertThat(columns(q)).containsExactly("source_", "DateKey", "CustomerName", "SalesAmount", "pack_");
        assertThat(rows(q + " | project source_, CustomerName")).containsExactlyInAnyOrder(row("SalesTable", "Hughes"), row("SalesTable", "Green"));
    }

    @Test
    void parenthesizedQueryLeg_isSearchedLikeATable() throws Exception {
        assertThat(rows("find in ((EventsTable1 | where Level == 'Error'), EventsTable2) where Session_Id == 'acbd' project Level, EventText"))
                .containsExactlyInAnyOrder(row("union_arg0", "Error", "Some Text2"), row("EventsTable2", "Information", "Some Other Text2"),
                        row("EventsTable2", "Error", "Some Other Text3"));
    }
}
