package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * parse-kv (parse-kv-operator.md): each declared key becomes a column holding its value, converted to the declared type.
 * One RE2 pattern per key finds the key's first appearance, with one capturing group per way its value may be written
 * (in each of the quotes, or bare); exactly one group takes part in a match, so the value is their concatenation.
 * <ul>
 * <li>With pair_delimiter and kv_delimiter, the key stands at the start or after a pair delimiter, quoted or not; a bare
 * value ends at the next pair delimiter, or with greedy=true at the next "delimiter key=" or the end.</li>
 * <li>Without delimiters (no with clause at all, or only quote and escape), every character that is no letter or digit
 * delimits: the key is a whole word, the delimiters after it are skipped, and a bare value is the run of letters and
 * digits that follows.</li>
 * <li>With regex=, the pattern's first group is the key and the second the value.</li>
 * </ul>
 * Spaces around keys and values are not part of them. Inside a quoted value an escape character makes the character
 * after it literal (an escaped closing quote does not close the value) and is itself dropped.
 */
final class ParseKv {
    private static final Set<String> OPTIONS = Set.of("pair_delimiter", "kv_delimiter", "quote", "greedy", "regex", "escape");
    private static final Set<String> REPEATABLE = Set.of("quote", "escape");
    private static final String WORD = "\\p{L}\\p{N}";
    private final ExprAnalyzer x;

    ParseKv(ExprAnalyzer x) {
        this.x = x;
    }

    /** The quotes and escapes the query gives, checked for their documented lengths. */
    private record Quoting(List<String> opens, List<String> closes, String escapes) {
        boolean any() {
            return !opens.isEmpty();
        }

        /** A character class of the escape characters, or null when there are none. */
        String escapeClass() {
            return escapes.isEmpty() ? null : "[" + RegexText.quote(escapes) + "]";
        }
    }

    Rel apply(Rel in, Operator.ParseKv p) {
        Map<String, List<String>> o = p.options();
        for (Map.Entry<String, List<String>> e : o.entrySet()) {
            if (!OPTIONS.contains(e.getKey())) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "Unknown parse-kv option '" + e.getKey() + "'",
                        "Use pair_delimiter, kv_delimiter, quote, escape, greedy or regex.");
            }
            if (e.getValue().size() > 1 && !REPEATABLE.contains(e.getKey())) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "The parse-kv option '" + e.getKey() + "' is given twice",
                        "Only quote and escape may be repeated.");
            }
        }
        boolean delimited = o.containsKey("pair_delimiter") || o.containsKey("kv_delimiter");
        if (!o.containsKey("regex") && delimited && (!o.containsKey("pair_delimiter") || !o.containsKey("kv_delimiter"))) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "parse-kv needs both pair_delimiter and kv_delimiter",
                    "For example: parse-kv Text as (user: string) with (pair_delimiter=' ', kv_delimiter='='); without either, every"
                            + " character that is no letter or digit delimits.");
        }
        if (!o.containsKey("regex") && !delimited && o.containsKey("greedy")) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "parse-kv's greedy mode needs pair_delimiter and kv_delimiter");
        }
        Quoting quoting = quoting(o, p);
        Rex source = Types.string(x.analyze(p.source(), Operators.scope(in)));
        List<Rel.NamedRex> cols = new ArrayList<>();
        in.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        for (Expr.ColumnDecl key : p.keys()) {
            KqlType t = Analyzer.type(key.type(), key.span());
            Rex text;
            if (o.containsKey("regex")) {
                text = new Rex.Call("parse_kv_regex", List.of(source, new Rex.Lit(first(o, "regex"), KqlType.STRING),
                        new Rex.Lit(key.name(), KqlType.STRING)), KqlType.STRING);
            } else {
                text = value(source, keyPart(key.name(), o, quoting, delimited), bare(o, delimited), quoting);
            }
            Rex v = Types.coerce(text, t);
            int at = Operators.indexOf(in.fields(), key.name());
            if (at >= 0) {
                cols.set(at, new Rel.NamedRex(key.name(), v));
            } else {
                cols.add(new Rel.NamedRex(key.name(), v));
            }
        }
        return new Rel.Project(in, cols);
    }

    private static String first(Map<String, List<String>> o, String name) {
        return o.get(name).get(0);
    }

    private static Quoting quoting(Map<String, List<String>> o, Operator.ParseKv p) {
        List<String> opens = new ArrayList<>();
        List<String> closes = new ArrayList<>();
        for (String q : o.getOrDefault("quote", List.of())) {
            if (q.isEmpty() || q.length() > 2) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "A parse-kv quote is one character, or two for an opening"
                        + " and a closing quote, but was '" + q + "'");
            }
            opens.add(q.substring(0, 1));
            closes.add(q.substring(q.length() - 1));
        }
        StringBuilder escapes = new StringBuilder();
        for (String e : o.getOrDefault("escape", List.of())) {
            if (e.length() != 1) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "A parse-kv escape is one character but was '" + e + "'");
            }
            escapes.append(e);
        }
        return new Quoting(opens, closes, escapes.toString());
    }

    /** Up to where the value starts: the key, bare or in any of the quotes, and what separates it from its value. */
    private static String keyPart(String key, Map<String, List<String>> o, Quoting quoting, boolean delimited) {
        String k = RegexText.quote(key);
        StringBuilder keys = new StringBuilder(k);
        for (int i = 0; i < quoting.opens().size(); i++) {
            keys.append('|').append(RegexText.quote(quoting.opens().get(i))).append(k).append(RegexText.quote(quoting.closes().get(i)));
        }
        if (!delimited) {
            return "(?:^|[^" + WORD + "])(?:" + keys + ")[^" + WORD + "]+?";
        }
        String pd = RegexText.quote(first(o, "pair_delimiter"));
        String kv = RegexText.quote(first(o, "kv_delimiter"));
        return "(?:^|" + pd + ")\\s*(?:" + keys + ")\\s*" + kv + "\\s*";
    }

    /** A value written without quotes, as one capturing group. */
    private static String bare(Map<String, List<String>> o, boolean delimited) {
        if (!delimited) {
            return "([" + WORD + "]+)";
        }
        String pd = RegexText.quote(first(o, "pair_delimiter"));
        String kv = RegexText.quote(first(o, "kv_delimiter"));
        if (o.containsKey("greedy") && "true".equals(first(o, "greedy"))) {
            return "(.*?)\\s*(?:" + pd + "[^" + pd + kv + "]+" + kv + ".*)?$";
        }
        return "([^" + pd + "]*?)\\s*(?:" + pd + "|$)";
    }

    private static Rex value(Rex source, String keyPart, String bare, Quoting quoting) {
        if (!quoting.any()) {
            return extract(keyPart + bare, 1, source);
        }
        String esc = quoting.escapeClass();
        StringBuilder alternatives = new StringBuilder();
        for (int i = 0; i < quoting.opens().size(); i++) {
            String open = RegexText.quote(quoting.opens().get(i));
            String close = RegexText.quote(quoting.closes().get(i));
            String inside = esc == null ? "[^" + close + "]*" : "(?:" + esc + ".|[^" + close + RegexText.quote(quoting.escapes()) + "])*";
            alternatives.append(open).append('(').append(inside).append(')').append(close).append('|');
        }
        String re = keyPart + "(?:" + alternatives + bare + ")";
        List<Rex> parts = new ArrayList<>();
        for (int i = 0; i < quoting.opens().size(); i++) {
            parts.add(unescaped(extract(re, i + 1, source), esc));
        }
        parts.add(extract(re, quoting.opens().size() + 1, source));
        return new Rex.Call("strcat", parts, KqlType.STRING);
    }

    /** A quoted value with each escape character dropped and the character after it kept. */
    private static Rex unescaped(Rex quoted, String escapeClass) {
        if (escapeClass == null) {
            return quoted;
        }
        return new Rex.Call("replace_regex", List.of(quoted, new Rex.Lit("(?s)" + escapeClass + "(.)", KqlType.STRING),
                new Rex.Lit("\\1", KqlType.STRING)), KqlType.STRING);
    }

    private static Rex extract(String re, long group, Rex source) {
        return new Rex.Call("extract", List.of(new Rex.Lit("(?s)" + re, KqlType.STRING), new Rex.Lit(group, KqlType.LONG), source), KqlType.STRING);
    }
}
