package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * ipv6_lookup's block join keys. An address arrives as the text "32 hex digits/prefix" (from the Java parser, so
 * IPv4-mapped and abbreviated forms read as ipv6_is_match reads them) and becomes two unsigned 64-bit halves; the top
 * n bits of an address are then a pair of numbers that a hash join can compare.
 */
final class Ipv6LookupSql {
    private Ipv6LookupSql() {
    }

    static boolean handles(String fn) {
        return List.of("ipv6_lookup_hi", "ipv6_lookup_lo", "ipv6_lookup_prefix", "ipv6_lookup_block_hi", "ipv6_lookup_block_lo").contains(fn);
    }

    /** A null key (invalid text) stays null: || propagates it where concat would not. */
    static String render(RexRenderer x, Rex.Call c, String q) {
        List<String> s = new ArrayList<>();
        c.args().forEach(r -> s.add(x.r(r, q)));
        return switch (c.fn()) {
            case "ipv6_lookup_hi" -> "CAST((" + x.param("0x") + " || substr(" + s.get(0) + ", 1, 16)) AS UBIGINT)";
            case "ipv6_lookup_lo" -> "CAST((" + x.param("0x") + " || substr(" + s.get(0) + ", 17, 16)) AS UBIGINT)";
            case "ipv6_lookup_prefix" -> "CAST(substr(" + s.get(0) + ", 34) AS BIGINT)";
            // A shift by 64 gives 0, so n = 0 needs no case of its own.
            case "ipv6_lookup_block_hi" -> "(CASE WHEN " + s.get(1) + " >= 64 THEN " + s.get(0) + " ELSE " + s.get(0) + " >> (64 - " + s.get(1) + ") END)";
            default -> "(CASE WHEN " + s.get(1) + " <= 64 THEN CAST(0 AS UBIGINT) ELSE " + s.get(0) + " >> (128 - " + s.get(1) + ") END)";
        };
    }
}
