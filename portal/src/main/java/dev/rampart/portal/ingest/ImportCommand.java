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
import org.springframework.stereotype.Component;

/**
 * {@code import --table TABLE FILE...}: loads NDJSON files in the native hunting schema ({@code -} reads stdin,
 * {@code .gz} files are decompressed). Validation is the API's; each file is one all-or-nothing batch, so a
 * rejected file can be fixed and imported again without duplicates while the other files are kept. Errors are
 * printed as {@code file:line: field: message}. Runs against a stopped portal's data directory (DuckDB admits
 * one writing process).
 */
@Component
class ImportCommand implements Command {
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

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
                + " table ('-' = stdin, .gz decompressed), or source-format JSON lines (.gz, .zip too) into the tables their mapping names";
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
        long rows = 0;
        int rejected = 0;
        for (String f : files) {
            try {
                rows += importFile(t, f, out);
            } catch (InvalidEventsException e) {
                rejected++;
                for (IngestError err : e.errors()) {
                    out.println(f + ":" + err.line() + ": " + (err.field() == null ? "" : err.field() + ": ") + err.message());
                }
                if (e.errorCount() > e.errors().size()) {
                    out.println(f + ": ... " + (e.errorCount() - e.errors().size()) + " more errors not shown");
                }
                out.println("import: " + f + " rejected: " + e.rejectedLines() + " of " + e.totalLines()
                        + " lines invalid; nothing stored from this file");
            } catch (IOException | EventStoreException e) {
                rejected++;
                out.println("import: " + f + " failed: " + e.getMessage() + "; nothing stored from this file");
            }
        }
        store.checkpoint();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "import: %d rows into %s from %d file%s in %.1f s (%.0f rows/s)%s%n",
                rows, t.name(), files.size() - rejected, files.size() - rejected == 1 ? "" : "s", seconds,
                seconds > 0 ? rows / seconds : 0.0, rejected == 0 ? "" : "; " + rejected + " of " + files.size() + " files rejected");
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

    private long importFile(Table t, String f, PrintStream out) throws IOException {
        long size = f.equals("-") ? -1 : Files.size(Path.of(f));
        try (InputStream raw = f.equals("-") ? System.in : Files.newInputStream(Path.of(f))) {
            LimitedInputStream counted = new LimitedInputStream(new BufferedInputStream(raw, 1 << 16), Long.MAX_VALUE, f);
            InputStream in = f.endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
            long[] lastReport = {System.nanoTime()};
            long rows = ingestor.ingest(t.name(), in, (lines, valid) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= PROGRESS_INTERVAL_NANOS) {
                    lastReport[0] = now;
                    String share = size > 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * counted.count() / size) : "";
                    out.printf(Locale.ROOT, "import: %s: %,d lines read%s%n", f, lines, share);
                }
            });
            audit.recordAs(actor(), "events.import", "table", t.name(), rows + " events imported from " + f);
            return rows;
        }
    }

    private static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
