package dev.rampart.kql.analyzer;

import dev.rampart.kql.BagKeyProbe;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Plan;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.sql.SqlRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The distinct values of pivot's column over rows only known when the query runs, read from the data through the
 * options' {@link BagKeyProbe} (the same seam as bag_unpack's keys): pivot's output columns are those values, so
 * they are looked up before the statement that returns them can be written.
 */
final class RuntimePivotValues {
    private static final String VALUE = "value";

    private RuntimePivotValues() {
    }

    /** The values as text, in the order of their first row; empty when there is no probe. */
    static Optional<List<String>> read(Analyzer a, Rel in, Rex text, Span span) {
        BagKeyProbe probe = a.options.bagKeys();
        if (probe == null) {
            return Optional.empty();
        }
        // Rendered from the plan analysed so far: the same tables, window and row scope as the query.
        Rel rows = new Rel.Project(in, List.of(new Rel.NamedRex(VALUE, text)));
        SqlRenderer.Rendered rendered = new SqlRenderer(a.options.dialect(), a.options.schema().storedNames()).render(new Plan(List.copyOf(a.ctes), rows));
        String sql = a.options.dialect().distinctValues(rendered.sql(), VALUE, BagKeyProbe.MAX_KEYS + 1);
        List<String> values = new ArrayList<>();
        for (BagKeyProbe.Key k : probe.keys(sql, rendered.parameters())) {
            values.add(k.name() == null ? "" : k.name());
        }
        if (values.size() > BagKeyProbe.MAX_KEYS) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, span, "pivot: the column has more than "
                    + String.format(Locale.ROOT, "%,d", BagKeyProbe.MAX_KEYS) + " distinct values in the data, one output column each;"
                    + " filter the rows first or declare the output columns (evaluate pivot(...) : (name:type, ...))");
        }
        return Optional.of(values);
    }
}
