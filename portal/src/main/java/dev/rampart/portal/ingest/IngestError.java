package dev.rampart.portal.ingest;

/**
 * Why one line of an NDJSON batch was rejected.
 *
 * @param line    1-based physical line number in the body or file
 * @param field   the column the problem is about, or {@code null} for line-level problems (bad JSON)
 * @param message what was expected and what was found
 */
public record IngestError(long line, String field, String message) {
}
