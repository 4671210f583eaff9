package dev.rampart.portal.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The detection's {@code condition} (and/or/not, parentheses, {@code 1 of X*}, {@code all of X*}, {@code them}) over
 * its named selections. Several conditions in a list are alternatives. Aggregations ({@code | count()}) are refused.
 */
final class SigmaConditions {
    private final SigmaRule rule;
    private final SigmaValues values;
    private List<String> tokens;
    private int pos;

    SigmaConditions(SigmaRule rule, SigmaValues values) {
        this.rule = rule;
        this.values = values;
    }

    Expr compile() {
        Object cond = rule.detection().get("condition");
        List<String> conditions = new ArrayList<>();
        if (cond instanceof String s) {
            conditions.add(s);
        } else if (cond instanceof List<?> l) {
            l.forEach(c -> conditions.add(String.valueOf(c)));
        } else {
            throw new SigmaCompiler.Unsupported("detection has no condition");
        }
        List<Expr> alternatives = new ArrayList<>();
        for (String c : conditions) {
            if (c.contains("|")) {
                throw new SigmaCompiler.Unsupported("aggregation conditions (\"| count() ...\") are not supported");
            }
            tokens = tokenize(c);
            pos = 0;
            Expr e = or();
            if (pos != tokens.size()) {
                throw new SigmaCompiler.Unsupported("cannot read condition \"" + c + "\" at \"" + tokens.get(pos) + "\"");
            }
            alternatives.add(e);
        }
        return Expr.or(alternatives);
    }

    private static List<String> tokenize(String c) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < c.length()) {
            char ch = c.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '(' || ch == ')') {
                out.add(String.valueOf(ch));
                i++;
            } else {
                int j = i;
                while (j < c.length() && !Character.isWhitespace(c.charAt(j)) && c.charAt(j) != '(' && c.charAt(j) != ')') {
                    j++;
                }
                out.add(c.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Expr or() {
        List<Expr> parts = new ArrayList<>();
        parts.add(and());
        while ("or".equalsIgnoreCase(peek())) {
            pos++;
            parts.add(and());
        }
        return Expr.or(parts);
    }

    private Expr and() {
        List<Expr> parts = new ArrayList<>();
        parts.add(not());
        while ("and".equalsIgnoreCase(peek())) {
            pos++;
            parts.add(not());
        }
        return Expr.and(parts);
    }

    private Expr not() {
        if ("not".equalsIgnoreCase(peek())) {
            pos++;
            return Expr.not(not());
        }
        return primary();
    }

    private Expr primary() {
        String t = peek();
        if (t == null) {
            throw new SigmaCompiler.Unsupported("condition ends too early");
        }
        pos++;
        if (t.equals("(")) {
            Expr e = or();
            if (!")".equals(peek())) {
                throw new SigmaCompiler.Unsupported("unbalanced parentheses in condition");
            }
            pos++;
            return e;
        }
        if (t.equals("1") || t.equalsIgnoreCase("any") || t.equalsIgnoreCase("all")) {
            if (!"of".equalsIgnoreCase(peek())) {
                throw new SigmaCompiler.Unsupported("expected \"of\" after \"" + t + "\" in condition");
            }
            pos++;
            String target = peek();
            if (target == null) {
                throw new SigmaCompiler.Unsupported("condition ends after \"of\"");
            }
            pos++;
            List<Expr> parts = new ArrayList<>();
            for (String name : matching(target)) {
                parts.add(selection(name));
            }
            return t.equalsIgnoreCase("all") ? Expr.and(parts) : Expr.or(parts);
        }
        return selection(t);
    }

    private List<String> matching(String target) {
        List<String> names = new ArrayList<>();
        Pattern p = target.equals("them") ? null : Pattern.compile(Pattern.quote(target).replace("*", "\\E.*\\Q"));
        for (String k : rule.detection().keySet()) {
            if (!k.equals("condition") && !k.equals("timeframe") && (p == null || p.matcher(k).matches())) {
                names.add(k);
            }
        }
        if (names.isEmpty()) {
            throw new SigmaCompiler.Unsupported("condition names \"" + target + "\" but no selection matches it");
        }
        return names;
    }

    private Expr selection(String name) {
        if (!rule.detection().containsKey(name) || name.equals("condition")) {
            throw new SigmaCompiler.Unsupported("condition names unknown selection \"" + name + "\"");
        }
        Object sel = rule.detection().get(name);
        if (sel instanceof Map<?, ?> m) {
            return fields(m);
        }
        if (sel instanceof List<?> l) {
            List<Expr> parts = new ArrayList<>();
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    parts.add(fields(m));
                } else if (item instanceof List<?>) {
                    throw new SigmaCompiler.Unsupported("selection \"" + name + "\" nests lists");
                } else {
                    parts.add(values.keyword(item));
                }
            }
            return Expr.or(parts);
        }
        if (sel != null) {
            return values.keyword(sel);
        }
        throw new SigmaCompiler.Unsupported("selection \"" + name + "\" is empty");
    }

    private Expr fields(Map<?, ?> m) {
        List<Expr> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            parts.add(values.field(String.valueOf(e.getKey()), e.getValue()));
        }
        return Expr.and(parts);
    }
}
