package dev.rampart.portal.response.investigation;

/** A request about investigations that cannot be served; {@code field} names the input at fault, {@code status} the HTTP status. */
public class InvestigationException extends RuntimeException {
    private final String field;
    private final int status;

    public InvestigationException(String field, String message, int status) {
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
