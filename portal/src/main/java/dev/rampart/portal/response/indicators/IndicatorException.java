package dev.rampart.portal.response.indicators;

/** Invalid indicator input; {@code field} names the offending field (and {@code line} the CSV line, 0 when none). */
public class IndicatorException extends RuntimeException {
    private final String field;
    private final int line;
    private final int status;

    public IndicatorException(String field, String message) {
        this(field, message, 0, 400);
    }

    public IndicatorException(String field, String message, int line, int status) {
        super(message);
        this.field = field;
        this.line = line;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int line() {
        return line;
    }

    public int status() {
        return status;
    }
}
