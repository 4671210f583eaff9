package dev.rampart.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemoLoaderIT extends AbstractPortalIT {
    @Autowired
    DemoLoader loader;
    @Autowired
    DemoGroundTruth groundTruth;
    @Autowired
    EventStore store;

    @Test
    void smallDemo_addsItsRowsPerTable_andRecordsFindableGroundTruth() throws Exception {
        Map<String, Long> before = store.rowCounts();
        DemoOptions options = new DemoOptions(DemoScale.SMALL, 11, Instant.parse("2026-11-20T10:00:00Z"));

        DemoSummary summary = loader.load(options);

        Map<String, Long> after = store.rowCounts();
        assertThat(summary.rowsPerTable()).hasSize(26);
        summary.rowsPerTable().forEach((table, n) ->
                assertThat(after.get(table) - before.get(table)).as(table).isEqualTo(n));
        assertThat(summary.rowsPerTable().get("DeviceProcessEvents")).isGreaterThan(5_000);
        assertThat(summary.rowsPerTable().get("DeviceInfo")).isEqualTo(50L * 3);
        assertThat(summary.line()).startsWith("demo: ").contains(" events in 26 tables for 50 devices / ");

        List<DemoAttack> attacks = groundTruth.attacks();
        assertThat(attacks).extracting(DemoAttack::key).containsExactly("phishing-macro", "bec", "ransomware-rdp");
        assertThat(groundTruth.latestRun()).hasValueSatisfying(r -> {
            assertThat(r.seed()).isEqualTo(11);
            assertThat(r.events()).isEqualTo(summary.events());
        });
        try (Connection c = store.openReadConnection()) {
            for (DemoAttack a : attacks) {
                for (DemoAttack.Step s : a.steps()) {
                    for (DemoAttack.Event e : s.events()) {
                        assertThat(count(c, e)).as(a.key() + " step " + s.stepNo() + " " + e).isEqualTo(1);
                    }
                }
            }
        }
        assertThat(groundTruth.organisation()).hasValueSatisfying(org -> {
            assertThat(org.devices()).hasSize(50);
            assertThat(org.devices().stream().map(DemoDevice::name)).contains(phishingDevice(attacks));
        });
        DemoAttack phishing = attacks.get(0);
        assertThat(phishing.steps()).anySatisfy(s -> {
            assertThat(s.techniqueId()).isEqualTo("T1059.001");
            assertThat(s.tableName()).isEqualTo("DeviceProcessEvents");
        });
        try (Connection c = store.openReadConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM \"DeviceProcessEvents\" WHERE InitiatingProcessFileName = 'WINWORD.EXE' AND ProcessCommandLine LIKE '%-Enc %'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void loadIfEmpty_onAStoreWithEvents_skips() {
        store.write(session -> {
            try (var st = session.connection().createStatement()) {
                st.execute("INSERT INTO \"DeviceInfo\" (\"Timestamp\", \"DeviceId\", \"DeviceName\") VALUES (TIMESTAMP '2026-10-01 00:00:00', 'demo-it-device', 'demo-it-device')");
            }
            return null;
        });
        long total = eventRows();

        assertThat(loader.loadIfEmpty(new DemoOptions(DemoScale.SMALL, 13, null))).isEmpty();

        assertThat(eventRows()).isEqualTo(total);
    }

    /** Rows of every table but AlertInfo/AlertEvidence, which a background job fills from other tests' alerts at any time. */
    private long eventRows() {
        return store.rowCounts().entrySet().stream().filter(e -> !e.getKey().startsWith("Alert")).mapToLong(java.util.Map.Entry::getValue).sum();
    }

    private static String phishingDevice(List<DemoAttack> attacks) {
        return attacks.get(0).steps().stream().filter(s -> s.techniqueId().equals("T1059.001")).findFirst().orElseThrow().deviceName();
    }

    private static long count(Connection c, DemoAttack.Event e) throws Exception {
        String sql = "SELECT count(*) FROM \"" + e.tableName() + "\" WHERE CAST(ReportId AS VARCHAR) = ?"
                + (e.deviceId() == null ? "" : " AND DeviceId = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.reportId());
            if (e.deviceId() != null) {
                ps.setString(2, e.deviceId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
