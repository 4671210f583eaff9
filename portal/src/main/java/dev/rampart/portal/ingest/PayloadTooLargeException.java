package dev.rampart.portal.ingest;

/** The request body (or its decompressed content) exceeds {@code rampart.ingest-max-bytes}; nothing was stored. */
public class PayloadTooLargeException extends RuntimeException {
    private final long limit;

    public PayloadTooLargeException(String what, long limit) {
        super(what + " exceeds the limit of " + limit + " bytes (rampart.ingest-max-bytes); split it into smaller batches");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
