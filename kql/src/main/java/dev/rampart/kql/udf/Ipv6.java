package dev.rampart.kql.udf;

/**
 * An IPv6 address (two unsigned 64-bit halves) with its prefix length. IPv4 text, and IPv6 text that
 * ends in a dotted IPv4 part after zero groups, is read as the IPv4-mapped address {@code ::ffff:a.b.c.d},
 * and its prefix then counts IPv4 bits (so {@code /24} covers 120 bits).
 */
record Ipv6(long hi, long lo, int prefix) {

    /** Null when the text is not an address with an optional {@code /prefix}. */
    static Ipv6 parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        String p = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            p = s.substring(slash + 1).trim();
            s = s.substring(0, slash).trim();
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
        }
        boolean mapped;
        long hi;
        long lo;
        if (s.indexOf(':') < 0) {
            long v4 = ipv4(s);
            if (v4 < 0) {
                return null;
            }
            mapped = true;
            hi = 0;
            lo = 0xffff00000000L | v4;
        } else {
            int[] groups = groups(s);
            if (groups == null) {
                return null;
            }
            hi = 0;
            lo = 0;
            for (int i = 0; i < 4; i++) {
                hi = (hi << 16) | groups[i];
                lo = (lo << 16) | groups[i + 4];
            }
            mapped = groups[8] == 1 && hi == 0 && ((lo >>> 32) == 0 || (lo >>> 32) == 0xffff);
            if (mapped) {
                lo |= 0xffff00000000L;
            }
        }
        int prefix = 128;
        if (p != null) {
            int n = Integer.parseInt(p);
            if (n > (mapped ? 32 : 128)) {
                return null;
            }
            prefix = mapped ? 96 + n : n;
        }
        return new Ipv6(hi, lo, prefix).masked(prefix);
    }

    /** The address with all bits after the first {@code bits} cleared. */
    Ipv6 masked(int bits) {
        int b = Math.max(0, Math.min(bits, 128));
        long mh = b >= 64 ? -1L : b == 0 ? 0 : -1L << (64 - b);
        long ml = b <= 64 ? 0 : b == 128 ? -1L : -1L << (128 - b);
        return new Ipv6(hi & mh, lo & ml, Math.min(prefix, b));
    }

    int compareTo(Ipv6 o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Eight zero-padded lower-case groups, never abbreviated. */
    String text() {
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            long half = i < 4 ? hi : lo;
            int shift = 48 - 16 * (i % 4);
            if (i > 0) {
                b.append(':');
            }
            b.append(String.format("%04x", (half >>> shift) & 0xffff));
        }
        return b.toString();
    }

    /** The 32-bit value of dotted-quad text, or -1. */
    static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int n = Integer.parseInt(part);
            if (n > 255) {
                return -1;
            }
            v = (v << 8) | n;
        }
        return v;
    }

    static String ipv4Text(long v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    /** Eight group values plus a ninth flag (1 when the text ended in a dotted IPv4 part), or null. */
    private static int[] groups(String s) {
        int[] out = new int[9];
        String tail = s;
        boolean dotted = false;
        int lastColon = s.lastIndexOf(':');
        String v4 = s.substring(lastColon + 1);
        if (v4.indexOf('.') >= 0) {
            long v = ipv4(v4);
            if (v < 0) {
                return null;
            }
            dotted = true;
            tail = s.substring(0, lastColon + 1) + Long.toHexString(v >>> 16) + ":" + Long.toHexString(v & 0xffff);
        }
        int gap = tail.indexOf("::");
        if (gap >= 0 && tail.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = gap >= 0 ? split(tail.substring(0, gap)) : split(tail);
        String[] rest = gap >= 0 ? split(tail.substring(gap + 2)) : new String[0];
        if (head == null || rest == null) {
            return null;
        }
        int total = head.length + rest.length;
        if (gap >= 0 ? total > 7 : total != 8) {
            return null;
        }
        for (int i = 0; i < head.length; i++) {
            out[i] = hex(head[i]);
        }
        for (int i = 0; i < rest.length; i++) {
            out[8 - rest.length + i] = hex(rest[i]);
        }
        for (int i = 0; i < 8; i++) {
            if (out[i] < 0) {
                return null;
            }
        }
        out[8] = dotted ? 1 : 0;
        return out;
    }

    private static String[] split(String s) {
        if (s.isEmpty()) {
            return new String[0];
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    private static int hex(String g) {
        if (g.length() > 4 || !g.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return -1;
        }
        return Integer.parseInt(g, 16);
    }
}
