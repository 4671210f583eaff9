package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import dev.rampart.portal.ingest.IngestError;
import dev.rampart.portal.ingest.InvalidEventsException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Ingests JSON lines of a source {@link EventFormat}: each line is parsed, mapped to hunting rows and appended,
 * all in one event-store transaction.
 *
 * <p>Every non-blank line ends in exactly one of three outcomes, all counted in the {@link Result}: stored (as one
 * or more rows), <b>skipped</b> with a reason (a well-formed event no hunting table holds, e.g. Sysmon 5 "process
 * terminated"; skipping does not fail the batch), or <b>invalid</b> (bad JSON, not an event of the format, a value
 * that does not fit its column). Invalid lines follow the native batch policy: the whole batch is rolled back and
 * {@link InvalidEventsException} lists the lines, so the sender can fix and resend without duplicates.
 */
public final class FormatIngestor {
    public static final int MAX_REPORTED = 100;

    /** Called every few thousand lines. */
    @FunctionalInterface
    public interface Progress {
        void update(long lines, long stored);

        Progress NONE = (l, s) -> { };
    }

    /**
     * @param lines           non-blank lines read
     * @param events          lines stored (each as one or more rows)
     * @param rowsByTable     rows stored per table
     * @param skipped         lines skipped with a reason
     * @param skippedByReason skipped lines per reason
     * @param skippedLines    the first {@value #MAX_REPORTED} skipped lines with their reason
     */
    public record Result(long lines, long events, Map<String, Long> rowsByTable, long skipped, Map<String, Long> skippedByReason,
                         List<IngestError> skippedLines) {
        public long rows() {
            return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final EventStore store;

    public FormatIngestor(EventStore store) {
        this.store = store;
    }

    /**
     * Reads {@code in} (UTF-8 JSON lines) to its end and commits the mapped rows in one transaction.
     *
     * @param onlyTable store only rows of this table (others are skipped with a reason), or null for every table
     * @throws InvalidEventsException if any line is invalid (nothing stored)
     */
    public Result ingest(EventFormat format, InputStream in, Table onlyTable, Progress progress) {
        return store.write(session -> {
            Batch b = new Batch(format.newMapper(), onlyTable);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                long lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (lineNo == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    b.lines++;
                    try {
                        node = RowShaper.JSON.readTree(line);
                    } catch (JacksonException e) {
                        b.invalid(lineNo, null, "invalid JSON: " + e.getOriginalMessage());
                        continue;
                    }
                    b.event(node, lineNo, session);
                    if (b.lines % 20_000 == 0) {
                        progress.update(b.lines, b.events);
                    }
                }
            }
            if (b.invalid > 0) {
                throw new InvalidEventsException(onlyTable == null ? EventFormats.AUTO_TABLE : onlyTable.name(), b.invalid, b.lines,
                        b.errorCount, b.errors);
            }
            progress.update(b.lines, b.events);
            return new Result(b.lines, b.events, new TreeMap<>(b.rowsByTable), b.skipped, b.skippedByReason, b.skippedLines);
        });
    }

    private static final class Batch {
        final EventMapper mapper;
        final Table onlyTable;
        final Map<String, RowShaper> shapers = new HashMap<>();
        final Map<String, Long> rowsByTable = new LinkedHashMap<>();
        final Map<String, Long> skippedByReason = new TreeMap<>();
        final List<IngestError> skippedLines = new ArrayList<>();
        final List<IngestError> errors = new ArrayList<>();
        long lines;
        long events;
        long skipped;
        long invalid;
        long errorCount;

        Batch(EventMapper mapper, Table onlyTable) {
            this.mapper = mapper;
            this.onlyTable = onlyTable;
        }

        void event(JsonNode node, long lineNo, EventStore.WriteSession session) throws Exception {
            Mapping m = mapper.map(node);
            if (m instanceof Mapping.Invalid inv) {
                invalid(lineNo, inv.field(), inv.message());
            } else if (m instanceof Mapping.Skipped s) {
                skip(lineNo, s.reason());
            } else if (m instanceof Mapping.Rows rows) {
                {
                    List<Object[]> shaped = new ArrayList<>(rows.rows().size());
                    List<String> tables = new ArrayList<>(rows.rows().size());
                    for (Mapping.Row row : rows.rows()) {
                        if (onlyTable != null && !onlyTable.name().equals(row.table())) {
                            skip(lineNo, "maps to " + row.table() + ", not the requested table " + onlyTable.name());
                            return;
                        }
                        RowShaper s = shapers.computeIfAbsent(row.table(), t -> new RowShaper(appender(session, t).table()));
                        RowShaper.Problem p = s.shape(row.values());
                        if (p != null) {
                            invalid(lineNo, p.field(), p.message());
                            return;
                        }
                        shaped.add(s.row().clone());
                        tables.add(row.table());
                    }
                    events++;
                    for (int i = 0; i < shaped.size(); i++) {
                        rowsByTable.merge(tables.get(i), 1L, Long::sum);
                        // Once the batch is known to fail, appending is wasted work: it will be rolled back.
                        if (invalid == 0) {
                            appender(session, tables.get(i)).append(shaped.get(i));
                        }
                    }
                }
            }
        }

        private static TableAppender appender(EventStore.WriteSession session, String table) {
            try {
                return session.appender(table);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot append to " + table + ": " + e.getMessage(), e);
            }
        }

        void skip(long lineNo, String reason) {
            skipped++;
            skippedByReason.merge(reason, 1L, Long::sum);
            if (skippedLines.size() < MAX_REPORTED) {
                skippedLines.add(new IngestError(lineNo, null, reason));
            }
        }

        void invalid(long lineNo, String field, String message) {
            invalid++;
            errorCount++;
            if (errors.size() < MAX_REPORTED) {
                errors.add(new IngestError(lineNo, field, message));
            }
        }
    }
}
