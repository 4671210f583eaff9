package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small tabular operators: as, sample, getschema, project-reorder with a name order. */
final class TabularOps {
    private final Analyzer a;

    TabularOps(Analyzer a) {
        this.a = a;
    }

    /** {@code as Name}: later parts of the query read the same rows by that name (once, when materialized). */
    Rel as(Rel in, Operator.As as) {
        CteDef def = new CteDef(a.ctes.size(), as.name(), in, as.materialized());
        a.ctes.add(def);
        a.lets.put(as.name(), new Binding.Tabular(def));
        return new Rel.CteRef(def.id(), in.fields());
    }

    Rel sample(Rel in, Operator.Sample s) {
        Rex n = a.exprs.analyze(s.count(), Scope.EMPTY);
        if (!(n instanceof Rex.Lit l) || !(l.value() instanceof Long v) || v < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.count().span(), "sample needs a constant, non-negative row count");
        }
        Rex random = new Rex.Call("rand", List.of(), KqlType.REAL);
        return new Rel.Limit(new Rel.Sort(in, List.of(new Rel.SortKey(random, true, false))), n);
    }

    static final List<Field> SCHEMA_FIELDS = List.of(new Field("ColumnName", KqlType.STRING), new Field("ColumnOrdinal", KqlType.INT),
            new Field("DataType", KqlType.STRING), new Field("ColumnType", KqlType.STRING));

    /** The CLR type Kusto reports for each of its types in getschema. */
    static String clrType(KqlType t) {
        return switch (t) {
            case STRING -> "System.String";
            case LONG -> "System.Int64";
            case INT -> "System.Int32";
            case REAL -> "System.Double";
            case DECIMAL -> "System.Data.SqlTypes.SqlDecimal";
            case BOOL -> "System.SByte";
            case DATETIME -> "System.DateTime";
            case TIMESPAN -> "System.TimeSpan";
            case GUID -> "System.Guid";
            case DYNAMIC -> "System.Object";
        };
    }

    /** The schema is known when compiling, so getschema is a constant table. */
    static Rel getSchema(Rel in) {
        List<List<Rex>> rows = new ArrayList<>();
        List<Field> fields = in.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            rows.add(List.of(new Rex.Lit(f.name(), KqlType.STRING), new Rex.Lit(i, KqlType.INT),
                    new Rex.Lit(clrType(f.type()), KqlType.STRING), new Rex.Lit(f.type().kustoName(), KqlType.STRING)));
        }
        return new Rel.Values(rows, SCHEMA_FIELDS);
    }

    /** The names each pattern matched, in the pattern's order: as they come, or sorted by name. */
    static List<String> reorder(List<List<String>> matches, List<String> orders, List<Field> fields) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            List<String> names = new ArrayList<>(matches.get(i));
            String o = orders.get(i);
            if (o != null) {
                Comparator<String> cmp = o.startsWith("granny") ? TabularOps::natural : Comparator.naturalOrder();
                names.sort(o.endsWith("desc") ? cmp.reversed() : cmp);
            }
            names.forEach(n -> {
                if (!order.contains(n)) {
                    order.add(n);
                }
            });
        }
        fields.forEach(f -> {
            if (!order.contains(f.name())) {
                order.add(f.name());
            }
        });
        return order;
    }

    /** "Granny" order: runs of digits compare as numbers, so a2 comes before a10. */
    static int natural(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            char cx = x.charAt(i);
            char cy = y.charAt(j);
            if (Character.isDigit(cx) && Character.isDigit(cy)) {
                int si = i;
                int sj = j;
                while (i < x.length() && Character.isDigit(x.charAt(i))) {
                    i++;
                }
                while (j < y.length() && Character.isDigit(y.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(x.substring(si, i)).compareTo(new java.math.BigInteger(y.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (cx != cy) {
                    return Character.compare(cx, cy);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /**
     * project-by-names with computed names: each expression is a constant string or dynamic array once lets and
     * parameters are substituted, or column_names_of(T). Names of no input column are skipped.
     */
    List<String> namesToKeep(Rel in, Operator.ProjectByNames pb) {
        List<String> wanted = new ArrayList<>();
        for (dev.rampart.kql.ast.Expr e : pb.names()) {
            if (e instanceof dev.rampart.kql.ast.Expr.Call c && c.name().equals("column_names_of") && c.args().size() == 1) {
                a.tabular(c.args().get(0)).fields().forEach(f -> wanted.add(f.name()));
                continue;
            }
            Rex r = a.exprs.analyze(e, Scope.EMPTY);
            Object v = r instanceof Rex.Lit l ? l.value() : null;
            if (v instanceof String text && r.type() == KqlType.DYNAMIC) {
                v = JsonLines.read(text);
            }
            if (v instanceof String one) {
                wanted.add(one);
            } else if (v instanceof List<?> many && many.stream().allMatch(n -> n instanceof String)) {
                many.forEach(n -> wanted.add((String) n));
            } else {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "project-by-names needs constant column names (a string or a dynamic array of strings)");
            }
        }
        List<String> out = new ArrayList<>();
        List<String> names = in.fields().stream().map(Field::name).toList();
        for (String w : wanted) {
            String regex = java.util.regex.Pattern.quote(w).replace("*", "\\E.*\\Q");
            names.stream().filter(n -> n.matches(regex) && !out.contains(n)).forEach(out::add);
        }
        return out;
    }

    static Map<String, Field> byName(List<Field> fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f.name(), f));
        return m;
    }
}
