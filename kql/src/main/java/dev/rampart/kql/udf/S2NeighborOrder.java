package dev.rampart.kql.udf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which Kusto lists a cell's neighbours. S2 finds them in its own walk (diagonal, top-bottom,
 * left-right rows); Kusto's list is that walk read back out of a hash set of the tokens laid out like the
 * Microsoft C++ library's unordered_set: eight buckets, a token's bucket the low bits of the 64-bit FNV-1a hash
 * of its characters, buckets listed in the order they were first used, and within a bucket the latest token first.
 * This is the only model among those tried (sorts by id, token, position or geometry; other hash tables,
 * hashes and bucket counts) that gives the documented list; Kusto documents one cell's list, so the model rests
 * on that one case. A cell has at most eight distinct neighbours, so the table never grows past its first size.
 */
final class S2NeighborOrder {
    private static final int BUCKETS = 8;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private S2NeighborOrder() {
    }

    /** The distinct tokens, given in S2's neighbour order, in the order Kusto lists them. */
    static List<String> of(List<String> s2Order) {
        List<List<String>> buckets = new ArrayList<>();
        List<Integer> bucketIds = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String token : s2Order) {
            if (seen.contains(token)) {
                continue;
            }
            seen.add(token);
            int bucket = (int) (fnv1a64(token) & (BUCKETS - 1));
            int at = bucketIds.indexOf(bucket);
            if (at < 0) {
                bucketIds.add(bucket);
                buckets.add(new ArrayList<>(List.of(token)));
            } else {
                buckets.get(at).add(0, token);
            }
        }
        List<String> out = new ArrayList<>();
        buckets.forEach(out::addAll);
        return out;
    }

    /** 64-bit FNV-1a over the token's bytes (tokens are ASCII hex). */
    static long fnv1a64(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }
}
