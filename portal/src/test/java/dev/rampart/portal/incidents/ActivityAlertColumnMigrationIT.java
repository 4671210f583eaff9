package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V32 records which alert each existing activity entry is about, on H2 and (when CI provides one) PostgreSQL. */
class ActivityAlertColumnMigrationIT {
    @TempDir
    Path dir;

    @Test
    void v32_onH2_fillsTheAlertOfEntriesThatNameAnExistingAlert() throws Exception {
        migrate(new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("portal")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""));
    }

    @Test
    void v32_onPostgres_fillsTheAlertOfEntriesThatNameAnExistingAlert() throws Exception {
        String url = System.getenv("RAMPART_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "RAMPART_TEST_PG_URL not set");
        migrate(new DriverManagerDataSource(url, System.getenv().getOrDefault("RAMPART_TEST_PG_USER", "postgres"), ""));
    }

    private void migrate(DataSource ds) throws Exception {
        Flyway before = Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).target("31").load();
        before.clean();
        before.migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("INSERT INTO incident (id, display_name, name_set_by_user, status, severity, severity_set_by_user, classification, determination, "
                + "created_at, last_update_at, alert_count) VALUES (1, 'i', FALSE, 'active', 'high', FALSE, 'unknown', 'unknown', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)").update();
        jdbc.sql("INSERT INTO alert (id, incident_id, title, severity, status, classification, determination, category, mitre_techniques, "
                + "detection_source, service_source, first_activity_at, last_activity_at, created_at, last_update_at, reason_linked, evidence, "
                + "names_device) VALUES ('da1_2', 1, 't', 'high', 'new', 'unknown', 'unknown', 'execution', '', 'custom', 'rampart', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'r', '[]', FALSE)").update();
        String[] texts = {"On alert da1_2: note", "[from incident 2] Alert da1_2 moved here from incident 2. x", "Changed status Active",
                "Alert da9_9 added: gone. r", "Merged into incident 3. Alert da1_2 links both incidents through user bob."};
        for (String text : texts) {
            jdbc.sql("INSERT INTO incident_activity (incident_id, occurred_at, actor, kind, text) VALUES (1, CURRENT_TIMESTAMP, 'a', 'system', ?)")
                    .param(text).update();
        }

        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        try (Connection c = ds.getConnection()) {
            ActivityAlertColumn.migrate(c); // re-runnable after a half-applied run on H2
        }

        assertThat(jdbc.sql("SELECT COALESCE(alert_id, '-') FROM incident_activity ORDER BY id").query(String.class).list())
                .containsExactly("da1_2", "da1_2", "-", "-", "da1_2");
    }
}
