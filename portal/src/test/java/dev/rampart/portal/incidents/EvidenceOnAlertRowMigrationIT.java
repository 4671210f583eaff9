package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V31 moves stored evidence onto the alert rows without losing an entity, on H2 and (when CI provides one) PostgreSQL. */
class EvidenceOnAlertRowMigrationIT {
    @TempDir
    Path dir;

    @Test
    void v31_onH2_movesEvidenceToAlertRows_andKeepsLookupRows() throws Exception {
        migrateWithEvidence(new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("portal")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""));
    }

    @Test
    void v31_onPostgres_movesEvidenceToAlertRows_andKeepsLookupRows() throws Exception {
        String url = System.getenv("RAMPART_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "RAMPART_TEST_PG_URL not set");
        migrateWithEvidence(new DriverManagerDataSource(url, System.getenv().getOrDefault("RAMPART_TEST_PG_USER", "postgres"), ""));
    }

    private void migrateWithEvidence(DataSource ds) throws Exception {
        Flyway before = Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).target("30").load();
        before.clean();
        before.migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("INSERT INTO incident (id, display_name, name_set_by_user, status, severity, severity_set_by_user, classification, determination, "
                + "created_at, last_update_at, alert_count) VALUES (1, 'i', FALSE, 'active', 'high', FALSE, 'unknown', 'unknown', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 3)").update();
        for (String id : List.of("a1", "a2", "a3")) {
            jdbc.sql("INSERT INTO alert (id, incident_id, title, severity, status, classification, determination, category, mitre_techniques, "
                    + "detection_source, service_source, first_activity_at, last_activity_at, created_at, last_update_at, reason_linked) VALUES "
                    + "(?, 1, 't', 'high', 'new', 'unknown', 'unknown', 'execution', '', 'custom', 'rampart', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'r')").param(id).update();
        }
        // Inserted out of alert order: each alert's entities must come back in the order they were stored.
        evidence(jdbc, "a2", "user", "bob@corp.example", "Bob \"the\" admin", "suspicious", "", true);
        evidence(jdbc, "a1", "device", "ws-1", "WS-1.corp.example", "compromised", "source,destination", true);
        evidence(jdbc, "a2", "process", "c:\\tools\\x.exe --run", "x.exe", "unknown", "", false);
        evidence(jdbc, "a1", "ip", "10.0.0.5", "10.0.0.5", "suspicious", "destination", false);

        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        try (Connection c = ds.getConnection()) {
            // A run that stopped half-way on H2 (which commits each DDL statement) must be re-runnable.
            EvidenceOnAlertRow.migrate(c);
        }

        assertThat(EvidenceColumn.read(evidenceOf(jdbc, "a1"))).containsExactly(
                new Evidence(EntityType.DEVICE, "ws-1", "WS-1.corp.example", "compromised", List.of("source", "destination"), true),
                new Evidence(EntityType.IP, "10.0.0.5", "10.0.0.5", "suspicious", List.of("destination"), false));
        assertThat(EvidenceColumn.read(evidenceOf(jdbc, "a2"))).containsExactly(
                new Evidence(EntityType.USER, "bob@corp.example", "Bob \"the\" admin", "suspicious", List.of(), true),
                new Evidence(EntityType.PROCESS, "c:\\tools\\x.exe --run", "x.exe", "unknown", List.of(), false));
        assertThat(evidenceOf(jdbc, "a3")).isEqualTo("[]");
        assertThat(jdbc.sql("SELECT id FROM alert WHERE names_device = TRUE").query(String.class).list()).containsExactly("a1");
        assertThat(jdbc.sql("SELECT alert_id || ' ' || entity_type || ' ' || entity_key || CASE WHEN strong THEN ' strong' ELSE ' weak' END "
                + "FROM alert_evidence ORDER BY id")
                .query(String.class).list()).containsExactly("a2 user bob@corp.example strong", "a1 device ws-1 strong",
                "a2 process c:\\tools\\x.exe --run weak", "a1 ip 10.0.0.5 weak");
        try (Connection c = ds.getConnection()) {
            assertThat(columns(c)).containsExactlyInAnyOrder("id", "alert_id", "entity_type", "entity_key", "strong");
            try (ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), "alert_evidence")) {
                assertThat(rs.next()).as("no foreign key (it would need an index by alert)").isFalse();
            }
        }
    }

    private static void evidence(JdbcClient jdbc, String alert, String type, String key, String display, String verdict, String roles, boolean strong) {
        jdbc.sql("INSERT INTO alert_evidence (alert_id, entity_type, entity_key, display, verdict, roles, strong) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(alert, type, key, display, verdict, roles, strong).update();
    }

    private static String evidenceOf(JdbcClient jdbc, String alert) {
        return jdbc.sql("SELECT evidence FROM alert WHERE id = ?").param(alert).query(String.class).single();
    }

    private static List<String> columns(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "alert_evidence", null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
