package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types the scan operator. {@code step.column} reads that step's state; it is rewritten to a hidden column name
 * before analysis so the state keeps the column's type (a member access on a name would read a dynamic value).
 */
final class ScanSteps {
    private final ExprAnalyzer x;

    ScanSteps(ExprAnalyzer x) {
        this.x = x;
    }

    static String stateColumn(int step, String column) {
        return "__s" + step + "_" + column;
    }

    Rel apply(Rel in, Operator.ScanOp op) {
        return apply(in, op, null);
    }

    /**
     * {@code partition}: the column whose values are scanned apart (scan inside partition), or null. A step may assign
     * an input column too: it becomes a hidden declared column that every other step sets to the row's own value,
     * and the output shows it in the input column's place.
     */
    Rel apply(Rel in, Operator.ScanOp op, String partition) {
        Map<String, String> renames = new LinkedHashMap<>();
        Set<String> declaredNames = new HashSet<>();
        op.declared().forEach(c -> declaredNames.add(c.name()));
        for (Operator.ScanStep s : op.steps()) {
            for (Operator.Assignment as : s.assignments()) {
                if (!declaredNames.contains(as.name()) && in.fields().stream().anyMatch(f -> f.name().equals(as.name()))) {
                    renames.put(as.name(), "__scan_in_" + as.name());
                }
            }
        }
        if (renames.isEmpty()) {
            return plan(in, op, partition, renames);
        }
        List<Operator.ScanColumn> declared = new ArrayList<>(op.declared());
        for (Field f : in.fields()) {
            if (renames.containsKey(f.name())) {
                declared.add(new Operator.ScanColumn(renames.get(f.name()), f.type().kustoName(), null, op.span()));
            }
        }
        List<Operator.ScanStep> steps = new ArrayList<>();
        for (Operator.ScanStep s : op.steps()) {
            List<Operator.Assignment> assigns = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (Operator.Assignment as : s.assignments()) {
                String target = renames.getOrDefault(as.name(), as.name());
                done.add(as.name());
                assigns.add(new Operator.Assignment(target, as.expr(), as.span()));
            }
            renames.forEach((col, hidden) -> {
                if (!done.contains(col)) {
                    assigns.add(new Operator.Assignment(hidden, new Expr.Name(col, s.span()), s.span()));
                }
            });
            steps.add(new Operator.ScanStep(s.name(), s.output(), s.condition(), assigns, s.span()));
        }
        Rel scanned = plan(in, new Operator.ScanOp(op.matchId(), declared, steps, op.span()), partition, renames);
        List<Rel.NamedRex> out = new ArrayList<>();
        for (Field f : scanned.fields()) {
            if (renames.containsValue(f.name())) {
                continue;
            }
            String from = renames.getOrDefault(f.name(), f.name());
            KqlType t = scanned.fields().stream().filter(g -> g.name().equals(from)).findFirst().orElseThrow().type();
            out.add(new Rel.NamedRex(f.name(), new Rex.ColRef(from, t)));
        }
        return new Rel.Project(scanned, out);
    }

    private Rel plan(Rel in, Operator.ScanOp op, String partition, Map<String, String> renames) {
        List<Field> declared = new ArrayList<>();
        List<Rex> defaults = new ArrayList<>();
        Set<String> names = new HashSet<>();
        in.fields().forEach(f -> names.add(f.name()));
        for (Operator.ScanColumn c : op.declared()) {
            if (!names.add(c.name()) && !renames.containsValue(c.name())) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "scan declares '" + c.name() + "', which the input already has");
            }
            KqlType t = Analyzer.type(c.type(), c.span());
            declared.add(new Field(c.name(), t));
            defaults.add(c.defaultValue() == null ? new Rex.Lit(null, t) : Types.coerce(x.analyze(c.defaultValue(), Scope.EMPTY), t));
        }
        Map<String, Integer> stepIndex = new LinkedHashMap<>();
        for (Operator.ScanStep s : op.steps()) {
            if (stepIndex.put(s.name(), stepIndex.size() + 1) != null) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.span(), "Step names must be unique: '" + s.name() + "'");
            }
        }
        List<Field> row = new ArrayList<>(in.fields());
        row.addAll(declared);
        List<Field> scopeFields = new ArrayList<>(in.fields());
        for (int k = 1; k <= op.steps().size(); k++) {
            for (Field f : row) {
                scopeFields.add(new Field(stateColumn(k, f.name()), f.type()));
            }
        }
        Scope scope = new Scope(scopeFields, false);
        List<Rel.ScanStep> steps = new ArrayList<>();
        for (Operator.ScanStep s : op.steps()) {
            if (s.output().equals("last") && s == op.steps().get(op.steps().size() - 1)) {
                // A non-final step's last match is known when the next step takes it over; the final step's never is.
                throw KqlException.unsupported(s.span(), "op:scan(output=last)", "output=last on the final scan step");
            }
            Rex cond = x.predicate(stateRefs(s.condition(), stepIndex, renames), scope);
            Map<String, Rex> assigned = new LinkedHashMap<>();
            for (Operator.Assignment as : s.assignments()) {
                Field target = declared.stream().filter(f -> f.name().equals(as.name())).findFirst().orElseThrow(() -> KqlException.at(
                        ErrorCode.WRONG_ARGUMENTS, as.span(), "A scan step can only assign declared columns; '" + as.name() + "' is not declared"));
                assigned.put(target.name(), Types.coerce(x.analyze(stateRefs(as.expr(), stepIndex, renames), scope), target.type()));
            }
            steps.add(new Rel.ScanStep(s.name(), s.output(), cond, assigned));
        }
        if (op.matchId() != null && names.contains(op.matchId())) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, op.span(), "The match id column '" + op.matchId() + "' already exists");
        }
        return new Rel.StepScan(in, declared, defaults, steps, op.matchId(), partition);
    }

    /** Rewrites {@code step.column} to the hidden state column; everything else is kept. */
    private static Expr stateRefs(Expr e, Map<String, Integer> steps, Map<String, String> renames) {
        if (e instanceof Expr.Member m && m.target() instanceof Expr.Name n && steps.containsKey(n.name())) {
            return new Expr.Name(stateColumn(steps.get(n.name()), renames.getOrDefault(m.name(), m.name())), m.span());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), stateRefs(b.left(), steps, renames), stateRefs(b.right(), steps, renames), b.span());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), stateRefs(u.operand(), steps, renames), u.span());
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.name(), c.args().stream().map(a -> stateRefs(a, steps, renames)).toList(), c.span());
        }
        if (e instanceof Expr.NamedArg na) {
            return new Expr.NamedArg(na.name(), stateRefs(na.value(), steps, renames), na.span());
        }
        if (e instanceof Expr.InList il) {
            return new Expr.InList(il.op(), stateRefs(il.left(), steps, renames), il.items().stream().map(a -> stateRefs(a, steps, renames)).toList(), il.span());
        }
        if (e instanceof Expr.Between bt) {
            return new Expr.Between(stateRefs(bt.left(), steps, renames), stateRefs(bt.low(), steps, renames), stateRefs(bt.high(), steps, renames), bt.negated(), bt.span());
        }
        if (e instanceof Expr.Member m) {
            return new Expr.Member(stateRefs(m.target(), steps, renames), m.name(), m.span());
        }
        if (e instanceof Expr.Index ix) {
            return new Expr.Index(stateRefs(ix.target(), steps, renames), stateRefs(ix.index(), steps, renames), ix.span());
        }
        return e;
    }
}
