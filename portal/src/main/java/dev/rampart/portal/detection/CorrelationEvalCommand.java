package dev.rampart.portal.detection;

import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.demo.DemoGroundTruth;
import dev.rampart.portal.demo.DemoLoader;
import dev.rampart.portal.demo.DemoOptions;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertQuery;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.Page;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code correlation-eval [--scale=small|default|large] [--seed=N] [--list]}: in a throw-away data directory (its own
 * state database and event store, never the portal's), generates the demo organisation, runs every enabled detection
 * rule once over it, lets correlation group the alerts, and scores the incidents against the recorded attacks with
 * {@link CorrelationQuality}. Ends with {@code correlation-eval: precision=P recall=R attacks=A incidents_for_attacks=I}.
 */
@Component
class CorrelationEvalCommand implements Command {
    @Override
    public String name() {
        return "correlation-eval";
    }

    @Override
    public String usage() {
        return "[--scale=small|default|large] [--seed=N] [--list]  demo attacks + noise through detection and correlation, scored against the ground truth";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("correlation-eval: " + e.getMessage());
            return 2;
        }
        for (String a : args) {
            if (!a.startsWith("--scale=") && !a.startsWith("--seed=") && !a.equals("--list")) {
                out.println("correlation-eval: unknown option " + a + "; usage: correlation-eval " + usage());
                return 2;
            }
        }
        Path dir = Files.createTempDirectory("rampart-correlation-eval");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + dir)) {
            return SystemRun.as("correlation-eval", () -> evaluate(ctx, options, args.contains("--list"), out));
        } finally {
            SystemRun.deleteTree(dir);
        }
    }

    private int evaluate(ConfigurableApplicationContext ctx, DemoOptions options, boolean list, PrintStream out) {
        out.println(ctx.getBean(DemoLoader.class).load(options).line());
        ctx.getBean(BuiltInPack.class).install();
        DetectionRules rules = ctx.getBean(DetectionRules.class);
        DetectionEngine engine = ctx.getBean(DetectionEngine.class);
        long t0 = System.nanoTime();
        int ran = 0;
        int raised = 0;
        for (DetectionRule r : rules.list()) {
            if (!r.enabled()) {
                continue;
            }
            DetectionEngine.Outcome o = engine.run(r, "manual");
            ran++;
            raised += o.alerts();
            if (!"completed".equals(o.status()) || o.overLimit() > 0) {
                out.println("  rule " + r.key() + ": " + o.status() + (o.message() == null ? "" : " - " + o.message()));
            }
        }
        out.printf(Locale.ROOT, "detection: %d rules ran, %d alerts in %.1f s%n", ran, raised, (System.nanoTime() - t0) / 1e9);
        IncidentService incidents = ctx.getBean(IncidentService.class);
        List<Alert> alerts = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Alert> p = incidents.alerts(new AlertQuery(Set.of(), Set.of(), Set.of(), null, null, null, null, page, 500));
            alerts.addAll(p.items());
            if (!p.hasNext()) {
                break;
            }
        }
        var events = incidents.sourceEvents(alerts.stream().map(Alert::id).toList());
        CorrelationQuality.Score s = CorrelationQuality.score(ctx.getBean(DemoGroundTruth.class).attacks(), alerts, events);
        for (CorrelationQuality.AttackResult a : s.attacks()) {
            out.printf(Locale.ROOT, "attack %-16s steps detected %d/%d, %d alerts in %d incident(s) %s%n", a.key(), a.stepsDetected(), a.steps(),
                    a.alerts(), a.incidents().size(), a.incidents());
        }
        Map<String, Integer> noise = new TreeMap<>();
        for (Alert a : alerts) {
            if (!s.attackOf().containsKey(a.id())) {
                noise.merge(a.detectorId() + " (" + a.severity().graph() + ")", 1, Integer::sum);
            }
        }
        out.printf(Locale.ROOT, "noise: %d alerts in %d incident(s) of their own; %d incident(s) mix noise with an attack%n", s.noiseAlerts(),
                s.noiseIncidents().size(), s.mixedIncidents().size());
        noise.forEach((k, v) -> out.printf(Locale.ROOT, "  %4d  %s%n", v, k));
        if (list) {
            for (Alert a : alerts) {
                out.printf(Locale.ROOT, "  %s incident %d %-14s %s | %s%n", a.id(), a.incidentId(), s.attackOf().getOrDefault(a.id(), "-"), a.title(),
                        a.reasonLinked());
            }
        }
        out.printf(Locale.ROOT, "pairs: %d together and should be, %d together but should not be, %d apart but should be together%n",
                s.truePairs(), s.falsePairs(), s.missedPairs());
        out.printf(Locale.ROOT, "correlation-eval: precision=%.3f recall=%.3f attacks=%d incidents_for_attacks=%d%n", s.precision(), s.recall(),
                s.attacks().size(), s.incidentsForAttacks());
        return 0;
    }
}
