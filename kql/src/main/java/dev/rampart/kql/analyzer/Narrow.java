package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate narrow(): one row per input cell, as Row (the input row's 0-based position), Column (its name) and Value
 * (the cell as a string), ordered by row and then by the column's position.
 */
final class Narrow {
    private final Analyzer a;
    private final Operators ops;

    Narrow(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        if (!p.args().isEmpty()) {
            throw p.wrong(p.args().get(0).span(), "takes no arguments");
        }
        List<Operator.Assignment> cols = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < in.fields().size(); i++) {
            Field f = in.fields().get(i);
            cols.add(p.keep(f.name()));
            parts.add("(__nw_in | project Row = __nw_row - 1, Column = " + PluginPipeline.literal(f.name()) + ", Value = tostring("
                    + PluginPipeline.quote(f.name()) + "), __nw_c = " + i + ")");
        }
        p.inputNumbered(in, "__nw_in", cols, "__nw_row");
        String text = "union " + String.join(", ", parts) + "\n| order by Row asc, __nw_c asc\n| project Row, Column, Value";
        return p.compile(text);
    }
}
