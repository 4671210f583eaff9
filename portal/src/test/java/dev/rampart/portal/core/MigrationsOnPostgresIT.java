package dev.rampart.portal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.Roles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The state-store migrations must run unchanged on PostgreSQL (the scale-out store). {@code .ci/run} starts a
 * throw-away PostgreSQL cluster and sets {@code RAMPART_TEST_PG_URL}; without it (a developer laptop) the test is skipped.
 */
class MigrationsOnPostgresIT {

    @Test
    void migrations_andBuiltInRoleSeeding_runOnPostgres() {
        String url = System.getenv("RAMPART_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "RAMPART_TEST_PG_URL not set");
        DriverManagerDataSource ds = new DriverManagerDataSource(url, System.getenv().getOrDefault("RAMPART_TEST_PG_USER", "postgres"), "");
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        var result = flyway.migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThan(0);

        JdbcClient jdbc = JdbcClient.create(ds);
        Roles roles = new Roles(jdbc);
        roles.seedBuiltIns();
        roles.seedBuiltIns(); // idempotent: MERGE must update, not duplicate
        assertThat(roles.all()).hasSize(BuiltInRole.values().length);
        assertThat(roles.all()).filteredOn(r -> r.id().equals(BuiltInRole.SECURITY_READER.id()))
                .singleElement().satisfies(r -> assertThat(r.permissions()).isEqualTo(BuiltInRole.SECURITY_READER.permissions()));
    }
}
