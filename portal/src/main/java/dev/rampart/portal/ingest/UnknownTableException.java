package dev.rampart.portal.ingest;

/** The named table is not a hunting table; {@link #hint()} is the nearest valid name or {@code null}. */
public class UnknownTableException extends RuntimeException {
    private final String table;
    private final String hint;

    public UnknownTableException(String table, String hint) {
        super("No hunting table named '" + table + "'." + (hint == null ? "" : " Did you mean '" + hint + "'?"));
        this.table = table;
        this.hint = hint;
    }

    public String table() {
        return table;
    }

    public String hint() {
        return hint;
    }
}
