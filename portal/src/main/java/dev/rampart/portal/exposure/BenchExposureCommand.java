package dev.rampart.portal.exposure;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.events.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code bench-exposure [--devices=20000] [--users=10000] [--rounds=3]}: builds the exposure graph and its attack paths
 * over a synthetic estate in a temporary data dir, and prints the rebuild time against a baseline measured in the
 * same process: reading the same inputs (latest devices and identities, sign-ins grouped by device and account,
 * device×CVE pairs) without building anything.
 */
@Component
class BenchExposureCommand implements Command {
    @Override
    public String name() {
        return "bench-exposure";
    }

    @Override
    public String usage() {
        return "[--devices=20000] [--users=10000] [--rounds=3]  exposure graph rebuild time vs reading its inputs, on a synthetic estate";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        int devices = 20_000;
        int users = 10_000;
        int rounds = 3;
        try {
            for (String a : args) {
                if (a.startsWith("--devices=")) {
                    devices = Integer.parseInt(a.substring(10));
                } else if (a.startsWith("--users=")) {
                    users = Integer.parseInt(a.substring(8));
                } else if (a.startsWith("--rounds=")) {
                    rounds = Integer.parseInt(a.substring(9));
                } else {
                    out.println("bench-exposure: unknown option " + a + "; usage: bench-exposure " + usage());
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            out.println("bench-exposure: options take whole numbers: " + e.getMessage());
            return 2;
        }
        if (devices < 100 || users < 100 || rounds < 1) {
            out.println("bench-exposure: need at least 100 devices, 100 users and 1 round");
            return 2;
        }
        Path dir = Files.createTempDirectory("rampart-bench-exposure");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + dir)) {
            bench(ctx, devices, users, rounds, out);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // Left-over temporary files do not change the figures printed.
            }
        }
        return 0;
    }

    private void bench(ConfigurableApplicationContext ctx, int devices, int users, int rounds, PrintStream out) {
        EventStore store = ctx.getBean(EventStore.class);
        EventSql sql = ctx.getBean(EventSql.class);
        ExposureGraphService service = ctx.getBean(ExposureGraphService.class);
        long t0 = System.nanoTime();
        long rows = fill(store, devices, users, new SplittableRandom(11));
        out.printf(Locale.ROOT, "estate: %d devices, %d users, %d event rows written in %.1f s%n", devices, users, rows, (System.nanoTime() - t0) / 1e9);

        Instant since = Instant.now().minus(GraphBuilder.LOOK_BACK);
        double[] base = new double[rounds];
        double[] full = new double[rounds];
        ExposureGraphService.Snapshot s = service.rebuildAfterLoad();
        for (int i = 0; i < rounds; i++) {
            long b = System.nanoTime();
            long[] n = {0};
            sql.each("SELECT * FROM DeviceInfo WHERE Timestamp >= ? QUALIFY row_number() OVER (PARTITION BY DeviceId ORDER BY Timestamp DESC) = 1",
                    r -> n[0]++, since);
            sql.each("SELECT * FROM IdentityInfo WHERE Timestamp >= ? QUALIFY row_number() OVER (PARTITION BY AccountUpn ORDER BY Timestamp DESC) = 1",
                    r -> n[0]++, since);
            sql.each("SELECT DeviceId, lower(AccountName), AccountSid, LogonType, count(*), max(Timestamp) FROM DeviceLogonEvents "
                    + "WHERE Timestamp >= ? AND ActionType = 'LogonSuccess' GROUP BY ALL", r -> n[0]++, since);
            sql.each("SELECT count(*) FROM (" + GraphBuilder.DEVICE_CVES + ")", r -> n[0]++);
            base[i] = (System.nanoTime() - b) / 1e6;
            long f = System.nanoTime();
            s = service.rebuild();
            full[i] = (System.nanoTime() - f) / 1e6;
            out.printf(Locale.ROOT, "round %d: rebuild %.0f ms (graph %d ms), reading the inputs %.0f ms%n", i + 1, full[i], s.graph().buildMillis(), base[i]);
        }
        double b = median(base);
        double f = median(full);
        long cves = sql.count("SELECT count(*) FROM ExposureGraphEdges WHERE EdgeLabel = 'affecting'");
        out.printf(Locale.ROOT, "graph: %d nodes and %d edges in memory, %d affecting edges in the table, %d attack paths%s, %d choke points%n",
                s.graph().nodes().size(), s.graph().edges().size(), cves, s.paths().size(), s.truncated() ? " (stopped at the cap)" : "",
                s.chokePoints().size());
        out.printf(Locale.ROOT, "bench-exposure: rebuild %.0f ms for %d devices / %d users (reading the inputs %.0f ms, ratio %.2f; medians of %d rounds)%n",
                f, devices, users, b, f / b, rounds);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /**
     * An estate: 4 % of devices internet-facing (half of them servers), 10 % servers that administrators sign in to by RDP, four domain
     * controllers, each workstation used by three people, 15 CVEs per device out of 3,000.
     */
    private static long fill(EventStore store, int devices, int users, SplittableRandom rnd) {
        Instant now = Instant.now();
        Table info = store.table("DeviceInfo");
        Table identity = store.table("IdentityInfo");
        Table logon = store.table("DeviceLogonEvents");
        Table idl = store.table("IdentityLogonEvents");
        Table vul = store.table("DeviceTvmSoftwareVulnerabilities");
        Table kb = store.table("DeviceTvmSoftwareVulnerabilitiesKB");
        int admins = Math.max(5, users / 100);
        return store.write(w -> {
            long n = 0;
            for (int u = 0; u < users; u++) {
                Object[] r = new Object[identity.columns().size()];
                r[identity.indexOf("Timestamp")] = now.minus(Duration.ofHours(6));
                r[identity.indexOf("AccountObjectId")] = "oid-" + u;
                r[identity.indexOf("AccountUpn")] = "user" + u + "@bench.example";
                r[identity.indexOf("AccountName")] = "user" + u;
                r[identity.indexOf("AccountDisplayName")] = "User " + u;
                r[identity.indexOf("OnPremSid")] = "S-1-5-21-1-2-3-" + (1000 + u);
                r[identity.indexOf("GroupMembership")] = u < admins ? "[\"Domain Users\",\"Domain Admins\"]" : "[\"Domain Users\",\"Dept " + (u % 40) + "\"]";
                r[identity.indexOf("AssignedRoles")] = "[]";
                w.appender("IdentityInfo").append(r);
                n++;
            }
            for (int c = 0; c < 3_000; c++) {
                Object[] r = new Object[kb.columns().size()];
                r[kb.indexOf("CveId")] = "CVE-2030-" + (10_000 + c);
                r[kb.indexOf("CvssScore")] = String.valueOf(3 + (c % 70) / 10.0);
                r[kb.indexOf("IsExploitAvailable")] = c % 9 == 0;
                r[kb.indexOf("VulnerabilitySeverityLevel")] = c % 70 >= 60 ? "Critical" : c % 70 >= 40 ? "High" : "Medium";
                r[kb.indexOf("VulnerabilityDescription")] = c % 5 == 0 ? "Remote code execution in component " + c : "Flaw in component " + c;
                w.appender("DeviceTvmSoftwareVulnerabilitiesKB").append(r);
                n++;
            }
            for (int d = 0; d < devices; d++) {
                boolean server = d % 10 == 0;
                boolean dc = d < 4 * 10 && server;
                String name = (dc ? "dc" : server ? "srv" : "ws") + d + ".bench.example";
                String id = "dev-" + d;
                Object[] r = new Object[info.columns().size()];
                r[info.indexOf("Timestamp")] = now.minus(Duration.ofHours(1));
                r[info.indexOf("DeviceId")] = id;
                r[info.indexOf("DeviceName")] = name;
                r[info.indexOf("OSPlatform")] = server ? "WindowsServer2022" : "Windows11";
                r[info.indexOf("IsInternetFacing")] = (d % 50 == 0 && !dc) || d % 50 == 7;
                w.appender("DeviceInfo").append(r);
                n++;
                for (int k = 0; k < 3; k++) {
                    int u = admins + (d * 3 + k) % (users - admins);
                    n += logon(w, logon, now.minus(Duration.ofHours(2 + k)), id, name, u, "Interactive", false, 4);
                }
                if (server) {
                    for (int k = 0; k < 3; k++) {
                        n += logon(w, logon, now.minus(Duration.ofHours(3 + k)), id, name, rnd.nextInt(admins), "RemoteInteractive", true, 2);
                    }
                }
                if (dc) {
                    Object[] l = new Object[idl.columns().size()];
                    l[idl.indexOf("Timestamp")] = now.minus(Duration.ofHours(1));
                    l[idl.indexOf("ActionType")] = "LogonSuccess";
                    l[idl.indexOf("Protocol")] = "Kerberos";
                    l[idl.indexOf("DestinationDeviceName")] = name;
                    w.appender("IdentityLogonEvents").append(l);
                    n++;
                }
                for (int c = 0; c < 15; c++) {
                    Object[] v = new Object[vul.columns().size()];
                    int cve = rnd.nextInt(3_000);
                    v[vul.indexOf("DeviceId")] = id;
                    v[vul.indexOf("DeviceName")] = name;
                    v[vul.indexOf("SoftwareName")] = "software_" + (cve % 200);
                    v[vul.indexOf("CveId")] = "CVE-2030-" + (10_000 + cve);
                    v[vul.indexOf("VulnerabilitySeverityLevel")] = cve % 70 >= 60 ? "Critical" : cve % 70 >= 40 ? "High" : "Medium";
                    w.appender("DeviceTvmSoftwareVulnerabilities").append(v);
                    n++;
                }
            }
            return n;
        });
    }

    private static int logon(EventStore.WriteSession w, Table t, Instant at, String id, String name, int user, String type, boolean admin, int times)
            throws java.sql.SQLException {
        for (int i = 0; i < times; i++) {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = at.minus(Duration.ofDays(i));
            r[t.indexOf("DeviceId")] = id;
            r[t.indexOf("DeviceName")] = name;
            r[t.indexOf("ActionType")] = "LogonSuccess";
            r[t.indexOf("LogonType")] = type;
            r[t.indexOf("AccountName")] = "user" + user;
            r[t.indexOf("AccountDomain")] = "BENCH";
            r[t.indexOf("AccountSid")] = "S-1-5-21-1-2-3-" + (1000 + user);
            r[t.indexOf("IsLocalAdmin")] = admin;
            w.appender("DeviceLogonEvents").append(r);
        }
        return times;
    }
}
