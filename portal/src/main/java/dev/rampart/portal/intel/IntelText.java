package dev.rampart.portal.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Markdown-flavoured descriptions of STIX objects into paragraphs of text and links: {@code (Citation: ...)}
 * markers are dropped, {@code [name](url)} becomes a link — to the portal's own profile when the URL is an ATT&CK page
 * of an imported object, else to the URL when it is http(s), else plain text.
 */
public final class IntelText {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]{1,300})\\]\\(([^)\\s]{1,1000})\\)");
    private static final Pattern CITATION = Pattern.compile("\\s*\\(Citation:[^)]{0,500}\\)");
    // Inline markup some sources put in descriptions; the text is shown, never the tags.
    private static final Pattern TAG = Pattern.compile("</?(?:code|b|i|em|strong|tt|span|sup|sub)\\s*>|<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTACK = Pattern.compile("^https?://attack\\.mitre\\.org/(?:groups|software|campaigns|techniques|tactics)/([A-Z]{1,2}\\d{4})(?:/(\\d{3}))?/?$");

    private IntelText() {
    }

    /** A run of text; {@code href} is null for plain text, {@code internal} when it opens a portal page. */
    public record Segment(String text, String href, boolean internal) {
    }

    public static List<List<Segment>> paragraphs(String description, Predicate<String> known) {
        List<List<Segment>> out = new ArrayList<>();
        if (description == null || description.isBlank()) {
            return out;
        }
        String text = TAG.matcher(CITATION.matcher(description.replace("\r\n", "\n")).replaceAll("")).replaceAll("");
        for (String para : text.split("\n\\s*\n")) {
            if (para.isBlank()) {
                continue;
            }
            List<Segment> segs = new ArrayList<>();
            Matcher m = LINK.matcher(para);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    segs.add(new Segment(para.substring(at, m.start()), null, false));
                }
                segs.add(link(m.group(1), m.group(2), known));
                at = m.end();
            }
            if (at < para.length()) {
                segs.add(new Segment(para.substring(at), null, false));
            }
            out.add(segs);
        }
        return out;
    }

    /** The first paragraph as plain text, cut at {@code max} characters, for lists. */
    public static String summary(String description, int max) {
        List<List<Segment>> p = paragraphs(description, id -> false);
        if (p.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        p.get(0).forEach(s -> b.append(s.text()));
        String s = b.toString().strip();
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }

    private static Segment link(String text, String url, Predicate<String> known) {
        Matcher a = ATTACK.matcher(url);
        if (a.matches()) {
            String id = a.group(1) + (a.group(2) == null ? "" : "." + a.group(2));
            if (known.test(id)) {
                return new Segment(text, id.startsWith("TA") ? "/threat-intelligence/attack" : "/threat-intelligence/profiles/" + id, true);
            }
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new Segment(text, url, false);
        }
        return new Segment(text, null, false);
    }
}
