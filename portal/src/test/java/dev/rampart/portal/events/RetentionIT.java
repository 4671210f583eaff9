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
        RetentionService retention = new RetentionService(events, audit, 30, Clock.fixed(Instant.parse("2000-01-31T00:00:00Z"), ZoneOffset.UTC), null);

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

    @Test
    void archive_writesExpiredRowsAsGzipNdjsonPerDay_beforeDeleting_andTheyImportBack() throws Exception {
        String account = "archive-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        events.write(s -> {
            TableAppender a = s.appender("IdentityLogonEvents");
            Table t = a.table();
            for (int day = 1; day <= 2; day++) {
                Object[] row = new Object[a.width()];
                row[t.indexOf("Timestamp")] = LocalDateTime.of(1990, 5, day, 12, 30);
                row[t.indexOf("AccountUpn")] = account;
                row[t.indexOf("ActionType")] = "LogonFailed";
                row[t.indexOf("AdditionalFields")] = "{\"Count\":" + day + ",\"Pivot\":[\"a\",\"b\"]}";
                a.append(row);
            }
            return null;
        });
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("archive");
        EventArchive archive = new EventArchive(new dev.rampart.portal.core.RampartProperties(data, 30, "1GB", 1, null), true);
        RetentionService retention = new RetentionService(events, audit, 30, Clock.fixed(Instant.parse("1990-07-01T00:00:00Z"), ZoneOffset.UTC), archive);

        assertThat(retention.purgeExpired()).containsEntry("IdentityLogonEvents", 2L);
        assertThat(count("SELECT count(*) FROM IdentityLogonEvents WHERE AccountUpn = '" + account + "'")).isZero();
        java.util.List<java.nio.file.Path> files;
        try (var list = java.nio.file.Files.list(data.resolve("archive/IdentityLogonEvents"))) {
            files = list.sorted().toList();
        }
        // One durable file per event day (no .part file left behind).
        assertThat(files).extracting(f -> f.getFileName().toString()).hasSize(2)
                .allSatisfy(n -> assertThat(n).matches("1990-05-0[12]-\\d+\\.ndjson\\.gz"));
        java.nio.file.Path day1 = files.get(0);
        String text;
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(day1))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // A dynamic column is JSON, not a string holding JSON.
        assertThat(text).startsWith("{\"Timestamp\":\"1990-05-01T12:30:00.000000Z\"").contains("\"AccountUpn\":\"" + account + "\"")
                .contains("\"AdditionalFields\":{\"Count\":1,\"Pivot\":[\"a\",\"b\"]}").endsWith("}\n");
        assertThat(audit.recent(50, 0)).anySatisfy(e -> assertThat(e.details()).contains("2 archived in"));

        // The archive is the ingest format: the rows come back as they were.
        var back = post("/api/v1/ingest/IdentityLogonEvents", "application/x-ndjson", text, "admin", ADMIN_PASSWORD);
        assertThat(back.statusCode()).as(back.body()).isBetween(200, 204);
        assertThat(count("SELECT count(*) FROM IdentityLogonEvents WHERE AccountUpn = '" + account + "' AND Timestamp = TIMESTAMP '1990-05-01 12:30:00'"
                + " AND json_extract_string(AdditionalFields, '$.Count') = '1'")).isEqualTo(1);
    }

    @Test
    void archive_thatCannotBeWritten_keepsTheRows() throws Exception {
        String account = "unarchived-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
        events.write(s -> {
            TableAppender a = s.appender("IdentityLogonEvents");
            Table t = a.table();
            Object[] row = new Object[a.width()];
            row[t.indexOf("Timestamp")] = LocalDateTime.of(1989, 3, 1, 8, 0);
            row[t.indexOf("AccountUpn")] = account;
            a.append(row);
            return null;
        });
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("archive");
        java.nio.file.Files.writeString(data.resolve("archive"), "a file where the archive folder should be");
        EventArchive archive = new EventArchive(new dev.rampart.portal.core.RampartProperties(data, 30, "1GB", 1, null), true);
        RetentionService retention = new RetentionService(events, audit, 30, Clock.fixed(Instant.parse("1989-06-01T00:00:00Z"), ZoneOffset.UTC), archive);
        org.assertj.core.api.Assertions.assertThatThrownBy(retention::purgeExpired).hasMessageContaining("cannot write the archive of");
        assertThat(count("SELECT count(*) FROM IdentityLogonEvents WHERE AccountUpn = '" + account + "'")).isEqualTo(1);
        // Leave the shared store as it was found (the other archive test counts what it purges).
        new RetentionService(events, audit, 30, Clock.fixed(Instant.parse("1989-06-01T00:00:00Z"), ZoneOffset.UTC), null).purgeExpired();
    }
}
