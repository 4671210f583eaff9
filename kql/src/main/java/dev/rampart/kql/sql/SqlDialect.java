package dev.rampart.kql.sql;

import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * How one SQL engine spells the constructs the renderer needs. The defaults are ANSI/PostgreSQL
 * flavoured; an engine overrides only what differs (see {@link DuckDbDialect}).
 */
public abstract class SqlDialect {

    /** The names of the statement being rendered on this thread (see {@link SqlNames}); null outside rendering. */
    private static final ThreadLocal<SqlNames> NAMES = new ThreadLocal<>();

    public String quoteIdentifier(String name) {
        SqlNames names = NAMES.get();
        String n = names == null ? name : names.sqlName(name);
        return '"' + n.replace("\"", "\"\"") + '"';
    }

    /** Runs {@code render} with {@code names} spelling every identifier it quotes. */
    static <T> T withNames(SqlNames names, java.util.function.Supplier<T> render) {
        SqlNames before = NAMES.get();
        NAMES.set(names);
        try {
            return render.get();
        } finally {
            if (before == null) {
                NAMES.remove();
            } else {
                NAMES.set(before);
            }
        }
    }

    public String sqlType(KqlType t) {
        return switch (t) {
            case STRING, GUID -> "VARCHAR";
            case LONG -> "BIGINT";
            case INT -> "INTEGER";
            case REAL, DECIMAL -> "DOUBLE PRECISION";
            case BOOL -> "BOOLEAN";
            case DATETIME -> "TIMESTAMP";
            case TIMESPAN -> "INTERVAL";
            case DYNAMIC -> "JSONB";
        };
    }

    /** A cast that yields null instead of failing, as KQL's to*() functions do. */
    public String tryCast(String expr, KqlType to) {
        return "CAST(" + expr + " AS " + sqlType(to) + ")";
    }

    public String regexMatch(String subject, String pattern) {
        return "(" + subject + " ~ " + pattern + ")";
    }

    /** Substring test; case folding, if any, is already applied to both sides. */
    public String contains(String subject, String needle) {
        return "(strpos(" + subject + ", " + needle + ") > 0)";
    }

    public String startsWith(String subject, String prefix) {
        return "starts_with(" + subject + ", " + prefix + ")";
    }

    public String endsWith(String subject, String suffix) {
        return "(right(" + subject + ", length(" + suffix + ")) = " + suffix + ")";
    }

    /** floor(a / b) computed in fractions, whatever the operand types (SQL integer division truncates). */
    public String floorDiv(String a, String b) {
        return "floor(CAST(" + a + " AS NUMERIC) / " + b + ")";
    }

    /**
     * The {@code value} of the row with the largest ({@code max}) or smallest {@code order} in the group,
     * rows with a null order taken only when every row has one (Kusto still returns a row then); {@code value} is a
     * record, never null. {@code filter} is a " FILTER (WHERE ...)" clause or "".
     */
    public String argPick(String value, String order, boolean max, String filter) {
        return "(array_agg(" + value + " ORDER BY " + order + (max ? " DESC" : " ASC") + " NULLS LAST)" + filter + ")[1]";
    }

    public String approxCountDistinct(String expr) {
        return "count(DISTINCT " + expr + ")";
    }

    /** A JSON value at an RFC 6901 pointer given as a parameter. */
    public abstract String jsonAt(String json, String pointerParam);

    /** The same, as text: strings unquoted, other values as JSON text. */
    public abstract String jsonTextAt(String json, String pointerParam);

    public abstract String toJson(String expr);

    /** A timespan from a BIGINT count of microseconds. */
    public String intervalFromMicros(String micros) {
        return "(" + micros + " * INTERVAL '1 microsecond')";
    }

    public abstract String epochMicros(String timestamp);

    public abstract String timestampFromMicros(String micros);

    /** Keeps one arbitrary row per key: the left side of Kusto's default innerunique join. */
    public abstract String oneRowPerKey(String fromSql, List<String> keys);

    public abstract String packRecord(List<String> names, List<String> values);

    /** A field of a record built by {@link #packRecord}, as a value of {@code type}. */
    public abstract String recordField(String record, String field, KqlType type);

    public abstract String unnestArray(String jsonArray);

    /**
     * The list mv-expand walks: an array's elements, a property bag's one-key bags, or the value itself.
     * {@code param} turns a constant into a bind parameter.
     */
    public abstract String expansionList(String json, java.util.function.Function<Object, String> param);

    /** parse_url(): a bag with Scheme, Host, Port, Path, Username, Password, Query Parameters, Fragment. */
    public abstract String parseUrl(String url, java.util.function.Function<Object, String> param);

    /** parse_urlquery(): a bag whose one key, Query Parameters, holds the key=value pairs of a URL's query part. */
    public abstract String parseUrlQuery(String query, java.util.function.Function<Object, String> param);

    public String materializedCte() {
        return "MATERIALIZED ";
    }

    /**
     * A statement listing the keys of the bag column {@code bag} over the rows of {@code rowsSql}: one row per key,
     * its name and the KQL type of its values (see {@link dev.rampart.kql.BagKeyProbe}), at most {@code limit} rows.
     * Empty when this engine has no way to list JSON keys; bag_unpack then leaves the bag open.
     */
    public java.util.Optional<String> bagKeys(String rowsSql, String bag, int limit) {
        return java.util.Optional.empty();
    }

    /**
     * A statement listing the distinct values of the text column {@code column} over the rows of {@code rowsSql},
     * in the order of the first row holding each, as rows shaped like {@link #bagKeys}'s (the value, then a null
     * type) so the same {@link dev.rampart.kql.BagKeyProbe} runs it; at most {@code limit} rows. pivot without an
     * output schema makes one column per value. Plain SQL, so every dialect has it.
     */
    public String distinctValues(String rowsSql, String column, int limit) {
        return PivotValuesSql.of(this, rowsSql, column, limit);
    }
}
