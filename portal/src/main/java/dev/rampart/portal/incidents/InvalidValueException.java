package dev.rampart.portal.incidents;

/** A field of a request to change an alert or incident has a value that is not allowed; names the field. */
public class InvalidValueException extends RuntimeException {
    private final String field;

    public InvalidValueException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
