package dev.rampart.portal.intel;

import dev.rampart.portal.cli.Command;
import dev.rampart.portal.access.SystemIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code intel-import PATH... [--indicators]}: imports STIX 2.0/2.1 files, folders or ZIPs into the data directory of
 * a stopped portal. Prints per path what was read, and ends with the active ATT&CK counts
 * ({@code intel-import: ATT&CK tactics T techniques N sub-techniques S groups G campaigns C; all reports R ...}).
 */
@Component
class IntelImportCommand implements Command {
    private final IntelImporter importer;
    private final ThreatIntel intel;

    IntelImportCommand(IntelImporter importer, ThreatIntel intel) {
        this.importer = importer;
        this.intel = intel;
    }

    @Override
    public String name() {
        return "intel-import";
    }

    @Override
    public String usage() {
        return "PATH... [--indicators]  import STIX 2.0/2.1 bundles (files, folders or ZIPs); --indicators creates Audit indicators from their patterns";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        boolean indicators = args.contains("--indicators");
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                paths.add(Path.of(a));
            }
        }
        if (paths.isEmpty() || paths.stream().anyMatch(p -> !Files.exists(p))) {
            out.println("intel-import: usage: intel-import " + usage());
            return 2;
        }
        return SystemIdentity.run("intel-import", () -> {
            for (Path p : paths) {
                IntelImporter.Summary s;
                try {
                    s = importer.importPath(p, indicators);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.printf("%s: %d files, %d objects (%d added, %d updated, %d unchanged), %d skipped, %d indicators created, %d problems%n", p,
                        s.files(), s.objects(), s.added(), s.updated(), s.unchanged(), s.skipped(), s.indicators(), s.problems().size());
                out.println("  by type: " + s.byType());
                s.problems().stream().limit(10).forEach(x -> out.println("  problem: " + x));
            }
            var c = intel.counts();
            var a = intel.attackCounts();
            out.printf("intel-import: ATT&CK tactics %d techniques %d sub-techniques %d groups %d campaigns %d; all reports %d indicators %d actors %d tools and malware %d%n",
                    a.getOrDefault("x-mitre-tactic", 0L), a.getOrDefault("attack-pattern", 0L), a.getOrDefault("attack-pattern:sub", 0L),
                    a.getOrDefault("intrusion-set", 0L), a.getOrDefault("campaign", 0L), c.getOrDefault("report", 0L), c.getOrDefault("indicator", 0L),
                    c.getOrDefault("intrusion-set", 0L) + c.getOrDefault("threat-actor", 0L), c.getOrDefault("malware", 0L) + c.getOrDefault("tool", 0L));
            return 0;
        });
    }
}
