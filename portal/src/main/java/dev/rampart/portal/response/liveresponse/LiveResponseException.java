package dev.rampart.portal.response.liveresponse;

/** A refused live response request: the field (or command-line column) at fault, the reason, and the HTTP status it maps to. */
public class LiveResponseException extends RuntimeException {
    private final String field;
    private final int status;

    public LiveResponseException(String field, String message, int status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public LiveResponseException(String field, String message) {
        this(field, message, 400);
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
