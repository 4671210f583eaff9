package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/** Aggregation functions inside summarize, and the column names Kusto gives them. */
final class Aggregates {
    private final ExprAnalyzer x;

    Aggregates(ExprAnalyzer x) {
        this.x = x;
    }

    Rex aggregate(String name, Expr.Call c, Scope scope) {
        Scope row = new Scope(scope.fields(), false);
        List<Expr> a = c.args();
        switch (name) {
            case "count":
                Functions.arity(c, 0, 1);
                // count(x) counts rows, nulls included, unlike SQL COUNT(x).
                return new Rex.Agg("count", List.of(), null, false, KqlType.LONG);
            case "countif":
                Functions.arity(c, 1, 1);
                return new Rex.Agg("count", List.of(), x.predicate(a.get(0), row), false, KqlType.LONG);
            case "dcount":
                Functions.arity(c, 1, 2);
                return new Rex.Agg("dcount", List.of(value(a.get(0), row)), null, false, KqlType.LONG);
            case "dcountif":
                Functions.arity(c, 2, 3);
                return new Rex.Agg("dcount", List.of(value(a.get(0), row)), x.predicate(a.get(1), row), false, KqlType.LONG);
            case "count_distinct":
                Functions.arity(c, 1, 1);
                return new Rex.Agg("count_distinct", List.of(value(a.get(0), row)), null, true, KqlType.LONG);
            case "count_distinctif":
                Functions.arity(c, 2, 2);
                return new Rex.Agg("count_distinct", List.of(value(a.get(0), row)), x.predicate(a.get(1), row), true, KqlType.LONG);
            case "sum", "sumif", "avg", "avgif", "min", "max", "minif", "maxif", "stdev", "variance", "stdevif", "varianceif",
                    "stdevp", "variancep", "stdevpif", "variancepif", "binary_all_and", "binary_all_or", "binary_all_xor": {
                boolean cond = name.endsWith("if");
                Functions.arity(c, cond ? 2 : 1, cond ? 2 : 1);
                Rex v = value(a.get(0), row);
                String base = cond ? name.substring(0, name.length() - 2) : name;
                if (v.type() == KqlType.DYNAMIC) {
                    v = Types.coerce(v, KqlType.REAL);
                }
                boolean ordered = base.equals("min") || base.equals("max");
                if (!v.type().isNumeric() && !(ordered && v.type() != KqlType.DYNAMIC) && v.type() != KqlType.TIMESPAN) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, a.get(0).span(),
                            c.name() + "() expects a number but was given a " + v.type().kustoName());
                }
                KqlType t = switch (base) {
                    // Kusto averages time spans to a time span (Kusto.Language's avg signatures).
                    case "avg" -> v.type() == KqlType.TIMESPAN ? KqlType.TIMESPAN : KqlType.REAL;
                    case "stdev", "variance", "stdevp", "variancep" -> KqlType.REAL;
                    case "binary_all_and", "binary_all_or", "binary_all_xor" -> KqlType.LONG;
                    case "sum" -> v.type() == KqlType.INT ? KqlType.LONG : v.type();
                    default -> v.type();
                };
                Rex filter = cond ? x.predicate(a.get(1), row) : null;
                return new Rex.Agg(base, List.of(v), filter, false, t);
            }
            case "make_set", "make_list", "make_set_if", "make_list_if": {
                boolean cond = name.endsWith("_if");
                Functions.arity(c, cond ? 2 : 1, cond ? 3 : 2);
                List<Rex> args = new ArrayList<>();
                args.add(value(a.get(0), row));
                int limitAt = cond ? 2 : 1;
                if (a.size() > limitAt) {
                    Rex n = x.analyze(a.get(limitAt), row);
                    if (!(n instanceof Rex.Lit l) || !(l.value() instanceof Long)) {
                        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(limitAt).span(), c.name() + "() needs a constant size limit");
                    }
                    args.add(n);
                }
                String base = name.startsWith("make_set") ? "make_set" : "make_list";
                return new Rex.Agg(base, args, cond ? x.predicate(a.get(1), row) : null, base.equals("make_set"), KqlType.DYNAMIC);
            }
            case "make_list_with_nulls": {
                Functions.arity(c, 1, 1);
                return new Rex.Agg(name, List.of(value(a.get(0), row)), null, false, KqlType.DYNAMIC);
            }
            case "make_bag", "make_bag_if": {
                boolean cond = name.endsWith("_if");
                Functions.arity(c, cond ? 2 : 1, cond ? 2 : 1);
                Rex bag = Types.coerce(value(a.get(0), row), KqlType.DYNAMIC);
                return new Rex.Agg("make_bag", List.of(bag), cond ? x.predicate(a.get(1), row) : null, false, KqlType.DYNAMIC);
            }
            case "take_any", "take_anyif": {
                boolean cond = name.endsWith("if");
                if (!cond && (a.size() != 1 || a.get(0) instanceof Expr.Star)) {
                    // Summarizer answers the whole-column form; inside an expression it has no one value.
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                            c.name() + "() of several columns must be a whole summarize column, not part of an expression");
                }
                Functions.arity(c, cond ? 2 : 1, cond ? 2 : 1);
                Rex v = value(a.get(0), row);
                return new Rex.Agg("take_any", List.of(v), cond ? x.predicate(a.get(1), row) : null, false, v.type());
            }
            case "covariance", "covariancep", "covarianceif", "covariancepif": {
                boolean cond = name.endsWith("if");
                Functions.arity(c, cond ? 3 : 2, cond ? 3 : 2);
                Rex v1 = Types.coerce(value(a.get(0), row), KqlType.REAL);
                Rex v2 = Types.coerce(value(a.get(1), row), KqlType.REAL);
                String base = cond ? name.substring(0, name.length() - 2) : name;
                return new Rex.Agg(base, List.of(v1, v2), cond ? x.predicate(a.get(2), row) : null, false, KqlType.REAL);
            }
            case "percentile": {
                Functions.arity(c, 2, 2);
                Rex v = value(a.get(0), row);
                Rex p = x.analyze(a.get(1), row);
                if (!(p instanceof Rex.Lit l) || !(l.value() instanceof Number)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(1).span(), "percentile() needs a constant percentage");
                }
                double frac = ((Number) ((Rex.Lit) p).value()).doubleValue() / 100.0;
                return new Rex.Agg("percentile", List.of(v, new Rex.Lit(frac, KqlType.REAL)), null, false, v.type());
            }
            case "percentiles", "percentilesw": {
                // A single percentage inside an expression; several are whole summarize columns (Summarizer).
                List<dev.rampart.kql.plan.Rel.NamedRex> cols = new Sketches(x).columns(c, List.of(), row);
                if (cols.size() != 1) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() with several percentages must be a whole summarize column");
                }
                return cols.get(0).rex();
            }
            default:
                if (Sketches.AGGREGATES.contains(name)) {
                    return new Sketches(x).aggregate(name, c, row);
                }
                throw KqlException.unsupported(c.span(), "agg:" + c.name(), "The aggregation " + c.name() + "()");
        }
    }

    private Rex value(Expr e, Scope row) {
        if (e instanceof Expr.Star s) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.span(), "'*' is not allowed here");
        }
        return x.analyze(e, row);
    }

    /** count_, dcount_DeviceId, set_FileName ...; null when Kusto would fall back to Column1. */
    static String defaultName(Expr e) {
        if (!(e instanceof Expr.Call c)) {
            return null;
        }
        String name = Functions.canonical(c.name());
        if (name.equals("percentiles_array") || name.equals("percentilesw_array")) {
            return Sketches.arrayName(c);
        }
        if (Sketches.multiColumn(name) && c.args().size() > 1) {
            return null == Naming.derive(c.args().get(0)) ? null : "percentile_" + Naming.derive(c.args().get(0)) + "_"
                    + (c.args().get(c.args().size() - 1) instanceof Expr.Literal l ? String.valueOf(l.value()).replace('.', '_') : "");
        }
        // take_any(x) and take_anyif(x, p) keep the column's own name; only the obsolete any() and anyif() add a prefix.
        if ((c.name().equals("take_any") || c.name().equals("take_anyif")) && !c.args().isEmpty()) {
            String arg = Naming.derive(c.args().get(0));
            return arg != null ? arg : c.name().equals("take_any") ? "any_arg0" : null;
        }
        if (name.startsWith("binary_all_") && !c.args().isEmpty()) {
            return Naming.derive(c.args().get(0)); // named after the column, as Kusto.Language names them
        }
        if (c.name().equals("make_dictionary")) {
            String arg = c.args().isEmpty() ? null : Naming.derive(c.args().get(0));
            return "dictionary_" + (arg == null ? "" : arg);
        }
        String prefix = switch (name) {
            case "merge_tdigest", "tdigest_merge" -> "merge_tdigests_";
            case "count" -> "count_";
            case "countif" -> "countif_";
            case "make_set", "make_set_if" -> "set_";
            case "make_bag", "make_bag_if" -> "bag_";
            case "buildschema" -> "schema_";
            case "make_list", "make_list_if", "make_list_with_nulls" -> "list_";
            case "take_any" -> "any_";
            case "take_anyif" -> "anyif_";
            default -> Functions.isAggregate(name) ? name + "_" : null;
        };
        if (prefix == null || (name.equals("count") && c.args().isEmpty())) {
            return prefix;
        }
        String arg = c.args().isEmpty() ? null : Naming.derive(c.args().get(0));
        String n = prefix + (arg == null ? "" : arg);
        if (name.startsWith("covariance") && c.args().size() > 1) {
            String second = Naming.derive(c.args().get(1));
            n += second == null ? "" : "_" + second; // covariance_x_y names both columns
        }
        if (name.equals("percentile") && c.args().size() == 2 && c.args().get(1) instanceof Expr.Literal l) {
            n += "_" + String.valueOf(l.value()).replace('.', '_');
        }
        return n;
    }
}
