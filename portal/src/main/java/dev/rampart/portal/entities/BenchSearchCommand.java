package dev.rampart.portal.entities;

import dev.rampart.portal.cli.Command;
import dev.rampart.portal.entities.SearchIndex.Entry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code bench-search [entities] [queries]}: builds a search index of generated entities (devices, users, files,
 * IPs, domains; 100,000 by default) in this run, then times full suggestion look-ups (every section, as the top bar
 * asks) against a baseline that scans the same entries in memory with the same matching rule. Prints p50/p99 of
 * both and the ratio. Target: p99 ≤ 50 ms.
 */
@Component
class BenchSearchCommand implements Command {
    static final double TARGET_P99_MS = 50.0;

    @Override
    public String name() {
        return "bench-search";
    }

    @Override
    public String usage() {
        return "[entities] [queries]  time search suggestions on a generated index against an in-memory scan";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int n = args.isEmpty() ? 100_000 : Integer.parseInt(args.get(0));
        int queries = args.size() < 2 ? 2_000 : Integer.parseInt(args.get(1));
        List<Entry> entries = generate(n, new Random(42));
        long t0 = System.nanoTime();
        SearchIndex index = SearchIndex.build(entries);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        Scan scan = new Scan(entries);
        List<String> qs = queries(entries, queries, new Random(7));
        // Warm both paths so neither pays for JIT compilation in the timed part.
        for (String q : qs.subList(0, Math.min(300, qs.size()))) {
            suggest(index, q);
            scan.suggest(q);
        }
        long[] lucene = new long[qs.size()];
        long[] base = new long[qs.size()];
        int found = 0;
        for (int i = 0; i < qs.size(); i++) {
            long a = System.nanoTime();
            found += suggest(index, qs.get(i));
            lucene[i] = System.nanoTime() - a;
            long b = System.nanoTime();
            scan.suggest(qs.get(i));
            base[i] = System.nanoTime() - b;
        }
        double lp50 = pct(lucene, 50), lp99 = pct(lucene, 99), bp50 = pct(base, 50), bp99 = pct(base, 99);
        out.printf("index: %,d entities built in %,d ms; %,d queries, %,d hits%n", index.size(), buildMs, qs.size(), found);
        out.printf("lucene suggest: p50 %.2f ms  p99 %.2f ms%n", lp50, lp99);
        out.printf("in-memory scan: p50 %.2f ms  p99 %.2f ms%n", bp50, bp99);
        boolean ok = lp99 <= TARGET_P99_MS;
        out.printf("bench-search: p99 %.2f ms on %,d entities (target <= %.0f ms: %s); %.1fx faster than the scan at p99, %.1fx at p50%n",
                lp99, index.size(), TARGET_P99_MS, ok ? "met" : "MISSED", bp99 / lp99, bp50 / lp50);
        return ok ? 0 : 1;
    }

    private static int suggest(SearchIndex index, String q) {
        int hits = 0;
        for (String type : SearchSections.ORDER) {
            hits += index.search(q, type, 5, h -> true).size();
        }
        return hits;
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    static List<Entry> generate(int n, Random r) {
        String[] first = {"evelyn", "sharon", "marcus", "li", "ana", "omar", "priya", "john", "fatima", "kenji", "olga", "diego", "amara", "tom", "nina"};
        String[] last = {"parker", "turner", "nguyen", "smith", "garcia", "khan", "patel", "ito", "novak", "silva", "okafor", "berg", "rossi", "cohen"};
        String[] sites = {"chi", "nyc", "lon", "ber", "sgp", "syd", "tor", "par"};
        String[] words = {"update", "cdn", "login", "mail", "files", "portal", "api", "static", "secure", "shop", "news", "cloud"};
        String[] exes = {"svchost", "chrome", "outlook", "powershell", "setup", "agent", "helper", "teams", "excel", "tool"};
        List<Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0 -> out.add(new Entry(SearchSections.DEVICE, String.format("%040x", i), sites[r.nextInt(sites.length)] + "-" + (r.nextBoolean() ? "lt" : "dt")
                        + "-" + (1000 + i) + ".corp.example", "Windows11", r.nextInt(1000), null));
                case 1 -> {
                    String f = first[r.nextInt(first.length)], l = last[r.nextInt(last.length)];
                    out.add(new Entry(SearchSections.USER, f + "." + l + i + "@corp.example", cap(f) + " " + cap(l) + " " + i, f.charAt(0) + l + i, r.nextInt(1000), null));
                }
                case 2 -> out.add(new Entry(SearchSections.FILE, String.format("%08x%032x", r.nextInt(), (long) i * 7919), exes[r.nextInt(exes.length)] + i + ".exe",
                        null, r.nextInt(1000), null));
                case 3 -> {
                    String ip = (10 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
                    out.add(new Entry(SearchSections.IP, ip, ip, null, r.nextInt(1000), null));
                }
                default -> {
                    String d = words[r.nextInt(words.length)] + i + "." + words[r.nextInt(words.length)] + ".example";
                    out.add(new Entry(SearchSections.URL, d, d, null, r.nextInt(1000), null));
                }
            }
        }
        return out;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** What people type: the first 1–10 characters of a label, a key or a later word of the label. */
    static List<String> queries(List<Entry> entries, int count, Random r) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Entry e = entries.get(r.nextInt(entries.size()));
            String src = switch (r.nextInt(3)) {
                case 0 -> e.label();
                case 1 -> e.key();
                default -> {
                    String[] parts = e.label().split("[^A-Za-z0-9]+");
                    yield parts[parts.length > 1 ? 1 : 0];
                }
            };
            out.add(src.substring(0, Math.min(src.length(), 1 + r.nextInt(10))));
        }
        return out;
    }

    /** Baseline: the same rule as the index (every query token prefixes an entry token, or the text prefixes the whole label/key), by scanning. */
    static final class Scan {
        private final List<Entry> entries;
        private final String[][] tokens;

        Scan(List<Entry> entries) {
            this.entries = entries;
            this.tokens = new String[entries.size()][];
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Set<String> t = new LinkedHashSet<>();
                SearchIndex.tokens(e.label(), t);
                SearchIndex.tokens(e.key(), t);
                SearchIndex.tokens(e.detail(), t);
                tokens[i] = t.toArray(new String[0]);
            }
        }

        int suggest(String text) {
            String q = text.toLowerCase();
            Set<String> qt = new LinkedHashSet<>();
            SearchIndex.tokens(q, qt);
            int hits = 0;
            for (String type : SearchSections.ORDER) {
                List<Entry> matched = new ArrayList<>();
                for (int i = 0; i < tokens.length; i++) {
                    Entry e = entries.get(i);
                    if (e.type().equals(type) && matches(q, qt, e, tokens[i])) {
                        matched.add(e);
                    }
                }
                matched.sort(Comparator.comparingLong(Entry::weight).reversed());
                hits += Math.min(5, matched.size());
            }
            return hits;
        }

        private static boolean matches(String q, Set<String> qt, Entry e, String[] toks) {
            if (e.label().toLowerCase().startsWith(q) || e.key().toLowerCase().startsWith(q)) {
                return true;
            }
            for (String t : qt) {
                boolean any = false;
                for (String et : toks) {
                    if (et.startsWith(t)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return !qt.isEmpty();
        }
    }
}
