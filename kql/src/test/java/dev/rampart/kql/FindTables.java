package dev.rampart.kql;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The tables of the find and search reference pages, cut down: two event tables that share some columns, two that
 * disagree on ProcessId's type, and two with nothing in common. Rows are loaded into a fresh DuckDB.
 */
final class FindTables {
    private FindTables() {
    }

    static Schema schema() {
        return new Schema(List.of(
                table("EventsTable1", "Session_Id", KqlType.STRING, "Level", KqlType.STRING, "EventText", KqlType.STRING,
                        "Version", KqlType.STRING),
                table("EventsTable2", "Session_Id", KqlType.STRING, "Level", KqlType.STRING, "EventText", KqlType.STRING,
                        "EventName", KqlType.STRING),
                table("Table1", "Level", KqlType.STRING, "Timestamp", KqlType.DATETIME, "ProcessId", KqlType.STRING),
                table("Table2", "Level", KqlType.STRING, "Timestamp", KqlType.DATETIME, "ProcessId", KqlType.LONG),
                table("Customers", "CustomerKey", KqlType.LONG, "FirstName", KqlType.STRING, "LastName", KqlType.STRING,
                        "CityName", KqlType.STRING),
                table("SalesTable", "DateKey", KqlType.DATETIME, "CustomerName", KqlType.STRING, "SalesAmount", KqlType.REAL)));
    }

    private static Table table(String name, Object... columns) {
        List<Column> cols = new java.util.ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            cols.add(new Column((String) columns[i], (KqlType) columns[i + 1], ""));
        }
        return new Table(name, "test", "", cols);
    }

    static DuckDb open() throws Exception {
        DuckDb db = new DuckDb(schema());
        LocalDateTime t = LocalDateTime.parse("2021-12-13T00:00:00");
        db.insert("EventsTable1", "acbd", "Information", "Some Text1", "v1.0.0")
                .insert("EventsTable1", "acbd", "Error", "Some Text2", "v1.0.0")
                .insert("EventsTable1", "28b8", "Error", "Some Text3", "v1.0.1")
                .insert("EventsTable1", "8f05", "Information", "Some Text4", "v1.1.0")
                .insert("EventsTable2", "f7d5", "Information", "Some Other Text1", "Event1")
                .insert("EventsTable2", "acbd", "Information", "Some Other Text2", "Event2")
                .insert("EventsTable2", "acbd", "Error", "Some Other Text3", "Event3")
                .insert("EventsTable2", "15ea", "Error", "Some Other Text4", "Event4")
                .insert("Table1", "Error", t, "1001")
                .insert("Table2", "Info", t, 1001L)
                .insert("Customers", 802L, "Aaron", "Sharma", "Ballard")
                .insert("Customers", 986L, "Melanie", "Hughes", "Bellingham")
                .insert("Customers", 5023L, "Devin", "Hernandez", null)
                .insert("SalesTable", t, "Hughes", 446.5)
                .insert("SalesTable", LocalDateTime.parse("2008-05-01T00:00:00"), "Hughes", 12.5)
                .insert("SalesTable", t, "Green", 7.25);
        return db;
    }

    static CompileOptions options(DuckDb db) {
        return CompileOptions.defaults(TestSupport.NOW).withSchema(schema()).withDefaultWindow(null).withRowLimit(0).withBagKeys(db::keys);
    }
}
