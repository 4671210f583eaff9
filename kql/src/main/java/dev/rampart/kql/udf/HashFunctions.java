package dev.rampart.kql.udf;

import net.openhft.hashing.LongHashFunction;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Kusto's non-cryptographic hashes: XXH64 with seed 0 over the value's bytes. The {@code __} variants
 * hash the little-endian binary form of non-text values; the analyzer picks one by argument type.
 */
final class HashFunctions implements Family {
    private static final LongHashFunction XX = LongHashFunction.xx(0);

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "hash_xxhash64 s,l?>l", a -> hashed(a, ((String) a[0]).getBytes(StandardCharsets.UTF_8)));
        fn(out, "__xxhash64_long l,l?>l", a -> hashed(a, le(8).putLong((Long) a[0]).array()));
        fn(out, "__xxhash64_int l,l?>l", a -> hashed(a, le(4).putInt(((Long) a[0]).intValue()).array()));
        fn(out, "__xxhash64_real r,l?>l", a -> hashed(a, le(8).putDouble((Double) a[0]).array()));
        fn(out, "__xxhash64_bool b,l?>l", a -> hashed(a, new byte[] {(byte) ((Boolean) a[0] ? 1 : 0)}));
        fn(out, "__xxhash64_guid g,l?>l", a -> {
            byte[] b = CodecFunctions.Guids.toBytes((String) a[0]);
            return b == null ? null : hashed(a, b);
        });
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The optional second argument folds the hash into {@code [0, modulo)}. */
    private static Long hashed(Object[] a, byte[] bytes) {
        if (a[0] == null || (a.length > 1 && a[1] == null)) {
            return null;
        }
        long h = XX.hashBytes(bytes);
        return a.length > 1 ? Math.floorMod(h, (Long) a[1]) : h;
    }
}
