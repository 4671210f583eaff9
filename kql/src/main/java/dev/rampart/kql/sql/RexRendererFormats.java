package dev.rampart.kql.sql;

/** Text formats KQL prints values in. */
final class RexRendererFormats {
    /** tostring(datetime): ISO 8601 in UTC with a Z. */
    static final String TIMESTAMP = "%Y-%m-%dT%H:%M:%S.%fZ";

    private RexRendererFormats() {
    }
}
