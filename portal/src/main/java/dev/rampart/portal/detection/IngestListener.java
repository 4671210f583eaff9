package dev.rampart.portal.detection;

/**
 * Told about every committed ingest batch so that near-real-time detections can evaluate the new events. The ingest
 * code calls {@link #batchStored} after the batch's transaction commits; implementations must return quickly.
 */
public interface IngestListener {
    /** {@code rows} rows were committed to hunting table {@code table}. */
    void batchStored(String table, long rows);
}
