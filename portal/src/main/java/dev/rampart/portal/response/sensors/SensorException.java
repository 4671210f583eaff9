package dev.rampart.portal.response.sensors;

/** A sensor protocol or enrolment error naming the field, with the HTTP status to answer. */
public class SensorException extends RuntimeException {
    private final String field;
    private final int status;

    public SensorException(String field, String message, int status) {
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
