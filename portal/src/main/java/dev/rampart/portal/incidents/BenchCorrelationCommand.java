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
 * {@code bench-correlation [--open=100000] [--alerts=10000] [--seed=N]}: in a throw-away data directory, correlates
 * {@code open} alerts (the open state), then, {@value #ROUNDS} times, raises {@code alerts} more through
 * {@link Correlator} in batches of {@value #BATCH} — each sharing a device or user with the open ones about half of the
 * time, so lookups, links and merges all happen — and stores as many rows without correlating (the baseline); last, a
 * third as many alerts one at a time. Prints each round and the medians.
 */
@Component
class BenchCorrelationCommand implements Command {
    /** Alerts per call, as a detection rule run hands them over (at most 100 alerts per run). */
    static final int BATCH = 100;
    /** Correlated and baseline runs alternate this many times. */
    static final int ROUNDS = 3;

    @Override
    public String name() {
        return "bench-correlation";
    }

    @Override
    public String usage() {
        return "[--open=100000] [--alerts=10000] [--seed=N]  alerts correlated per second with N open alerts, vs storing without correlation";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        int open = 100_000;
        int alerts = 10_000;
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
        // The open alerts go through correlation too: the state being measured is the one correlation produces.
        long t0 = System.nanoTime();
        int next = 0;
        for (; next < open; next += BATCH) {
            correlator.raiseAll(batch(rnd, devices, users, now, next, Math.min(BATCH, open - next), "bench"));
        }
        double setupSecs = (System.nanoTime() - t0) / 1e9;
        long incidents = store.countIncidents("WHERE i.status IN ('active', 'inProgress')", List.of());
        long merged = store.countIncidents("WHERE i.status = 'redirected'", List.of());
        out.printf(Locale.ROOT, "setup: %d alerts correlated in %.1f s (%.0f alerts/s) into %d open incidents (%d merged away)%n", open, setupSecs,
                open / setupSecs, incidents, merged);

        // Rounds alternate correlated and baseline runs so that a slow moment of the machine or a collector pause
        // weighs on both sides; the medians are compared.
        List<Double> rates = new java.util.ArrayList<>();
        List<Double> bases = new java.util.ArrayList<>();
        // CPU of this thread and collector time per alert vary far less with the machine's load than wall time does.
        List<Double> cpus = new java.util.ArrayList<>();
        List<Double> baseCpus = new java.util.ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long mergedBefore = merged;
        int baseNext = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            long g1 = gcMillis();
            for (int done = 0; done < count; done += BATCH) {
                correlator.raiseAll(batch(rnd, devices * 2, users * 2, now, next + done, Math.min(BATCH, count - done), "bench"));
            }
            rates.add(count / ((System.nanoTime() - t1) / 1e9));
            cpus.add((threads.getCurrentThreadCpuTime() - c1) / 1e3 / count);
            long gc = gcMillis() - g1;
            next += count;
            // Baseline: the rows correlation writes (incident, alert, evidence) stored without looking anything up, in the
            // same batches and transactions; their entities are of another namespace, so correlation never links them.
            int first = baseNext;
            long t3 = System.nanoTime();
            long c3 = threads.getCurrentThreadCpuTime();
            long g3 = gcMillis();
            for (int from = 0; from < count; from += BATCH) {
                List<NewAlert> b = batch(rnd, devices * 2, users * 2, now, first + from, Math.min(BATCH, count - from), "base");
                tx.executeWithoutResult(s -> {
                    for (int i = 0; i < b.size(); i++) {
                        NewAlert a = b.get(i);
                        long incident = store.insertIncident(a.title(), a.severity(), now);
                        store.insertAlert(AlertIds.next("bb", now), incident, a, "baseline", now);
                    }
                });
            }
            bases.add(count / ((System.nanoTime() - t3) / 1e9));
            baseCpus.add((threads.getCurrentThreadCpuTime() - c3) / 1e3 / count);
            long baseGc = gcMillis() - g3;
            baseNext += count;
            out.printf(Locale.ROOT, "round %d: correlated %d alerts in batches of %d = %.0f alerts/s (%.0f µs CPU/alert, collector %d ms); "
                            + "baseline %.0f alerts/s (%.0f µs CPU/alert, collector %d ms)%n", round + 1, count, BATCH, rates.get(round), cpus.get(round), gc,
                    bases.get(round), baseCpus.get(round), baseGc);
        }
        long mergedDuring = store.countIncidents("WHERE i.status = 'redirected'", List.of()) - mergedBefore;
        long openAlerts = store.countAlerts("WHERE a.status <> 'resolved'", List.of());
        double rate = median(rates);
        double base = median(bases);

        int singles = Math.max(1, count / 3);
        long t2 = System.nanoTime();
        for (int i = 0; i < singles; i++) {
            correlator.raise(batch(rnd, devices * 2, users * 2, now, next + i, 1, "bench").get(0));
        }
        double singleRate = singles / ((System.nanoTime() - t2) / 1e9);
        out.printf(Locale.ROOT, "correlated one at a time: %d alerts = %.0f alerts/s (%d incidents merged during the rounds)%n", singles, singleRate,
                mergedDuring);
        out.printf(Locale.ROOT, "bench-correlation: %.0f alerts/s correlated with %d open alerts (baseline %.0f/s, ratio %.2f; medians of %d rounds; "
                + "one at a time %.0f/s; CPU per alert %.0f µs vs baseline %.0f µs)%n", rate, openAlerts, base, rate / base, ROUNDS, singleRate,
                median(cpus), median(baseCpus));
    }

    /** Time the collectors report (for G1's young and mixed collections: their pauses), summed, in ms. */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<NewAlert> batch(SplittableRandom rnd, int devices, int users, Instant now, int first, int n, String namespace) {
        List<NewAlert> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(alert(rnd, devices, users, now, first + i, namespace));
        }
        return out;
    }

    /**
     * Devices drawn from a pool; the user is the device's own (same index) except for 3% of alerts, which name another
     * user — the cross links that make incidents merge. Raising uses pools twice the size of the open ones', so about
     * half of the new alerts share a device with an open incident.
     */
    private static NewAlert alert(SplittableRandom rnd, int devices, int users, Instant now, int i, String namespace) {
        Instant at = now.minusSeconds(rnd.nextInt(20 * 3600));
        int device = rnd.nextInt(devices);
        int user = rnd.nextInt(100) < 3 ? rnd.nextInt(users) : device;
        List<Evidence> ev = List.of(Evidence.of(EntityType.DEVICE, namespace + "-ws-" + device + ".corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.USER, namespace + "-u-" + user + "@corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.PROCESS, "tool.exe --run " + i, "suspicious", List.of()));
        return new NewAlert("ra", "Bench alert " + (i % 50), "bench", Severity.values()[1 + rnd.nextInt(3)], Category.values()[rnd.nextInt(12)],
                List.of("T1059"), "bench", "microsoftDefenderForEndpoint", "bench-" + (i % 50), null, at, at.plusSeconds(30), ev);
    }
}
