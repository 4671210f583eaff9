package dev.rampart.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.KqlType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class DemoGeneratorTest {
    private static final Instant END = Instant.parse("2026-11-20T10:00:00Z");

    private static List<DemoAttack> run(DemoOptions options, RowSink sink) {
        DemoGenerator g = new DemoGenerator(HuntingSchema.get(), options);
        g.software(sink);
        for (int d = 0; d < g.days(); d++) {
            g.day(d, sink);
        }
        return g.attacks(sink);
    }

    /** SHA-256 over the first {@code limit} rows: table name and every value's text. */
    private static String hashOfFirstRows(long seed, int limit) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[] seen = {0};
        run(new DemoOptions(DemoScale.SMALL, seed, END), (table, row) -> {
            if (seen[0]++ >= limit) {
                return;
            }
            md.update(table.name.getBytes(StandardCharsets.UTF_8));
            for (Object v : row) {
                md.update((byte) 0);
                md.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
            }
        });
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void sameSeed_producesIdenticalRows_otherSeedDiffers() throws Exception {
        String first = hashOfFirstRows(42, 150_000);
        assertThat(hashOfFirstRows(42, 150_000)).isEqualTo(first);
        assertThat(hashOfFirstRows(43, 150_000)).isNotEqualTo(first);
    }

    @Test
    void everyRow_hasTheTableWidthAndValuesOfTheColumnTypes() {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> checkedJson = new HashMap<>();
        DemoOptions options = new DemoOptions(DemoScale.SMALL, 7, END);
        LocalDateTime to = LocalDateTime.ofInstant(options.end(), ZoneOffset.UTC);
        long[] rows = {0};
        run(options, (table, row) -> {
            rows[0]++;
            assertThat(row).as(table.name).hasSize(table.width);
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                KqlType type = table.table.columns().get(i).type();
                String col = table.name + '.' + table.table.columns().get(i).name();
                switch (type) {
                    case STRING, GUID, DYNAMIC -> {
                        assertThat(v).as(col).isInstanceOf(String.class);
                        String text = (String) v;
                        // Dynamic columns and JSON kept in string columns (AdditionalFields, LoggedOnUsers...) must parse;
                        // parsing every value would dominate the test, so each distinct shape is parsed once.
                        boolean looksJson = text.startsWith("{") || text.startsWith("[{") || text.startsWith("[\"") || text.equals("[]");
                        if ((type == KqlType.DYNAMIC || looksJson)
                                && checkedJson.computeIfAbsent(col, k -> new HashSet<>()).add(text.length() < 60 ? text : text.substring(0, 60))) {
                            assertThat(json.readTree(text)).as(col + " " + text).isNotNull();
                        }
                    }
                    case LONG -> assertThat(v).as(col).isInstanceOf(Long.class);
                    case INT -> assertThat(v).as(col).isInstanceOf(Integer.class);
                    case BOOL -> assertThat(v).as(col).isInstanceOf(Boolean.class);
                    case REAL -> assertThat(v).as(col).isInstanceOf(Double.class);
                    // Creation dates of accounts and boot-time processes lie before the window; nothing lies after it.
                    case DATETIME -> assertThat((LocalDateTime) v).as(col).isBefore(to.plusSeconds(1));
                    default -> assertThat(v).as(col + " unexpected type").isNull();
                }
            }
            if (table.optional("Timestamp") >= 0) {
                assertThat((LocalDateTime) row[table.col("Timestamp")]).as(table.name + ".Timestamp")
                        .isBetween(LocalDateTime.ofInstant(options.start(), ZoneOffset.UTC), to);
            }
        });
        assertThat(rows[0]).isGreaterThan(100_000);
    }

    @Test
    void attacks_haveTheirTechniquesInTheExpectedTables_andEveryRecordedRowWasWritten() {
        Set<String> written = new HashSet<>();
        Map<String, List<Object[]>> attackRows = new HashMap<>();
        List<DemoAttack> attacks = run(new DemoOptions(DemoScale.SMALL, 5, END), (table, row) -> {
            if (table.optional("ReportId") < 0) {
                return;
            }
            int dev = table.optional("DeviceId");
            Object rid = row[table.col("ReportId")];
            String key = table.name + '|' + (dev < 0 ? null : row[dev]) + '|' + rid;
            written.add(key);
            if (rid instanceof Long l && l >= 900_000_000L || table.name.startsWith("Email") || table.name.equals("CloudAppEvents")) {
                attackRows.computeIfAbsent(table.name, k -> new ArrayList<>()).add(row);
            }
        });
        assertThat(attacks).extracting(DemoAttack::key).containsExactly("phishing-macro", "bec", "ransomware-rdp");
        Map<String, Set<String>> techniques = new HashMap<>();
        for (DemoAttack a : attacks) {
            assertThat(a.startedAt()).isAfter(END.minusSeconds(3 * 86_400L)).isBefore(END);
            for (DemoAttack.Step s : a.steps()) {
                techniques.computeIfAbsent(a.key(), k -> new HashSet<>()).add(s.techniqueId() + '@' + s.tableName());
                assertThat(s.events()).isNotEmpty();
                for (DemoAttack.Event e : s.events()) {
                    assertThat(written).as(a.key() + " step " + s.stepNo()).contains(e.tableName() + '|' + e.deviceId() + '|' + e.reportId());
                }
            }
        }
        assertThat(techniques.get("phishing-macro")).contains("T1566.001@EmailEvents", "T1059.001@DeviceProcessEvents",
                "T1105@DeviceNetworkEvents", "T1003.001@DeviceProcessEvents", "T1569.002@DeviceProcessEvents", "T1047@DeviceProcessEvents");
        assertThat(techniques.get("bec")).contains("T1078.004@EntraIdSignInEvents", "T1114.003@CloudAppEvents", "T1657@EmailEvents");
        assertThat(techniques.get("ransomware-rdp")).contains("T1110.001@DeviceLogonEvents", "T1021.001@DeviceLogonEvents",
                "T1490@DeviceProcessEvents", "T1070.001@DeviceProcessEvents", "T1486@DeviceFileEvents");

        Shapes shapes = new Shapes(HuntingSchema.get());
        int cmd = shapes.process.col("ProcessCommandLine");
        int parent = shapes.process.col("InitiatingProcessFileName");
        assertThat(attackRows.get("DeviceProcessEvents")).anySatisfy(r -> {
            assertThat((String) r[cmd]).startsWith("powershell.exe -NoP -NonI -W Hidden -Enc ");
            assertThat(r[parent]).isEqualTo("WINWORD.EXE");
        });
        assertThat(attackRows.get("DeviceProcessEvents")).anySatisfy(r -> assertThat((String) r[cmd]).isEqualTo("vssadmin.exe delete shadows /all /quiet"));
        int fileAction = shapes.file.col("ActionType");
        int fileName = shapes.file.col("FileName");
        assertThat(attackRows.get("DeviceFileEvents").stream().filter(r -> "FileRenamed".equals(r[fileAction])
                && ((String) r[fileName]).endsWith(Attacks.RANSOM_EXTENSION))).hasSizeGreaterThanOrEqualTo(100);
        int cloudAction = shapes.cloudApp.col("ActionType");
        int raw = shapes.cloudApp.col("RawEventData");
        assertThat(attackRows.get("CloudAppEvents")).anySatisfy(r -> {
            assertThat(r[cloudAction]).isEqualTo("New-InboxRule");
            assertThat((String) r[raw]).contains(Attacks.BEC_FORWARD);
        });
    }

    @Test
    void volumes_scaleWithTheChosenScale_andDefaultReachesFiveMillion() {
        long[] small = {0};
        run(new DemoOptions(DemoScale.SMALL, 1, END), (t, r) -> small[0]++);
        long[] def = {0};
        run(new DemoOptions(DemoScale.DEFAULT, 1, END), (t, r) -> def[0]++);
        assertThat(small[0]).isBetween(150_000L, 1_000_000L);
        assertThat(def[0]).isGreaterThanOrEqualTo(5_000_000L);
    }

    @Test
    void telemetry_followsOfficeHoursAndWeekdays() {
        DemoOrganisation org = DemoOrganisation.create(DemoScale.SMALL, 3);
        Map<String, DemoDevice> byId = new HashMap<>();
        org.devices().forEach(d -> byId.put(d.deviceId(), d));
        long[] office = {0};
        long[] night = {0};
        long[] weekday = {0};
        long[] weekend = {0};
        // 2026-11-23 is a Monday: the window covers Friday to Monday.
        run(new DemoOptions(DemoScale.SMALL, 3, Instant.parse("2026-11-23T23:00:00Z")), (table, row) -> {
            if (table.name.equals("DeviceProcessEvents")) {
                DemoDevice d = byId.get((String) row[table.col("DeviceId")]);
                if (d.kind() == DeviceKind.WINDOWS_WORKSTATION) {
                    long ms = ((LocalDateTime) row[table.col("Timestamp")]).toInstant(ZoneOffset.UTC).toEpochMilli();
                    int hour = Time.localHour(ms, d.site().utcOffsetHours());
                    boolean isWeekend = Time.localWeekday(ms, d.site().utcOffsetHours()) >= 5;
                    if (!isWeekend && hour >= 10 && hour < 15) {
                        office[0]++;
                    } else if (!isWeekend && hour < 5) {
                        night[0]++;
                    }
                    if (isWeekend) {
                        weekend[0]++;
                    } else {
                        weekday[0]++;
                    }
                }
            }
        });
        assertThat(office[0]).isGreaterThan(3 * night[0]);
        assertThat(weekday[0]).isGreaterThan(weekend[0]);
    }
}
