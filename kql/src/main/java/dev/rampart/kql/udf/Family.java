package dev.rampart.kql.udf;

import java.util.function.Consumer;

/** A group of related Java functions; listed in {@link Families#ALL}. */
interface Family {
    void define(Consumer<JavaFunction> out);

    /** Shorthand for families: {@code fn(out, "name args>result", args -> ...)}. */
    static void fn(Consumer<JavaFunction> out, String signature, JavaFunction.Body body) {
        out.accept(new JavaFunction(signature, body));
    }
}
