package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * parse-kv: each declared key becomes a column holding its value, converted to the declared type.
 * With delimiters, one RE2 pattern per key finds "key=value" (the key at the start or after a pair
 * delimiter, quoted or not); the value ends at the next pair delimiter, or with greedy=true at the next
 * "delimiter key=" or the end; a quoted value runs to its closing quote. With regex=, the pattern's first
 * group is the key and the second the value.
 */
final class ParseKv {
    private static final Set<String> OPTIONS = Set.of("pair_delimiter", "kv_delimiter", "quote", "greedy", "regex", "escape");
    private final ExprAnalyzer x;

    ParseKv(ExprAnalyzer x) {
        this.x = x;
    }

    Rel apply(Rel in, Operator.ParseKv p) {
        Map<String, String> o = p.options();
        for (String k : o.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "Unknown parse-kv option '" + k + "'",
                        "Use pair_delimiter, kv_delimiter, quote, escape, greedy or regex.");
            }
        }
        if (o.containsKey("escape")) {
            throw KqlException.unsupported(p.span(), "parse-kv:escape", "parse-kv with escape=");
        }
        if (!o.containsKey("regex") && (!o.containsKey("pair_delimiter") || !o.containsKey("kv_delimiter"))) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "parse-kv needs with (pair_delimiter=..., kv_delimiter=...) or with (regex=...)",
                    "For example: parse-kv Text as (user: string) with (pair_delimiter=' ', kv_delimiter='=').");
        }
        Rex source = Types.string(x.analyze(p.source(), Operators.scope(in)));
        List<Rel.NamedRex> cols = new ArrayList<>();
        in.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        for (Expr.ColumnDecl key : p.keys()) {
            KqlType t = Analyzer.type(key.type(), key.span());
            Rex text = o.containsKey("regex")
                    ? new Rex.Call("parse_kv_regex", List.of(source, new Rex.Lit(o.get("regex"), KqlType.STRING),
                    new Rex.Lit(key.name(), KqlType.STRING)), KqlType.STRING)
                    : delimited(source, key.name(), o);
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

    private static Rex delimited(Rex source, String key, Map<String, String> o) {
        String pd = RegexText.quote(o.get("pair_delimiter"));
        String kv = RegexText.quote(o.get("kv_delimiter"));
        String q = o.getOrDefault("quote", "");
        String open = q.isEmpty() ? null : RegexText.quote(q.substring(0, 1));
        String close = q.isEmpty() ? null : RegexText.quote(q.substring(q.length() - 1));
        String k = RegexText.quote(key);
        String keyPart = "(?:^|" + pd + ")" + (open == null ? k : "(?:" + k + "|" + open + k + close + ")") + kv;
        boolean greedy = "true".equals(o.get("greedy"));
        String plain = greedy ? "(.*?)(?:" + pd + "[^" + pd + kv + "]+" + kv + ".*)?$" : "([^" + pd + "]*)";
        if (open == null) {
            return extract(keyPart + plain, 1, source);
        }
        // Exactly one alternative takes part in a match; the other group extracts as "".
        String re = keyPart + "(?:" + open + "([^" + close + "]*)" + close + "|" + plain + ")";
        return new Rex.Call("strcat", List.of(extract(re, 1, source), extract(re, 2, source)), KqlType.STRING);
    }

    private static Rex extract(String re, long group, Rex source) {
        return new Rex.Call("extract", List.of(new Rex.Lit("(?s)" + re, KqlType.STRING), new Rex.Lit(group, KqlType.LONG), source), KqlType.STRING);
    }
}
