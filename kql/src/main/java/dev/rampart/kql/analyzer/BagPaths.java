package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bag functions that take a constant JSONPath to a nested key ('$.a.b', "$['a']"): bag_has_key,
 * bag_remove_keys and bag_set_key. Each returns null when its key is computed, leaving the library's form.
 */
final class BagPaths {
    private final Functions f;
    private final ExprAnalyzer x;

    BagPaths(Functions f, ExprAnalyzer x) {
        this.f = f;
        this.x = x;
    }

    /** bag_has_key(bag, '$.a.b'): whether the nested key exists; null for a plain or computed key (the library's form). */
    Rex has(Expr.Call c, Scope scope) {
        Rex key = x.analyze(c.args().get(1), scope);
        if (!(key instanceof Rex.Lit l) || !(l.value() instanceof String text) || !text.startsWith("$")) {
            return null;
        }
        List<String> steps = steps(text, c.args().get(1));
        Rex bag = f.typed(c.args().get(0), scope, KqlType.DYNAMIC, c);
        return new Rex.Call("bag_has_path", List.of(bag, new Rex.Lit(JsonPathSteps.duckDbPath(steps), KqlType.STRING)), KqlType.BOOL);
    }

    private static List<String> steps(String path, Expr at) {
        List<String> steps = JsonPathSteps.parse(path);
        if (steps == null || steps.isEmpty()) {
            throw KqlException.unsupported(at.span(), "fn:jsonpath", "A JSONPath with array indexes or wildcards ('" + path + "')");
        }
        return steps;
    }

    /**
     * bag_remove_keys(bag, dynamic(['a', '$.b.c'])) with JSONPath keys: each existing key is removed by a merge
     * patch that nulls it (a missing one must not create the bags on its path). Plain keys are the library's form.
     */
    Rex remove(Expr.Call c, Scope scope) {
        if (c.args().size() != 2) {
            return null;
        }
        Rex keys = x.analyze(c.args().get(1), scope);
        if (!(keys instanceof Rex.Lit l) || !(l.value() instanceof List<?> list) || list.stream().noneMatch(k -> k instanceof String s && s.startsWith("$"))) {
            return null;
        }
        Rex bag = f.typed(c.args().get(0), scope, KqlType.DYNAMIC, c);
        for (Object k : list) {
            if (!(k instanceof String key)) {
                continue;
            }
            List<String> steps = key.startsWith("$") ? steps(key, c.args().get(1)) : List.of(key);
            Object patch = null;
            for (int i = steps.size() - 1; i >= 0; i--) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(steps.get(i), patch);
                patch = m;
            }
            bag = new Rex.Call("bag_remove_path", List.of(bag, new Rex.Lit(JsonPathSteps.duckDbPath(steps), KqlType.STRING),
                    new Rex.Lit(patch, KqlType.DYNAMIC)), KqlType.DYNAMIC);
        }
        return bag;
    }

    /**
     * bag_set_key(bag, key, value) with a constant key or JSONPath ('$.a.b', "$['a']"): the value goes in
     * nested bags, merged into what the bag already holds on that path. A computed key is the library's form.
     */
    Rex set(Expr.Call c, Scope scope) {
        if (c.args().size() != 3) {
            return null;
        }
        Rex key = x.analyze(c.args().get(1), scope);
        if (!(key instanceof Rex.Lit l) || !(l.value() instanceof String text)) {
            return null;
        }
        List<String> steps = text.startsWith("$") ? JsonPathSteps.parse(text) : List.of(text);
        if (steps == null || steps.isEmpty()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(1).span(), "bag_set_key() needs a key or a JSONPath of property names");
        }
        Rex bag = f.typed(c.args().get(0), scope, KqlType.DYNAMIC, c);
        Rex value = ScalarExtras.jsonValue(x.analyze(c.args().get(2), scope));
        // Merge patches: the first removes the old leaf when the new value is a bag (which would otherwise be
        // merged into it), the second writes the value; bags along the path are kept or created.
        Rex leaf = value;
        Object clear = null;
        for (int i = steps.size() - 1; i >= 0; i--) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(steps.get(i), clear);
            clear = m;
            value = new Rex.Call("bag_pack", List.of(new Rex.Lit(steps.get(i), KqlType.STRING), value), KqlType.DYNAMIC);
        }
        return new Rex.Call("bag_set_path", List.of(bag, new Rex.Lit(clear, KqlType.DYNAMIC), value, leaf), KqlType.DYNAMIC);
    }
}
