package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 functions over text addresses with an optional /prefix: an address is a 32-bit number, compared
 * and formatted after masking to the shortest prefix in play. Invalid text gives null (false for tests).
 */
final class Ipv4Sql {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String ADDRESS = OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET;
    /** A term boundary for has_ipv4: not a letter, digit or dot. */
    private static final String EDGE_BEFORE = "(^|[^0-9A-Za-z.])";
    private static final String EDGE_AFTER = "($|[^0-9A-Za-z.])";

    private Ipv4Sql() {
    }

    static boolean handles(String fn) {
        return List.of("parse_ipv4", "parse_ipv4_mask", "ipv4_compare", "ipv4_is_match", "ipv4_is_in_range", "ipv4_is_in_any_range",
                "format_ipv4", "format_ipv4_mask", "ipv4_netmask_suffix", "has_ipv4", "has_ipv4_prefix", "has_any_ipv4",
                "has_any_ipv4_prefix", "ipv4_lookup_address", "ipv4_lookup_bits", "ipv4_lookup_low", "ipv4_lookup_block").contains(fn);
    }

    static String render(RexRenderer x, Rex.Call c, String q) {
        List<String> s = new ArrayList<>();
        c.args().forEach(r -> s.add(x.r(r, q)));
        switch (c.fn()) {
            case "parse_ipv4":
                return "(CASE WHEN " + valid(x, s.get(0)) + " THEN " + masked(number(x, s.get(0)), bits(x, s.get(0))) + " END)";
            case "parse_ipv4_mask":
                return "(CASE WHEN " + valid(x, s.get(0)) + " AND " + s.get(1) + " BETWEEN 0 AND 32 THEN "
                        + masked(number(x, s.get(0)), "least(" + bits(x, s.get(0)) + ", " + s.get(1) + ")") + " END)";
            case "ipv4_netmask_suffix":
                return "(CASE WHEN " + valid(x, s.get(0)) + " THEN CAST(" + bits(x, s.get(0)) + " AS BIGINT) END)";
            case "ipv4_compare", "ipv4_is_match": {
                String m = "least(" + bits(x, s.get(0)) + ", " + bits(x, s.get(1)) + (s.size() > 2 ? ", " + s.get(2) : "") + ")";
                String diff = masked(number(x, s.get(0)), m) + " - " + masked(number(x, s.get(1)), m);
                String ok = valid(x, s.get(0)) + " AND " + valid(x, s.get(1));
                return c.fn().equals("ipv4_compare") ? "(CASE WHEN " + ok + " THEN CAST(sign(" + diff + ") AS BIGINT) END)"
                        : "(CASE WHEN " + ok + " THEN (" + diff + ") = 0 END)";
            }
            case "ipv4_is_in_range":
                return inRange(x, s.get(0), s.get(1));
            // ipv4_lookup's block join: ipv4_is_in_range(ip, range) holds exactly when the ip's number (its own
            // prefix ignored) agrees with the range's number in the range's prefix bits. Invalid text gives null.
            case "ipv4_lookup_address":
                return "(CASE WHEN " + valid(x, s.get(0)) + " THEN " + number(x, s.get(0)) + " END)";
            case "ipv4_lookup_bits":
                return "(CASE WHEN " + valid(x, s.get(0)) + " THEN " + bits(x, s.get(0)) + " END)";
            case "ipv4_lookup_low":
                return "(CASE WHEN " + valid(x, s.get(0)) + " THEN " + masked(number(x, s.get(0)), bits(x, s.get(0))) + " END)";
            case "ipv4_lookup_block":
                // The top n bits of a 32-bit number (n from 0 to 32).
                return "(" + s.get(0) + " >> (32 - " + s.get(1) + "))";
            case "ipv4_is_in_any_range":
                return any(x, c, s, r -> inRange(x, s.get(0), r));
            case "has_ipv4":
                return has(x, s.get(0), s.get(1), false);
            case "has_ipv4_prefix":
                return has(x, s.get(0), s.get(1), true);
            case "has_any_ipv4":
                return any(x, c, s, r -> has(x, s.get(0), r, false));
            case "has_any_ipv4_prefix":
                return any(x, c, s, r -> has(x, s.get(0), r, true));
            default: {
                // format_ipv4(_mask): a long is the address itself, text is parsed with its own prefix.
                boolean number = c.args().get(0).type() != KqlType.STRING;
                String v = number ? "CAST(" + s.get(0) + " AS BIGINT)" : number(x, s.get(0));
                String own = number ? "32" : bits(x, s.get(0));
                String m = s.size() > 1 ? "least(" + own + ", " + s.get(1) + ")" : own;
                String ok = (number ? v + " BETWEEN 0 AND 4294967295" : valid(x, s.get(0))) + (s.size() > 1 ? " AND " + s.get(1) + " BETWEEN 0 AND 32" : "");
                String mv = masked(v, m);
                String text = "concat(" + mv + " >> 24, " + x.param(".") + ", (" + mv + " >> 16) & 255, " + x.param(".") + ", (" + mv + " >> 8) & 255, "
                        + x.param(".") + ", " + mv + " & 255" + (c.fn().equals("format_ipv4_mask") ? ", " + x.param("/") + ", " + m : "") + ")";
                return "(CASE WHEN " + ok + " THEN " + text + " ELSE " + x.param("") + " END)";
            }
        }
    }

    private static String ip(RexRenderer x, String s) {
        return "split_part(trim(" + s + "), " + x.param("/") + ", 1)";
    }

    static String valid(RexRenderer x, String s) {
        return "coalesce(regexp_full_match(trim(" + s + "), " + x.param(ADDRESS + "(/([0-9]|[12][0-9]|3[0-2]))?") + "), FALSE)";
    }

    static String number(RexRenderer x, String s) {
        String ip = ip(x, s);
        StringBuilder b = new StringBuilder("(");
        for (int i = 1; i <= 4; i++) {
            if (i > 1) {
                b.append(" + ");
            }
            b.append("(TRY_CAST(split_part(").append(ip).append(", ").append(x.param(".")).append(", ").append(i).append(") AS BIGINT) << ")
                    .append(8 * (4 - i)).append(")");
        }
        return b.append(")").toString();
    }

    static String bits(RexRenderer x, String s) {
        return "coalesce(TRY_CAST(nullif(split_part(trim(" + s + "), " + x.param("/") + ", 2), " + x.param("") + ") AS BIGINT), 32)";
    }

    static String masked(String v, String bits) {
        // Shifted right first: 4294967295 << 32 overflows BIGINT in DuckDB, and a /0 prefix needs exactly that shift.
        return "(" + v + " & ((4294967295 >> (32 - " + bits + ")) << (32 - " + bits + ")))";
    }

    private static String inRange(RexRenderer x, String ip, String range) {
        String m = "least(" + bits(x, range) + ", " + bits(x, ip) + ")";
        return "(" + valid(x, ip) + " AND " + valid(x, range) + " AND " + masked(number(x, ip), bits(x, range)) + " = " + masked(number(x, range), bits(x, range))
                + " AND " + m + " >= 0)";
    }

    private static String has(RexRenderer x, String text, String ip, boolean prefix) {
        if (prefix) {
            // A prefix is one to three whole octets ending in a dot, or a whole address; the term it starts must be an address.
            String okPrefix = "(regexp_full_match(" + ip + ", " + x.param("(" + OCTET + "\\.){1,3}") + ") OR " + valid(x, ip) + ")";
            String term = "regexp_extract(" + text + ", concat(" + x.param(EDGE_BEFORE + "(") + ", regexp_escape(" + ip + "), " + x.param("[0-9.]*)" + EDGE_AFTER) + "), 2)";
            return "coalesce(" + okPrefix + " AND " + valid(x, term) + ", FALSE)";
        }
        String re = "concat(" + x.param(EDGE_BEFORE) + ", regexp_escape(" + ip + "), " + x.param(EDGE_AFTER) + ")";
        return "coalesce(" + valid(x, ip) + " AND regexp_matches(" + text + ", " + re + "), FALSE)";
    }

    /** True when the test holds for one of the arguments after the first, or for one element of a dynamic array among them. */
    private static String any(RexRenderer x, Rex.Call c, List<String> s, java.util.function.Function<String, String> test) {
        List<String> lists = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            lists.add(c.args().get(i).type() == KqlType.DYNAMIC ? "CAST(" + s.get(i) + " AS VARCHAR[])" : "[" + s.get(i) + "]");
        }
        return "(len(list_filter(flatten([" + String.join(", ", lists) + "]), lambda _r: " + test.apply("_r") + ")) > 0)";
    }
}
