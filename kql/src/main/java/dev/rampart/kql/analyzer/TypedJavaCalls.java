package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls whose Java function depends on the argument type or needs it in another form.
 * {@code hash()} and {@code hash_xxhash64()}: XXH64 over the value's binary form, so the Java hash
 * chosen depends on the argument type (text as UTF-8, numbers, datetimes and timespans as their
 * little-endian 64-bit value or ticks, guids as their 16 bytes).
 */
final class TypedJavaCalls {
    private TypedJavaCalls() {
    }

    /** format_timespan(): the Java formatter reads the timespan as ticks. */
    static Rex formatTimespan(Functions f, Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 2);
        Rex span = f.typed(c.args().get(0), scope, KqlType.TIMESPAN, c);
        Rex fmt = f.typed(c.args().get(1), scope, KqlType.STRING, c);
        return new Rex.Call("__format_timespan", List.of(new Rex.Call("__timespan_ticks", List.of(span), KqlType.LONG), fmt), KqlType.STRING);
    }

    static Rex hash(Functions f, ExprAnalyzer x, Expr.Call c, Scope scope) {
        Functions.arity(c, 1, 2);
        Rex v = x.analyze(c.args().get(0), scope);
        List<Rex> args = new ArrayList<>();
        String fn;
        switch (v.type()) {
            case LONG -> {
                fn = "__xxhash64_long";
                args.add(v);
            }
            case INT -> {
                fn = "__xxhash64_int";
                args.add(v);
            }
            case REAL, DECIMAL -> {
                fn = "__xxhash64_real";
                args.add(Types.coerce(v, KqlType.REAL));
            }
            case BOOL -> {
                fn = "__xxhash64_bool";
                args.add(v);
            }
            case DATETIME, TIMESPAN -> {
                fn = "__xxhash64_long";
                args.add(new Rex.Call(v.type() == KqlType.DATETIME ? "__datetime_ticks" : "__timespan_ticks", List.of(v), KqlType.LONG));
            }
            case GUID -> {
                fn = "__xxhash64_guid";
                args.add(v);
            }
            default -> {
                fn = "hash_xxhash64";
                args.add(Types.string(v));
            }
        }
        if (c.args().size() > 1) {
            args.add(f.typed(c.args().get(1), scope, KqlType.LONG, c));
        }
        return new Rex.Call(fn, args, KqlType.LONG);
    }
}
