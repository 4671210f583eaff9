package dev.rampart.portal.events;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns "database locked by another process" start-up failures into a plain explanation. DuckDB and the H2
 * file database each admit one process, so a batch command such as {@code import} cannot run while the
 * portal is using the same data directory.
 */
class DataDirInUseFailureAnalyzer implements FailureAnalyzer {
    /** H2's "Database may be already in use". */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            boolean duckDbLock = message.contains("Could not set lock on file");
            boolean h2Lock = t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN;
            if (duckDbLock || h2Lock) {
                return new FailureAnalysis(
                        "The data directory is in use by another process (probably the running portal): " + firstLine(message),
                        "Stop the portal before running a batch command such as 'import' on its data directory, "
                                + "or point RAMPART_DATA_DIR at another directory. DuckDB and H2 admit one process per database file.",
                        failure);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
