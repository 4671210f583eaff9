package dev.rampart.kql.diagnostics;

import java.util.Optional;

/** The only exception the compiler lets escape: it always carries a positioned diagnostic. */
public final class KqlException extends RuntimeException {
    private final Diagnostic diagnostic;

    public KqlException(Diagnostic diagnostic) {
        this(diagnostic, null);
    }

    /** Stack traces are skipped: a diagnostic is an expected outcome, not a defect (unless a cause is given). */
    public KqlException(Diagnostic diagnostic, Throwable cause) {
        super(diagnostic.message(), cause, false, cause != null);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    public ErrorCode code() {
        return diagnostic.code();
    }

    public Span span() {
        return diagnostic.span();
    }

    /** E.g. "Unknown column 'DeviceNmae' (line 2, column 9). Did you mean 'DeviceName'?" */
    public static KqlException at(ErrorCode code, Span span, String what, String hint) {
        String msg = what + " (" + span.where() + ")." + (hint == null || hint.isEmpty() ? "" : " " + hint);
        return new KqlException(Diagnostic.error(code, span, msg));
    }

    public static KqlException at(ErrorCode code, Span span, String what) {
        return at(code, span, what, null);
    }

    /**
     * A query the compiler cannot translate as written, for a reason it states in {@code what}
     * (e.g. output columns only known at run time), with the rewrite that would compile in {@code hint}.
     */
    public static KqlException cannot(Span span, String feature, String what, String hint) {
        String msg = what + " (" + span.where() + ")." + (hint == null || hint.isEmpty() ? "" : " " + hint);
        return new KqlException(new Diagnostic(ErrorCode.UNSUPPORTED, Diagnostic.Severity.ERROR, msg, span,
                Optional.of(feature)));
    }

    /** A language feature the compiler does not translate yet; {@code feature} is a short tag like {@code op:evaluate}. */
    public static KqlException unsupported(Span span, String feature, String what) {
        String msg = what + " is not supported yet (" + span.where() + ").";
        return new KqlException(new Diagnostic(ErrorCode.UNSUPPORTED, Diagnostic.Severity.ERROR, msg, span,
                Optional.of(feature)));
    }
}
