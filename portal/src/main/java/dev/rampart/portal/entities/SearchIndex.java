package dev.rampart.portal.entities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An immutable in-memory Lucene index of searchable things (entities and pages) for type-ahead. Every entry is
 * indexed under the lower-cased tokens of its label, key and detail (split on anything but letters and digits)
 * and under its whole lower-cased label and key, so "chi-lt", "evelyn par", "10.0.1" and "evelyn.parker@" all
 * match by prefix. Hits rank exact and leading matches first, then by weight (e.g. how often it was seen).
 *
 * <p>Type-ahead must stay fast on large indexes, so: the prefixes people type (up to {@value #PREFIX} characters)
 * are indexed as terms of their own and match by term look-up, not by expanding a prefix over every token; one pass
 * over the matches fills a small top-k queue per section instead of one query per section; and hits are read from
 * the entries kept in memory by ordinal, never from stored fields.
 */
public final class SearchIndex implements AutoCloseable {
    /** One searchable thing; {@code permission} (a Permission name or null) limits who may see it. */
    /**
     * One searchable thing; {@code permission} (a Permission name or null) limits who may see it, and {@code seen}
     * (null = not scoped) where it was seen, as {@link SeenIn} tokens a data scope is matched against.
     */
    public record Entry(String type, String key, String label, String detail, long weight, String permission, Set<String> seen) {
        public Entry(String type, String key, String label, String detail, long weight, String permission) {
            this(type, key, label, detail, weight, permission, null);
        }
    }

    public record Hit(String type, String key, String label, String detail, String permission) {
    }

    private static final String TOK = "tok";
    private static final String WHOLE = "whole";
    private static final String WEIGHT = "weight";
    private static final String TYPE_ORD = "tord";
    private static final String ORD = "ord";
    /** Token prefixes of up to this many characters are indexed as terms; longer typed text is rare and selective. */
    static final int PREFIX = 8;
    private static final String PRE = "pre";
    private static final String WHOLE_PRE = "wpre";

    private final ByteBuffersDirectory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Entry[] entries;
    private final List<String> types;

    private SearchIndex(ByteBuffersDirectory dir, DirectoryReader reader, Entry[] entries, List<String> types) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setQueryCache(null);
        this.entries = entries;
        this.types = types;
    }

    public static SearchIndex build(Iterable<Entry> source) {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        List<Entry> kept = new ArrayList<>();
        List<String> types = new ArrayList<>();
        // A buffer that holds a large index whole avoids flushing segments only to merge them again.
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256))) {
            for (Entry e : source) {
                Document d = new Document();
                int t = types.indexOf(e.type());
                if (t < 0) {
                    t = types.size();
                    types.add(e.type());
                }
                d.add(new NumericDocValuesField(TYPE_ORD, t));
                d.add(new NumericDocValuesField(ORD, kept.size()));
                Set<String> toks = new LinkedHashSet<>();
                tokens(e.label(), toks);
                tokens(e.key(), toks);
                tokens(e.detail(), toks);
                Set<String> pre = new LinkedHashSet<>();
                for (String tok : toks) {
                    d.add(new StringField(TOK, tok, Field.Store.NO));
                    prefixes(tok, pre);
                }
                for (String p : pre) {
                    d.add(new StringField(PRE, p, Field.Store.NO));
                }
                Set<String> wholePre = new LinkedHashSet<>();
                for (String whole : new String[] {e.label(), e.key()}) {
                    if (whole != null) {
                        String w0 = whole.toLowerCase(Locale.ROOT);
                        d.add(new StringField(WHOLE, w0, Field.Store.NO));
                        prefixes(w0, wholePre);
                    }
                }
                for (String p : wholePre) {
                    d.add(new StringField(WHOLE_PRE, p, Field.Store.NO));
                }
                d.add(new NumericDocValuesField(WEIGHT, e.weight()));
                w.addDocument(d);
                kept.add(e);
            }
            w.forceMerge(1);
            w.commit();
            return new SearchIndex(dir, DirectoryReader.open(dir), kept.toArray(new Entry[0]), List.copyOf(types));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void prefixes(String s, Set<String> out) {
        for (int i = 1; i <= Math.min(PREFIX, s.length()); i++) {
            out.add(s.substring(0, i));
        }
    }

    public int size() {
        return entries.length;
    }

    /** Lower-case runs of letters and digits. */
    static void tokens(String s, Set<String> out) {
        if (s == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            } else if (!b.isEmpty()) {
                out.add(b.toString());
                b.setLength(0);
            }
        }
        if (!b.isEmpty()) {
            out.add(b.toString());
        }
    }

    /**
     * The best {@code limit} hits of one {@code type} for what the user typed; {@code visible} drops hits the
     * caller may not see.
     */
    public List<Hit> search(String text, String type, int limit, Predicate<Hit> visible) {
        return searchAll(text, java.util.Map.of(type, visible), limit).getOrDefault(type, List.of());
    }

    /** {@link #search(String, String, int, Predicate)} among entries seen where one of {@code seenAny} says (null = anywhere). */
    public List<Hit> search(String text, String type, int limit, Predicate<Hit> visible, Set<String> seenAny) {
        return searchAll(text, java.util.Map.of(type, visible), limit, seenAny == null ? java.util.Map.of() : java.util.Map.of(type, seenAny))
                .getOrDefault(type, List.of());
    }

    /**
     * The best {@code limit} hits of each section in {@code sections} (type → what the caller may see) in one pass over
     * the matches. Visibility is checked on every match before it competes for a place, so a narrow scope still gets
     * its best hits rather than whatever survives of everyone's. Sections without hits are absent from the answer.
     */
    public java.util.Map<String, List<Hit>> searchAll(String text, java.util.Map<String, Predicate<Hit>> sections, int limit) {
        return searchAll(text, sections, limit, java.util.Map.of());
    }

    /**
     * {@link #searchAll(String, java.util.Map, int)} where the sections named in {@code seenAny} only hold entries seen
     * where one of the given {@link SeenIn} tokens says; entries without a {@code seen} set are then left out.
     */
    public java.util.Map<String, List<Hit>> searchAll(String text, java.util.Map<String, Predicate<Hit>> sections, int limit,
                                                      java.util.Map<String, Set<String>> seenAny) {
        Query query = query(text);
        if (query == null || sections.isEmpty() || limit <= 0) {
            return java.util.Map.of();
        }
        @SuppressWarnings("unchecked")
        Predicate<Hit>[] byType = new Predicate[types.size()];
        for (int i = 0; i < types.size(); i++) {
            byType[i] = sections.get(types.get(i));
        }
        @SuppressWarnings("unchecked")
        Set<String>[] seenByType = new Set[types.size()];
        for (int i = 0; i < types.size(); i++) {
            seenByType[i] = seenAny.get(types.get(i));
        }
        TopPerType collector = new TopPerType(byType, seenByType, limit);
        try {
            searcher.search(query, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<String, List<Hit>> out = new java.util.LinkedHashMap<>();
        for (int t = 0; t < types.size(); t++) {
            List<Hit> hits = collector.best(t);
            if (!hits.isEmpty()) {
                out.put(types.get(t), hits);
            }
        }
        return out;
    }

    /** Either every typed token prefixes a token of the entry, or the whole text prefixes its label or key. */
    private static Query query(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Set<String> toks = new LinkedHashSet<>();
        tokens(q, toks);
        if (q.isEmpty() || toks.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String t : toks) {
            all.add(t.length() <= PREFIX ? new ConstantScoreQuery(new TermQuery(new Term(PRE, t))) : new ConstantScoreQuery(new PrefixQuery(new Term(TOK, t))), Occur.MUST);
        }
        return new BooleanQuery.Builder()
                .add(all.build(), Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(q.length() <= PREFIX ? new TermQuery(new Term(WHOLE_PRE, q)) : new PrefixQuery(new Term(WHOLE, q))), 4f), Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(WHOLE, q))), 16f), Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    private static boolean seenIn(Entry e, Set<String> allowed) {
        return e.seen() != null && !java.util.Collections.disjoint(e.seen(), allowed);
    }

    private Hit hit(int ord) {
        Entry e = entries[ord];
        return new Hit(e.type(), e.key(), e.label() == null ? e.key() : e.label(), e.detail(), e.permission());
    }

    /** Keeps, per section, the best visible matches by score, then weight, then index order. */
    private final class TopPerType implements Collector {
        private final Predicate<Hit>[] visible;
        private final Set<String>[] seen;
        private final int limit;
        private final List<java.util.PriorityQueue<long[]>> queues = new ArrayList<>();

        TopPerType(Predicate<Hit>[] visible, Set<String>[] seen, int limit) {
            this.visible = visible;
            this.seen = seen;
            this.limit = limit;
            for (int i = 0; i < visible.length; i++) {
                // Worst first, so the head is the one to drop; entries are {score bits, weight, ord}.
                queues.add(new java.util.PriorityQueue<>(limit + 1, (a, b) -> compare(b, a)));
            }
        }

        /** Negative when {@code a} ranks before {@code b}. */
        private static int compare(long[] a, long[] b) {
            int c = Float.compare(Float.intBitsToFloat((int) b[0]), Float.intBitsToFloat((int) a[0]));
            if (c != 0) {
                return c;
            }
            c = Long.compare(b[1], a[1]);
            return c != 0 ? c : Long.compare(a[2], b[2]);
        }

        List<Hit> best(int type) {
            List<long[]> all = new ArrayList<>(queues.get(type));
            all.sort(TopPerType::compare);
            List<Hit> out = new ArrayList<>(all.size());
            for (long[] x : all) {
                out.add(hit((int) x[2]));
            }
            return out;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
            NumericDocValues typeOrd = DocValues.getNumeric(ctx.reader(), TYPE_ORD);
            NumericDocValues ord = DocValues.getNumeric(ctx.reader(), ORD);
            NumericDocValues weight = DocValues.getNumeric(ctx.reader(), WEIGHT);
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable s) {
                    this.scorer = s;
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (!typeOrd.advanceExact(doc)) {
                        return;
                    }
                    int t = (int) typeOrd.longValue();
                    Predicate<Hit> v = visible[t];
                    if (v == null) {
                        return;
                    }
                    java.util.PriorityQueue<long[]> q = queues.get(t);
                    long w = weight.advanceExact(doc) ? weight.longValue() : 0;
                    float score = scorer.score();
                    ord.advanceExact(doc);
                    long[] cand = {Float.floatToIntBits(score), w, ord.longValue()};
                    // Cheap rank check first: the visibility test can cost more than a comparison.
                    if (q.size() >= limit && compare(cand, q.peek()) >= 0) {
                        return;
                    }
                    if (seen[t] != null && !seenIn(entries[(int) cand[2]], seen[t])) {
                        return;
                    }
                    if (!v.test(hit((int) cand[2]))) {
                        return;
                    }
                    q.add(cand);
                    if (q.size() > limit) {
                        q.poll();
                    }
                }
            };
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
