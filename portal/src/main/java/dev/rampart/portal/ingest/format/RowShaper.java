package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a mapped row (values by column name) into an appender row in column order with the Java types
 * {@link dev.rampart.portal.events.TableAppender} takes. Numbers in text (also {@code 0x1a74}) become numbers,
 * maps and lists become JSON text for dynamic columns. One instance per table and batch (it reuses its array).
 */
final class RowShaper {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Why a value did not fit its column. */
    record Problem(String field, String message) {
    }

    private final Table table;
    private final Map<String, Integer> index = new HashMap<>();
    private final KqlType[] types;
    private final Object[] row;

    RowShaper(Table table) {
        this.table = table;
        List<Column> cols = table.columns();
        types = new KqlType[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            index.put(cols.get(i).name(), i);
            types[i] = cols.get(i).type();
        }
        row = new Object[cols.size()];
    }

    Table table() {
        return table;
    }

    /** The row of the last successful {@link #shape}; overwritten by the next call. */
    Object[] row() {
        return row;
    }

    /** @return null if the row fits, else the first problem */
    Problem shape(Map<String, Object> values) {
        Arrays.fill(row, null);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                return new Problem(e.getKey(), "unknown column for " + table.name());
            }
            Object v = e.getValue() instanceof JsonNode n ? fromJson(n) : e.getValue();
            if (v == null) {
                continue;
            }
            Object c = coerce(types[i], v);
            if (c == null) {
                return new Problem(e.getKey(), "expected " + types[i].kustoName() + ", got " + clip(String.valueOf(v)));
            }
            row[i] = c;
        }
        return null;
    }

    private static Object fromJson(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isString()) {
            return n.asString();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n;
    }

    private static Object coerce(KqlType type, Object v) {
        switch (type) {
            case STRING, GUID:
                return v instanceof JsonNode || v instanceof Map || v instanceof List ? json(v) : v.toString();
            case LONG:
                return v instanceof Number n ? (Object) n.longValue() : parseLong(v.toString());
            case INT: {
                Long l = v instanceof Number n ? (Long) n.longValue() : parseLong(v.toString());
                return l == null || l != l.intValue() ? null : l.intValue();
            }
            case REAL, DECIMAL:
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    return Double.parseDouble(v.toString().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOL:
                if (v instanceof Boolean) {
                    return v;
                }
                String b = v.toString().trim();
                return b.equalsIgnoreCase("true") ? Boolean.TRUE : b.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case DATETIME:
                if (v instanceof LocalDateTime || v instanceof Instant) {
                    return v;
                }
                if (v instanceof OffsetDateTime o) {
                    return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                return Times.parse(v.toString());
            case DYNAMIC:
                if (v instanceof String s) {
                    String t = s.trim();
                    if (t.startsWith("{") || t.startsWith("[")) {
                        try {
                            return json(JSON.readTree(t));
                        } catch (RuntimeException notJson) {
                            return json(s);
                        }
                    }
                }
                return json(v);
            default:
                return null;
        }
    }

    /** Decimal or {@code 0x} hexadecimal integer text, as Windows writes process ids and logon ids. */
    static Long parseLong(String s) {
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String json(Object v) {
        return JSON.writeValueAsString(v);
    }

    private static String clip(String s) {
        return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 57) + "...\"";
    }
}
