package dev.rampart.portal.response.submissions;

/** A rejected submission request: the field at fault and the HTTP status to answer with. */
public class SubmissionException extends RuntimeException {
    private final String field;
    private final int status;

    public SubmissionException(String field, String message, int status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
