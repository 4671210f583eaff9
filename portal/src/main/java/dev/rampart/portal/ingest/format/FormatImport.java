package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.EventStoreException;
import dev.rampart.portal.ingest.IngestError;
import dev.rampart.portal.ingest.ProgressBar;
import dev.rampart.portal.ingest.InvalidEventsException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The {@code import --format NAME} path: files of a source format, plain, {@code .gz} or {@code .zip} (every
 * {@code .json}/{@code .ndjson}/{@code .log}/{@code .txt} entry is one batch). Each batch is all-or-nothing;
 * a {@link ProgressBar} shows the share of each file read (its compressed bytes); skipped lines are summarised by
 * reason. Used by the ingest package's {@code import} command.
 */
public final class FormatImport {
    private final EventStore store;
    private final BiConsumer<String, String> audit;

    /** @param audit called with (target, details) once per stored batch */
    public FormatImport(EventStore store, BiConsumer<String, String> audit) {
        this.store = store;
        this.audit = audit;
    }

    /** @return the exit code: 0 all files stored, 1 some rejected */
    public int run(EventFormat format, Table only, List<String> files, PrintStream out) {
        long t0 = System.nanoTime();
        Totals totals = new Totals();
        int rejected = 0;
        int batches = 0;
        for (String f : files) {
            boolean stdin = f.equals("-");
            try {
                long size = stdin ? -1 : Files.size(Path.of(f));
                // One bar per file over its compressed bytes: a zip's entries and a .gz advance it alike.
                Counting counted = new Counting(stdin ? System.in : Files.newInputStream(Path.of(f)));
                Progress p = new Progress(ProgressBar.of(out, f, size), counted);
                try (InputStream raw = new BufferedInputStream(counted, 1 << 16)) {
                    if (f.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                        ZipInputStream zip = new ZipInputStream(raw);
                        ZipEntry entry;
                        while ((entry = zip.getNextEntry()) != null) {
                            String n = entry.getName().toLowerCase(Locale.ROOT);
                            if (entry.isDirectory() || !(n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".log") || n.endsWith(".txt"))) {
                                p.bar.breakLine();
                                out.println("import: " + f + "!" + entry.getName() + ": not a JSON lines entry, not read");
                                continue;
                            }
                            batches++;
                            if (!batch(format, only, f + "!" + entry.getName(), nonClosing(zip), p, out, totals)) {
                                rejected++;
                            }
                        }
                    } else {
                        batches++;
                        try (InputStream in = f.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
                            if (!batch(format, only, f, in, p, out, totals)) {
                                rejected++;
                            }
                        }
                    }
                }
                p.bar.finish(counted.count, p.linesBefore);
            } catch (IOException | EventStoreException e) {
                rejected++;
                out.println("import: " + f + " failed: " + e.getMessage() + "; nothing stored from it");
            }
        }
        store.checkpoint();
        double s = (System.nanoTime() - t0) / 1e9;
        totals.skippedByReason.forEach((reason, n) -> out.printf(Locale.ROOT, "import: skipped %,d: %s%n", n, reason));
        out.printf(Locale.ROOT, "import: %d %s events as %d rows %s from %d of %d batches, %d lines skipped with a reason, in %.1f s (%.0f events/s)%n",
                totals.events, format.name(), totals.rows, totals.rowsByTable, batches - rejected, batches, totals.skipped, s,
                s > 0 ? totals.events / s : 0.0);
        return rejected == 0 ? 0 : 1;
    }

    /** A file's bar, its byte counter, and the lines of its earlier batches (zip entries). */
    private static final class Progress {
        final ProgressBar bar;
        final Counting counted;
        long linesBefore;

        Progress(ProgressBar bar, Counting counted) {
            this.bar = bar;
            this.counted = counted;
        }
    }

    private boolean batch(EventFormat format, Table only, String label, InputStream in, Progress p, PrintStream out, Totals totals) {
        try {
            FormatIngestor.Result r = new FormatIngestor(store).ingest(format, in, only,
                    (lines, stored) -> p.bar.update(p.counted.count, p.linesBefore + lines));
            p.linesBefore += r.lines();
            p.bar.breakLine();
            out.printf(Locale.ROOT, "import: %s: %d lines, %d events stored as %d rows %s, %d skipped%n", label, r.lines(), r.events(),
                    r.rows(), r.rowsByTable(), r.skipped());
            totals.add(r);
            audit.accept(only == null ? EventFormats.AUTO_TABLE : only.name(),
                    r.events() + " " + format.name() + " events imported from " + label + " as " + r.rows() + " rows, " + r.skipped() + " skipped");
            return true;
        } catch (InvalidEventsException e) {
            p.linesBefore += e.totalLines();
            p.bar.breakLine();
            for (IngestError err : e.errors()) {
                out.println(label + ":" + err.line() + ": " + (err.field() == null ? "" : err.field() + ": ") + err.message());
            }
            if (e.errorCount() > e.errors().size()) {
                out.println(label + ": ... " + (e.errorCount() - e.errors().size()) + " more errors not shown");
            }
            out.println("import: " + label + " rejected: " + e.rejectedLines() + " of " + e.totalLines() + " lines invalid; nothing stored from it");
            return false;
        }
    }

    private static final class Totals {
        long events;
        long rows;
        long skipped;
        final Map<String, Long> rowsByTable = new TreeMap<>();
        final Map<String, Long> skippedByReason = new TreeMap<>();

        void add(FormatIngestor.Result r) {
            events += r.events();
            rows += r.rows();
            skipped += r.skipped();
            r.rowsByTable().forEach((k, v) -> rowsByTable.merge(k, v, Long::sum));
            r.skippedByReason().forEach((k, v) -> skippedByReason.merge(k, v, Long::sum));
        }
    }

    /** Counts bytes read (compressed bytes for .gz: the share of the file read). */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Zip entries are read one after another from one stream: closing an entry's reader must not close the zip. */
    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
