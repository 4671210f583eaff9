package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.events.EventStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * {@code bench-ingest [rows]}: measures, in one run and on the same generated {@code DeviceProcessEvents}
 * rows, the raw DuckDB appender rate (rows already as Java values, one transaction) against the full NDJSON
 * path (bytes → {@link RowDecoder} validation → appender, one transaction), and prints the ratio. Both use
 * fresh event stores in a temporary directory, never the portal's data. A short warm-up of both paths runs
 * first so that neither measurement pays for JIT compilation. {@code --format=NAME} compares one source-format mapper
 * with the native path; {@code --mappers} does so for every mapper and input shape (Sysmon as winlogbeat, NXLog and
 * OTRF write it, Security 4688, Defender streaming export), all written from the same processes.
 */
@Component
class BenchIngestCommand implements Command {
    static final String TABLE = "DeviceProcessEvents";
    static final double TARGET = 0.50;

    private final RampartProperties props;

    BenchIngestCommand(RampartProperties props) {
        this.props = props;
    }

    @Override
    public String name() {
        return "bench-ingest";
    }

    @Override
    public String usage() {
        return "[rows] [--format=windows | --mappers]  NDJSON ingest throughput against the raw DuckDB appender (default 500000 rows),"
                + " or a source-format mapper (--mappers: each of them) against the native NDJSON path";
    }

    /** Both rates in rows per second. */
    record Result(double ndjsonRowsPerSecond, double appenderRowsPerSecond, long ndjsonBytes) {
        double ratio() {
            return ndjsonRowsPerSecond / appenderRowsPerSecond;
        }
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        String format = args.stream().filter(a -> a.startsWith("--format=")).map(a -> a.substring(9)).findFirst().orElse(null);
        List<String> rest = args.stream().filter(a -> !a.startsWith("--")).toList();
        int rows = rest.isEmpty() ? 500_000 : Integer.parseInt(rest.get(0).replace("_", ""));
        if (rows <= 0) {
            out.println("bench-ingest: rows must be positive");
            return 2;
        }
        if (args.contains("--mappers")) {
            List<MapperRate> rates = measureMappers(rows, out);
            double nativeRate = rates.get(0).nativeRowsPerSecond();
            StringBuilder summary = new StringBuilder();
            for (MapperRate m : rates) {
                out.printf(Locale.ROOT, "bench-ingest: %-17s %,9.0f events/s vs native ndjson %,9.0f rows/s = ratio %.2f (%,d bytes/event)%n",
                        m.shape(), m.eventsPerSecond(), m.nativeRowsPerSecond(), m.eventsPerSecond() / m.nativeRowsPerSecond(), m.bytesPerEvent());
                summary.append(summary.length() == 0 ? "" : ", ").append(m.shape()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", m.eventsPerSecond() / m.nativeRowsPerSecond()));
            }
            out.printf(Locale.ROOT, "bench-ingest: mappers vs native ndjson %.0f rows/s: %s%n", nativeRate, summary);
            return 0;
        }
        if (format != null) {
            if (!format.equals("windows") && !format.equals("sysmon")) {
                out.println("bench-ingest: --format supports windows|sysmon (the mapper with generated input)");
                return 2;
            }
            double[] rates = measureFormat(rows, format, out);
            out.printf(Locale.ROOT, "bench-ingest: %s %.0f events/s vs native ndjson %.0f rows/s = %.1f%%%n",
                    format, rates[0], rates[1], 100 * rates[0] / rates[1]);
            return 0;
        }
        Result r = measure(rows, out);
        out.printf(Locale.ROOT, "bench-ingest: ndjson %.0f rows/s vs appender %.0f rows/s = %.1f%% (target >= %.0f%%)%n",
                r.ndjsonRowsPerSecond(), r.appenderRowsPerSecond(), 100 * r.ratio(), 100 * TARGET);
        return 0;
    }

    Result measure(int rows, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("rampart-bench-ingest");
        try {
            Table table = dev.rampart.kql.schema.HuntingSchema.get().table(TABLE).orElseThrow();
            out.printf(Locale.ROOT, "bench-ingest: generating %d %s rows%n", rows, TABLE);
            List<Object[]> data = generate(table, rows);
            Path ndjson = dir.resolve("events.ndjson");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 16)) {
                ProcessEventSample.writeNdjson(table, data, o);
            }
            long bytes = Files.size(ndjson);
            out.printf(Locale.ROOT, "bench-ingest: NDJSON %.1f MB (%d bytes/row)%n", bytes / 1e6, bytes / rows);

            int warm = Math.min(rows, 20_000);
            appender(dir.resolve("warm-a"), table, data.subList(0, warm));
            ndjson(dir.resolve("warm-n"), ndjson, warm);

            double appenderSeconds = appender(dir.resolve("appender"), table, data);
            out.printf(Locale.ROOT, "bench-ingest: appender %d rows in %.2f s%n", rows, appenderSeconds);
            data = null;
            System.gc();
            double ndjsonSeconds = ndjson(dir.resolve("ndjson"), ndjson, Long.MAX_VALUE);
            out.printf(Locale.ROOT, "bench-ingest: ndjson   %d rows in %.2f s (%.0f MB/s)%n", rows, ndjsonSeconds, bytes / 1e6 / ndjsonSeconds);
            return new Result(rows / ndjsonSeconds, rows / appenderSeconds, bytes);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One mapper's rate and the native rate it is compared with (measured in the same run, just before it). */
    record MapperRate(String shape, double eventsPerSecond, double nativeRowsPerSecond, long bytesPerEvent) {
    }

    /**
     * Every source-format mapper on the same generated processes, each shape written to a file first; native NDJSON
     * is measured again before each mapper so a drifting machine (shared CPU) moves both sides of a ratio alike.
     */
    List<MapperRate> measureMappers(int rows, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("rampart-bench-mappers");
        try {
            Table table = dev.rampart.kql.schema.HuntingSchema.get().table(TABLE).orElseThrow();
            List<Object[]> data = generate(table, rows);
            Path ndjson = dir.resolve("events.ndjson");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 16)) {
                ProcessEventSample.writeNdjson(table, data, o);
            }
            List<BenchFormatSample.Shape> shapes = List.of(BenchFormatSample.Shape.values());
            List<Path> files = new ArrayList<>();
            for (BenchFormatSample.Shape shape : shapes) {
                Path f = dir.resolve("events." + shape.label + ".json");
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                    BenchFormatSample.write(shape, table, data, ndjson, o);
                }
                files.add(f);
            }
            data = null;
            var formats = new dev.rampart.portal.ingest.format.EventFormats();
            int warm = Math.min(rows, 20_000);
            ndjson(dir.resolve("warm-n"), ndjson, warm);
            for (int i = 0; i < shapes.size(); i++) {
                formatPath(dir.resolve("warm-" + i), files.get(i), formats.require(shapes.get(i).format), warm);
            }
            List<MapperRate> out2 = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                double nativeSeconds = ndjson(dir.resolve("native-" + i), ndjson, Long.MAX_VALUE);
                double seconds = formatPath(dir.resolve("format-" + i), files.get(i), formats.require(shapes.get(i).format), Long.MAX_VALUE);
                out.printf(Locale.ROOT, "bench-ingest: native %d rows in %.2f s; %s %d events in %.2f s%n", rows, nativeSeconds, shapes.get(i).label,
                        rows, seconds);
                out2.add(new MapperRate(shapes.get(i).label, rows / seconds, rows / nativeSeconds, Files.size(files.get(i)) / rows));
            }
            return out2;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {events/s through the format mapper, rows/s through native NDJSON} on the same processes. */
    double[] measureFormat(int rows, String formatName, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("rampart-bench-format");
        try {
            Table table = dev.rampart.kql.schema.HuntingSchema.get().table(TABLE).orElseThrow();
            List<Object[]> data = generate(table, rows);
            Path ndjson = dir.resolve("events.ndjson");
            Path source = dir.resolve("events." + formatName + ".json");
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 16)) {
                ProcessEventSample.writeNdjson(table, data, o);
            }
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(source), 1 << 16)) {
                BenchFormatSample.writeSysmon(table, data, o);
            }
            data = null;
            var format = new dev.rampart.portal.ingest.format.EventFormats().require(formatName);
            int warm = Math.min(rows, 20_000);
            ndjson(dir.resolve("warm-n"), ndjson, warm);
            formatPath(dir.resolve("warm-f"), source, format, warm);
            double nativeSeconds = ndjson(dir.resolve("native"), ndjson, Long.MAX_VALUE);
            double formatSeconds = formatPath(dir.resolve("format"), source, format, Long.MAX_VALUE);
            out.printf(Locale.ROOT, "bench-ingest: native %d rows in %.2f s; %s %d events in %.2f s%n", rows, nativeSeconds,
                    formatName, rows, formatSeconds);
            return new double[] {rows / formatSeconds, rows / nativeSeconds};
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private double formatPath(Path dir, Path file, dev.rampart.portal.ingest.format.EventFormat format, long maxLines) throws Exception {
        EventStore store = open(dir);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream source = maxLines == Long.MAX_VALUE ? in : new FirstLines(in, maxLines);
            long t0 = System.nanoTime();
            var r = new dev.rampart.portal.ingest.format.FormatIngestor(store).ingest(format, source, null,
                    dev.rampart.portal.ingest.format.FormatIngestor.Progress.NONE);
            if (r.events() == 0 || r.skipped() > 0) {
                // A skipped line costs less than a stored one: the rate would flatter the mapper.
                throw new IllegalStateException("the " + format.name() + " mapper stored " + r.events() + " events and skipped " + r.skipped()
                        + ": " + r.skippedByReason());
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            store.close();
        }
    }

    private static List<Object[]> generate(Table table, int rows) {
        ProcessEventSample sample = new ProcessEventSample(table, 42, LocalDateTime.of(2026, 1, 5, 8, 0));
        List<Object[]> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(sample.next());
        }
        return data;
    }

    private EventStore open(Path dir) {
        return new EventStore(new RampartProperties(dir, props.retentionDays(), props.duckdbMemory(), props.duckdbThreads(), props.ingestMaxBytes()));
    }

    private double appender(Path dir, Table table, List<Object[]> data) {
        EventStore store = open(dir);
        try {
            long t0 = System.nanoTime();
            store.write(session -> {
                var a = session.appender(table.name());
                for (Object[] row : data) {
                    a.append(row);
                }
                return null;
            });
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            store.close();
        }
    }

    private double ndjson(Path dir, Path file, long maxLines) throws Exception {
        EventStore store = open(dir);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream source = maxLines == Long.MAX_VALUE ? in : new FirstLines(in, maxLines);
            long t0 = System.nanoTime();
            new EventIngestor(store).ingest(TABLE, source, EventIngestor.Progress.NONE);
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            store.close();
        }
    }

    /** Passes through the first {@code max} lines of a stream (for the warm-up). */
    private static final class FirstLines extends java.io.FilterInputStream {
        private long remaining;

        FirstLines(InputStream in, long max) {
            super(in);
            this.remaining = max;
        }

        @Override
        public int read() throws java.io.IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b == '\n') {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int i = 0;
            for (; i < len; i++) {
                int c = read();
                if (c < 0) {
                    break;
                }
                b[off + i] = (byte) c;
            }
            return i == 0 && len > 0 ? -1 : i;
        }
    }
}
