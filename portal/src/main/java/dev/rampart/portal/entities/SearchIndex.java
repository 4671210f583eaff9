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
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An immutable in-memory Lucene index of searchable things (entities and pages) for type-ahead. Every entry is
 * indexed under the lower-cased tokens of its label, key and detail (split on anything but letters and digits)
 * and under its whole lower-cased label and key, so "chi-lt", "evelyn par", "10.0.1" and "evelyn.parker@" all
 * match by prefix. Hits rank exact and leading matches first, then by weight (e.g. how often it was seen).
 */
public final class SearchIndex implements AutoCloseable {
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

    private static final String TYPE = "type";
    private static final String TOK = "tok";
    private static final String WHOLE = "whole";
    private static final String WEIGHT = "weight";
    private static final String SEEN = "seen";
    /** Short prefixes are indexed as terms: expanding "a" or "10" over every token costs too much at query time. */
    private static final String PRE = "pre";
    private static final String WHOLE_PRE = "wpre";
    private static final int SHORT = 3;
    private static final Sort RANK = new Sort(SortField.FIELD_SCORE, new SortField(WEIGHT, SortField.Type.LONG, true));

    private final ByteBuffersDirectory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int size;

    private SearchIndex(ByteBuffersDirectory dir, DirectoryReader reader, int size) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.size = size;
    }

    public static SearchIndex build(Iterable<Entry> entries) {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        int n = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64))) {
            for (Entry e : entries) {
                Document d = new Document();
                d.add(new StringField(TYPE, e.type(), Field.Store.YES));
                d.add(new StoredField("key", e.key()));
                d.add(new StoredField("label", e.label() == null ? e.key() : e.label()));
                if (e.detail() != null) {
                    d.add(new StoredField("detail", e.detail()));
                }
                if (e.permission() != null) {
                    d.add(new StoredField("perm", e.permission()));
                }
                Set<String> toks = new LinkedHashSet<>();
                tokens(e.label(), toks);
                tokens(e.key(), toks);
                tokens(e.detail(), toks);
                Set<String> pre = new LinkedHashSet<>();
                for (String t : toks) {
                    d.add(new StringField(TOK, t, Field.Store.NO));
                    for (int i = 1; i <= Math.min(SHORT, t.length()); i++) {
                        pre.add(t.substring(0, i));
                    }
                }
                for (String p : pre) {
                    d.add(new StringField(PRE, p, Field.Store.NO));
                }
                Set<String> wholePre = new LinkedHashSet<>();
                for (String whole : new String[] {e.label(), e.key()}) {
                    if (whole != null) {
                        String w0 = whole.toLowerCase(Locale.ROOT);
                        d.add(new StringField(WHOLE, w0, Field.Store.NO));
                        for (int i = 1; i <= Math.min(SHORT, w0.length()); i++) {
                            wholePre.add(w0.substring(0, i));
                        }
                    }
                }
                for (String p : wholePre) {
                    d.add(new StringField(WHOLE_PRE, p, Field.Store.NO));
                }
                if (e.seen() != null) {
                    for (String t : e.seen()) {
                        d.add(new StringField(SEEN, t, Field.Store.NO));
                    }
                }
                d.add(new NumericDocValuesField(WEIGHT, e.weight()));
                w.addDocument(d);
                n++;
            }
            w.forceMerge(1);
            w.commit();
            return new SearchIndex(dir, DirectoryReader.open(dir), n);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int size() {
        return size;
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
     * caller may not see (checked after ranking, so a few more are fetched than asked).
     */
    public List<Hit> search(String text, String type, int limit, Predicate<Hit> visible) {
        return search(text, type, limit, visible, null);
    }

    /**
     * {@link #search(String, String, int, Predicate)} among entries seen where one of {@code seenAny} says (null =
     * anywhere). The condition is part of the Lucene query, so hidden entries never crowd out visible ones.
     */
    public List<Hit> search(String text, String type, int limit, Predicate<Hit> visible, Set<String> seenAny) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Set<String> toks = new LinkedHashSet<>();
        tokens(q, toks);
        if (q.isEmpty() || toks.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String t : toks) {
            all.add(t.length() <= SHORT ? new ConstantScoreQuery(new TermQuery(new Term(PRE, t))) : new PrefixQuery(new Term(TOK, t)), Occur.MUST);
        }
        // Either every token prefixes a token of the entry, or the whole text prefixes its label or key.
        BooleanQuery.Builder either = new BooleanQuery.Builder()
                .add(all.build(), Occur.SHOULD)
                .add(new BoostQuery(q.length() <= SHORT ? new ConstantScoreQuery(new TermQuery(new Term(WHOLE_PRE, q))) : new PrefixQuery(new Term(WHOLE, q)), 4f), Occur.SHOULD)
                .add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(WHOLE, q))), 16f), Occur.SHOULD)
                .setMinimumNumberShouldMatch(1);
        BooleanQuery.Builder qb = new BooleanQuery.Builder()
                .add(either.build(), Occur.MUST)
                .add(new TermQuery(new Term(TYPE, type)), Occur.FILTER);
        if (seenAny != null) {
            if (seenAny.isEmpty()) {
                return List.of();
            }
            qb.add(new TermInSetQuery(SEEN, seenAny.stream().map(org.apache.lucene.util.BytesRef::new).toList()), Occur.FILTER);
        }
        BooleanQuery query = qb.build();
        try {
            TopDocs top = searcher.search(query, limit * 3 + 5, RANK, false);
            List<Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                Hit h = new Hit(d.get(TYPE), d.get("key"), d.get("label"), d.get("detail"), d.get("perm"));
                if (visible.test(h)) {
                    hits.add(h);
                    if (hits.size() == limit) {
                        break;
                    }
                }
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
