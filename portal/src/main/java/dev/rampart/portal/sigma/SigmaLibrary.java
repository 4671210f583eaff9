package dev.rampart.portal.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads and compiles Sigma rule files from disk; no Spring, used by the harness commands and the import service. */
public final class SigmaLibrary {
    /** One rule file: the parsed rule (null if unreadable) and its compilation, or why it failed. */
    public record Entry(Path path, SigmaRule rule, SigmaCompiler.Result result) {
        public boolean ok() {
            return result.ok();
        }
    }

    private SigmaLibrary() {
    }

    /**
     * The rule files under {@code dir}: if it has subfolders named {@code rules*} (a SigmaHQ checkout) only those,
     * else every {@code .yml}/{@code .yaml} below it. Sorted by path.
     */
    public static List<Path> ruleFiles(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> top = Files.list(dir)) {
            top.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("rules")).sorted().forEach(roots::add);
        }
        if (roots.isEmpty()) {
            roots.add(dir);
        }
        List<Path> files = new ArrayList<>();
        for (Path r : roots) {
            try (Stream<Path> st = Files.walk(r)) {
                st.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))).forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    public static Entry load(Path file) {
        try {
            SigmaRule rule = SigmaParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            return new Entry(file, rule, SigmaCompiler.compile(rule));
        } catch (SigmaParser.InvalidRuleException e) {
            return new Entry(file, null, SigmaCompiler.Result.fail(e.getMessage()));
        } catch (IOException e) {
            return new Entry(file, null, SigmaCompiler.Result.fail("cannot read: " + e.getMessage()));
        }
    }

    public static List<Entry> loadAll(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Path f : ruleFiles(dir)) {
            out.add(load(f));
        }
        return out;
    }
}
