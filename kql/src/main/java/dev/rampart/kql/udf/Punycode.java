package dev.rampart.kql.udf;

/**
 * The Bootstring encoding of RFC 3492 with the punycode parameters, on a single label and without the
 * {@code xn--} prefix or nameprep: Kusto's punycode functions expose the raw transformation.
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;

    private Punycode() {
    }

    static String encode(String input) {
        int[] cps = input.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int cp : cps) {
            if (cp < 0x80) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < cps.length) {
            int next = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < next) {
                    next = cp;
                }
            }
            delta += (long) (next - n) * (handled + 1);
            n = next;
            for (int cp : cps) {
                if (cp < n) {
                    delta++;
                } else if (cp == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = threshold(k, bias);
                        if (q < t) {
                            break;
                        }
                        out.append(digit(t + (int) ((q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit((int) q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    /** Null when the text is not valid punycode. */
    static String decode(String input) {
        int dash = input.lastIndexOf('-');
        StringBuilder cps = new StringBuilder();
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(dash, 0); i++) {
            char ch = input.charAt(i);
            if (ch >= 0x80) {
                return null;
            }
            out.add((int) ch);
        }
        int n = INITIAL_N;
        int bias = INITIAL_BIAS;
        long i = 0;
        int pos = dash >= 0 ? dash + 1 : 0;
        while (pos < input.length()) {
            long old = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (pos >= input.length()) {
                    return null;
                }
                int d = value(input.charAt(pos++));
                if (d < 0) {
                    return null;
                }
                i += d * w;
                int t = threshold(k, bias);
                if (d < t) {
                    break;
                }
                w *= BASE - t;
                if (i > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
                    return null;
                }
            }
            int size = out.size() + 1;
            bias = adapt(i - old, size, old == 0);
            n += (int) (i / size);
            i %= size;
            if (n > Character.MAX_CODE_POINT) {
                return null;
            }
            out.add((int) i, n);
            i++;
        }
        for (int cp : out) {
            cps.appendCodePoint(cp);
        }
        return cps.toString();
    }

    /** Label separators IDNA reads as a full stop: the ASCII one, the ideographic one and the full- and half-width ones. */
    private static final String DOTS = "[.\u3002\uFF0E\uFF61]";
    private static final String ACE_PREFIX = "xn--";

    /**
     * A domain name with each label that has a non-ASCII character encoded and marked {@code xn--}, the labels joined by
     * '.'. As in the label functions there is no nameprep, so letter case and spaces stay as written.
     */
    static String encodeDomain(String domain) {
        String[] labels = domain.split(DOTS, -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            String label = labels[i];
            out.append(label.chars().allMatch(ch -> ch < 0x80) ? label : ACE_PREFIX + encode(label));
        }
        return out.toString();
    }

    /** The reverse of {@link #encodeDomain}; null when a marked label is not valid punycode. */
    static String decodeDomain(String domain) {
        String[] labels = domain.split(DOTS, -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            String label = labels[i];
            if (label.regionMatches(true, 0, ACE_PREFIX, 0, ACE_PREFIX.length())) {
                label = decode(label.substring(ACE_PREFIX.length()));
                if (label == null) {
                    return null;
                }
            }
            out.append(label);
        }
        return out.toString();
    }

    private static int threshold(int k, int bias) {
        return k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
    }

    private static int adapt(long delta, int points, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / points;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int value(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        return -1;
    }
}
