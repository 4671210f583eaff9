package dev.rampart.portal.sigma;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.ingest.format.RegistryPaths;
import dev.rampart.portal.sigma.SigmaTargets.FieldRef;
import dev.rampart.portal.sigma.SigmaTargets.Kind;
import dev.rampart.portal.sigma.SigmaTargets.Route;
import dev.rampart.portal.sigma.SigmaTargets.Transform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/** One {@code Field|modifier|...: value(s)} entry of a selection as a KQL expression. */
final class SigmaValues {
    private static final Set<String> KNOWN = Set.of("contains", "startswith", "endswith", "all", "re", "i", "m", "s", "cidr", "windash",
            "base64", "base64offset", "wide", "utf16le", "utf16", "utf16be", "exists", "cased", "gt", "gte", "lt", "lte", "fieldref");
    private static final String[] DASHES = {"-", "/", "\u2013", "\u2014", "\u2015"};
    private static final Pattern DASH_AT_WORD = Pattern.compile("(?<=^|\\s)[-/]");

    private final Table table;
    private final Kind kind;
    private final IntFunction<Route> idRoutes;
    /** The rows hold AdditionalFields.ProviderName (System and operational channels): Provider_Name is a real test. */
    private final boolean providerKept;

    SigmaValues(Table table, Kind kind, IntFunction<Route> idRoutes, boolean providerKept) {
        this.providerKept = providerKept;
        this.table = table;
        this.kind = kind;
        this.idRoutes = idRoutes;
    }

    Expr field(String key, Object value) {
        String[] parts = key.split("\\|");
        String field = parts[0];
        List<String> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(m)) {
                throw new SigmaCompiler.Unsupported("modifier |" + parts[i] + " is not supported");
            }
            mods.add(m);
        }
        List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : Arrays.asList(value);
        String f = field.toLowerCase(Locale.ROOT);
        if (f.equals("eventid") || f.equals("eventcode")) {
            return eventId(values);
        }
        if (f.equals("provider_name") && providerKept) {
            // Channels where one id means different things per provider keep it: the test stays.
            return combine(values, mods, new FieldRef("tostring(AdditionalFields.ProviderName)"));
        }
        // Defender Antivirus events carry a SourceName of their own (the engine part that detected: AMSI, Real-Time Protection).
        if (f.equals("provider_name") || f.equals("channel") || f.equals("sourcename") && kind != Kind.DEFENDER_AV) {
            // The table already is this provider's; the value is not stored.
            return Expr.TRUE;
        }
        if (f.equals("hashes") || f.equals("hash")) {
            return hashes(values, mods);
        }
        if (f.equals("imphash")) {
            FieldRef ref = imphash();
            return combine(values, mods, ref);
        }
        if (field.isEmpty()) {
            if (!List.of("contains", "all").containsAll(mods)) {
                throw new SigmaCompiler.Unsupported("modifiers other than |all on a keyword selection are not supported");
            }
            List<Expr> each = values.stream().map(this::keyword).toList();
            return mods.contains("all") ? Expr.and(each) : Expr.or(each);
        }
        if (mods.contains("fieldref")) {
            return fieldRefs(SigmaCompiler.fieldRef(table, kind, field), values, mods);
        }
        return combine(values, mods, SigmaCompiler.fieldRef(table, kind, field));
    }

    /**
     * A keyword (a value without a field): Sigma searches the whole event for it, so it becomes a case-insensitive
     * {@code contains} over every string column of the table and the text of {@code AdditionalFields}, where the
     * mapper keeps the event fields that have no column.
     */
    Expr keyword(Object value) {
        if (value instanceof Map || value instanceof List) {
            throw new SigmaCompiler.Unsupported("keyword selections hold plain values only");
        }
        List<Expr> parts = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.type() == KqlType.STRING && !c.name().equals("ActionType")) {
                parts.add(leaf(new FieldRef(c.name()), String.valueOf(value), List.of("contains")));
            } else if (c.name().equals("AdditionalFields")) {
                parts.add(leaf(new FieldRef("tostring(AdditionalFields)"), String.valueOf(value), List.of("contains")));
            }
        }
        return Expr.or(parts);
    }

    /**
     * {@code Field|fieldref: Other}: the row's two columns compared with each other (equal ignoring case, or with
     * {@code |startswith}/{@code |endswith}/{@code |contains}). Both fields must be stored the same way: a column
     * that holds a transformed value (a basename, a normalised registry path) cannot be compared with a raw one.
     */
    private Expr fieldRefs(FieldRef left, List<Object> values, List<String> mods) {
        String op = mods.contains("contains") ? "contains" : mods.contains("startswith") ? "startswith"
                : mods.contains("endswith") ? "endswith" : mods.contains("cased") ? "==" : "=~";
        if (!op.startsWith("=") && mods.contains("cased")) {
            op += "_cs";
        }
        for (String m : mods) {
            if (!List.of("fieldref", "contains", "startswith", "endswith", "cased", "all").contains(m)) {
                throw new SigmaCompiler.Unsupported("modifier |" + m + " cannot be combined with |fieldref");
            }
        }
        List<Expr> parts = new ArrayList<>();
        for (Object v : values) {
            if (v == null || v instanceof Map || v instanceof List) {
                throw new SigmaCompiler.Unsupported("|fieldref needs field names as values");
            }
            String other = String.valueOf(v).trim();
            FieldRef right = SigmaCompiler.fieldRef(table, kind, other);
            if (left.transform() != right.transform()) {
                throw new SigmaCompiler.Unsupported("|fieldref compares " + other + " with a field stored in another form (" + left.transform() + " vs " + right.transform() + ")");
            }
            parts.add(new Expr.Leaf(asText(left) + " " + op + " " + asText(right)));
        }
        return mods.contains("all") ? Expr.and(parts) : Expr.or(parts);
    }

    private static String asText(FieldRef ref) {
        return ref.numeric() ? "tostring(" + ref.expr() + ")" : ref.expr();
    }

    private FieldRef imphash() {
        if (table.indexOf("AdditionalFields") < 0) {
            throw new SigmaCompiler.Unsupported("IMPHASH is not kept in " + table.name() + " (no AdditionalFields column)");
        }
        return new FieldRef("tostring(AdditionalFields.IMPHASH)");
    }

    private Expr eventId(List<Object> values) {
        if (idRoutes == null) {
            return Expr.TRUE;
        }
        List<Expr> parts = new ArrayList<>();
        for (Object v : values) {
            Route r = idRoutes.apply(Integer.parseInt(String.valueOf(v).trim()));
            if (r == null) {
                parts.add(Expr.FALSE);
            } else if (r.actionTypes().isEmpty()) {
                parts.add(Expr.TRUE);
            } else {
                parts.add(Expr.or(r.actionTypes().stream().map(a -> (Expr) new Expr.Leaf("ActionType == " + KqlText.lit(a))).toList()));
            }
        }
        return Expr.or(parts);
    }

    private Expr hashes(List<Object> values, List<String> mods) {
        List<Expr> parts = new ArrayList<>();
        for (Object v : values) {
            String s = String.valueOf(v);
            int eq = s.indexOf('=');
            String algo = eq > 0 ? s.substring(0, eq).replace("*", "").toUpperCase(Locale.ROOT) : null;
            String hash = eq > 0 ? s.substring(eq + 1).replace("*", "") : s.replace("*", "");
            if (algo == null) {
                List<Expr> any = new ArrayList<>();
                for (String col : new String[] {"SHA1", "SHA256", "MD5"}) {
                    any.add(leaf(new FieldRef(column(col)), hash, List.of("contains")));
                }
                parts.add(Expr.or(any));
                continue;
            }
            FieldRef ref = switch (algo) {
                case "SHA1", "SHA256", "MD5" -> new FieldRef(column(algo));
                case "IMPHASH" -> imphash();
                default -> throw new SigmaCompiler.Unsupported("hash algorithm " + algo + " is not kept");
            };
            parts.add(leaf(ref, hash, List.of()));
        }
        return mods.contains("all") ? Expr.and(parts) : Expr.or(parts);
    }

    /** Hash columns of the process itself in process tables, of the file or image otherwise. */
    private String column(String algo) {
        if (table.indexOf(algo) < 0) {
            return "InitiatingProcess" + algo;
        }
        return algo;
    }

    private Expr combine(List<Object> values, List<String> mods, FieldRef ref) {
        if (mods.contains("exists")) {
            boolean want = values.size() == 1 && Boolean.parseBoolean(String.valueOf(values.get(0)));
            return new Expr.Leaf((want ? "isnotempty(" : "isempty(") + ref.expr() + ")");
        }
        List<Expr> parts = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                parts.add(new Expr.Leaf("isempty(" + ref.expr() + ")"));
                continue;
            }
            if (v instanceof Map || v instanceof List) {
                throw new SigmaCompiler.Unsupported("nested values under a field are not supported");
            }
            List<Expr> variants = new ArrayList<>();
            for (String s : expand(String.valueOf(v), mods)) {
                variants.add(leaf(ref, s, mods));
            }
            parts.add(Expr.or(variants));
        }
        return mods.contains("all") ? Expr.and(parts) : Expr.or(parts);
    }

    /** Value-changing modifiers: windash variants, base64 / base64offset (of UTF-8 or UTF-16 text). */
    private static List<String> expand(String s, List<String> mods) {
        Set<String> out = new LinkedHashSet<>();
        if (mods.contains("windash")) {
            for (String d : DASHES) {
                out.add(DASH_AT_WORD.matcher(s).replaceAll(java.util.regex.Matcher.quoteReplacement(d)));
            }
        } else {
            out.add(s);
        }
        boolean b64 = mods.contains("base64");
        boolean b64off = mods.contains("base64offset");
        if (!b64 && !b64off) {
            return new ArrayList<>(out);
        }
        List<String> encoded = new ArrayList<>();
        for (String v : out) {
            byte[] bytes = mods.contains("wide") || mods.contains("utf16le") || mods.contains("utf16")
                    ? v.getBytes(StandardCharsets.UTF_16LE)
                    : mods.contains("utf16be") ? v.getBytes(StandardCharsets.UTF_16BE) : v.getBytes(StandardCharsets.UTF_8);
            if (b64) {
                encoded.add(Base64.getEncoder().encodeToString(bytes));
                continue;
            }
            int[] start = {0, 2, 3};
            int[] end = {0, -3, -2};
            for (int i = 0; i < 3; i++) {
                byte[] shifted = new byte[bytes.length + i];
                Arrays.fill(shifted, 0, i, (byte) ' ');
                System.arraycopy(bytes, 0, shifted, i, bytes.length);
                String e = Base64.getEncoder().encodeToString(shifted);
                int cut = end[(bytes.length + i) % 3];
                encoded.add(e.substring(start[i], e.length() + cut));
            }
        }
        return encoded;
    }

    private Expr leaf(FieldRef ref, String raw, List<String> mods) {
        String expr = ref.expr();
        if (mods.contains("re")) {
            String flags = (mods.contains("i") ? "i" : "") + (mods.contains("m") ? "m" : "") + (mods.contains("s") ? "s" : "");
            return new Expr.Leaf(expr + " matches regex " + KqlText.lit((flags.isEmpty() ? "" : "(?" + flags + ")") + raw));
        }
        if (mods.contains("cidr")) {
            return cidr(expr, raw);
        }
        for (String cmp : new String[] {"gte", "gt", "lte", "lt"}) {
            if (mods.contains(cmp)) {
                String op = switch (cmp) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                };
                return new Expr.Leaf((ref.numeric() ? expr : "tolong(" + expr + ")") + " " + op + " " + number(raw));
            }
        }
        String op = mods.contains("contains") ? "contains" : mods.contains("startswith") ? "startswith" : mods.contains("endswith") ? "endswith" : "";
        String s = transform(ref.transform(), raw);
        if (ref.transform() == Transform.BASENAME && (op.equals("endswith") || op.isEmpty()) && s.indexOf('\\') >= 0) {
            s = s.substring(s.lastIndexOf('\\') + 1);
            op = "";
        } else if (ref.transform() == Transform.BASENAME && op.equals("endswith")) {
            op = "";
        }
        List<Object> pattern = wildcards(s);
        if (op.equals("contains") || op.equals("endswith")) {
            pattern.add(0, Wild.STAR);
        }
        if (op.equals("contains") || op.equals("startswith")) {
            pattern.add(Wild.STAR);
        }
        boolean lead = false;
        boolean trail = false;
        while (!pattern.isEmpty() && pattern.get(0) == Wild.STAR) {
            pattern.remove(0);
            lead = true;
        }
        while (!pattern.isEmpty() && pattern.get(pattern.size() - 1) == Wild.STAR) {
            pattern.remove(pattern.size() - 1);
            trail = true;
        }
        boolean cased = mods.contains("cased");
        if (pattern.stream().anyMatch(p -> p instanceof Wild)) {
            StringBuilder re = new StringBuilder(lead ? "" : "^");
            for (Object p : pattern) {
                re.append(p == Wild.STAR ? ".*" : p == Wild.ONE ? "." : escapeRegex((String) p));
            }
            re.append(trail ? "" : "$");
            return text(ref, TextOp.WILDCARD, cased, re.toString());
        }
        StringBuilder core = new StringBuilder();
        pattern.forEach(p -> core.append((String) p));
        String text = core.toString();
        if (text.isEmpty()) {
            return lead || trail ? new Expr.Leaf("isnotempty(" + expr + ")") : new Expr.Leaf("isempty(" + expr + ")");
        }
        if (lead && trail) {
            return text(ref, TextOp.CONTAINS, cased, text);
        }
        if (lead) {
            return text(ref, TextOp.ENDSWITH, cased, text);
        }
        if (trail) {
            return text(ref, TextOp.STARTSWITH, cased, text);
        }
        if (ref.numeric()) {
            Long n = parseLong(text);
            if (n != null) {
                return new Expr.Leaf(expr + " == " + n);
            }
            return new Expr.Leaf("tostring(" + expr + ") =~ " + KqlText.lit(text));
        }
        return text(ref, TextOp.EQUALS, cased, text);
    }

    /** A numeric column's test stays a plain leaf: only text subjects can be lowered and merged into a regex. */
    private static Expr text(FieldRef ref, TextOp op, boolean cased, String value) {
        Expr.Text t = new Expr.Text(ref.expr(), op, cased, value);
        return ref.numeric() ? new Expr.Leaf(TextAlternation.single(t)) : t;
    }

    /** Literal text in an RE2 regex (DuckDB's engine). */
    private static String escapeRegex(String lit) {
        StringBuilder out = new StringBuilder();
        for (char c : lit.toCharArray()) {
            if ("\\.[]{}()*+-?^$|/".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private enum Wild { STAR, ONE }

    /** Sigma value text into literal runs and wildcards; {@code \*}, {@code \?} and {@code \\} are escapes. */
    private static List<Object> wildcards(String s) {
        List<Object> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '*' || s.charAt(i + 1) == '?' || s.charAt(i + 1) == '\\')) {
                lit.append(s.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    out.add(lit.toString());
                    lit.setLength(0);
                }
                out.add(c == '*' ? Wild.STAR : Wild.ONE);
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            out.add(lit.toString());
        }
        return out;
    }

    private static String transform(Transform t, String s) {
        return switch (t) {
            case REGISTRY -> RegistryPaths.normalize(s);
            case REG_DATA -> RegistryPaths.valueData(s);
            case LOGON_TYPE -> switch (s.trim()) {
                case "2" -> "Interactive";
                case "3" -> "Network";
                case "4" -> "Batch";
                case "5" -> "Service";
                case "7" -> "Unlock";
                case "8" -> "NetworkCleartext";
                case "9" -> "NewCredentials";
                case "10" -> "RemoteInteractive";
                case "11" -> "CachedInteractive";
                default -> s;
            };
            case REG_ACTION -> switch (s) {
                case "SetValue" -> "RegistryValueSet";
                case "CreateKey" -> "RegistryKeyCreated";
                case "DeleteKey" -> "RegistryKeyDeleted";
                case "DeleteValue" -> "RegistryValueDeleted";
                case "RenameKey" -> "RegistryKeyRenamed";
                default -> s;
            };
            case NET_ACTION -> s.equalsIgnoreCase("true") ? "ConnectionSuccess" : s.equalsIgnoreCase("false") ? "InboundConnectionAccepted" : s;
            case ELEVATION -> switch (s.trim()) {
                case "%%1936" -> "Default";
                case "%%1937" -> "Full";
                case "%%1938" -> "Limited";
                default -> s;
            };
            case INTEGRITY -> switch (s.trim().toUpperCase(Locale.ROOT)) {
                case "S-1-16-4096" -> "Low";
                case "S-1-16-8192" -> "Medium";
                case "S-1-16-12288" -> "High";
                case "S-1-16-16384" -> "System";
                default -> s;
            };
            default -> s;
        };
    }

    private static Expr cidr(String expr, String range) {
        if (!range.contains(":")) {
            return ipv4Range(expr, range);
        }
        // IPv6 has no range function in the hunting language: prefixes of the first group cover the usual ranges.
        String[] p = range.split("/");
        int bits = p.length == 2 ? Integer.parseInt(p[1]) : 128;
        if (bits == 128) {
            return new Expr.Leaf(expr + " =~ " + KqlText.lit(p[0]));
        }
        String first = p[0].split(":")[0];
        if (bits > 16 || first.length() != 4) {
            throw new SigmaCompiler.Unsupported("IPv6 range " + range + " cannot be expressed");
        }
        int value = Integer.parseInt(first, 16);
        int full = bits / 4;
        int rest = bits % 4;
        String prefix = first.substring(0, full);
        if (rest == 0) {
            return new Expr.Leaf(expr + " startswith " + KqlText.lit(prefix));
        }
        int nibble = (value >> (12 - 4 * full)) & 0xF;
        int span = 1 << (4 - rest);
        List<Expr> alts = new ArrayList<>();
        for (int n = nibble & ~(span - 1); n < (nibble & ~(span - 1)) + span; n++) {
            alts.add(new Expr.Leaf(expr + " startswith " + KqlText.lit(prefix + Integer.toHexString(n))));
        }
        return Expr.or(alts);
    }

    /**
     * An IPv4 range as text prefixes of whole octets (the column holds dotted text): {@code 172.16.0.0/12} is the 16
     * prefixes {@code 172.16.} to {@code 172.31.}; inside the last octet the addresses are listed.
     */
    private static Expr ipv4Range(String expr, String range) {
        String[] p = range.trim().split("/");
        String[] octets = p[0].split("\\.");
        int bits;
        long base = 0;
        try {
            bits = p.length == 2 ? Integer.parseInt(p[1]) : 32;
            if (octets.length != 4 || bits < 0 || bits > 32) {
                throw new NumberFormatException();
            }
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255) {
                    throw new NumberFormatException();
                }
                base = base << 8 | v;
            }
        } catch (NumberFormatException e) {
            throw new SigmaCompiler.Unsupported("|cidr value " + range + " is not an IPv4 or IPv6 range");
        }
        if (bits == 0) {
            return new Expr.Leaf("isnotempty(" + expr + ")");
        }
        base &= ~((1L << (32 - bits)) - 1) & 0xFFFFFFFFL;
        int octetsKept = bits == 32 ? 4 : (bits + 7) / 8;
        long count = 1L << (octetsKept * 8 - bits);
        List<Expr> alts = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long addr = base + (i << (32 - octetsKept * 8));
            StringBuilder text = new StringBuilder();
            for (int o = 0; o < octetsKept; o++) {
                text.append(addr >> (24 - 8 * o) & 0xFF).append(o < 3 ? "." : "");
            }
            alts.add(new Expr.Leaf(expr + (octetsKept == 4 ? " == " : " startswith ") + KqlText.lit(text.toString())));
        }
        return Expr.or(alts);
    }

    private static String number(String s) {
        Long n = parseLong(s.trim());
        if (n == null) {
            try {
                return Double.toString(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                throw new SigmaCompiler.Unsupported("comparison with non-number " + s);
            }
        }
        return n.toString();
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
