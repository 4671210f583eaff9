package dev.rampart.kql.plan;

import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * A typed scalar expression. Function names are canonical KQL names ({@code has}, {@code tolower},
 * {@code agg:count}); the SQL renderer maps each to its dialect's spelling.
 */
public sealed interface Rex {
    KqlType type();

    /** A column of the input row set. */
    record ColRef(String name, KqlType type) implements Rex {
    }

    /** A column of one side of a join condition: side 0 is left, 1 is right. */
    record SideRef(int side, String name, KqlType type) implements Rex {
    }

    /**
     * A constant, always rendered as a bind parameter. Values: String, Long, Integer, Double, Boolean,
     * java.time.LocalDateTime (UTC), Long microseconds for timespan, JSON text for dynamic, or null.
     */
    record Lit(Object value, KqlType type) implements Rex {
    }

    record Call(String fn, List<Rex> args, KqlType type) implements Rex {
    }

    /** Reads a JSON value at a constant path: keys are String, array positions Long. */
    record JsonPath(Rex base, List<Object> path) implements Rex {
        @Override
        public KqlType type() {
            return KqlType.DYNAMIC;
        }
    }

    /** An aggregate; {@code filter} is the *if predicate of countif/sumif/... or null. */
    record Agg(String fn, List<Rex> args, Rex filter, boolean distinct, KqlType type) implements Rex {
    }

    /** The first column of the first row of a row set (toscalar). */
    record ScalarQuery(Rel rel, KqlType type) implements Rex {
    }

    /** {@code left in (tabular)}: membership in the first column of a row set. */
    record InQuery(Rex left, Rel rel, boolean caseInsensitive) implements Rex {
        @Override
        public KqlType type() {
            return KqlType.BOOL;
        }
    }

    /** Reads a field out of a row-picking aggregate's record (arg_max and friends). */
    record FieldOf(Rex record, String field, KqlType type) implements Rex {
    }

    /** A packed record of named values, the argument of row-picking aggregates. */
    record Record(List<String> names, List<Rex> values) implements Rex {
        @Override
        public KqlType type() {
            return KqlType.DYNAMIC;
        }
    }
}
