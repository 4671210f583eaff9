package dev.rampart.kql.analyzer;

import dev.rampart.kql.BagKeyProbe;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Plan;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.sql.SqlRenderer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys of a bag over rows only known when the query runs, read from the data through the options'
 * {@link BagKeyProbe}: bag_unpack's output columns are the data's keys, so they are looked up before the
 * statement that returns them can be written.
 */
final class RuntimeBagKeys {
    private static final String BAG = "bag";

    private RuntimeBagKeys() {
    }

    /** Key to type (null: only null values), ordered by name; empty when there is no probe or the dialect cannot list keys. */
    static Optional<Map<String, KqlType>> read(Analyzer a, Rel in, Rex bag, Set<String> ignored, Span span) {
        BagKeyProbe probe = a.options.bagKeys();
        if (probe == null) {
            return Optional.empty();
        }
        // The rows come from the plan analysed so far, so the statement reads what the query reads: same tables,
        // window and row scope.
        Rel rows = new Rel.Project(in, List.of(new Rel.NamedRex(BAG, bag)));
        SqlRenderer.Rendered rendered = new SqlRenderer(a.options.dialect(), a.options.schema().storedNames()).render(new Plan(List.copyOf(a.ctes), rows));
        // Ignored keys are dropped here rather than in SQL, so the limit leaves room for them.
        int limit = BagKeyProbe.MAX_KEYS + ignored.size() + 1;
        Optional<String> sql = a.options.dialect().bagKeys(rendered.sql(), BAG, limit);
        if (sql.isEmpty()) {
            return Optional.empty();
        }
        Map<String, KqlType> keys = new TreeMap<>();
        for (BagKeyProbe.Key k : probe.keys(sql.get(), rendered.parameters())) {
            if (!ignored.contains(k.name())) {
                keys.put(k.name(), type(k.type()));
            }
        }
        if (keys.size() > BagKeyProbe.MAX_KEYS) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, span, "bag_unpack: the bag has more than " + String.format(java.util.Locale.ROOT, "%,d", BagKeyProbe.MAX_KEYS)
                    + " distinct keys in the data; declare the output columns (evaluate bag_unpack(...) : (name:type, ...))"
                    + " or leave keys out with ignoredProperties");
        }
        return Optional.of(keys);
    }

    private static KqlType type(String name) {
        if (name == null) {
            return null;
        }
        try {
            return KqlType.fromKusto(name);
        } catch (IllegalArgumentException e) {
            return KqlType.DYNAMIC;
        }
    }
}
