package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guided mode's query builder: a table, conditions (column, operator, value) joined by and/or, the columns to show
 * and a row limit, written out as the KQL an analyst would type. Names come only from the schema and values only as
 * escaped literals, so the text compiles like any hand-written query and can be edited further in advanced mode.
 */
public record GuidedQuery(String table, boolean matchAll, List<Condition> conditions, List<String> show, int limit) {

    /** One filter row; {@code value} is ignored by operators without an operand (is empty, is true...). */
    public record Condition(String column, String op, String value) {
    }

    /** A part of the builder's input that cannot become KQL; {@code field} is e.g. {@code table} or {@code condition 2}. */
    public static class InvalidGuidedQueryException extends IllegalArgumentException {
        private final String field;

        InvalidGuidedQueryException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Operators offered per column kind, as value → label; the builder's drop-downs show these. */
    static final Map<String, List<String[]>> OPERATORS = Map.of(
            "string", List.of(op("==", "equals"), op("!=", "does not equal"), op("=~", "equals (any case)"),
                    op("contains", "contains"), op("!contains", "does not contain"), op("startswith", "starts with"),
                    op("endswith", "ends with"), op("has", "has the term"), op("in~", "is any of (comma-separated)"),
                    op("!in~", "is none of (comma-separated)"), op("isempty", "is empty"), op("isnotempty", "is not empty")),
            "number", List.of(op("==", "equals"), op("!=", "does not equal"), op(">", "greater than"),
                    op(">=", "at least"), op("<", "less than"), op("<=", "at most"), op("in", "is any of (comma-separated)"),
                    op("isnull", "is empty"), op("isnotnull", "is not empty")),
            "bool", List.of(op("true", "is true"), op("false", "is false")),
            "datetime", List.of(op(">", "after"), op("<", "before"), op("ago>", "within the last (e.g. 2h, 3d)"),
                    op("isnull", "is empty"), op("isnotnull", "is not empty")),
            "dynamic", List.of(op("contains", "contains"), op("!contains", "does not contain"), op("isempty", "is empty"),
                    op("isnotempty", "is not empty")));

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** What the date box accepts: a date, optionally with hours and minutes, seconds, a fraction and a Z. */
    private static final java.time.format.DateTimeFormatter DATE_TIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd").optionalStart().appendLiteral('T').appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 7, true)
            .optionalEnd().optionalEnd().optionalEnd().optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Pattern TIMESPAN = Pattern.compile("\\d+(\\.\\d+)?(d|h|m|s|ms)");
    static final int MAX_CONDITIONS = 20;

    private static String[] op(String value, String label) {
        return new String[] {value, label};
    }

    /** The kind of drop-down a column gets. */
    static String kind(KqlType t) {
        return switch (t) {
            case STRING, GUID -> "string";
            case INT, LONG, REAL, DECIMAL, TIMESPAN -> "number";
            case BOOL -> "bool";
            case DATETIME -> "datetime";
            default -> "dynamic";
        };
    }

    /**
     * The query's text, one operator a line.
     *
     * @throws InvalidGuidedQueryException naming the table, the condition (1-based) or the column that is wrong
     */
    public String toKql(Schema schema) {
        Table t = schema.table(table == null ? "" : table)
                .orElseThrow(() -> new InvalidGuidedQueryException("table", "Choose a table to search."));
        if (conditions.size() > MAX_CONDITIONS) {
            throw new InvalidGuidedQueryException("conditions", "At most " + MAX_CONDITIONS + " conditions.");
        }
        List<String> tests = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (c.column() == null || c.column().isBlank()) {
                continue; // an untouched row of the form
            }
            String field = "condition " + (i + 1);
            Column col = t.column(c.column())
                    .orElseThrow(() -> new InvalidGuidedQueryException(field, t.name() + " has no column '" + c.column() + "'."));
            tests.add(test(field, col, c.op() == null ? "" : c.op(), c.value() == null ? "" : c.value().strip()));
        }
        StringBuilder kql = new StringBuilder(t.name());
        if (!tests.isEmpty()) {
            kql.append("\n| where ").append(String.join(matchAll ? "\n    and " : "\n    or ", tests));
        }
        List<String> cols = new ArrayList<>();
        for (String s : show) {
            if (s != null && !s.isBlank()) {
                cols.add(name(t.column(s).orElseThrow(() -> new InvalidGuidedQueryException("show", t.name() + " has no column '" + s + "'."))));
            }
        }
        if (!cols.isEmpty()) {
            kql.append("\n| project ").append(String.join(", ", cols));
        }
        if (limit > 0) {
            kql.append("\n| take ").append(limit);
        }
        return kql.toString();
    }

    private static String test(String field, Column col, String op, String value) {
        String n = name(col);
        String kind = kind(col.type());
        boolean known = OPERATORS.get(kind).stream().anyMatch(o -> o[0].equals(op));
        if (!known) {
            throw new InvalidGuidedQueryException(field, "'" + op + "' is not an operator for " + col.name() + " (" + col.type().kustoName() + ").");
        }
        switch (op) {
            case "isempty", "isnotempty", "isnull", "isnotnull" -> {
                return op + "(" + n + ")";
            }
            case "true", "false" -> {
                return n + " == " + op;
            }
            default -> {
            }
        }
        if (value.isEmpty()) {
            throw new InvalidGuidedQueryException(field, "Give a value for " + col.name() + ".");
        }
        return switch (kind) {
            case "string" -> op.endsWith("in~") ? n + " " + op + " (" + list(value, GoHunt::literal) + ")"
                    : n + " " + op + " " + GoHunt.literal(value);
            case "number" -> {
                java.util.function.Function<String, String> lit = col.type() == KqlType.TIMESPAN
                        ? v -> timespan(field, col, v) : v -> number(field, col, v);
                yield op.equals("in") ? n + " in (" + list(value, lit) + ")" : n + " " + op + " " + lit.apply(value);
            }
            case "datetime" -> op.equals("ago>") ? n + " > ago(" + timespan(field, col, value) + ")"
                    : n + " " + op + " " + datetime(field, col, value);
            default -> "tostring(" + n + ") " + op + " " + GoHunt.literal(value);
        };
    }

    private static String list(String value, java.util.function.Function<String, String> literal) {
        return String.join(", ", Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).map(literal).toList());
    }

    static String name(Column c) {
        return c.name().matches("[A-Za-z_][A-Za-z0-9_]*") ? c.name() : "['" + c.name().replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static String number(String field, Column col, String v) {
        if (!NUMBER.matcher(v).matches()) {
            throw new InvalidGuidedQueryException(field, col.name() + " is a number; '" + v + "' is not.");
        }
        return v;
    }

    private static String timespan(String field, Column col, String v) {
        if (!TIMESPAN.matcher(v).matches()) {
            throw new InvalidGuidedQueryException(field, col.name() + " needs a time span such as 30m, 2h or 7d; '" + v + "' is not one.");
        }
        return v;
    }

    private static String datetime(String field, Column col, String v) {
        try {
            DATE_TIME.parse(v.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw new InvalidGuidedQueryException(field, col.name() + " needs a UTC date and time such as 2026-12-01 or 2026-12-01 14:30; '"
                    + v + "' is not one.");
        }
        return "datetime(" + v.replace(' ', 'T') + ")";
    }
}
