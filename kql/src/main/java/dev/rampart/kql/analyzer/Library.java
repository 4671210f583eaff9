package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scalar functions whose typing is plain: fixed argument conversions and a fixed result type. Each entry
 * reads {@code name args>result}; argument letters: s string, l long, i int, r real, b bool, d datetime,
 * t timespan, y dynamic, a any (kept as given); {@code ?} marks an optional argument, {@code *} repeats
 * the last one. The result letter {@code 0} means the type of the first argument.
 */
final class Library {
    private static final String[] SIGNATURES = {
            // math
            "sin r>r", "cos r>r", "tan r>r", "asin r>r", "acos r>r", "atan r>r", "atan2 r,r>r", "cot r>r",
            "radians r>r", "degrees r>r", "exp2 r>r", "exp10 r>r", "log2 r>r", "gamma r>r", "loggamma r>r",
            "isnan r>b", "isinf r>b", "isfinite r>b", "sign r>0", "pi >r",
            "binary_and l,l>l", "binary_or l,l>l", "binary_xor l,l>l", "binary_not l>l",
            "binary_shift_left l,l>l", "binary_shift_right l,l>l", "bitset_count_ones l>l",
            // strings
            "strcmp s,s>l", "translate s,s,s>s", "isascii s>b", "unicode_codepoints_from_string s>y",
            "unicode_codepoints_to_string a*>s", "tohex a,l?>s", "url_encode s>s", "url_encode_component s>s",
            "base64_encode_tostring s>s", "base64_decode_toarray s>y", "base64_encode_fromarray y>s",
            "hash_md5 s>s", "hash_sha256 s>s", "hash_sha1 s>s", "strcat_delim s,s*>s", "repeat a,l>y",
            
            // dynamic
            "array_reverse y>y", "array_sum y>r", "array_rotate_left y,l>y", "array_rotate_right y,l>y",
            "array_shift_left y,l,a?>y", "array_shift_right y,l,a?>y", "array_sort_asc y,b?>y", "array_sort_desc y,b?>y",
            "array_iff y,y,y>y", "array_split y,y>y", "zip y,y*>y", "bag_zip y,y>y", "bag_set_key y,s,a>y",
            "bag_remove_keys y,y>y", "bag_merge y,y*>y", "set_union y,y*>y", "set_intersect y,y*>y",
            "set_difference y,y*>y", "jaccard_index y,y>r", 
            // datetime
            "endofweek d,l?>d", "endofmonth d,l?>d", "endofyear d,l?>d", "week_of_year d>i", "monthofyear d>i",
            "dayofyear d>i", "getyear d>i", "make_timespan l,l,r?,r?>t",
            "make_datetime l,l,l,l?,l?,r?>d", "unixtime_microseconds_todatetime r>d", "unixtime_nanoseconds_todatetime r>d", 
            
            "datetime_utc_to_local d,s>d", "datetime_list_timezones >y", "datetime_local_to_utc d,s>d", "format_bytes r,l?,s?>s",
            "replace_strings s,y,y>s", "geo_distance_2points r,r,r,r>r", "geo_point_in_circle r,r,r,r,r>b",
            "geo_point_to_geohash r,r,l?>s", "geo_geohash_to_central_point s>y", "geo_geohash_to_polygon s>y", "geo_azimuth r,r,r,r>r", "geo_line_length y>r",
            "geo_distance_point_to_line r,r,y>r",
            // ip
            "parse_ipv4 s>l", "parse_ipv4_mask s,l>l", "ipv4_compare s,s,l?>l", "ipv4_is_match s,s,l?>b",
            "ipv4_is_in_range s,s>b", "ipv4_is_in_any_range s,a*>b", "format_ipv4 a,l?>s", "format_ipv4_mask a,l?>s",
            "ipv4_netmask_suffix s>l", "has_ipv4 s,s>b", "has_ipv4_prefix s,s>b", "has_any_ipv4 s,a*>b",
            "has_any_ipv4_prefix s,a*>b",
            // series
            "series_abs y>y", "series_acos y>y", "series_asin y>y", "series_atan y>y", "series_ceiling y>y", "series_cos y>y",
            "series_exp y>y", "series_floor y>y", "series_log y>y", "series_sign y>y", "series_sin y>y", "series_sqrt y>y",
            "series_tan y>y", "series_add y,y>y", "series_subtract y,y>y", "series_multiply y,y>y", "series_divide y,y>y",
            "series_pow y,y>y", "series_greater y,y>y", "series_greater_equals y,y>y", "series_less y,y>y",
            "series_less_equals y,y>y", "series_equals y,y>y", "series_not_equals y,y>y", "series_sum y>r",
            "series_magnitude y>r", "series_dot_product y,y>r", "series_cosine_similarity y,y>r",
            "series_fill_const y,a?,a?>y", "series_fill_forward y,a?>y", "series_fill_backward y,a?>y",
    };

    private record Sig(List<Character> args, boolean repeatLast, int required, char result) {
    }

    private static final Map<String, Sig> SIGS = new HashMap<>();

    static {
        List<String> all = new ArrayList<>(List.of(SIGNATURES));
        for (dev.rampart.kql.udf.JavaFunction f : dev.rampart.kql.udf.JavaFunctions.all()) {
            all.add(f.signature());
        }
        for (String s : all) {
            int sp = s.indexOf(' ');
            int gt = s.indexOf('>');
            String name = s.substring(0, sp);
            String a = s.substring(sp + 1, gt);
            List<Character> args = new ArrayList<>();
            int required = 0;
            boolean repeat = false;
            for (String part : a.isEmpty() ? new String[0] : a.split(",")) {
                args.add(part.charAt(0));
                if (part.endsWith("*")) {
                    repeat = true;
                    required++;
                } else if (!part.endsWith("?")) {
                    required++;
                }
            }
            SIGS.put(name, new Sig(args, repeat, required, s.charAt(gt + 1)));
        }
    }

    private Library() {
    }

    static boolean has(String name) {
        return SIGS.containsKey(name) || name.equals("gettype");
    }

    static List<String> names() {
        return new ArrayList<>(SIGS.keySet());
    }

    static Rex call(Functions f, ExprAnalyzer x, String name, Expr.Call c, Scope scope) {
        if (name.equals("gettype")) {
            Functions.arity(c, 1, 1);
            Rex v = x.analyze(c.args().get(0), scope);
            if (v.type() == KqlType.DYNAMIC) {
                return new Rex.Call("gettype_dynamic", List.of(v), KqlType.STRING);
            }
            return new Rex.Lit(v.type().kustoName(), KqlType.STRING);
        }
        if (name.equals("replace_strings") && c.args().size() == 3) {
            for (int i = 1; i < 3; i++) {
                if (!(x.analyze(c.args().get(i), scope) instanceof Rex.Lit l && l.value() instanceof List<?>)) {
                    throw dev.rampart.kql.diagnostics.KqlException.unsupported(c.args().get(i).span(), "fn:replace_strings:non-constant",
                            "replace_strings() with lookup or replacement lists that are not constants");
                }
            }
        }
        Sig sig = SIGS.get(name);
        Functions.arity(c, sig.required(), sig.repeatLast() ? 64 : sig.args().size());
        List<Rex> out = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            char t = sig.args().get(Math.min(i, sig.args().size() - 1));
            if (t == 'a') {
                out.add(x.analyze(c.args().get(i), scope));
            } else {
                out.add(f.typed(c.args().get(i), scope, type(t), c));
            }
        }
        KqlType result = sig.result() == '0' ? out.get(0).type() : type(sig.result());
        return new Rex.Call(name, out, result);
    }

    static KqlType type(char t) {
        return switch (t) {
            case 's' -> KqlType.STRING;
            case 'l' -> KqlType.LONG;
            case 'i' -> KqlType.INT;
            case 'r' -> KqlType.REAL;
            case 'b' -> KqlType.BOOL;
            case 'd' -> KqlType.DATETIME;
            case 't' -> KqlType.TIMESPAN;
            case 'y' -> KqlType.DYNAMIC;
            case 'g' -> KqlType.GUID;
            default -> throw new IllegalStateException("bad signature letter " + t);
        };
    }
}
