package dev.rampart.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.AuditLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Uses dates around 2000-01-01 so that purging cannot touch rows other tests store in the shared event store. */
class RetentionIT extends AbstractPortalIT {
    @Autowired
    EventStore events;
    @Autowired
    AuditLog audit;
    @Autowired
    RetentionService configured;

    private void insert(String table, String device, LocalDateTime timestamp) {
        events.write(s -> {
            TableAppender a = s.appender(table);
            Table t = a.table();
            Object[] row = new Object[a.width()];
            row[t.indexOf("Timestamp")] = timestamp;
            row[t.indexOf("DeviceName")] = device;
            a.append(row);
            return null;
        });
    }

    private long count(String sql) throws Exception {
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void purgeExpired_deletesRowsOlderThanRetentionOnly() throws Exception {
        insert("DeviceProcessEvents", "retention-old", LocalDateTime.of(1999, 12, 1, 0, 0));
        insert("DeviceProcessEvents", "retention-edge", LocalDateTime.of(2000, 1, 1, 0, 0, 1));
        insert("DeviceProcessEvents", "retention-new", LocalDateTime.of(2000, 1, 20, 0, 0));
        insert("DeviceNetworkEvents", "retention-old", LocalDateTime.of(1999, 11, 1, 0, 0));
        RetentionService retention = new RetentionService(events, audit, 30, Clock.fixed(Instant.parse("2000-01-31T00:00:00Z"), ZoneOffset.UTC));

        Map<String, Long> deleted = retention.purgeExpired();

        assertThat(deleted).containsEntry("DeviceProcessEvents", 1L).containsEntry("DeviceNetworkEvents", 1L);
        assertThat(count("SELECT count(*) FROM DeviceProcessEvents WHERE DeviceName = 'retention-old'")).isZero();
        assertThat(count("SELECT count(*) FROM DeviceProcessEvents WHERE DeviceName IN ('retention-edge', 'retention-new')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName = 'retention-old'")).isZero();
        assertThat(audit.recent(50, 0)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("events.retention.delete");
            assertThat(e.targetId()).isEqualTo("DeviceProcessEvents");
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.details()).contains("1 events older than 2000-01-01T00:00:00Z").contains("retention 30 days");
        });
    }

    @Test
    void coveredTables_areThoseWithDatetimeTimestamp() {
        assertThat(configured.retentionDays()).isEqualTo(30);
        assertThat(configured.coveredTables()).extracting(Table::name)
                .contains("DeviceProcessEvents", "EmailEvents")
                .doesNotContain("DeviceTvmSoftwareInventory", "GraphApiAuditEvents");
        assertThat(configured.coveredTables()).hasSize(48);
    }
}
