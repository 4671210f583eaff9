package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** IPv6 parsing, masking, comparison and ranges (IPv4 text taken as IPv4-mapped), and IPv4 range splitting. */
final class IpFunctions implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "parse_ipv6 s>s", a -> {
            Ipv6 ip = Ipv6.parse((String) a[0]);
            return ip == null ? null : ip.text();
        });
        fn(out, "parse_ipv6_mask s,l>s", a -> {
            Ipv6 ip = Ipv6.parse((String) a[0]);
            Integer bits = bits(a[1]);
            return ip == null || bits == null ? null : ip.masked(bits).text();
        });
        fn(out, "ipv6_compare s,s,l?>l", a -> { Integer c = compare(a); return c == null ? null : c.longValue(); });
        fn(out, "ipv6_is_match s,s,l?>b", a -> {
            Integer c = compare(a);
            return c == null ? null : c == 0;
        });
        // ipv6_lookup's join key: the parsed address as 32 hex digits and its prefix length (IPv4 text mapped).
        fn(out, "__ipv6_lookup_key s>s", a -> {
            Ipv6 ip = Ipv6.parse((String) a[0]);
            return ip == null ? null : String.format("%016x%016x/%d", ip.hi(), ip.lo(), ip.prefix());
        });
        fn(out, "ipv6_is_in_range s,s>b", a -> inRange(Ipv6.parse((String) a[0]), (String) a[1]));
        fn(out, "ipv6_is_in_any_range s,y*>b", a -> {
            Ipv6 ip = Ipv6.parse((String) a[0]);
            if (ip == null) {
                return null;
            }
            for (int i = 1; i < a.length; i++) {
                for (String range : texts(a[i])) {
                    if (Boolean.TRUE.equals(inRange(ip, range))) {
                        return true;
                    }
                }
            }
            return false;
        });
        fn(out, "ipv4_range_to_cidr_list s,s>y", a -> {
            long from = a[0] == null ? -1 : Ipv6.ipv4(((String) a[0]).trim());
            long to = a[1] == null ? -1 : Ipv6.ipv4(((String) a[1]).trim());
            if (from < 0 || to < 0 || from > to) {
                return null;
            }
            return Json.write(cidrs(from, to));
        });
    }

    /** Prefix bits 0..128, else null. */
    private static Integer bits(Object v) {
        if (v == null) {
            return null;
        }
        long n = (Long) v;
        return n < 0 || n > 128 ? null : (int) n;
    }

    /** Both sides masked by the shortest of their own prefixes and the optional third argument. */
    private static Integer compare(Object[] a) {
        Ipv6 x = Ipv6.parse((String) a[0]);
        Ipv6 y = Ipv6.parse((String) a[1]);
        if (x == null || y == null) {
            return null;
        }
        int bits = Math.min(x.prefix(), y.prefix());
        if (a.length > 2) {
            Integer given = bits(a[2]);
            if (given == null) {
                return null;
            }
            bits = Math.min(bits, given);
        }
        return Integer.signum(x.masked(bits).compareTo(y.masked(bits)));
    }

    private static Boolean inRange(Ipv6 ip, String rangeText) {
        Ipv6 range = Ipv6.parse(rangeText);
        if (ip == null || range == null) {
            return null;
        }
        return ip.masked(range.prefix()).compareTo(range) == 0;
    }

    /** A dynamic argument: an array of range texts or a single one. */
    private static List<String> texts(Object json) {
        List<String> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        Object v = JsonLines.read((String) json);
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        } else if (v instanceof String s) {
            out.add(s);
        }
        return out;
    }

    /** The fewest aligned blocks that exactly cover {@code [from, to]}. */
    static List<Object> cidrs(long from, long to) {
        List<Object> out = new ArrayList<>();
        long at = from;
        while (at <= to) {
            int size = at == 0 ? 32 : Long.numberOfTrailingZeros(at);
            size = Math.min(size, 32);
            while (size > 0 && at + (1L << size) - 1 > to) {
                size--;
            }
            out.add(Ipv6.ipv4Text(at) + "/" + (32 - size));
            at += 1L << size;
        }
        return out;
    }
}
