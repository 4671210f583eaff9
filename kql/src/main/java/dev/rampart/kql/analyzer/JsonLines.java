package dev.rampart.kql.analyzer;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into the trees {@link Json} writes (List, Map, String, Long, Double, Boolean, null), and
 * the json/multijson externaldata formats: a sequence of objects (or one array of them) matched to the
 * declared columns by name.
 */
public final class JsonLines {
    private final String s;
    private int i;

    private JsonLines(String s) {
        this.s = s;
    }

    /** One JSON value; anything after it is an error. */
    public static Object read(String text) {
        JsonLines r = new JsonLines(text);
        Object v = r.value();
        r.ws();
        if (r.i != text.length()) {
            throw new IllegalArgumentException("trailing text after JSON value");
        }
        return v;
    }

    static List<List<String>> parse(String text, List<Field> fields, Span span, String uri) {
        JsonLines r = new JsonLines(text);
        List<Object> records = new ArrayList<>();
        try {
            r.ws();
            while (r.i < text.length()) {
                Object v = r.value();
                if (v instanceof List<?> l) {
                    records.addAll(l);
                } else {
                    records.add(v);
                }
                r.ws();
            }
        } catch (RuntimeException ex) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, span, "externaldata '" + uri + "' is not valid JSON near character " + r.i);
        }
        List<List<String>> out = new ArrayList<>();
        for (Object rec : records) {
            List<String> cells = new ArrayList<>();
            for (Field f : fields) {
                Object v = rec instanceof Map<?, ?> m ? m.get(f.name()) : null;
                cells.add(v == null ? null : f.type() == KqlType.DYNAMIC || !(v instanceof String str) ? Json.write(v) : str);
            }
            out.add(cells);
        }
        return out;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        ws();
        if (i >= s.length()) {
            throw new IllegalArgumentException("end of JSON text");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[' -> {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                return scalar();
            }
        }
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        i++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private Object scalar() {
        int start = i;
        while (i < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String t = s.substring(start, i);
        return switch (t) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> {
                if (t.matches("-?\\d+")) {
                    yield Long.parseLong(t);
                }
                if (t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    yield Double.parseDouble(t);
                }
                throw new IllegalArgumentException("not a JSON value: " + t);
            }
        };
    }
}
