package dev.rampart.portal.incidents;

import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.web.Navigation;
import dev.rampart.portal.web.ShellModel;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench-queue [--incidents=10000] [--baseline=100] [--runs=50] [--seed=N]}: in a throw-away data directory,
 * stores {@code baseline} incidents (1 to 3 alerts each, with evidence and tags, a third of them resolved) and times
 * the queue page handler path — {@link IncidentQueuePage} plus the precompiled JTE template, default filters, first
 * page — then grows the store to {@code incidents} and times it again, printing p50/p95 of both and their ratio.
 * Server time only: no HTTP, no browser.
 */
@Component
class BenchQueueCommand implements Command {
    private static final double TARGET_MS = 150;

    @Override
    public String name() {
        return "bench-queue";
    }

    @Override
    public String usage() {
        return "[--incidents=10000] [--baseline=100] [--runs=50] [--seed=N]  incident queue render time (p50/p95) with N incidents";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        int incidents = 10_000;
        int baseline = 100;
        int runs = 50;
        long seed = 7;
        try {
            for (String a : args) {
                if (a.startsWith("--incidents=")) {
                    incidents = Integer.parseInt(a.substring(12));
                } else if (a.startsWith("--baseline=")) {
                    baseline = Integer.parseInt(a.substring(11));
                } else if (a.startsWith("--runs=")) {
                    runs = Integer.parseInt(a.substring(7));
                } else if (a.startsWith("--seed=")) {
                    seed = Long.parseLong(a.substring(7));
                } else {
                    out.println("bench-queue: unknown option " + a + "; usage: bench-queue " + usage());
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            out.println("bench-queue: options take whole numbers: " + e.getMessage());
            return 2;
        }
        if (baseline < 1 || incidents <= baseline || runs < 1) {
            out.println("bench-queue: need 1 <= baseline < incidents and runs >= 1");
            return 2;
        }
        Path dir = Files.createTempDirectory("rampart-bench-queue");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + dir)) {
            // The system identity: data scopes fail closed, and an unscoped reader would render an empty queue.
            Authentication auth = dev.rampart.portal.access.SystemIdentity.authentication("bench-queue");
            SecurityContextHolder.getContext().setAuthentication(auth);
            bench(ctx, auth, incidents, baseline, runs, seed, out);
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

    private void bench(ConfigurableApplicationContext ctx, Authentication auth, int total, int baseline, int runs, long seed, PrintStream out) {
        IncidentStore store = ctx.getBean(IncidentStore.class);
        TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
        IncidentQueuePage page = ctx.getBean(IncidentQueuePage.class);
        Navigation navigation = ctx.getBean(Navigation.class);
        // The portal renders precompiled templates (gg.jte.use-precompiled-templates); the batch context has no view layer.
        TemplateEngine jte = TemplateEngine.createPrecompiled(ContentType.Html);
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant now = Instant.now();

        fill(store, tx, rnd, now, 0, baseline);
        Timing base = time(page, navigation, jte, auth, runs);
        out.printf(Locale.ROOT, "baseline: %d incidents, %d rows shown, p50=%.1fms p95=%.1fms (thread CPU p50=%.1fms p95=%.1fms; %d runs)%n", baseline,
                base.rows, base.p50, base.p95, base.cpu50, base.cpu95, runs);

        long t0 = System.nanoTime();
        fill(store, tx, rnd, now, baseline, total);
        out.printf(Locale.ROOT, "stored %d more incidents in %.1f s%n", total - baseline, (System.nanoTime() - t0) / 1e9);
        Timing big = time(page, navigation, jte, auth, runs);
        out.printf(Locale.ROOT, "large: %d incidents (%d match the default filters), p50=%.1fms p95=%.1fms (thread CPU p50=%.1fms p95=%.1fms; %d runs, %d KB of HTML)%n",
                total, big.matching, big.p50, big.p95, big.cpu50, big.cpu95, runs, big.bytes / 1024);
        if (big.matching == 0 || base.rows == 0) {
            out.println("bench-queue: the queue rendered no incidents, so nothing was measured");
            throw new IllegalStateException("bench-queue: empty queue");
        }
        out.printf(Locale.ROOT, "queue render p50=%.1fms p95=%.1fms with %d incidents (baseline %d: %.1fms, ratio %.2f) target<%.0fms %s%n",
                big.p50, big.p95, total, baseline, base.p50, big.p50 / base.p50, TARGET_MS, big.p95 < TARGET_MS ? "PASS" : "MISS");
    }

    private record Timing(double p50, double p95, double cpu50, double cpu95, int rows, long matching, int bytes) {
    }

    /** Warm-up, then {@code runs} timed renders of the default first page. */
    private static Timing time(IncidentQueuePage page, Navigation navigation, TemplateEngine jte, Authentication auth, int runs) {
        int warmup = Math.max(20, runs / 2);
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        IncidentQueueView last = null;
        int bytes = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            ShellModel shell = new ShellModel(auth.getName(), auth.getName(), "", navigation.sectionsFor(auth), "/incidents", "X-CSRF-TOKEN", "bench");
            last = page.build(IncidentQuery.defaults(), null, null);
            StringOutput html = new StringOutput();
            jte.render("incidents/queue.jte", Map.of("shell", shell, "view", last), html);
            bytes = html.toString().length();
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t) / 1e6;
                cpu[i - warmup] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            }
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        int p50 = (int) Math.floor((runs - 1) * 0.5), p95 = (int) Math.ceil((runs - 1) * 0.95);
        return new Timing(ms[p50], ms[p95], cpu[p50], cpu[p95], last.page().items().size(),
                last.page().total(), bytes);
    }

    /** Incidents {@code from}..{@code to}: 1-3 alerts each over a pool of devices and users, some tagged, assigned or resolved. */
    private static void fill(IncidentStore store, TransactionTemplate tx, SplittableRandom rnd, Instant now, int from, int to) {
        for (int start = from; start < to; start += 1000) {
            int end = Math.min(to, start + 1000);
            int s = start;
            tx.executeWithoutResult(x -> {
                for (int i = s; i < end; i++) {
                    Instant at = now.minusSeconds(rnd.nextInt(30 * 86_400));
                    int alerts = 1 + rnd.nextInt(3);
                    Severity sev = Severity.values()[rnd.nextInt(4)];
                    long incident = store.insertIncident("Bench incident " + i + " on ws-" + (i % 500), sev, at);
                    for (int a = 0; a < alerts; a++) {
                        List<Evidence> ev = List.of(Evidence.of(EntityType.DEVICE, "ws-" + rnd.nextInt(500) + ".corp.example", "suspicious", List.of()),
                                Evidence.of(EntityType.USER, "u" + rnd.nextInt(800) + "@corp.example", "suspicious", List.of()));
                        NewAlert na = new NewAlert("bq", "Bench alert " + (i % 40), "bench", sev, Category.values()[rnd.nextInt(Category.values().length)],
                                List.of("T1059"), a == 0 ? "customDetection" : "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint",
                                "bench-" + (i % 40), null, at, at.plusSeconds(60), ev);
                        store.insertAlert("bq" + i + "-" + a, incident, na, "bench", at);
                    }
                    store.refresh(incident, at);
                    if (i % 3 == 0) {
                        store.update(incident, "status", IncidentStatus.RESOLVED.graph(), at);
                    } else if (i % 3 == 1) {
                        store.update(incident, "status", IncidentStatus.IN_PROGRESS.graph(), at);
                        store.update(incident, "assigned_to", "analyst" + (i % 7), at);
                    }
                    if (i % 5 == 0) {
                        store.addTag(incident, "bench-tag-" + (i % 20), false);
                    }
                }
            });
        }
    }
}
