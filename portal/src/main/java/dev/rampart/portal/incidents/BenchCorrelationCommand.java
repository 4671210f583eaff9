package dev.rampart.portal.incidents;

import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench-correlation [--open=100000] [--alerts=3000] [--seed=N]}: in a throw-away data directory, stores
 * {@code open} alerts with one incident each straight into the tables (the baseline: storing without correlating,
 * measured as alerts/s), then raises {@code alerts} more through {@link Correlator} — each sharing a device or user
 * with the open ones half of the time, so lookups, links and merges all happen — and prints both rates and their ratio.
 */
@Component
class BenchCorrelationCommand implements Command {
    @Override
    public String name() {
        return "bench-correlation";
    }

    @Override
    public String usage() {
        return "[--open=100000] [--alerts=3000] [--seed=N]  alerts correlated per second with N open alerts, vs storing without correlation";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        int open = 100_000;
        int alerts = 3_000;
        long seed = 7;
        try {
            for (String a : args) {
                if (a.startsWith("--open=")) {
                    open = Integer.parseInt(a.substring(7));
                } else if (a.startsWith("--alerts=")) {
                    alerts = Integer.parseInt(a.substring(9));
                } else if (a.startsWith("--seed=")) {
                    seed = Long.parseLong(a.substring(7));
                } else {
                    out.println("bench-correlation: unknown option " + a + "; usage: bench-correlation " + usage());
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            out.println("bench-correlation: options take whole numbers: " + e.getMessage());
            return 2;
        }
        Path dir = Files.createTempDirectory("rampart-bench-correlation");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + dir)) {
            SecurityContextHolder.getContext().setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("bench-correlation"));
            bench(ctx, open, alerts, seed, out);
        } finally {
            SecurityContextHolder.clearContext();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // Left-over temporary files do not change the figures printed.
            }
        }
        return 0;
    }

    private void bench(ConfigurableApplicationContext ctx, int open, int count, long seed, PrintStream out) {
        IncidentStore store = ctx.getBean(IncidentStore.class);
        Correlator correlator = ctx.getBean(Correlator.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        SplittableRandom rnd = new SplittableRandom(seed);
        int devices = Math.max(1, open / 5);
        int users = Math.max(1, open / 3);
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        for (int from = 0; from < open; from += 1000) {
            int to = Math.min(open, from + 1000);
            int start = from;
            // Baseline: the same rows correlation writes (incident, alert, evidence, activity), without looking anything up.
            tx.executeWithoutResult(s -> {
                for (int i = start; i < to; i++) {
                    NewAlert a = alert(rnd, devices, users, now, i);
                    long incident = store.insertIncident(a.title(), a.severity(), now);
                    String id = "bb" + i;
                    store.insertAlert(id, incident, a, "baseline", now);
                    store.activity(incident, now, "bench", "alert", "Alert " + id + " added");
                }
            });
        }
        double baseSecs = (System.nanoTime() - t0) / 1e9;
        double base = open / baseSecs;
        out.printf(Locale.ROOT, "baseline: %d alerts stored without correlation in %.1f s = %.0f alerts/s%n", open, baseSecs, base);
        long t1 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            correlator.raise(alert(rnd, devices * 2, users * 2, now, open + i));
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        double rate = count / secs;
        long openAlerts = store.countAlerts("WHERE a.status <> 'resolved'", List.of());
        out.printf(Locale.ROOT, "correlated: %d alerts in %.1f s with %d open alerts = %.0f alerts/s%n", count, secs, openAlerts, rate);
        out.printf(Locale.ROOT, "bench-correlation: %.0f alerts/s correlated with %d open alerts (baseline %.0f/s, ratio %.2f)%n", rate, open, base,
                rate / base);
    }

    /** Devices and users drawn from pools twice the size of the open ones' when raising, so about half share an entity. */
    private static NewAlert alert(SplittableRandom rnd, int devices, int users, Instant now, int i) {
        Instant at = now.minusSeconds(rnd.nextInt(20 * 3600));
        List<Evidence> ev = List.of(Evidence.of(EntityType.DEVICE, "bench-ws-" + rnd.nextInt(devices) + ".corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.USER, "bench-u-" + rnd.nextInt(users) + "@corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.PROCESS, "tool.exe --run " + i, "suspicious", List.of()));
        return new NewAlert("ra", "Bench alert " + (i % 50), "bench", Severity.values()[1 + rnd.nextInt(3)], Category.values()[rnd.nextInt(12)],
                List.of("T1059"), "bench", "microsoftDefenderForEndpoint", "bench-" + (i % 50), null, at, at.plusSeconds(30), ev);
    }
}
