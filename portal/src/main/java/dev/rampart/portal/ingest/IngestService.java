package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Event ingestion over HTTP and the table inventory; see {@link EventIngestor} for validation and batch policy. */
@Service
public class IngestService {
    private final EventStore store;
    private final EventIngestor ingestor;
    private final AuditLog audit;
    private final long maxBytes;
    private final Path spoolDir;
    private final java.util.List<dev.rampart.portal.detection.IngestListener> listeners;

    IngestService(EventStore store, RampartProperties props, AuditLog audit,
                  java.util.List<dev.rampart.portal.detection.IngestListener> listeners) {
        this.store = store;
        this.listeners = listeners;
        this.ingestor = new EventIngestor(store);
        this.audit = audit;
        this.maxBytes = props.ingestMaxBytes().toBytes();
        this.spoolDir = props.dataDir().resolve("ingest.tmp");
    }

    /** The outcome of a stored batch. */
    public record IngestResult(String table, long accepted) {
    }

    /** One hunting table with the workload feeding it and its current row count. */
    public record TableInfo(String name, String workload, long rows) {
    }

    /**
     * Stores one NDJSON batch for {@code table}; returns after the rows are committed, and audits the batch.
     *
     * @param contentLength   the declared body length, or -1 if unknown (chunked)
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @throws UnknownTableException    before reading anything
     * @throws PayloadTooLargeException if the declared or actual size exceeds {@code rampart.ingest-max-bytes}
     * @throws InvalidEventsException   if any line is invalid (nothing stored)
     * @throws IngestRequestException   if the body encoding is unsupported or corrupt
     */
    @org.springframework.security.access.prepost.PreAuthorize(dev.rampart.portal.access.Perms.SYSTEM_SETTINGS_MANAGE)
    public IngestResult ingest(String table, InputStream body, long contentLength, String contentEncoding) throws IOException {
        Table t = ingestor.resolve(table);
        if (contentLength > maxBytes) {
            throw new PayloadTooLargeException("request body of " + contentLength + " bytes", maxBytes);
        }
        try (SpooledBody spool = SpooledBody.read(body, contentEncoding, maxBytes, spoolDir)) {
            long accepted;
            try (InputStream in = spool.open()) {
                accepted = ingestor.ingest(t.name(), in, EventIngestor.Progress.NONE);
            }
            audit.record("events.ingest", "table", t.name(), accepted + " events stored from " + spool.size() + " bytes of NDJSON");
            listeners.forEach(l -> l.batchStored(t.name(), accepted));
            return new IngestResult(t.name(), accepted);
        }
    }

    // --- Source formats (?format=, package ingest.format): spooling and limits as above, mapping by the format. ---

    /** The outcome of a stored batch in a source format; {@code table} is the requested table or {@code auto}. */
    public record FormatIngestResult(String format, String table, long lines, long accepted, long rows,
                                     Map<String, Long> rowsByTable, long skipped, Map<String, Long> skippedByReason,
                                     List<IngestError> skippedLines) {
    }

    /**
     * Stores one batch of JSON lines in {@code format}; {@code table} is {@code auto} (each event goes to the table its
     * mapping names) or a hunting table (events mapping elsewhere are skipped with a reason). Same size limit,
     * encodings, all-or-nothing policy and audit as {@link #ingest}; skipped lines do not fail the batch.
     */
    @org.springframework.security.access.prepost.PreAuthorize(dev.rampart.portal.access.Perms.SYSTEM_SETTINGS_MANAGE)
    public FormatIngestResult ingest(EventFormat format, String table, InputStream body, long contentLength, String contentEncoding)
            throws IOException {
        Table only = EventFormats.AUTO_TABLE.equalsIgnoreCase(table) ? null : ingestor.resolve(table);
        if (contentLength > maxBytes) {
            throw new PayloadTooLargeException("request body of " + contentLength + " bytes", maxBytes);
        }
        try (SpooledBody spool = SpooledBody.read(body, contentEncoding, maxBytes, spoolDir)) {
            FormatIngestor.Result r;
            try (InputStream in = spool.open()) {
                r = new FormatIngestor(store).ingest(format, in, only, FormatIngestor.Progress.NONE);
            }
            String target = only == null ? EventFormats.AUTO_TABLE : only.name();
            audit.record("events.ingest", "table", target, r.events() + " " + format.name() + " events stored as " + r.rows()
                    + " rows " + r.rowsByTable() + ", " + r.skipped() + " skipped, from " + spool.size() + " bytes");
            r.rowsByTable().forEach((tableName, rows) -> listeners.forEach(l -> l.batchStored(tableName, rows)));
            return new FormatIngestResult(format.name(), target, r.lines(), r.events(), r.rows(), r.rowsByTable(), r.skipped(),
                    r.skippedByReason(), r.skippedLines());
        }
    }

    /** Every hunting table in schema order with its row count. */
    @org.springframework.security.access.prepost.PreAuthorize(dev.rampart.portal.access.Perms.SECURITY_DATA_READ)
    public List<TableInfo> tables() {
        Map<String, Long> counts = store.rowCounts();
        List<TableInfo> out = new ArrayList<>(counts.size());
        for (Table t : store.schema().tables()) {
            out.add(new TableInfo(t.name(), t.workload(), counts.getOrDefault(t.name(), 0L)));
        }
        return out;
    }
}
