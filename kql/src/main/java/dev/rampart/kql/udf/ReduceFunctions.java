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
 * The reduce operator's clustering, called once on the list of all the input values (SQL has no grouping of this
 * kind): {@code __reduce_groups} gives the Pattern/Count/Representative rows, {@code __reduce_source} the pattern of
 * each distinct value for {@code kind=source}.
 */
final class ReduceFunctions implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "__reduce_groups y,r,s?>y", a -> {
            PatternReducer.Result r = reduce(a);
            if (r == null) {
                return null;
            }
            List<Object> rows = new ArrayList<>();
            for (PatternReducer.Group g : r.groups()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Pattern", g.pattern());
                row.put("Count", g.count());
                row.put("Representative", g.representative());
                rows.add(row);
            }
            return Json.write(rows);
        });
        fn(out, "__reduce_source y,r,s?>y", a -> {
            PatternReducer.Result r = reduce(a);
            if (r == null) {
                return null;
            }
            List<Object> pairs = new ArrayList<>();
            r.patternOf().forEach((value, pattern) -> pairs.add(List.of(value, pattern)));
            return Json.write(pairs);
        });
    }

    private static PatternReducer.Result reduce(Object[] a) {
        if (a[0] == null || a[1] == null || !(JsonLines.read((String) a[0]) instanceof List<?> items)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            values.add(item == null ? "" : item instanceof String s ? s : Json.write(item));
        }
        String characters = a.length > 2 ? (String) a[2] : null;
        return new PatternReducer((Double) a[1], characters).reduce(values);
    }
}
