package dev.rampart.portal.sigma;

import dev.rampart.portal.cli.Command;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code sigma-compile DIR [--list]}: parses and compiles every Sigma rule under DIR (the {@code rules*} folders of
 * a SigmaHQ checkout), prints the share per log source, the Windows process_creation and all-Windows shares
 * against their targets, the most frequent failure reasons, and ends with {@code sigma-compile: passed X/N}.
 */
@Component
class SigmaCompileCommand implements Command {
    static final double PROCESS_TARGET = 0.95;
    static final double WINDOWS_TARGET = 0.80;

    @Override
    public String name() {
        return "sigma-compile";
    }

    @Override
    public String usage() {
        return "DIR [--list]  compile every Sigma rule under DIR to the hunting language";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty() || !Files.exists(Path.of(args.get(0)))) {
            out.println("sigma-compile: usage: sigma-compile DIR [--list]");
            return 2;
        }
        long t0 = System.nanoTime();
        List<SigmaLibrary.Entry> all = SigmaLibrary.loadAll(Path.of(args.get(0)));
        Map<String, int[]> bySource = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        int passed = 0;
        int[] process = new int[2];
        int[] windows = new int[2];
        for (SigmaLibrary.Entry e : all) {
            String ls = e.rule() == null ? "(unparsed)" : e.rule().logsource();
            int[] c = bySource.computeIfAbsent(ls, k -> new int[2]);
            c[1]++;
            boolean isWindows = e.rule() != null && "windows".equalsIgnoreCase(e.rule().product());
            if (isWindows) {
                windows[1]++;
            }
            if (isWindows && "process_creation".equals(e.rule().category())) {
                process[1]++;
            }
            if (e.ok()) {
                passed++;
                c[0]++;
                if (isWindows) {
                    windows[0]++;
                    if ("process_creation".equals(e.rule().category())) {
                        process[0]++;
                    }
                }
            } else {
                reasons.merge(e.result().reason().replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d{3,}", "N"), 1, Integer::sum);
                if (args.contains("--list")) {
                    out.println(e.path() + "\t" + e.result().reason());
                }
            }
        }
        out.println("by log source (compiled/total), top 25:");
        bySource.entrySet().stream().sorted((a, b) -> b.getValue()[1] - a.getValue()[1]).limit(25)
                .forEach(e -> out.printf(Locale.ROOT, "  %5d/%-5d %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
        out.println("failure reasons, top 20:");
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(20)
                .forEach(e -> out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
        out.printf(Locale.ROOT, "sigma-compile: windows process_creation %d/%d (%.1f%%, target >= %.0f%%), all windows %d/%d (%.1f%%, target >= %.0f%%), in %.1f s%n",
                process[0], process[1], pct(process), 100 * PROCESS_TARGET, windows[0], windows[1], pct(windows), 100 * WINDOWS_TARGET,
                (System.nanoTime() - t0) / 1e9);
        out.println("sigma-compile: passed " + passed + "/" + all.size());
        return 0;
    }

    private static double pct(int[] c) {
        return c[1] == 0 ? 0 : 100.0 * c[0] / c[1];
    }
}
