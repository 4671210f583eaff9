package dev.rampart.kql.udf;

import net.openhft.hashing.LongHashFunction;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Kusto's non-cryptographic hashes: XXH64 with seed 0 over the value's bytes. */
final class HashFunctions implements Family {
    private static final LongHashFunction XX = LongHashFunction.xx(0);

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "hash_xxhash64 s,l?>l", a -> {
            if (a[0] == null || (a.length > 1 && a[1] == null)) {
                return null;
            }
            long h = XX.hashBytes(((String) a[0]).getBytes(StandardCharsets.UTF_8));
            return a.length > 1 ? Math.floorMod(h, (Long) a[1]) : h;
        });
    }
}
