package dev.rampart.kql.diagnostics;

/** Stable identifiers for every problem the compiler reports; the portal may key help pages on them. */
public enum ErrorCode {
    LEX_ERROR,
    SYNTAX_ERROR,
    UNKNOWN_TABLE,
    UNKNOWN_COLUMN,
    UNKNOWN_FUNCTION,
    UNKNOWN_NAME,
    TYPE_MISMATCH,
    WRONG_ARGUMENTS,
    UNSUPPORTED,
    LIMIT_EXCEEDED,
    DEPRECATED,
    /** A defect in the compiler itself; the query may be fine. */
    INTERNAL
}
