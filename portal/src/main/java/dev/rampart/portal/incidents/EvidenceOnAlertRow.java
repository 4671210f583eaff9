package dev.rampart.portal.incidents;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Schema change V31, in Java because it builds JSON and drops a foreign key whose name each database chose: an alert's
 * evidence moves into {@code alert.evidence} ({@link EvidenceColumn}) and {@code alert.names_device}, and
 * {@code alert_evidence} keeps only the lookup columns, without its per-alert index. Every alert stored afterwards
 * writes three index entries fewer (one per entity), which is most of what correlating an alert costs. The JSON is
 * written by the application's own {@link EvidenceColumn}, so stored and migrated alerts read alike.
 */
public final class EvidenceOnAlertRow {
    private EvidenceOnAlertRow() {
    }

    public static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // IF [NOT] EXISTS throughout: H2 commits each DDL statement, so a run that failed half-way must be re-runnable.
            s.execute("ALTER TABLE alert ADD COLUMN IF NOT EXISTS evidence VARCHAR(1000000)");
            s.execute("ALTER TABLE alert ADD COLUMN IF NOT EXISTS names_device BOOLEAN DEFAULT FALSE NOT NULL");
        }
        if (hasColumn(c, "alert_evidence", "display")) {
            fillEvidence(c);
        }
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE alert SET evidence = '[]' WHERE evidence IS NULL");
            s.execute("ALTER TABLE alert ALTER COLUMN evidence SET NOT NULL");
            s.execute("UPDATE alert SET names_device = TRUE WHERE id IN (SELECT alert_id FROM alert_evidence WHERE entity_type = 'device')");
            // The foreign key would keep (or, on H2, re-create) an index on alert_id.
            for (String fk : foreignKeys(c, "alert_evidence")) {
                s.execute("ALTER TABLE alert_evidence DROP CONSTRAINT \"" + fk + "\"");
            }
            s.execute("DROP INDEX IF EXISTS alert_evidence_alert");
            s.execute("ALTER TABLE alert_evidence DROP COLUMN IF EXISTS display");
            s.execute("ALTER TABLE alert_evidence DROP COLUMN IF EXISTS verdict");
            s.execute("ALTER TABLE alert_evidence DROP COLUMN IF EXISTS roles");
        }
    }

    private static void fillEvidence(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement(
                "SELECT alert_id, entity_type, entity_key, display, verdict, roles, strong FROM alert_evidence ORDER BY alert_id, id");
             PreparedStatement write = c.prepareStatement("UPDATE alert SET evidence = ? WHERE id = ?")) {
            read.setFetchSize(1000);
            String current = null;
            List<Evidence> evidence = new ArrayList<>();
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String alert = rs.getString(1);
                    if (current != null && !current.equals(alert)) {
                        pending = add(write, current, evidence, pending);
                        evidence.clear();
                    }
                    current = alert;
                    String roles = rs.getString(6);
                    evidence.add(new Evidence(EntityType.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), rs.getBoolean(7)));
                }
            }
            if (current != null) {
                add(write, current, evidence, pending);
            }
            write.executeBatch();
        }
    }

    private static int add(PreparedStatement write, String alert, List<Evidence> evidence, int pending) throws SQLException {
        write.setString(1, EvidenceColumn.write(evidence));
        write.setString(2, alert);
        write.addBatch();
        if (++pending == 500) {
            write.executeBatch();
            return 0;
        }
        return pending;
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, column)) {
            return rs.next();
        }
    }

    private static List<String> foreignKeys(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                if (name != null && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
