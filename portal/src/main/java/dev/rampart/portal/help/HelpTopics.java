package dev.rampart.portal.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The portal's own help topics, written as a small markdown subset under {@code classpath:help/<slug>.md}:
 * {@code # title}, a first paragraph used as the summary, {@code ## heading}, paragraphs and {@code - } bullets.
 * Topics are parsed into blocks that templates render escaped, so no HTML comes from the files.
 */
@Service
public class HelpTopics {
    static final List<String> SLUGS = List.of("hunting", "incident-correlation", "onboarding-data", "data-scope", "workloads", "submissions", "live-response", "explorer", "threat-intelligence", "attack-paths", "deception");

    /** A heading, a paragraph or one bullet list. */
    public record Block(String kind, String text, List<String> items) {
    }

    /** A run of text; {@code code} runs were written between backticks and show in monospace. */
    public record Span(String text, boolean code) {
    }

    /** Splits text on backticks into plain and code runs. */
    public static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                out.add(new Span(parts[i], i % 2 == 1));
            }
        }
        return out;
    }

    public record Topic(String slug, String title, String summary, List<Block> blocks, Set<String> words) {
        public String link() {
            return "/help/" + slug;
        }
    }

    private final List<Topic> topics;

    HelpTopics() {
        List<Topic> t = new ArrayList<>();
        for (String slug : SLUGS) {
            try (InputStream in = HelpTopics.class.getResourceAsStream("/help/" + slug + ".md")) {
                if (in == null) {
                    throw new IllegalStateException("help topic missing: " + slug);
                }
                t.add(parse(slug, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        topics = List.copyOf(t);
    }

    public List<Topic> all() {
        return topics;
    }

    public Optional<Topic> get(String slug) {
        return topics.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /**
     * Topics where every word typed prefixes a word of the topic; topics whose title matches come first.
     */
    public List<Topic> search(String text, int limit) {
        Set<String> q = words(text);
        if (q.isEmpty()) {
            return List.of();
        }
        List<Topic> inTitle = new ArrayList<>();
        List<Topic> inBody = new ArrayList<>();
        for (Topic t : topics) {
            if (matches(q, words(t.title()))) {
                inTitle.add(t);
            } else if (matches(q, t.words())) {
                inBody.add(t);
            }
        }
        inTitle.addAll(inBody);
        return inTitle.stream().limit(limit).toList();
    }

    private static boolean matches(Set<String> query, Set<String> words) {
        return query.stream().allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)));
    }

    static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static Topic parse(String slug, String md) {
        String title = slug;
        String summary = null;
        List<Block> blocks = new ArrayList<>();
        List<String> bullets = null;
        for (String raw : md.split("\\R")) {
            String line = raw.strip();
            if (!line.startsWith("- ")) {
                bullets = null;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("## ")) {
                blocks.add(new Block("heading", line.substring(3), List.of()));
            } else if (line.startsWith("# ")) {
                title = line.substring(2);
            } else if (line.startsWith("- ")) {
                if (bullets == null) {
                    bullets = new ArrayList<>();
                    blocks.add(new Block("list", null, bullets));
                }
                bullets.add(line.substring(2));
            } else if (summary == null) {
                summary = line;
            } else {
                blocks.add(new Block("paragraph", line, List.of()));
            }
        }
        return new Topic(slug, title, summary == null ? "" : summary, List.copyOf(blocks), words(md));
    }
}
