package dev.rampart.portal.ingest;

/** The request body cannot be read as NDJSON at all (unsupported or corrupt content encoding); nothing was stored. */
public class IngestRequestException extends RuntimeException {
    public enum Kind { UNSUPPORTED_ENCODING, CORRUPT_ENCODING }

    private final Kind kind;

    public IngestRequestException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
