package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * The buildschema() aggregate, applied to the array of a group's values (the SQL side collects them). A schema is
 * a type name (long, double, string, bool), a bag of property schemas, {@code {"`indexer`": schema}} for
 * arrays, or an array of the alternatives when a place held values of several kinds, in order of first sight.
 * Nulls add nothing; a group of nulls only has no schema (null).
 */
final class SchemaFunctions implements Family {
    static final String INDEXER = "`indexer`";

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "__buildschema y>y", a -> {
            if (a[0] == null || !(JsonLines.read((String) a[0]) instanceof List<?> values)) {
                return null;
            }
            Object schema = null;
            for (Object v : values) {
                schema = merge(schema, of(v));
            }
            return schema == null ? null : Json.write(schema);
        });
    }

    static Object of(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> bag = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object s = of(e.getValue());
                if (s != null) {
                    bag.put(String.valueOf(e.getKey()), s);
                }
            }
            return bag;
        }
        if (v instanceof List<?> l) {
            Object element = null;
            for (Object e : l) {
                element = merge(element, of(e));
            }
            Map<String, Object> indexer = new LinkedHashMap<>();
            if (element != null) {
                indexer.put(INDEXER, element);
            }
            return indexer;
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof Number) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        return "string";
    }

    /** Unites two schemas: bags merge key by key, distinct type names become alternatives. */
    @SuppressWarnings("unchecked")
    static Object merge(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        List<Object> alternatives = new ArrayList<>(a instanceof List<?> l ? l : List.of(a));
        for (Object add : b instanceof List<?> l ? l : List.of(b)) {
            int bag = -1;
            for (int i = 0; i < alternatives.size() && bag < 0; i++) {
                if (alternatives.get(i) instanceof Map && add instanceof Map) {
                    bag = i;
                }
            }
            if (bag >= 0) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) alternatives.get(bag));
                ((Map<String, Object>) add).forEach((k, s) -> merged.put(k, merge(merged.get(k), s)));
                alternatives.set(bag, merged);
            } else if (!alternatives.contains(add)) {
                alternatives.add(add);
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0) : alternatives;
    }
}
