package dev.rampart.portal.ingest;

import java.util.List;

/**
 * A batch had invalid lines and was rejected as a whole: nothing of it was stored.
 *
 * @see EventIngestor for the batch policy
 */
public class InvalidEventsException extends RuntimeException {
    private final String table;
    private final long rejectedLines;
    private final long totalLines;
    private final long errorCount;
    private final List<IngestError> errors;

    public InvalidEventsException(String table, long rejectedLines, long totalLines, long errorCount, List<IngestError> errors) {
        super(rejectedLines + " of " + totalLines + " lines rejected");
        this.table = table;
        this.rejectedLines = rejectedLines;
        this.totalLines = totalLines;
        this.errorCount = errorCount;
        this.errors = List.copyOf(errors);
    }

    public String table() {
        return table;
    }

    public long rejectedLines() {
        return rejectedLines;
    }

    /** Non-blank lines read. */
    public long totalLines() {
        return totalLines;
    }

    /** All problems found, of which {@link #errors()} lists the first {@link EventIngestor#MAX_REPORTED_ERRORS}. */
    public long errorCount() {
        return errorCount;
    }

    public List<IngestError> errors() {
        return errors;
    }
}
