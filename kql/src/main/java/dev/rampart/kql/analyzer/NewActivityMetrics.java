package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.parser.Parser;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * evaluate new_activity_metrics(Id, Timeline, Start, End, Window [, Cohort] [, Lookback]): for each period (a
 * Window-wide step from Start up to End) the ids first seen in it ("new"; ids of the Lookback rows never are), and
 * for each later period how many of them are active again (retained) or not (churned). Every pair of periods gets a
 * row, as the reference says, a period without new ids too (its rates divide by zero). Written as a KQL pipeline over
 * the input bound under hidden names, so it is analyzed like any query.
 */
final class NewActivityMetrics {
    private static final String PIPELINE = """
            let __nam_acts = __nam_in | where __t >= __nam_start and __t <= __nam_end
                | summarize by __id, __p = __nam_start + bin(__t - __nam_start, __nam_window);
            let __nam_first = __nam_acts | summarize __f = min(__p) by __id %LOOKBACK%;
            let __nam_new = __nam_first | summarize __new = count() by __f;
            let __nam_kept = __nam_first | join kind=inner (__nam_acts) on __id | where __p >= __f
                | summarize __kept = count() by __f, __p;
            range __f from __nam_start to __nam_end step __nam_window | extend __k = 1
            | join kind=inner (range __to from __nam_start to __nam_end step __nam_window | extend __k = 1) on __k
            | where __to >= __f %COHORT%
            | join kind=leftouter (__nam_new) on __f
            | join kind=leftouter (__nam_kept) on $left.__f == $right.__f, $left.__to == $right.__p
            | project %FROM% = __f, %TO% = __to, dcount_new_values = coalesce(__new, 0), dcount_retained_values = coalesce(__kept, 0)
            | extend dcount_churn_values = dcount_new_values - dcount_retained_values
            | extend retention_rate = todouble(dcount_retained_values) / dcount_new_values,
                     churn_rate = todouble(dcount_churn_values) / dcount_new_values
            """;

    private final Analyzer a;
    private final Operators ops;

    NewActivityMetrics(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        List<Expr> args = ev.plugin().args();
        Span sp = ev.span();
        if (args.size() < 5) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(),
                    "new_activity_metrics(Id, Timeline, Start, End, Window [, Cohort] [, Lookback]) needs five arguments");
        }
        String timeline = Naming.derive(args.get(1));
        if (timeline == null) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, args.get(1).span(), "new_activity_metrics needs the timeline column");
        }
        Expr cohort = null;
        Expr lookback = null;
        for (int i = 5; i < args.size(); i++) {
            Expr e = args.get(i);
            if (i == args.size() - 1 && a.isTabular(e)) {
                lookback = e;
            } else if (i == 5) {
                cohort = e;
            } else {
                throw KqlException.unsupported(e.span(), "evaluate:new_activity_metrics:dimensions", "new_activity_metrics with dimension columns");
            }
        }
        Rel rows = ops.apply(in, new Operator.Project(List.of(new Operator.Assignment("__id", args.get(0), sp),
                new Operator.Assignment("__t", args.get(1), sp)), sp));
        bindRows("__nam_in", rows);
        bindScalar("__nam_start", args.get(2), KqlType.DATETIME);
        bindScalar("__nam_end", args.get(3), KqlType.DATETIME);
        bindScalar("__nam_window", args.get(4), KqlType.TIMESPAN);
        String cohortFilter = "";
        if (cohort != null) {
            bindScalar("__nam_cohort", cohort, KqlType.DATETIME);
            cohortFilter = "and __f == __nam_cohort";
        }
        String lookbackJoin = "";
        if (lookback != null) {
            Rel back = ops.apply(a.tabular(lookback), new Operator.Project(List.of(new Operator.Assignment("__id", args.get(0), sp)), sp));
            bindRows("__nam_lookback", back);
            lookbackJoin = "| join kind=leftanti (__nam_lookback) on __id";
        }
        String text = PIPELINE.replace("%LOOKBACK%", lookbackJoin).replace("%COHORT%", cohortFilter)
                .replace("%FROM%", "['from_" + timeline + "']").replace("%TO%", "['to_" + timeline + "']");
        Query q = Parser.parse(text);
        a.bindLets(q.lets());
        return a.tabular(q.body());
    }

    private void bindRows(String name, Rel rel) {
        CteDef def = new CteDef(a.ctes.size(), name, rel, false);
        a.ctes.add(def);
        a.lets.put(name, new Binding.Tabular(def));
    }

    private void bindScalar(String name, Expr e, KqlType type) {
        Rex r = a.exprs.analyze(e, Scope.EMPTY);
        if (r.type() != type) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), "new_activity_metrics expects a " + type.kustoName() + " here, not a "
                    + r.type().kustoName());
        }
        a.lets.put(name, new Binding.Scalar(r));
    }
}
