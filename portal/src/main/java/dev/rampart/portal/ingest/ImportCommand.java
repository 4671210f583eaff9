package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.EventStoreException;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatImport;
import dev.rampart.portal.ingest.format.UnknownFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.stereotype.Component;

/**
 * {@code import --table TABLE FILE...}: loads NDJSON files in the native hunting schema ({@code -} reads stdin,
 * {@code .gz} files are decompressed, each JSON lines entry of a {@code .zip} is read). Validation is the API's; each
 * file (zip entry) is one all-or-nothing batch, so a rejected file can be fixed and imported again without duplicates
 * while the other files are kept. A {@link ProgressBar} shows each file's progress. Errors are
 * printed as {@code file:line: field: message}. Runs against a stopped portal's data directory (DuckDB admits
 * one writing process).
 */
@Component
class ImportCommand implements Command {
    private final EventStore store;
    private final EventIngestor ingestor;
    private final AuditLog audit;

    private final EventFormats formats;

    ImportCommand(EventStore store, AuditLog audit, EventFormats formats) {
        this.formats = formats;
        this.store = store;
        this.ingestor = new EventIngestor(store);
        this.audit = audit;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String usage() {
        return "--table TABLE FILE... | --format windows|sysmon|defender-export [--table TABLE] FILE...  load NDJSON files into a hunting"
                + " table ('-' = stdin; .gz and .zip read), or source-format JSON lines into the tables their mapping names, with a progress bar";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        String table = null;
        String format = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--table") && i + 1 < args.size()) {
                table = args.get(++i);
            } else if (a.startsWith("--table=")) {
                table = a.substring("--table=".length());
            } else if (a.equals("--format") && i + 1 < args.size()) {
                format = args.get(++i);
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.startsWith("--") ) {
                out.println("import: unknown option " + a + "; usage: import " + usage());
                return 2;
            } else {
                files.add(a);
            }
        }
        // Source formats (package ingest.format): --format windows|sysmon|defender-export, --table optional (auto).
        if (!EventFormats.isNative(format)) {
            return importFormat(format, table, files, out);
        }
        if (table == null || files.isEmpty()) {
            out.println("import: usage: import " + usage());
            return 2;
        }
        Table t;
        try {
            t = ingestor.resolve(table);
        } catch (UnknownTableException e) {
            out.println("import: " + e.getMessage());
            return 2;
        }
        for (String f : files) {
            if (!f.equals("-") && !Files.isReadable(Path.of(f))) {
                out.println("import: cannot read " + f + "; nothing imported");
                return 2;
            }
        }
        long started = System.nanoTime();
        long[] rows = {0};
        int rejected = 0;
        int batches = 0;
        for (String f : files) {
            try {
                int[] counts = importFile(t, f, rows, out);
                batches += counts[0];
                rejected += counts[1];
            } catch (IOException | EventStoreException e) {
                batches++;
                rejected++;
                out.println("import: " + f + " failed: " + e.getMessage() + "; nothing stored from this file");
            }
        }
        store.checkpoint();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "import: %d rows into %s from %d file%s in %.1f s (%.0f rows/s)%s%n",
                rows[0], t.name(), batches - rejected, batches - rejected == 1 ? "" : "s", seconds,
                seconds > 0 ? rows[0] / seconds : 0.0, rejected == 0 ? "" : "; " + rejected + " of " + batches + " files rejected");
        return rejected == 0 ? 0 : 1;
    }

    private int importFormat(String format, String table, List<String> files, PrintStream out) {
        EventFormat f;
        Table only;
        try {
            f = formats.require(format);
            only = table == null || EventFormats.AUTO_TABLE.equalsIgnoreCase(table) ? null : ingestor.resolve(table);
        } catch (UnknownFormatException | UnknownTableException e) {
            out.println("import: " + e.getMessage());
            return 2;
        }
        if (files.isEmpty()) {
            out.println("import: usage: import " + usage());
            return 2;
        }
        for (String file : files) {
            if (!file.equals("-") && !Files.isReadable(Path.of(file))) {
                out.println("import: cannot read " + file + "; nothing imported");
                return 2;
            }
        }
        return new FormatImport(store, (target, details) -> audit.recordAs(actor(), "events.import", "table", target, details))
                .run(f, only, files, out);
    }

    /**
     * Imports one file (a zip: each JSON lines entry as its own batch) under one progress bar over the file's bytes.
     *
     * @return {batches, rejected batches}
     */
    private int[] importFile(Table t, String f, long[] rows, PrintStream out) throws IOException {
        long size = f.equals("-") ? -1 : Files.size(Path.of(f));
        int batches = 0;
        int rejected = 0;
        try (InputStream raw = f.equals("-") ? System.in : Files.newInputStream(Path.of(f))) {
            LimitedInputStream counted = new LimitedInputStream(new BufferedInputStream(raw, 1 << 16), Long.MAX_VALUE, f);
            ProgressBar bar = ProgressBar.of(out, f, size);
            long[] linesBefore = {0};
            if (f.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(counted);
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    String n = entry.getName().toLowerCase(Locale.ROOT);
                    if (entry.isDirectory() || !(n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".log") || n.endsWith(".txt"))) {
                        bar.breakLine();
                        out.println("import: " + f + "!" + entry.getName() + ": not a JSON lines entry, not read");
                        continue;
                    }
                    batches++;
                    rejected += batch(t, f + "!" + entry.getName(), new java.io.FilterInputStream(zip) {
                        @Override
                        public void close() {
                            // The next entry is read from the same stream.
                        }
                    }, counted, bar, linesBefore, rows, out) ? 0 : 1;
                }
            } else {
                batches++;
                InputStream in = f.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
                rejected += batch(t, f, in, counted, bar, linesBefore, rows, out) ? 0 : 1;
            }
            bar.finish(counted.count(), linesBefore[0]);
        }
        return new int[] {batches, rejected};
    }

    /** One all-or-nothing batch; false when it was rejected (its errors printed). */
    private boolean batch(Table t, String label, InputStream in, LimitedInputStream counted, ProgressBar bar, long[] linesBefore, long[] rows,
                          PrintStream out) {
        try {
            long before = linesBefore[0];
            long[] seen = {0};
            long stored = ingestor.ingest(t.name(), in, (lines, valid) -> {
                seen[0] = lines;
                bar.update(counted.count(), before + lines);
            });
            linesBefore[0] = before + Math.max(seen[0], stored);
            rows[0] += stored;
            audit.recordAs(actor(), "events.import", "table", t.name(), stored + " events imported from " + label);
            return true;
        } catch (InvalidEventsException e) {
            linesBefore[0] += e.totalLines();
            bar.breakLine();
            for (IngestError err : e.errors()) {
                out.println(label + ":" + err.line() + ": " + (err.field() == null ? "" : err.field() + ": ") + err.message());
            }
            if (e.errorCount() > e.errors().size()) {
                out.println(label + ": ... " + (e.errorCount() - e.errors().size()) + " more errors not shown");
            }
            out.println("import: " + label + " rejected: " + e.rejectedLines() + " of " + e.totalLines()
                    + " lines invalid; nothing stored from this file");
            return false;
        }
    }

    private static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
