package dev.rampart.portal.detection;

import dev.rampart.portal.cli.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code sigma-import DIR|FILE [--enable-high-critical]}: imports Sigma rules from a folder (a SigmaHQ checkout's
 * rules* folders, or every .yml below it) into the data directory of a stopped portal as custom detections. Ends with
 * {@code sigma-import: N detections (on O, off F), U unsupported}.
 */
@Component
class SigmaImportCommand implements Command {
    private final SigmaDetections sigma;

    SigmaImportCommand(SigmaDetections sigma) {
        this.sigma = sigma;
    }

    @Override
    public String name() {
        return "sigma-import";
    }

    @Override
    public String usage() {
        return "DIR|FILE [--enable-high-critical]  import Sigma rules as custom detections (new rules off unless high/critical and the flag)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (args.isEmpty() || !Files.exists(Path.of(args.get(0)))) {
            out.println("sigma-import: usage: sigma-import " + usage());
            return 2;
        }
        boolean enable = args.contains("--enable-high-critical");
        List<SigmaDetections.Row> rows = SystemRun.as("sigma-import", () -> {
            try {
                return sigma.importPath(Path.of(args.get(0)), enable);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, Integer> reasons = new TreeMap<>();
        rows.stream().filter(r -> r.rule() == null).forEach(r -> reasons.merge(String.valueOf(r.reason()).replaceAll("'[^']*'", "'…'"), 1, Integer::sum));
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15).forEach(e -> out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
        long on = rows.stream().filter(r -> "on".equals(r.status())).count();
        long off = rows.stream().filter(r -> "off".equals(r.status())).count();
        out.println("sigma-import: " + (on + off) + " detections (on " + on + ", off " + off + "), " + (rows.size() - on - off) + " unsupported");
        return 0;
    }
}
