package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * evaluate schema_merge([PreserveOrder]) over getschema rows (a new schema starts at ordinal 0): one row per column
 * name. With PreserveOrder (the default) a column must keep the ordinal of the schema it first appeared in; one that
 * does not is reported as an error row with ordinal -1. Without it, columns take the layout of the last schema that
 * has them, and the ordinals are renumbered.
 */
final class SchemaMerge {
    private static final String OUT_OF_ORDER = "ERROR(columns are out of order)";

    private final Analyzer a;

    SchemaMerge(Analyzer a) {
        this.a = a;
    }

    private static final class Column {
        final String name;
        int ordinal;
        final int seen;
        String clr;
        String type;
        boolean error;

        Column(String name, int ordinal, int seen, String clr, String type) {
            this.name = name;
            this.ordinal = ordinal;
            this.seen = seen;
            this.clr = clr;
            this.type = type;
        }
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        boolean preserveOrder = true;
        List<Expr> args = ev.plugin().args();
        if (args.size() > 1) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(), "schema_merge takes at most one argument (PreserveOrder)");
        }
        if (args.size() == 1) {
            Rex v = a.exprs.analyze(args.get(0) instanceof Expr.NamedArg na ? na.value() : args.get(0), Scope.EMPTY);
            if (!(v instanceof Rex.Lit l) || !(l.value() instanceof Boolean b)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, args.get(0).span(), "schema_merge's PreserveOrder must be true or false");
            }
            preserveOrder = b;
        }
        List<String> names = in.fields().stream().map(f -> f.name()).toList();
        int nameAt = names.indexOf("ColumnName");
        int ordAt = names.indexOf("ColumnOrdinal");
        int clrAt = names.indexOf("DataType");
        int typeAt = names.indexOf("ColumnType");
        if (nameAt < 0 || ordAt < 0 || clrAt < 0 || typeAt < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.span(), "schema_merge expects the rows of getschema (ColumnName, ColumnOrdinal, DataType, ColumnType)");
        }
        List<List<Object>> rows = new ConstantRows(a).rows(in).orElseThrow(() -> KqlException.unsupported(ev.span(),
                "evaluate:schema_merge:runtime", "schema_merge over schemas that are only known when the query runs"));
        Map<String, Column> merged = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            String name = String.valueOf(row.get(nameAt));
            int ordinal = ((Number) row.get(ordAt)).intValue();
            String type = String.valueOf(row.get(typeAt));
            Column c = merged.get(name);
            if (c == null) {
                merged.put(name, new Column(name, ordinal, merged.size(), String.valueOf(row.get(clrAt)), type));
                continue;
            }
            if (preserveOrder && c.ordinal != ordinal) {
                c.error = true;
            } else if (!preserveOrder) {
                // Without PreserveOrder the later schema's layout wins.
                c.ordinal = ordinal;
            }
            if (!c.type.equals(type)) {
                // Differently typed values of one column can only be held as dynamic.
                c.type = KqlType.DYNAMIC.kustoName();
                c.clr = TabularOps.clrType(KqlType.DYNAMIC);
            }
        }
        List<Column> cols = new ArrayList<>(merged.values());
        cols.sort(Comparator.<Column>comparingInt(c -> c.error ? 1 : 0).thenComparingInt(c -> c.ordinal).thenComparingInt(c -> c.seen));
        List<List<Rex>> out = new ArrayList<>();
        int next = 0;
        for (Column c : cols) {
            if (!preserveOrder) {
                c.error = false;
            }
            int ordinal = c.error ? -1 : next++;
            String clr = c.error ? "ERROR(unknown CSL type:" + OUT_OF_ORDER + ")" : c.clr;
            String type = c.error ? OUT_OF_ORDER : c.type;
            out.add(List.of(new Rex.Lit(c.name, KqlType.STRING), new Rex.Lit(ordinal, KqlType.INT),
                    new Rex.Lit(clr, KqlType.STRING), new Rex.Lit(type, KqlType.STRING)));
        }
        return new Rel.Values(out, TabularOps.SCHEMA_FIELDS);
    }
}
