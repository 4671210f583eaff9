package dev.rampart.portal.response;

/** A request the catalogue or the action's state does not allow; {@code field} names the offending input. */
public class ActionException extends RuntimeException {
    private final String field;
    private final int status;

    public ActionException(String field, String message) {
        this(field, message, 400);
    }

    public ActionException(String field, String message, int status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    /** HTTP status to answer with: 400 bad input, 404 unknown action, 409 wrong state. */
    public int status() {
        return status;
    }
}
