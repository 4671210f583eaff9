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

    /** {@code partition}: the column whose values are scanned apart (scan inside partition), or null. */
    Rel apply(Rel in, Operator.ScanOp op, String partition) {
        List<Field> declared = new ArrayList<>();
        List<Rex> defaults = new ArrayList<>();
        Set<String> names = new HashSet<>();
        in.fields().forEach(f -> names.add(f.name()));
        for (Operator.ScanColumn c : op.declared()) {
            if (!names.add(c.name())) {
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
            Rex cond = x.predicate(stateRefs(s.condition(), stepIndex), scope);
            Map<String, Rex> assigned = new LinkedHashMap<>();
            for (Operator.Assignment as : s.assignments()) {
                Field target = declared.stream().filter(f -> f.name().equals(as.name())).findFirst().orElseThrow(() -> KqlException.at(
                        ErrorCode.WRONG_ARGUMENTS, as.span(), "A scan step can only assign declared columns; '" + as.name() + "' is not declared"));
                assigned.put(target.name(), Types.coerce(x.analyze(stateRefs(as.expr(), stepIndex), scope), target.type()));
            }
            steps.add(new Rel.ScanStep(s.name(), s.output(), cond, assigned));
        }
        if (op.matchId() != null && names.contains(op.matchId())) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, op.span(), "The match id column '" + op.matchId() + "' already exists");
        }
        return new Rel.StepScan(in, declared, defaults, steps, op.matchId(), partition);
    }

    /** Rewrites {@code step.column} to the hidden state column; everything else is kept. */
    private static Expr stateRefs(Expr e, Map<String, Integer> steps) {
        if (e instanceof Expr.Member m && m.target() instanceof Expr.Name n && steps.containsKey(n.name())) {
            return new Expr.Name(stateColumn(steps.get(n.name()), m.name()), m.span());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), stateRefs(b.left(), steps), stateRefs(b.right(), steps), b.span());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), stateRefs(u.operand(), steps), u.span());
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.name(), c.args().stream().map(a -> stateRefs(a, steps)).toList(), c.span());
        }
        if (e instanceof Expr.NamedArg na) {
            return new Expr.NamedArg(na.name(), stateRefs(na.value(), steps), na.span());
        }
        if (e instanceof Expr.InList il) {
            return new Expr.InList(il.op(), stateRefs(il.left(), steps), il.items().stream().map(a -> stateRefs(a, steps)).toList(), il.span());
        }
        if (e instanceof Expr.Between bt) {
            return new Expr.Between(stateRefs(bt.left(), steps), stateRefs(bt.low(), steps), stateRefs(bt.high(), steps), bt.negated(), bt.span());
        }
        if (e instanceof Expr.Member m) {
            return new Expr.Member(stateRefs(m.target(), steps), m.name(), m.span());
        }
        if (e instanceof Expr.Index ix) {
            return new Expr.Index(stateRefs(ix.target(), steps), stateRefs(ix.index(), steps), ix.span());
        }
        return e;
    }
}
