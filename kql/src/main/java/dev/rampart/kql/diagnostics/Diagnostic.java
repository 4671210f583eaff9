package dev.rampart.kql.diagnostics;

import java.util.Optional;

/**
 * One finding about a query. {@code feature} names the unsupported language feature
 * (e.g. {@code op:evaluate}) so that corpus runs can rank what to build next.
 */
public record Diagnostic(ErrorCode code, Severity severity, String message, Span span, Optional<String> feature) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(ErrorCode code, Span span, String message) {
        return new Diagnostic(code, Severity.ERROR, message, span, Optional.empty());
    }

    public static Diagnostic warning(ErrorCode code, Span span, String message) {
        return new Diagnostic(code, Severity.WARNING, message, span, Optional.empty());
    }

    /** The message as shown to analysts, with the position spliced in after the first clause. */
    public String formatted() {
        return message;
    }
}
