package dev.rampart.kql.plan;

import dev.rampart.kql.schema.Table;

import java.util.List;
import java.util.Optional;

/** The logical plan: a tree of row sets, each knowing its output columns. */
public sealed interface Rel {
    List<Field> fields();

    record NamedRex(String name, Rex rex) {
        public Field field() {
            return new Field(name, rex.type());
        }
    }

    record SortKey(Rex rex, boolean ascending, boolean nullsFirst) {
    }

    enum JoinKind { INNER, INNER_UNIQUE, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER, LEFT_SEMI, LEFT_ANTI, RIGHT_SEMI, RIGHT_ANTI }

    /**
     * A read of a hunting table. {@code since} is the default time window lower bound (on Timestamp);
     * {@code scope} is the caller's row filter (RBAC), added to every read of that table.
     */
    record Scan(Table table, Optional<Rex> since, Optional<ScopeFilter> scope, List<Field> fields) implements Rel {
    }

    /** A reference to a let-bound or materialized row set rendered once as a CTE. */
    record CteRef(int id, List<Field> fields) implements Rel {
    }

    record Values(List<List<Rex>> rows, List<Field> fields) implements Rel {
    }

    record Filter(Rel input, Rex condition) implements Rel {
        @Override
        public List<Field> fields() {
            return input.fields();
        }
    }

    record Project(Rel input, List<NamedRex> columns) implements Rel {
        @Override
        public List<Field> fields() {
            return columns.stream().map(NamedRex::field).toList();
        }
    }

    record Aggregate(Rel input, List<NamedRex> keys, List<NamedRex> aggregates) implements Rel {
        @Override
        public List<Field> fields() {
            return java.util.stream.Stream.concat(keys.stream(), aggregates.stream()).map(NamedRex::field).toList();
        }
    }

    record Sort(Rel input, List<SortKey> keys) implements Rel {
        @Override
        public List<Field> fields() {
            return input.fields();
        }
    }

    record Limit(Rel input, Rex count) implements Rel {
        @Override
        public List<Field> fields() {
            return input.fields();
        }
    }

    /**
     * The rows of a shared row set (consume): none are returned, but the engine still has to compute every row and
     * column, because the result's filter compares an aggregate over all of them (a count of row hashes) with a value
     * it can never take. Reading the set by reference keeps it computed once.
     */
    record Consume(int cteId, List<Field> fields) implements Rel {
    }

    record Distinct(Rel input) implements Rel {
        @Override
        public List<Field> fields() {
            return input.fields();
        }
    }

    /**
     * A join on equality keys. {@code leftOut}/{@code rightOut} name the columns each side contributes,
     * in output order (right names already carry Kusto's clash suffix).
     */
    record Join(JoinKind kind, Rel left, Rel right, List<Rex> leftKeys, List<Rex> rightKeys,
                List<NamedRex> leftOut, List<NamedRex> rightOut) implements Rel {
        @Override
        public List<Field> fields() {
            return java.util.stream.Stream.concat(leftOut.stream(), rightOut.stream()).map(NamedRex::field).toList();
        }
    }

    /** Inputs are already projected to {@code fields} (missing columns as typed nulls). */
    record Union(List<Rel> inputs, List<Field> fields) implements Rel {
    }

    /**
     * One row per key: each aggregate as an array over the bins from..to (exclusive) of width step,
     * empty bins filled with the default; the axis column holds the bin starts.
     */
    record MakeSeries(Rel input, List<NamedRex> keys, List<NamedRex> aggregates, List<Rex> defaults, Rex axis,
                      String axisName, Rex from, Rex to, Rex step) implements Rel {
        @Override
        public List<Field> fields() {
            List<Field> f = new java.util.ArrayList<>();
            keys.forEach(k -> f.add(k.field()));
            aggregates.forEach(a -> f.add(new Field(a.name(), dev.rampart.kql.schema.KqlType.DYNAMIC)));
            f.add(new Field(axisName, dev.rampart.kql.schema.KqlType.DYNAMIC));
            return f;
        }
    }

    /**
     * The row set after bag_unpack without a declared schema: columns named later are read from the
     * bag column on use, since its keys are only known at run time.
     */
    record OpenBag(Rel input, String bagColumn) implements Rel {
        @Override
        public List<Field> fields() {
            return input.fields();
        }
    }

    record ExpandItem(String name, Rex array, dev.rampart.kql.schema.KqlType to) {
    }

    /** One output row per element of the arrays (expanded in parallel); other columns repeat. */
    record MvExpand(Rel input, List<ExpandItem> items, String itemIndex, Rex limit, List<Field> fields) implements Rel {
    }

    /**
     * The scan operator. Conditions and assignments read the current row's columns by name and a step's state as
     * {@code ColRef("__s<k>_<column>")} (k 1-based, column an input or declared column). Output: the input columns,
     * the declared columns, then the match id column when {@code matchId} is set. With a {@code partition} column
     * (a scan inside partition) each value of it is scanned on its own, its rows in input order.
     */
    record StepScan(Rel input, List<Field> declared, List<Rex> defaults, List<ScanStep> steps, String matchId, String partition)
            implements Rel {
        public StepScan(Rel input, List<Field> declared, List<Rex> defaults, List<ScanStep> steps, String matchId) {
            this(input, declared, defaults, steps, matchId, null);
        }

        @Override
        public List<Field> fields() {
            List<Field> f = new java.util.ArrayList<>(input.fields());
            f.addAll(declared);
            if (matchId != null) {
                f.add(new Field(matchId, dev.rampart.kql.schema.KqlType.LONG));
            }
            return f;
        }
    }

    /** {@code assignments} by declared column name; {@code output} is all, last or none. */
    record ScanStep(String name, String output, Rex condition, java.util.Map<String, Rex> assignments) {
    }

    /** A graph algorithm over node and edge row sets (make-graph's operators), with its output columns. */
    record Graph(GraphRel op, List<Field> fields) implements Rel {
    }

    /** {@code range Name from A to B step S}: one row per value, both ends included, generated by the engine. */
    record Series(String name, dev.rampart.kql.schema.KqlType type, Rex from, Rex to, Rex step) implements Rel {
        @Override
        public List<Field> fields() {
            return List.of(new Field(name, type));
        }
    }
}
