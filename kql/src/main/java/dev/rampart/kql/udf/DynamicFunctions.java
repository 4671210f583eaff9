package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Functions that walk a whole dynamic value. */
final class DynamicFunctions implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "dynamic_to_json y>s", a -> a[0] == null ? null : Json.write(sortedKeys(JsonLines.read((String) a[0]))));
        fn(out, "treepath y>y", a -> a[0] == null ? null : Json.write(new ArrayList<>(treePaths(JsonLines.read((String) a[0])))));
    }

    /** The same value with every bag's keys in ordinal order, so equal contents serialise alike. */
    static Object sortedKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), sortedKeys(val)));
            return sorted;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(item -> out.add(sortedKeys(item)));
            return out;
        }
        return v;
    }

    /**
     * Every path that reaches a value, in document order: property steps as {@code ['name']}; an array
     * contributes one {@code [0]} step that stands for all its elements, whose own paths are merged.
     */
    static Set<String> treePaths(Object value) {
        Set<String> out = new LinkedHashSet<>();
        walk(value, "", out);
        return out;
    }

    private static void walk(Object v, String path, Set<String> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = path + "['" + e.getKey() + "']";
                out.add(p);
                walk(e.getValue(), p, out);
            }
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            String p = path + "[0]";
            out.add(p);
            for (Object item : l) {
                walk(item, p, out);
            }
        }
    }
}
