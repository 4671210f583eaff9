package dev.rampart.kql.udf;

/**
 * A KQL scalar function computed in Java inside the database, for what SQL cannot reasonably spell
 * (cell indexes, geometry, compression, hashes). The signature uses the library notation
 * {@code name args>result} (see {@code analyzer.Library}); Java functions take and return only
 * {@code s} string, {@code l} long, {@code i} int, {@code r} real, {@code b} bool, {@code g} guid (text) and
 * {@code y} dynamic (JSON text), so a body sees {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null.
 *
 * @param signature the KQL name, argument letters and result letter
 * @param body      computes one row; returns null for KQL's null (bad input is null, not an error)
 */
public record JavaFunction(String signature, Body body) {

    /** One row of a Java function: arguments in KQL order, absent optional arguments omitted. */
    @FunctionalInterface
    public interface Body {
        Object apply(Object[] args) throws Exception;
    }

    public String kqlName() {
        return signature.substring(0, signature.indexOf(' '));
    }

    /** The function's name in SQL; prefixed so it can never shadow a DuckDB built-in. */
    public String sqlName() {
        return "kql_" + kqlName();
    }

    /** Argument letters, each possibly followed by {@code ?} (optional) or {@code *} (repeated). */
    public String[] argumentSpecs() {
        String a = signature.substring(signature.indexOf(' ') + 1, signature.indexOf('>'));
        return a.isEmpty() ? new String[0] : a.split(",");
    }

    public char resultLetter() {
        return signature.charAt(signature.indexOf('>') + 1);
    }
}
