package dev.rampart.portal.sigma;

import dev.rampart.kql.analyzer.RegexText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * KQL for {@link Expr.Text} tests, and the {@code or} of several tests of one computed subject (a field read from
 * {@code AdditionalFields}) as a single {@code matches regex}.
 *
 * <p>Why: the event store evaluates every test on its own, and each one parses the row's AdditionalFields JSON again
 * and keeps the parsed chunk until the filter is done. A Sigma value list of two hundred PowerShell cmdlet names over
 * a few hundred module-logging events (payloads of tens of KB) needed more than 4 GB that way. The regex reads the
 * subject once per row.
 *
 * <p>The regex accepts exactly the rows the tests did. Case-insensitive tests compare {@code tolower(subject)} with
 * the literal lowered the way the hunting compiler lowers it ({@link Locale#ROOT}), so the regex runs over
 * {@code tolower(subject)} with the same lowered literals; EQUALS, STARTSWITH and ENDSWITH become {@code ^v$},
 * {@code ^v} and {@code v$} (RE2 anchors at the text's ends without the m flag). Wildcard patterns carry their own
 * {@code (?is)}/{@code (?s)} flags, so they are grouped apart from literals and by case. An {@code or} of tests
 * is false, never null, where the field is missing, which {@code not(...)} turns into true; a regex over a missing
 * field is null, hence {@code coalesce(..., false)}.
 */
final class TextAlternation {
    /** Longest pattern put in one regex; longer lists (IOC lists) are split over several so each compiles small. */
    static final int MAX_PATTERN = 16_000;

    private record Group(String subject, boolean wildcard, boolean cased) {
    }

    private TextAlternation() {
    }

    /** The test on its own, as the KQL operator. */
    static String single(Expr.Text t) {
        String cs = t.cased() ? "_cs" : "";
        String v = KqlText.lit(t.value());
        return switch (t.op()) {
            case EQUALS -> t.subject() + (t.cased() ? " == " : " =~ ") + v;
            case CONTAINS -> t.subject() + " contains" + cs + " " + v;
            case STARTSWITH -> t.subject() + " startswith" + cs + " " + v;
            case ENDSWITH -> t.subject() + " endswith" + cs + " " + v;
            case WILDCARD -> t.subject() + " matches regex " + KqlText.lit((t.cased() ? "(?s)" : "(?is)") + t.value());
        };
    }

    /**
     * The parts of an {@code or} with the tests of each computed subject (two or more of the same kind) replaced, at the
     * place of the first, by regex leaves; everything else as it was.
     */
    static List<Expr> merge(List<Expr> parts) {
        Map<Group, List<Expr.Text>> groups = new LinkedHashMap<>();
        for (Expr p : parts) {
            if (p instanceof Expr.Text t && computed(t.subject())) {
                groups.computeIfAbsent(group(t), k -> new ArrayList<>()).add(t);
            }
        }
        if (groups.values().stream().noneMatch(g -> g.size() > 1)) {
            return parts;
        }
        List<Expr> out = new ArrayList<>();
        Set<Group> written = new LinkedHashSet<>();
        for (Expr p : parts) {
            if (p instanceof Expr.Text t && computed(t.subject()) && groups.get(group(t)).size() > 1) {
                Group g = group(t);
                if (written.add(g)) {
                    out.addAll(regexes(g, groups.get(g)));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** A bare column costs nothing to read again; anything else (a JSON field, a conversion) is recomputed per test. */
    private static boolean computed(String subject) {
        return !subject.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private static Group group(Expr.Text t) {
        return new Group(t.subject(), t.op() == TextOp.WILDCARD, t.cased());
    }

    private static List<Expr> regexes(Group g, List<Expr.Text> tests) {
        Set<String> alternatives = new LinkedHashSet<>();
        for (Expr.Text t : tests) {
            alternatives.add(alternative(t));
        }
        String flags = g.wildcard() ? (g.cased() ? "(?s)" : "(?is)") : "";
        String subject = g.wildcard() || g.cased() ? g.subject() : "tolower(" + g.subject() + ")";
        List<Expr> out = new ArrayList<>();
        StringBuilder pattern = new StringBuilder();
        for (String a : alternatives) {
            if (pattern.length() > 0 && pattern.length() + 1 + a.length() > MAX_PATTERN) {
                out.add(regex(subject, flags + pattern));
                pattern.setLength(0);
            }
            pattern.append(pattern.length() > 0 ? "|" : "").append(a);
        }
        out.add(regex(subject, flags + pattern));
        return out;
    }

    private static Expr regex(String subject, String pattern) {
        return new Expr.Leaf("coalesce(" + subject + " matches regex " + KqlText.lit(pattern) + ", false)");
    }

    private static String alternative(Expr.Text t) {
        if (t.op() == TextOp.WILDCARD) {
            return "(?:" + t.value() + ")";
        }
        String v = RegexText.quote(t.cased() ? t.value() : t.value().toLowerCase(Locale.ROOT));
        return switch (t.op()) {
            case EQUALS -> "^" + v + "$";
            case STARTSWITH -> "^" + v;
            case ENDSWITH -> v + "$";
            default -> v;
        };
    }
}
