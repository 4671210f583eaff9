package dev.rampart.kql.analyzer;

import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a row set made only of constants (datatables, getschema, their unions and plain projections), read
 * while compiling. Plugins whose output schema depends on the data use it; other inputs are left to the engine.
 */
final class ConstantRows {
    private final Analyzer a;

    ConstantRows(Analyzer a) {
        this.a = a;
    }

    /** Each row as the literal values in the order of {@code r.fields()}; empty when some value is not a constant. */
    Optional<List<List<Object>>> rows(Rel r) {
        if (r instanceof Rel.CteRef c) {
            return rows(a.ctes.get(c.id()).rel());
        }
        if (r instanceof Rel.Values v) {
            List<List<Object>> out = new ArrayList<>();
            for (List<Rex> row : v.rows()) {
                List<Object> vals = new ArrayList<>();
                for (Rex cell : row) {
                    if (!(cell instanceof Rex.Lit l)) {
                        return Optional.empty();
                    }
                    vals.add(l.value());
                }
                out.add(vals);
            }
            return Optional.of(out);
        }
        if (r instanceof Rel.Union u) {
            List<List<Object>> out = new ArrayList<>();
            for (Rel in : u.inputs()) {
                Optional<List<List<Object>>> part = rows(in);
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                out.addAll(part.get());
            }
            return Optional.of(out);
        }
        if (r instanceof Rel.Project p) {
            Optional<List<List<Object>>> in = rows(p.input());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            List<Field> inFields = p.input().fields();
            List<List<Object>> out = new ArrayList<>();
            for (List<Object> row : in.get()) {
                List<Object> vals = new ArrayList<>();
                for (Rel.NamedRex c : p.columns()) {
                    if (c.rex() instanceof Rex.Lit l) {
                        vals.add(l.value());
                    } else if (c.rex() instanceof Rex.ColRef ref && Operators.indexOf(inFields, ref.name()) >= 0) {
                        vals.add(row.get(Operators.indexOf(inFields, ref.name())));
                    } else {
                        return Optional.empty();
                    }
                }
                out.add(vals);
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
