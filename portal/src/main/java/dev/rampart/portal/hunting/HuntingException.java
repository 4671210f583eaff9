package dev.rampart.portal.hunting;

/**
 * A hunting run that did not produce results, with what the analyst needs to fix it:
 * the kind of failure, a message, and for query errors the 1-based line and column.
 */
public class HuntingException extends RuntimeException {
    public enum Kind { SYNTAX, SEMANTIC, UNSUPPORTED, TIMEOUT, CANCELLED, EXECUTION, BAD_REQUEST, QUOTA }

    private final Kind kind;
    private final int line;
    private final int column;
    private final int length;
    private final java.time.Duration retryAfter;

    public HuntingException(Kind kind, String message, int line, int column, int length) {
        super(message);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.length = length;
        this.retryAfter = null;
    }

    /** A refusal (quota) that lifts after {@code retryAfter}. */
    public HuntingException(Kind kind, String message, java.time.Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.line = 0;
        this.column = 0;
        this.length = 0;
        this.retryAfter = retryAfter;
    }

    public HuntingException(Kind kind, String message) {
        this(kind, message, 0, 0, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based line of the problem, 0 when it has no position. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public int length() {
        return length;
    }

    /** When a refused run may be tried again; null when waiting does not help. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}
