package dev.rampart.kql;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import dev.rampart.kql.sql.DuckDbDialect;
import dev.rampart.kql.udf.JavaFunctions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An in-memory DuckDB with the schema's tables, for tests that check what compiled queries return. */
public final class DuckDb implements AutoCloseable {
    private final Connection c;

    public DuckDb(Schema schema) throws SQLException {
        c = DriverManager.getConnection("jdbc:duckdb:");
        JavaFunctions.register(c);
        DuckDbDialect d = new DuckDbDialect();
        try (Statement st = c.createStatement()) {
            // Tests share a small machine: a runaway query fails instead of exhausting its memory.
            st.execute("SET memory_limit = '2GB'");
            for (Table t : schema.tables()) {
                List<String> cols = new ArrayList<>();
                for (Column col : t.columns()) {
                    cols.add(d.quoteIdentifier(col.name()) + " " + d.sqlType(col.type()));
                }
                st.execute("CREATE TABLE " + d.quoteIdentifier(t.name()) + " (" + String.join(", ", cols) + ")");
            }
        }
    }

    /** Inserts one row given in column order of the table. */
    public DuckDb insert(String table, Object... values) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(values.length, "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + table + "\" VALUES (" + marks + ")")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
        return this;
    }

    public void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a compiled query; each cell as JDBC returns it (JSON as text). */
    public List<List<Object>> run(CompiledQuery q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            ps.setQueryTimeout(20);
            for (int i = 0; i < q.parameters().size(); i++) {
                ps.setObject(i + 1, q.parameters().get(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp ts) {
                            v = ts.toLocalDateTime();
                        } else if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                            v = v.toString(); // JSON and other driver types as their text
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Serves bag_unpack's key probe from this database. */
    public List<BagKeyProbe.Key> keys(String sql, List<Object> parameters) {
        try {
            List<BagKeyProbe.Key> keys = new ArrayList<>();
            for (List<Object> row : run(new CompiledQuery(sql, parameters, List.of(), List.of(), java.util.Optional.empty()))) {
                keys.add(new BagKeyProbe.Key((String) row.get(0), (String) row.get(1)));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
