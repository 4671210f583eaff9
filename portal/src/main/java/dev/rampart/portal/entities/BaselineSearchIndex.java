package dev.rampart.portal.entities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The search index as it was before type-ahead was tuned, kept only as the baseline {@code bench-search} measures the
 * current {@link SearchIndex} against in the same run: one query per section, prefixes longer than three characters
 * expanded over every token at query time, and hits read from stored fields.
 */
final class BaselineSearchIndex implements AutoCloseable {
    private record Hit(String type, String key, String label, String detail, String permission) {
    }

    private static final String TYPE = "type";
    private static final String TOK = "tok";
    private static final String WHOLE = "whole";
    private static final String WEIGHT = "weight";
    /** Short prefixes are indexed as terms: expanding "a" or "10" over every token costs too much at query time. */
    private static final String PRE = "pre";
    private static final String WHOLE_PRE = "wpre";
    private static final int SHORT = 3;
    private static final Sort RANK = new Sort(SortField.FIELD_SCORE, new SortField(WEIGHT, SortField.Type.LONG, true));

    private final ByteBuffersDirectory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int size;

    private BaselineSearchIndex(ByteBuffersDirectory dir, DirectoryReader reader, int size) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.size = size;
    }

    static BaselineSearchIndex build(Iterable<SearchIndex.Entry> entries) {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        int n = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64))) {
            for (SearchIndex.Entry e : entries) {
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
                SearchIndex.tokens(e.label(), toks);
                SearchIndex.tokens(e.key(), toks);
                SearchIndex.tokens(e.detail(), toks);
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
                d.add(new NumericDocValuesField(WEIGHT, e.weight()));
                w.addDocument(d);
                n++;
            }
            w.forceMerge(1);
            w.commit();
            return new BaselineSearchIndex(dir, DirectoryReader.open(dir), n);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int size() {
        return size;
    }

    /** How many of the best {@code limit} hits of one {@code type} were found (their stored fields are read, as shown hits were). */
    int search(String text, String type, int limit) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Set<String> toks = new LinkedHashSet<>();
        SearchIndex.tokens(q, toks);
        if (q.isEmpty() || toks.isEmpty()) {
            return 0;
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
        BooleanQuery query = new BooleanQuery.Builder()
                .add(either.build(), Occur.MUST)
                .add(new TermQuery(new Term(TYPE, type)), Occur.FILTER)
                .build();
        try {
            TopDocs top = searcher.search(query, limit * 3 + 5, RANK, false);
            List<Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                Hit h = new Hit(d.get(TYPE), d.get("key"), d.get("label"), d.get("detail"), d.get("perm"));
                hits.add(h);
                if (hits.size() == limit) {
                    break;
                }
            }
            return hits.size();
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
