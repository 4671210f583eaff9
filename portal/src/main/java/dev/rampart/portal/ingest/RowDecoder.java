package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;

/**
 * Decodes one NDJSON line (a JSON object in the native hunting schema of one table) into a row in column
 * order, applying the ingest coercion rules. One instance per batch and thread: it reuses its row array.
 *
 * <p>Coercion rules (documented for API users):
 * <ul>
 * <li>string: a JSON string; any other JSON value is stored as its JSON text (numbers as written,
 *     objects and arrays compact), as Kusto's {@code tostring()} would render it.</li>
 * <li>guid: a string in the 8-4-4-4-12 hex form.</li>
 * <li>long / int: a JSON integer in range, or a string holding one ({@code "123"}: 64-bit integers are
 *     quoted by protobuf JSON and by JavaScript producers); fractions are rejected, never rounded.</li>
 * <li>real / decimal: any JSON number, or a string holding one ({@code "NaN"} and {@code "Infinity"} included).</li>
 * <li>bool: {@code true} / {@code false} only.</li>
 * <li>datetime: an ISO-8601 string with {@code Z} or an offset (converted to UTC); without a zone it is UTC;
 *     a bare date is midnight UTC. Numbers are rejected (seconds or milliseconds would be a guess).</li>
 * <li>dynamic: any JSON value, stored as JSON text; a string whose content is a JSON object or array is
 *     stored as that object or array, because exporters often double-encode {@code AdditionalFields}.</li>
 * <li>{@code null} or a missing column stores NULL. {@code TimeGenerated} is accepted for {@code Timestamp}
 *     in tables that have a {@code Timestamp} column and no {@code TimeGenerated} column.</li>
 * </ul>
 * Unknown columns, a column given twice, anything but one JSON object on the line are errors.
 */
final class RowDecoder {
    /** Strict JSON (no comments, no NaN literals); property names canonicalised so matching works on raw bytes. */
    static final JsonFactory JSON = JsonFactory.builder().build();
    static final String TIMESTAMP = "Timestamp";
    static final String TIMESTAMP_ALIAS = "TimeGenerated";

    /** Receives the problems of a line. */
    interface ErrorSink {
        void error(long line, String field, String message);
    }

    private final Table table;
    private final KqlType[] types;
    private final String[] names;
    private final PropertyNameMatcher matcher;
    private final int[] matchToColumn;
    private final long[] seenInLine;
    private final Object[] row;
    private long lineStamp;

    RowDecoder(Table table) {
        this.table = table;
        List<Column> cols = table.columns();
        this.types = new KqlType[cols.size()];
        this.names = new String[cols.size()];
        List<Named> matchNames = new ArrayList<>(cols.size() + 1);
        List<Integer> targets = new ArrayList<>(cols.size() + 1);
        for (int i = 0; i < cols.size(); i++) {
            types[i] = cols.get(i).type();
            names[i] = cols.get(i).name();
            matchNames.add(Named.fromString(names[i]));
            targets.add(i);
        }
        int ts = table.indexOf(TIMESTAMP);
        if (ts >= 0 && table.indexOf(TIMESTAMP_ALIAS) < 0) {
            matchNames.add(Named.fromString(TIMESTAMP_ALIAS));
            targets.add(ts);
        }
        this.matcher = JSON.constructNameMatcher(matchNames, false);
        this.matchToColumn = targets.stream().mapToInt(Integer::intValue).toArray();
        this.seenInLine = new long[cols.size()];
        this.row = new Object[cols.size()];
    }

    Table table() {
        return table;
    }

    /** The row decoded by the last successful {@link #decode}; overwritten by the next call. */
    Object[] row() {
        return row;
    }

    /**
     * Decodes {@code len} bytes of UTF-8 at {@code off} (one line without its line break).
     *
     * @return true if the line is a valid row (then {@link #row()} holds it); otherwise every problem went to {@code errors}
     */
    boolean decode(byte[] buf, int off, int len, long line, ErrorSink errors) {
        Arrays.fill(row, null);
        long stamp = ++lineStamp;
        int problems = 0;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), buf, off, len)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                errors.error(line, null, "expected a JSON object, got " + describe(p, first));
                return false;
            }
            while (true) {
                int m = p.nextNameMatch(matcher);
                if (m == PropertyNameMatcher.MATCH_END_OBJECT) {
                    break;
                }
                if (m < 0) {
                    String name = p.currentName();
                    String hint = NameHints.nearest(name, Arrays.asList(names));
                    errors.error(line, name, "unknown column for " + table.name() + (hint == null ? "" : "; did you mean " + hint + "?"));
                    problems++;
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                int col = matchToColumn[m];
                JsonToken t = p.nextToken();
                if (seenInLine[col] == stamp) {
                    errors.error(line, names[col], "column given twice");
                    problems++;
                    p.skipChildren();
                    continue;
                }
                seenInLine[col] = stamp;
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                Object v = coerce(types[col], t, p);
                if (v instanceof Rejection r) {
                    errors.error(line, names[col], r.message);
                    problems++;
                } else {
                    row[col] = v;
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                errors.error(line, null, "unexpected " + describe(p, trailing) + " after the JSON object; put one object per line");
                return false;
            }
        } catch (StreamReadException e) {
            errors.error(line, null, "invalid JSON: " + e.getOriginalMessage() + " (column " + e.getLocation().getColumnNr() + ")");
            return false;
        } catch (JacksonException e) {
            errors.error(line, null, "invalid JSON: " + e.getOriginalMessage());
            return false;
        }
        return problems == 0;
    }

    /** A coercion failure; kept as a value so the hot path needs no exception. */
    private record Rejection(String message) {
    }

    private Object coerce(KqlType type, JsonToken t, JsonParser p) {
        switch (type) {
            case STRING:
                return switch (t) {
                    case VALUE_STRING -> p.getString();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getString();
                    case VALUE_TRUE -> "true";
                    case VALUE_FALSE -> "false";
                    default -> copyStructure(p);
                };
            case GUID:
                if (t == JsonToken.VALUE_STRING) {
                    String s = p.getString();
                    if (isGuid(s)) {
                        return s;
                    }
                }
                return expected("guid", t, p);
            case LONG:
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return p.getLongValue();
                }
                if (t == JsonToken.VALUE_STRING) {
                    Long l = parseLong(p.getString());
                    if (l != null) {
                        return l;
                    }
                }
                return expected("long", t, p);
            case INT:
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                    return p.getIntValue();
                }
                if (t == JsonToken.VALUE_STRING) {
                    Long l = parseLong(p.getString());
                    if (l != null && l == l.intValue()) {
                        return l.intValue();
                    }
                }
                return expected("int", t, p);
            case REAL:
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getDoubleValue();
                }
                if (t == JsonToken.VALUE_STRING) {
                    Double d = parseDouble(p.getString());
                    if (d != null) {
                        return d;
                    }
                }
                return expected("real", t, p);
            case DECIMAL:
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getDecimalValue();
                }
                if (t == JsonToken.VALUE_STRING && parseDouble(p.getString()) != null) {
                    try {
                        return new BigDecimal(p.getString());
                    } catch (NumberFormatException e) {
                        return expected("decimal", t, p);
                    }
                }
                return expected("decimal", t, p);
            case BOOL:
                if (t == JsonToken.VALUE_TRUE) {
                    return Boolean.TRUE;
                }
                if (t == JsonToken.VALUE_FALSE) {
                    return Boolean.FALSE;
                }
                return expected("bool", t, p);
            case DATETIME:
                if (t == JsonToken.VALUE_STRING) {
                    LocalDateTime d = IsoDateTimes.parseUtc(p.getString());
                    if (d != null) {
                        return d;
                    }
                }
                return expected("datetime (ISO-8601, e.g. 2024-05-01T12:00:00Z)", t, p);
            case DYNAMIC:
                return switch (t) {
                    case START_OBJECT, START_ARRAY -> copyStructure(p);
                    case VALUE_STRING -> dynamicFromString(p.getString());
                    default -> p.getString();
                };
            case TIMESPAN:
            default:
                p.skipChildren();
                return new Rejection("columns of type " + type.kustoName() + " cannot be ingested");
        }
    }

    private static Rejection expected(String what, JsonToken t, JsonParser p) {
        String got = describe(p, t);
        p.skipChildren();
        return new Rejection("expected " + what + ", got " + got);
    }

    static String describe(JsonParser p, JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "string " + quote(p.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + clip(p.getString());
            case VALUE_TRUE, VALUE_FALSE -> "bool " + p.getString();
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String quote(String s) {
        return '"' + clip(s).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Compact JSON text of the object or array (or scalar) at the current token. */
    private static String copyStructure(JsonParser p) {
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }

    private static String dynamicFromString(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[')) {
            try (JsonParser inner = JSON.createParser(ObjectReadContext.empty(), s)) {
                inner.nextToken();
                String json = copyStructure(inner);
                if (inner.nextToken() == null) {
                    return json;
                }
            } catch (JacksonException notJson) {
                // Not JSON after all: keep it as the string it is.
            }
        }
        StringWriter w = new StringWriter(s.length() + 2);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeString(s);
        }
        return w.toString();
    }

    private static Long parseLong(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        if (s.isEmpty() || s.length() > 400) {
            return null;
        }
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity", "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Double.parseDouble also takes hex floats, "1d", "1f" and surrounding blanks; JSON numbers do not.
            if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isGuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
